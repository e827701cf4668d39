package gui

import (
	"fyne.io/fyne/v2/lang"

	"staffplan/app/core"
)

// saveCopy writes a copy of the open database to path in the background:
// a database of 100,000 people takes longer to copy than the window may
// wait. The copy is made in one read transaction, so edits made meanwhile
// are in it or not, never half.
func (u *UI) saveCopy(path string) {
	prog := u.newProgress(lang.X("dlg.exporting", "Saving…"), nil)
	st := u.st
	j := u.newJob(lang.X("job.save_copy", "saving a copy to {{.path}}", map[string]any{"path": path}), prog.finish, core.InternalError, u.showError)
	j.run(func() {
		err := st.SaveCopy(path)
		j.show(func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.showInfo(lang.X("dlg.saved", "Saved"),
				lang.X("dlg.saved.text", "A copy of the database was saved to {{.path}}.", map[string]any{"path": path}))
		})
	})
}
