package export

import (
	"fmt"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"staffplan/data/model"
)

// Parts of the plan PDF, in the order they print after the cover.
const (
	PartChart        = "chart"
	PartStaffing     = "staffing"
	PartDescriptions = "descriptions"
	PartCost         = "cost"
)

// PDFParts lists every part of the plan PDF in print order.
var PDFParts = []string{PartChart, PartStaffing, PartDescriptions, PartCost}

// Paper sizes of the plan PDF.
const (
	PaperA4 = "A4"
	PaperA3 = "A3"
)

// PDFPage tells a part writer how the document it adds pages to is set up.
type PDFPage struct {
	Lang         string // "zh" or "en"
	Paper        string // PaperA4 or PaperA3
	Landscape    bool
	Title        string // the plan's name as the other pages print it
	Organisation string
	Date         string // the date as printed, in Lang
	// CJKFont and LatinFont are font families already registered in the
	// document (RegisterPDFFonts); LatinFont has a bold style "B".
	CJKFont, LatinFont string
}

// PDFPartWriter adds the pages of one part to pdf. It adds its own pages
// (AddPage or AddPageFormat) and draws its own page header and footer: the
// plan PDF's header and footer are switched off on them. pdf.PageNo() is the
// page number in the whole document and "{nb}" (pdf.AliasNbPages) stands
// for the page count.
type PDFPartWriter func(pdf *fpdf.Fpdf, page PDFPage) error

// PDFOptions tune PlanPDF.
type PDFOptions struct {
	Options
	// Parts are the parts to print after the cover (PDFParts); nil prints
	// every part that can be printed.
	Parts     []string
	Paper     string // PaperA4 (the default) or PaperA3
	Landscape bool
	// ChartPages draws the org chart part. Data packages cannot draw the
	// chart, so the caller passes the chart writer in; without one the
	// chart is left out (see Unavailable).
	ChartPages PDFPartWriter
}

func (o PDFOptions) wants(part string) bool {
	return o.Parts == nil || slices.Contains(o.Parts, part)
}

// Unavailable lists the parts asked for that PlanPDF will leave out
// because no writer for them was given.
func (o PDFOptions) Unavailable() []string {
	var out []string
	if o.wants(PartChart) && o.ChartPages == nil && o.Parts != nil {
		out = append(out, PartChart)
	}
	return out
}

// PDFPartLabel is the title of a part as the PDF prints it, e.g.
// "人员配置明细表" for PartStaffing in Chinese.
func PDFPartLabel(part, lang string) string {
	l := labelsFor(lang)
	switch part {
	case PartChart:
		return l.partChart
	case PartStaffing:
		return l.partStaffing
	case PartDescriptions:
		return l.partDescs
	case PartCost:
		return l.partCost
	}
	return part
}

// Page geometry of the plan PDF, in points like everything else in it.
const (
	marginSide   = 15 * mm
	marginTop    = 18 * mm
	marginBottom = 16 * mm
	bodySize     = 9.5      // points
	lineFactor   = 1.4      // line height over font size
	cellPad      = 1.4 * mm // around the text of a table cell
	footerY      = 11 * mm  // the footer's line above the foot of the page
)

// PlanPDF writes the plan as one PDF to hand on: a cover (plan,
// organisation, date, totals of 编制 / 在岗 / 缺编 and the contents), then
// the parts asked for in PDFParts order: the org chart (ChartPages), the
// staffing table (人员配置明细表, with department subtotals, the same lines
// as StaffingWorkbook), the 岗位说明书 of every post (a new page each unless
// it fits below the one before), and the cost summary (人工成本汇总, the
// figures of data/budget). Text
// is real text in the shipped fonts, embedded as subsets, so Chinese is
// searchable and prints the same on every computer. Every page after the
// cover has a header with the plan's name and a footer with page numbers.
func PlanPDF(w io.Writer, d *model.PlanData, opt PDFOptions) error {
	pdf, err := buildPlanPDF(d, opt)
	if err != nil {
		return err
	}
	return pdf.Output(w)
}

// PlanPDFPageCount is the number of pages PlanPDF writes with opt, laid
// out but not written: a part writer that prints "page 3 of 40" learns
// the 40 from a run with stand-in pages of its own.
func PlanPDFPageCount(d *model.PlanData, opt PDFOptions) (int, error) {
	pdf, err := buildPlanPDF(d, opt)
	if err != nil {
		return 0, err
	}
	return pdf.PageCount(), nil
}

func buildPlanPDF(d *model.PlanData, opt PDFOptions) (*fpdf.Fpdf, error) {
	for _, part := range opt.Parts {
		if !slices.Contains(PDFParts, part) {
			return nil, fmt.Errorf("unknown PDF part %q", part)
		}
	}
	paper := opt.Paper
	switch paper {
	case "":
		paper = PaperA4
	case PaperA4, PaperA3:
	default:
		return nil, fmt.Errorf("unknown paper size %q", opt.Paper)
	}
	orient := "P"
	if opt.Landscape {
		orient = "L"
	}
	// Points, as the org chart's PDF pages (pdfdoc) measure, so that they
	// can draw into this document.
	pdf := fpdf.New(orient, "pt", paper, "")
	RegisterPDFFonts(pdf)
	// After the fonts: fpdf then keeps the digits in every font subset,
	// which the page count replacing "{nb}" needs.
	pdf.AliasNbPages("")
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(marginSide, marginTop, marginSide)
	pdf.SetCreationDate(opt.date())
	pdf.SetModificationDate(opt.date())
	pdf.SetCatalogSort(true)
	l := labelsFor(opt.Lang)
	title := planTitle(d)
	pdf.SetTitle(title, true)
	pdf.SetCreator("Staffing Planner", true)
	if opt.Lang == "en" {
		pdf.SetLang("en")
	} else {
		pdf.SetLang("zh-CN")
	}
	t, err := newPDFText(pdf)
	if err != nil {
		return nil, err
	}
	pageW, pageH := pdf.GetPageSize()
	p := &planPDF{pdf: pdf, t: t, l: l, d: d, fig: model.Compute(d), opt: opt, paper: paper,
		pageW: pageW, pageH: pageH, title: title, quietPages: map[int]bool{}}
	pdf.SetHeaderFunc(p.header)
	pdf.SetFooterFunc(p.footer)

	p.cover()
	type part struct {
		name string
		draw func() error
	}
	parts := []part{
		{PartChart, p.foreign(opt.ChartPages)},
		{PartStaffing, p.staffing},
		{PartDescriptions, p.descriptions},
		{PartCost, p.cost},
	}
	for _, pt := range parts {
		if !opt.wants(pt.name) || pt.draw == nil {
			continue
		}
		p.part = PDFPartLabel(pt.name, opt.Lang)
		start := pdf.PageCount() + 1
		if err := pt.draw(); err != nil {
			return nil, fmt.Errorf("%s: %w", p.part, err)
		}
		if pdf.PageCount() >= start {
			p.sections = append(p.sections, section{title: p.part, page: start})
		}
	}
	p.contents()
	p.pageNumbers()
	return pdf, pdf.Error()
}

// section is a part's entry in the contents.
type section struct {
	title string
	page  int
}

type planPDF struct {
	pdf   *fpdf.Fpdf
	t     *pdfText
	l     *labels
	d     *model.PlanData
	fig   *model.Figures
	opt   PDFOptions
	paper string
	title string

	pageW, pageH float64
	y            float64 // where the next thing goes on the current page
	part         string  // the title of the part being drawn, for the header
	quiet        bool    // no header and footer (the cover, other writers' pages)
	// quietPages are the pages drawn without header and footer. The
	// footer of a page runs when the next page is added, maybe by another
	// writer, so the choice is made per page when its header runs.
	quietPages map[int]bool
	sections   []section
	coverEnd   float64 // below the cover's figures, where the contents may start
}

func (p *planPDF) contentW() float64 { return p.pageW - 2*marginSide }
func (p *planPDF) bottom() float64   { return p.pageH - marginBottom }
func lineH(size float64) float64     { return size * lineFactor }

// pageInfo is what part writers are told about the document.
func (p *planPDF) pageInfo() PDFPage {
	return PDFPage{Lang: p.opt.Lang, Paper: p.paper, Landscape: p.opt.Landscape, Title: p.title,
		Organisation: p.d.Plan.Organisation, Date: p.opt.dateText(), CJKFont: PDFFontCJK, LatinFont: PDFFontLatin}
}

// foreign runs a writer from outside the package with the header and
// footer off, or returns nil when there is none.
func (p *planPDF) foreign(fn PDFPartWriter) func() error {
	if fn == nil {
		return nil
	}
	return func() error {
		p.quiet = true
		defer func() { p.quiet = false }()
		start := p.pdf.PageCount() + 1
		if err := fn(p.pdf, p.pageInfo()); err != nil {
			return err
		}
		if p.pdf.PageCount() >= start {
			// The bookmark goes on the part's first page; AddPage goes
			// on after the last page again whatever page is current.
			p.pdf.SetPage(start)
			p.bookmark(p.part, 0, 0)
			p.pdf.SetPage(p.pdf.PageCount())
		}
		return p.pdf.Error()
	}
}

// bookmark adds an entry to the viewer's outline at y on the current page.
func (p *planPDF) bookmark(s string, level int, y float64) {
	p.pdf.SetFont(PDFFontCJK, "", bodySize) // Bookmark encodes for the current font
	p.pdf.Bookmark(strings.Map(func(r rune) rune {
		if r > 0xFFFF {
			return '□'
		}
		return r
	}, clean(s)), level, y)
}

func (p *planPDF) newPage() {
	p.pdf.AddPage()
	p.y = marginTop
}

func (p *planPDF) header() {
	if p.quiet {
		p.quietPages[p.pdf.PageNo()] = true
		return
	}
	const size = 8
	w := p.contentW()
	partW := min(p.t.width(p.part, size, false), w/2)
	p.t.drawIn(marginSide, 9*mm, w-partW-4*mm, fit(p.t, p.title, w-partW-4*mm, size), size, false, grey, alignLeft)
	p.t.drawIn(marginSide, 9*mm, w, fit(p.t, p.part, w/2, size), size, false, grey, alignRight)
	p.pdf.SetDrawColor(0xA0, 0xA0, 0xA0)
	p.pdf.SetLineWidth(0.2 * mm)
	p.pdf.Line(marginSide, 13*mm, p.pageW-marginSide, 13*mm)
}

func (p *planPDF) footer() {
	if p.quietPages[p.pdf.PageNo()] {
		return
	}
	const size = 8
	y := p.pageH - footerY
	p.pdf.SetDrawColor(0xA0, 0xA0, 0xA0)
	p.pdf.SetLineWidth(0.2 * mm)
	p.pdf.Line(marginSide, y-1.5*mm, p.pageW-marginSide, y-1.5*mm)
	left := strings.TrimSpace(p.d.Plan.Organisation + "  " + p.opt.dateText())
	p.t.drawIn(marginSide, y, p.contentW()/2, fit(p.t, left, p.contentW()/2, size), size, false, grey, alignLeft)
}

// pageNumbers writes "第 2 页 / 共 23 页" in the footers at the end, when
// the count is known: fpdf's "{nb}" alias is replaced after layout, so a
// right-aligned line holding it would be placed by the width of "{nb}".
func (p *planPDF) pageNumbers() {
	n := p.pdf.PageCount()
	for pg := 1; pg <= p.pdf.PageCount(); pg++ {
		if p.quietPages[pg] {
			continue
		}
		p.pdf.SetPage(pg)
		page := p.l.pdfPage(pg, n)
		p.t.drawIn(marginSide, p.pageH-footerY, p.contentW(), page, 8, false, grey, alignRight)
	}
	p.pdf.SetPage(p.pdf.PageCount())
}

// fit cuts s with "…" to fit w points on one line.
func fit(t *pdfText, s string, w, size float64) string {
	s = strings.ReplaceAll(clean(s), "\n", " ")
	if t.width(s, size, false) <= w {
		return s
	}
	rs := []rune(s)
	for n := len(rs) - 1; n > 0; n-- {
		c := string(rs[:n]) + "…"
		if t.width(c, size, false) <= w {
			return c
		}
	}
	return ""
}

// dateIn writes a calendar date in the export's language.
func dateIn(t time.Time, lang string) string {
	return Options{Lang: lang, Date: t}.dateText()
}

// totals are the plan's 编制 and 在岗, as the staffing table's total line.
func (p *planPDF) totals() staffLine {
	lines := staffingLines(p.d, p.fig, p.l)
	return lines[len(lines)-1]
}

// cover draws the first page; its contents are filled in at the end.
func (p *planPDF) cover() {
	p.quiet = true
	p.newPage()
	p.quiet = false
	t, w := p.t, p.contentW()
	y := p.pageH * 0.2
	// A long name gets smaller type, then is cut, so that the figures
	// and the contents stay on the cover.
	titleSize := 26.0
	lines := t.wrap(p.title, w, titleSize, true)
	for len(lines) > 3 && titleSize > 14 {
		titleSize -= 2
		lines = t.wrap(p.title, w, titleSize, true)
	}
	if len(lines) > 3 {
		lines = append(lines[:2], fit(t, strings.Join(lines[2:], ""), w, titleSize))
	}
	for _, ln := range lines {
		t.drawIn(marginSide, y, w, ln, titleSize, true, black, alignCenter)
		y += lineH(titleSize)
	}
	y += 2 * mm
	t.drawIn(marginSide, y, w, p.l.planDoc, 14, false, grey, alignCenter)
	y += lineH(14) + 8*mm
	var info []string
	if org := strings.TrimSpace(p.d.Plan.Organisation); org != "" && org != strings.TrimSpace(p.title) {
		info = append(info, p.l.organisation+sep(p.opt.Lang)+org)
	}
	info = append(info, p.l.dateLabel+sep(p.opt.Lang)+p.opt.dateText())
	if !p.d.Plan.Effective.IsZero() {
		info = append(info, p.l.effective+sep(p.opt.Lang)+dateIn(p.d.Plan.Effective, p.opt.Lang))
	}
	for _, s := range info {
		for i, ln := range t.wrap(s, w, 12, false) {
			if i == 2 {
				break // a long organisation name: two lines are enough here
			}
			t.drawIn(marginSide, y, w, ln, 12, false, black, alignCenter)
			y += lineH(12)
		}
	}
	y += 12 * mm

	// The three figures the boss reads first.
	tot := p.totals()
	vacLabel, vac := p.l.vacantOnly, tot.vacancy
	if roundTo(vac, 2) < 0 {
		vacLabel, vac = p.l.overOnly, -vac
	}
	figs := []struct {
		label, value string
		c            rgb
	}{
		{p.l.planned, fmtNum(tot.planned), black},
		{p.l.actual, fmtNum(tot.actual), black},
		{vacLabel, fmtNum(vac), toneColour(tot.vacancy)},
	}
	const boxW, boxH, gap = 44 * mm, 28 * mm, 8 * mm
	x := marginSide + (w-3*boxW-2*gap)/2
	p.pdf.SetDrawColor(0x80, 0x80, 0x80)
	p.pdf.SetLineWidth(0.3 * mm)
	for _, f := range figs {
		p.pdf.SetFillColor(0xF2, 0xF2, 0xF2)
		p.pdf.Rect(x, y, boxW, boxH, "FD")
		t.drawIn(x, y+3*mm, boxW, f.value, 24, true, f.c, alignCenter)
		t.drawIn(x, y+boxH-3*mm-lineH(11), boxW, f.label, 11, false, black, alignCenter)
		x += boxW + gap
	}
	y += boxH + 5*mm
	t.drawIn(marginSide, y, w, p.l.postCount(len(p.d.Positions)), 10, false, grey, alignCenter)
	p.coverEnd = y + lineH(10) + 14*mm
}

// sep is the colon between a label and its value.
func sep(lang string) string {
	if lang == "en" {
		return ": "
	}
	return ":"
}

// contents writes the list of parts with their pages on the cover, as
// links, once the pages are known.
func (p *planPDF) contents() {
	if len(p.sections) == 0 {
		return
	}
	pdf, t := p.pdf, p.t
	pdf.SetPage(1)
	w := min(p.contentW(), 120*mm)
	x := marginSide + (p.contentW()-w)/2
	y := max(p.coverEnd, p.pageH*0.6)
	t.drawIn(x, y, w, p.l.contents, 13, true, black, alignLeft)
	y += lineH(13) + 2*mm
	const size = 11
	for _, s := range p.sections {
		num := itoa(s.page)
		title := fit(t, s.title, w-20*mm, size)
		t.draw(x, y, title, size, false, black)
		t.drawIn(x, y, w, num, size, false, black, alignRight)
		// Dotted leader from the title to the page number.
		x1, x2 := x+t.width(title, size, false)+2*mm, x+w-t.width(num, size, false)-2*mm
		if x2 > x1 {
			pdf.SetDrawColor(0xA0, 0xA0, 0xA0)
			pdf.SetLineWidth(0.2 * mm)
			pdf.SetDashPattern([]float64{0.4 * mm, 1.2 * mm}, 0)
			pdf.Line(x1, y+lineH(size)*0.7, x2, y+lineH(size)*0.7)
			pdf.SetDashPattern(nil, 0)
		}
		link := pdf.AddLink()
		pdf.SetLink(link, 0, s.page)
		pdf.Link(x, y, w, lineH(size), link)
		y += lineH(size) + 1.5*mm
	}
	pdf.SetPage(pdf.PageCount())
}

// cell is one cell of a table row. Text is wrapped to the cell's width.
type cell struct {
	w     float64
	text  string
	size  float64 // 0 means bodySize
	bold  bool
	color rgb
	fill  *rgb
	align align
	blank bool // drawn by the caller (the staffing table's 部门 column)

	lines []string
}

func (c *cell) fontSize() float64 {
	if c.size == 0 {
		return bodySize
	}
	return c.size
}

// table draws rows of cells, breaking to new pages with its header
// repeated. before runs on the old page before a break, after on the new
// page once the header is drawn.
type table struct {
	p             *planPDF
	x             float64
	head          func() // draws the repeated header row at p.y
	headH         float64
	before, after func()
}

var (
	pdfHeadFill  = &rgb{0xD9, 0xE1, 0xF2}
	subtotFill   = &rgb{0xF2, 0xF2, 0xF2}
	totalFillC   = &rgb{0xE2, 0xEF, 0xDA}
	labelFillC   = &rgb{0xF2, 0xF2, 0xF2}
	sectionFillC = &rgb{0xD9, 0xE1, 0xF2}
)

// layout wraps each cell and returns the row's height.
func (tb *table) layout(cells []cell, minH float64) float64 {
	h := minH
	for i := range cells {
		c := &cells[i]
		if c.blank {
			continue
		}
		c.lines = tb.p.t.wrap(c.text, c.w-2*cellPad, c.fontSize(), c.bold)
		h = max(h, float64(len(c.lines))*lineH(c.fontSize())+2*cellPad)
	}
	return h
}

func (tb *table) pageBreak() {
	if tb.before != nil {
		tb.before()
	}
	tb.p.newPage()
	if tb.head != nil {
		tb.head()
	}
	if tb.after != nil {
		tb.after()
	}
}

// top is where rows start on a fresh page of the table.
func (tb *table) top() float64 { return marginTop + tb.headH }

// row draws one row at p.y: on this page if it fits (with keep mm more for
// the rows that must stay with it), else on the next; a row taller than a
// page is split between its lines.
func (tb *table) row(cells []cell, minH, keep float64) {
	p := tb.p
	h := tb.layout(cells, minH)
	room := p.bottom() - tb.top()
	if p.y+h+keep > p.bottom() && h+keep <= room && p.y > tb.top()+0.01 {
		tb.pageBreak()
	}
	for {
		avail := p.bottom() - p.y
		if h <= avail+0.01 {
			tb.drawRow(cells, h)
			p.y += h
			return
		}
		// Split: as many lines of each cell as fit here, the rest on the
		// next page.
		n := 0
		for i := range cells {
			if !cells[i].blank {
				n = max(n, int((avail-2*cellPad)/lineH(cells[i].fontSize())))
			}
		}
		if n < 1 {
			tb.pageBreak()
			continue
		}
		head := make([]cell, len(cells))
		copy(head, cells)
		var rest []cell
		hh := 0.0
		for i := range head {
			c := head[i]
			if !c.blank && len(c.lines) > n {
				head[i].lines = c.lines[:n]
				c.lines = c.lines[n:]
			} else if !c.blank {
				c.lines = nil
			}
			rest = append(rest, c)
			if !head[i].blank {
				hh = max(hh, float64(len(head[i].lines))*lineH(head[i].fontSize())+2*cellPad)
			}
		}
		hh = min(max(hh, minH), avail)
		tb.drawRow(head, hh)
		p.y += hh
		tb.pageBreak()
		cells = rest
		h = 0
		for _, c := range cells {
			if !c.blank {
				h = max(h, float64(len(c.lines))*lineH(c.fontSize())+2*cellPad)
			}
		}
		h = max(h, minH)
	}
}

// drawRow draws laid-out cells h mm high at p.y, text centred vertically.
func (tb *table) drawRow(cells []cell, h float64) {
	p := tb.p
	x := tb.x
	p.pdf.SetDrawColor(0x80, 0x80, 0x80)
	p.pdf.SetLineWidth(0.2 * mm)
	for _, c := range cells {
		if !c.blank {
			style := "D"
			if c.fill != nil {
				p.pdf.SetFillColor(c.fill.r, c.fill.g, c.fill.b)
				style = "FD"
			}
			p.pdf.Rect(x, p.y, c.w, h, style)
			lh := lineH(c.fontSize())
			ty := p.y + (h-float64(len(c.lines))*lh)/2 + (lh-c.fontSize())/2
			for _, ln := range c.lines {
				p.t.drawIn(x+cellPad, ty, c.w-2*cellPad, ln, c.fontSize(), c.bold, c.color, c.align)
				ty += lh
			}
		}
		x += c.w
	}
}
