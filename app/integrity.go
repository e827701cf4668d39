package app

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"syscall"

	"fyne.io/fyne/v2/lang"

	"staffplan/data/store"
)

// storeErrText translates the store's errors that carry a path or times,
// which the generic knownErrors table cannot fill in.
func storeErrText(err error) (string, bool) {
	var oe *store.OlderError
	if errors.As(err, &oe) {
		return lang.X("err.older_than_last_save",
			"This plan file is older than the last save; restore the newest backup? ({{.path}} holds save {{.file}}, but save {{.saved}} was made on {{.time}}. See staffplan backups and staffplan restore, or File › Restore backup.)",
			map[string]any{"path": oe.Path, "file": oe.FileTx, "saved": oe.SavedTx,
				"time": oe.SavedTime.Local().Format("2006-01-02 15:04:05")}), true
	}
	var fe *store.FileError
	if !errors.As(err, &fe) {
		return "", false
	}
	args := map[string]any{"path": fe.Path}
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		return lang.X("err.no_db", "There is no plan database at {{.path}}.", args), true
	case errors.Is(err, store.ErrEmptyFile):
		return lang.X("err.empty_db", "{{.path}} is an empty file, not a plan database. Give the path of a plan database, or delete the empty file.", args), true
	case errors.Is(err, store.ErrNotRegular):
		return lang.X("err.not_regular", "{{.path}} is not a regular file (it is a folder, device or pipe), so it cannot be a plan database. Give the path of a .db file.", args), true
	}
	return "", false
}

// noteFixedMode says so when opening a database made it private.
func noteFixedMode(st *store.Store, stderr io.Writer) {
	if st.FixedMode != 0 {
		fmt.Fprintln(stderr, lang.X("cli.mode_fixed", "{{.path}} could be read by other users (mode {{.mode}}); it is now private to you (0600).",
			map[string]any{"path": st.Path(), "mode": fmt.Sprintf("%04o", uint32(st.FixedMode))}))
	}
}

// openWrite opens a database for a command that changes it.
func openWrite(db string, stderr io.Writer) (*store.Store, error) {
	st, err := store.Open(db, nil)
	if err != nil {
		return nil, err
	}
	noteFixedMode(st, stderr)
	return st, nil
}

// newFile remembers whether a command is about to create the database
// file, so a failure can take it (and the folders made for it) away again.
type newFile struct {
	created bool
	dirs    []string
}

func beforeCreate(db string) newFile {
	_, err := os.Stat(db)
	return newFile{created: errors.Is(err, os.ErrNotExist), dirs: missingDirs(db)}
}

// discard removes what a failed command created; st must be closed.
func (n newFile) discard(st *store.Store) {
	if !n.created {
		return
	}
	os.Remove(st.Path())
	os.Remove(st.Path() + ".last")
	for _, dir := range n.dirs {
		os.Remove(dir)
	}
}

// missingDirs lists the folders above path that do not exist yet, deepest
// first, so a command that fails can take away the ones it made.
func missingDirs(path string) []string {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil
	}
	var out []string
	for d := filepath.Dir(abs); ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil || filepath.Dir(d) == d {
			return out
		}
		out = append(out, d)
	}
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

// checkExportPath refuses an export target that cannot become the file the
// user asked for, naming their path and what to do, before anything is
// written.
func checkExportPath(path string) error {
	args := map[string]any{"path": path}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			args["example"] = filepath.Join(path, "export.xlsx")
			return errors.New(lang.X("err.export_is_dir", "{{.path}} is a folder. Give a file name inside it, such as {{.example}}.", args))
		}
		if !fi.Mode().IsRegular() {
			return errors.New(lang.X("err.export_not_regular", "Cannot write the export to {{.path}}: it is not a regular file (a device or pipe). Give a file name such as roster.xlsx.", args))
		}
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		args["dir"] = dir
		return errors.New(lang.X("err.export_no_dir", "The folder {{.dir}} does not exist, so {{.path}} cannot be written. Create the folder first or choose another one.", args))
	}
	if filepath.Ext(path) == "" {
		return errors.New(lang.X("err.export_no_ext", "{{.path}} has no file extension, which picks the format. Add .xlsx, .csv, .png or .svg.", args))
	}
	return nil
}

// exportWriteErr names the user's path, not the temporary file, when the
// export could not be written.
func exportWriteErr(path string, err error) error {
	if err == nil {
		return nil
	}
	reason := err.Error()
	var pe *os.PathError
	var le *os.LinkError
	var errno syscall.Errno
	switch {
	case errors.As(err, &errno):
		reason = errno.Error()
	case errors.As(err, &pe):
		reason = pe.Err.Error()
	case errors.As(err, &le):
		reason = le.Err.Error()
	}
	return errors.New(lang.X("err.export_write", "Could not write {{.path}}: {{.reason}}. Check that the folder is writable and the disk has space.",
		map[string]any{"path": path, "reason": reason}))
}

func cmdCheck(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("check", stderr)
	db := dbFlag(fs)
	if err := parse(fs, args, stderr, "db"); err != nil {
		return err
	}
	problems, err := store.Verify(*db, nil)
	if err != nil {
		return err
	}
	path, _ := filepath.Abs(*db)
	if len(problems) == 0 {
		fmt.Fprintln(stdout, lang.X("cli.check_ok", "{{.path}}: no problems found.", map[string]any{"path": path}))
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, ErrText(p))
	}
	msg := lang.X("cli.check_bad", "{{.n}} problem(s) found in {{.path}}.", map[string]any{"n": len(problems), "path": path})
	if b, ok, err := store.NewestGoodBackup(path, nil); err == nil && ok {
		msg += "\n" + lang.X("cli.check_backup", "The newest backup that passes the check is from {{.time}}; restore it with: staffplan restore --db {{.path}} --backup {{.backup}}",
			map[string]any{"time": b.Time.Local().Format("2006-01-02 15:04:05"), "path": path, "backup": b.Path})
	} else if err == nil {
		msg += "\n" + lang.X("cli.check_no_backup", "No backup passes the check.")
	}
	return errors.New(msg)
}
