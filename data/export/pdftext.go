package export

import (
	"fmt"
	"strings"
	"sync"
	"unicode"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"staffplan/assets"
)

// Font families the PDF writers register. The shipped CJK font (Droid Sans
// Fallback) has no Latin letters or digits at all, so Latin text is set in
// the Go fonts (BSD licence, TrueType outlines, in golang.org/x/image
// already) and each string is drawn in runs of the font that has its
// characters. The names are those the org chart's PDF writer registers the
// same fonts under, so a document started by either holds each font once.
const (
	PDFFontCJK   = "staffplan-cjk"
	PDFFontLatin = "staffplan-latin"
)

// pdfFaces are the parsed fonts, for glyph coverage and advance widths.
type pdfFaces struct {
	latin, latinBold, cjk *sfnt.Font
}

var (
	facesOnce sync.Once
	faces     pdfFaces
	facesErr  error
)

func loadFaces() (*pdfFaces, error) {
	facesOnce.Do(func() {
		for _, f := range []struct {
			dst  **sfnt.Font
			data []byte
		}{{&faces.latin, goregular.TTF}, {&faces.latinBold, gobold.TTF}, {&faces.cjk, assets.CJKFont}} {
			var err error
			if *f.dst, err = sfnt.Parse(f.data); err != nil {
				facesErr = fmt.Errorf("font: %w", err)
				return
			}
		}
	})
	return &faces, facesErr
}

// RegisterPDFFonts adds the fonts the plan PDF uses to pdf (once; a second
// call does nothing): PDFFontCJK, and PDFFontLatin in regular and bold ("B").
// All are UTF-8 fonts that fpdf subsets on output.
func RegisterPDFFonts(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(PDFFontLatin, "", goregular.TTF)
	pdf.AddUTF8FontFromBytes(PDFFontLatin, "B", gobold.TTF)
	pdf.AddUTF8FontFromBytes(PDFFontCJK, "", assets.CJKFont)
}

// glyph is how one character is drawn: which font and how wide, in ems.
type glyph struct {
	r   rune // the character drawn, maybe a stand-in
	cjk bool
	adv float64
}

// pdfText measures, wraps and draws text in the two fonts. It is not safe
// for concurrent use; each export makes its own.
type pdfText struct {
	pdf   *fpdf.Fpdf
	faces *pdfFaces
	buf   sfnt.Buffer
	cache [2]map[rune]glyph // regular, bold
}

func newPDFText(pdf *fpdf.Fpdf) (*pdfText, error) {
	f, err := loadFaces()
	if err != nil {
		return nil, err
	}
	return &pdfText{pdf: pdf, faces: f, cache: [2]map[rune]glyph{{}, {}}}, nil
}

// has returns the advance of r in f in ems, and whether f has r.
func (t *pdfText) has(f *sfnt.Font, r rune) (float64, bool) {
	gi, err := f.GlyphIndex(&t.buf, r)
	if err != nil || gi == 0 {
		return 0, false
	}
	upem := f.UnitsPerEm()
	adv, err := f.GlyphAdvance(&t.buf, gi, fixed.Int26_6(upem)<<6, 0)
	if err != nil {
		return 0, false
	}
	return float64(adv) / 64 / float64(upem), true
}

// glyphOf decides how r is drawn. Latin goes to the Go font, the rest to
// the CJK font; a character neither has is drawn as the CJK font's empty
// box but kept as itself so that the text still searches and copies,
// except above U+FFFF, which fpdf cannot index (it panics) and which becomes
// a visible □.
func (t *pdfText) glyphOf(r rune, bold bool) glyph {
	b := 0
	if bold {
		b = 1
	}
	if g, ok := t.cache[b][r]; ok {
		return g
	}
	g := t.lookup(r, bold)
	t.cache[b][r] = g
	return g
}

func (t *pdfText) lookup(r rune, bold bool) glyph {
	latin := t.faces.latin
	if bold {
		latin = t.faces.latinBold
	}
	if r > 0xFFFF {
		r = '□'
	}
	if adv, ok := t.has(latin, r); ok {
		return glyph{r: r, adv: adv}
	}
	if adv, ok := t.has(t.faces.cjk, r); ok {
		return glyph{r: r, cjk: true, adv: adv}
	}
	return glyph{r: r, cjk: true, adv: 1}
}

// clean makes s printable: tabs become spaces, other control and format
// characters (which draw nothing and confuse line breaking) go, and line
// ends become "\n".
func clean(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Map(func(r rune) rune {
		switch {
		case r == '\n':
			return r
		case r == '\t' || r == '\r':
			return ' '
		case unicode.IsControl(r), unicode.Is(unicode.Cf, r):
			return -1
		}
		return r
	}, s)
}

// width is the width of s in points at size points.
func (t *pdfText) width(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range s {
		w += t.glyphOf(r, bold).adv
	}
	return w * size
}

// mm is a millimetre in points, the unit of the plan PDF.
const mm = 72 / 25.4

// noLineStart are characters a line must not start with (closing
// punctuation); noLineEnd those it must not end with (opening ones).
const (
	noLineStart = ",.;:!?)]}%、。，．；：！？）］｝》」』】〉”’…·-–—~～/"
	noLineEnd   = "([{（［｛《「『【〈“‘"
)

// breakable reports whether a line may break between a and b.
func breakable(a, b rune) bool {
	if strings.ContainsRune(noLineStart, b) || strings.ContainsRune(noLineEnd, a) {
		return false
	}
	if unicode.IsSpace(a) {
		return true
	}
	// Between two ideographs (or an ideograph and anything else) a line
	// may break; inside a Latin word or number it may not.
	return wide(a) || wide(b)
}

func wide(r rune) bool { return runeWidth(r) == 2 }

// wrap breaks s into lines no wider than w points at size points: at spaces and
// between CJK characters, keeping closing punctuation on the line before,
// and inside a word only when the word alone is too wide.
func (t *pdfText) wrap(s string, w, size float64, bold bool) []string {
	s = clean(s)
	var out []string
	limit := w / size // in ems
	for _, para := range strings.Split(s, "\n") {
		rs := []rune(para)
		start := 0
		for start < len(rs) {
			used, end, lastBreak := 0.0, start, -1
			for end < len(rs) {
				adv := t.glyphOf(rs[end], bold).adv
				if end > start && breakable(rs[end-1], rs[end]) {
					lastBreak = end
				}
				if used+adv > limit && end > start {
					break
				}
				used += adv
				end++
			}
			if end < len(rs) && lastBreak > start {
				end = lastBreak
			}
			out = append(out, strings.TrimRight(string(rs[start:end]), " "))
			start = end
			for start < len(rs) && rs[start] == ' ' {
				start++ // the space a line broke at is not carried over
			}
		}
		if len(rs) == 0 {
			out = append(out, "")
		}
	}
	return out
}

// rgb is a colour.
type rgb struct{ r, g, b int }

var (
	black = rgb{0, 0, 0}
	grey  = rgb{0x80, 0x80, 0x80}
	red   = rgb{0xC0, 0x00, 0x00}
	amber = rgb{0xB4, 0x5F, 0x06}
)

// toneColour is the text colour of a vacancy figure, as in the workbooks.
func toneColour(v float64) rgb {
	switch tone(v) {
	case 1:
		return red
	case -1:
		return amber
	}
	return black
}

// ascent is where the baseline sits below the top of a line, in ems.
const ascent = 0.82

// draw writes one line of text with its top-left corner at (x, y).
// Bold CJK, which the font lacks, is the regular glyphs filled and stroked.
func (t *pdfText) draw(x, y float64, s string, size float64, bold bool, c rgb) {
	pdf := t.pdf
	pdf.SetTextColor(c.r, c.g, c.b)
	base := y + ascent*size
	var run []rune
	runCJK := false
	flush := func() {
		if len(run) == 0 {
			return
		}
		txt := string(run)
		if runCJK {
			pdf.SetFont(PDFFontCJK, "", size)
			if bold {
				pdf.RawWriteStr(fmt.Sprintf("q %.3f w 2 Tr %.3f %.3f %.3f RG", size*0.04,
					float64(c.r)/255, float64(c.g)/255, float64(c.b)/255))
			}
		} else {
			style := ""
			if bold {
				style = "B"
			}
			pdf.SetFont(PDFFontLatin, style, size)
		}
		pdf.Text(x, base, txt)
		if runCJK && bold {
			pdf.RawWriteStr("Q")
		}
		for _, r := range run {
			x += t.glyphOf(r, bold).adv * size
		}
		run = run[:0]
	}
	for _, r := range clean(s) {
		if r == '\n' {
			continue
		}
		g := t.glyphOf(r, bold)
		if g.cjk != runCJK {
			flush()
			runCJK = g.cjk
		}
		run = append(run, g.r)
	}
	flush()
}

// align is where a line sits in its box.
type align uint8

const (
	alignLeft align = iota
	alignCenter
	alignRight
)

// drawIn writes a line into a box of width w starting at x.
func (t *pdfText) drawIn(x, y, w float64, s string, size float64, bold bool, c rgb, a align) {
	switch a {
	case alignCenter:
		x += (w - t.width(s, size, bold)) / 2
	case alignRight:
		x += w - t.width(s, size, bold)
	}
	t.draw(x, y, s, size, bold, c)
}
