package core

import (
	"errors"
	"io"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2/lang"

	"staffplan/data/export"
	"staffplan/data/model"
)

// ExportPDF is the export kind of the whole plan as one PDF.
const ExportPDF = "pdf"

// Layouts of the org chart on paper, as named by --layout.
const (
	LayoutFit   = "fit"
	LayoutTiled = "tiled"
	LayoutUnits = "units"
)

// PlanPDFChoice is what the user chose for the plan PDF: on the command
// line (--parts, --paper, --landscape, --layout) or in the Print dialog.
type PlanPDFChoice struct {
	Parts     []string // export.PDFParts names; nil means every part there is
	Paper     string   // export.PaperA4 or export.PaperA3; "" is A4
	Landscape bool
	Layout    string // of the org chart: LayoutFit, LayoutTiled or LayoutUnits; "" is fit
}

// PlanPDFChart, when set, returns the writer of the org chart's pages of
// the plan PDF in c's layout. It stays nil until widgets/orgchart can draw
// PDF pages into another document (pdfdoc.Wrap); until then the chart
// part is left out with PlanPDFNoChart's message.
var PlanPDFChart func(d *model.PlanData, c PlanPDFChoice) export.PDFPartWriter

// PlanPDFParts are the parts the Print dialog offers, in print order:
// the parts this build can draw.
func PlanPDFParts() []string {
	var out []string
	for _, p := range export.PDFParts {
		switch p {
		case export.PartChart:
			if PlanPDFChart == nil {
				continue
			}
		case export.PartCost:
			continue // no budget yet
		}
		out = append(out, p)
	}
	return out
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
		// The cost summary waits for the budget; it is not offered yet.
		if p == export.PartChart || p == export.PartStaffing || p == export.PartDescriptions {
			if !slices.Contains(parts, p) {
				parts = append(parts, p)
			}
			continue
		}
		return nil, errors.New(lang.X("err.pdf_part", "There is no part {{.part}} of the plan PDF. Choose from chart, staffing and descriptions, separated by commas.",
			map[string]any{"part": p}))
	}
	if len(parts) == 0 {
		return nil, errors.New(lang.X("err.pdf_no_parts", "Choose at least one part of the plan PDF: chart, staffing or descriptions."))
	}
	return parts, nil
}

// PlanPDFNoChart is the message for a plan PDF asked to hold the org
// chart when this build cannot draw it.
func PlanPDFNoChart() string {
	return lang.X("pdf.no_chart", "The org chart is left out of the PDF: this version cannot draw it as PDF pages yet. Export it as PNG or SVG instead.")
}

// PlanPDFWriter returns the writer of the plan PDF, and notes for the user
// about parts asked for that it leaves out. A paper or layout it does not
// know is an error.
func PlanPDFWriter(d *model.PlanData, c PlanPDFChoice) (func(io.Writer) error, []string, error) {
	switch strings.ToUpper(c.Paper) {
	case "", export.PaperA4:
		c.Paper = export.PaperA4
	case export.PaperA3:
		c.Paper = export.PaperA3
	default:
		return nil, nil, errors.New(lang.X("err.pdf_paper", "There is no paper size {{.paper}}. Choose A4 or A3.", map[string]any{"paper": c.Paper}))
	}
	switch strings.ToLower(c.Layout) {
	case "", LayoutFit, LayoutTiled, LayoutUnits:
		c.Layout = strings.ToLower(c.Layout)
	default:
		return nil, nil, errors.New(lang.X("err.pdf_layout", "There is no chart layout {{.layout}}. Choose fit, tiled or units.", map[string]any{"layout": c.Layout}))
	}
	opt := export.PDFOptions{Options: export.Options{Lang: Lang(), Date: time.Now()},
		Parts: c.Parts, Paper: c.Paper, Landscape: c.Landscape}
	wantChart := c.Parts == nil || slices.Contains(c.Parts, export.PartChart)
	var notes []string
	if wantChart && PlanPDFChart == nil {
		notes = append(notes, PlanPDFNoChart())
	}
	if c.Parts != nil {
		// Parts without a writer are said above (the chart) or not offered
		// (the cost summary, until the budget exists); PlanPDF leaves
		// them out.
		opt.Parts = slices.DeleteFunc(slices.Clone(c.Parts), func(p string) bool {
			return p == export.PartCost || p == export.PartChart && PlanPDFChart == nil
		})
		if len(opt.Parts) == 0 {
			return nil, notes, errors.New(lang.X("err.pdf_nothing", "None of the chosen parts can be printed, so no PDF was written."))
		}
	}
	if wantChart && PlanPDFChart != nil {
		opt.ChartPages = PlanPDFChart(d, c)
	}
	return func(w io.Writer) error { return export.PlanPDF(w, d, opt) }, notes, nil
}
