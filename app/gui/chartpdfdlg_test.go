package gui

import (
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"staffplan/app/core"
	"staffplan/widgets/orgchart"
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
	c := u.chartPDFDialog(m, orgchart.PDFOptions{Chart: orgchart.Options{Compact: true}})
	pages := func(o core.ChartPDF) string {
		t.Helper()
		opts, err := o.Options(u.data, time.Now())
		if err != nil {
			t.Fatal(err)
		}
		p, err := orgchart.PlanPDF(m, opts)
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
