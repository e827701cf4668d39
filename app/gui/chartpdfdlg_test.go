package gui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"staffplan/app/core"
	"staffplan/widgets/orgchart/chartdoc"
)

// The dialog shows the page count of the choice as it changes, says why a
// choice is refused and offers no saving then, and saves the PDF and
// opens it in the system's viewer.
func TestChartPDFDialog(t *testing.T) {
	u := newTestUI(t)
	m, err := core.OrgChartModel(u.data)
	if err != nil {
		t.Fatal(err)
	}
	c := u.chartPDFDialog(m, chartdoc.PDFOptions{Chart: chartdoc.Options{Compact: true}})
	pages := func(o core.ChartPDF) string {
		t.Helper()
		opts, err := o.Options(u.data, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		p, err := chartdoc.PlanPDF(m, opts)
		if err != nil {
			t.Fatal(err)
		}
		return fmt.Sprintf("%d pages", len(p.Pages))
	}
	if want := pages(core.ChartPDF{Layout: core.ChartLayoutTiled, Scale: 0.75}); c.status.Text != want || c.save.Disabled() {
		t.Fatalf("tiled A4: status %q, want %q", c.status.Text, want)
	}
	if c.preview.Image == nil {
		t.Fatal("no page preview")
	}
	c.scale.SetSelected("50%")
	if !strings.Contains(c.status.Text, "too small to read") || !c.save.Disabled() || c.preview.Image != nil {
		t.Fatalf("scale 50%%: status %q, save disabled %v", c.status.Text, c.save.Disabled())
	}
	c.scale.SetSelected("75%")
	c.paper.SetSelected("A3")
	c.orient.SetSelected("Landscape")
	c.layout.SetSelected(core.ChartLayoutName(core.ChartLayoutUnits))
	if want := pages(core.ChartPDF{Paper: "A3", Landscape: true, Layout: core.ChartLayoutUnits, Scale: 0.75}); c.status.Text != want || c.save.Disabled() {
		t.Fatalf("units A3 landscape: status %q, want %q", c.status.Text, want)
	}
	var opened *url.URL
	saved := openURL
	openURL = func(_ fyne.App, l *url.URL) error { opened = l; return nil }
	t.Cleanup(func() { openURL = saved })
	path := filepath.Join(t.TempDir(), "chart.pdf")
	c.write(path)
	b, err := os.ReadFile(path)
	if err != nil || !strings.HasPrefix(string(b), "%PDF-") {
		t.Fatalf("no PDF written: %v", err)
	}
	if opened == nil || opened.Scheme != "file" || !strings.HasSuffix(opened.Path, "chart.pdf") {
		t.Fatalf("opened %v, want the file in the system viewer", opened)
	}
}

// TestChartPDFDialogNamesTiles: a tile previewed looks like a chart cut
// off at the sides, so the caption names it as its header on paper does;
// the file saved holds the pages previewed.
func TestChartPDFDialogNamesTiles(t *testing.T) {
	u := newTestUI(t)
	m, err := core.OrgChartModel(u.data)
	if err != nil {
		t.Fatal(err)
	}
	c := u.chartPDFDialog(m, chartdoc.PDFOptions{Chart: chartdoc.Options{Compact: true}})
	c.scale.SetSelected("100%")
	if c.plan == nil {
		t.Fatalf("no plan: %q", c.status.Text)
	}
	tile := -1
	for k, pg := range c.plan.Pages {
		if pg.Row > 0 && !pg.Overview && tile < 0 {
			tile = k
		}
	}
	if tile < 0 {
		t.Fatalf("the sample plan at 100 %% has no tiles: %d pages", len(c.plan.Pages))
	}
	c.show(tile)
	pg := c.plan.Pages[tile]
	if want := core.ChartPDFLabels().Tile(pg.Row, pg.Col); !strings.Contains(c.pageLbl.Text, want) {
		t.Errorf("caption %q lacks %q", c.pageLbl.Text, want)
	}
	saved := openURL
	openURL = func(fyne.App, *url.URL) error { return nil }
	t.Cleanup(func() { openURL = saved })
	path := filepath.Join(t.TempDir(), "chart.pdf")
	previewed := len(c.plan.Pages)
	c.write(path)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if n := regexp.MustCompile(`/Type /Page\b`).FindAll(b, -1); len(n) != previewed {
		t.Errorf("%d pages written, %d previewed", len(n), previewed)
	}
}
