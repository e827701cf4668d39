package orgchart

import (
	"image"
	"image/color"
	"image/draw"
	"math"
)

// Preview draws page k of the plan as a picture widthPx wide, for the
// export dialog: the chart as it falls on the paper, grey bars where the
// header and footer go, tiles outlined on an overview page.
func (p *PDFPlan) Preview(k, widthPx int) *image.RGBA {
	px := float64(widthPx) / p.PageW // pixels per point
	img := image.NewRGBA(image.Rect(0, 0, widthPx, int(math.Round(p.PageH*px))))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	if k < 0 || k >= len(p.Pages) {
		return img
	}
	pg := p.Pages[k]
	sec := p.sections[pg.Section]
	c := pg.Content
	grey := image.NewUniform(color.NRGBA{0xd8, 0xdb, 0xe0, 0xff})
	bar := func(x, y, w, h float64) {
		r := image.Rect(int(x*px), int(y*px), int(math.Ceil((x+w)*px)), int(math.Ceil((y+h)*px)))
		draw.Draw(img, r, grey, image.Point{}, draw.Src)
	}
	m := float64(c.X)
	bar(m, m, 120, 10)                                  // plan name
	bar(m, float64(c.Y)-pdfGap-1, p.PageW-2*m, 1)       // header rule
	bar(m, float64(c.Y+c.H)+pdfGap, p.PageW-2*m, 1)     // footer rule
	bar(p.PageW-m-50, float64(c.Y+c.H)+pdfGap+8, 50, 7) // page number
	sc := *sec.sc
	s := pg.Scale
	if pg.Overview || s*px*textSize < 4 {
		sc.text = false // a few pixels of text are noise
	}
	ox := float64(c.X) / s
	if pg.Row == 0 || pg.Overview {
		ox += max(0, (float64(c.W)-float64(sc.L.Bounds.W)*s)/2) / s
	}
	clip := img.SubImage(image.Rect(int(float64(c.X)*px), int(float64(c.Y)*px),
		int(float64(c.X+c.W)*px), int(float64(c.Y+c.H)*px))).(*image.RGBA)
	var fonts *fontSet
	if sc.text {
		fonts, _ = loadFonts("")
	}
	rb := &rasterBackend{img: clip, scale: float32(s * px), ox: float32(ox) - pg.View.X, oy: float32(float64(c.Y)/s) - pg.View.Y, fonts: fonts}
	drawChart(rb, &sc, pg.View, noMarks)
	if pg.Overview {
		blue := printPalette.badge
		for _, q := range p.Pages {
			if q.Section == pg.Section && !q.Overview {
				v, w := q.View.clip(sc.L.Bounds), 1/float32(s*px) // one pixel
				rb.line(Segment{X1: v.X, Y1: v.Y, X2: v.X + v.W, Y2: v.Y}, blue, w)
				rb.line(Segment{X1: v.X, Y1: v.Y + v.H, X2: v.X + v.W, Y2: v.Y + v.H}, blue, w)
				rb.line(Segment{X1: v.X, Y1: v.Y, X2: v.X, Y2: v.Y + v.H}, blue, w)
				rb.line(Segment{X1: v.X + v.W, Y1: v.Y, X2: v.X + v.W, Y2: v.Y + v.H}, blue, w)
			}
		}
	}
	return img
}
