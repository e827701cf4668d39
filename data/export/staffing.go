package export

import (
	"io"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

// block is one department of the staffing table: its posts and the figures
// of its subtotal row.
type block struct {
	name    string
	posts   []blockPost
	planned float64
	actual  float64
}

type blockPost struct {
	pos   *model.Position
	title string // with the sub-unit path for posts below the department
}

// blocks lays a plan out as the source documents do: the posts held at the
// top of the company first, then each department with everything below it.
// A top unit without sub-units is a department on its own.
func blocks(d *model.PlanData, fig *model.Figures) []block {
	units := d.UnitIndex()
	posts := d.PositionIndex()
	subtree := func(root model.ID) block {
		uf := fig.Units[root]
		b := block{name: units[root].Name, planned: uf.PlannedTotal, actual: uf.ActualTotal}
		type item struct {
			id     model.ID
			prefix string
		}
		stack := []item{{root, ""}}
		for len(stack) > 0 {
			it := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for _, pid := range fig.PostsIn[it.id] {
				b.posts = append(b.posts, blockPost{pos: posts[pid], title: it.prefix + posts[pid].Title})
			}
			kids := fig.Children[it.id]
			for i := len(kids) - 1; i >= 0; i-- {
				stack = append(stack, item{kids[i], it.prefix + units[kids[i]].Name + "/"})
			}
		}
		return b
	}
	var out []block
	for _, root := range fig.Children[0] {
		kids := fig.Children[root]
		if len(kids) == 0 {
			out = append(out, subtree(root))
			continue
		}
		if direct := fig.PostsIn[root]; len(direct) > 0 {
			uf := fig.Units[root]
			b := block{name: units[root].Name, planned: uf.PlannedDirect, actual: uf.ActualDirect}
			for _, pid := range direct {
				b.posts = append(b.posts, blockPost{pos: posts[pid], title: posts[pid].Title})
			}
			out = append(out, b)
		}
		for _, k := range kids {
			out = append(out, subtree(k))
		}
	}
	return out
}

// lineKind is what a line of the staffing table is.
type lineKind uint8

const (
	linePost lineKind = iota
	lineSubtotal
	lineTotal
)

// staffLine is one line of the staffing table, as both the workbook and
// the PDF print it, so the two always show the same figures.
type staffLine struct {
	kind  lineKind
	seq   int    // 序号 of a post line
	dept  string // the department block the line belongs to
	first bool   // the first post line of its department
	title string // post title, with the sub-unit path below the department
	label string // the text of a subtotal or total line: "行政人事部 (9人)"
	// planned, actual and vacancy are the post's or the block's figures;
	// counts is false for a post whose 编制 stays out of totals.
	planned, actual, vacancy float64
	counts                   bool
	note                     string
}

// staffingLines lays out the staffing table: each department's posts, then
// its subtotal line, and the grand total last.
func staffingLines(d *model.PlanData, fig *model.Figures, l *labels) []staffLine {
	var out []staffLine
	seq := 0
	for _, b := range blocks(d, fig) {
		for i, bp := range b.posts {
			p := bp.pos
			pf := fig.Positions[p.ID]
			seq++
			out = append(out, staffLine{kind: linePost, seq: seq, dept: b.name, first: i == 0, title: bp.title,
				planned: p.Planned, actual: pf.Actual, vacancy: pf.Vacancy, counts: p.Counts(), note: remark(p, l)})
		}
		out = append(out, staffLine{kind: lineSubtotal, dept: b.name, label: l.subtotal(b.name, fmtNum(b.planned)),
			planned: b.planned, actual: b.actual, vacancy: b.planned - b.actual, counts: true})
	}
	var total, totalActual float64
	for _, root := range fig.Children[0] {
		total += fig.Units[root].PlannedTotal
		totalActual += fig.Units[root].ActualTotal
	}
	return append(out, staffLine{kind: lineTotal, label: l.subtotal(l.total, fmtNum(total)),
		planned: total, actual: totalActual, vacancy: total - totalActual, counts: true})
}

// Columns of the staffing table.
const (
	colNo = iota + 1
	colUnit
	colPost
	colPlanned
	colActual
	colVacancy
	colNote
	staffingCols = colNote
)

// staffingTitleRows are the rows repeated on every printed page.
const staffingTitleRows = 2

// rowHeight is the height of a one-line row, in points.
const rowHeight = 18

// StaffingWorkbook writes the staffing table (人员配置明细表) in the layout
// of the source documents: title, then 序号 · 部门 · 岗位名称 · 编制 · 在岗 ·
// 缺编/超编 · 备注 with each department merged down its rows, a subtotal row
// per department and a grand total. Posts that do not count (暂不设置,
// frozen) show their 编制 greyed and stay out of every total.
func StaffingWorkbook(w io.Writer, d *model.PlanData, opt Options) error {
	f := excelize.NewFile()
	defer f.Close()
	l := labelsFor(opt.Lang)
	sheet := l.staffingSheet
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return err
	}
	st := newStyles(f)
	fig := model.Compute(d)
	sw := &sheetWriter{f: f, sheet: sheet, st: st}

	title := titleWith(planTitle(d), l.staffingTitle, opt.Lang)
	sw.str(1, colNo, l.titled(title, opt.dateText()), styleKey{role: roleTitle})
	sw.merge(1, colNo, 1, staffingCols)
	sw.height(1, 30)
	for i, h := range []string{l.no, l.unit, l.post, l.planned, l.actual, l.vacancy, l.note} {
		sw.str(2, colNo+i, h, styleKey{role: roleHeader})
	}
	sw.height(2, 22)

	widths := [staffingCols + 1]float64{colNo: 6, colUnit: 10, colPost: 12, colPlanned: 8, colActual: 8, colVacancy: 8, colNote: 16}
	for i, h := range []string{l.no, l.unit, l.post, l.planned, l.actual, l.vacancy, l.note} {
		widths[colNo+i] = max(widths[colNo+i], textWidth(h)+2)
	}
	const noteMax = 36 // wider notes wrap instead of pushing the page out
	row := 3
	var deptRuns [][2]int // rows of each department's merged 部门 cell
	first := row
	for _, sl := range staffingLines(d, fig, l) {
		switch sl.kind {
		case linePost:
			sw.num(row, colNo, float64(sl.seq), styleKey{role: roleCenter})
			sw.str(row, colUnit, sl.dept, styleKey{role: roleCenter})
			sw.str(row, colPost, sl.title, styleKey{role: roleText})
			if sl.counts {
				sw.num(row, colPlanned, sl.planned, styleKey{role: roleNum, dec: decimals(sl.planned)})
				sw.num(row, colActual, sl.actual, styleKey{role: roleNum, dec: decimals(sl.actual)})
				sw.num(row, colVacancy, sl.vacancy, styleKey{role: roleNum, dec: decimals(sl.vacancy), tone: tone(sl.vacancy)})
			} else {
				sw.num(row, colPlanned, sl.planned, styleKey{role: roleMuted, dec: decimals(sl.planned)})
				sw.num(row, colActual, sl.actual, styleKey{role: roleMuted, dec: decimals(sl.actual)})
				sw.str(row, colVacancy, "", styleKey{role: roleNum})
			}
			sw.str(row, colNote, sl.note, styleKey{role: roleText})
			widths[colUnit] = max(widths[colUnit], textWidth(sl.dept)+2)
			widths[colPost] = max(widths[colPost], textWidth(sl.title)+2)
			widths[colNote] = min(noteMax, max(widths[colNote], textWidth(sl.note)+2))
			// Rows a little taller than Excel's 15pt default: CJK glyphs
			// touched the borders in the printed PDF.
			n := max(lines(sl.note, noteMax-1), lines(sl.title, widths[colPost]-1))
			sw.height(row, max(rowHeight, float64(n)*16+6))
			row++
		case lineSubtotal:
			deptRuns = append(deptRuns, [2]int{first, row - 1})
			widths[colUnit] = max(widths[colUnit], textWidth(sl.label)-widths[colNo]-widths[colPost]+2)
			sw.str(row, colNo, sl.label, styleKey{role: roleSubText})
			sw.str(row, colUnit, "", styleKey{role: roleSubText})
			sw.str(row, colPost, "", styleKey{role: roleSubText})
			sw.merge(row, colNo, row, colPost)
			sw.num(row, colPlanned, sl.planned, styleKey{role: roleSubNum, dec: decimals(sl.planned)})
			sw.num(row, colActual, sl.actual, styleKey{role: roleSubNum, dec: decimals(sl.actual)})
			sw.num(row, colVacancy, sl.vacancy, styleKey{role: roleSubNum, dec: decimals(sl.vacancy), tone: tone(sl.vacancy)})
			sw.str(row, colNote, "", styleKey{role: roleSubText})
			sw.height(row, rowHeight)
			row++
			first = row
		case lineTotal:
			sw.str(row, colNo, sl.label, styleKey{role: roleTotText})
			sw.str(row, colUnit, "", styleKey{role: roleTotText})
			sw.str(row, colPost, "", styleKey{role: roleTotText})
			sw.merge(row, colNo, row, colPost)
			sw.num(row, colPlanned, sl.planned, styleKey{role: roleTotNum, dec: decimals(sl.planned)})
			sw.num(row, colActual, sl.actual, styleKey{role: roleTotNum, dec: decimals(sl.actual)})
			sw.num(row, colVacancy, sl.vacancy, styleKey{role: roleTotNum, dec: decimals(sl.vacancy), tone: tone(sl.vacancy)})
			sw.str(row, colNote, "", styleKey{role: roleTotText})
			sw.height(row, rowHeight+2)
		}
	}

	for c := colNo; c <= staffingCols; c++ {
		name, _ := excelize.ColumnNumberToName(c)
		sw.err = firstErr(sw.err, f.SetColWidth(sheet, name, name, widths[c]))
	}
	// A department continuing on a new page repeats its name there: the
	// rows are broken into pages here, and its merged cell is split at
	// each break (every row of it holds the name already).
	breaks := pageBreaks(sw.heights, 3, row, widths[colNo:], 30+22)
	for _, br := range breaks {
		sw.err = firstErr(sw.err, f.InsertPageBreak(sheet, "A"+itoa(br)))
	}
	for _, run := range deptRuns {
		start := run[0]
		for _, br := range append(breaks, run[1]+1) {
			if br <= start || br > run[1]+1 {
				continue
			}
			if br-1 > start {
				sw.merge(start, colUnit, br-1, colUnit)
			}
			if start != run[0] {
				// Centred, the name would print mid-page; the reader
				// looks for it at the top.
				sw.style(start, colUnit, styleKey{role: roleCenterTop})
			}
			start = br
		}
	}
	if sw.err != nil {
		return sw.err
	}
	if err := f.SetPanes(sheet, &excelize.Panes{
		Freeze: true, YSplit: staffingTitleRows, TopLeftCell: "A3", ActivePane: "bottomLeft",
	}); err != nil {
		return err
	}
	if err := pageSetup(f, sheet, l, planTitle(d), false, false, staffingTitleRows); err != nil {
		return err
	}
	return writeBook(f, w)
}

// remark is the 备注 of a post: its status where that matters, then its note.
// A note that only names the status (the sample's 暂不设置) is the status,
// not a second remark in the other language.
func remark(p *model.Position, l *labels) string {
	s := l.positionStatusText(p.Status)
	note := strings.TrimSpace(p.Note)
	if s != "" {
		bare := strings.TrimRight(note, ";；。.")
		for _, other := range allLabels() {
			if w := other.positionStatusText(p.Status); strings.EqualFold(bare, w) {
				note = ""
			}
		}
	}
	switch {
	case s == "" || strings.Contains(note, s):
		return note
	case note == "":
		return s
	}
	return s + l.remarkSep + note
}

// Page geometry of the staffing table (A4 portrait, pageSetup's margins).
const (
	pageWidthPt  = 595.3 - (0.5+0.5)*72
	pageHeightPt = 841.9 - (0.6+0.7)*72
)

// pageBreaks returns the rows (first..end−1) that start a printed page, for
// rows of the given heights under titleHeight points of repeated title
// rows, with the columns fitted to the page width. It errs towards short
// pages: the scale assumes the narrowest column rendering (Excel's, 7 px a
// character plus 5 px) and each page keeps a tenth spare, so a program's
// own break never falls inside a department before ours.
func pageBreaks(heights map[int]float64, first, end int, widths []float64, titleHeight float64) []int {
	var px float64
	for _, w := range widths {
		if w > 0 {
			px += w*7 + 5
		}
	}
	scale := min(1, pageWidthPt/(px*0.75))
	capacity := (pageHeightPt/scale - titleHeight) * 0.9
	var out []int
	used := 0.0
	for r := first; r < end+1; r++ {
		h := heights[r]
		if h == 0 {
			h = rowHeight
		}
		if used > 0 && used+h > capacity {
			out = append(out, r)
			used = 0
		}
		used += h
	}
	return out
}

// sheetWriter sets cells through the ordinary excelize API and keeps the
// first error, so layout code reads top to bottom.
type sheetWriter struct {
	f       *excelize.File
	sheet   string
	st      *styles
	err     error
	heights map[int]float64 // row heights set, for page breaks
}

func (s *sheetWriter) cell(row, col int) string {
	name, err := excelize.CoordinatesToCellName(col, row)
	s.err = firstErr(s.err, err)
	return name
}

func (s *sheetWriter) style(row, col int, k styleKey) {
	id, err := s.st.get(k)
	if err == nil {
		c := s.cell(row, col)
		err = s.f.SetCellStyle(s.sheet, c, c, id)
	}
	s.err = firstErr(s.err, err)
}

// str writes text as a string cell: never parsed, never a formula.
func (s *sheetWriter) str(row, col int, v string, k styleKey) {
	if s.err != nil {
		return
	}
	s.err = s.f.SetCellStr(s.sheet, s.cell(row, col), v)
	s.style(row, col, k)
}

func (s *sheetWriter) num(row, col int, v float64, k styleKey) {
	if s.err != nil {
		return
	}
	s.err = s.f.SetCellFloat(s.sheet, s.cell(row, col), roundTo(v, 6), -1, 64)
	s.style(row, col, k)
}

func (s *sheetWriter) merge(r1, c1, r2, c2 int) {
	if s.err != nil {
		return
	}
	s.err = s.f.MergeCell(s.sheet, s.cell(r1, c1), s.cell(r2, c2))
}

func (s *sheetWriter) height(row int, h float64) {
	if s.err != nil {
		return
	}
	h = min(h, 409)
	if s.heights == nil {
		s.heights = map[int]float64{}
	}
	s.heights[row] = h
	s.err = s.f.SetRowHeight(s.sheet, row, h)
}

func firstErr(a, b error) error {
	if a != nil {
		return a
	}
	return b
}

func itoa(i int) string { return strconv.Itoa(i) }

// quoteSheet doubles apostrophes for a sheet name inside '…' in a reference.
func quoteSheet(s string) string { return strings.ReplaceAll(s, "'", "''") }
