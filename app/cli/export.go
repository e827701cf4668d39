package cli

import (
	"fmt"
	"io"
	"path/filepath"

	"fyne.io/fyne/v2/lang"

	"staffplan/app/core"
	"staffplan/data/calc"
	"staffplan/data/export"
)

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	db := dbFlag(fs)
	plan := planFlag(fs)
	kind := fs.String("kind", "", lang.X("cli.flag.export_kind", "staffing, roster, descriptions, calc, template, units or orgchart"))
	out := fs.String("out", "", lang.X("cli.flag.out", "file to write; the extension picks the format"))
	omitLeft := fs.Bool("omit-left", false, lang.X("cli.flag.omit_left", "roster: leave out people who have left (else they are on a sheet of their own)"))
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
	write, err := core.ExportWriter(*kind, filepath.Ext(*out), d, sheet, core.Lang(), *omitLeft, stderr)
	if err != nil {
		return err
	}
	if err := export.WriteFileAtomic(*out, write); err != nil {
		return core.ExportWriteErr(*out, err)
	}
	fmt.Fprintln(stdout, lang.X("cli.exported", "Wrote {{.path}}.", map[string]any{"path": *out}))
	return nil
}
