package export

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"staffplan/data/calc"
	"staffplan/data/i18n"
	"staffplan/data/model"
)

// KindCalc is the calculator report.
const KindCalc = "calc"

// calcLabels holds the fixed texts of the calculator report in one language.
type calcLabels struct {
	driversSheet, resultsSheet, titleWord, basis string
	driverHead, resultHead                       []string
	inBand, outOfBand, errorText, check          string
}

func newCalcLabels(lang string) calcLabels {
	t := func(key string) string { return i18n.T(lang, key, nil) }
	return calcLabels{driversSheet: t("export.calc.drivers_sheet"), resultsSheet: t("export.calc.results_sheet"),
		titleWord: t("export.calc.title"), basis: t("export.calc.basis"),
		driverHead: []string{t("export.calc.col.driver"), t("export.calc.col.key"), t("export.calc.col.unit"), t("export.calc.col.value")},
		resultHead: []string{t("export.calc.col.rule"), t("export.calc.col.target_unit"), t("export.calc.col.post"), t("export.calc.col.exact"),
			t("export.calc.col.required"), t("export.calc.col.counts"), t("export.calc.col.planned"), t("export.calc.col.actual"),
			t("export.calc.col.gap"), t("export.calc.col.arithmetic"), t("export.calc.col.source")},
		inBand: t("export.calc.in_band"), outOfBand: t("export.calc.out_of_band"), errorText: t("export.calc.error"), check: t("export.calc.check"),
	}
}

// CalcReportWorkbook writes the calculator as it shows: every rule's result
// with its arithmetic and source, then the drivers with the working-time
// basis, so the numbers can be justified on paper.
func CalcReportWorkbook(w io.Writer, d *model.PlanData, s *calc.Sheet, opt Options) error {
	lang := exportLang(opt.Lang)
	t := newCalcLabels(lang)
	f := excelize.NewFile()
	defer f.Close()
	// Results first: they are what the report is for, and the sheet a
	// spreadsheet opens, prints first and converts to CSV.
	if err := f.SetSheetName("Sheet1", t.resultsSheet); err != nil {
		return err
	}
	if _, err := f.NewSheet(t.driversSheet); err != nil {
		return err
	}
	st := newStyles(f)
	head, err := st.get(styleKey{role: roleHeader})
	if err != nil {
		return err
	}
	textStyle, err := st.get(styleKey{role: roleText})
	if err != nil {
		return err
	}
	l := labelsFor(lang)
	title := l.titled(titleWith(planTitle(d), t.titleWord, lang), opt.dateText())
	b := d.Plan.Basis
	ds := t.driversSheet
	set := func(sheet, cell string, v any) error { return f.SetCellValue(sheet, cell, v) }
	if err := set(ds, "A1", title); err != nil {
		return err
	}
	if err := set(ds, "A2", t.basis+": "+i18n.Basis(lang, b.Kind, fmtNum(b.DaysPerMonth()), fmtNum(b.HoursPerMonth()))); err != nil {
		return err
	}
	if err := f.SetSheetRow(ds, "A4", &t.driverHead); err != nil {
		return err
	}
	if err := f.SetCellStyle(ds, "A4", "D4", head); err != nil {
		return err
	}
	for i, dr := range s.Drivers {
		r := strconv.Itoa(i + 5)
		row := []any{dr.Label, dr.Key, dr.Unit, dr.Value}
		if err := f.SetSheetRow(ds, "A"+r, &row); err != nil {
			return err
		}
		num, err := st.get(styleKey{role: roleNum, dec: decimals(dr.Value)})
		if err != nil {
			return err
		}
		if err := f.SetCellStyle(ds, "A"+r, "C"+r, textStyle); err != nil {
			return err
		}
		if err := f.SetCellStyle(ds, "D"+r, "D"+r, num); err != nil {
			return err
		}
	}
	for col, wd := range map[string]float64{"A": 24, "B": 16, "C": 14, "D": 14} {
		if err := f.SetColWidth(ds, col, col, wd); err != nil {
			return err
		}
	}
	if err := pageSetup(f, ds, l, planTitle(d), false, false, 4); err != nil {
		return err
	}

	rs := t.resultsSheet
	if err := calcResults(f, rs, title, t.resultHead, d, s, lang, func(r *calc.Row) []any {
		switch {
		case r.Problem != nil:
			return []any{nil, t.errorText, nil, nil, nil, nil, r.Problem.Error()}
		case r.IsCheck() && r.Check != nil:
			band := t.inBand
			if !r.Check.InBand {
				band = t.outOfBand
			}
			return []any{r.Check.Share, band, t.check, nil, nil, nil, calc.Explain(r.Steps, lang)}
		}
		row := []any{r.Exact, r.Required, calc.QuantityText(lang, r.Quantity)}
		// Seats, lines and ratios are no post's 编制: no planned or gap.
		if r.Found() && r.IsPeople() {
			row = append(row, r.Planned, r.Actual, r.Gap)
		} else {
			row = append(row, nil, nil, nil)
		}
		return append(row, calc.Explain(r.Steps, lang))
	}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return writeBook(f, w)
}

// calcResults writes the results sheet: a title over the table, bordered
// cells at the size they print, figures rounded to two decimals for show
// (the arithmetic keeps its own precision), and each rule's arithmetic and
// source wrapped beside its figures. figures gives columns D–J of a row.
func calcResults(f *excelize.File, rs, title string, head []string, d *model.PlanData, s *calc.Sheet, lang string,
	figures func(*calc.Row) []any) error {
	st := newStyles(f)
	cols := len(head)
	last, _ := excelize.ColumnNumberToName(cols)
	titleStyle, err := st.get(styleKey{role: roleTitle})
	if err != nil {
		return err
	}
	if err := f.SetCellValue(rs, "A1", title); err != nil {
		return err
	}
	if err := f.MergeCell(rs, "A1", last+"1"); err != nil {
		return err
	}
	if err := f.SetCellStyle(rs, "A1", last+"1", titleStyle); err != nil {
		return err
	}
	if err := f.SetRowHeight(rs, 1, 28); err != nil {
		return err
	}
	hdr, err := st.get(styleKey{role: roleHeader})
	if err != nil {
		return err
	}
	if err := f.SetSheetRow(rs, "A3", &head); err != nil {
		return err
	}
	if err := f.SetCellStyle(rs, "A3", last+"3", hdr); err != nil {
		return err
	}
	text, err := st.get(styleKey{role: roleText})
	if err != nil {
		return err
	}
	pctFmt := "0.0%"
	pct, err := f.NewStyle(&excelize.Style{CustomNumFmt: &pctFmt, Font: &excelize.Font{Family: fontName, Size: 11},
		Alignment: &excelize.Alignment{Horizontal: "center", Vertical: "center"}, Border: thinBorder})
	if err != nil {
		return err
	}
	results, _ := s.Evaluate(d.Plan.Basis) // rules with problems keep them on their rows
	rowNo := 4
	for _, r := range calc.Join(d, nil, results) {
		post := r.Target.Position
		if post == "" {
			post = r.Target.Category
		}
		source := ""
		for _, rule := range s.Rules {
			if rule.ID == r.RuleID {
				source = rule.Source
			}
		}
		name := r.Name
		if name == "" {
			name = r.RuleID
		}
		row := append([]any{name, r.Target.Unit, post}, figures(&r)...)
		row = append(row, source)
		for i, v := range row {
			cell, _ := excelize.CoordinatesToCellName(i+1, rowNo)
			style := text
			if x, ok := v.(float64); ok {
				// Shown rounded; the arithmetic column keeps the detail.
				if r.IsCheck() { // a share, shown as a percentage
					v, style = roundTo(x, 4), pct
				} else {
					x = roundTo(x, 2)
					v = x
					key := styleKey{role: roleNum, dec: decimals(x)}
					if i == 8 {
						key.tone = tone(x)
					}
					if style, err = st.get(key); err != nil {
						return err
					}
				}
			}
			if err := f.SetCellValue(rs, cell, v); err != nil {
				return err
			}
			if err := f.SetCellStyle(rs, cell, cell, style); err != nil {
				return err
			}
		}
		// Spreadsheets do not grow rows for wrapped text on opening.
		arith, _ := row[len(row)-2].(string)
		n := max(lines(arith, calcArithWidth-2), lines(source, calcSourceWidth-2), lines(name, calcNameWidth-1), 1)
		if err := f.SetRowHeight(rs, rowNo, float64(n)*15+4); err != nil {
			return err
		}
		rowNo++
	}
	// About 130 units in all: fitted to an A4 landscape page that prints
	// at 80 % or more, 9 pt text, where 200 units printed at 6 pt.
	widths := []float64{calcNameWidth, 11, 11, 7, 7, 7, 7, 7, 6, calcArithWidth, calcSourceWidth}
	for i, h := range head[:min(len(head), len(widths))] {
		if i != 9 && i != 10 {
			widths[i] = max(widths[i], textWidth(h)+2)
		}
	}
	for i, wd := range widths[:cols] {
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(rs, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(rs, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// One page wide, as many long as it takes, with the header repeated:
	// the columns add up to about an A4 landscape page, so fitting the
	// width keeps the print near full size instead of shrinking it.
	return pageSetup(f, rs, labelsFor(lang), planTitle(d), true, false, 3)
}

// Widths of the calculator report's wrapped columns, in character units.
const (
	calcNameWidth   = 15
	calcArithWidth  = 28
	calcSourceWidth = 24
)
