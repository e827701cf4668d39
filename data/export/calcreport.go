package export

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"staffplan/data/calc"
	"staffplan/data/model"
)

// KindCalc is the calculator report.
const KindCalc = "calc"

var calcReportText = map[string]struct {
	driversSheet, resultsSheet, title, basis                               string
	driverHead, resultHead                                                 []string
	basis2025, basis2008, basisCustom, inBand, outOfBand, errorText, check string
}{
	"zh": {driversSheet: "业务量", resultsSheet: "测算结果", title: "%s 编制测算(%s)", basis: "工时口径",
		driverHead: []string{"业务量", "键", "单位", "数值"},
		resultHead: []string{"规则", "部门", "岗位", "精确值", "应配", "编制", "在岗", "缺口", "计算过程", "依据"},
		basis2025:  "2025 年口径:每月 %s 天、%s 小时", basis2008: "2008 年口径:每月 %s 天、%s 小时", basisCustom: "自定义:每月 %s 天、%s 小时",
		inBand: "在范围内", outOfBand: "超出范围", errorText: "错误", check: "占比"},
	"en": {driversSheet: "Drivers", resultsSheet: "Results", title: "%s headcount calculation (%s)", basis: "Working time",
		driverHead: []string{"Driver", "Key", "Unit", "Value"},
		resultHead: []string{"Rule", "Unit", "Post", "Exact", "Required", "Planned", "In post", "Gap", "Arithmetic", "Source"},
		basis2025:  "2025 rules: %s days, %s h a month", basis2008: "2008 rules: %s days, %s h a month", basisCustom: "custom: %s days, %s h a month",
		inBand: "in band", outOfBand: "out of band", errorText: "error", check: "share"},
}

// CalcReportWorkbook writes the calculator as it shows: every rule's result
// with its arithmetic and source, then the drivers with the working-time
// basis, so the numbers can be justified on paper.
func CalcReportWorkbook(w io.Writer, d *model.PlanData, s *calc.Sheet, opt Options) error {
	lang := opt.Lang
	if lang != "en" {
		lang = "zh"
	}
	t := calcReportText[lang]
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
	head, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true},
		Fill: excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"DCE6F1"}}})
	if err != nil {
		return err
	}
	wrap, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{WrapText: true, Vertical: "top"}})
	if err != nil {
		return err
	}
	top, err := f.NewStyle(&excelize.Style{Alignment: &excelize.Alignment{Vertical: "top"}})
	if err != nil {
		return err
	}
	title := fmt.Sprintf(t.title, planTitle(d), opt.dateText())
	b := d.Plan.Basis
	basisFmt := t.basis2025
	switch b.Kind {
	case model.Basis2008:
		basisFmt = t.basis2008
	case model.BasisCustom:
		basisFmt = t.basisCustom
	}
	ds := t.driversSheet
	set := func(sheet, cell string, v any) error { return f.SetCellValue(sheet, cell, v) }
	if err := set(ds, "A1", title); err != nil {
		return err
	}
	if err := set(ds, "A2", t.basis+": "+fmt.Sprintf(basisFmt, fmtNum(b.DaysPerMonth()), fmtNum(b.HoursPerMonth()))); err != nil {
		return err
	}
	if err := f.SetSheetRow(ds, "A4", &t.driverHead); err != nil {
		return err
	}
	if err := f.SetCellStyle(ds, "A4", "D4", head); err != nil {
		return err
	}
	for i, dr := range s.Drivers {
		row := []any{dr.Label, dr.Key, dr.Unit, dr.Value}
		if err := f.SetSheetRow(ds, "A"+strconv.Itoa(i+5), &row); err != nil {
			return err
		}
	}
	for col, wd := range map[string]float64{"A": 24, "B": 16, "C": 12, "D": 14} {
		if err := f.SetColWidth(ds, col, col, wd); err != nil {
			return err
		}
	}

	rs := t.resultsSheet
	if err := set(rs, "A1", title); err != nil {
		return err
	}
	if err := f.SetSheetRow(rs, "A3", &t.resultHead); err != nil {
		return err
	}
	if err := f.SetCellStyle(rs, "A3", "J3", head); err != nil {
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
		row := []any{name, r.Target.Unit, post}
		switch {
		case r.Problem != nil:
			row = append(row, nil, t.errorText, nil, nil, nil, r.Problem.Error())
		case r.IsCheck() && r.Check != nil:
			band := t.inBand
			if !r.Check.InBand {
				band = t.outOfBand
			}
			row = append(row, r.Check.Share, band, nil, nil, nil, calc.Explain(r.Steps, lang))
		default:
			row = append(row, roundTo(r.Exact, 4), roundTo(r.Required, 2))
			if r.Found() {
				row = append(row, r.Planned, r.Actual, r.Gap)
			} else {
				row = append(row, nil, nil, nil)
			}
			row = append(row, calc.Explain(r.Steps, lang))
		}
		row = append(row, source)
		cell := "A" + strconv.Itoa(rowNo)
		if err := f.SetSheetRow(rs, cell, &row); err != nil {
			return err
		}
		if err := f.SetCellStyle(rs, "A"+strconv.Itoa(rowNo), "H"+strconv.Itoa(rowNo), top); err != nil {
			return err
		}
		if err := f.SetCellStyle(rs, "I"+strconv.Itoa(rowNo), "J"+strconv.Itoa(rowNo), wrap); err != nil {
			return err
		}
		// Spreadsheets do not grow rows for wrapped text on opening.
		arith, _ := row[len(row)-2].(string)
		n := max(lines(arith, 58), lines(source, 48), 1)
		if err := f.SetRowHeight(rs, rowNo, float64(n)*15+3); err != nil {
			return err
		}
		rowNo++
	}
	for col, wd := range map[string]float64{"A": 24, "B": 14, "C": 16, "D": 9, "E": 9, "F": 8, "G": 8, "H": 8, "I": 60, "J": 50} {
		if err := f.SetColWidth(rs, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(rs, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	// One page wide, as many long as it takes: the arithmetic must print
	// beside its figures, not on a page of its own.
	fit := true
	if err := f.SetSheetProps(rs, &excelize.SheetPropsOptions{FitToPage: &fit}); err != nil {
		return err
	}
	if err := f.SetPageLayout(rs, &excelize.PageLayoutOptions{Size: intPtr(9), Orientation: strPtr("landscape"),
		FitToWidth: intPtr(1), FitToHeight: intPtr(0)}); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return writeBook(f, w)
}

func intPtr(i int) *int { return &i }
