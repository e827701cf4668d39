package core

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"staffplan/assets"
	"staffplan/data/export"
	"staffplan/data/model/modeltest"
	"staffplan/data/template"
)

// The plan PDF holds the org chart's pages after the cover, numbered in
// the whole document ("page 2 of N" with N the document's count), and a
// chart layout too small to read is refused before anything is written.
func TestPlanPDFWriterChart(t *testing.T) {
	InitLang("en")
	pdftotext, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	d, err := template.Load(assets.Templates(), "kangfei")
	if err != nil {
		t.Fatal(err)
	}
	pages := func(c PlanPDFChoice) []string {
		t.Helper()
		write, err := PlanPDFWriter(d, c)
		if err != nil {
			t.Fatal(err)
		}
		var buf bytes.Buffer
		if err := write(&buf); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(t.TempDir(), "plan.pdf")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		out, err := exec.Command(pdftotext, path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		ps := strings.Split(string(out), "\f")
		return ps[:len(ps)-1]
	}
	without := pages(PlanPDFChoice{Parts: []string{export.PartStaffing}})
	with := pages(PlanPDFChoice{Parts: []string{export.PartChart, export.PartStaffing},
		ChartPDF: ChartPDF{Layout: ChartLayoutUnits}})
	n := len(with)
	if len(without) != 2 || n < 3 {
		t.Fatalf("%d pages without the chart, %d with", len(without), n)
	}
	for i := 1; i < n-1; i++ {
		if !strings.Contains(with[i], "Page "+strconv.Itoa(i+1)+" of "+strconv.Itoa(n)) {
			t.Errorf("chart page %d is not numbered in the document: %q", i+1, with[i])
		}
	}
	if !strings.Contains(with[1], "总经理") || !strings.Contains(with[n-1], "Page "+strconv.Itoa(n)+" of "+strconv.Itoa(n)) {
		t.Errorf("chart first, then the staffing table: %q … %q", with[1], with[n-1])
	}

	big := modeltest.BigPlan(40, 300, 280)
	if _, err := PlanPDFWriter(big, PlanPDFChoice{ChartPDF: ChartPDF{Layout: ChartLayoutFit}}); err == nil || !strings.Contains(err.Error(), "too small") {
		t.Errorf("300 posts fitted on one A4 page: %v", err)
	}
	if _, err := PlanPDFWriter(big, PlanPDFChoice{Parts: []string{export.PartStaffing}, ChartPDF: ChartPDF{Layout: ChartLayoutFit}}); err != nil {
		t.Errorf("the chart's layout stopped a PDF without the chart: %v", err)
	}
}

// --parts and the Print dialog name the cost summary "cost", beside the
// other parts, in print order.
func TestParsePDFPartsCost(t *testing.T) {
	InitLang("en")
	got, err := ParsePDFParts("cost, chart,staffing,descriptions,cost")
	if err != nil || strings.Join(got, ",") != "cost,chart,staffing,descriptions" {
		t.Errorf("ParsePDFParts = %v, %v", got, err)
	}
	if p := strings.Join(PlanPDFParts(), ","); p != "chart,staffing,descriptions,cost" {
		t.Errorf("PlanPDFParts = %s", p)
	}
	if _, err := ParsePDFParts("budget"); err == nil || !strings.Contains(err.Error(), "cost") {
		t.Errorf("an unknown part's message does not offer cost: %v", err)
	}
	if l := PlanPDFPartLabel(export.PartCost); l != "Labour cost summary" {
		t.Errorf("label %q", l)
	}
}
