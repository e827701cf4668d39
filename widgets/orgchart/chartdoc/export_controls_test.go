package chartdoc

import (
	"bytes"
	"errors"
	"image/color"
	"image/png"
	"strings"
	"testing"
)

// An export shows the organisation, not the widget's controls: no collapse
// pill under a branch, in the PNG and in the SVG.
func TestExportHasNoCollapseButtons(t *testing.T) {
	m := mustModel(t, smallNodes())
	o := ExportOptions{Scale: 2}
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
	parents := 0
	for i := range s.L.Boxes {
		if m.NumChildren(i) == 0 {
			continue
		}
		parents++
		tr, _ := s.ToggleRect(i)
		// The pill's right half, off the connector that runs down its middle
		// and below the box: only the pill draws there.
		r := s.L.Boxes[i]
		inked := 0
		for y := r.Y + r.H + 1.5; y < tr.Y+tr.H; y += 0.5 {
			for x := tr.X + tr.W/2 + 2.5; x < tr.X+tr.W; x += 0.5 {
				px, py := int((x+exportMargin)*2), int((y+exportMargin)*2)
				if c := color.RGBAModel.Convert(img.At(px, py)).(color.RGBA); c.R < 200 || c.G < 200 || c.B < 200 {
					inked++
				}
			}
		}
		if inked > 0 {
			t.Errorf("box %d (%s): %d dark pixels where the collapse button would be", i, m.nodes[i].Title, inked)
		}
	}
	if parents == 0 {
		t.Fatal("the test chart has no branches")
	}
	var svg bytes.Buffer
	if err := WriteSVG(&svg, m, ExportOptions{}); err != nil && !errors.Is(err, ErrNoCJKFont) {
		t.Fatal(err)
	}
	if strings.Contains(svg.String(), ">−<") {
		t.Error("the SVG has the “−” collapse buttons")
	}
}

// A collapsed branch is part of the organisation: the export says how many
// posts are not shown, as text, without a button.
func TestExportSaysWhatACollapsedBranchHides(t *testing.T) {
	m := mustModel(t, smallNodes())
	collapsed := make([]bool, m.Len())
	collapsed[0] = true
	var svg bytes.Buffer
	if err := WriteSVG(&svg, m, ExportOptions{Collapsed: collapsed}); err != nil && !errors.Is(err, ErrNoCJKFont) {
		t.Fatal(err)
	}
	if !strings.Contains(svg.String(), ">+") {
		t.Errorf("the export of a collapsed chart does not say what is hidden:\n%s", svg.String())
	}
}
