package orgchart

import (
	"image"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"staffplan/data/export/pdfdoc"
)

// FallbackFontDirs are the folders searched for fonts that have the glyphs
// the export font lacks (a Thai or Arabic name in a chart drawn with a CJK
// font). They are only read when such a glyph turns up.
var FallbackFontDirs = fallbackDirs()

func fallbackDirs() []string {
	dirs := []string{"/usr/share/fonts", "/usr/local/share/fonts", "/System/Library/Fonts", "/Library/Fonts"}
	if home, err := os.UserHomeDir(); err == nil {
		dirs = append(dirs, filepath.Join(home, ".local", "share", "fonts"), filepath.Join(home, ".fonts"),
			filepath.Join(home, "Library", "Fonts"))
	}
	if win := os.Getenv("WINDIR"); win != "" {
		dirs = append(dirs, filepath.Join(win, "Fonts"))
	}
	return dirs
}

// fallbackFiles lists the font files under FallbackFontDirs, upright
// regular weights first so that a name is not drawn in bold italic when a
// plain face of the script is there too.
func fallbackFiles() []string {
	var files []string
	for _, d := range FallbackFontDirs {
		_ = filepath.WalkDir(d, func(p string, e fs.DirEntry, err error) error {
			if err != nil {
				return nil // an unreadable folder is skipped, not fatal
			}
			switch strings.ToLower(filepath.Ext(p)) {
			case ".ttf", ".otf", ".ttc", ".otc":
				if !e.IsDir() {
					files = append(files, p)
				}
			}
			return nil
		})
	}
	styled := func(p string) bool {
		b := strings.ToLower(filepath.Base(p))
		for _, s := range []string{"bold", "italic", "oblique", "light", "thin", "black", "heavy", "medium", "semi", "extra", "condensed", "mono"} {
			if strings.Contains(b, s) {
				return true
			}
		}
		return false
	}
	sort.SliceStable(files, func(i, j int) bool { return !styled(files[i]) && styled(files[j]) })
	return files
}

// parseFontFileAll is every font in a file (all members of a collection).
func parseFontFileAll(path string) []*sfnt.Font {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	if len(data) >= 4 && string(data[:4]) == "ttcf" {
		c, err := opentype.ParseCollection(data)
		if err != nil {
			return nil
		}
		var out []*sfnt.Font
		for i := 0; i < c.NumFonts(); i++ {
			if f, err := c.Font(i); err == nil {
				out = append(out, f)
			}
		}
		return out
	}
	if f, err := opentype.Parse(data); err == nil {
		return []*sfnt.Font{f}
	}
	return nil
}

// hasGlyph says whether f draws r (glyph 0 is the "missing" box).
func hasGlyph(f *sfnt.Font, buf *sfnt.Buffer, r rune) bool {
	i, err := f.GlyphIndex(buf, r)
	return err == nil && i != 0
}

// needsGlyph says whether r is drawn at all: spaces and controls are not.
func needsGlyph(r rune) bool {
	return !unicode.IsSpace(r) && !unicode.IsControl(r) && r != '\uFFFD'
}

// cover finds fallback fonts for the characters of texts that the regular
// font lacks, searching the system's fonts once per export. Characters no
// font has stay in fs.missing.
func (fs *fontSet) cover(texts ...string) {
	var buf sfnt.Buffer
	want := map[rune]bool{}
	for _, t := range texts {
		for _, r := range t {
			if needsGlyph(r) && !fs.covered(&buf, r) {
				want[r] = true
			}
		}
	}
	if len(want) == 0 || fs.scanned {
		fs.addMissing(want)
		return
	}
	fs.scanned = true
	for _, p := range fallbackFiles() {
		if len(want) == 0 {
			break
		}
		for _, f := range parseFontFileAll(p) {
			got := false
			for r := range want {
				if hasGlyph(f, &buf, r) {
					delete(want, r)
					got = true
				}
			}
			if got {
				fs.mu.Lock()
				fs.fallbacks = append(fs.fallbacks, f)
				fs.faces = map[faceKey]font.Face{} // faces made before lack the new font
				fs.mu.Unlock()
			}
		}
	}
	fs.addMissing(want)
}

func (fs *fontSet) addMissing(rs map[rune]bool) {
	if fs.missing == nil {
		fs.missing = map[rune]bool{}
	}
	for r := range rs {
		fs.missing[r] = true
	}
}

// covered says whether the regular font or a fallback has r.
func (fs *fontSet) covered(buf *sfnt.Buffer, r rune) bool {
	if hasGlyph(fs.regular, buf, r) || (fs.latin != nil && hasGlyph(fs.latin, buf, r)) {
		return true
	}
	for _, f := range fs.fallbacks {
		if hasGlyph(f, buf, r) {
			return true
		}
	}
	return false
}

// lacksWide says whether a wide character of texts has no font.
func (fs *fontSet) lacksWide() bool {
	for r := range fs.missing {
		if r > 0x2e7f {
			return true
		}
	}
	return false
}

// multiFace draws each character with the first font that has it: the
// export font, the Go font of the same weight, then the fallbacks. Its metrics are the first font's, so a
// fallback glyph does not change the layout's line heights.
type multiFace struct {
	fonts []*sfnt.Font
	faces []font.Face
	buf   sfnt.Buffer
}

func (m *multiFace) pick(r rune) font.Face {
	for i, f := range m.fonts {
		if hasGlyph(f, &m.buf, r) {
			return m.faces[i]
		}
	}
	return m.faces[0]
}

func (m *multiFace) Close() error {
	for _, f := range m.faces {
		_ = f.Close()
	}
	return nil
}

func (m *multiFace) Glyph(dot fixed.Point26_6, r rune) (dr image.Rectangle, mask image.Image, maskp image.Point, advance fixed.Int26_6, ok bool) {
	return m.pick(r).Glyph(dot, r)
}

func (m *multiFace) GlyphBounds(r rune) (fixed.Rectangle26_6, fixed.Int26_6, bool) {
	return m.pick(r).GlyphBounds(r)
}

func (m *multiFace) GlyphAdvance(r rune) (fixed.Int26_6, bool) { return m.pick(r).GlyphAdvance(r) }

// Kern kerns only pairs drawn with the same font.
func (m *multiFace) Kern(r0, r1 rune) fixed.Int26_6 {
	a, b := m.pick(r0), m.pick(r1)
	if a != b {
		return 0
	}
	return a.Kern(r0, r1)
}

func (m *multiFace) Metrics() font.Metrics { return m.faces[0].Metrics() }

// SystemFontFallback finds, among the system's fonts (FallbackFontDirs),
// TrueType fonts for the characters of texts that the shipped fonts lack,
// for pdfdoc.Doc.SetFallback. Only single TrueType-outlined files qualify:
// those are what the PDF writer can subset. The folders are searched only
// when such a character turns up, once.
func SystemFontFallback(texts ...string) pdfdoc.FallbackFunc {
	cjk, latin, _ := shippedFonts()
	var buf sfnt.Buffer
	want := map[rune]bool{}
	for _, t := range texts {
		for _, r := range t {
			if needsGlyph(r) && !hasGlyph(cjk, &buf, r) && !hasGlyph(latin, &buf, r) {
				want[r] = true
			}
		}
	}
	found := map[rune]string{}
	data := map[string][]byte{}
	if len(want) > 0 {
		for _, p := range fallbackFiles() {
			if len(want) == 0 {
				break
			}
			if strings.ToLower(filepath.Ext(p)) != ".ttf" {
				continue
			}
			b, err := os.ReadFile(p)
			if err != nil || !pdfdoc.IsTrueType(b) {
				continue
			}
			f, err := opentype.Parse(b)
			if err != nil {
				continue
			}
			for r := range want {
				if hasGlyph(f, &buf, r) {
					found[r] = p
					data[p] = b
					delete(want, r)
				}
			}
		}
	}
	return func(r rune) (string, []byte) {
		p, ok := found[r]
		if !ok {
			return "", nil
		}
		return p, data[p]
	}
}
