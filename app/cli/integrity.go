package cli

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"staffplan/app/core"
	"staffplan/data/store"
)

// openWrite opens a database for a command that changes it.
func openWrite(db string, stderr io.Writer) (*store.Store, error) {
	st, err := store.Open(db, nil)
	if err != nil {
		return nil, err
	}
	core.NoteFixedMode(st, stderr)
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

// checkExportPath refuses an export target that cannot become the file the
// user asked for, naming their path and what to do, before anything is
// written.
func checkExportPath(path string) error {
	args := map[string]any{"path": path}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			args["example"] = filepath.Join(path, "export.xlsx")
			return errors.New(core.X("err.export_is_dir", "{{.path}} is a folder. Give a file name inside it, such as {{.example}}.", args))
		}
		if !fi.Mode().IsRegular() {
			return errors.New(core.X("err.export_not_regular", "Cannot write the export to {{.path}}: it is not a regular file (a device or pipe). Give a file name such as roster.xlsx.", args))
		}
	}
	dir := filepath.Dir(path)
	if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
		args["dir"] = dir
		return errors.New(core.X("err.export_no_dir", "The folder {{.dir}} does not exist, so {{.path}} cannot be written. Create the folder first or choose another one.", args))
	}
	if filepath.Ext(path) == "" {
		return errors.New(core.X("err.export_no_ext", "{{.path}} has no file extension, which picks the format. Add .xlsx, .csv, .png or .svg.", args))
	}
	return nil
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
		fmt.Fprintln(stdout, core.X("cli.check_ok", "{{.path}}: no problems found.", map[string]any{"path": path}))
		return nil
	}
	for _, p := range problems {
		fmt.Fprintln(stdout, core.ErrText(p))
	}
	msg := core.X("cli.check_bad", "{{.n}} problem(s) found in {{.path}}.", map[string]any{"n": len(problems), "path": path})
	if b, ok, err := store.NewestGoodBackup(path, nil); err == nil && ok {
		msg += "\n" + core.X("cli.check_backup", "The newest backup that passes the check is from {{.time}}; restore it with: staffplan restore --db {{.path}} --backup {{.backup}}",
			map[string]any{"time": b.Time.Local().Format("2006-01-02 15:04:05"), "path": path, "backup": b.Path})
	} else if err == nil {
		msg += "\n" + core.X("cli.check_no_backup", "No backup passes the check.")
	}
	return errors.New(msg)
}
