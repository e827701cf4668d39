package chartdoc

import (
	"bytes"
	"image"
	"image/draw"
	"image/png"
	"testing"

	"golang.org/x/image/font"
	"golang.org/x/image/font/opentype"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"
)

const thaiName = "สมชาย ใจดี"

// thaiFont is the first system font that has every Thai letter of
// thaiName, or the test is skipped: the machine cannot draw Thai at all.
func thaiFont(t *testing.T) *sfnt.Font {
	t.Helper()
	var buf sfnt.Buffer
	for _, p := range fallbackFiles() {
		for _, f := range parseFontFileAll(p) {
			ok := true
			for _, r := range thaiName {
				if needsGlyph(r) && !hasGlyph(f, &buf, r) {
					ok = false
					break
				}
			}
			if ok {
				return f
			}
		}
	}
	t.Skip("no Thai-capable font installed (Debian: apt-get install fonts-thai-tlwg)")
	return nil
}

// drawn is s drawn in black on white with face.
func drawn(face font.Face, s string) *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, 320, 48))
	draw.Draw(img, img.Bounds(), image.White, image.Point{}, draw.Src)
	d := font.Drawer{Dst: img, Src: image.Black, Face: face, Dot: fixed.P(4, 36)}
	d.DrawString(s)
	return img
}

func TestExportFallsBackForThaiGlyphs(t *testing.T) {
	thai := thaiFont(t)
	fonts, _ := loadFonts("")
	var buf sfnt.Buffer
	if hasGlyph(fonts.regular, &buf, 'ส') {
		t.Skip("the export font has Thai itself; nothing to fall back for")
	}
	fonts.cover(thaiName)
	// One word: the space between words is the export font's own.
	const word = "สมชาย"
	got := drawn(fonts.face(24, false), word)
	tf, err := opentype.NewFace(thai, &opentype.FaceOptions{Size: 24, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		t.Fatal(err)
	}
	want := drawn(tf, word)
	if !bytes.Equal(got.Pix, want.Pix) {
		t.Fatalf("%q is not drawn with the Thai font (fallbacks %d, missing %v)", word, len(fonts.fallbacks), fonts.missing)
	}
	// Chinese still comes from the export font.
	cjk, _ := opentype.NewFace(fonts.regular, &opentype.FaceOptions{Size: 24, DPI: 72, Hinting: font.HintingNone})
	if !bytes.Equal(drawn(fonts.face(24, false), "岗位").Pix, drawn(cjk, "岗位").Pix) {
		t.Error("岗位 is no longer drawn with the export font")
	}
}

func TestExportPNGDrawsThaiName(t *testing.T) {
	thaiFont(t)
	nodes := smallNodes()
	nodes[3].Lines = []string{thaiName}
	nodes[3].Subtitle = "ฝ่ายผลิต"
	m := mustModel(t, nodes)
	render := func() []byte {
		var b bytes.Buffer
		if err := WritePNG(&b, m, ExportOptions{Title: "康飞 组织架构图"}); err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(&b)
		if err != nil {
			t.Fatal(err)
		}
		return img.(*image.RGBA).Pix
	}
	with := render()
	saved := FallbackFontDirs
	FallbackFontDirs = nil
	t.Cleanup(func() { FallbackFontDirs = saved })
	without := render()
	if bytes.Equal(with, without) {
		t.Fatal("the Thai name is drawn the same with and without the system's Thai font: missing-glyph boxes")
	}
}
