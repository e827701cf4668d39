package export

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

// maxSheetName is Excel's limit, in UTF-16 units.
const maxSheetName = 31

// sheetNamer hands out sheet names that Excel accepts: unique ignoring case,
// at most 31 characters, none of []:*?/\ and no apostrophe at either end.
type sheetNamer struct{ used map[string]bool }

func newSheetNamer(reserved ...string) *sheetNamer {
	n := &sheetNamer{used: map[string]bool{"history": true}} // Excel reserves "History"
	for _, r := range reserved {
		n.used[strings.ToLower(r)] = true
	}
	return n
}

func cleanSheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`[]:*?/\`, r) || r < 0x20 {
			return '_'
		}
		return r
	}, s)
	return strings.Trim(strings.TrimSpace(s), "'")
}

// truncate cuts s to at most n UTF-16 units without splitting a character.
func truncate(s string, n int) string {
	units := 0
	for i, r := range s {
		units += len(utf16.Encode([]rune{r}))
		if units > n {
			return strings.TrimRight(s[:i], "' ")
		}
	}
	return s
}

// name returns a free name for a post, trying its title, then the title with
// its unit, then numbered variants.
func (n *sheetNamer) name(title, unit, fallback string) string {
	base := cleanSheetName(title)
	if base == "" {
		base = fallback
	}
	candidates := []string{truncate(base, maxSheetName)}
	if u := cleanSheetName(unit); u != "" {
		suffix := "(" + u + ")"
		candidates = append(candidates, truncate(base, maxSheetName-len(utf16.Encode([]rune(suffix))))+suffix)
	}
	for _, c := range candidates {
		if c != "" && !n.used[strings.ToLower(c)] {
			n.used[strings.ToLower(c)] = true
			return c
		}
	}
	for i := 2; ; i++ {
		suffix := fmt.Sprintf("(%d)", i)
		c := truncate(base, maxSheetName-len(suffix)) + suffix
		if !n.used[strings.ToLower(c)] {
			n.used[strings.ToLower(c)] = true
			return c
		}
	}
}

// Columns of the description form: label, value, label, value.
var descWidths = [...]float64{12, 28, 12, 28}

const descWide = 28 + 12 + 28 // a value merged over B:D

// DescriptionsWorkbook writes the position descriptions (岗位说明书): an index
// sheet linking to one printable sheet per post in the classic form layout
// (岗位名称, 所属部门, 直属上级, 直属下级, 编制, 薪酬范围, 职位使命, numbered
// 工作职责, 任职要求), each set to print on one A4 page.
func DescriptionsWorkbook(w io.Writer, d *model.PlanData, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	l := labelsFor(opt.Lang)
	index := l.indexSheet
	if err := f.SetSheetName("Sheet1", index); err != nil {
		return err
	}
	st := newStyles(f)
	fig := model.Compute(d)
	units := d.UnitIndex()
	posts := d.PositionIndex()
	unitName := func(id model.ID) string {
		if u := units[id]; u != nil {
			return u.Name
		}
		return ""
	}

	ix := &sheetWriter{f: f, sheet: index, st: st}
	ix.str(1, 1, strings.TrimSpace(planTitle(d)+" "+l.descTitle), styleKey{role: roleTitle})
	ix.merge(1, 1, 1, 5)
	ix.height(1, 30)
	ix.str(2, 1, opt.dateText(), styleKey{role: roleSubtitle})
	ix.merge(2, 1, 2, 5)
	for i, h := range []string{l.no, l.post, l.unitNames, l.planned, l.actual} {
		ix.str(3, 1+i, h, styleKey{role: roleHeader})
	}
	ixWidths := []float64{6, 16, 14, 8, 8}

	namer := newSheetNamer(index)
	row := 4
	for _, b := range blocks(d, fig) {
		for _, bp := range b.posts {
			p := bp.pos
			sheet := namer.name(p.Title, unitName(p.Unit), l.post)
			if _, err := f.NewSheet(sheet); err != nil {
				return err
			}
			if err := descriptionSheet(f, st, sheet, index, d, fig, p, posts, unitName, l, opt); err != nil {
				return fmt.Errorf("%s: %w", p.Title, err)
			}
			ix.num(row, 1, float64(row-3), styleKey{role: roleCenter})
			ix.str(row, 2, p.Title, styleKey{role: roleText})
			if ix.err == nil {
				c := ix.cell(row, 2)
				ix.err = f.SetCellHyperLink(index, c, "'"+quoteSheet(sheet)+"'!A1", "Location")
			}
			ix.str(row, 3, unitName(p.Unit), styleKey{role: roleText})
			pf := fig.Positions[p.ID]
			r := roleNum
			if !p.Counts() {
				r = roleMuted
			}
			ix.num(row, 4, p.Planned, styleKey{role: r, dec: decimals(p.Planned)})
			ix.num(row, 5, pf.Actual, styleKey{role: r, dec: decimals(pf.Actual)})
			ixWidths[1] = max(ixWidths[1], textWidth(p.Title)+2)
			ixWidths[2] = max(ixWidths[2], textWidth(unitName(p.Unit))+2)
			row++
		}
	}
	for i, wd := range ixWidths {
		name, _ := excelize.ColumnNumberToName(i + 1)
		ix.err = firstErr(ix.err, f.SetColWidth(index, name, name, wd))
	}
	if ix.err != nil {
		return ix.err
	}
	// Titles in link blue so the index reads as clickable.
	if row > 4 {
		link, err := f.NewStyle(&excelize.Style{
			Font:      &excelize.Font{Family: fontName, Size: 11, Color: "0563C1", Underline: "single"},
			Alignment: &excelize.Alignment{Vertical: "center"},
			Border: []excelize.Border{{Type: "left", Color: "808080", Style: 1}, {Type: "right", Color: "808080", Style: 1},
				{Type: "top", Color: "808080", Style: 1}, {Type: "bottom", Color: "808080", Style: 1}},
		})
		if err == nil {
			err = f.SetCellStyle(index, "B4", "B"+itoa(row-1), link)
		}
		if err != nil {
			return err
		}
	}
	if err := f.SetPanes(index, &excelize.Panes{Freeze: true, YSplit: 3, TopLeftCell: "A4", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := pageSetup(f, index, l, planTitle(d), false, false, 3); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return writeBook(f, w)
}

// descriptionSheet fills one post's form.
func descriptionSheet(f *excelize.File, st *styles, sheet, index string, d *model.PlanData, fig *model.Figures,
	p *model.Position, posts map[model.ID]*model.Position, unitName func(model.ID) string, l *labels, opt Options) error {
	s := &sheetWriter{f: f, sheet: sheet, st: st}
	const lineHeight, pad = 16.0, 6.0
	// wide writes a label and a value merged over the other three columns.
	wide := func(row int, label, value string, labelRole role) {
		s.str(row, 1, label, styleKey{role: labelRole})
		s.str(row, 2, value, styleKey{role: roleText})
		s.str(row, 3, "", styleKey{role: roleText})
		s.str(row, 4, "", styleKey{role: roleText})
		s.merge(row, 2, row, 4)
		s.height(row, max(22, float64(lines(value, descWide-2))*lineHeight+pad))
	}
	pair := func(row int, l1, v1, l2, v2 string) {
		s.str(row, 1, l1, styleKey{role: roleLabel})
		s.str(row, 2, v1, styleKey{role: roleText})
		s.str(row, 3, l2, styleKey{role: roleLabel})
		s.str(row, 4, v2, styleKey{role: roleText})
		n := max(lines(v1, descWidths[1]-2), lines(v2, descWidths[3]-2))
		s.height(row, max(22, float64(n)*lineHeight+pad))
	}
	section := func(row int, title string) {
		s.str(row, 1, title, styleKey{role: roleSection})
		for c := 2; c <= 4; c++ {
			s.str(row, c, "", styleKey{role: roleSection})
		}
		s.merge(row, 1, row, 4)
		s.height(row, 22)
	}

	s.str(1, 1, p.Title+" "+l.descTitle, styleKey{role: roleTitle})
	s.merge(1, 1, 1, 4)
	s.height(1, 32)
	s.str(1, 6, l.backToIndex, styleKey{role: roleLink})
	if s.err == nil {
		s.err = f.SetCellHyperLink(sheet, "F1", "'"+quoteSheet(index)+"'!A1", "Location")
	}
	s.str(2, 1, strings.TrimSpace(planTitle(d)+"  "+opt.dateText()), styleKey{role: roleSubtitle})
	s.merge(2, 1, 2, 4)

	df := describe(fig, p, posts, unitName, l)

	row := 3
	pair(row, l.post, df.title, l.unitNames, df.unit)
	row++
	pair(row, l.reportsTo, df.manager, l.grade, df.grade)
	row++
	wide(row, l.directReports, df.reports, roleLabel)
	row++
	pair(row, l.descPlanned, df.planned, l.actual, df.actual)
	row++
	pair(row, l.shift, df.shift, l.salary, df.salary)
	row++
	wide(row, l.holders, df.holders, roleLabel)
	row++

	section(row, l.mission)
	row++
	s.str(row, 1, df.mission, styleKey{role: roleText})
	for c := 2; c <= 4; c++ {
		s.str(row, c, "", styleKey{role: roleText})
	}
	s.merge(row, 1, row, 4)
	s.height(row, max(40, float64(lines(df.mission, descWide+descWidths[0]-2))*lineHeight+pad))
	row++

	section(row, l.duties)
	row++
	for i, duty := range df.duties {
		wide(row, fmt.Sprintf("%d", i+1), duty, roleCenter)
		row++
	}

	section(row, l.reqs)
	row++
	wide(row, l.education, df.education, roleLabel)
	row++
	wide(row, l.years, df.years, roleLabel)
	row++
	wide(row, l.certs, df.certs, roleLabel)
	row++
	wide(row, l.other, df.other, roleLabel)
	row++
	if df.note != "" {
		wide(row, l.note, df.note, roleLabel)
		row++
	}

	for i, wd := range descWidths {
		name, _ := excelize.ColumnNumberToName(i + 1)
		s.err = firstErr(s.err, f.SetColWidth(sheet, name, name, wd))
	}
	s.err = firstErr(s.err, f.SetColWidth(sheet, "F", "F", textWidth(l.backToIndex)+2))
	if s.err != nil {
		return s.err
	}
	// The back link sits outside the print area so the page stays the form.
	if err := f.SetDefinedName(&excelize.DefinedName{
		Name: "_xlnm.Print_Area", RefersTo: "'" + quoteSheet(sheet) + "'!$A$1:$D$" + itoa(row-1), Scope: sheet,
	}); err != nil {
		return err
	}
	return pageSetup(f, sheet, l, planTitle(d), false, true, 0)
}

// descForm is the text of one post's 岗位说明书, as both the workbook and
// the PDF print it.
type descForm struct {
	title, unit, manager, grade, reports string
	planned, actual, shift, salary       string
	holders, mission                     string
	duties                               []string // at least one, maybe empty, line to fill in by hand
	education, years, certs, other, note string
}

// describe fills a post's form.
func describe(fig *model.Figures, p *model.Position, posts map[model.ID]*model.Position,
	unitName func(model.ID) string, l *labels) descForm {
	pf := fig.Positions[p.ID]
	df := descForm{title: p.Title, unit: unitName(p.Unit), grade: p.Grade, actual: fmtNum(pf.Actual),
		shift: p.Shift, mission: p.Mission, duties: p.Duties, education: p.Req.Education,
		certs: p.Req.Certificates, other: p.Req.Other, note: strings.TrimSpace(p.Note)}
	// A note that only names the status (the sample's 暂不设置) is said by
	// 编制 already, maybe in the other language.
	if bare := strings.TrimRight(df.note, ";；。."); p.Status != model.StatusActive {
		for _, other := range allLabels() {
			if strings.EqualFold(bare, other.positionStatusText(p.Status)) {
				df.note = ""
			}
		}
	}
	if m := posts[p.ReportsTo]; m != nil {
		df.manager = m.Title
	}
	sep := l.listSep
	var reports []string
	for _, id := range fig.Reports[p.ID] {
		reports = append(reports, posts[id].Title)
	}
	df.reports = strings.Join(reports, sep)
	df.planned = fmtNum(p.Planned)
	if status := l.positionStatusText(p.Status); status != "" {
		df.planned = l.titled(df.planned, status) // "2 (not set up yet)", "2(暂不设置)"
	}
	if p.SalaryMin > 0 || p.SalaryMax > 0 {
		switch {
		case p.SalaryMin > 0 && p.SalaryMax > 0:
			df.salary = fmtNum(p.SalaryMin) + "–" + fmtNum(p.SalaryMax)
		case p.SalaryMax > 0:
			df.salary = "≤ " + fmtNum(p.SalaryMax)
		default:
			df.salary = "≥ " + fmtNum(p.SalaryMin)
		}
		df.salary += " " + l.salaryUnit
	}
	var holders []string
	for _, h := range pf.Holders {
		holders = append(holders, h.Name)
	}
	df.holders = strings.Join(holders, sep)
	if len(df.duties) == 0 {
		df.duties = []string{""}
	}
	if p.Req.Years > 0 {
		df.years = l.yearsText(fmtNum(p.Req.Years))
	}
	return df
}
