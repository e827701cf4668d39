package app

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/data/template"
)

// Exit codes shared by the GUI and the commands.
const (
	ExitOK    = 0
	ExitUser  = 1 // a problem the user can fix: locked, corrupt, unknown plan
	ExitUsage = 2
)

// Main runs the program with the command-line arguments (without the
// program name). A subcommand runs and returns; otherwise newApp makes the
// Fyne app and the window runs until quit.
func Main(args []string, newApp func() fyne.App, stdout, stderr io.Writer) int {
	langFlag := ""
	// --lang may come before a subcommand; pull it out first.
	rest := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		switch a := args[i]; {
		case a == "--lang" || a == "-lang":
			if i+1 < len(args) {
				langFlag = args[i+1]
				i++
			}
		case strings.HasPrefix(a, "--lang=") || strings.HasPrefix(a, "-lang="):
			langFlag = a[strings.Index(a, "=")+1:]
		default:
			rest = append(rest, a)
		}
	}
	InitLang(langFlag)
	if len(rest) > 0 && len(rest[0]) > 0 && rest[0][0] != '-' {
		return RunCommand(rest, stdout, stderr)
	}
	fs := flag.NewFlagSet("staffplan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs)
	if err := fs.Parse(rest); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			usage(stdout)
			return ExitOK
		}
		usage(stderr)
		return ExitUsage
	}
	return runGUI(newApp, *db, stderr)
}

func runGUI(newApp func() fyne.App, dbPath string, stderr io.Writer) int {
	// Without a display GLFW panics deep inside the driver; say why instead.
	if !hasDisplay() {
		fmt.Fprintln(stderr, noDisplayText())
		return ExitUser
	}
	var err error
	if dbPath == "" {
		if dbPath, err = store.DefaultPath(); err != nil {
			fmt.Fprintln(stderr, ErrText(err))
			return ExitUser
		}
	}
	st, err := store.Open(dbPath, nil)
	a := newApp()
	a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	if errors.Is(err, store.ErrOlderThanLastSave) {
		fmt.Fprintln(stderr, ErrText(err))
		return runOlder(a, dbPath, ErrText(err), stderr)
	}
	if err != nil {
		msg := ErrText(err)
		fmt.Fprintln(stderr, dbPath+": "+msg)
		showFatal(a, dbPath, msg)
		return ExitUser
	}
	noteFixedMode(st, stderr)
	u := openWindow(a, st)
	u.win.SetMaster()
	u.win.ShowAndRun()
	if err := u.st.Close(); err != nil {
		fmt.Fprintln(stderr, ErrText(err))
		return ExitUser
	}
	return ExitOK
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
		return ExitUser
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
			status.SetText(ErrText(err))
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
		return ExitUser
	}
	if err := u.st.Close(); err != nil {
		fmt.Fprintln(stderr, ErrText(err))
		return ExitUser
	}
	return ExitOK
}
