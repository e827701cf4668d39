package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/store"
)

func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, nil, &out, &errb)
	return code, out.String(), errb.String()
}

func TestCLIVersionAndTemplates(t *testing.T) {
	code, out, _ := run(t, "version")
	if code != 0 || !strings.Contains(out, assets.Version) {
		t.Errorf("version: %d %q", code, out)
	}
	code, out, _ = run(t, "--lang", "en", "templates")
	// Under the first industry heading, the default template comes first.
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) < 4 || lines[0] != "[Manufacturing]" || !strings.HasPrefix(lines[1], "kangfei\t") {
		t.Errorf("templates: %d %q", code, out)
	}
	_, out, _ = run(t, "--lang=zh", "templates")
	if !strings.Contains(out, "康飞塑业") {
		t.Errorf("Chinese template list %q", out)
	}
	core.InitLang("en")
}

func TestCLINewAndShow(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	code, out, errs := run(t, "--lang", "en", "new", "--template", "kangfei", "--db", db)
	if code != 0 || !strings.Contains(out, "康飞塑业") {
		t.Fatalf("new: %d %q %q", code, out, errs)
	}
	code, out, errs = run(t, "show", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("show: %d %q", code, errs)
	}
	var s ShowJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("show printed no JSON: %v\n%s", err, out)
	}
	if s.Plan != "康飞塑业 人员配置" || s.People != 23 || len(s.Units) != 6 {
		t.Errorf("show: plan %q people %d units %d", s.Plan, s.People, len(s.Units))
	}
	for _, u := range s.Units {
		if u.Path == "康飞塑业/行政人事部" && (u.PlannedTotal != 9 || u.ActualTotal != 7.5) {
			t.Errorf("行政人事部 %+v", u)
		}
	}
	var raw map[string]any
	_ = json.Unmarshal([]byte(out), &raw)
	for _, k := range []string{"plan", "people", "units", "positions"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("JSON lacks %q", k)
		}
	}
	pos := raw["positions"].([]any)[0].(map[string]any)
	for _, k := range []string{"title", "unit", "planned", "actual", "vacancy"} {
		if _, ok := pos[k]; !ok {
			t.Errorf("position JSON lacks %q", k)
		}
	}
	// A second template goes into the same database; --plan picks it.
	run(t, "new", "--template", "finance-two", "--db", db)
	code, out, _ = run(t, "show", "--db", db, "--plan", "财务部 人员配置", "--json")
	if code != 0 || !strings.Contains(out, "出纳专员") {
		t.Errorf("show --plan: %d %q", code, out)
	}
}

func TestCLIErrorsAndUsage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "x.db")
	for _, c := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"frobnicate"}, core.ExitUsage, "Unknown command"},
		{[]string{"new", "--db", db}, core.ExitUsage, "--template is required"},
		{[]string{"show", "--json"}, core.ExitUsage, "--db is required"},
		{[]string{"show", "--db", db, "extra"}, core.ExitUsage, "Unexpected argument"},
		{[]string{"new", "--template", "nope", "--db", db}, core.ExitUser, "Unknown template"},
		{[]string{"show", "--db", filepath.Join(dir, "none.db")}, core.ExitUser, "no plan database"},
	} {
		code, _, errs := run(t, append([]string{"--lang", "en"}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.msg) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", c.args, code, errs, c.code, c.msg)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "none.db")); err == nil {
		t.Error("show created a database")
	}
	run(t, "new", "--template", "kangfei", "--db", db)
	code, _, errs := run(t, "show", "--db", db, "--plan", "没有")
	if code != core.ExitUser || !strings.Contains(errs, "康飞塑业 人员配置") {
		t.Errorf("unknown plan: %d %q (should list the plans)", code, errs)
	}
}

func TestCLIReportsALockedDatabase(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	st, err := store.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	start := time.Now()
	code, _, errs := run(t, "--lang", "zh", "show", "--db", db)
	if code != core.ExitUser || !strings.Contains(errs, "已在另一个窗口中打开") {
		t.Errorf("locked: %d %q", code, errs)
	}
	if time.Since(start) > 3*time.Second {
		t.Errorf("took %v to give up", time.Since(start))
	}
	core.InitLang("en")
}

func TestCLIRejectsCorruptFile(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	junk := bytes.Repeat([]byte("not a database "), 500)
	if err := os.WriteFile(db, junk, 0o600); err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "--lang", "en", "show", "--db", db)
	if code != core.ExitUser || !strings.Contains(errs, "not a plan database") {
		t.Errorf("corrupt: %d %q", code, errs)
	}
	if b, _ := os.ReadFile(db); !bytes.Equal(b, junk) {
		t.Error("the corrupt file was changed")
	}
}

func TestCLIBackupsAndRestore(t *testing.T) {
	db := filepath.Join(t.TempDir(), "x.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	run(t, "new", "--template", "finance-two", "--db", db) // backs up the one-plan state
	code, out, _ := run(t, "backups", "--db", db)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines) != 1 || !strings.Contains(lines[0], "newplan") {
		t.Fatalf("backups: %d %q", code, out)
	}
	backup := lines[0][strings.LastIndex(lines[0], "\t")+1:]
	// A database open in a window is not replaced.
	st, err := store.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errs := run(t, "--lang", "en", "restore", "--db", db, "--backup", backup)
	st.Close()
	if code != core.ExitUser || !strings.Contains(errs, "already open") {
		t.Fatalf("restore over an open database: %d %q", code, errs)
	}
	code, _, errs = run(t, "restore", "--db", db, "--backup", backup)
	if code != 0 {
		t.Fatalf("restore: %d %q", code, errs)
	}
	code, out, _ = run(t, "show", "--db", db, "--plan", "财务部 人员配置")
	if code != core.ExitUser {
		t.Errorf("the plan added after the backup is still there: %d %q", code, out)
	}
	if code, _, _ := run(t, "show", "--db", db); code != 0 {
		t.Errorf("the restored plan cannot be shown")
	}
	junk := filepath.Join(t.TempDir(), "junk.db")
	os.WriteFile(junk, []byte("no database here, just some text that is long enough to not be empty"), 0o600)
	if code, _, errs := run(t, "--lang", "en", "restore", "--db", db, "--backup", junk); code != core.ExitUser || !strings.Contains(errs, "not a plan database") {
		t.Errorf("restoring junk: %d %q", code, errs)
	}
}
