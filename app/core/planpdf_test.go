package core

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"staffplan/assets"
	"staffplan/data/export"
	"staffplan/data/model"
	"staffplan/data/template"
)

func TestPlanPDFWriterChart(t *testing.T) {
	InitLang("en")
	d, err := template.Load(assets.Templates(), "kangfei")
	if err != nil {
		t.Fatal(err)
	}
	count := func(b []byte) int { return bytes.Count(b, []byte("/Type /Page\n")) }

	// Without a chart writer: the chart is left out, and said so.
	write, notes, err := PlanPDFWriter(d, PlanPDFChoice{Parts: []string{export.PartChart, export.PartStaffing}})
	if err != nil || len(notes) != 1 || !strings.Contains(notes[0], "org chart") {
		t.Fatalf("err %v notes %q", err, notes)
	}
	var without bytes.Buffer
	if err := write(&without); err != nil {
		t.Fatal(err)
	}
	if slices.Contains(PlanPDFParts(), export.PartChart) {
		t.Error("the chart is offered without a writer")
	}

	// With one: it gets the layout asked for and adds its pages.
	var layout string
	PlanPDFChart = func(_ *model.PlanData, c PlanPDFChoice) export.PDFPartWriter {
		layout = c.Layout
		return func(pdf *fpdf.Fpdf, _ export.PDFPage) error {
			pdf.AddPage()
			return nil
		}
	}
	t.Cleanup(func() { PlanPDFChart = nil })
	write, notes, err = PlanPDFWriter(d, PlanPDFChoice{Parts: []string{export.PartChart, export.PartStaffing}, Layout: "Tiled"})
	if err != nil || len(notes) != 0 {
		t.Fatalf("err %v notes %q", err, notes)
	}
	var with bytes.Buffer
	if err := write(&with); err != nil {
		t.Fatal(err)
	}
	if layout != LayoutTiled || count(with.Bytes()) != count(without.Bytes())+1 {
		t.Errorf("layout %q, pages %d with the chart and %d without", layout, count(with.Bytes()), count(without.Bytes()))
	}
	if !slices.Contains(PlanPDFParts(), export.PartChart) {
		t.Error("the chart is not offered with a writer")
	}
}
