package chartdoc

import (
	"bytes"
	"fmt"
	"reflect"
	"regexp"
	"testing"
)

// TestPDFWritesThePreviewedPages: the pages the dialog previews (PlanPDF,
// Preview) are the pages written, by WritePDF of the model and by the
// plan's own WritePDF: as many, each with the same part of the same
// section's chart, at the same scale, in the same place, the sections'
// boxes the same; and the header's tile label is the one the dialog shows.
func TestPDFWritesThePreviewedPages(t *testing.T) {
	big, small := pdfChart(t, 300), pdfChart(t, 8)
	tile := func(r, c int) string { return fmt.Sprintf("row %d, column %d", r, c) }
	pageObj := regexp.MustCompile(`/Type /Page\b`)
	for _, c := range []struct {
		name string
		m    *Model
		o    PDFOptions
	}{
		{"fit", small, PDFOptions{Layout: PDFFit}},
		{"tiled", big, PDFOptions{Layout: PDFTiled}},
		{"units", big, PDFOptions{Layout: PDFUnits}},
		{"units A3 landscape", big, PDFOptions{Layout: PDFUnits, Paper: "A3", Landscape: true, Scale: 0.6}},
	} {
		c.o.Chart, c.o.Labels.Tile = Options{Compact: true}, tile
		plan, err := PlanPDF(c.m, c.o)
		if err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		// The cases cover what they name: one page, tiles, units apart.
		tiled := false
		for _, pg := range plan.Pages {
			tiled = tiled || pg.Row > 0
		}
		if c.name == "fit" && len(plan.Pages) != 1 || c.name == "tiled" && !tiled || c.name == "units" && len(plan.sections) < 3 {
			t.Fatalf("%s: %d pages, %d sections, tiled %v", c.name, len(plan.Pages), len(plan.sections), tiled)
		}
		var drawn []*PDFPlan
		drawnPlan = func(p *PDFPlan) { drawn = append(drawn, p) }
		var byModel, byPlan bytes.Buffer
		err1, err2 := WritePDF(&byModel, c.m, c.o), plan.WritePDF(&byPlan)
		drawnPlan = nil
		if err1 != nil || err2 != nil || len(drawn) != 2 {
			t.Fatalf("%s: %v, %v, %d plans drawn", c.name, err1, err2, len(drawn))
		}
		if drawn[1] != plan {
			t.Errorf("%s: the plan's WritePDF drew another plan", c.name)
		}
		for _, w := range drawn {
			if !reflect.DeepEqual(w.Pages, plan.Pages) || w.PageW != plan.PageW || w.PageH != plan.PageH {
				t.Fatalf("%s: written pages %+v\npreviewed %+v", c.name, w.Pages, plan.Pages)
			}
			for s := range plan.sections {
				if !reflect.DeepEqual(w.Boxes(s), plan.Boxes(s)) {
					t.Fatalf("%s: section %d's boxes differ", c.name, s)
				}
			}
		}
		for _, out := range []*bytes.Buffer{&byModel, &byPlan} {
			if n := len(pageObj.FindAll(out.Bytes(), -1)); n != len(plan.Pages) {
				t.Errorf("%s: %d pages written, %d previewed", c.name, n, len(plan.Pages))
			}
		}
		for k, pg := range plan.Pages {
			want := ""
			if pg.Row > 0 && !pg.Overview {
				want = tile(pg.Row, pg.Col)
			}
			if got := plan.TileLabel(k); got != want {
				t.Errorf("%s page %d: label %q, want %q", c.name, k+1, got, want)
			}
		}
	}
}
