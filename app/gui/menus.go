package gui

import (
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/store"
)

// Shortcuts use the platform's primary modifier: Cmd on macOS, Ctrl
// elsewhere. The desktop driver reports Ctrl+Z and Ctrl+Y as the standard
// undo and redo shortcuts and matches main-menu shortcuts before the focused
// widget sees them, so undo works even while typing in a form.
var (
	shortcutUndo   = &fyne.ShortcutUndo{}
	shortcutRedoY  = &fyne.ShortcutRedo{}
	shortcutRedo   = &desktop.CustomShortcut{KeyName: fyne.KeyZ, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutQuit   = &desktop.CustomShortcut{KeyName: fyne.KeyQ, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutNew    = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutOpen   = &desktop.CustomShortcut{KeyName: fyne.KeyO, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave   = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutImport = &desktop.CustomShortcut{KeyName: fyne.KeyI, Modifier: fyne.KeyModifierShortcutDefault}
)

func (u *UI) buildMenus() {
	item := func(label string, sc fyne.Shortcut, fn func()) *fyne.MenuItem {
		it := fyne.NewMenuItem(label, fn)
		it.Shortcut = sc
		return it
	}
	quit := item(lang.X("menu.quit", "Quit"), shortcutQuit, u.Quit)
	quit.IsQuit = true
	file := fyne.NewMenu(lang.X("menu.file", "File"),
		item(lang.X("menu.new_plan", "New plan…"), shortcutNew, u.newPlanDialog),
		item(lang.X("menu.new_from_template", "New from template…"), nil, u.templateDialog),
		item(lang.X("menu.copy_plan", "New plan from this one…"), nil, u.copyPlanDialog),
		item(lang.X("menu.plan_settings", "Plan settings…"), nil, u.planSettingsDialog),
		item(lang.X("menu.delete_plan", "Delete plan…"), nil, u.deletePlanDialog),
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.import", "Import…"), shortcutImport, u.importDialog),
		u.exportMenu(),
		item(lang.X("menu.print_plan", "Print plan…"), shortcutPrint, u.printPlanDialog),
		item(lang.X("menu.open_db", "Open database…"), shortcutOpen, u.openDatabaseDialog),
		item(lang.X("menu.save_copy", "Save a copy…"), nil, u.saveCopyDialog),
		item(lang.X("menu.restore", "Restore backup…"), nil, u.restoreDialog),
		fyne.NewMenuItemSeparator(),
		quit,
	)
	u.undoItem = item(lang.X("menu.undo", "Undo"), shortcutUndo, u.Undo)
	u.redoItem = item(lang.X("menu.redo", "Redo"), shortcutRedoY, u.Redo)
	edit := fyne.NewMenu(lang.X("menu.edit", "Edit"),
		u.undoItem, u.redoItem,
		fyne.NewMenuItemSeparator(),
		item(lang.X("menu.save_post", "Save post"), shortcutSave, func() { u.editor.Save() }),
		item(lang.X("menu.add_unit", "Add unit…"), nil, u.addUnitDialog),
		item(lang.X("menu.edit_unit", "Edit unit…"), nil, func() { u.editUnitDialog(u.selUnit) }),
		item(lang.X("menu.add_post", "Add post"), nil, u.addPosition),
		item(lang.X("menu.delete", "Delete…"), nil, u.deleteSelected),
	)
	help := fyne.NewMenu(lang.X("menu.help", "Help"),
		item(lang.X("menu.about", "About"), nil, u.aboutDialog))
	u.mainMenu = fyne.NewMainMenu(file, edit, help)
	u.win.SetMainMenu(u.mainMenu)

	// A menu item has one shortcut; Ctrl+Shift+Z is the other common redo.
	u.win.Canvas().AddShortcut(shortcutRedo, func(fyne.Shortcut) { u.Redo() })
}

// Quit leaves the program once unsaved edits are saved or discarded.
func (u *UI) Quit() {
	u.editor.confirmLeave(func() {
		u.saveLayout()
		u.app.Quit()
	})
}

// createPlan stores a whole plan in the background (it takes a backup
// first) and shows it when done.
func (u *UI) createPlan(d *model.PlanData, label string) { u.createPlanThen(d, label, nil) }

// createPlanThen is createPlan that calls then, if given, on the UI
// goroutine once the new plan is shown.
func (u *UI) createPlanThen(d *model.PlanData, label string, then func()) {
	prog := dialog.NewCustomWithoutButtons(lang.X("dlg.working", "Working…"), widget.NewProgressBarInfinite(), u.win)
	prog.Show()
	st := u.st
	j := u.newJob(label, prog.Hide, core.InternalError, u.showError)
	j.run(func() {
		id, ch, err := st.CreatePlan(d, "newplan")
		j.show(func() {
			if err != nil {
				u.showError(err)
				return
			}
			if ch != nil {
				ch.Label = label
			}
			u.hist.Push(ch)
			u.ShowPlan(id)
			u.outline.openAll()
			if then != nil {
				then()
			}
		})
	})
}

func (u *UI) newPlanDialog() {
	name := newDialogEntry()
	org := newDialogEntry()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("plan.name", "Plan name"), name),
		widget.NewFormItem(lang.X("plan.organisation", "Organisation"), org),
	}
	d := dialog.NewForm(lang.X("dlg.new_plan", "New plan"), lang.X("btn.create", "Create"), lang.X("btn.cancel", "Cancel"),
		items, func(ok bool) {
			if !ok {
				u.offerFirstStart()
				return
			}
			n, o := strings.TrimSpace(name.Text), strings.TrimSpace(org.Text)
			if n == "" {
				n = lang.X("plan.untitled", "Untitled plan")
			}
			if o == "" {
				o = n
			}
			d := &model.PlanData{Plan: model.Plan{Name: n, Organisation: o, Effective: today()},
				Units: []model.Unit{{ID: 1, Name: o, Kind: model.UnitCompany}}}
			u.createPlan(d, lang.X("change.new_plan", "new plan “{{.name}}”", map[string]any{"name": n}))
		}, u.win)
	d.Resize(fyne.NewSize(420, 220))
	d.Show()
	// Enter in either field creates the plan, as the default button does.
	name.OnSubmitted = func(string) { d.Submit() }
	org.OnSubmitted = func(string) { d.Submit() }
	name.onEscape, org.onEscape = d.Hide, d.Hide
	u.onKeys(d.Submit, d.Hide)
	u.win.Canvas().Focus(name)
}

func today() time.Time {
	y, m, d := time.Now().Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// SwitchStore replaces the open database, closing the old one. History
// does not survive: its changes belong to the old file.
func (u *UI) SwitchStore(st *store.Store) {
	old := u.st
	u.st = st
	u.hist.Clear()
	u.editor.clear()
	u.planID = model.ID(u.app.Preferences().Int(prefPlanKey(st.Path())))
	u.reload()
	u.outline.openAll()
	if old != nil && old != st {
		_ = old.Close()
	}
}

func (u *UI) openDatabaseDialog() {
	u.editor.confirmLeave(func() {
		d := dialog.NewFileOpen(func(r fyne.URIReadCloser, err error) {
			if err != nil || r == nil {
				return
			}
			path := r.URI().Path()
			_ = r.Close()
			if filepath.Clean(path) == filepath.Clean(u.st.Path()) {
				return
			}
			st, err := u.opens(path)
			if err != nil {
				u.showError(err)
				return
			}
			u.SwitchStore(st)
		}, u.win)
		d.SetFilter(storage.NewExtensionFileFilter([]string{".db"}))
		u.showFileDialog(d)
	})
}

func (u *UI) saveCopyDialog() {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close() // SaveCopy writes through a temporary file and renames it
		u.saveCopy(path)
	}, u.win)
	name := "staffplan"
	if u.data.Plan.Name != "" {
		name = u.data.Plan.Name
	}
	d.SetFileName(fmt.Sprintf("%s_%s.db", name, time.Now().Format("2006-01-02")))
	u.showFileDialog(d)
}

func (u *UI) restoreDialog() {
	backups, err := u.st.Backups()
	if err != nil {
		u.showError(err)
		return
	}
	if len(backups) == 0 {
		u.showInfo(lang.X("dlg.restore", "Restore backup"),
			lang.X("dlg.restore.none", "There are no backups yet. One is made before every import, template or restore."))
		return
	}
	chosen := -1
	list := newKeyList(u, func() int { return len(backups) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			b := backups[i]
			o.(*widget.Label).SetText(fmt.Sprintf("%s   %s   %s", b.Time.Local().Format("2006-01-02 15:04:05"),
				core.BackupReasonText(b.Reason), core.SizeText(b.Size)))
		})
	list.OnSelected = func(i widget.ListItemID) { chosen = i }
	noteText := lang.X("dlg.restore.text", "The database is replaced by the backup you choose. The current state is backed up first.")
	// Offer the newest backup that passes the check: the newest one may be
	// as damaged as the file it would replace.
	if good, ok, err := store.NewestGoodBackup(u.st.Path(), nil); err == nil && ok {
		for i, b := range backups {
			if b.Path == good.Path {
				chosen = i
				list.Select(i)
			}
		}
		noteText += "\n" + lang.X("dlg.restore.suggested", "Selected: the newest backup that passes the check ({{.time}}).",
			map[string]any{"time": good.Time.Local().Format("2006-01-02 15:04:05")})
	} else if err == nil {
		noteText += "\n" + lang.X("cli.check_no_backup", "No backup passes the check.")
	}
	note := widget.NewLabel(noteText)
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.X("dlg.restore", "Restore backup"), lang.X("btn.restore", "Restore"),
		lang.X("btn.cancel", "Cancel"), container.NewBorder(note, nil, nil, nil, list), func(ok bool) {
			if ok && chosen >= 0 {
				u.restore(backups[chosen].Path)
			}
		}, u.win)
	d.Resize(fyne.NewSize(560, 400))
	d.Show()
	u.onKeys(nil, d.Hide) // Enter does not replace the database
}

func (u *UI) restore(backup string) {
	path := u.st.Path()
	if err := u.st.Close(); err != nil {
		u.showError(err)
		return
	}
	// The store is closed by now; a panic in the restore must still end
	// in the old file reopened, below.
	st, err := func() (st *store.Store, err error) {
		defer func() {
			if r := recover(); r != nil {
				st, err = nil, core.InternalError(r)
			}
		}()
		return restoreStore(path, backup)
	}()
	if err != nil {
		u.showError(err)
		// The old file is untouched on error; reopen it.
		if st, err = u.opens(path); err != nil {
			u.showError(err)
			return
		}
	}
	u.st = nil
	u.SwitchStore(st)
}

// restoreStore replaces the database with a backup; tests replace it.
var restoreStore = func(path, backup string) (*store.Store, error) { return store.Restore(path, backup, nil) }

func (u *UI) aboutDialog() {
	text := lang.X("dlg.about.text", "Staffing Planner {{.version}} (build {{.build}})\nPositions, headcount and the people who hold them.\n\nDatabase: {{.path}}",
		map[string]any{"version": assets.Version, "build": assets.Build, "path": u.st.Path()})
	u.showInfo(lang.X("dlg.about", "About"), text)
}
