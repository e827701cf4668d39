package orgchart

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image/png"
	"io"
	"math"
	"os"
	"strings"
	"testing"
)

func TestExportPNGDimensions(t *testing.T) {
	m := mustModel(t, smallNodes())
	decode := func(scale float32) (int, int) {
		var buf bytes.Buffer
		err := WritePNG(&buf, m, ExportOptions{Title: "康飞 组织架构图", Date: "2026-11-27", Scale: scale})
		if err != nil && !errors.Is(err, ErrNoCJKFont) {
			t.Fatal(err)
		}
		img, err := png.Decode(&buf)
		if err != nil {
			t.Fatal(err)
		}
		return img.Bounds().Dx(), img.Bounds().Dy()
	}
	w1, h1 := decode(1)
	w2, h2 := decode(2.5)
	if w1 < 300 || h1 < 200 {
		t.Fatalf("scale 1 image %d×%d is too small for the chart", w1, h1)
	}
	if d := float64(w2) - 2.5*float64(w1); d < -2.5 || d > 2.5 {
		t.Fatalf("width %d at scale 2.5, %d at 1", w2, w1)
	}
	if d := float64(h2) - 2.5*float64(h1); d < -2.5 || d > 2.5 {
		t.Fatalf("height %d at scale 2.5, %d at 1", h2, h1)
	}
}

func TestExportPNGMatchesLayout(t *testing.T) {
	nodes, _ := randomTree(300, 4)
	m := mustModel(t, nodes)
	o := ExportOptions{Scale: 1.5, Layout: Options{Compact: true}}
	var buf bytes.Buffer
	if err := WritePNG(&buf, m, o); err != nil && !errors.Is(err, ErrNoCJKFont) {
		t.Fatal(err)
	}
	img, err := png.Decode(&buf)
	if err != nil {
		t.Fatal(err)
	}
	fonts, _ := loadFonts("")
	s := exportScene(m, o, fonts.measure)
	w, h := pngSize(s.L, 0, 0, 1.5)
	if img.Bounds().Dx() != w || img.Bounds().Dy() != h {
		t.Fatalf("image %v, want %d×%d", img.Bounds(), w, h)
	}
	// Every box is on the image: its left edge has the border colour.
	for i := range s.L.Boxes {
		r := s.L.Boxes[i]
		x := int(math.Round(float64((r.X + exportMargin) * 1.5)))
		y := int((r.Y + exportMargin + r.H*0.75) * 1.5)
		if c := img.At(x, y); c == img.At(0, 0) {
			t.Fatalf("box %d: no border at (%d,%d)", i, x, y)
		}
	}
}

func TestExportPNGUnreadableFontUsesShippedFont(t *testing.T) {
	// Neither the given font nor any system font can be read: the shipped
	// font still draws the Chinese, exactly as when nothing was given.
	saved := FallbackFontDirs
	FallbackFontDirs = nil
	t.Cleanup(func() { FallbackFontDirs = saved })
	m := mustModel(t, smallNodes())
	var bad, good bytes.Buffer
	if err := WritePNG(&bad, m, ExportOptions{FontPath: "/nonexistent/font.ttc"}); err != nil {
		t.Fatalf("err %v: the shipped font covers the chart", err)
	}
	if err := WritePNG(&good, m, ExportOptions{}); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(bad.Bytes(), good.Bytes()) {
		t.Fatal("an unreadable font path does not fall back to the shipped font")
	}
	fonts, _ := loadFonts("")
	if w := fonts.measure("岗", 12, false).Width; w < 10 {
		t.Fatalf("岗 measures %v wide in the shipped font", w)
	}
}

func TestExportPNGRendersCJKWhenFontPresent(t *testing.T) {
	const path = "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"
	if _, err := os.Stat(path); err != nil {
		t.Skip("Noto Sans CJK not installed")
	}
	fonts, err := loadFonts(path)
	if err != nil || !fonts.cjk {
		t.Fatalf("loading %s: %v", path, err)
	}
	// A Han character must measure wider than nothing and draw pixels.
	if w := fonts.measure("岗", 12, false).Width; w < 10 {
		t.Fatalf("岗 measures %v wide", w)
	}
	var buf bytes.Buffer
	if err := WritePNG(&buf, mustModel(t, smallNodes()), ExportOptions{FontPath: path}); err != nil {
		t.Fatal(err)
	}
}

func TestExportSVG(t *testing.T) {
	nodes := smallNodes()
	nodes[1].Title = `R&D <研发> "lab"`
	m := mustModel(t, nodes)
	var buf bytes.Buffer
	title := "康飞 组织架构图 & co"
	if err := WriteSVG(&buf, m, ExportOptions{Title: title, Date: "2026年11月27日"}); err != nil {
		t.Fatal(err)
	}
	dec := xml.NewDecoder(bytes.NewReader(buf.Bytes()))
	var texts []string
	inText, root := false, ""
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			if root == "" {
				root = e.Name.Local
				for _, a := range e.Attr {
					if a.Name.Local == "font-family" && (!strings.HasPrefix(a.Value, "'Droid Sans Fallback',") || !strings.Contains(a.Value, "Noto Sans CJK SC")) {
						t.Fatalf("font-family %q", a.Value)
					}
				}
			}
			inText = e.Name.Local == "text"
		case xml.CharData:
			if inText {
				texts = append(texts, string(e))
			}
		case xml.EndElement:
			inText = false
		}
	}
	if root != "svg" {
		t.Fatalf("root element %q", root)
	}
	all := strings.Join(texts, "\n")
	for _, want := range []string{title, "2026年11月27日", "张伟", "Anna Smith"} {
		if !strings.Contains(all, want) {
			t.Fatalf("SVG text lacks %q", want)
		}
	}
	for _, nd := range nodes {
		if !strings.Contains(all, nd.Title) {
			t.Fatalf("SVG text lacks title %q", nd.Title)
		}
	}
	if !strings.Contains(buf.String(), "stroke-dasharray") {
		t.Fatal("dashed box and dotted line missing")
	}
}

func TestExportWholeChartNotView(t *testing.T) {
	nodes, _ := randomTree(2000, 8)
	c, _ := newTestChart(t, nodes, fyne400())
	var buf bytes.Buffer
	if err := c.ExportSVG(&buf, "t", "d"); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(buf.String(), "<text"); n < 2000 {
		t.Fatalf("%d text elements for 2000 boxes", n)
	}
}
