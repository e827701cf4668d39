package orgchart

import (
	"bufio"
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"io"
	"math"
	"os"
	"strings"
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"staffplan/assets"
)

// SVGFontFamily is the font-family of SVG text: the shipped font first
// (where the reader has it, the SVG looks like the PNG and PDF), then
// common CJK fonts so that Chinese renders on any system, then the
// generic fallback.
const SVGFontFamily = `'Droid Sans Fallback', 'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif`

// ErrNoCJKFont is returned (wrapped) by WritePNG when some wide character
// of the chart (Chinese, Japanese, Korean…) is in no font: neither the
// export font nor a system fallback. The image is still written, with
// those glyphs missing.
var ErrNoCJKFont = errors.New("orgchart: no CJK font found; Chinese text is missing from the image")

// maxExportPixels bounds the PNG so that a huge chart at a high scale
// fails cleanly instead of exhausting memory (4 bytes a pixel).
const maxExportPixels = 300_000_000

// ExportOptions configure WritePNG and WriteSVG.
type ExportOptions struct {
	Title, Date string
	// Scale multiplies the PNG's pixel size (1 = 1 pixel per unit).
	Scale float32
	// FontPath is a font file for PNG text (and SVG measuring) instead of
	// the shipped one (assets.CJKFont); an unreadable file falls back to
	// the shipped font.
	FontPath  string
	Collapsed []bool
	Layout    Options
}

const (
	exportMargin = 24
	headerTitle  = 20
	headerDate   = 12
)

// fontSet is a regular and a bold font; cjk says whether they cover
// Chinese. latin and latinBold draw what the CJK font lacks (the shipped
// Droid Sans Fallback has no Latin letters or digits), from the Go fonts
// compiled in, so Latin looks the same everywhere too. fallbacks are
// system fonts for characters all of those lack (see cover), missing the
// characters no font has.
type fontSet struct {
	regular, bold    *sfnt.Font
	latin, latinBold *sfnt.Font
	cjk              bool
	mu               sync.Mutex
	faces            map[faceKey]font.Face
	fallbacks        []*sfnt.Font
	scanned          bool
	missing          map[rune]bool
}

type faceKey struct {
	size float32
	bold bool
}

var (
	shippedOnce               sync.Once
	shippedCJK, goReg, goBold *sfnt.Font
)

// shippedFonts parses the compiled-in fonts once; they are immutable and
// shared by every export.
func shippedFonts() (cjk, reg, bold *sfnt.Font) {
	shippedOnce.Do(func() {
		var err error
		if shippedCJK, err = opentype.Parse(assets.CJKFont); err != nil {
			panic(err) // compiled in and tested
		}
		goReg, _ = opentype.Parse(goregular.TTF)
		goBold, _ = opentype.Parse(gobold.TTF)
	})
	return shippedCJK, goReg, goBold
}

// loadFonts opens the font at path, or the shipped CJK font when path is
// empty or cannot be read (the error says why not). The system's fonts are
// only consulted later, by cover, for characters these lack.
func loadFonts(path string) (*fontSet, error) {
	cjk, reg, bold := shippedFonts()
	fs := &fontSet{regular: cjk, bold: cjk, latin: reg, latinBold: bold, cjk: true, faces: map[faceKey]font.Face{}}
	if path == "" {
		return fs, nil
	}
	f, err := parseFontFile(path)
	if err != nil {
		return fs, err
	}
	fs.regular, fs.bold = f, f
	if b, err := parseFontFile(strings.Replace(path, "Regular", "Bold", 1)); err == nil && strings.Contains(path, "Regular") {
		fs.bold = b
	}
	return fs, nil
}

func parseFontFile(path string) (*sfnt.Font, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	if len(data) >= 4 && string(data[:4]) == "ttcf" {
		c, err := opentype.ParseCollection(data)
		if err != nil {
			return nil, err
		}
		// Prefer the Simplified Chinese member of a CJK collection.
		var buf sfnt.Buffer
		best := -1
		for i := 0; i < c.NumFonts(); i++ {
			f, err := c.Font(i)
			if err != nil {
				continue
			}
			name, _ := f.Name(&buf, sfnt.NameIDFamily)
			if best < 0 || strings.HasSuffix(name, " SC") {
				best = i
				if strings.HasSuffix(name, " SC") {
					break
				}
			}
		}
		if best < 0 {
			return nil, fmt.Errorf("orgchart: no usable font in %s", path)
		}
		return c.Font(best)
	}
	return opentype.Parse(data)
}

func (fs *fontSet) face(size float32, bold bool) font.Face {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	k := faceKey{size, bold}
	if f, ok := fs.faces[k]; ok {
		return f
	}
	src, latin := fs.regular, fs.latin
	if bold {
		src, latin = fs.bold, fs.latinBold
	}
	opts := &opentype.FaceOptions{Size: float64(size), DPI: 72, Hinting: font.HintingNone}
	f, err := opentype.NewFace(src, opts)
	if err != nil {
		f, _ = opentype.NewFace(fs.regular, &opentype.FaceOptions{Size: 12, DPI: 72})
	}
	mf := &multiFace{fonts: []*sfnt.Font{src}, faces: []font.Face{f}}
	for _, fb := range append([]*sfnt.Font{latin}, fs.fallbacks...) {
		if fb == nil {
			continue
		}
		if ff, err := opentype.NewFace(fb, opts); err == nil {
			mf.fonts, mf.faces = append(mf.fonts, fb), append(mf.faces, ff)
		}
	}
	fs.faces[k] = mf
	return mf
}

// chartTexts is every text an export of m with o draws.
func chartTexts(m *Model, o ExportOptions) []string {
	texts := []string{o.Title, o.Date, "…"}
	for i := range m.nodes {
		nd := &m.nodes[i]
		texts = append(texts, nd.Title, nd.Subtitle, nd.Badge)
		texts = append(texts, nd.Lines...)
	}
	return texts
}

// measure is a Measurer backed by the font files.
func (fs *fontSet) measure(text string, size float32, bold bool) fyneSize {
	f := fs.face(size, bold)
	m := f.Metrics()
	return fyneSize{Width: float32(font.MeasureString(f, text)) / 64, Height: float32(m.Ascent+m.Descent) / 64}
}

// exportScene lays out m for export with meas.
func exportScene(m *Model, o ExportOptions, meas Measurer) *scene {
	sizes, texts, met := measureBoxes(m, meas)
	L := ComputeLayout(m, sizes, o.Collapsed, o.Layout)
	return &scene{m: m, L: L, texts: texts, met: met, meas: meas, pal: printPalette, text: true, lineW: 1.2, export: true}
}

// headerSize is the room the title and date take above the chart.
func headerSize(o ExportOptions, meas Measurer) (w, h float32) {
	if o.Title != "" {
		s := meas(o.Title, headerTitle, true)
		w, h = s.Width, s.Height+6
	}
	if o.Date != "" {
		s := meas(o.Date, headerDate, false)
		w, h = max(w, s.Width), h+s.Height+6
	}
	if h > 0 {
		h += 8
	}
	return w, h
}

// WritePNG renders the whole chart of m (all nodes not under a collapsed
// one) off-screen as a PNG, with the title and date above it. The result
// is complete even for charts far larger than a screen. If no CJK font is
// found the image is written anyway and the error wraps ErrNoCJKFont.
func WritePNG(w io.Writer, m *Model, o ExportOptions) error {
	scale := o.Scale
	if scale <= 0 {
		scale = 1
	}
	fonts, _ := loadFonts(o.FontPath) // an unreadable FontPath falls back to the shipped font
	fonts.cover(chartTexts(m, o)...)
	meas := func(t string, size float32, bold bool) fyneSize { return fonts.measure(t, size, bold) }
	s := exportScene(m, o, meas)
	hw, hh := headerSize(o, meas)
	width, height := pngSize(s.L, hw, hh, scale)
	if float64(width)*float64(height) > maxExportPixels {
		return fmt.Errorf("orgchart: image of %d×%d pixels is too large; use a smaller scale or the compact layout", width, height)
	}
	img := image.NewRGBA(image.Rect(0, 0, width, height))
	draw.Draw(img, img.Bounds(), image.NewUniform(s.pal.bg), image.Point{}, draw.Src)
	rb := &rasterBackend{img: img, scale: scale, ox: exportMargin, oy: exportMargin + hh, fonts: fonts}
	drawHeader(rb, o, meas, s.pal)
	drawChart(rb, s, s.L.Bounds, noMarks)
	bw := bufio.NewWriter(w)
	if err := png.Encode(bw, img); err != nil {
		return err
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	if fonts.lacksWide() {
		return ErrNoCJKFont
	}
	return nil
}

// pngSize is the pixel size of the PNG for a layout and header.
func pngSize(L *Layout, headerW, headerH, scale float32) (int, int) {
	w := max(L.Bounds.W, headerW) + 2*exportMargin
	h := L.Bounds.H + headerH + 2*exportMargin
	return int(math.Ceil(float64(w * scale))), int(math.Ceil(float64(h * scale)))
}

func drawHeader(b backend, o ExportOptions, meas Measurer, pal palette) {
	// The header band sits just above the chart origin.
	_, y := headerSize(o, meas)
	y = -y
	if o.Title != "" {
		b.text(0, y, o.Title, headerTitle, true, pal.text)
		y += meas(o.Title, headerTitle, true).Height + 6
	}
	if o.Date != "" {
		b.text(0, y, o.Date, headerDate, false, pal.muted)
	}
}

// rasterBackend draws into an RGBA image: pixel = (chart + o) × scale.
type rasterBackend struct {
	img    *image.RGBA
	scale  float32
	ox, oy float32
	fonts  *fontSet // nil: no text
}

func (r *rasterBackend) px(x, y float32) (float32, float32) {
	return (x + r.ox) * r.scale, (y + r.oy) * r.scale
}

func (r *rasterBackend) fill(x0, y0, x1, y1 float32, c color.Color, radius float32) {
	if c == nil {
		return
	}
	src := image.NewUniform(c)
	ix0, iy0 := int(math.Round(float64(x0))), int(math.Round(float64(y0)))
	ix1, iy1 := int(math.Round(float64(x1))), int(math.Round(float64(y1)))
	if ix1 <= ix0 {
		ix1 = ix0 + 1
	}
	if iy1 <= iy0 {
		iy1 = iy0 + 1
	}
	rad := int(radius)
	if rad < 2 || 2*rad > ix1-ix0 || 2*rad > iy1-iy0 {
		draw.Draw(r.img, image.Rect(ix0, iy0, ix1, iy1), src, image.Point{}, draw.Over)
		return
	}
	// Rounded corners: inset the rows near the top and bottom.
	for y := iy0; y < iy1; y++ {
		d := 0
		if dy := min(y-iy0, iy1-1-y); dy < rad {
			off := float64(rad) - float64(dy) - 0.5
			d = rad - int(math.Sqrt(float64(rad*rad)-off*off))
		}
		draw.Draw(r.img, image.Rect(ix0+d, y, ix1-d, y+1), src, image.Point{}, draw.Over)
	}
}

func (r *rasterBackend) rect(b Rect, fill, stroke color.Color, sw float32, dashed bool, radius float32) {
	x0, y0 := r.px(b.X, b.Y)
	x1, y1 := r.px(b.X+b.W, b.Y+b.H)
	rad := radius * r.scale
	if stroke == nil || sw <= 0 {
		r.fill(x0, y0, x1, y1, fill, rad)
		return
	}
	t := max(1, float32(math.Round(float64(sw*r.scale))))
	if !dashed {
		r.fill(x0, y0, x1, y1, stroke, rad)
		r.fill(x0+t, y0+t, x1-t, y1-t, fill, max(0, rad-t))
		return
	}
	r.fill(x0, y0, x1, y1, fill, rad)
	dash, gap := 6*r.scale, 4*r.scale
	for x := x0; x < x1; x += dash + gap {
		r.fill(x, y0, min(x+dash, x1), y0+t, stroke, 0)
		r.fill(x, y1-t, min(x+dash, x1), y1, stroke, 0)
	}
	for y := y0; y < y1; y += dash + gap {
		r.fill(x0, y, x0+t, min(y+dash, y1), stroke, 0)
		r.fill(x1-t, y, x1, min(y+dash, y1), stroke, 0)
	}
}

func (r *rasterBackend) line(s Segment, c color.Color, w float32) {
	x0, y0 := r.px(s.X1, s.Y1)
	x1, y1 := r.px(s.X2, s.Y2)
	t := max(1, float32(math.Round(float64(w*r.scale))))
	if !s.Dotted && (x0 == x1 || y0 == y1) {
		r.fill(min(x0, x1)-t/2, min(y0, y1)-t/2, max(x0, x1)+t/2, max(y0, y1)+t/2, c, 0)
		return
	}
	// Step along the line one pixel at a time; dotted lines skip gaps.
	length := float32(math.Hypot(float64(x1-x0), float64(y1-y0)))
	on, period := 3*r.scale, 7*r.scale
	for d := float32(0); d <= length; d++ {
		if s.Dotted && float32(math.Mod(float64(d), float64(period))) >= on {
			continue
		}
		f := d / max(length, 1)
		x, y := x0+(x1-x0)*f, y0+(y1-y0)*f
		r.fill(x-t/2, y-t/2, x+t/2, y+t/2, c, 0)
	}
}

func (r *rasterBackend) text(x, y float32, s string, size float32, bold bool, c color.Color) {
	if r.fonts == nil || s == "" {
		return
	}
	f := r.fonts.face(size*r.scale, bold)
	px, py := r.px(x, y)
	d := font.Drawer{Dst: r.img, Src: image.NewUniform(c), Face: f,
		Dot: fixed.Point26_6{X: fixed.Int26_6(px * 64), Y: fixed.Int26_6(py*64) + f.Metrics().Ascent}}
	d.DrawString(s)
}

// WriteSVG writes the whole chart of m as SVG with the title and date.
// Text stays text (<text> elements naming CJK fonts with fallbacks), so
// the file is searchable and sharp at any zoom.
func WriteSVG(w io.Writer, m *Model, o ExportOptions) error {
	meas := Measurer(ApproxMeasurer)
	if fonts, err := loadFonts(o.FontPath); err == nil && fonts.cjk {
		fonts.cover(chartTexts(m, o)...)
		meas = func(t string, size float32, bold bool) fyneSize { return fonts.measure(t, size, bold) }
	}
	s := exportScene(m, o, meas)
	hw, hh := headerSize(o, meas)
	width := max(s.L.Bounds.W, hw) + 2*exportMargin
	height := s.L.Bounds.H + hh + 2*exportMargin
	sb := &svgBackend{ox: exportMargin, oy: exportMargin + hh, met: s.met}
	fmt.Fprintf(&sb.buf, "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"+
		"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%s\" height=\"%s\" viewBox=\"0 0 %s %s\" font-family=\"%s\">\n",
		num(width), num(height), num(width), num(height), SVGFontFamily)
	fmt.Fprintf(&sb.buf, "<rect width=\"100%%\" height=\"100%%\" fill=\"%s\"/>\n", hexColor(s.pal.bg))
	drawHeader(sb, o, meas, s.pal)
	drawChart(sb, s, s.L.Bounds, noMarks)
	sb.buf.WriteString("</svg>\n")
	_, err := w.Write(sb.buf.Bytes())
	return err
}

type svgBackend struct {
	buf    bytes.Buffer
	ox, oy float32
	met    metrics
}

func num(f float32) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.2f", f), "0"), ".")
}

func hexColor(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02x%02x%02x", n.R, n.G, n.B)
}

func paint(attr string, c color.Color) string {
	if c == nil {
		return fmt.Sprintf(` %s="none"`, attr)
	}
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	s := fmt.Sprintf(` %s="%s"`, attr, hexColor(c))
	if n.A != 0xff {
		s += fmt.Sprintf(` %s-opacity="%.2f"`, attr, float32(n.A)/255)
	}
	return s
}

func (b *svgBackend) rect(r Rect, fill, stroke color.Color, sw float32, dashed bool, radius float32) {
	fmt.Fprintf(&b.buf, `<rect x="%s" y="%s" width="%s" height="%s" rx="%s"%s`,
		num(r.X+b.ox), num(r.Y+b.oy), num(r.W), num(r.H), num(radius), paint("fill", fill))
	if stroke != nil && sw > 0 {
		fmt.Fprintf(&b.buf, `%s stroke-width="%s"`, paint("stroke", stroke), num(sw))
		if dashed {
			b.buf.WriteString(` stroke-dasharray="6 4"`)
		}
	}
	b.buf.WriteString("/>\n")
}

func (b *svgBackend) line(s Segment, c color.Color, w float32) {
	fmt.Fprintf(&b.buf, `<line x1="%s" y1="%s" x2="%s" y2="%s"%s stroke-width="%s"`,
		num(s.X1+b.ox), num(s.Y1+b.oy), num(s.X2+b.ox), num(s.Y2+b.oy), paint("stroke", c), num(w))
	if s.Dotted {
		b.buf.WriteString(` stroke-dasharray="3 4"`)
	}
	b.buf.WriteString("/>\n")
}

func (b *svgBackend) text(x, y float32, s string, size float32, bold bool, c color.Color) {
	if s == "" {
		return
	}
	// y is the top of the text row; SVG wants the baseline, which for CJK
	// fonts sits about 0.88 em below the top of the em box, and the row
	// is a little taller than the em.
	rowH := b.met.text * size / textSize
	base := y + (rowH-size)/2 + 0.88*size
	fmt.Fprintf(&b.buf, `<text x="%s" y="%s" font-size="%s"%s`, num(x+b.ox), num(base+b.oy), num(size), paint("fill", c))
	if bold {
		b.buf.WriteString(` font-weight="bold"`)
	}
	b.buf.WriteString(">")
	_ = xml.EscapeText(&b.buf, []byte(s))
	b.buf.WriteString("</text>\n")
}
