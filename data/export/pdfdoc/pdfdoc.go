// Package pdfdoc starts PDF documents that draw text with the fonts the
// program ships, so a PDF looks the same on every computer: Chinese from
// the shipped Droid Sans Fallback (assets.CJKFont), Latin, Greek and
// Cyrillic from the Go fonts, which the CJK font lacks. Both are
// TrueType-outlined, which fpdf subsets and embeds; text stays real text
// (pdftotext finds it). The org chart (widgets/orgchart) and the plan PDF
// (data/export) both start their documents here, so that one can draw
// into the other's document.
package pdfdoc

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"staffplan/assets"
)

// Paper sizes.
const (
	A4 = "A4"
	A3 = "A3"
)

// Options choose the paper of a new document.
type Options struct {
	// Paper is A4 (default) or A3.
	Paper string
	// Landscape turns the pages sideways.
	Landscape bool
	// Margin is the blank border of each page in points (default 28, about
	// 1 cm, inside what office printers can print).
	Margin float64
	// Created is the creation date written into the file; zero leaves it
	// out, so that the same input gives the same bytes.
	Created time.Time
}

// ErrPaper is returned by New for a paper size it does not know.
var ErrPaper = errors.New("pdfdoc: unknown paper size")

// Doc is a PDF document in points (1/72 inch) with the shipped fonts
// registered. Use the embedded *fpdf.Fpdf for boxes and lines and Doc.Text
// for text, which picks the font for each character.
type Doc struct {
	*fpdf.Fpdf
	// W and H are the page size, Margin the page border, in points.
	W, H, Margin float64
	fonts        *fontTable
	fallback     FallbackFunc
	fbByName     map[string]int8
	fbRune       map[rune]int8
	fbCount      int8
}

// FallbackFunc finds a TrueType font file for a character the shipped
// fonts lack (a Thai or Arabic name): a name that identifies the file and
// its bytes, or nil bytes when there is none.
type FallbackFunc func(r rune) (name string, ttf []byte)

// SetFallback makes Text draw characters the shipped fonts lack with the
// fonts f finds; nil (the default) leaves them to the CJK font's
// missing-glyph box, still searchable text.
func (d *Doc) SetFallback(f FallbackFunc) { d.fallback = f }

// HasFallback says whether SetFallback was given a finder.
func (d *Doc) HasFallback() bool { return d.fallback != nil }

// fallbackFor is the font of r when the shipped fonts lack it.
func (d *Doc) fallbackFor(r rune) int8 {
	if f, ok := d.fbRune[r]; ok {
		return f
	}
	f := useCJK
	if d.fallback != nil {
		if name, ttf := d.fallback(r); ttf != nil {
			if k, ok := d.fbByName[name]; ok {
				f = k
			} else if IsTrueType(ttf) {
				fam := fmt.Sprintf("fallback%d", d.fbCount)
				d.AddUTF8FontFromBytes(fam, "", ttf)
				if d.Err() {
					d.ClearError() // an unreadable system font: leave r to the box
					d.fbByName[name] = useCJK
				} else {
					k := useFallback + d.fbCount
					d.fbCount++
					d.fbByName[name] = k
					f = k
				}
			}
		}
	}
	d.fbRune[r] = f
	return f
}

// IsTrueType says whether font is a single font with TrueType (glyf)
// outlines, the kind fpdf can subset: not a collection, not CFF.
func IsTrueType(font []byte) bool {
	if len(font) < 12 || (string(font[:4]) != "\x00\x01\x00\x00" && string(font[:4]) != "true") {
		return false
	}
	n := int(font[4])<<8 | int(font[5])
	for i := 0; i < n; i++ {
		at := 12 + 16*i
		if at+16 > len(font) {
			return false
		}
		if string(font[at:at+4]) == "glyf" {
			return true
		}
	}
	return false
}

// Font family names registered in every Doc; the plan PDF
// (export.RegisterPDFFonts) registers the same fonts under the same names,
// so a chart drawn into it shares their subsets instead of embedding the
// fonts twice.
const (
	FamilyCJK   = "staffplan-cjk"
	FamilyLatin = "staffplan-latin"
)

// New starts an empty document (no page yet) on the chosen paper.
func New(o Options) (*Doc, error) {
	paper := strings.ToUpper(strings.TrimSpace(o.Paper))
	if paper == "" {
		paper = A4
	}
	if paper != A4 && paper != A3 {
		return nil, fmt.Errorf("%w %q", ErrPaper, o.Paper)
	}
	orient := "P"
	if o.Landscape {
		orient = "L"
	}
	f := fpdf.New(orient, "pt", paper, "")
	f.SetAutoPageBreak(false, 0)
	f.SetMargins(0, 0, 0)
	f.SetProducer("Staffing Planner", false)
	if !o.Created.IsZero() {
		f.SetCreationDate(o.Created)
		f.SetModificationDate(o.Created)
	}
	return Wrap(f, o.Margin)
}

// Wrap makes a Doc of a document started elsewhere (in points, as the
// plan PDF is), registering the shipped fonts if they are not yet, so that
// the org chart can draw its pages into it. margin ≤ 0 is the default.
func Wrap(f *fpdf.Fpdf, margin float64) (*Doc, error) {
	if f.GetConversionRatio() != 1 {
		return nil, errors.New("pdfdoc: the document is not in points")
	}
	// fpdf skips a family and style it already has.
	f.AddUTF8FontFromBytes(FamilyCJK, "", assets.CJKFont)
	f.AddUTF8FontFromBytes(FamilyLatin, "", goregular.TTF)
	f.AddUTF8FontFromBytes(FamilyLatin, "B", gobold.TTF)
	if err := f.Error(); err != nil {
		return nil, fmt.Errorf("pdfdoc: registering the shipped fonts: %w", err)
	}
	w, h := f.GetPageSize()
	if margin <= 0 {
		margin = 28
	}
	return &Doc{Fpdf: f, W: w, H: h, Margin: margin, fonts: shippedFonts(),
		fbByName: map[string]int8{}, fbRune: map[rune]int8{}}, nil
}

// PageSize is the width and height of paper in points, portrait or
// landscape, without starting a document.
func PageSize(paper string, landscape bool) (w, h float64, err error) {
	switch strings.ToUpper(strings.TrimSpace(paper)) {
	case "", A4:
		w, h = 595.28, 841.89
	case A3:
		w, h = 841.89, 1190.55
	default:
		return 0, 0, fmt.Errorf("%w %q", ErrPaper, paper)
	}
	if landscape {
		w, h = h, w
	}
	return w, h, nil
}

// fontTable says which shipped font draws a character.
type fontTable struct {
	cjk, latin *sfnt.Font
	ascent     float64 // of the CJK font, per point of size
	mu         sync.Mutex
	buf        sfnt.Buffer
	pick       map[rune]int8
}

const (
	useNone int8 = iota - 1 // in neither shipped font
	useCJK
	useLatin
	useFallback // and up: the document's fallback fonts
)

var (
	tableOnce sync.Once
	table     *fontTable
)

func shippedFonts() *fontTable {
	tableOnce.Do(func() {
		cjk, err := sfnt.Parse(assets.CJKFont)
		if err != nil {
			panic(err) // embedded and tested
		}
		latin, err := sfnt.Parse(goregular.TTF)
		if err != nil {
			panic(err)
		}
		table = &fontTable{cjk: cjk, latin: latin, pick: map[rune]int8{}, ascent: 0.88}
		var buf sfnt.Buffer
		if m, err := cjk.Metrics(&buf, fixed.I(100), font.HintingNone); err == nil {
			table.ascent = float64(m.Ascent) / 64 / 100
		}
	})
	return table
}

func (t *fontTable) fontFor(r rune) int8 {
	t.mu.Lock()
	defer t.mu.Unlock()
	if p, ok := t.pick[r]; ok {
		return p
	}
	p := useCJK
	if i, err := t.cjk.GlyphIndex(&t.buf, r); err != nil || i == 0 {
		p = useNone
		if i, err := t.latin.GlyphIndex(&t.buf, r); err == nil && i != 0 {
			p = useLatin
		}
	}
	t.pick[r] = p
	return p
}

// run is a piece of text drawn with one font.
type run struct {
	text string
	font int8
}

func (d *Doc) runs(s string) []run {
	var out []run
	const unset = int8(-100)
	start, cur := 0, unset
	for i, r := range s {
		f := cur
		// Spaces stay with the run they are in: both fonts have one.
		if r != ' ' || cur == unset {
			f = d.fonts.fontFor(r)
			if f == useNone {
				f = d.fallbackFor(r)
			}
		}
		if f != cur {
			if cur != unset && i > start {
				out = append(out, run{s[start:i], cur})
			}
			start, cur = i, f
		}
	}
	if cur != unset && start < len(s) {
		out = append(out, run{s[start:], cur})
	}
	return out
}

func (d *Doc) setFont(f int8, size float64, bold bool) {
	if f >= useFallback {
		d.SetFont(fmt.Sprintf("fallback%d", f-useFallback), "", size)
		return
	}
	if f == useLatin {
		style := ""
		if bold {
			style = "B"
		}
		d.SetFont(FamilyLatin, style, size)
		return
	}
	d.SetFont(FamilyCJK, "", size)
}

// Width is the width of s in points at size, bold or not.
func (d *Doc) Width(s string, size float64, bold bool) float64 {
	w := 0.0
	for _, r := range d.runs(s) {
		d.setFont(r.font, size, bold)
		w += d.GetStringWidth(r.text)
	}
	return w
}

// Ascent is how far the baseline of text at size sits below the top of
// its line: the CJK font's ascent, as the PNG export uses.
func Ascent(size float64) float64 { return shippedFonts().ascent * size }

// Text draws s with its baseline at y, starting at x, in the current text
// colour. Bold Latin uses Go Bold; the CJK font has one weight, so bold
// Chinese is drawn filled and stroked with a thin outline.
func (d *Doc) Text(x, y float64, s string, size float64, bold bool) {
	for _, r := range d.runs(s) {
		d.setFont(r.font, size, bold)
		fake := bold && r.font != useLatin
		if fake {
			lw := d.GetLineWidth()
			dr, dg, db := d.GetDrawColor()
			d.SetDrawColor(d.GetTextColor())
			d.SetLineWidth(size * 0.035)
			d.SetTextRenderingMode(2)
			d.Fpdf.Text(x, y, r.text)
			d.SetTextRenderingMode(0)
			d.SetLineWidth(lw)
			d.SetDrawColor(dr, dg, db)
		} else {
			d.Fpdf.Text(x, y, r.text)
		}
		x += d.GetStringWidth(r.text)
	}
}
