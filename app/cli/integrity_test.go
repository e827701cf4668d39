package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"syscall"
	"testing"
	"time"

	"staffplan/app/core"
)

// newDB makes a database holding the kangfei plan.
func newDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "plans.db")
	if code, _, errs := run(t, "--lang", "en", "new", "--template", "kangfei", "--db", db); code != 0 {
		t.Fatalf("new: %d %s", code, errs)
	}
	return db
}

// folderState lists every file under dir with its size and mode.
func folderState(t *testing.T, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	filepath.Walk(dir, func(p string, fi os.FileInfo, err error) error {
		if err == nil {
			out[p] = fmt.Sprint(fi.Mode(), fi.ModTime(), fi.Size())
		}
		return nil
	})
	return out
}

// Reading commands never create or change a file: a missing or empty
// --db is an error, not a new 32 KB database.
func TestCLIReadingCommandsDoNotWrite(t *testing.T) {
	dir := t.TempDir()
	roster := filepath.Join(dir, "roster.csv")
	os.WriteFile(roster, []byte("工号,姓名,部门,岗位\nA1,张三,行政部,文员\n"), 0o600)
	missing := filepath.Join(dir, "sub", "none.db")
	empty := filepath.Join(dir, "empty.db")
	os.WriteFile(empty, nil, 0o644)
	for _, db := range []string{missing, empty} {
		for _, args := range [][]string{
			{"show", "--db", db},
			{"export", "--db", db, "--kind", "roster", "--out", filepath.Join(dir, "r.csv")},
			{"calc", "--db", db},
			{"check", "--db", db},
			{"backups", "--db", db},
			{"import", roster, "--db", db, "--dry-run", "--plan", "x"},
		} {
			before := folderState(t, dir)
			code, _, errs := run(t, append([]string{"--lang", "en"}, args...)...)
			if code != core.ExitUser || !strings.Contains(errs, db) {
				t.Errorf("%v: exit %d, %q; want 1 naming the path", args, code, errs)
			}
			if after := folderState(t, dir); !reflect.DeepEqual(after, before) {
				t.Errorf("%v changed the folder: %v → %v", args, before, after)
			}
		}
	}
	// A dry run on a missing database shows what would be created and
	// creates nothing.
	if code, _, errs := run(t, "import", roster, "--db", missing, "--dry-run"); code != 0 {
		t.Errorf("dry run into a missing database: %d %s", code, errs)
	}
	if _, err := os.Stat(filepath.Dir(missing)); err == nil {
		t.Error("dry run made a folder")
	}
	// On an existing database, reading commands leave it byte for byte.
	db := newDB(t)
	os.Chmod(db, 0o600)
	b, _ := os.ReadFile(db)
	st := folderState(t, filepath.Dir(db))
	for _, args := range [][]string{{"show", "--db", db}, {"calc", "--db", db}, {"check", "--db", db},
		{"import", roster, "--db", db, "--dry-run"}} {
		if code, _, errs := run(t, args...); code != 0 {
			t.Errorf("%v: %d %s", args, code, errs)
		}
	}
	if b2, _ := os.ReadFile(db); string(b2) != string(b) {
		t.Error("a reading command changed the database")
	}
	for p, s := range folderState(t, filepath.Dir(db)) {
		if st[p] != s && p != filepath.Dir(db) {
			t.Errorf("%s changed", p)
		}
	}
}

func TestCLIFailedRestoreAndNewLeaveNothing(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "a", "b", "plans.db")
	code, _, _ := run(t, "restore", "--db", missing, "--backup", filepath.Join(dir, "nope.db"))
	if code != core.ExitUser {
		t.Errorf("restore exit %d", code)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("failed restore left %v", es)
	}
	// A new database whose file cannot be made takes away the folders
	// made for it.
	code, _, _ = run(t, "new", "--template", "kangfei", "--db", filepath.Join(dir, "a", "b", strings.Repeat("x", 300)+".db"))
	if code != core.ExitUser {
		t.Errorf("new exit %d", code)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("failed new left %v", es)
	}
}

func TestCLIRefusesNonRegularDB(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "fifo.db")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Skip(err)
	}
	for _, db := range []string{fifo, os.DevNull, t.TempDir()} {
		for _, cmd := range []string{"show", "check", "backups", "calc"} {
			done := make(chan struct{})
			var code int
			var errs string
			go func() { code, _, errs = run(t, "--lang", "en", cmd, "--db", db); close(done) }()
			select {
			case <-done:
			case <-time.After(10 * time.Second):
				t.Fatalf("%s --db %s blocked", cmd, db)
			}
			if code != core.ExitUser || !strings.Contains(errs, db) || !strings.Contains(errs, "not a regular file") {
				t.Errorf("%s --db %s: %d %q", cmd, db, code, errs)
			}
		}
	}
}

func TestCLIMakesDatabasePrivate(t *testing.T) {
	db := newDB(t)
	os.Chmod(db, 0o644)
	roster := filepath.Join(t.TempDir(), "r.csv")
	os.WriteFile(roster, []byte("工号,姓名,部门,岗位\nZ9,新人,行政人事部,文员\n"), 0o600)
	code, _, errs := run(t, "--lang", "en", "import", roster, "--db", db)
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	fi, _ := os.Stat(db)
	if fi.Mode().Perm() != 0o600 || !strings.Contains(errs, "0644") || !strings.Contains(errs, "0600") {
		t.Errorf("mode %v, message %q", fi.Mode().Perm(), errs)
	}
}

func TestCLICheck(t *testing.T) {
	db := newDB(t)
	code, out, errs := run(t, "--lang", "en", "check", "--db", db)
	if code != 0 || !strings.Contains(out, "no problems") {
		t.Fatalf("check of a good file: %d %q %q", code, out, errs)
	}
	// A second plan makes a backup; then damage a record in the file.
	if code, _, errs := run(t, "new", "--template", "kangfei", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	// Every copy of the unit's record is damaged, in both plans, so the
	// plan show reads is damaged wherever the store laid the records out.
	b, _ := os.ReadFile(db)
	n := 0
	for i := strings.Index(string(b), "行政人事部"); i >= 0; {
		b[i+1] ^= 0x01
		n++
		j := strings.Index(string(b[i+1:]), "行政人事部")
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if n == 0 {
		t.Fatal("no record text found")
	}
	os.WriteFile(db, b, 0o600)
	code, out, errs = run(t, "--lang", "en", "check", "--db", db)
	if code != core.ExitUser || !strings.Contains(out, "checksum") || !strings.Contains(errs, "problem(s) found") ||
		!strings.Contains(errs, "staffplan restore --db") {
		t.Errorf("check of a damaged file: %d %q %q", code, out, errs)
	}
	if code, _, errs := run(t, "show", "--db", db); code != core.ExitUser || !strings.Contains(errs, "damaged") {
		t.Errorf("show of a damaged file: %d %q", code, errs)
	}
	_, out, _ = run(t, "help")
	if !strings.Contains(out, "staffplan check --db PATH") {
		t.Error("help does not list check")
	}
}

func TestCLIOlderThanLastSave(t *testing.T) {
	db := newDB(t)
	if code, _, errs := run(t, "new", "--template", "kangfei", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	b, _ := os.ReadFile(db)
	// Damage the newer meta page; bbolt falls back to the older one.
	f := func(off int) uint64 {
		var x uint64
		for i := 7; i >= 0; i-- {
			x = x<<8 | uint64(b[off+16+48+i])
		}
		return x
	}
	off := 0
	if f(4096) > f(0) {
		off = 4096
	}
	b[off+16+20] ^= 0xff
	os.WriteFile(db, b, 0o600)
	code, _, errs := run(t, "--lang", "en", "show", "--db", db)
	if code != core.ExitUser || !strings.Contains(errs, "older than the last save; restore the newest backup?") {
		t.Errorf("show: %d %q", code, errs)
	}
}

func TestCLIExportOutMessages(t *testing.T) {
	db := newDB(t)
	dir := t.TempDir()
	cases := map[string]string{
		os.DevNull:                           "not a regular file",
		dir:                                  "is a folder",
		filepath.Join(dir, "nope", "r.xlsx"): "does not exist",
		filepath.Join(dir, "noext"):          "no file extension",
	}
	for out, want := range cases {
		code, _, errs := run(t, "--lang", "en", "export", "--db", db, "--kind", "roster", "--out", out)
		if code != core.ExitUser || !strings.Contains(errs, out) || !strings.Contains(errs, want) || strings.Contains(errs, ".tmp") {
			t.Errorf("--out %s: %d %q, want a message naming it with %q", out, code, errs, want)
		}
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("left %v", es)
	}
	// A write that fails names the user's path, not the temporary file.
	ro := filepath.Join(dir, "ro")
	os.Mkdir(ro, 0o500)
	if os.Geteuid() != 0 {
		out := filepath.Join(ro, "r.xlsx")
		code, _, errs := run(t, "--lang", "en", "export", "--db", db, "--kind", "roster", "--out", out)
		if code != core.ExitUser || !strings.Contains(errs, out) || strings.Contains(errs, ".tmp") {
			t.Errorf("read-only folder: %d %q", code, errs)
		}
	}
}
