package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"staffplan/app/core"
	"staffplan/data/model"
)

// pdfFlagValues are the flags of `export --kind pdf`.
type pdfFlagValues struct {
	parts, paper, layout *string
	landscape            *bool
}

func planPDFFlags(fs *flag.FlagSet) pdfFlagValues {
	return pdfFlagValues{
		parts:     fs.String("parts", "", lang.X("cli.flag.parts", "pdf: the parts after the cover, from chart, staffing and descriptions, separated by commas (default: all)")),
		paper:     fs.String("paper", "A4", lang.X("cli.flag.paper", "pdf: paper size, A4 or A3")),
		landscape: fs.Bool("landscape", false, lang.X("cli.flag.landscape", "pdf: pages in landscape")),
		layout:    fs.String("layout", core.LayoutFit, lang.X("cli.flag.layout", "pdf: the org chart on paper: fit (one page), tiled or units (a page per unit)")),
	}
}

// planPDFWriter checks the PDF flags and returns the writer of the plan
// PDF; what it leaves out is said on stderr first.
func planPDFWriter(out string, d *model.PlanData, f pdfFlagValues, stderr io.Writer) (func(io.Writer) error, error) {
	if !strings.EqualFold(filepath.Ext(out), ".pdf") {
		return nil, errors.New(lang.X("err.pdf_ext", "The plan PDF is written to a .pdf file; {{.path}} is not one.", map[string]any{"path": out}))
	}
	c := core.PlanPDFChoice{Paper: *f.paper, Landscape: *f.landscape, Layout: *f.layout}
	if *f.parts != "" {
		parts, err := core.ParsePDFParts(*f.parts)
		if err != nil {
			return nil, err
		}
		c.Parts = parts
	}
	write, notes, err := core.PlanPDFWriter(d, c)
	for _, n := range notes {
		fmt.Fprintln(stderr, n)
	}
	return write, err
}
