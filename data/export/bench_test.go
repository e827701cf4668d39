package export

import (
	"io"
	"testing"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
	"staffplan/data/model/modeltest"
)

// BenchmarkExportRoster and BenchmarkBareStreamWriter run in the same
// `go test -bench` so their ratio is measured on the same machine state; the
// goal is the export at most 1.3× the bare writer.
func BenchmarkExportRoster(b *testing.B) {
	b.Run("rows=100000", func(b *testing.B) {
		d := modeltest.BigPlan(500, 10000, 100000)
		b.ReportAllocs()
		for b.Loop() {
			if err := RosterWorkbook(io.Discard, d, Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkBareStreamWriter writes the same cells as the roster export, made
// beforehand, with nothing but an excelize StreamWriter.
func BenchmarkBareStreamWriter(b *testing.B) {
	b.Run("rows=100000", func(b *testing.B) {
		d := modeltest.BigPlan(500, 10000, 100000)
		l := labelsFor("zh")
		var rows [][]any
		if err := rosterLines(d, func(rl rosterLine) error {
			p := rl.person
			rows = append(rows, []any{p.EmpNo, p.Name, rl.post.unitPath, rl.post.title, rl.fte, p.Grade,
				excelDate(p.HireDate), l.personStatusText(p.Status), l.employText(p.Employment)})
			return nil
		}); err != nil {
			b.Fatal(err)
		}
		header := make([]any, 0, 9)
		for _, h := range rosterHeader(l) {
			header = append(header, h)
		}
		b.ReportAllocs()
		for b.Loop() {
			bareStream(b, header, rows)
		}
	})
}

func bareStream(b *testing.B, header []any, rows [][]any) {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		b.Fatal(err)
	}
	if err := sw.SetRow("A1", header); err != nil {
		b.Fatal(err)
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, r); err != nil {
			b.Fatal(err)
		}
	}
	if err := sw.Flush(); err != nil {
		b.Fatal(err)
	}
	if _, err := f.WriteTo(io.Discard); err != nil {
		b.Fatal(err)
	}
}

// BenchmarkPlanPDF writes the whole plan PDF (cover, staffing table, a
// description per post) of a 300-post plan.
func BenchmarkPlanPDF(b *testing.B) {
	d := modeltest.BigPlan(40, 300, 280)
	b.ReportAllocs()
	for b.Loop() {
		if err := PlanPDF(io.Discard, d, PDFOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkPlanPDFCost is the cost summary alone of a 10,000-post plan
// with pay, 10,000 people and a profile.
func BenchmarkPlanPDFCost(b *testing.B) {
	d := modeltest.BigPlan(500, 10000, 10000)
	for i := range d.Positions {
		d.Positions[i].MonthlyPay = int64(5000_00 + 7_00*(i%1000))
	}
	d.Plan.Budget.Profile = model.ContributionProfile{Name: "test", Year: 2025,
		Rates:     [model.NumContributions]model.Rate{160000, 98000, 5000, 4000, 120000},
		BaseFloor: 7162_00, BaseCeiling: 35811_00}
	b.ReportAllocs()
	for b.Loop() {
		if err := PlanPDF(io.Discard, d, PDFOptions{Parts: []string{PartCost}}); err != nil {
			b.Fatal(err)
		}
	}
}
