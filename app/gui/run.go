package gui

import (
	"errors"
	"fmt"
	"io"
	"os"
	"runtime"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/data/template"
)

// Run opens the window on the database at dbPath (empty: the default
// place) and runs it until quit; newApp makes the Fyne app. It returns the
// exit code.
func Run(newApp func() fyne.App, dbPath string, stderr io.Writer) int {
	// Without a display GLFW panics deep inside the driver; say why instead.
	if !hasDisplay() {
		fmt.Fprintln(stderr, noDisplayText())
		return core.ExitUser
	}
	var err error
	if dbPath == "" {
		if dbPath, err = store.DefaultPath(); err != nil {
			fmt.Fprintln(stderr, core.ErrText(err))
			return core.ExitUser
		}
	}
	st, err := store.Open(dbPath, nil)
	a := newApp()
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if errors.Is(err, store.ErrOlderThanLastSave) {
		fmt.Fprintln(stderr, core.ErrText(err))
		return runOlder(a, dbPath, core.ErrText(err), stderr)
	}
	if err != nil {
		msg := core.ErrText(err)
		fmt.Fprintln(stderr, dbPath+": "+msg)
		showFatal(a, dbPath, msg)
		return core.ExitUser
	}
	core.NoteFixedMode(st, stderr)
	u := openWindow(a, st)
	u.win.SetMaster()
	u.win.ShowAndRun()
	if err := u.st.Close(); err != nil {
		fmt.Fprintln(stderr, core.ErrText(err))
		return core.ExitUser
	}
	return core.ExitOK
}

// openWindow builds the main window over st on the plan shown last time. A
// database without plans (a first start) asks how to begin.
func openWindow(a fyne.App, st *store.Store) *UI {
	planID := model.ID(a.Preferences().Int(prefPlanKey(st.Path())))
	w := a.NewWindow(lang.X("app.title", "Staffing Planner"))
	w.Resize(savedWindowSize(a.Preferences()))
	u := New(a, w, st, planID)
	u.outline.openAll()
	if len(u.plans) == 0 {
		u.firstStartDialog()
	}
	return u
}

// seedSample gives a database the default sample plan (the first template).
func seedSample(st *store.Store) (model.ID, error) {
	infos, err := template.List(assets.Templates())
	if err != nil || len(infos) == 0 {
		return 0, err
	}
	d, err := template.Load(assets.Templates(), infos[0].Name)
	if err != nil {
		return 0, err
	}
	id, _, err := st.CreatePlan(d, "newplan")
	return id, err
}

// showFatal shows why the program cannot start and waits for OK, so a user
// who double-clicked the icon sees the reason rather than nothing.
func showFatal(a fyne.App, path, msg string) {
	w := a.NewWindow(lang.X("app.title", "Staffing Planner"))
	text := widget.NewLabel(msg + "\n\n" + path)
	text.Wrapping = fyne.TextWrapWord
	ok := widget.NewButton(lang.X("btn.ok", "OK"), a.Quit)
	ok.Importance = widget.HighImportance
	w.SetContent(container.NewBorder(nil, container.NewCenter(ok), nil, nil, text))
	w.Resize(fyne.NewSize(460, 180))
	w.Canvas().SetOnTypedKey(func(k *fyne.KeyEvent) {
		if k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter || k.Name == fyne.KeyEscape {
			a.Quit()
		}
	})
	w.ShowAndRun()
}

// runOlder is the window for a file older than its last save: it says so
// and offers the newest backup that passes the check. Restored, the same
// window goes on as the main window on the restored file.
func runOlder(a fyne.App, path, msg string, stderr io.Writer) int {
	good, ok, err := store.NewestGoodBackup(path, nil)
	if err != nil || !ok {
		showFatal(a, path, msg+"\n\n"+lang.X("cli.check_no_backup", "No backup passes the check."))
		return core.ExitUser
	}
	var u *UI
	w := a.NewWindow(lang.X("app.title", "Staffing Planner"))
	text := widget.NewLabel(msg + "\n\n" + lang.X("dlg.older.offer", "The newest backup that passes the check is from {{.time}}. Restore it? The current file is backed up first.",
		map[string]any{"time": good.Time.Local().Format("2006-01-02 15:04:05")}))
	text.Wrapping = fyne.TextWrapWord
	status := widget.NewLabel("")
	status.Wrapping = fyne.TextWrapWord
	restore := widget.NewButton(lang.X("btn.restore", "Restore"), func() {
		st, err := store.Restore(path, good.Path, nil)
		if err != nil {
			status.SetText(core.ErrText(err))
			return
		}
		u = New(a, w, st, 0)
		u.outline.openAll()
		w.Resize(fyne.NewSize(1180, 760))
	})
	restore.Importance = widget.HighImportance
	quit := widget.NewButton(lang.X("menu.quit", "Quit"), a.Quit)
	w.SetContent(container.NewBorder(nil, container.NewVBox(status, container.NewCenter(container.NewHBox(quit, restore))), nil, nil, text))
	w.Resize(fyne.NewSize(520, 240))
	w.SetMaster()
	w.ShowAndRun()
	if u == nil {
		return core.ExitUser
	}
	if err := u.st.Close(); err != nil {
		fmt.Fprintln(stderr, core.ErrText(err))
		return core.ExitUser
	}
	return core.ExitOK
}

// hasDisplay reports whether a window can open. On Linux and the BSDs the
// window needs an X11 or Wayland display; GLFW panics without one.
func hasDisplay() bool {
	switch runtime.GOOS {
	case "windows", "darwin", "android", "ios", "js":
		return true
	}
	return os.Getenv("DISPLAY") != "" || os.Getenv("WAYLAND_DISPLAY") != ""
}

func noDisplayText() string {
	return lang.X("err.no_display", "No display was found (neither DISPLAY nor WAYLAND_DISPLAY is set), so the window cannot open. Start staffplan in a desktop session, or use a subcommand (staffplan help).")
}
