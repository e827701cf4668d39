package chartdoc

import (
	"image/color"
	"strconv"
)

// backend is a drawing surface in chart coordinates. The widget (pooled
// canvas objects), the PNG rasteriser and the SVG writer implement it, so
// the three cannot drift apart.
type backend interface {
	rect(r Rect, fill, stroke color.Color, strokeW float32, dashed bool, radius float32)
	line(s Segment, c color.Color, w float32)
	text(x, y float32, s string, size float32, bold bool, c color.Color)
}

// palette holds the colours of one rendering.
type palette struct {
	bg, box, border, line, text, muted       color.Color
	vacancy, over, badge, badgeText, dashed  color.Color
	focus, highlight, target, ghost, overlay color.Color
}

// printPalette is used for exports: dark on white, whatever the theme.
var printPalette = palette{
	bg:        color.White,
	box:       color.White,
	border:    color.NRGBA{0x8a, 0x8f, 0x98, 0xff},
	line:      color.NRGBA{0x70, 0x75, 0x7d, 0xff},
	text:      color.NRGBA{0x1d, 0x1f, 0x23, 0xff},
	muted:     color.NRGBA{0x5f, 0x64, 0x6c, 0xff},
	vacancy:   color.NRGBA{0xd3, 0x2f, 0x2f, 0xff},
	over:      color.NRGBA{0xf0, 0x9a, 0x00, 0xff},
	badge:     color.NRGBA{0x29, 0x62, 0xd9, 0xff},
	badgeText: color.White,
	dashed:    color.NRGBA{0x8a, 0x8f, 0x98, 0xff},
}

// marks are the interactive states drawn on boxes; -1 for none.
type marks struct {
	selected, highlight, target int
	targetBad                   bool
}

var noMarks = marks{selected: -1, highlight: -1, target: -1}

// scene is everything drawChart needs.
type scene struct {
	m     *Model
	L     *Layout
	texts []boxText
	met   metrics
	meas  Measurer
	pal   palette
	// text is false when zoomed too far out for text to be readable.
	text bool
	// lineW is the connector width in chart units.
	lineW float32
	// export draws the organisation without the widget's controls: no
	// collapse buttons; a collapsed branch says "+N" as plain text.
	export bool
}

// togglePos is where the collapse toggle of box i sits: on the edge that
// faces its reports, except in compact columns where that edge faces the
// next box.
func (s *scene) togglePos(i int) (x, y float32) {
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

// toggleRect is the pill of the collapse toggle, wider when it holds a
// hidden count.
func (s *scene) toggleRect(i int) (Rect, string) {
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

// drawChart draws the part of the chart inside view.
func drawChart(b backend, s *scene, view Rect, mk marks) {
	s.L.Query(view, nil, func(seg Segment) {
		c := s.pal.line
		if seg.Dotted {
			c = s.pal.dashed
		}
		b.line(seg, c, s.lineW)
	})
	s.L.Query(view, func(i int) { drawBox(b, s, i, mk) }, nil)
}

func drawBox(b backend, s *scene, i int, mk marks) {
	nd := &s.m.nodes[i]
	r := s.L.Boxes[i]
	fill, stroke, sw := s.pal.box, s.pal.border, float32(1)
	if i == mk.highlight && s.pal.highlight != nil {
		fill = s.pal.highlight
	}
	switch {
	case i == mk.target && mk.targetBad:
		stroke, sw = s.pal.vacancy, 3
	case i == mk.target:
		stroke, sw = s.pal.target, 3
	case i == mk.selected:
		stroke, sw = s.pal.focus, 2.5
	case nd.Style == Vacancy:
		stroke = s.pal.vacancy
	case nd.Style == Over:
		stroke = s.pal.over
	}
	if !s.text {
		// Zoomed out: solid blocks read better than empty outlines.
		fill = stroke
	}
	b.rect(r, fill, stroke, sw, nd.Style == Dashed, cornerR)
	switch nd.Style {
	case Vacancy:
		b.rect(Rect{r.X, r.Y, accentW, r.H}, s.pal.vacancy, nil, 0, false, 0)
	case Over:
		b.rect(Rect{r.X, r.Y, accentW, r.H}, s.pal.over, nil, 0, false, 0)
	}
	if s.text {
		bt := &s.texts[i]
		for _, row := range boxRows(bt, s.met) {
			c := s.pal.text
			if row.muted {
				c = s.pal.muted
			}
			b.text(r.X+row.x, r.Y+row.y, row.text, row.size, row.bold, c)
		}
		if bt.badge != "" {
			br := Rect{r.X + r.W - boxPad/2 - bt.badgeW, r.Y + boxPad/2, bt.badgeW, s.met.badge + 2}
			b.rect(br, s.pal.badge, nil, 0, false, br.H/2)
			b.text(br.X+4, br.Y+1, bt.badge, badgeSize, true, s.pal.badgeText)
		}
	}
	if s.m.NumChildren(i) > 0 && s.export {
		if s.L.Hidden[i] > 0 && s.text {
			// Beside the edge the button would sit on, clear of the border.
			_, label := s.toggleRect(i)
			tw := float32(0)
			if s.meas != nil {
				tw = s.meas(label, badgeSize, true).Width
			}
			x, y := s.togglePos(i)
			if y >= r.Y+r.H { // below the box
				b.text(x-tw/2, y+2, label, badgeSize, true, s.pal.muted)
			} else {
				b.text(x+3, y-s.met.badge/2, label, badgeSize, true, s.pal.muted)
			}
		}
	} else if s.m.NumChildren(i) > 0 {
		tr, label := s.toggleRect(i)
		b.rect(tr, s.pal.box, s.pal.border, 1, false, toggleR)
		if s.text {
			tw := float32(0)
			if s.meas != nil {
				tw = s.meas(label, badgeSize, true).Width
			}
			b.text(tr.X+(tr.W-tw)/2, tr.Y+(tr.H-s.met.badge)/2, label, badgeSize, true, s.pal.text)
		}
	}
}
