package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"staffplan/app/core"
	"staffplan/data/calc"
	"staffplan/data/export"
)

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	db := dbFlag(fs)
	plan := planFlag(fs)
	kind := fs.String("kind", "", core.X("cli.flag.export_kind", "staffing, roster, descriptions, calc, template, budget, units, orgchart or pdf (the whole plan)"))
	out := fs.String("out", "", core.X("cli.flag.out", "file to write; the extension picks the format"))
	omitLeft := fs.Bool("omit-left", false, core.X("cli.flag.omit_left", "roster: leave out people who have left (else they are on a sheet of their own)"))
	pdf := pdfFlags(fs)
	parts := fs.String("parts", "", core.X("cli.flag.parts", "pdf: the parts after the cover, from chart, staffing, descriptions and cost, separated by commas (default: all)"))
	if err := parse(fs, args, stderr, "db", "kind", "out"); err != nil {
		return err
	}
	if err := checkExportPath(*out); err != nil {
		return err
	}
	st, d, err := openPlan(*db, *plan)
	if err != nil {
		return err
	}
	defer st.Close()
	sheet, err := calc.LoadPlan(st, d.Plan.ID)
	if err != nil {
		return err
	}
	var write func(io.Writer) error
	if *kind == core.ExportPDF {
		write, err = planPDFWriter(*out, d, *parts, *pdf)
	} else {
		write, err = exportWriter(*kind, filepath.Ext(*out), d, sheet, *omitLeft, pdf, stderr)
	}
	if err != nil {
		return err
	}
	if err := export.WriteFileAtomic(*out, write); err != nil {
		return core.ExportWriteErr(*out, err)
	}
	fmt.Fprintln(stdout, core.X("cli.exported", "Wrote {{.path}}.", map[string]any{"path": *out}))
	return nil
}
