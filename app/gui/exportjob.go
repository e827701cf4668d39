package gui

import (
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"staffplan/app/core"
	"staffplan/data/export"
	"staffplan/data/model"
)

// writeExport writes the export to path in the background; a failed write
// leaves no half file under the name. d is the plan as it was when the
// user chose to export (the window replaces u.data, never changes it in
// place).
func (u *UI) writeExport(kind, path string, d *model.PlanData, omitLeft bool) {
	// Written by the background job, read after it on the UI goroutine.
	var warnings strings.Builder
	write, err := core.ExportWriter(kind, filepath.Ext(path), d, u.calc.sheet, core.Lang(), omitLeft, &warnings)
	if err != nil {
		_ = os.Remove(path) // the empty file the dialog created
		u.showError(err)
		return
	}
	prog := u.newProgress(lang.X("dlg.exporting", "Saving…"), nil)
	j := u.newJob(lang.X("job.export", "saving {{.file}}", map[string]any{"file": core.BaseName(path)}),
		prog.finish, core.InternalError, u.showError)
	j.run(func() {
		err := core.ExportWriteErr(path, export.WriteFileAtomic(path, write))
		j.show(func() {
			if err != nil {
				u.showError(err)
				return
			}
			msg := lang.X("dlg.exported", "Saved to {{.path}}.", map[string]any{"path": path})
			if w := strings.TrimSpace(warnings.String()); w != "" {
				msg += "\n\n" + w
			}
			u.showInfo(lang.X("dlg.saved", "Saved"), msg)
		})
	})
}
