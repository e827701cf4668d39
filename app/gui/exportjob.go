package gui

import (
	"encoding/json"
	"io"
	"os"
	"path/filepath"
	"strings"

	"fyne.io/fyne/v2/lang"

	"staffplan/app/core"
	"staffplan/data/calc"
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
	// The job writes a copy of the calculator's sheet: typing in a driver
	// field changes the pane's sheet in place while the file is written.
	sheet, err := cloneSheet(u.calc.sheet)
	var write func(io.Writer) error
	if err == nil {
		write, err = core.ExportWriter(kind, filepath.Ext(path), d, sheet, core.Lang(), omitLeft, &warnings)
	}
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

// cloneSheet is a deep copy of s (nil for nil), made as the store keeps a
// sheet: as JSON, which reaches every map and slice of its rules.
func cloneSheet(s *calc.Sheet) (*calc.Sheet, error) {
	if s == nil {
		return nil, nil
	}
	b, err := json.Marshal(s)
	if err != nil {
		return nil, err
	}
	c := new(calc.Sheet)
	return c, json.Unmarshal(b, c)
}
