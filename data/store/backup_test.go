package store

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// clock returns a Now that advances a second per call.
func clock(start time.Time) func() time.Time {
	n := 0
	return func() time.Time {
		n++
		return start.Add(time.Duration(n) * time.Second)
	}
}

func TestBackupRotation(t *testing.T) {
	start := time.Date(2025, 6, 1, 9, 0, 0, 0, time.Local)
	s := openTemp(t, &Options{Now: clock(start)})
	var made []string
	for i := range 15 {
		reason := "manual"
		if i == 14 {
			reason = "before import/导入 x"
		}
		p, err := s.Backup(reason)
		if err != nil {
			t.Fatal(err)
		}
		made = append(made, p)
	}
	bs, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 10 {
		t.Fatalf("%d backups kept, want 10", len(bs))
	}
	for i, b := range bs {
		if b.Path != made[14-i] {
			t.Errorf("backup %d is %s, want %s", i, b.Path, made[14-i])
		}
		if want := start.Add(time.Duration(15-i) * time.Second); !b.Time.Equal(want) {
			t.Errorf("backup %d time %v, want %v", i, b.Time, want)
		}
		if b.Size <= 0 {
			t.Errorf("backup %d size %d", i, b.Size)
		}
		if i > 0 && b.Reason != "manual" {
			t.Errorf("reason %q", b.Reason)
		}
	}
	if bs[0].Reason != "before_import_导入_x" {
		t.Errorf("reason %q", bs[0].Reason)
	}
	for _, p := range made[:5] {
		if _, err := os.Stat(p); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("old backup %s kept", p)
		}
	}
	if want := filepath.Join(filepath.Dir(s.Path()), "backups", "plans-20250601-090015.000-before_import_导入_x.db"); bs[0].Path != want {
		t.Errorf("name %s, want %s", bs[0].Path, want)
	}
	// Same instant twice: both kept.
	same := func() time.Time { return start.Add(time.Hour) }
	s.opt.Now = same
	a, err1 := s.Backup("x")
	b, err2 := s.Backup("x")
	if err1 != nil || err2 != nil || a == b {
		t.Fatalf("%s %s %v %v", a, b, err1, err2)
	}
	// Other files in the folder are not backups and are left alone.
	other := filepath.Join(filepath.Dir(a), "notes.txt")
	os.WriteFile(other, []byte("x"), 0o600)
	if _, err := s.Backup("y"); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(other); err != nil {
		t.Error("unrelated file removed")
	}
	ents, _ := os.ReadDir(filepath.Dir(a))
	for _, e := range ents {
		if strings.HasSuffix(e.Name(), ".tmp") {
			t.Errorf("temporary file %s left", e.Name())
		}
	}
}

func TestBackupKeepsContent(t *testing.T) {
	s, id := withPlan(t)
	want := load(t, s, id)
	p, err := s.Backup("check")
	if err != nil {
		t.Fatal(err)
	}
	copyPath := filepath.Join(t.TempDir(), "copy.db")
	if err := os.WriteFile(copyPath, readFile(t, p), 0o600); err != nil {
		t.Fatal(err)
	}
	c, err := Open(copyPath, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	mustEqual(t, "backup content", load(t, c, id), want)
}

func TestSaveCopy(t *testing.T) {
	s, id := withPlan(t)
	dir := t.TempDir()
	dest := filepath.Join(dir, "导出.db")
	if err := os.WriteFile(dest, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.SaveCopy(dest); err != nil {
		t.Fatal(err)
	}
	ents, _ := os.ReadDir(dir)
	if len(ents) != 1 {
		t.Errorf("files left: %v", ents)
	}
	c, err := Open(dest, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	mustEqual(t, "copy", load(t, c, id), load(t, s, id))
	if err := s.SaveCopy(s.Path()); err == nil {
		t.Error("saved a copy over the open database")
	}
	if err := s.SaveCopy(filepath.Join(dir, "missing", "x.db")); err == nil {
		t.Error("saved into a missing folder")
	}
}

func TestRestore(t *testing.T) {
	opt := &Options{Now: clock(time.Date(2025, 1, 1, 0, 0, 0, 0, time.Local)), BackupKeep: 2}
	path := filepath.Join(t.TempDir(), "plans.db")
	s, err := Open(path, opt)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.CreatePlan(samplePlan(), "x")
	if err != nil {
		t.Fatal(err)
	}
	old := load(t, s, id)
	good, err := s.Backup("manual")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Backup("manual"); err != nil {
		t.Fatal(err)
	}
	rename := func(tx *Tx) error {
		p, err := tx.Plan()
		if err != nil {
			return err
		}
		p.Name = "changed"
		return tx.PutPlan(p)
	}
	if _, err := s.Update(id, "rename", rename); err != nil {
		t.Fatal(err)
	}
	s.Close()

	// A bad backup is refused and nothing changes.
	current := readFile(t, path)
	bad := filepath.Join(t.TempDir(), "bad.db")
	os.WriteFile(bad, []byte("not a database"), 0o600)
	if _, err := Restore(path, bad, opt); !errors.Is(err, ErrCorrupt) {
		t.Fatalf("bad backup: %v", err)
	}
	if _, err := Restore(path, filepath.Join(t.TempDir(), "none.db"), opt); err == nil {
		t.Fatal("missing backup restored")
	}
	mustUnchanged(t, path, current)
	if bs, _ := ListBackups(path); len(bs) != 2 {
		t.Fatalf("backups changed: %v", bs)
	}

	// "good" is the oldest of two kept: the "restore" backup prunes it,
	// which must not break the restore.
	s, err = Restore(path, good, opt)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustEqual(t, "restored plan", load(t, s, id), old)
	bs, err := s.Backups()
	if err != nil {
		t.Fatal(err)
	}
	if len(bs) != 2 || bs[0].Reason != "restore" {
		t.Fatalf("backups %+v", bs)
	}
	if _, err := os.Stat(good); !errors.Is(err, os.ErrNotExist) {
		t.Error("rotation did not run")
	}
	replaced := filepath.Join(t.TempDir(), "replaced.db")
	os.WriteFile(replaced, readFile(t, bs[0].Path), 0o600)
	r, err := Open(replaced, nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := load(t, r, id).Plan.Name; got != "changed" {
		t.Errorf("the restore backup holds %q, want the replaced state", got)
	}
	r.Close()
}

func TestRestoreOverDamaged(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plans.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.CreatePlan(samplePlan(), "x")
	if err != nil {
		t.Fatal(err)
	}
	want := load(t, s, id)
	good, err := s.Backup("manual")
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	damaged := []byte("garbage where the database was")
	os.WriteFile(path, damaged, 0o600)
	s, err = Restore(path, good, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	mustEqual(t, "restored", load(t, s, id), want)
	bs, _ := s.Backups()
	var kept bool
	for _, b := range bs {
		if b.Reason == "restore" && string(readFile(t, b.Path)) == string(damaged) {
			kept = true
		}
	}
	if !kept {
		t.Error("the damaged file was not kept as a restore backup")
	}

	// Restoring a database that does not exist yet works too.
	fresh := filepath.Join(t.TempDir(), "sub", "new.db")
	s2, err := Restore(fresh, good, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	mustEqual(t, "restored", load(t, s2, id), want)
}

func TestDeletePlanBacksUp(t *testing.T) {
	s, id := withPlan(t)
	if _, err := s.DeletePlan(id); err != nil {
		t.Fatal(err)
	}
	bs, _ := s.Backups()
	if len(bs) != 1 || bs[0].Reason != "delete-plan" {
		t.Fatalf("backups %+v", bs)
	}
}
