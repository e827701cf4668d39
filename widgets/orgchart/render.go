package orgchart

import (
	"image"
	"image/color"
	"math"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"staffplan/widgets/orgchart/chartdoc"
)

// renderer draws the visible part of the chart with pooled canvas
// objects: each refresh hands the pools out again in drawing order, so
// panning reuses the same objects and only changed ones are refreshed.
type renderer struct {
	c       *OrgChart
	bg      *canvas.Rectangle
	raster  *canvas.Raster
	ghost   *canvas.Rectangle
	rects   []*canvas.Rectangle
	lines   []*canvas.Line
	texts   []*canvas.Text
	nr      int
	nl      int
	nt      int
	objects []fyne.CanvasObject
	// boxes is how many boxes the last refresh drew (for tests).
	boxes int
	lod   bool
}

func newRenderer(c *OrgChart) *renderer {
	r := &renderer{c: c, bg: canvas.NewRectangle(color.Transparent), ghost: canvas.NewRectangle(color.Transparent)}
	r.raster = canvas.NewRaster(r.paintRaster)
	r.ghost.StrokeWidth = 2
	r.ghost.CornerRadius = chartdoc.CornerRadius
	return r
}

func (r *renderer) Destroy() {}

func (r *renderer) MinSize() fyne.Size { return r.c.MinSize() }

func (r *renderer) Objects() []fyne.CanvasObject { return r.objects }

func (r *renderer) Layout(size fyne.Size) {
	c := r.c
	if size.Width > 0 && size.Height > 0 {
		if c.centre >= 0 {
			i := c.centre
			c.centre = -1
			c.centreOn(i)
		} else if !c.placed && c.lay != nil {
			// Until the user moves the view: 100 %, the top of the chart
			// centred, following window resizes.
			b := c.lay.Bounds
			c.origin = fyne.NewPos(b.X+b.W/2-size.Width/2, -viewMargin)
			if b.W < size.Width {
				c.origin.X = b.X + b.W/2 - size.Width/2
			} else if roots := c.model.Roots(); len(roots) > 0 {
				root := c.lay.Boxes[roots[0]]
				c.origin.X = root.X + root.W/2 - size.Width/2
			}
		}
	}
	r.build(size)
}

func (r *renderer) Refresh() {
	r.build(r.c.Size())
	canvas.Refresh(r.c)
}

// build lays out the objects for the current view.
func (r *renderer) build(size fyne.Size) {
	c := r.c
	s := c.scene()
	r.bg.FillColor = s.Pal.Bg
	r.bg.Resize(size)
	r.objects = append(r.objects[:0], r.bg)
	r.nr, r.nl, r.nt, r.boxes = 0, 0, 0, 0
	if c.lay == nil || size.Width <= 0 {
		return
	}
	view := c.viewRect()
	count := 0
	c.lay.Query(view, func(int) { count++ }, nil)
	r.lod = count > lodBoxes
	r.boxes = count
	if r.lod {
		// Thousands of boxes are a few pixels each: one raster image is
		// far cheaper than thousands of objects.
		r.raster.Resize(size)
		r.raster.Move(fyne.Position{})
		r.raster.Refresh()
		r.objects = append(r.objects, r.raster)
	} else {
		mk := chartdoc.Marks{Selected: c.selected, Highlight: c.highlight, Target: c.drag.target, TargetBad: c.drag.refused}
		chartdoc.DrawChart(r, s, view, mk)
	}
	if c.drag.active && c.drag.box >= 0 {
		b := c.lay.Boxes[c.drag.box]
		at := c.dragPoint()
		r.ghost.FillColor = s.Pal.Ghost
		r.ghost.StrokeColor = s.Pal.Focus
		r.ghost.Resize(fyne.NewSize(b.W*c.zoom, b.H*c.zoom))
		r.ghost.Move(at.Subtract(fyne.NewPos(b.W*c.zoom/2, b.H*c.zoom/2)))
		r.ghost.Refresh()
		r.objects = append(r.objects, r.ghost)
	}
}

// paintRaster draws the whole view without text for the level-of-detail
// mode.
func (r *renderer) paintRaster(w, h int) image.Image {
	c := r.c
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	size := c.Size()
	if size.Width <= 0 || c.lay == nil {
		return img
	}
	pxPerUnit := float32(w) / size.Width * c.zoom
	rb := chartdoc.NewRaster(img, pxPerUnit, -c.origin.X, -c.origin.Y)
	s := c.scene()
	s.Text = false
	s.LineW = 1 / c.zoom
	mk := chartdoc.Marks{Selected: c.selected, Highlight: c.highlight, Target: -1}
	chartdoc.DrawChart(rb, s, c.viewRect(), mk)
	return img
}

// Rect is part of chartdoc.Backend.
func (r *renderer) Rect(b chartdoc.Rect, fill, stroke color.Color, sw float32, dashed bool, radius float32) {
	c := r.c
	if r.nr == len(r.rects) {
		r.rects = append(r.rects, canvas.NewRectangle(nil))
	}
	o := r.rects[r.nr]
	r.nr++
	if fill == nil {
		fill = color.Transparent
	}
	strokeC, strokeW := stroke, sw*c.zoom
	if dashed || stroke == nil {
		strokeC, strokeW = color.Transparent, 0
	}
	rad := radius * c.zoom
	if o.FillColor != fill || o.StrokeColor != strokeC || o.StrokeWidth != strokeW || o.CornerRadius != rad {
		o.FillColor, o.StrokeColor, o.StrokeWidth, o.CornerRadius = fill, strokeC, strokeW, rad
		o.Refresh()
	}
	if b.W == 0 && b.H == 0 {
		return
	}
	o.Move(c.toView(b.X, b.Y))
	o.Resize(fyne.NewSize(b.W*c.zoom, b.H*c.zoom))
	r.objects = append(r.objects, o)
	if dashed && stroke != nil {
		// Canvas rectangles have no dash pattern: draw the border as
		// short lines.
		const dash, gap = 6, 4
		for x := b.X; x < b.X+b.W; x += dash + gap {
			e := min(x+dash, b.X+b.W)
			r.Line(chartdoc.Segment{X1: x, Y1: b.Y, X2: e, Y2: b.Y}, stroke, sw)
			r.Line(chartdoc.Segment{X1: x, Y1: b.Y + b.H, X2: e, Y2: b.Y + b.H}, stroke, sw)
		}
		for y := b.Y; y < b.Y+b.H; y += dash + gap {
			e := min(y+dash, b.Y+b.H)
			r.Line(chartdoc.Segment{X1: b.X, Y1: y, X2: b.X, Y2: e}, stroke, sw)
			r.Line(chartdoc.Segment{X1: b.X + b.W, Y1: y, X2: b.X + b.W, Y2: e}, stroke, sw)
		}
	}
}

// Line is part of chartdoc.Backend.
func (r *renderer) Line(s chartdoc.Segment, col color.Color, w float32) {
	if s.Dotted {
		// Clip to the view first so a long dotted line costs only what
		// shows, then draw it as dashes of fixed screen length.
		v := r.c.viewRect()
		x1, y1, x2, y2, ok := clipSegment(s.X1, s.Y1, s.X2, s.Y2, v)
		if !ok {
			return
		}
		on, period := 3/r.c.zoom, 7/r.c.zoom
		dx, dy := x2-x1, y2-y1
		length := float32(hypot(dx, dy))
		for d := float32(0); d < length && length > 0; d += period {
			e := min(d+on, length)
			r.solid(chartdoc.Segment{X1: x1 + dx*d/length, Y1: y1 + dy*d/length, X2: x1 + dx*e/length, Y2: y1 + dy*e/length}, col, w)
		}
		return
	}
	r.solid(s, col, w)
}

func (r *renderer) solid(s chartdoc.Segment, col color.Color, w float32) {
	c := r.c
	if r.nl == len(r.lines) {
		r.lines = append(r.lines, canvas.NewLine(nil))
	}
	o := r.lines[r.nl]
	r.nl++
	sw := max(1, w*c.zoom)
	if o.StrokeColor != col || o.StrokeWidth != sw {
		o.StrokeColor, o.StrokeWidth = col, sw
		o.Refresh()
	}
	o.Position1 = c.toView(s.X1, s.Y1)
	o.Position2 = c.toView(s.X2, s.Y2)
	r.objects = append(r.objects, o)
}

// Text is part of chartdoc.Backend.
func (r *renderer) Text(x, y float32, s string, size float32, bold bool, col color.Color) {
	c := r.c
	if r.nt == len(r.texts) {
		r.texts = append(r.texts, canvas.NewText("", nil))
	}
	o := r.texts[r.nt]
	r.nt++
	ts := size * c.zoom
	if o.Text != s || o.TextSize != ts || o.TextStyle.Bold != bold || o.Color != col {
		o.Text, o.TextSize, o.TextStyle.Bold, o.Color = s, ts, bold, col
		o.Refresh()
	}
	o.Move(c.toView(x, y))
	o.Resize(o.MinSize())
	r.objects = append(r.objects, o)
}

// clipSegment clips a segment to a rectangle (Liang–Barsky).
func clipSegment(x1, y1, x2, y2 float32, v chartdoc.Rect) (float32, float32, float32, float32, bool) {
	t0, t1 := float32(0), float32(1)
	dx, dy := x2-x1, y2-y1
	clip := func(p, q float32) bool {
		if p == 0 {
			return q >= 0
		}
		t := q / p
		if p < 0 {
			if t > t1 {
				return false
			}
			t0 = max(t0, t)
		} else {
			if t < t0 {
				return false
			}
			t1 = min(t1, t)
		}
		return true
	}
	if !clip(-dx, x1-v.X) || !clip(dx, v.X+v.W-x1) || !clip(-dy, y1-v.Y) || !clip(dy, v.Y+v.H-y1) {
		return 0, 0, 0, 0, false
	}
	return x1 + t0*dx, y1 + t0*dy, x1 + t1*dx, y1 + t1*dy, true
}

func hypot(a, b float32) float64 { return math.Hypot(float64(a), float64(b)) }
