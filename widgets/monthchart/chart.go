// Package monthchart draws a plan month by month: a bar per month (a
// headcount) and a line over them (a cost), each against its own axis,
// with the months under the bars. Layout is a pure function of the data
// and the size, so tests assert the geometry rather than pixels.
package monthchart

import (
	"image/color"
	"math"
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Point is one month: its label, the bar's value and the line's.
type Point struct {
	Label string
	Bar   float64
	Line  float64
}

// Tick is a labelled value on an axis, at height Y.
type Tick struct {
	Y     float32
	Label string
}

// Geometry is where everything goes in a chart of a given size.
type Geometry struct {
	Plot      fyne.Position // top left of the plot area
	PlotSize  fyne.Size
	Bars      []fyne.Position // top left of each bar
	BarSizes  []fyne.Size
	Line      []fyne.Position // the line's points, one a month, over the bars' centres
	BarTicks  []Tick          // left axis
	LineTicks []Tick          // right axis
	XLabels   []fyne.Position // the centre of each month's label
}

// Margins around the plot: room for the axes' labels.
const (
	marginLeft   = 48
	marginRight  = 84
	marginTop    = 24 // the legend's line
	marginBottom = 28
	ticks        = 4
)

// niceMax rounds a maximum up so that each of the ticks steps by 1, 2 or
// 5 × 10ⁿ and the axis reads in round numbers; zero gives a step of 1 so
// an empty chart has an axis.
func niceMax(v float64) float64 {
	step := v / ticks
	if !(step > 0) || math.IsInf(step, 0) {
		return ticks
	}
	p := math.Pow(10, math.Floor(math.Log10(step)))
	for _, m := range []float64{1, 2, 5, 10} {
		if step <= m*p*(1+1e-12) {
			return m * p * ticks
		}
	}
	return 10 * p * ticks
}

func tickLabel(v float64) string {
	switch {
	case v >= 1e8:
		return strconv.FormatFloat(v/1e8, 'f', -1, 64) + "亿"
	case v >= 1e4:
		return strconv.FormatFloat(v/1e4, 'f', -1, 64) + "万"
	}
	return strconv.FormatFloat(v, 'f', -1, 64)
}

// Layout places the bars, the line and the ticks in size.
func Layout(points []Point, size fyne.Size) Geometry {
	g := Geometry{Plot: fyne.NewPos(marginLeft, marginTop),
		PlotSize: fyne.NewSize(max(size.Width-marginLeft-marginRight, 1), max(size.Height-marginTop-marginBottom, 1))}
	var maxBar, maxLine float64
	for _, p := range points {
		maxBar, maxLine = max(maxBar, p.Bar), max(maxLine, p.Line)
	}
	maxBar, maxLine = niceMax(maxBar), niceMax(maxLine)
	h := float64(g.PlotSize.Height)
	y := func(v, top float64) float32 { return g.Plot.Y + float32(h-h*max(v, 0)/top) }
	for i := 0; i <= ticks; i++ {
		fb, fl := maxBar*float64(i)/ticks, maxLine*float64(i)/ticks
		g.BarTicks = append(g.BarTicks, Tick{Y: y(fb, maxBar), Label: tickLabel(fb)})
		g.LineTicks = append(g.LineTicks, Tick{Y: y(fl, maxLine), Label: tickLabel(fl)})
	}
	if len(points) == 0 {
		return g
	}
	slot := g.PlotSize.Width / float32(len(points))
	barW := slot * 0.6
	for i, p := range points {
		x := g.Plot.X + slot*float32(i)
		top := y(p.Bar, maxBar)
		g.Bars = append(g.Bars, fyne.NewPos(x+(slot-barW)/2, top))
		g.BarSizes = append(g.BarSizes, fyne.NewSize(barW, g.Plot.Y+g.PlotSize.Height-top))
		g.Line = append(g.Line, fyne.NewPos(x+slot/2, y(p.Line, maxLine)))
		g.XLabels = append(g.XLabels, fyne.NewPos(x+slot/2, g.Plot.Y+g.PlotSize.Height+4))
	}
	return g
}

// Chart is the widget: bars, the line, both axes and the month labels,
// with a legend of what the bars and the line are.
type Chart struct {
	widget.BaseWidget
	points              []Point
	barName, lineName   string
	objects             []fyne.CanvasObject
	barColor, lineColor color.Color
}

// New returns an empty chart; barName and lineName are its legend.
func New(barName, lineName string) *Chart {
	c := &Chart{barName: barName, lineName: lineName, barColor: theme.Color(theme.ColorNamePrimary),
		lineColor: theme.Color(theme.ColorNameError)}
	c.ExtendBaseWidget(c)
	return c
}

// SetPoints shows other months.
func (c *Chart) SetPoints(points []Point) {
	c.points = append(c.points[:0], points...)
	c.Refresh()
}

// Points returns the months shown.
func (c *Chart) Points() []Point { return c.points }

// CreateRenderer implements fyne.Widget.
func (c *Chart) CreateRenderer() fyne.WidgetRenderer { return &renderer{c: c} }

type renderer struct{ c *Chart }

func (r *renderer) Layout(size fyne.Size) { r.build(size) }

func (r *renderer) MinSize() fyne.Size { return fyne.NewSize(320, 160) }

func (r *renderer) Refresh() { r.build(r.c.Size()) }

func (r *renderer) Objects() []fyne.CanvasObject { return r.c.objects }

func (r *renderer) Destroy() {}

func text(s string, size float32, c color.Color) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	return t
}

// build makes the canvas objects for size from Layout.
func (r *renderer) build(size fyne.Size) {
	c := r.c
	g := Layout(c.points, size)
	fg := theme.Color(theme.ColorNameForeground)
	grid := theme.Color(theme.ColorNameSeparator)
	ts := theme.TextSize() * 0.8
	var objs []fyne.CanvasObject
	for i, t := range g.BarTicks {
		l := canvas.NewLine(grid)
		l.Position1, l.Position2 = fyne.NewPos(g.Plot.X, t.Y), fyne.NewPos(g.Plot.X+g.PlotSize.Width, t.Y)
		objs = append(objs, l)
		lt := text(t.Label, ts, c.barColor)
		lt.Alignment = fyne.TextAlignTrailing
		lt.Move(fyne.NewPos(0, t.Y-ts*0.7))
		lt.Resize(fyne.NewSize(g.Plot.X-4, ts))
		objs = append(objs, lt)
		rt := text(g.LineTicks[i].Label, ts, c.lineColor)
		rt.Move(fyne.NewPos(g.Plot.X+g.PlotSize.Width+4, g.LineTicks[i].Y-ts*0.7))
		objs = append(objs, rt)
	}
	for i := range g.Bars {
		b := canvas.NewRectangle(c.barColor)
		b.Move(g.Bars[i])
		b.Resize(g.BarSizes[i])
		objs = append(objs, b)
	}
	for i := 1; i < len(g.Line); i++ {
		l := canvas.NewLine(c.lineColor)
		l.StrokeWidth = 2
		l.Position1, l.Position2 = g.Line[i-1], g.Line[i]
		objs = append(objs, l)
	}
	// Month labels: as many as fit.
	every := 1
	if n := len(g.XLabels); n > 0 {
		slot := g.PlotSize.Width / float32(n)
		for slot*float32(every) < ts*4.5 {
			every++
		}
	}
	for i := 0; i < len(g.XLabels); i += every {
		t := text(c.points[i].Label, ts, fg)
		t.Alignment = fyne.TextAlignCenter
		t.Move(fyne.NewPos(g.XLabels[i].X-ts*3, g.XLabels[i].Y))
		t.Resize(fyne.NewSize(ts*6, ts))
		objs = append(objs, t)
	}
	bl := text("■ "+c.barName, ts, c.barColor)
	bl.Move(fyne.NewPos(g.Plot.X+4, 0))
	ll := text("— "+c.lineName, ts, c.lineColor)
	ll.Alignment = fyne.TextAlignTrailing
	ll.Move(fyne.NewPos(g.Plot.X, 0))
	ll.Resize(fyne.NewSize(g.PlotSize.Width-4, ts))
	objs = append(objs, bl, ll)
	c.objects = objs
}
