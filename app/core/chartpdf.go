package core

import (
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"

	"staffplan/data/export/pdfdoc"
	"staffplan/data/model"
	"staffplan/widgets/orgchart"
)

// Org-chart PDF layouts, as named on the command line (--layout).
const (
	ChartLayoutFit   = "fit"
	ChartLayoutTiled = "tiled"
	ChartLayoutUnits = "units"
)

// ChartLayouts lists the layouts in the order the dialog offers them.
var ChartLayouts = []string{ChartLayoutFit, ChartLayoutTiled, ChartLayoutUnits}

// ChartPDF is how the org chart is laid on paper: the choices of the
// dialog and of `export --paper --landscape --layout`.
type ChartPDF struct {
	Paper     string // pdfdoc.A4 (default) or pdfdoc.A3
	Landscape bool
	Layout    string // ChartLayoutFit, ChartLayoutTiled (default) or ChartLayoutUnits
	// Scale is the tiled scale, 1 = titles at 13 pt; 0 is the default 0.75.
	Scale float64
}

// ChartLayoutName is the translated name of a layout, for the dialog.
func ChartLayoutName(layout string) string {
	switch layout {
	case ChartLayoutFit:
		return X("chartpdf.layout.fit", "Fit to one page")
	case ChartLayoutUnits:
		return X("chartpdf.layout.units", "One page per unit")
	}
	return X("chartpdf.layout.tiled", "Tiled over several pages")
}

// Options turns the choice into the chart's PDF options for plan d,
// with the pages' words in the current language. A paper or layout it
// does not know is a translated error naming what is.
func (c ChartPDF) Options(d *model.PlanData, date time.Time) (orgchart.PDFOptions, error) {
	o := orgchart.PDFOptions{Landscape: c.Landscape, Scale: c.Scale,
		Title: d.Plan.Name, Org: d.Plan.Organisation, Date: date.Format(time.DateOnly),
		Labels: ChartPDFLabels(), Chart: orgchart.Options{Compact: true}}
	switch strings.ToUpper(strings.TrimSpace(c.Paper)) {
	case "", pdfdoc.A4:
		o.Paper = pdfdoc.A4
	case pdfdoc.A3:
		o.Paper = pdfdoc.A3
	default:
		return o, errors.New(X("err.chartpdf_paper", "Unknown paper size {{.paper}}. Choose A4 or A3.", map[string]any{"paper": c.Paper}))
	}
	switch strings.ToLower(strings.TrimSpace(c.Layout)) {
	case ChartLayoutFit:
		o.Layout = orgchart.PDFFit
	case "", ChartLayoutTiled:
		o.Layout = orgchart.PDFTiled
	case ChartLayoutUnits:
		o.Layout = orgchart.PDFUnits
	default:
		return o, errors.New(X("err.chartpdf_layout", "Unknown layout {{.layout}}. Choose fit, tiled or units.", map[string]any{"layout": c.Layout}))
	}
	return o, nil
}

// ChartPDFLabels are the words the chart's PDF pages print, in the
// current language.
func ChartPDFLabels() orgchart.PDFLabels {
	return orgchart.PDFLabels{
		Page: func(n, total int) string {
			if total < 0 {
				return X("chartpdf.page_n", "Page {{.n}}", map[string]any{"n": n})
			}
			return X("chartpdf.page", "Page {{.n}} of {{.total}}", map[string]any{"n": n, "total": total})
		},
		Tile: func(row, col int) string {
			return X("chartpdf.tile", "row {{.row}}, column {{.col}}", map[string]any{"row": row, "col": col})
		},
		Continued: func(page int) string {
			return X("chartpdf.continued", "continued on page {{.page}}", map[string]any{"page": page})
		},
		Overview:   X("chartpdf.overview", "Overview: which page is where"),
		Vacancy:    X("chartpdf.legend.vacancy", "vacancy"),
		Over:       X("chartpdf.legend.over", "over establishment"),
		NotSetUp:   X("chartpdf.legend.not_set_up", "not set up yet"),
		DottedLine: X("chartpdf.legend.dotted", "dotted-line manager"),
	}
}

// ChartPDFErrText is the translated reason a layout is refused (text
// too small), or "" for any other error.
func ChartPDFErrText(err error) string {
	var small *orgchart.TooSmallError
	if !errors.As(err, &small) {
		return ""
	}
	pt := fmt.Sprintf("%.1f", small.TextPt)
	if small.Layout == orgchart.PDFFit {
		return X("chartpdf.too_small_fit", "On one page the smallest text would be {{.pt}} pt, too small to read (at least {{.min}} pt). Choose Tiled or One page per unit, or larger paper.",
			map[string]any{"pt": pt, "min": orgchart.MinReadablePt})
	}
	return X("chartpdf.too_small_scale", "At this scale the smallest text would be {{.pt}} pt, too small to read (at least {{.min}} pt). Choose a larger scale.",
		map[string]any{"pt": pt, "min": orgchart.MinReadablePt})
}

// chartPDFErr translates a refusal; other errors pass unchanged.
func chartPDFErr(err error) error {
	if t := ChartPDFErrText(err); t != "" {
		return errors.New(t)
	}
	return err
}

// OrgChartModel is the chart of plan d as the export draws it: the
// positions view.
func OrgChartModel(d *model.PlanData) (*orgchart.Model, error) {
	return orgchart.NewModel(PositionNodes(d, model.Compute(d), d.UnitIndex()))
}

// OrgChartPDFWriter returns the writer of the org chart of d as a PDF of
// its own. A layout refused for too small text fails here, before any
// file is written, with the translated reason.
func OrgChartPDFWriter(d *model.PlanData, c ChartPDF, date time.Time) (func(io.Writer) error, error) {
	m, err := OrgChartModel(d)
	if err != nil {
		return nil, err
	}
	o, err := c.Options(d, date)
	if err != nil {
		return nil, err
	}
	if _, err := orgchart.PlanPDF(m, o); err != nil {
		return nil, chartPDFErr(err)
	}
	return func(w io.Writer) error { return chartPDFErr(orgchart.WritePDF(w, m, o)) }, nil
}

// DrawOrgChartPDF adds the org chart of d to a PDF started elsewhere, in
// points (the plan PDF: export.PDFOptions.ChartPages can call it with the
// page's title, organisation and date), numbering its pages in that
// document. total is the document's page count if known, else 0 (the
// pages then print their number alone).
func DrawOrgChartPDF(pdf *fpdf.Fpdf, d *model.PlanData, c ChartPDF, title, org, date string, total int) error {
	m, err := OrgChartModel(d)
	if err != nil {
		return err
	}
	o, err := c.Options(d, time.Now())
	if err != nil {
		return err
	}
	o.Title, o.Org, o.Date, o.TotalPages = title, org, date, total
	if total <= 0 {
		o.TotalPages = -1
	}
	doc, err := pdfdoc.Wrap(pdf, 0)
	if err != nil {
		return err
	}
	return chartPDFErr(orgchart.DrawPDF(doc, m, o))
}
