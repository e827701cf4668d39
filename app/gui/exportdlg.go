package gui

import (
	"slices"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/export"
	"staffplan/data/model"
)

// exportDialog asks where to save and writes the file in the background;
// a failed write leaves no half file under the name. For a roster with
// people who have left it first asks whether to keep them apart or leave
// them out.
func (u *UI) exportDialog(kind, ext string) {
	if u.planID == 0 {
		return
	}
	if kind == core.ExportRoster && slices.ContainsFunc(u.data.People, func(p model.Person) bool { return !p.InPost() }) {
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
	apart := lang.X("export.left_sheet", "On a sheet of their own (Left)")
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
		u.writeExport(kind, path, d, omitLeft)
	}, u.win)
	save.SetFileName(export.DefaultFileName(core.ExportLabel(kind), d.Plan.Organisation, time.Now(), ext))
	u.showFileDialog(save)
}

func (u *UI) exportMenu() *fyne.MenuItem {
	item := fyne.NewMenuItem(lang.X("menu.export", "Export"), nil)
	item.ChildMenu = fyne.NewMenu("",
		fyne.NewMenuItem(lang.X("menu.export.staffing", "Staffing table (Excel)…"), func() { u.exportDialog(core.ExportStaffing, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.roster", "Roster (Excel)…"), func() { u.exportDialog(core.ExportRoster, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.roster_csv", "Roster (CSV)…"), func() { u.exportDialog(core.ExportRoster, ".csv") }),
		fyne.NewMenuItem(lang.X("menu.export.descriptions", "Position descriptions (Excel)…"), func() { u.exportDialog(core.ExportDescriptions, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.calc", "Headcount calculation (Excel)…"), func() { u.exportDialog(core.ExportCalc, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.template", "Import template (Excel)…"), func() { u.exportDialog(core.ExportTemplate, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.budget", "Labour cost budget (Excel, with formulas)…"), func() { u.exportDialog(core.ExportBudget, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.units", "Org structure with unit codes (Excel)…"), func() { u.exportDialog(core.ExportUnits, ".xlsx") }),
		fyne.NewMenuItem(lang.X("menu.export.orgchart_png", "Org chart (PNG)…"), func() { u.exportDialog(core.ExportOrgChart, ".png") }),
		fyne.NewMenuItem(lang.X("menu.export.orgchart_svg", "Org chart (SVG)…"), func() { u.exportDialog(core.ExportOrgChart, ".svg") }),
		fyne.NewMenuItem(lang.X("menu.export.orgchart_pdf", "Org chart (PDF, to print)…"), u.chartPDFFromPlan),
	)
	return item
}
