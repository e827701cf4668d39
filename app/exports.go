package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/data/calc"
	"staffplan/data/export"
	"staffplan/data/model"
	"staffplan/widgets/orgchart"
)

// Export kinds, as named on the command line.
const (
	exportStaffing     = "staffing"
	exportRoster       = "roster"
	exportDescriptions = "descriptions"
	exportOrgChart     = "orgchart"
	exportTemplate     = "template"
	exportCalc         = "calc"
)

// exportWriter returns the writer for a kind and a file extension, or an
// error naming what is supported.
// The calculator report needs the plan's rules and drivers, as sheet;
// omitLeft leaves people who have left out of the roster. Warnings about a
// file that is written anyway (no Chinese font for a PNG) go to warn, a
// line each.
func exportWriter(kind, ext string, d *model.PlanData, sheet *calc.Sheet, lang2 string, omitLeft bool, warn io.Writer) (func(io.Writer) error, error) {
	opt := export.Options{Lang: lang2, Date: time.Now(), OmitLeft: omitLeft}
	ext = strings.ToLower(ext)
	switch {
	case kind == exportStaffing && ext == ".xlsx":
		return func(w io.Writer) error { return export.StaffingWorkbook(w, d, opt) }, nil
	case kind == exportRoster && ext == ".xlsx":
		return func(w io.Writer) error { return export.RosterWorkbook(w, d, opt) }, nil
	case kind == exportRoster && ext == ".csv":
		return func(w io.Writer) error { return export.RosterCSV(w, d, opt) }, nil
	case kind == exportDescriptions && ext == ".xlsx":
		return func(w io.Writer) error { return export.DescriptionsWorkbook(w, d, opt) }, nil
	case kind == exportCalc && ext == ".xlsx" && sheet != nil:
		return func(w io.Writer) error { return export.CalcReportWorkbook(w, d, sheet, opt) }, nil
	case kind == exportTemplate && ext == ".xlsx":
		return func(w io.Writer) error { return export.TemplateWorkbook(w, d, opt) }, nil
	case kind == exportOrgChart && (ext == ".png" || ext == ".svg"):
		m, err := orgchart.NewModel(positionNodes(d, model.Compute(d), d.UnitIndex()))
		if err != nil {
			return nil, err
		}
		o := orgchart.ExportOptions{Title: d.Plan.Name, Date: time.Now().Format(time.DateOnly), Scale: 2,
			Layout: orgchart.Options{Compact: true}}
		if ext == ".svg" {
			return func(w io.Writer) error { return orgchart.WriteSVG(w, m, o) }, nil
		}
		return func(w io.Writer) error {
			err := orgchart.WritePNG(w, m, o)
			if errors.Is(err, orgchart.ErrNoCJKFont) {
				// The picture is written; only Chinese text may be missing.
				fmt.Fprintln(warn, lang.X("export.no_cjk_font", "No Chinese font was found; install one (e.g. fonts-noto-cjk) for Chinese text in PNG files."))
				return nil
			}
			return err
		}, nil
	}
	return nil, errors.New(lang.X("err.export_kind",
		"Cannot export {{.kind}} as {{.ext}}. Choose staffing (.xlsx), roster (.xlsx or .csv), descriptions (.xlsx), calc (.xlsx), template (.xlsx) or orgchart (.png or .svg).",
		map[string]any{"kind": kind, "ext": ext}))
}

// exportLabel is the part of a default file name that says what it holds.
func exportLabel(kind string) string {
	switch kind {
	case exportOrgChart:
		return lang.X("export.label.orgchart", "org chart")
	case exportStaffing:
		return export.KindLabel(export.KindStaffing, Lang())
	case exportRoster:
		return export.KindLabel(export.KindRoster, Lang())
	case exportTemplate:
		return lang.X("export.label.template", "import template")
	case exportCalc:
		return lang.X("export.label.calc", "headcount calculation")
	}
	return export.KindLabel(export.KindDescriptions, Lang())
}

// exportDialog asks where to save and writes the file in the background;
// a failed write leaves no half file under the name. For a roster with
// people who have left it first asks whether to keep them apart or leave
// them out.
func (u *UI) exportDialog(kind, ext string) {
	if u.planID == 0 {
		return
	}
	if kind == exportRoster && slices.ContainsFunc(u.data.People, func(p model.Person) bool { return !p.InPost() }) {
		choice := leftChoice(ext)
		dialog.ShowCustomConfirm(lang.X("export.left_title", "People who have left"), lang.X("btn.ok", "OK"), lang.X("btn.cancel", "Cancel"),
			choice, func(ok bool) {
				if ok {
					u.saveExport(kind, ext, choice.Selected == choice.Options[1])
				}
			}, u.win)
		return
	}
	u.saveExport(kind, ext, false)
}

// leftChoice offers where people who have left go in a roster export.
func leftChoice(ext string) *widget.RadioGroup {
	apart := lang.X("export.left_sheet", "On a sheet of their own (离职)")
	if ext == ".csv" {
		apart = lang.X("export.left_after", "After the others")
	}
	rg := widget.NewRadioGroup([]string{apart, lang.X("export.left_omit", "Leave them out")}, nil)
	rg.Required = true
	rg.SetSelected(apart)
	return rg
}

func (u *UI) saveExport(kind, ext string, omitLeft bool) {
	d := u.data
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		// Written by the background job, read after it on the UI goroutine.
		var warnings strings.Builder
		write, err := exportWriter(kind, filepath.Ext(path), d, u.calc.sheet, Lang(), omitLeft, &warnings)
		if err != nil {
			_ = os.Remove(path) // the empty file the dialog created
			u.showError(err)
			return
		}
		prog := u.newProgress(lang.X("dlg.exporting", "Saving…"), nil)
		failed := func(err error) {
			prog.finish()
			u.showError(err)
		}
		u.run(func() {
			err := exportWriteErr(path, export.WriteFileAtomic(path, write))
			onUI(func() {
				prog.finish()
				if err != nil {
					u.showError(err)
					return
				}
				msg := lang.X("dlg.exported", "Saved to {{.path}}.", map[string]any{"path": path})
				if w := strings.TrimSpace(warnings.String()); w != "" {
					msg += "\n\n" + w
				}
				u.showInfo(lang.X("dlg.saved", "Saved"), msg)
			}, internalError, failed)
		}, internalError, failed)
	}, u.win)
	save.SetFileName(export.DefaultFileName(exportLabel(kind), d.Plan.Organisation, time.Now(), ext))
	u.showFileDialog(save)
}

func (u *UI) exportMenu() *fyne.MenuItem {
	item := fyne.NewMenuItem(lang.X("menu.export", "Export"), nil)
	item.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem(lang.X("menu.export.staffing", "Staffing table (Excel)…"), func() { u.exportDialog(exportStaffing, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.roster", "Roster (Excel)…"), func() { u.exportDialog(exportRoster, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.roster_csv", "Roster (CSV)…"), func() { u.exportDialog(exportRoster, ".csv") }),
		fyne.NewMenuItem(lang.X("menu.export.descriptions", "Position descriptions (Excel)…"), func() { u.exportDialog(exportDescriptions, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.calc", "Headcount calculation (Excel)…"), func() { u.exportDialog(exportCalc, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.template", "Import template (Excel)…"), func() { u.exportDialog(exportTemplate, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.orgchart_png", "Org chart (PNG)…"), func() { u.exportDialog(exportOrgChart, ".png") }),
		fyne.NewMenuItem(lang.X("menu.export.orgchart_svg", "Org chart (SVG)…"), func() { u.exportDialog(exportOrgChart, ".svg") }),
	)
	return item
}

func cmdExport(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("export", stderr)
	db := dbFlag(fs)
	plan := planFlag(fs)
	kind := fs.String("kind", "", lang.X("cli.flag.export_kind", "staffing, roster, descriptions, calc, template or orgchart"))
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
	write, err := exportWriter(*kind, filepath.Ext(*out), d, sheet, Lang(), *omitLeft, stderr)
	if err != nil {
		return err
	}
	if err := export.WriteFileAtomic(*out, write); err != nil {
		return exportWriteErr(*out, err)
	}
	fmt.Fprintln(stdout, lang.X("cli.exported", "Wrote {{.path}}.", map[string]any{"path": *out}))
	return nil
}
