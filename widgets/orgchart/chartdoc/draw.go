package chartdoc

import (
	"image/color"
	"strconv"
)

// Backend is a drawing surface in chart coordinates. The widget (pooled
// canvas objects), the PNG rasteriser, the SVG and the PDF writers
// implement it, so they cannot drift apart.
type Backend interface {
	// Rect draws r filled with fill (nil: none) and outlined with stroke
	// (nil: none) strokeW wide, dashed or not, with corners of radius.
	Rect(r Rect, fill, stroke color.Color, strokeW float32, dashed bool, radius float32)
	// Line draws s w wide (dotted when s.Dotted).
	Line(s Segment, c color.Color, w float32)
	// Text draws s with its top-left corner at (x, y), size units high.
	Text(x, y float32, s string, size float32, bold bool, c color.Color)
}

// Palette holds the colours of one rendering. The widget fills it from
// the Fyne theme; exports use a fixed dark-on-white one.
type Palette struct {
	Bg, Box, Border, Line, Text, Muted       color.Color
	Vacancy, Over, Badge, BadgeText, Dashed  color.Color
	Focus, Highlight, Target, Ghost, Overlay color.Color
}

// printPalette is used for exports: dark on white, whatever the theme.
var printPalette = Palette{
	Bg:        color.White,
	Box:       color.White,
	Border:    color.NRGBA{0x8a, 0x8f, 0x98, 0xff},
	Line:      color.NRGBA{0x70, 0x75, 0x7d, 0xff},
	Text:      color.NRGBA{0x1d, 0x1f, 0x23, 0xff},
	Muted:     color.NRGBA{0x5f, 0x64, 0x6c, 0xff},
	Vacancy:   color.NRGBA{0xd3, 0x2f, 0x2f, 0xff},
	Over:      color.NRGBA{0xf0, 0x9a, 0x00, 0xff},
	Badge:     color.NRGBA{0x29, 0x62, 0xd9, 0xff},
	BadgeText: color.White,
	Dashed:    color.NRGBA{0x8a, 0x8f, 0x98, 0xff},
}

// Marks are the interactive states drawn on boxes, as box indexes; -1 for
// none.
type Marks struct {
	Selected, Highlight, Target int
	// TargetBad draws the drop target as refused.
	TargetBad bool
}

// NoMarks draws no box as selected, highlighted or targeted.
var NoMarks = Marks{Selected: -1, Highlight: -1, Target: -1}

// Scene is everything DrawChart needs: the model, its layout, the box
// texts cut to fit and the colours.
type Scene struct {
	m     *Model
	L     *Layout
	texts []boxText
	met   metrics
	meas  Measurer
	Pal   Palette
	// Text is false when zoomed too far out for text to be readable.
	Text bool
	// LineW is the connector width in chart units.
	LineW float32
	// export draws the organisation without the widget's controls: no
	// collapse buttons; a collapsed branch says "+N" as plain text.
	export bool
}

// togglePos is where the collapse toggle of box i sits: on the edge that
// faces its reports, except in compact columns where that edge faces the
// next box.
func (s *Scene) togglePos(i int) (x, y float32) {
	r := s.L.Boxes[i]
	below := s.L.Options.Orientation == TopDown
	if s.L.InColumn[i] {
		below = !below
	}
	if below {
		return r.X + r.W/2, r.Y + r.H
	}
	return r.X + r.W, r.Y + r.H/2
}

// ToggleRect is the pill of the collapse toggle, wider when it holds a
// hidden count.
func (s *Scene) ToggleRect(i int) (Rect, string) {
	label := "−"
	if s.L.Hidden[i] > 0 {
		label = "+" + strconv.Itoa(int(s.L.Hidden[i]))
	}
	w := float32(2 * toggleR)
	if len(label) > 2 && s.meas != nil {
		w = max(w, s.meas(label, badgeSize, true).Width+8)
	}
	x, y := s.togglePos(i)
	return Rect{x - w/2, y - toggleR, w, 2 * toggleR}, label
}

// DrawChart draws the part of the chart inside view on b, with the marks mk.
func DrawChart(b Backend, s *Scene, view Rect, mk Marks) {
	s.L.Query(view, nil, func(seg Segment) {
		c := s.Pal.Line
		if seg.Dotted {
			c = s.Pal.Dashed
		}
		b.Line(seg, c, s.LineW)
	})
	s.L.Query(view, func(i int) { drawBox(b, s, i, mk) }, nil)
}

func drawBox(b Backend, s *Scene, i int, mk Marks) {
	nd := &s.m.nodes[i]
	r := s.L.Boxes[i]
	fill, stroke, sw := s.Pal.Box, s.Pal.Border, float32(1)
	if i == mk.Highlight && s.Pal.Highlight != nil {
		fill = s.Pal.Highlight
	}
	switch {
	case i == mk.Target && mk.TargetBad:
		stroke, sw = s.Pal.Vacancy, 3
	case i == mk.Target:
		stroke, sw = s.Pal.Target, 3
	case i == mk.Selected:
		stroke, sw = s.Pal.Focus, 2.5
	case nd.Style == Vacancy:
		stroke = s.Pal.Vacancy
	case nd.Style == Over:
		stroke = s.Pal.Over
	}
	if !s.Text {
		// Zoomed out: solid blocks read better than empty outlines.
		fill = stroke
	}
	b.Rect(r, fill, stroke, sw, nd.Style == Dashed, cornerR)
	switch nd.Style {
	case Vacancy:
		b.Rect(Rect{r.X, r.Y, accentW, r.H}, s.Pal.Vacancy, nil, 0, false, 0)
	case Over:
		b.Rect(Rect{r.X, r.Y, accentW, r.H}, s.Pal.Over, nil, 0, false, 0)
	}
	if s.Text {
		bt := &s.texts[i]
		for _, row := range boxRows(bt, s.met) {
			c := s.Pal.Text
			if row.muted {
				c = s.Pal.Muted
			}
			b.Text(r.X+row.x, r.Y+row.y, row.text, row.size, row.bold, c)
		}
		if bt.badge != "" {
			br := Rect{r.X + r.W - boxPad/2 - bt.badgeW, r.Y + boxPad/2, bt.badgeW, s.met.badge + 2}
			b.Rect(br, s.Pal.Badge, nil, 0, false, br.H/2)
			b.Text(br.X+4, br.Y+1, bt.badge, badgeSize, true, s.Pal.BadgeText)
		}
	}
	if s.m.NumChildren(i) > 0 && s.export {
		if s.L.Hidden[i] > 0 && s.Text {
			// Beside the edge the button would sit on, clear of the border.
			_, label := s.ToggleRect(i)
			tw := float32(0)
			if s.meas != nil {
				tw = s.meas(label, badgeSize, true).Width
			}
			x, y := s.togglePos(i)
			if y >= r.Y+r.H { // below the box
				b.Text(x-tw/2, y+2, label, badgeSize, true, s.Pal.Muted)
			} else {
				b.Text(x+3, y-s.met.badge/2, label, badgeSize, true, s.Pal.Muted)
			}
		}
	} else if s.m.NumChildren(i) > 0 {
		tr, label := s.ToggleRect(i)
		b.Rect(tr, s.Pal.Box, s.Pal.Border, 1, false, toggleR)
		if s.Text {
			tw := float32(0)
			if s.meas != nil {
				tw = s.meas(label, badgeSize, true).Width
			}
			b.Text(tr.X+(tr.W-tw)/2, tr.Y+(tr.H-s.met.badge)/2, label, badgeSize, true, s.Pal.Text)
		}
	}
}
