package core

import (
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"staffplan/data/export"
	"staffplan/data/model"
	"staffplan/widgets/orgchart/chartdoc"
)

// ExportPDF is the export kind of the whole plan as one PDF.
const ExportPDF = "pdf"

// PlanPDFChoice is what the user chose for the plan PDF: on the command
// line (--parts, --paper, --landscape, --layout) or in the Print dialog.
// The paper and orientation are the whole document's; the layout is the
// org chart's.
type PlanPDFChoice struct {
	Parts []string // export.PDFParts names; nil means every part there is
	ChartPDF
}

// PlanPDFParts are the parts the Print dialog and --parts offer, in print
// order: every part of the plan PDF.
func PlanPDFParts() []string {
	return slices.Clone(export.PDFParts)
}

// PlanPDFPartLabel is the name of a part in the Print dialog and in
// messages.
func PlanPDFPartLabel(part string) string {
	return export.PDFPartLabel(part, Lang())
}

// ParsePDFParts reads --parts: names separated by commas. An unknown name
// is an error that lists the known ones.
func ParsePDFParts(s string) ([]string, error) {
	parts := []string{}
	for _, p := range strings.Split(s, ",") {
		p = strings.ToLower(strings.TrimSpace(p))
		if p == "" {
			continue
		}
		if !slices.Contains(PlanPDFParts(), p) {
			return nil, errors.New(X("err.pdf_part", "There is no part {{.part}} of the plan PDF. Choose from chart, staffing, descriptions and cost, separated by commas.",
				map[string]any{"part": p}))
		}
		if !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	if len(parts) == 0 {
		return nil, errors.New(X("err.pdf_no_parts", "Choose at least one part of the plan PDF: chart, staffing, descriptions or cost."))
	}
	return parts, nil
}

// PlanPDFWriter returns the writer of the plan PDF. A paper or layout it
// does not know is an error, and so is a chart layout refused for too
// small text: both before any file is written, translated.
func PlanPDFWriter(d *model.PlanData, c PlanPDFChoice) (func(io.Writer) error, error) {
	date := time.Now()
	o, err := c.ChartPDF.Options(d, date)
	if err != nil {
		return nil, err
	}
	opt := export.PDFOptions{Options: export.Options{Lang: Lang(), Date: date},
		Parts: c.Parts, Paper: o.Paper, Landscape: c.Landscape}
	if c.Parts != nil && !slices.Contains(c.Parts, export.PartChart) {
		return func(w io.Writer) error { return export.PlanPDF(w, d, opt) }, nil
	}
	m, err := OrgChartModel(d)
	if err != nil {
		return nil, err
	}
	plan, err := chartdoc.PlanPDF(m, o)
	if err != nil {
		return nil, chartPDFErr(err)
	}
	chart := c.ChartPDF
	chart.Paper = o.Paper
	return func(w io.Writer) error {
		// The chart's pages print "page 2 of 40" themselves while the
		// rest is not drawn yet: a first run with blank stand-ins for
		// them counts the whole document.
		probe := opt
		probe.ChartPages = func(pdf *fpdf.Fpdf, _ export.PDFPage) error {
			for range plan.Pages {
				pdf.AddPage()
			}
			return nil
		}
		total, err := export.PlanPDFPageCount(d, probe)
		if err != nil {
			return err
		}
		opt := opt
		opt.ChartPages = func(pdf *fpdf.Fpdf, pg export.PDFPage) error {
			return DrawOrgChartPDF(pdf, d, chart, pg.Title, pg.Organisation, pg.Date, total)
		}
		return export.PlanPDF(w, d, opt)
	}, nil
}
