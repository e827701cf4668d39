package gui

import (
	"io"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/export"
	"staffplan/data/model"
)

// shortcutPrint opens File › Print plan….
var shortcutPrint = &desktop.CustomShortcut{KeyName: fyne.KeyP, Modifier: fyne.KeyModifierShortcutDefault}

// Preferences remembering the last Print choices.
const (
	prefPrintPaper     = "print.paper"
	prefPrintLandscape = "print.landscape"
	prefPrintLayout    = "print.layout"
)

// printForm holds the Print plan dialog's controls.
type printForm struct {
	parts   []string
	checks  []*keyCheck
	paper   *keySelect // drop-downs, not radio buttons: a focused radio button swallows Enter and Escape
	orient  *keySelect
	layout  *keySelect // the org chart's layout
	content fyne.CanvasObject
}

func (u *UI) newPrintForm() *printForm {
	f := &printForm{parts: core.PlanPDFParts()}
	prefs := u.app.Preferences()
	partsBox := container.NewVBox()
	for _, p := range f.parts {
		c := newKeyCheck(u, core.PlanPDFPartLabel(p), nil)
		c.SetChecked(true)
		f.checks = append(f.checks, c)
		partsBox.Add(c)
	}
	f.paper = newKeySelect(u, []string{export.PaperA4, export.PaperA3}, nil)
	f.paper.SetSelected(prefs.StringWithFallback(prefPrintPaper, export.PaperA4))
	if f.paper.Selected == "" {
		f.paper.SetSelected(export.PaperA4)
	}
	portrait, landscape := lang.X("print.portrait", "Portrait"), lang.X("print.landscape", "Landscape")
	f.orient = newKeySelect(u, []string{portrait, landscape}, nil)
	f.orient.SetSelected(portrait)
	if prefs.Bool(prefPrintLandscape) {
		f.orient.SetSelected(landscape)
	}
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("print.parts", "Parts"), partsBox),
		widget.NewFormItem(lang.X("print.paper", "Paper"), f.paper),
		widget.NewFormItem(lang.X("print.orientation", "Orientation"), f.orient),
	}
	var names []string
	for _, l := range core.ChartLayouts {
		names = append(names, core.ChartLayoutName(l))
	}
	f.layout = newKeySelect(u, names, nil)
	f.layout.SetSelected(core.ChartLayoutName(prefs.StringWithFallback(prefPrintLayout, core.ChartLayoutTiled)))
	items = append(items, widget.NewFormItem(lang.X("print.layout", "Org chart"), f.layout))
	f.content = widget.NewForm(items...)
	return f
}

// choice is what the form says, or an error when no part is ticked.
func (f *printForm) choice() (core.PlanPDFChoice, error) {
	c := core.PlanPDFChoice{Parts: []string{}, ChartPDF: core.ChartPDF{Paper: f.paper.Selected,
		Landscape: f.orient.Selected == f.orient.Options[1]}}
	for i, ch := range f.checks {
		if ch.Checked {
			c.Parts = append(c.Parts, f.parts[i])
		}
	}
	if i := f.layout.SelectedIndex(); i >= 0 {
		c.Layout = core.ChartLayouts[i]
	}
	if len(c.Parts) == 0 {
		_, err := core.ParsePDFParts("")
		return c, err
	}
	return c, nil
}

// printPlanDialog asks which parts, paper and orientation, then writes the
// plan PDF and opens it in the system's viewer to print from.
func (u *UI) printPlanDialog() {
	if u.planID == 0 {
		return
	}
	f := u.newPrintForm()
	d := dialog.NewCustomConfirm(lang.X("dlg.print_plan", "Print plan"), lang.X("btn.make_pdf", "Make PDF"),
		lang.X("btn.cancel", "Cancel"), f.content, func(ok bool) {
			if !ok {
				return
			}
			c, err := f.choice()
			if err != nil {
				u.showError(err)
				return
			}
			prefs := u.app.Preferences()
			prefs.SetString(prefPrintPaper, c.Paper)
			prefs.SetBool(prefPrintLandscape, c.Landscape)
			prefs.SetString(prefPrintLayout, c.Layout)
			u.printPlan(c)
		}, u.win)
	d.Resize(fyne.NewSize(max(440, f.content.MinSize().Width+40), f.content.MinSize().Height+120))
	d.Show()
	u.onKeys(d.Confirm, d.Hide)
}

// printPlan writes the PDF on a background job into a folder of its own
// under the temporary folder, so that an earlier PDF still open in a
// viewer (locked on Windows) is never in the way, and opens it.
func (u *UI) printPlan(c core.PlanPDFChoice) {
	d := u.data
	write, err := core.PlanPDFWriter(d, c)
	if err != nil {
		u.showError(err)
		return
	}
	prog := u.newProgress(lang.X("dlg.making_pdf", "Making the PDF…"), nil)
	j := u.newJob(lang.X("job.print", "making the plan's PDF"), prog.finish, core.InternalError, u.showError)
	j.run(func() {
		path, err := writePrintFile(d, write)
		j.show(func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.openPrintInViewer(path)
		})
	})
}

// printDirPrefix names the temporary folders of printed PDFs.
const printDirPrefix = "staffplan-print-"

func writePrintFile(d *model.PlanData, write func(io.Writer) error) (string, error) {
	removeOldPrints(time.Now().Add(-24 * time.Hour))
	dir, err := os.MkdirTemp("", printDirPrefix)
	if err != nil {
		return "", core.ExportWriteErr(os.TempDir(), err)
	}
	name := export.DefaultFileName(export.KindLabel(export.KindPlanPDF, core.Lang()), d.Plan.Organisation, time.Now(), "pdf")
	path := filepath.Join(dir, name)
	if err := export.WriteFileAtomic(path, write); err != nil {
		_ = os.Remove(dir)
		return "", core.ExportWriteErr(path, err)
	}
	return path, nil
}

// removeOldPrints deletes the folders of PDFs printed before cutoff: a
// viewer has long finished with them. One still open (Windows locks it)
// stays until the next time.
func removeOldPrints(cutoff time.Time) {
	old, _ := filepath.Glob(filepath.Join(os.TempDir(), printDirPrefix+"*"))
	for _, dir := range old {
		if fi, err := os.Stat(dir); err == nil && fi.IsDir() && fi.ModTime().Before(cutoff) {
			_ = os.RemoveAll(dir)
		}
	}
}
