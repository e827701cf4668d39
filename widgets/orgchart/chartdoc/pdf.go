package chartdoc

import (
	"errors"
	"fmt"
	"image/color"
	"io"
	"math"
	"sort"
	"strconv"

	"staffplan/data/export/pdfdoc"
)

// PDFLayout is how the chart is laid on paper.
type PDFLayout int

const (
	// PDFFit puts the whole chart on one page, refused (ErrTooSmall) when
	// its text would be too small to read.
	PDFFit PDFLayout = iota
	// PDFTiled spreads the chart at a chosen scale over a grid of pages
	// that overlap a little, after an overview page.
	PDFTiled
	// PDFUnits puts the top levels on a first page and each unit (the
	// branch under a post UnitDepth levels down) on its own page or
	// pages, with "continued on page N" where a branch moves on.
	PDFUnits
)

// MinReadablePt is the smallest text size, in points, that the PDF
// layouts accept: below it a printed chart cannot be read.
const MinReadablePt = 6

// ErrTooSmall is matched (errors.Is) by a *TooSmallError.
var ErrTooSmall = errors.New("orgchart: text would be too small to read")

// TooSmallError is why a layout was refused: its smallest text would be
// TextPt points, below MinReadablePt. The caller offers the tiled or
// one-page-per-unit layout, or a larger scale.
type TooSmallError struct {
	Layout PDFLayout
	TextPt float64
}

func (e *TooSmallError) Error() string {
	return fmt.Sprintf("orgchart: the smallest text would be %.1f pt, below the readable %d pt; use the tiled or one-page-per-unit layout", e.TextPt, MinReadablePt)
}

// Is makes errors.Is(err, ErrTooSmall) true.
func (e *TooSmallError) Is(target error) bool { return target == ErrTooSmall }

// PDFLabels are the words the PDF prints, in the caller's language (the
// widget hard-codes none). A nil func or empty string prints a
// language-free form: "3 / 10", "2-3", "→ 5", a legend without words.
type PDFLabels struct {
	// Page is the page number label, e.g. "第 3 页 / 共 10 页"; total is -1
	// when unknown.
	Page func(n, total int) string
	// Tile names a tile of the tiled layout, e.g. "第 2 行 第 3 列".
	Tile func(row, col int) string
	// Continued marks a branch drawn on another page: "续见第 5 页".
	Continued func(page int) string
	// Overview heads the overview page of the tiled layout.
	Overview string
	// Legend words.
	Vacancy, Over, NotSetUp, DottedLine string
}

// PDFOptions configure WritePDF, DrawPDF and PlanPDF.
type PDFOptions struct {
	// Paper is pdfdoc.A4 (default) or pdfdoc.A3; Landscape turns it;
	// Margin is the page border in points (default 28). DrawPDF uses the
	// document's paper instead.
	Paper     string
	Landscape bool
	Margin    float64
	Layout    PDFLayout
	// Scale is points per chart unit for the tiled layout and for units
	// too large to fit a page (default 0.75: titles 9.75 pt, body text
	// 8.25 pt).
	Scale float64
	// Overlap is the least overlap of neighbouring tiles in points
	// (default 14, about 5 mm).
	Overlap float64
	// UnitDepth is how many levels below the top (after any chain of
	// single reports) the first page of PDFUnits shows; the posts of the
	// last of those levels head the units (default 1).
	UnitDepth int
	// Title (the plan's name), Org (the organisation) and Date head every
	// page.
	Title, Org, Date string
	Labels           PDFLabels
	Collapsed        []bool
	Chart            Options
	// FirstPage and TotalPages number the pages when the chart is part of
	// a longer document (DrawPDF); zero numbers the chart's pages alone,
	// a negative TotalPages prints no total (Labels.Page gets -1).
	FirstPage, TotalPages int
}

const (
	defaultPDFScale   = 0.75
	defaultPDFOverlap = 14
	pdfHeaderH        = 34 // band above the chart: title, organisation, date
	pdfFooterH        = 22 // band below: legend, page number
	pdfGap            = 6  // between the bands and the chart
)

func (o PDFOptions) withDefaults() PDFOptions {
	if o.Scale <= 0 {
		o.Scale = defaultPDFScale
	}
	if o.Overlap <= 0 {
		o.Overlap = defaultPDFOverlap
	}
	if o.UnitDepth <= 0 {
		o.UnitDepth = 1
	}
	if o.Margin <= 0 {
		o.Margin = 28
	}
	return o
}

// PDFPage is one page of the chart's part of a PDF.
type PDFPage struct {
	// Overview is true for the tiled layout's map of the tiles.
	Overview bool
	// Section is 0 for the whole chart (fit, tiled) or the top levels
	// (units), then 1, 2… for the units.
	Section int
	// Row and Col number a tile from 1; 0 when the section is one page.
	Row, Col int
	// View is the part of the section's chart on the page, in chart
	// units; Scale is points per chart unit.
	View  Rect
	Scale float64
	// Content is where the chart is drawn on the page, in points from the
	// top-left corner of the paper; nothing of the chart leaves it.
	Content Rect
}

// PDFPlan is how a chart falls on pages, before any is drawn: the dialog
// shows its page count, tests check its geometry.
type PDFPlan struct {
	Pages []PDFPage
	// PageW and PageH are the paper size in points.
	PageW, PageH float64
	sections     []*pdfSection
	// m and o are what the plan was made of, so that WritePDF writes the
	// very pages the dialog previewed.
	m *Model
	o PDFOptions
}

// pdfSection is a chart drawn on one page or a grid of tiles: the whole
// chart, or the top levels or one unit of PDFUnits.
type pdfSection struct {
	sc    *Scene
	scale float64
	first int // index in Pages of its first page
	// cont maps a section node to the section that continues its branch.
	cont map[int]int
}

// Boxes returns the rectangles, in chart units, of the section's boxes;
// tests check that every box lies whole on some page.
func (p *PDFPlan) Boxes(section int) []Rect {
	L := p.sections[section].sc.L
	var out []Rect
	for i, r := range L.Boxes {
		if L.Visible[i] {
			out = append(out, r)
		}
	}
	return out
}

// PlanPDF works out the pages of m under o without drawing them. A fit
// (or a tiled scale) whose smallest text would fall below MinReadablePt
// returns a *TooSmallError.
func PlanPDF(m *Model, o PDFOptions) (*PDFPlan, error) {
	w, h, err := pdfdoc.PageSize(o.Paper, o.Landscape)
	if err != nil {
		return nil, err
	}
	return planPDF(m, o.withDefaults(), w, h, pdfMeasurer())
}

// pdfMeasurer measures with the fonts the PDF embeds (the shipped CJK
// font and the Go fonts), so that boxes fit their text on paper.
func pdfMeasurer() Measurer {
	fonts, _ := loadFonts("")
	return fonts.measure
}

func contentRect(o PDFOptions, w, h float64) Rect {
	m := o.Margin
	top := m + pdfHeaderH + pdfGap
	return Rect{float32(m), float32(top), float32(w - 2*m), float32(h - top - m - pdfFooterH - pdfGap)}
}

func planPDF(m *Model, o PDFOptions, w, h float64, meas Measurer) (*PDFPlan, error) {
	plan := &PDFPlan{PageW: w, PageH: h, m: m, o: o}
	content := contentRect(o, w, h)
	if o.Layout != PDFFit && o.Scale*float64(textSize) < MinReadablePt {
		return nil, &TooSmallError{Layout: o.Layout, TextPt: o.Scale * textSize}
	}
	switch o.Layout {
	case PDFFit:
		sc := exportScene(m, ExportOptions{Collapsed: o.Collapsed, Layout: o.Chart}, meas)
		s := fitScale(sc.L.Bounds, content)
		if t := s * minTextSize(sc); t < MinReadablePt {
			return nil, &TooSmallError{Layout: PDFFit, TextPt: t}
		}
		plan.add(&pdfSection{sc: sc, scale: s}, content, o, false)
	case PDFTiled:
		sc := exportScene(m, ExportOptions{Collapsed: o.Collapsed, Layout: o.Chart}, meas)
		if t := o.Scale * minTextSize(sc); t < MinReadablePt {
			return nil, &TooSmallError{Layout: PDFTiled, TextPt: t}
		}
		plan.add(&pdfSection{sc: sc, scale: o.Scale}, content, o, true)
	case PDFUnits:
		planUnits(plan, m, o, content, meas)
	default:
		return nil, fmt.Errorf("orgchart: unknown PDF layout %d", o.Layout)
	}
	return plan, nil
}

// fitScale is the largest scale, at most 1, at which b fits content.
func fitScale(b Rect, content Rect) float64 {
	s := 1.0
	if b.W > 0 {
		s = min(s, float64(content.W)/float64(b.W))
	}
	if b.H > 0 {
		s = min(s, float64(content.H)/float64(b.H))
	}
	return s
}

// minTextSize is the smallest font size, in chart units, that the boxes
// of sc use.
func minTextSize(sc *Scene) float64 {
	size := float64(titleSize)
	for i := range sc.m.nodes {
		if !sc.L.Visible[i] {
			continue
		}
		nd := &sc.m.nodes[i]
		if nd.Badge != "" || sc.L.Hidden[i] > 0 {
			return badgeSize // badges and "+N" counts
		}
		if nd.Subtitle != "" || len(nd.Lines) > 0 {
			size = textSize
		}
	}
	return size
}

// add appends the pages of sec: one if it fits content at its scale (or
// tiling is off), else an overview (when overview) and the tiles.
func (p *PDFPlan) add(sec *pdfSection, content Rect, o PDFOptions, overview bool) int {
	idx := len(p.sections)
	p.sections = append(p.sections, sec)
	sec.first = len(p.Pages)
	b := sec.sc.L.Bounds
	s := sec.scale
	tw, th := float64(content.W)/s, float64(content.H)/s
	if float64(b.W) <= tw && float64(b.H) <= th {
		p.Pages = append(p.Pages, PDFPage{Section: idx, View: Rect{0, 0, float32(tw), float32(th)}, Scale: s, Content: content})
		return idx
	}
	ov := o.Overlap / s
	xs, ys := tileCuts(sec.sc.L, b.W, float32(tw), float32(ov), true), tileCuts(sec.sc.L, b.H, float32(th), float32(ov), false)
	if overview {
		p.Pages = append(p.Pages, PDFPage{Overview: true, Section: idx, View: b, Scale: fitScale(b, content), Content: content})
	}
	for r, y := range ys {
		for c, x := range xs {
			view := Rect{x, y, float32(tw), float32(th)}
			empty := true
			sec.sc.L.Query(view, func(int) { empty = false }, func(Segment) { empty = false })
			if empty {
				continue // a blank page helps nobody; the overview shows the gap
			}
			p.Pages = append(p.Pages, PDFPage{Section: idx, Row: r + 1, Col: c + 1, View: view, Scale: s, Content: content})
		}
	}
	return idx
}

// tileCuts are the starts, in chart units, of the columns (x) or rows of
// tiles of size tile over a chart of length total. Each tile starts at
// least overlap before the previous one ends, and earlier still where a
// box straddles that end, so that every box lies whole in some column and
// some row, hence whole on some page.
func tileCuts(L *Layout, total, tile, overlap float32, x bool) []float32 {
	type span struct{ lo, hi float32 }
	var spans []span
	var widest float32
	for i, r := range L.Boxes {
		if !L.Visible[i] {
			continue
		}
		sp := span{r.Y, r.Y + r.H}
		if x {
			sp = span{r.X, r.X + r.W}
		}
		spans = append(spans, sp)
		widest = max(widest, sp.hi-sp.lo)
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].lo < spans[j].lo })
	cuts := []float32{0}
	for start := float32(0); start+tile < total; {
		end := start + tile
		next := end - overlap
		// Boxes that straddle end begin in (end-widest, end).
		k := sort.Search(len(spans), func(i int) bool { return spans[i].lo > end-widest })
		for ; k < len(spans) && spans[k].lo < end; k++ {
			if spans[k].hi > end && spans[k].lo < next {
				next = spans[k].lo
			}
		}
		if next <= start+tile/4 {
			next = end - overlap // a box longer than the tile: cut it anyway
		}
		// A little air before the box that starts the next tile.
		if next > start+tile/4+4 && next < end-overlap {
			next -= 4
		}
		cuts = append(cuts, next)
		start = next
	}
	return cuts
}

// planUnits puts the chart on one page if it is readable there. Else it
// puts the top levels (below any chain of single reports, UnitDepth more
// levels) on a page of their own and each branch under the last of those
// levels in its own part, split again the same way while it is too big
// for a page; a branch with no further levels to split is tiled.
func planUnits(plan *PDFPlan, m *Model, o PDFOptions, content Rect, meas Measurer) {
	open := func(v int) bool { return o.Collapsed == nil || !o.Collapsed[v] }
	// kidsOf is the next level down; all says whether the reports of a
	// collapsed post count (they do for the part's own chart, which hides
	// them and prints "+N").
	kidsOf := func(level []int, all bool) []int {
		var out []int
		for _, v := range level {
			if all || open(v) {
				for _, k := range m.children(int32(v)) {
					out = append(out, int(k))
				}
			}
		}
		return out
	}
	kids := func(level []int) []int { return kidsOf(level, false) }
	var place func(tops []int) int
	place = func(tops []int) int {
		var ids []int
		for level := tops; len(level) > 0; level = kidsOf(level, true) {
			ids = append(ids, level...)
		}
		sec := subSection(m, ids, o, meas, nil)
		s := fitScale(sec.sc.L.Bounds, content)
		if s*minTextSize(sec.sc) >= MinReadablePt {
			sec.scale = s
			return plan.add(sec, content, o, false)
		}
		level := tops
		top := append([]int(nil), level...)
		for len(level) == 1 && len(kids(level)) == 1 {
			level = kids(level)
			top = append(top, level...)
		}
		for d := 0; d < o.UnitDepth; d++ {
			level = kids(level)
			top = append(top, level...)
		}
		heads := headsOf(m, level, open)
		if len(heads) == 0 {
			sec.scale = o.Scale
			return plan.add(sec, content, o, false)
		}
		topSec := subSection(m, top, o, meas, heads)
		// More levels on the first page while they stay readable there:
		// fewer, fuller pages.
		for {
			next := kids(level)
			cand := append(append([]int(nil), top...), next...)
			nh := headsOf(m, next, open)
			cs := subSection(m, cand, o, meas, nh)
			if len(next) == 0 || fitScale(cs.sc.L.Bounds, content)*minTextSize(cs.sc) < MinReadablePt {
				break
			}
			top, level, heads, topSec = cand, next, nh, cs
			if len(heads) == 0 {
				break
			}
		}
		if len(heads) == 0 { // the whole part fitted after all
			topSec.scale = fitScale(topSec.sc.L.Bounds, content)
			return plan.add(topSec, content, o, false)
		}
		topSec.cont = map[int]int{}
		idx := plan.addAuto(topSec, content, o)
		for _, h := range heads {
			topSec.cont[indexOf(top, h)] = place([]int{h})
		}
		return idx
	}
	var roots []int
	for _, r := range m.roots {
		roots = append(roots, int(r))
	}
	place(roots)
}

// headsOf are the posts of level whose reports are shown.
func headsOf(m *Model, level []int, open func(int) bool) []int {
	var heads []int
	for _, v := range level {
		if open(v) && m.NumChildren(v) > 0 {
			heads = append(heads, v)
		}
	}
	return heads
}

func indexOf(ids []int, v int) int {
	for i, x := range ids {
		if x == v {
			return i
		}
	}
	return -1
}

// addAuto fits sec on one page when its text stays readable there, else
// tiles it at the chosen scale.
func (p *PDFPlan) addAuto(sec *pdfSection, content Rect, o PDFOptions) int {
	s := fitScale(sec.sc.L.Bounds, content)
	if s*minTextSize(sec.sc) >= MinReadablePt && (len(sec.cont) == 0 || s*badgeSize >= MinReadablePt) {
		sec.scale = s
	} else {
		sec.scale = o.Scale
	}
	return p.add(sec, content, o, false)
}

// subSection is the chart of the nodes ids of m (a connected part, its
// first node the top), laid out on its own. The boxes of heads get a last
// line for their "continued on page N" marker.
func subSection(m *Model, ids []int, o PDFOptions, meas Measurer, heads []int) *pdfSection {
	in := make(map[int]bool, len(ids))
	for _, v := range ids {
		in[v] = true
	}
	isHead := make(map[int]bool, len(heads))
	for _, h := range heads {
		isHead[h] = true
	}
	// Room for the widest page number the marker will plausibly hold.
	placeholder := contLabel(o.Labels, 8888)
	nodes := make([]Node, len(ids))
	var collapsed []bool
	for k, v := range ids {
		nd := m.nodes[v]
		if !in[m.ParentOf(v)] {
			nd.Parent = ""
		}
		if isHead[v] {
			nd.Lines = append(nd.Lines[:min(len(nd.Lines), maxBoxLines-1):min(len(nd.Lines), maxBoxLines-1)], placeholder)
		}
		nodes[k] = nd
		if o.Collapsed != nil && o.Collapsed[v] {
			if collapsed == nil {
				collapsed = make([]bool, len(ids))
			}
			collapsed[k] = true
		}
	}
	sub, err := NewModel(nodes)
	if err != nil {
		panic(err) // a part of a checked model is checked
	}
	// Children outside the part (the units under a top-level post) are
	// not counted as hidden: a "continued" marker says where they went.
	sc := exportScene(sub, ExportOptions{Collapsed: collapsed, Layout: o.Chart}, meas)
	for k, v := range ids {
		if isHead[v] {
			ls := sc.texts[k].lines
			ls[len(ls)-1] = "" // drawn in its own colour, with the real number
		}
	}
	return &pdfSection{sc: sc}
}

func contLabel(l PDFLabels, page int) string {
	if l.Continued != nil {
		return l.Continued(page)
	}
	return "→ " + strconv.Itoa(page)
}

// WritePDF writes the chart of m as a PDF of its own under o.
func WritePDF(w io.Writer, m *Model, o PDFOptions) error {
	d, err := pdfdoc.New(pdfdoc.Options{Paper: o.Paper, Landscape: o.Landscape, Margin: o.Margin})
	if err != nil {
		return err
	}
	if err := DrawPDF(d, m, o); err != nil {
		return err
	}
	return d.Output(w)
}

// WritePDF writes the planned pages as a PDF of their own: the pages the
// dialog's preview showed, not a second plan that could differ from them.
func (p *PDFPlan) WritePDF(w io.Writer) error {
	o := p.o
	d, err := pdfdoc.New(pdfdoc.Options{Paper: o.Paper, Landscape: o.Landscape, Margin: o.Margin})
	if err != nil {
		return err
	}
	if d.W != p.PageW || d.H != p.PageH || d.Margin != o.Margin {
		return fmt.Errorf("orgchart: planned for %.0f×%.0f pt, margin %.0f; the document is %.0f×%.0f, margin %.0f",
			p.PageW, p.PageH, o.Margin, d.W, d.H, d.Margin)
	}
	if err := drawPlan(d, p); err != nil {
		return err
	}
	return d.Output(w)
}

// TileLabel is what the header of page k says of its place in the chart
// ("第 1 行 第 2 列", the overview's heading), "" for a page of its own;
// the dialog shows it under the preview.
func (p *PDFPlan) TileLabel(k int) string {
	if k < 0 || k >= len(p.Pages) {
		return ""
	}
	return tileLabel(p.Pages[k], p.o.Labels)
}

func tileLabel(pg PDFPage, l PDFLabels) string {
	switch {
	case pg.Overview:
		return l.Overview
	case pg.Row > 0 && l.Tile != nil:
		return l.Tile(pg.Row, pg.Col)
	case pg.Row > 0:
		return strconv.Itoa(pg.Row) + "-" + strconv.Itoa(pg.Col)
	}
	return ""
}

// drawnPlan, when set (by tests), sees each plan as it is drawn.
var drawnPlan func(*PDFPlan)

// DrawPDF adds the pages of the chart of m to d, on d's paper, so that a
// longer document (the whole plan) can hold the chart. Page numbers run
// from o.FirstPage (default: the next page of d) to o.TotalPages (default:
// the last page of the chart).
func DrawPDF(d *pdfdoc.Doc, m *Model, o PDFOptions) error {
	o = o.withDefaults()
	o.Margin = d.Margin
	plan, err := planPDF(m, o, d.W, d.H, pdfMeasurer())
	if err != nil {
		return err
	}
	return drawPlan(d, plan)
}

// drawPlan adds the pages of plan to d.
func drawPlan(d *pdfdoc.Doc, plan *PDFPlan) error {
	m, o := plan.m, plan.o
	if drawnPlan != nil {
		drawnPlan(plan)
	}
	if !d.HasFallback() {
		d.SetFallback(SystemFontFallback(chartTexts(m, ExportOptions{Title: o.Title, Date: o.Date})...))
	}
	first := o.FirstPage
	if first <= 0 {
		first = d.PageNo() + 1
	}
	total := o.TotalPages
	if total == 0 {
		total = first + len(plan.Pages) - 1
	}
	// Internal links: overview tiles and "continued" markers jump to
	// their page.
	links := make([]int, len(plan.Pages))
	start := d.PageNo() + 1
	for k := range links {
		links[k] = d.AddLink()
		d.SetLink(links[k], 0, start+k)
	}
	for k, pg := range plan.Pages {
		d.AddPage()
		drawPDFPage(d, plan, pg, first+k, total, first, links, o)
	}
	return d.Error()
}

func rgb(c color.Color) (int, int, int) {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return int(n.R), int(n.G), int(n.B)
}

func drawPDFPage(d *pdfdoc.Doc, plan *PDFPlan, pg PDFPage, n, total, first int, links []int, o PDFOptions) {
	pal := printPalette
	sec := plan.sections[pg.Section]
	drawPDFHeader(d, pg, n, total, o, pal)
	c := pg.Content
	b := &pdfBackend{d: d, s: pg.Scale, ox: float64(c.X), oy: float64(c.Y), vx: float64(pg.View.X), vy: float64(pg.View.Y)}
	if pg.Overview {
		drawOverview(d, plan, pg, first, links, b)
		return
	}
	if pg.Row == 0 {
		// One page: centre the chart across the page.
		b.ox += max(0, (float64(c.W)-float64(sec.sc.L.Bounds.W)*pg.Scale)/2)
	}
	d.ClipRect(float64(c.X), float64(c.Y), float64(c.W), float64(c.H), false)
	DrawChart(b, sec.sc, pg.View, NoMarks)
	for v, to := range sec.cont {
		r := sec.sc.L.Boxes[v]
		if !r.Intersects(pg.View) {
			continue
		}
		// The marker takes the box's last line, kept empty for it.
		bt := &sec.sc.texts[v]
		rows := boxRows(bt, sec.sc.met)
		row := rows[len(rows)-1]
		b.Text(r.X+row.x, r.Y+row.y, contLabel(o.Labels, first+plan.sections[to].first), textSize, true, pal.Badge)
		d.Link(b.px(r.X), b.py(r.Y), float64(r.W)*b.s, float64(r.H)*b.s, links[plan.sections[to].first])
	}
	d.ClipEnd()
	if pg.Row > 0 {
		drawCutMarks(d, plan, pg)
	}
}

// drawPDFHeader prints the plan name, organisation and date above the
// chart, and the legend and page number below it.
func drawPDFHeader(d *pdfdoc.Doc, pg PDFPage, n, total int, o PDFOptions, pal Palette) {
	m := d.Margin
	d.SetTextColor(rgb(pal.Text))
	d.Text(m, m+11, o.Title, 12, true)
	d.SetTextColor(rgb(pal.Muted))
	if o.Org != "" {
		d.Text(m, m+26, o.Org, 9, false)
	}
	right := func(y float64, s string, size float64, bold bool) {
		d.Text(d.W-m-d.Width(s, size, bold), y, s, size, bold)
	}
	if o.Date != "" {
		right(m+11, o.Date, 9, false)
	}
	if label := tileLabel(pg, o.Labels); label != "" {
		d.SetTextColor(rgb(pal.Text))
		right(m+26, label, 10, true)
	}
	d.SetDrawColor(rgb(pal.Border))
	d.SetLineWidth(0.5)
	d.Line(m, m+pdfHeaderH, d.W-m, m+pdfHeaderH)
	// Footer.
	fy := d.H - m - pdfFooterH
	d.Line(m, fy, d.W-m, fy)
	page := strconv.Itoa(n)
	if total > 0 {
		page += " / " + strconv.Itoa(total)
	}
	if o.Labels.Page != nil {
		page = o.Labels.Page(n, total)
	}
	d.SetTextColor(rgb(pal.Muted))
	right(fy+15, page, 9, false)
	drawLegend(d, m, fy+6, o.Labels, pal)
}

func drawLegend(d *pdfdoc.Doc, x, y float64, l PDFLabels, pal Palette) {
	const sw, sh, size = 18.0, 11.0, 8.0
	item := func(label string, swatch func(x float64)) {
		swatch(x)
		x += sw + 4
		if label != "" {
			d.SetTextColor(rgb(pal.Muted))
			d.Text(x, y+sh-2.5, label, size, false)
			x += d.Width(label, size, false)
		}
		x += 12
	}
	box := func(accent color.Color, dashed bool) func(x float64) {
		return func(x float64) {
			d.SetLineWidth(0.75)
			stroke := pal.Border
			if accent != nil {
				stroke = accent
			}
			d.SetDrawColor(rgb(stroke))
			d.SetFillColor(rgb(pal.Box))
			if dashed {
				d.SetDashPattern([]float64{3, 2}, 0)
			}
			d.Rect(x, y, sw, sh, "FD")
			d.SetDashPattern([]float64{}, 0)
			if accent != nil {
				d.SetFillColor(rgb(accent))
				d.Rect(x, y, 2.5, sh, "F")
			}
		}
	}
	item(l.Vacancy, box(pal.Vacancy, false))
	item(l.Over, box(pal.Over, false))
	item(l.NotSetUp, box(nil, true))
	item(l.DottedLine, func(x float64) {
		d.SetDrawColor(rgb(pal.Dashed))
		d.SetLineWidth(1)
		d.SetDashPattern([]float64{1.5, 2}, 0)
		d.Line(x, y+sh/2, x+sw, y+sh/2)
		d.SetDashPattern([]float64{}, 0)
	})
}

// drawCutMarks marks, in the margins, the corners of a tile and where the
// neighbouring tiles begin: paste the next tile's edge on that line.
func drawCutMarks(d *pdfdoc.Doc, plan *PDFPlan, pg PDFPage) {
	c := pg.Content
	x0, y0 := float64(c.X), float64(c.Y)
	x1, y1 := x0+float64(c.W), y0+float64(c.H)
	d.SetDrawColor(0, 0, 0)
	d.SetLineWidth(0.4)
	// Vertical marks stay in the gap between the chart and the header and
	// footer rules; horizontal ones reach into the side margins.
	const lv, gv, lh, gh = pdfGap - 1.5, 0.5, 8.0, 2.0
	for _, x := range []float64{x0, x1} {
		d.Line(x, y0-gv, x, y0-gv-lv)
		d.Line(x, y1+gv, x, y1+gv+lv)
	}
	for _, y := range []float64{y0, y1} {
		d.Line(x0-gh, y, x0-gh-lh, y)
		d.Line(x1+gh, y, x1+gh+lh, y)
	}
	// Where the next column and row begin on this tile.
	d.SetDrawColor(rgb(printPalette.Badge))
	d.SetLineWidth(0.6)
	for _, q := range plan.Pages {
		if q.Section != pg.Section || q.Overview {
			continue
		}
		if q.Row == pg.Row && q.Col == pg.Col+1 && q.View.X < pg.View.X+pg.View.W {
			x := x0 + float64(q.View.X-pg.View.X)*pg.Scale
			d.Line(x, y0-gv, x, y0-gv-lv)
			d.Line(x, y1+gv, x, y1+gv+lv)
		}
		if q.Col == pg.Col && q.Row == pg.Row+1 && q.View.Y < pg.View.Y+pg.View.H {
			y := y0 + float64(q.View.Y-pg.View.Y)*pg.Scale
			d.Line(x0-gh, y, x0-gh-lh, y)
			d.Line(x1+gh, y, x1+gh+lh, y)
		}
	}
}

// drawOverview draws the whole section small, with the tiles outlined and
// numbered by the page they are on.
func drawOverview(d *pdfdoc.Doc, plan *PDFPlan, pg PDFPage, first int, links []int, b *pdfBackend) {
	sec := plan.sections[pg.Section]
	sc := *sec.sc
	sc.Text = pg.Scale*minTextSize(&sc) >= 3 // below, solid blocks read better
	sc.LineW = float32(max(1.2, 0.4/pg.Scale))
	c := pg.Content
	b.ox += max(0, (float64(c.W)-float64(sc.L.Bounds.W)*pg.Scale)/2)
	DrawChart(b, &sc, sc.L.Bounds, NoMarks)
	d.SetDrawColor(rgb(printPalette.Badge))
	d.SetTextColor(rgb(printPalette.Badge))
	d.SetLineWidth(0.8)
	for k, q := range plan.Pages {
		if q.Section != pg.Section || q.Overview {
			continue
		}
		v := q.View.clip(sc.L.Bounds) // the last tiles reach past the chart
		x, y := b.px(v.X), b.py(v.Y)
		w, h := float64(v.W)*pg.Scale, float64(v.H)*pg.Scale
		d.Rect(x, y, w, h, "D")
		label := strconv.Itoa(first + k)
		size := math.Min(14, math.Max(5, math.Min(w, h)/3))
		d.Text(x+w/2-d.Width(label, size, true)/2, y+h/2+size/3, label, size, true)
		d.Link(x, y, w, h, links[k])
	}
}

// pdfBackend draws chart units onto a PDF page: point = o + (chart - v) × s.
type pdfBackend struct {
	d              *pdfdoc.Doc
	s              float64
	ox, oy, vx, vy float64
}

func (b *pdfBackend) px(x float32) float64 { return b.ox + (float64(x)-b.vx)*b.s }
func (b *pdfBackend) py(y float32) float64 { return b.oy + (float64(y)-b.vy)*b.s }

func (b *pdfBackend) Rect(r Rect, fill, stroke color.Color, sw float32, dashed bool, radius float32) {
	x, y, w, h := b.px(r.X), b.py(r.Y), float64(r.W)*b.s, float64(r.H)*b.s
	style := ""
	if fill != nil {
		b.d.SetFillColor(rgb(fill))
		style += "F"
	}
	if stroke != nil && sw > 0 {
		b.d.SetDrawColor(rgb(stroke))
		b.d.SetLineWidth(float64(sw) * b.s)
		style += "D"
		if dashed {
			b.d.SetDashPattern([]float64{6 * b.s, 4 * b.s}, 0)
		}
	}
	if style == "" {
		return
	}
	if style == "FD" {
		style = "DF"
	}
	rad := float64(radius) * b.s
	if rad > 0.3 && 2*rad <= math.Min(w, h) {
		roundedRect(b.d, x, y, w, h, rad, style)
	} else {
		b.d.Rect(x, y, w, h, style)
	}
	if dashed && stroke != nil {
		b.d.SetDashPattern([]float64{}, 0)
	}
}

func (b *pdfBackend) Line(s Segment, c color.Color, w float32) {
	b.d.SetDrawColor(rgb(c))
	b.d.SetLineWidth(float64(w) * b.s)
	if s.Dotted {
		b.d.SetDashPattern([]float64{3 * b.s, 4 * b.s}, 0)
	}
	b.d.Line(b.px(s.X1), b.py(s.Y1), b.px(s.X2), b.py(s.Y2))
	if s.Dotted {
		b.d.SetDashPattern([]float64{}, 0)
	}
}

func (b *pdfBackend) Text(x, y float32, s string, size float32, bold bool, c color.Color) {
	if s == "" {
		return
	}
	pt := float64(size) * b.s
	b.d.SetTextColor(rgb(c))
	b.d.Text(b.px(x), b.py(y)+pdfdoc.Ascent(pt), s, pt, bold)
}

// clip is the part of r inside o.
func (r Rect) clip(o Rect) Rect {
	x0, y0 := max(r.X, o.X), max(r.Y, o.Y)
	x1, y1 := min(r.X+r.W, o.X+o.W), min(r.Y+r.H, o.Y+o.H)
	return Rect{x0, y0, max(0, x1-x0), max(0, y1-y0)}
}

// roundedRect draws a rectangle with rounded corners as one path. fpdf's
// RoundedRect opens a graphics state (q) it never closes, which keeps any
// clip in force for the rest of the page.
func roundedRect(d *pdfdoc.Doc, x, y, w, h, r float64, style string) {
	k := r * (4.0 / 3.0) * (math.Sqrt2 - 1) // Bézier handle of a quarter circle
	d.MoveTo(x+r, y)
	d.LineTo(x+w-r, y)
	d.CurveBezierCubicTo(x+w-r+k, y, x+w, y+r-k, x+w, y+r)
	d.LineTo(x+w, y+h-r)
	d.CurveBezierCubicTo(x+w, y+h-r+k, x+w-r+k, y+h, x+w-r, y+h)
	d.LineTo(x+r, y+h)
	d.CurveBezierCubicTo(x+r-k, y+h, x, y+h-r+k, x, y+h-r)
	d.LineTo(x, y+r)
	d.CurveBezierCubicTo(x, y+r-k, x+r-k, y, x+r, y)
	d.ClosePath()
	d.DrawPath(style)
}
