package monthchart

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

func TestLayout(t *testing.T) {
	pts := []Point{{"2027-01", 4, 89122}, {"2027-02", 8, 100218}, {"2027-03", 2, 31984}}
	g := Layout(pts, fyne.NewSize(400, 240))
	// Plot 400 − 48 − 84 = 268 wide, 240 − 24 − 28 = 188 high; the bars'
	// axis to 8 in steps of 2, the line's to 200,000 in steps of 50,000
	// (100,218 ÷ 4 = 25,054.5, rounded up to a round step).
	if g.PlotSize != fyne.NewSize(268, 188) || len(g.Bars) != 3 || len(g.Line) != 3 {
		t.Fatalf("plot %v, %d bars, %d points", g.PlotSize, len(g.Bars), len(g.Line))
	}
	bottom := g.Plot.Y + g.PlotSize.Height
	// The February bar is the whole height; January's half.
	if g.BarSizes[1].Height != 188 || g.Bars[1].Y != g.Plot.Y || g.BarSizes[0].Height != 94 {
		t.Errorf("February bar %v at %v", g.BarSizes[1], g.Bars[1])
	}
	// Bars stand on the axis, each centred in its third of the width.
	for i := range g.Bars {
		if g.Bars[i].Y+g.BarSizes[i].Height != bottom {
			t.Errorf("bar %d does not stand on the axis", i)
		}
		centre := g.Bars[i].X + g.BarSizes[i].Width/2
		if d := centre - g.Line[i].X; d > 0.01 || d < -0.01 {
			t.Errorf("point %d not over its bar: %v vs %v", i, g.Line[i].X, centre)
		}
	}
	// The line point of 100,218 of 200,000 is half-way up.
	if y := g.Line[1].Y; y < bottom-94.3 || y > bottom-94 {
		t.Errorf("February cost at %v", y)
	}
	// Five ticks, 0 at the bottom, the rounded maximum at the top.
	if len(g.BarTicks) != 5 || g.BarTicks[0].Label != "0" || g.BarTicks[4].Label != "8" || g.BarTicks[1].Label != "2" || g.LineTicks[4].Label != "20万" ||
		g.BarTicks[4].Y != g.Plot.Y {
		t.Errorf("ticks %v / %v", g.BarTicks, g.LineTicks)
	}
	if len(Layout(nil, fyne.NewSize(100, 100)).BarTicks) != 5 {
		t.Error("an empty chart has no axis")
	}
}

func TestChartObjects(t *testing.T) {
	test.NewTempApp(t)
	c := New("在岗", "人工成本")
	c.SetPoints([]Point{{"2027-01", 3, 10}, {"2027-02", 4, 20}})
	c.Resize(fyne.NewSize(400, 240))
	rects, lines := 0, 0
	for _, o := range test.WidgetRenderer(c).Objects() {
		switch o.(type) {
		case *canvas.Rectangle:
			rects++
		case *canvas.Line:
			lines++
		}
	}
	// Two bars; one segment of the cost line and five grid lines.
	if rects != 2 || lines != 6 {
		t.Errorf("%d bars, %d lines", rects, lines)
	}
}
