package gui

import (
	"fmt"
	"io"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/export"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
	"staffplan/widgets/orgchart"
	"staffplan/widgets/orgchart/chartdoc"
)

// orgPane shows the plan as an org chart: posts linked by reports-to, or
// units with their figures. Editing happens where the user looks: drag a
// box onto another to change whom it reports to, right-click for more.
type orgPane struct {
	u       *UI
	chart   *orgchart.OrgChart
	units   bool // the units view; otherwise positions
	view    *widget.RadioGroup
	compact *widget.Check
	search  *widget.Entry
	found   *widget.Label
	zoom    *widget.Button // shows the zoom; tapping it goes to 100 %
	span    *widget.Label
	content fyne.CanvasObject
	shown   bool // the chart has been fitted once
	stale   bool // the plan changed while the chart was not on screen
	large   bool // measure box text by estimate, see newOrgPane
}

// largeChart is the number of boxes from which text is measured by
// estimate.
const largeChart = 1500

// spanThreshold is N in "managers with more than N direct reports".
const spanThreshold = 6

func newOrgPane(u *UI) *orgPane {
	o := &orgPane{u: u}
	m, _ := chartdoc.NewModel(nil)
	// Shaping every label of a large chart with the real font takes seconds
	// (10,000 posts: about 6 s); past a size the estimate from character
	// widths sets the boxes, which the eye cannot tell apart at that scale.
	meas := func(text string, size float32, bold bool) chartdoc.Size {
		if o.large {
			return chartdoc.ApproxMeasurer(text, size, bold)
		}
		return orgchart.FyneMeasurer(text, size, bold)
	}
	o.chart = orgchart.NewWithOptions(m, chartdoc.Options{Compact: true}, meas)
	o.chart.OnOpen = o.open
	o.chart.OnSelected = func(id string) {
		if kind, rid := parseUID(id); kind == 'p' {
			if p := u.posts[rid]; p != nil {
				u.selUnit = p.Unit
			}
		}
	}
	o.chart.OnReparent = o.reparent
	o.chart.OnRefused = func(child, target string) {
		u.showError(fmt.Errorf("%s", lang.X("chart.refused", "A box cannot be placed under itself or under one of its own reports.")))
	}
	o.chart.OnContextMenu = o.contextMenu

	o.view = widget.NewRadioGroup([]string{lang.X("chart.view_posts", "Posts"), lang.X("chart.view_units", "Units")}, func(s string) {
		o.units = s == lang.X("chart.view_units", "Units")
		o.refresh()
		o.chart.Fit()
	})
	o.view.Horizontal = true
	o.view.Required = true
	o.view.SetSelected(lang.X("chart.view_posts", "Posts"))
	o.compact = widget.NewCheck(lang.X("chart.compact", "Compact"), func(on bool) {
		opt := o.chart.Options()
		opt.Compact = on
		o.chart.SetOptions(opt)
	})
	o.compact.SetChecked(true)
	o.search = widget.NewEntry()
	o.search.SetPlaceHolder(lang.X("chart.search", "Find a post or a person"))
	o.search.OnChanged = func(s string) { o.find(s) }
	o.search.OnSubmitted = func(string) { o.next(1) }
	o.found = widget.NewLabel("")
	prev := widget.NewButtonWithIcon("", theme.NavigateBackIcon(), func() { o.next(-1) })
	next := widget.NewButtonWithIcon("", theme.NavigateNextIcon(), func() { o.next(1) })
	o.zoom = widget.NewButton(zoomText(o.chart.Zoom()), o.chart.Actual100)
	o.chart.OnZoom = func(z float32) { o.zoom.SetText(zoomText(z)) }
	// The zoom controls float over the chart's corner, as on a map, so the
	// toolbar leaves room for the search box in a narrow window.
	zoom := container.NewHBox(
		widget.NewButtonWithIcon("", theme.ZoomOutIcon(), o.chart.ZoomOut),
		o.zoom,
		widget.NewButtonWithIcon("", theme.ZoomInIcon(), o.chart.ZoomIn),
		widget.NewButtonWithIcon("", theme.ZoomFitIcon(), o.chart.Fit),
	)
	var export *widget.Button
	export = widget.NewButtonWithIcon("", theme.DownloadIcon(), func() { o.exportMenu(export) })
	bar := container.NewBorder(nil, nil, container.NewHBox(o.view, o.compact), export,
		container.NewBorder(nil, nil, nil, container.NewHBox(o.found, prev, next), o.search))
	o.span = widget.NewLabel("")
	o.span.Wrapping = fyne.TextWrapWord
	side := container.NewVScroll(o.span)
	corner := container.NewVBox(layout.NewSpacer(), container.NewHBox(layout.NewSpacer(), container.NewPadded(zoom)))
	split := container.NewHSplit(container.NewStack(container.New(&fitFirst{o: o}, o.chart), corner), side)
	split.Offset = 0.78
	o.content = container.NewBorder(bar, nil, nil, nil, split)
	return o
}

// refresh rebuilds the chart's boxes from the plan, keeping what the user
// collapsed and where they looked. While the chart's tab is not on screen
// it only notes that the chart is stale: rebuilding 10,000 boxes for an
// edit made in the form would keep the user waiting for nothing.
func (o *orgPane) refresh() {
	u := o.u
	if u.data == nil {
		return // still building the window
	}
	if u.tabs != nil && u.tabs.Selected() != u.orgTab {
		o.stale = true
		return
	}
	o.stale = false
	var nodes []chartdoc.Node
	if o.units {
		nodes = core.UnitNodes(u.data, u.fig)
	} else {
		nodes = core.PositionNodesWith(u.data, u.fig, u.units, u.personFTE)
	}
	m, err := chartdoc.NewModel(nodes)
	if err != nil {
		u.showError(err)
		return
	}
	o.large = m.Len() >= largeChart
	o.chart.SetModel(m)
	o.fitOnce()
	// Laying the panel's text out again costs more than the chart's model
	// on a 10,000-post plan, and most edits leave it as it was.
	if t := o.spanText(); t != o.span.Text {
		o.span.SetText(t)
	}
	if o.search.Text != "" {
		o.find(o.search.Text)
	}
}

// shownTab brings the chart up to date when its tab comes on screen.
func (o *orgPane) shownTab() {
	if o.stale {
		o.refresh()
	}
}

// zoomText is the zoom as the user reads it: "63 %".
func zoomText(z float32) string {
	return strconv.Itoa(int(math.Round(float64(z)*100))) + "%"
}

// fitOnce fits the whole chart into view the first time there is both a
// chart and room to show it, and again after another plan is shown.
func (o *orgPane) fitOnce() {
	sz := o.chart.Size()
	if !o.shown && sz.Width > 1 && sz.Height > 1 && o.chart.Model().Len() > 0 {
		o.shown = true
		o.chart.Fit()
	}
}

// spanText is the span-of-control panel: for the selected post, and for the
// plan as a whole.
func (o *orgPane) spanText() string {
	u := o.u
	f := u.fig
	var lines []string
	maxLayer := 0
	var wide, orphans []string
	for _, p := range u.data.Positions {
		pf := f.Positions[p.ID]
		maxLayer = max(maxLayer, pf.Layer)
		if pf.DirectReports > spanThreshold {
			wide = append(wide, fmt.Sprintf("%s (%d)", u.postLabel(p.ID), pf.DirectReports))
		}
		if p.ReportsTo == 0 {
			orphans = append(orphans, u.postLabel(p.ID))
		}
	}
	sort.Strings(wide)
	lines = append(lines, lang.X("span.title", "Span of control"), "",
		lang.X("span.layers", "Layers: {{.n}}", map[string]any{"n": maxLayer}),
		lang.X("span.wide", "Managers with more than {{.n}} direct reports:", map[string]any{"n": spanThreshold}))
	if len(wide) == 0 {
		lines = append(lines, "  "+lang.X("span.none", "none"))
	}
	// A long list helps nobody and costs seconds to lay out; say how many.
	const listMax = 30
	list := func(items []string) {
		for i, w := range items {
			if i == listMax {
				lines = append(lines, "  "+lang.X("span.more", "… and {{.n}} more", map[string]any{"n": len(items) - listMax}))
				break
			}
			lines = append(lines, "  "+w)
		}
	}
	list(wide)
	lines = append(lines, lang.X("span.orphans", "Posts with no manager:"))
	list(orphans)
	if kind, id := parseUID(o.chart.Selected()); kind == 'p' && u.posts[id] != nil {
		pf := f.Positions[id]
		lines = append(lines, "", u.postLabel(id),
			lang.X("span.direct", "Direct reports: {{.n}}", map[string]any{"n": pf.DirectReports}),
			lang.X("span.under", "Total under: {{.n}}", map[string]any{"n": pf.TotalUnder}),
			lang.X("span.layer", "Layer: {{.n}}", map[string]any{"n": pf.Layer}))
	}
	return strings.Join(lines, "\n")
}

func (o *orgPane) find(q string) {
	if strings.TrimSpace(q) == "" {
		o.chart.ClearHighlight()
		o.found.SetText("")
		return
	}
	matches := o.chart.Search(q)
	o.found.SetText(strconv.Itoa(len(matches)))
	if len(matches) > 0 {
		o.chart.Reveal(matches[0])
	}
}

func (o *orgPane) next(step int) {
	var id string
	if step > 0 {
		id = o.chart.NextMatch()
	} else {
		id = o.chart.PrevMatch()
	}
	if id != "" {
		o.chart.Reveal(id)
	}
}

// open shows a post in the form; a unit selects it in the outline.
func (o *orgPane) open(id string) {
	u := o.u
	switch kind, rid := parseUID(id); kind {
	case 'p':
		u.editor.confirmLeave(func() {
			u.editor.load(rid)
			u.tabs.Select(u.posTab)
		})
	case 'u':
		u.selUnit = rid
		u.outline.tree.Select(unitUID(rid))
	}
}

// reparent is a drop of one box onto another: one undoable change. A cycle
// is refused by ops.Reparent / ops.MoveUnit with its message.
func (o *orgPane) reparent(child, parent string) error {
	u := o.u
	ck, cid := parseUID(child)
	_, pid := parseUID(parent)
	var err error
	switch ck {
	case 'p':
		name := u.posts[cid].Title
		err = u.apply(lang.X("change.reports_to", "“{{.name}}” reports to another post", map[string]any{"name": name}),
			func(tx *store.Tx) error { return ops.Reparent(tx, cid, pid) })
	case 'u':
		name := u.units[cid].Name
		err = u.apply(lang.X("change.move_unit", "move “{{.name}}”", map[string]any{"name": name}),
			func(tx *store.Tx) error { return ops.MoveUnit(tx, cid, pid) })
	}
	if err != nil {
		u.showError(err)
	}
	return err
}

// contextMenu offers what can be done to a box where it is.
func (o *orgPane) contextMenu(id string, at fyne.Position) {
	u := o.u
	kind, rid := parseUID(id)
	collapse := fyne.NewMenuItem(lang.X("chart.collapse", "Collapse / expand"), func() { o.chart.Toggle(id) })
	var items []*fyne.MenuItem
	switch kind {
	case 'p':
		p := u.posts[rid]
		if p == nil {
			return
		}
		items = []*fyne.MenuItem{
			fyne.NewMenuItem(lang.X("chart.add_sub", "Add a subordinate post"), func() { o.addPost(p.Unit, p.ID) }),
			fyne.NewMenuItem(lang.X("chart.add_sibling", "Add a sibling post"), func() { o.addPost(p.Unit, p.ReportsTo) }),
			fyne.NewMenuItem(lang.X("chart.edit", "Edit"), func() { o.open(id) }),
			collapse,
			fyne.NewMenuItem(lang.X("chart.delete", "Delete…"), func() { u.deletePosition(rid) }),
		}
	case 'u':
		items = []*fyne.MenuItem{
			fyne.NewMenuItem(lang.X("chart.add_post_here", "Add a post here"), func() { o.addPost(rid, 0) }),
			fyne.NewMenuItem(lang.X("chart.edit", "Edit"), func() { u.editUnitDialog(rid) }),
			collapse,
			fyne.NewMenuItem(lang.X("chart.delete", "Delete…"), func() { u.deleteUnit(rid) }),
		}
	default:
		return
	}
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("", items...), u.win.Canvas(), at)
}

// addPost adds a post in unit reporting to manager (0 for the unit's
// head) and opens it.
func (o *orgPane) addPost(unit, manager model.ID) {
	u := o.u
	p := model.Position{Title: lang.X("pos.new_title", "New post"), Unit: unit, Planned: 1, ReportsTo: manager}
	err := u.apply(lang.X("change.add_post", "add post"), func(tx *store.Tx) error { return ops.AddPosition(tx, &p) })
	if err != nil {
		u.showError(err)
		return
	}
	o.chart.Reveal(core.ChartPostID(p.ID))
	u.editor.load(p.ID)
}

// exportMenu offers the chart as a picture or as a PDF to print, below
// the export button.
func (o *orgPane) exportMenu(b fyne.CanvasObject) {
	u := o.u
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Add(fyne.NewPos(0, b.Size().Height))
	widget.ShowPopUpMenuAtPosition(fyne.NewMenu("",
		fyne.NewMenuItem(lang.X("chart.export_image", "Picture (PNG or SVG)…"), o.exportDialog),
		fyne.NewMenuItem(lang.X("chart.export_pdf", "PDF to print…"), func() {
			m, opts := o.chart.ForPDF(chartdoc.PDFOptions{})
			u.chartPDFDialog(m, opts)
		}),
	), u.win.Canvas(), at)
}

// exportDialog saves the whole chart as PNG or SVG, rendered off-screen.
func (o *orgPane) exportDialog() {
	u := o.u
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		title := u.data.Plan.Name
		date := time.Now().Format(time.DateOnly)
		write := func(out io.Writer) error {
			if strings.EqualFold(w.URI().Extension(), ".svg") {
				return o.chart.ExportSVG(out, title, date)
			}
			return o.chart.ExportPNG(out, 2, title, date)
		}
		if err := export.WriteFileAtomic(path, write); err != nil {
			u.showError(err)
			return
		}
		u.showInfo(lang.X("dlg.saved", "Saved"),
			lang.X("dlg.exported", "Saved to {{.path}}.", map[string]any{"path": path}))
	}, u.win)
	d.SetFileName(export.DefaultFileName("orgchart", u.data.Plan.Organisation, time.Now(), ".png"))
	u.showFileDialog(d)
}

// fitFirst lays the chart out to fill its space and fits the whole chart
// into view the first time it has a size: before that there is nothing to
// fit into.
type fitFirst struct{ o *orgPane }

func (f *fitFirst) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, c := range objects {
		c.Resize(size)
		c.Move(fyne.NewPos(0, 0))
	}
	f.o.fitOnce()
}

func (f *fitFirst) MinSize(objects []fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(100, 100)
}
