package cli

import (
	"flag"
	"io"
	"strings"
	"time"

	"staffplan/app/core"
	"staffplan/data/calc"
	"staffplan/data/model"
)

// pdfFlags are export's paper and layout flags, shared by the PDF kinds.
func pdfFlags(fs *flag.FlagSet) *core.ChartPDF {
	c := &core.ChartPDF{}
	fs.StringVar(&c.Paper, "paper", "A4", core.X("cli.flag.paper", "PDF: paper size, A4 or A3"))
	fs.BoolVar(&c.Landscape, "landscape", false, core.X("cli.flag.landscape", "PDF: landscape pages"))
	fs.StringVar(&c.Layout, "layout", core.ChartLayoutTiled, core.X("cli.flag.layout", "PDF org chart: fit (one page), tiled or units (one page per unit)"))
	return c
}

// exportWriter is core.ExportWriter, plus the org chart as a PDF laid
// out as the flags say.
func exportWriter(kind, ext string, d *model.PlanData, sheet *calc.Sheet, omitLeft bool, pdf *core.ChartPDF, warn io.Writer) (func(io.Writer) error, error) {
	if kind == core.ExportOrgChart && strings.EqualFold(ext, ".pdf") {
		return core.OrgChartPDFWriter(d, *pdf, time.Now())
	}
	return core.ExportWriter(kind, ext, d, sheet, core.Lang(), omitLeft, warn)
}
