// Package orgchart is the org chart widget: the chart of
// staffplan/widgets/orgchart/chartdoc on screen, with zoom, pan, collapse,
// search, keyboard moves and drag-to-reparent, and export of what it shows.
// The model, layout, drawing and file writers live in chartdoc, which
// imports no Fyne, so the command line can use them without this package.
package orgchart

import (
	"image/color"
	"io"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/widgets/orgchart/chartdoc"
)

// Zoom limits and steps.
const (
	MinZoom  = 0.0002
	MaxZoom  = 4
	zoomStep = 1.25
	// Below textZoom text is unreadable, so boxes are drawn without it.
	textZoom = 0.4
	// ReadableZoom is the least zoom Fit goes to: box text about 9 pixels
	// high. A chart too big for the view at that zoom is shown by its top
	// levels instead.
	ReadableZoom = 0.8
	// Above lodBoxes visible boxes the chart is painted as one raster
	// image instead of thousands of canvas objects.
	lodBoxes = 1200
	// margin around the chart when fitting it to the view.
	viewMargin = 20
)

// OrgChart is a zoomable, pannable org chart widget. Only boxes that
// intersect the view get canvas objects, so charts of tens of thousands of
// boxes stay smooth. All methods must be called on the Fyne goroutine.
type OrgChart struct {
	widget.BaseWidget

	// OnSelected is called when the user selects a box (tap or keys).
	OnSelected func(id string)
	// OnOpen is called on double-tap or Enter.
	OnOpen func(id string)
	// OnContextMenu is called on secondary tap with the absolute position,
	// so the caller can show a menu there.
	OnContextMenu func(id string, at fyne.Position)
	// OnReparent is called when a box is dropped on another. On nil the
	// widget moves the box itself; on error the tree stays as it was and
	// the caller shows the message. Drops on the box itself or on its own
	// descendants never reach it.
	OnReparent func(child, newParent string) error
	// OnRefused is called when a drop is refused locally (on itself or on
	// a descendant).
	OnRefused func(child, target string)
	// OnToggled is called after a branch is collapsed or expanded.
	OnToggled func(id string, collapsed bool)
	// OnZoom is called after the zoom changed, with the new zoom (1 = 100 %).
	OnZoom func(zoom float32)
	// FontPath overrides the CJK font used by ExportPNG.
	FontPath string

	model     *chartdoc.Model
	opts      chartdoc.Options
	measure   chartdoc.Measurer
	collapsed []bool
	boxes     *chartdoc.Boxes
	lay       *chartdoc.Layout

	zoom   float32
	origin fyne.Position // chart point at the view's top-left
	placed bool          // view positioned once a size is known
	centre int           // box to centre once a size is known, or -1

	selected, highlight int
	matches             []string
	match               int

	press    *fyne.Position
	drag     dragState
	ctrlHeld bool
	focused  bool
}

type dragState struct {
	active  bool
	box     int // dragged box, or -1 when panning
	start   fyne.Position
	total   fyne.Delta
	target  int
	refused bool
}

// New returns a chart showing m (which may be nil) with default options.
func New(m *chartdoc.Model) *OrgChart {
	c := &OrgChart{zoom: 1, selected: -1, highlight: -1, centre: -1, drag: dragState{box: -1, target: -1}}
	c.ExtendBaseWidget(c)
	c.SetModel(m)
	return c
}

// NewWithOptions returns a chart showing m laid out with opt, measuring
// text with meas (nil for the Fyne theme font).
func NewWithOptions(m *chartdoc.Model, opt chartdoc.Options, meas chartdoc.Measurer) *OrgChart {
	c := &OrgChart{zoom: 1, selected: -1, highlight: -1, centre: -1, drag: dragState{box: -1, target: -1}, opts: opt, measure: meas}
	c.ExtendBaseWidget(c)
	c.SetModel(m)
	return c
}

// Model returns the model shown.
func (c *OrgChart) Model() *chartdoc.Model { return c.model }

// Layout returns the current layout (read only).
func (c *OrgChart) Layout() *chartdoc.Layout { return c.lay }

// SetModel shows m, keeping the collapsed branches, the selection and the
// view of the old model wherever the IDs still exist.
func (c *OrgChart) SetModel(m *chartdoc.Model) {
	if m == nil {
		m, _ = chartdoc.NewModel(nil)
	}
	old := c.model
	collapsed := make([]bool, m.Len())
	sel, hl := -1, -1
	if old != nil {
		for i, cl := range c.collapsed {
			if cl {
				if j, ok := m.Index(old.Node(i).ID); ok {
					collapsed[j] = true
				}
			}
		}
		sel = remap(old, m, c.selected)
		hl = remap(old, m, c.highlight)
	}
	meas := c.measure
	if meas == nil {
		meas = FyneMeasurer
	}
	c.model, c.collapsed, c.selected, c.highlight = m, collapsed, sel, hl
	c.boxes = chartdoc.MeasureBoxes(m, meas)
	c.relayout(-1)
}

func remap(old, m *chartdoc.Model, i int) int {
	if i < 0 || i >= old.Len() {
		return -1
	}
	if j, ok := m.Index(old.Node(i).ID); ok {
		return j
	}
	return -1
}

// SetOptions changes the layout options, keeping the selected box where
// it is on screen.
func (c *OrgChart) SetOptions(opt chartdoc.Options) {
	c.opts = opt
	c.relayout(c.selected)
}

// Options returns the layout options.
func (c *OrgChart) Options() chartdoc.Options { return c.opts }

// relayout recomputes the layout; if anchor ≥ 0 and visible before and
// after, the view moves so that box stays put on screen.
func (c *OrgChart) relayout(anchor int) {
	var before fyne.Position
	keep := anchor >= 0 && c.lay != nil && c.lay.Visible[anchor]
	if keep {
		before = fyne.NewPos(c.lay.Boxes[anchor].X, c.lay.Boxes[anchor].Y)
	}
	c.lay = chartdoc.ComputeLayout(c.model, c.boxes.Sizes, c.collapsed, c.opts)
	if keep && c.lay.Visible[anchor] {
		c.placed = true
		c.origin = c.origin.Add(fyne.NewPos(c.lay.Boxes[anchor].X-before.X, c.lay.Boxes[anchor].Y-before.Y))
	}
	if c.selected >= 0 && !c.lay.Visible[c.selected] {
		c.selected = -1
	}
	c.Refresh()
}

// ID returns the ID of node i of the current model.
func (c *OrgChart) id(i int) string {
	if i < 0 {
		return ""
	}
	return c.model.Node(i).ID
}

func (c *OrgChart) idx(id string) int {
	if i, ok := c.model.Index(id); ok {
		return i
	}
	return -1
}

// Selected returns the ID of the selected box, or "".
func (c *OrgChart) Selected() string { return c.id(c.selected) }

// Select selects the box id (revealing it if hidden) without calling
// OnSelected; "" clears the selection.
func (c *OrgChart) Select(id string) {
	i := c.idx(id)
	if i >= 0 && !c.lay.Visible[i] {
		c.expandAncestors(i)
	}
	c.selected = i
	c.Refresh()
}

// IsCollapsed reports whether the branch under id is collapsed.
func (c *OrgChart) IsCollapsed(id string) bool {
	i := c.idx(id)
	return i >= 0 && c.collapsed[i]
}

// SetCollapsed collapses (true) or expands (false) the branch under id.
func (c *OrgChart) SetCollapsed(id string, collapsed bool) {
	i := c.idx(id)
	if i < 0 || c.collapsed[i] == collapsed || c.model.NumChildren(i) == 0 {
		return
	}
	c.collapsed[i] = collapsed
	c.relayout(i)
	if c.OnToggled != nil {
		c.OnToggled(id, collapsed)
	}
}

// Toggle collapses an expanded branch or expands a collapsed one.
func (c *OrgChart) Toggle(id string) { c.SetCollapsed(id, !c.IsCollapsed(id)) }

// CollapsedIDs returns the IDs of the collapsed boxes, in model order.
func (c *OrgChart) CollapsedIDs() []string {
	var out []string
	for i, cl := range c.collapsed {
		if cl {
			out = append(out, c.id(i))
		}
	}
	return out
}

// CollapseToDepth collapses every box at depth d (roots are 0) that has
// reports and expands everything above, so a huge chart opens readable.
// A negative d expands everything.
func (c *OrgChart) CollapseToDepth(d int) {
	depth := make([]int, c.model.Len())
	for _, v := range c.model.PreOrder() {
		if p := c.model.ParentOf(v); p >= 0 {
			depth[v] = depth[p] + 1
		}
		c.collapsed[v] = d >= 0 && depth[v] == d && c.model.NumChildren(v) > 0
	}
	c.relayout(-1)
}

func (c *OrgChart) expandAncestors(i int) bool {
	changed := false
	for p := c.model.ParentOf(i); p >= 0; p = c.model.ParentOf(p) {
		if c.collapsed[p] {
			c.collapsed[p] = false
			changed = true
		}
	}
	if changed {
		c.relayout(-1)
	}
	return changed
}

// Search returns the IDs of boxes whose title, subtitle or lines contain
// query (ignoring case), top of the chart first, and remembers them for
// NextMatch and PrevMatch.
func (c *OrgChart) Search(query string) []string {
	c.matches = c.model.Search(query)
	c.match = -1
	return c.matches
}

// NextMatch reveals the next match of the last Search and returns its ID,
// or "" when there is none. It wraps around.
func (c *OrgChart) NextMatch() string { return c.stepMatch(1) }

// PrevMatch reveals the previous match of the last Search.
func (c *OrgChart) PrevMatch() string { return c.stepMatch(-1) }

func (c *OrgChart) stepMatch(d int) string {
	if len(c.matches) == 0 {
		return ""
	}
	c.match = ((c.match+d)%len(c.matches) + len(c.matches)) % len(c.matches)
	id := c.matches[c.match]
	c.Reveal(id)
	return id
}

// Reveal expands the collapsed ancestors of id, selects and highlights it
// and centres it in the view. It does not call OnSelected.
func (c *OrgChart) Reveal(id string) {
	i := c.idx(id)
	if i < 0 {
		return
	}
	c.expandAncestors(i)
	c.selected, c.highlight = i, i
	c.centreOn(i)
}

// ClearHighlight removes the search highlight.
func (c *OrgChart) ClearHighlight() {
	c.highlight = -1
	c.Refresh()
}

func (c *OrgChart) centreOn(i int) {
	sz := c.Size()
	if sz.Width <= 0 || sz.Height <= 0 {
		c.centre = i
		return
	}
	r := c.lay.Boxes[i]
	c.origin = fyne.NewPos(r.X+r.W/2-sz.Width/2/c.zoom, r.Y+r.H/2-sz.Height/2/c.zoom)
	c.placed = true
	c.Refresh()
}

// BoxBounds returns where box id is drawn, relative to the widget, and
// whether it is visible (not under a collapsed box).
func (c *OrgChart) BoxBounds(id string) (fyne.Position, fyne.Size, bool) {
	i := c.idx(id)
	if i < 0 || !c.lay.Visible[i] {
		return fyne.Position{}, fyne.Size{}, false
	}
	r := c.lay.Boxes[i]
	return c.toView(r.X, r.Y), fyne.NewSize(r.W*c.zoom, r.H*c.zoom), true
}

// BoxAt returns the ID of the box at pos (relative to the widget), or "".
func (c *OrgChart) BoxAt(pos fyne.Position) string {
	x, y := c.toChart(pos)
	return c.id(c.lay.HitTest(x, y))
}

func (c *OrgChart) toChart(p fyne.Position) (float32, float32) {
	return c.origin.X + p.X/c.zoom, c.origin.Y + p.Y/c.zoom
}

func (c *OrgChart) toView(x, y float32) fyne.Position {
	return fyne.NewPos((x-c.origin.X)*c.zoom, (y-c.origin.Y)*c.zoom)
}

func (c *OrgChart) viewRect() chartdoc.Rect {
	sz := c.Size()
	return chartdoc.Rect{X: c.origin.X, Y: c.origin.Y, W: sz.Width / c.zoom, H: sz.Height / c.zoom}
}

// Zoom returns the zoom factor (1 = 100 %).
func (c *OrgChart) Zoom() float32 { return c.zoom }

// SetZoom zooms about the centre of the view.
func (c *OrgChart) SetZoom(z float32) {
	sz := c.Size()
	c.zoomAt(z, fyne.NewPos(sz.Width/2, sz.Height/2))
}

// zoomAt changes the zoom keeping the chart point under p in place.
func (c *OrgChart) zoomAt(z float32, p fyne.Position) {
	z = min(max(z, MinZoom), MaxZoom)
	c.placed = true
	x, y := c.toChart(p)
	c.zoom = z
	c.origin = fyne.NewPos(x-p.X/z, y-p.Y/z)
	c.Refresh()
	c.zoomed()
}

func (c *OrgChart) zoomed() {
	if c.OnZoom != nil {
		c.OnZoom(c.zoom)
	}
}

// ZoomIn zooms in one step.
func (c *OrgChart) ZoomIn() { c.SetZoom(c.zoom * zoomStep) }

// ZoomOut zooms out one step.
func (c *OrgChart) ZoomOut() { c.SetZoom(c.zoom / zoomStep) }

// Actual100 sets the zoom to 100 %.
func (c *OrgChart) Actual100() { c.SetZoom(1) }

// Fit zooms and pans so the whole chart fits the view (never above 100 %),
// but never below ReadableZoom: a chart too large for that is collapsed to
// the deepest level that fits (the roots and their reports at least) and
// shown from its top, readable, for the user to expand or zoom out.
func (c *OrgChart) Fit() {
	sz := c.Size()
	if sz.Width <= 0 || sz.Height <= 0 || c.lay.Bounds.W <= 0 {
		return
	}
	fit := func() float32 {
		b := c.lay.Bounds
		return min((sz.Width-2*viewMargin)/b.W, (sz.Height-2*viewMargin)/b.H, 1)
	}
	z := fit()
	if z < ReadableZoom {
		// Keep at least the roots and their direct reports: a lone root
		// box says nothing about the organisation.
		for d := c.maxDepth() - 1; d >= 1 && z < ReadableZoom; d-- {
			c.CollapseToDepth(d)
			z = fit()
		}
	}
	b := c.lay.Bounds
	c.zoom = min(max(z, ReadableZoom), 1)
	if z >= ReadableZoom {
		c.origin = fyne.NewPos(b.X+b.W/2-sz.Width/2/c.zoom, b.Y+b.H/2-sz.Height/2/c.zoom)
	} else {
		// Still too wide or tall: the top of the chart, centred on its first
		// root where the chart is wider than the view.
		x := b.X + b.W/2
		if roots := c.model.Roots(); len(c.lay.Boxes) > 0 && len(roots) > 0 {
			r := c.lay.Boxes[roots[0]]
			x = r.X + r.W/2
		}
		if b.W*c.zoom <= sz.Width-2*viewMargin {
			x = b.X + b.W/2
		}
		c.origin = fyne.NewPos(x-sz.Width/2/c.zoom, b.Y-viewMargin/c.zoom)
	}
	c.placed = true
	c.Refresh()
	c.zoomed()
}

// FitAll zooms and pans so every box not under a collapsed one fits the
// view, however small that makes it: the overview of a large chart.
func (c *OrgChart) FitAll() {
	sz := c.Size()
	b := c.lay.Bounds
	if sz.Width <= 0 || sz.Height <= 0 || b.W <= 0 {
		return
	}
	z := min((sz.Width-2*viewMargin)/b.W, (sz.Height-2*viewMargin)/b.H, 1)
	c.zoom = min(max(z, MinZoom), MaxZoom)
	c.origin = fyne.NewPos(b.X+b.W/2-sz.Width/2/c.zoom, b.Y+b.H/2-sz.Height/2/c.zoom)
	c.placed = true
	c.Refresh()
	c.zoomed()
}

// maxDepth is the number of levels below the roots (0 for roots only).
func (c *OrgChart) maxDepth() int {
	depth := make([]int, c.model.Len())
	deepest := 0
	for _, v := range c.model.PreOrder() {
		if p := c.model.ParentOf(v); p >= 0 {
			depth[v] = depth[p] + 1
			deepest = max(deepest, depth[v])
		}
	}
	return deepest
}

// ScrollBy pans the view by d, in screen units.
func (c *OrgChart) ScrollBy(d fyne.Delta) {
	c.placed = true
	c.origin = c.origin.Add(fyne.NewPos(d.DX/c.zoom, d.DY/c.zoom))
	c.Refresh()
}

// ExportPNG writes the whole chart (as currently collapsed) as a PNG at
// scale pixels per unit, with title and date above it.
func (c *OrgChart) ExportPNG(w io.Writer, scale float32, title, date string) error {
	return chartdoc.WritePNG(w, c.model, chartdoc.ExportOptions{Title: title, Date: date, Scale: scale, FontPath: c.FontPath, Collapsed: c.collapsed, Layout: c.opts})
}

// ForPDF returns the chart's model and o with the chart's collapsed
// branches and layout options, so the PDF shows what the window shows.
// Call it on the UI goroutine; the results are copies, safe elsewhere.
func (c *OrgChart) ForPDF(o chartdoc.PDFOptions) (*chartdoc.Model, chartdoc.PDFOptions) {
	if c.collapsed != nil {
		o.Collapsed = append([]bool(nil), c.collapsed...)
	}
	o.Chart = c.opts
	return c.model, o
}

// ExportSVG writes the whole chart (as currently collapsed) as SVG.
func (c *OrgChart) ExportSVG(w io.Writer, title, date string) error {
	return chartdoc.WriteSVG(w, c.model, chartdoc.ExportOptions{Title: title, Date: date, FontPath: c.FontPath, Collapsed: c.collapsed, Layout: c.opts})
}

// hit finds what is under p: a box index and whether the point is on
// its collapse toggle.
func (c *OrgChart) hit(p fyne.Position) (int, bool) {
	x, y := c.toChart(p)
	s := c.scene()
	found, toggle := -1, false
	const tr = chartdoc.ToggleRadius
	c.lay.Query(chartdoc.Rect{X: x - 3*tr, Y: y - tr, W: 6 * tr, H: 2 * tr}, func(i int) {
		if c.model.NumChildren(i) > 0 {
			if r, _ := s.ToggleRect(i); r.Contains(x, y) {
				found, toggle = i, true
			}
		}
	}, nil)
	if toggle {
		return found, true
	}
	return c.lay.HitTest(x, y), false
}

func (c *OrgChart) requestFocus() {
	if app := fyne.CurrentApp(); app != nil {
		if cv := app.Driver().CanvasForObject(c); cv != nil {
			cv.Focus(c)
		}
	}
}

// Tapped selects the box under the pointer, or toggles its branch when
// the tap is on the toggle.
func (c *OrgChart) Tapped(ev *fyne.PointEvent) {
	c.requestFocus()
	i, toggle := c.hit(ev.Position)
	if toggle {
		c.Toggle(c.id(i))
		return
	}
	if i >= 0 {
		c.selectAndNotify(i)
	}
}

func (c *OrgChart) selectAndNotify(i int) {
	c.selected = i
	c.Refresh()
	if c.OnSelected != nil {
		c.OnSelected(c.id(i))
	}
}

// DoubleTapped opens the box under the pointer.
func (c *OrgChart) DoubleTapped(ev *fyne.PointEvent) {
	i, toggle := c.hit(ev.Position)
	if i < 0 || toggle {
		return
	}
	c.selectAndNotify(i)
	if c.OnOpen != nil {
		c.OnOpen(c.id(i))
	}
}

// TappedSecondary selects the box under the pointer and asks the caller
// for a context menu.
func (c *OrgChart) TappedSecondary(ev *fyne.PointEvent) {
	c.requestFocus()
	i, _ := c.hit(ev.Position)
	if i < 0 {
		return
	}
	c.selectAndNotify(i)
	if c.OnContextMenu != nil {
		c.OnContextMenu(c.id(i), ev.AbsolutePosition)
	}
}

// MouseDown records where a drag starts: the desktop driver reports drag
// positions relative to the press point.
func (c *OrgChart) MouseDown(ev *desktop.MouseEvent) {
	p := ev.Position
	c.press = &p
}

// MouseUp ends a press.
func (c *OrgChart) MouseUp(*desktop.MouseEvent) { c.press = nil }

// Dragged pans the view, or drags a box when the drag started on one.
func (c *OrgChart) Dragged(ev *fyne.DragEvent) {
	if !c.drag.active {
		start := ev.Position
		if c.press != nil {
			start = *c.press
		}
		c.drag = dragState{active: true, box: -1, target: -1, start: start}
		if i, toggle := c.hit(start); i >= 0 && !toggle && c.OnReparent != nil {
			c.drag.box = i
		}
	}
	c.drag.total.DX += ev.Dragged.DX
	c.drag.total.DY += ev.Dragged.DY
	if c.drag.box < 0 {
		c.placed = true
		c.origin = c.origin.Subtract(fyne.NewPos(ev.Dragged.DX/c.zoom, ev.Dragged.DY/c.zoom))
		c.Refresh()
		return
	}
	at := c.dragPoint()
	x, y := c.toChart(at)
	t := c.lay.HitTest(x, y)
	if t == c.drag.box {
		t = -1
	}
	c.drag.target = t
	c.drag.refused = t >= 0 && c.model.IsDescendant(t, c.drag.box)
	c.Refresh()
}

func (c *OrgChart) dragPoint() fyne.Position {
	return c.drag.start.Add(fyne.NewPos(c.drag.total.DX, c.drag.total.DY))
}

// DragEnd drops a dragged box on the box under the pointer.
func (c *OrgChart) DragEnd() {
	d := c.drag
	c.drag = dragState{box: -1, target: -1}
	c.press = nil
	defer c.Refresh()
	if d.box < 0 {
		return
	}
	x, y := c.toChart(d.start.Add(fyne.NewPos(d.total.DX, d.total.DY)))
	t := c.lay.HitTest(x, y)
	if t < 0 {
		return
	}
	child, target := c.id(d.box), c.id(t)
	if t == d.box || c.model.IsDescendant(t, d.box) {
		if c.OnRefused != nil {
			c.OnRefused(child, target)
		}
		return
	}
	if c.model.ParentOf(d.box) == t || c.OnReparent == nil {
		return
	}
	if err := c.OnReparent(child, target); err != nil {
		return
	}
	if m, err := c.model.WithParent(child, target); err == nil {
		c.SetModel(m)
	}
}

// Scrolled pans with the wheel, or zooms about the pointer with Ctrl held.
func (c *OrgChart) Scrolled(ev *fyne.ScrollEvent) {
	if c.ctrlDown() {
		steps := float64(ev.Scrolled.DY) / 10
		steps = min(max(steps, -5), 5)
		if steps == 0 {
			return
		}
		c.zoomAt(c.zoom*float32(math.Pow(1.15, steps)), ev.Position)
		return
	}
	c.placed = true
	c.origin = c.origin.Subtract(fyne.NewPos(ev.Scrolled.DX/c.zoom, ev.Scrolled.DY/c.zoom))
	c.Refresh()
}

func (c *OrgChart) ctrlDown() bool {
	if c.ctrlHeld {
		return true
	}
	if app := fyne.CurrentApp(); app != nil {
		if d, ok := app.Driver().(desktop.Driver); ok {
			return d.CurrentKeyModifiers()&(fyne.KeyModifierControl|fyne.KeyModifierSuper) != 0
		}
	}
	return false
}

// KeyDown tracks Ctrl for Ctrl+wheel zoom.
func (c *OrgChart) KeyDown(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyControlLeft || ev.Name == desktop.KeyControlRight {
		c.ctrlHeld = true
	}
}

// KeyUp tracks Ctrl for Ctrl+wheel zoom.
func (c *OrgChart) KeyUp(ev *fyne.KeyEvent) {
	if ev.Name == desktop.KeyControlLeft || ev.Name == desktop.KeyControlRight {
		c.ctrlHeld = false
	}
}

// FocusGained shows the selection as focused.
func (c *OrgChart) FocusGained() {
	c.focused = true
	c.Refresh()
}

// FocusLost is called when another widget takes the focus.
func (c *OrgChart) FocusLost() {
	c.focused = false
	c.ctrlHeld = false
	c.Refresh()
}

// TypedRune is ignored: Space arrives as a key.
func (c *OrgChart) TypedRune(rune) {}

// TypedKey moves the selection with the arrows (towards the manager, the
// first report or a sibling), opens with Enter and collapses with Space.
func (c *OrgChart) TypedKey(ev *fyne.KeyEvent) {
	if c.model.Len() == 0 {
		return
	}
	if c.selected < 0 {
		switch ev.Name {
		case fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight, fyne.KeyHome:
			c.selectAndNotify(c.model.Roots()[0])
			c.ensureVisible(c.selected)
		}
		return
	}
	switch ev.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if c.OnOpen != nil {
			c.OnOpen(c.id(c.selected))
		}
		return
	case fyne.KeySpace:
		c.Toggle(c.id(c.selected))
		return
	case fyne.KeyHome:
		c.selectAndNotify(c.model.Roots()[0])
		c.ensureVisible(c.selected)
		return
	}
	if n := c.neighbour(c.selected, ev.Name); n >= 0 && n != c.selected {
		c.selectAndNotify(n)
		c.ensureVisible(n)
	}
}

// neighbour is the box an arrow key leads to from i, or -1.
func (c *OrgChart) neighbour(i int, key fyne.KeyName) int {
	m := c.model
	var sibs []int
	if p := m.ParentOf(i); p >= 0 {
		sibs = m.ChildrenOf(p)
	} else {
		sibs = m.Roots()
	}
	pos := 0
	for k, s := range sibs {
		if s == i {
			pos = k
		}
	}
	up, down, prev, next := fyne.KeyUp, fyne.KeyDown, fyne.KeyLeft, fyne.KeyRight
	if c.opts.Orientation == chartdoc.LeftRight {
		up, down, prev, next = fyne.KeyLeft, fyne.KeyRight, fyne.KeyUp, fyne.KeyDown
	}
	if c.lay.InColumn[i] {
		// In a column the boxes stack along the depth axis: those keys
		// walk the column and the others jump between columns.
		rows := c.columnRows(sibs)
		switch key {
		case up:
			if pos%rows == 0 {
				return m.ParentOf(i)
			}
			return sibs[pos-1]
		case down:
			if pos%rows != rows-1 && pos+1 < len(sibs) {
				return sibs[pos+1]
			}
		case prev:
			if pos-rows >= 0 {
				return sibs[pos-rows]
			}
		case next:
			if pos+rows < len(sibs) {
				return sibs[pos+rows]
			}
			if pos/rows+1 < (len(sibs)+rows-1)/rows {
				return sibs[len(sibs)-1]
			}
		}
		return -1
	}
	switch key {
	case up:
		return m.ParentOf(i)
	case down:
		if ks := m.ChildrenOf(i); len(ks) > 0 && !c.collapsed[i] {
			return ks[0]
		}
	case prev:
		if pos > 0 {
			return sibs[pos-1]
		}
	case next:
		if pos+1 < len(sibs) {
			return sibs[pos+1]
		}
	}
	return -1
}

// columnRows is how many boxes the first column of a compact block holds.
func (c *OrgChart) columnRows(sibs []int) int {
	first := c.lay.Boxes[sibs[0]]
	rows := 0
	for _, s := range sibs {
		b := c.lay.Boxes[s]
		if (c.opts.Orientation == chartdoc.TopDown && b.X == first.X) || (c.opts.Orientation == chartdoc.LeftRight && b.Y == first.Y) {
			rows++
		}
	}
	return max(rows, 1)
}

// ensureVisible pans the least needed to bring box i into view.
func (c *OrgChart) ensureVisible(i int) {
	v := c.viewRect()
	r := c.lay.Boxes[i]
	pad := viewMargin / c.zoom
	dx, dy := float32(0), float32(0)
	if r.X-pad < v.X {
		dx = r.X - pad - v.X
	} else if r.X+r.W+pad > v.X+v.W {
		dx = min(r.X+r.W+pad-(v.X+v.W), r.X-pad-v.X)
	}
	if r.Y-pad < v.Y {
		dy = r.Y - pad - v.Y
	} else if r.Y+r.H+pad > v.Y+v.H {
		dy = min(r.Y+r.H+pad-(v.Y+v.H), r.Y-pad-v.Y)
	}
	if dx != 0 || dy != 0 {
		c.placed = true
		c.origin = c.origin.Add(fyne.NewPos(dx, dy))
		c.Refresh()
	}
}

// scene gathers what drawing needs, with theme colours.
func (c *OrgChart) scene() *chartdoc.Scene {
	meas := c.measure
	if meas == nil {
		meas = FyneMeasurer
	}
	s := chartdoc.NewScene(c.model, c.lay, c.boxes, meas, c.themePalette())
	s.Text = c.zoom >= textZoom
	return s
}

func (c *OrgChart) themePalette() chartdoc.Palette {
	col := func(n fyne.ThemeColorName) color.Color { return theme.ColorForWidget(n, c) }
	fg := col(theme.ColorNameForeground)
	return chartdoc.Palette{
		Bg:        col(theme.ColorNameBackground),
		Box:       col(theme.ColorNameInputBackground),
		Border:    col(theme.ColorNameInputBorder),
		Line:      col(theme.ColorNameDisabled),
		Text:      fg,
		Muted:     col(theme.ColorNamePlaceHolder),
		Vacancy:   col(theme.ColorNameError),
		Over:      col(theme.ColorNameWarning),
		Badge:     col(theme.ColorNamePrimary),
		BadgeText: col(theme.ColorNameForegroundOnPrimary),
		Dashed:    col(theme.ColorNameDisabled),
		Focus:     col(theme.ColorNamePrimary),
		Highlight: col(theme.ColorNameSelection),
		Target:    col(theme.ColorNameSuccess),
		Ghost:     col(theme.ColorNameHover),
		Overlay:   col(theme.ColorNameFocus),
	}
}

// MinSize is small: the chart scrolls.
func (c *OrgChart) MinSize() fyne.Size {
	c.ExtendBaseWidget(c)
	return fyne.NewSize(100, 100)
}

// CreateRenderer is part of fyne.Widget.
func (c *OrgChart) CreateRenderer() fyne.WidgetRenderer {
	return newRenderer(c)
}

var (
	_ fyne.Tappable          = (*OrgChart)(nil)
	_ fyne.DoubleTappable    = (*OrgChart)(nil)
	_ fyne.SecondaryTappable = (*OrgChart)(nil)
	_ fyne.Draggable         = (*OrgChart)(nil)
	_ fyne.Scrollable        = (*OrgChart)(nil)
	_ fyne.Focusable         = (*OrgChart)(nil)
	_ desktop.Keyable        = (*OrgChart)(nil)
	_ desktop.Mouseable      = (*OrgChart)(nil)
)

// FyneMeasurer measures with the current Fyne theme font, as the widget
// draws.
func FyneMeasurer(text string, size float32, bold bool) chartdoc.Size {
	return chartdoc.Size(fyne.MeasureText(text, size, fyne.TextStyle{Bold: bold}))
}
