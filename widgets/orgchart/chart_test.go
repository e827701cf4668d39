package orgchart

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"

	"staffplan/widgets/orgchart/chartdoc"
)

// smallNodes is a two-level chart with Chinese titles and holders:
//
//	ceo ─┬─ fin ── acc, cash
//	     └─ hr ─── rec
func smallNodes() []chartdoc.Node {
	return []chartdoc.Node{
		{ID: "ceo", Title: "总经理", Lines: []string{"编制 1 / 在岗 1", "张伟"}},
		{ID: "fin", Parent: "ceo", Title: "财务部经理", Subtitle: "财务部", Lines: []string{"王芳"}},
		{ID: "hr", Parent: "ceo", Title: "人力资源经理", Subtitle: "人力资源部", Style: chartdoc.Vacancy},
		{ID: "acc", Parent: "fin", Title: "会计", Lines: []string{"李娜"}, Style: chartdoc.Over},
		{ID: "cash", Parent: "fin", Title: "出纳", Style: chartdoc.Dashed, Dotted: []string{"hr"}},
		{ID: "rec", Parent: "hr", Title: "招聘专员", Lines: []string{"Anna Smith"}, Badge: "兼"},
	}
}

func newTestChart(t *testing.T, nodes []chartdoc.Node, size fyne.Size) (*OrgChart, fyne.Window) {
	t.Helper()
	test.NewTempApp(t)
	c := NewWithOptions(mustModel(t, nodes), chartdoc.Options{}, chartdoc.ApproxMeasurer)
	w := test.NewWindow(c)
	w.SetPadded(false)
	w.Resize(size)
	t.Cleanup(w.Close)
	return c, w
}

// centreOf returns the absolute canvas position of the centre of box id.
func centreOf(t *testing.T, c *OrgChart, id string) fyne.Position {
	t.Helper()
	p, s, ok := c.BoxBounds(id)
	if !ok {
		t.Fatalf("box %s not visible", id)
	}
	abs := fyne.CurrentApp().Driver().AbsolutePositionForObject(c)
	return abs.Add(p).Add(fyne.NewPos(s.Width/2, s.Height/2))
}

func TestTapSelects(t *testing.T) {
	c, _ := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	var got []string
	c.OnSelected = func(id string) { got = append(got, id) }
	p, s, _ := c.BoxBounds("acc")
	test.TapAt(c, p.Add(fyne.NewPos(s.Width/2, s.Height/2)))
	if c.Selected() != "acc" || len(got) != 1 || got[0] != "acc" {
		t.Fatalf("selected %q, callbacks %v", c.Selected(), got)
	}
	// A tap on the background keeps the selection and calls nothing.
	test.TapAt(c, fyne.NewPos(2, 598))
	if c.Selected() != "acc" || len(got) != 1 {
		t.Fatalf("background tap changed selection to %q (%v)", c.Selected(), got)
	}
}

func TestTapToggleCollapses(t *testing.T) {
	c, _ := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	p, s, _ := c.BoxBounds("fin")
	test.TapAt(c, p.Add(fyne.NewPos(s.Width/2, s.Height))) // the toggle on the bottom edge
	if !c.IsCollapsed("fin") {
		t.Fatal("tap on the toggle did not collapse")
	}
	if _, _, ok := c.BoxBounds("acc"); ok {
		t.Fatal("report of a collapsed box still visible")
	}
	fi, _ := c.Model().Index("fin")
	if c.Layout().Hidden[fi] != 2 {
		t.Fatalf("hidden count %d, want 2", c.Layout().Hidden[fi])
	}
	if np, _, _ := c.BoxBounds("fin"); np != p {
		t.Fatalf("collapsed box moved on screen from %v to %v", p, np)
	}
}

func TestDoubleTapAndSecondaryTap(t *testing.T) {
	c, _ := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	var opened, menu string
	var at fyne.Position
	c.OnOpen = func(id string) { opened = id }
	c.OnContextMenu = func(id string, p fyne.Position) { menu, at = id, p }
	p, s, _ := c.BoxBounds("hr")
	mid := p.Add(fyne.NewPos(s.Width/2, s.Height/2))
	c.DoubleTapped(&fyne.PointEvent{Position: mid})
	c.TappedSecondary(&fyne.PointEvent{Position: mid, AbsolutePosition: fyne.NewPos(7, 9)})
	if opened != "hr" || menu != "hr" || at != fyne.NewPos(7, 9) {
		t.Fatalf("open %q, menu %q at %v", opened, menu, at)
	}
}

func dragBox(t *testing.T, c *OrgChart, w fyne.Window, from, to string) {
	t.Helper()
	a, b := centreOf(t, c, from), centreOf(t, c, to)
	test.Drag(w.Canvas(), a, b.X-a.X, b.Y-a.Y)
}

func TestDragReparents(t *testing.T) {
	c, w := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	var calls [][2]string
	c.OnReparent = func(child, parent string) error {
		calls = append(calls, [2]string{child, parent})
		return nil
	}
	dragBox(t, c, w, "rec", "fin")
	if len(calls) != 1 || calls[0] != [2]string{"rec", "fin"} {
		t.Fatalf("OnReparent calls %v", calls)
	}
	if nd, _ := c.Model().Lookup("rec"); nd.Parent != "fin" {
		t.Fatalf("rec reports to %q after drop", nd.Parent)
	}
}

func TestDragOntoDescendantRefused(t *testing.T) {
	c, w := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	called := false
	c.OnReparent = func(string, string) error { called = true; return nil }
	var refused [2]string
	c.OnRefused = func(child, target string) { refused = [2]string{child, target} }
	dragBox(t, c, w, "fin", "acc")
	if called || refused != [2]string{"fin", "acc"} {
		t.Fatalf("OnReparent called %v, refused %v", called, refused)
	}
	if nd, _ := c.Model().Lookup("fin"); nd.Parent != "ceo" {
		t.Fatal("tree changed after a refused drop")
	}
}

func TestDragErrorKeepsTree(t *testing.T) {
	c, w := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	c.OnReparent = func(string, string) error { return errors.New("no") }
	before := c.Model()
	dragBox(t, c, w, "acc", "hr")
	if c.Model() != before {
		t.Fatal("model replaced although OnReparent failed")
	}
}

func TestDragHighlightsTarget(t *testing.T) {
	c, _ := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	c.OnReparent = func(string, string) error { return nil }
	p, s, _ := c.BoxBounds("rec")
	q, qs, _ := c.BoxBounds("acc")
	from := p.Add(fyne.NewPos(s.Width/2, s.Height/2))
	to := q.Add(fyne.NewPos(qs.Width/2, qs.Height/2))
	c.MouseDown(&desktop.MouseEvent{PointEvent: fyne.PointEvent{Position: from}})
	// The desktop driver reports the current position and the step.
	c.Dragged(&fyne.DragEvent{PointEvent: fyne.PointEvent{Position: to}, Dragged: fyne.NewDelta(to.X-from.X, to.Y-from.Y)})
	acc, _ := c.Model().Index("acc")
	if c.drag.target != acc || c.drag.refused {
		t.Fatalf("target %d (refused %v), want %d", c.drag.target, c.drag.refused, acc)
	}
	c.DragEnd()
	if c.drag.target != -1 {
		t.Fatal("target still highlighted after the drop")
	}
}

func TestDragBackgroundPans(t *testing.T) {
	c, w := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	p0, _, _ := c.BoxBounds("ceo")
	test.Drag(w.Canvas(), fyne.NewPos(3, 590), 40, -25)
	p1, _, _ := c.BoxBounds("ceo")
	if d := p1.Subtract(p0); math.Abs(float64(d.X-40)) > 0.01 || math.Abs(float64(d.Y+25)) > 0.01 {
		t.Fatalf("box moved by %v, want (40,-25)", d)
	}
}

func TestSearchRevealCentres(t *testing.T) {
	nodes, _ := randomTree(3000, 11)
	nodes[2500].Lines = []string{"编制 1 / 在岗 1", "Zhang Wei 张伟"}
	c, _ := newTestChart(t, nodes, fyne.NewSize(640, 480))
	c.CollapseToDepth(1)
	ids := c.Search("zhang wei")
	if len(ids) != 1 || ids[0] != "n2500" {
		t.Fatalf("search found %v", ids)
	}
	if _, _, ok := c.BoxBounds("n2500"); ok {
		t.Fatal("match visible before Reveal: the test proves nothing")
	}
	if got := c.NextMatch(); got != "n2500" {
		t.Fatalf("NextMatch %q", got)
	}
	p, s, ok := c.BoxBounds("n2500")
	if !ok {
		t.Fatal("match still hidden after Reveal")
	}
	centre := p.Add(fyne.NewPos(s.Width/2, s.Height/2))
	if math.Abs(float64(centre.X-320)) > 1 || math.Abs(float64(centre.Y-240)) > 1 {
		t.Fatalf("match centred at %v, want (320,240)", centre)
	}
	if c.Selected() != "n2500" || c.highlight < 0 {
		t.Fatal("match not selected and highlighted")
	}
	if len(c.Search("岗位 n25")) < 2 {
		t.Fatal("title search should find several")
	}
}

func TestCtrlScrollZooms(t *testing.T) {
	c, w := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	test.Scroll(w.Canvas(), fyne.NewPos(100, 100), 0, -30)
	if c.Zoom() != 1 {
		t.Fatalf("plain wheel zoomed to %v", c.Zoom())
	}
	c.KeyDown(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	test.Scroll(w.Canvas(), fyne.NewPos(100, 100), 0, 10)
	if c.Zoom() <= 1.1 {
		t.Fatalf("Ctrl+wheel up gave zoom %v", c.Zoom())
	}
	z := c.Zoom()
	test.Scroll(w.Canvas(), fyne.NewPos(100, 100), 0, -20)
	if c.Zoom() >= z {
		t.Fatalf("Ctrl+wheel down gave zoom %v after %v", c.Zoom(), z)
	}
	c.KeyUp(&fyne.KeyEvent{Name: desktop.KeyControlLeft})
	test.Scroll(w.Canvas(), fyne.NewPos(100, 100), 0, 10)
	if c.Zoom() >= z {
		t.Fatal("wheel still zooms after Ctrl released")
	}
}

func TestZoomButtonsAndFit(t *testing.T) {
	c, _ := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	c.ZoomIn()
	if c.Zoom() != zoomStep {
		t.Fatalf("ZoomIn gave %v", c.Zoom())
	}
	c.ZoomOut()
	c.ZoomOut()
	if math.Abs(float64(c.Zoom()-1/zoomStep)) > 1e-6 {
		t.Fatalf("ZoomOut gave %v", c.Zoom())
	}
	c.Actual100()
	if c.Zoom() != 1 {
		t.Fatal("Actual100")
	}
	// A chart that fits at a readable zoom is shown whole.
	c.Fit()
	for i := range c.Layout().Boxes {
		p, s, _ := c.BoxBounds(c.Model().Node(i).ID)
		if p.X < 0 || p.Y < 0 || p.X+s.Width > 900 || p.Y+s.Height > 600 {
			t.Fatalf("after Fit box %d at %v+%v is outside the view", i, p, s)
		}
	}
}

// Fit never shrinks text below a readable size: a chart too big for the
// view is shown by its top levels, with text, from its root.
func TestFitStaysReadable(t *testing.T) {
	c, _ := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	var reported []float32
	c.OnZoom = func(z float32) { reported = append(reported, z) }
	nodes, _ := randomTree(500, 3)
	for i := range nodes {
		nodes[i].Title = "Administration and human resources manager " + nodes[i].Title
	}
	c.SetModel(mustModel(t, nodes))
	c.Fit()
	if c.Zoom() < ReadableZoom {
		t.Fatalf("Fit went down to %v, below the readable %v", c.Zoom(), ReadableZoom)
	}
	if !c.scene().Text {
		t.Error("the fitted boxes are drawn without text")
	}
	if len(reported) == 0 || reported[len(reported)-1] != c.Zoom() {
		t.Errorf("OnZoom reported %v, zoom is %v", reported, c.Zoom())
	}
	root := c.Model().Node(c.Model().PreOrder()[0]).ID
	p, s, ok := c.BoxBounds(root)
	if !ok || p.X < 0 || p.Y < 0 || p.X+s.Width > 900 || p.Y+s.Height > 600 {
		t.Errorf("the root is not in view after Fit: %v+%v", p, s)
	}
	if len(c.CollapsedIDs()) == 0 {
		t.Error("a chart too big to read whole should be shown by its top levels (collapsed below)")
	}
	c.ZoomOut()
	if got := reported[len(reported)-1]; got != c.Zoom() {
		t.Errorf("after zooming out OnZoom reported %v, zoom is %v", got, c.Zoom())
	}
}

func TestKeyboardNavigation(t *testing.T) {
	c, _ := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	opened := ""
	c.OnOpen = func(id string) { opened = id }
	key := func(k fyne.KeyName) { c.TypedKey(&fyne.KeyEvent{Name: k}) }
	key(fyne.KeyDown) // nothing selected: starts at the root
	steps := []struct {
		k    fyne.KeyName
		want string
	}{{fyne.KeyDown, "fin"}, {fyne.KeyRight, "hr"}, {fyne.KeyRight, "hr"}, {fyne.KeyDown, "rec"}, {fyne.KeyUp, "hr"}, {fyne.KeyLeft, "fin"}, {fyne.KeyUp, "ceo"}}
	if c.Selected() != "ceo" {
		t.Fatalf("first key selected %q", c.Selected())
	}
	for _, s := range steps {
		key(s.k)
		if c.Selected() != s.want {
			t.Fatalf("after %s selected %q, want %q", s.k, c.Selected(), s.want)
		}
	}
	key(fyne.KeyReturn)
	if opened != "ceo" {
		t.Fatalf("Enter opened %q", opened)
	}
	key(fyne.KeySpace)
	if !c.IsCollapsed("ceo") {
		t.Fatal("Space did not collapse")
	}
	key(fyne.KeySpace)
	if c.IsCollapsed("ceo") {
		t.Fatal("Space did not expand")
	}
}

func TestOnlyVisibleBoxesHaveObjects(t *testing.T) {
	nodes, _ := randomTree(10000, 5)
	c, _ := newTestChart(t, nodes, fyne.NewSize(400, 300))
	r := test.WidgetRenderer(c).(*renderer)
	if r.boxes == 0 || r.boxes > 20 {
		t.Fatalf("%d boxes drawn in a 400×300 view", r.boxes)
	}
	if n := len(r.Objects()); n > 200 {
		t.Fatalf("%d canvas objects for a 400×300 view of 10,000 boxes", n)
	}
	// Panning reuses pooled objects instead of making new ones.
	pool := len(r.rects) + len(r.texts) + len(r.lines)
	for k := 0; k < 20; k++ {
		c.ScrollBy(fyne.NewDelta(37, 11))
	}
	if grown := len(r.rects) + len(r.texts) + len(r.lines); grown > 3*pool {
		t.Fatalf("object pools grew from %d to %d while panning", pool, grown)
	}
	// Fully zoomed out, all boxes are in view: one raster, not 10,000
	// objects.
	c.FitAll()
	if !r.lod || len(r.Objects()) > 3 {
		t.Fatalf("zoomed out: lod=%v with %d objects", r.lod, len(r.Objects()))
	}
}

func TestSetModelKeepsState(t *testing.T) {
	c, _ := newTestChart(t, smallNodes(), fyne.NewSize(900, 600))
	c.SetCollapsed("hr", true)
	c.Select("fin")
	nodes := append(smallNodes(), chartdoc.Node{ID: "new", Parent: "acc", Title: "新岗位"})
	c.SetModel(mustModel(t, nodes))
	if !c.IsCollapsed("hr") || c.Selected() != "fin" {
		t.Fatalf("collapsed %v selected %q", c.CollapsedIDs(), c.Selected())
	}
}

func TestNewModelErrors(t *testing.T) {
	for _, nodes := range [][]chartdoc.Node{
		{{ID: "a"}, {ID: "a"}},
		{{ID: ""}},
		{{ID: "a", Parent: "b"}, {ID: "b", Parent: "a"}},
	} {
		if _, err := chartdoc.NewModel(nodes); err == nil {
			t.Errorf("NewModel(%v) accepted", nodes)
		}
	}
	m := mustModel(t, []chartdoc.Node{{ID: "a", Parent: "missing"}, {ID: "b", Parent: "a"}})
	if fmt.Sprint(m.Roots()) != "[0]" || !m.IsDescendant(1, 0) || m.IsDescendant(0, 1) {
		t.Fatal("unknown parent should make a root")
	}
}

func fyne400() fyne.Size { return fyne.NewSize(400, 300) }
func TestExportWholeChartNotView(t *testing.T) {
	nodes, _ := randomTree(2000, 8)
	c, _ := newTestChart(t, nodes, fyne400())
	var buf bytes.Buffer
	if err := c.ExportSVG(&buf, "t", "d"); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "<text"); n < 2000 {
		t.Fatalf("%d text elements for 2000 boxes", n)
	}
}
