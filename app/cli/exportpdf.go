package cli

import (
	"errors"
	"io"
	"path/filepath"
	"strings"

	"staffplan/app/core"
	"staffplan/data/model"
)

// planPDFWriter checks the flags of `export --kind pdf` (--parts, and the
// paper and layout flags the chart's PDF shares) and returns the writer
// of the plan PDF.
func planPDFWriter(out string, d *model.PlanData, parts string, chart core.ChartPDF) (func(io.Writer) error, error) {
	if !strings.EqualFold(filepath.Ext(out), ".pdf") {
		return nil, errors.New(core.X("err.pdf_ext", "The plan PDF is written to a .pdf file; {{.path}} is not one.", map[string]any{"path": out}))
	}
	c := core.PlanPDFChoice{ChartPDF: chart}
	if parts != "" {
		p, err := core.ParsePDFParts(parts)
		if err != nil {
			return nil, err
		}
		c.Parts = p
	}
	return core.PlanPDFWriter(d, c)
}
