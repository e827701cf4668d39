package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"staffplan/data/internal/testenv"
)

// roDir makes a folder the unprivileged test user can read but not write;
// os.MkdirTemp rather than t.TempDir so that user can reach it.
func roDir(t *testing.T) string {
	t.Helper()
	if runtime.GOOS == "windows" {
		t.Skip("Windows ignores the read-only bit on folders")
	}
	dir, err := os.MkdirTemp("", "store-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
	return dir
}

func TestSaveCopyIntoReadOnlyFolderLeavesNothing(t *testing.T) {
	s, _ := withPlan(t)
	dir := roDir(t)
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	err := testenv.AsUnprivileged(t, func() error { return s.SaveCopy(filepath.Join(dir, "copy.db")) })
	if !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("err %v, want a permission error", err)
	}
	if es, _ := os.ReadDir(dir); len(es) != 0 {
		t.Errorf("the folder holds %v", es)
	}
}

// A bulk change whose backup cannot be written does not happen.
func TestBackupFailureStopsTheBulkChange(t *testing.T) {
	dir := roDir(t)
	path := filepath.Join(dir, "plans.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if _, _, err := s.CreatePlan(samplePlan(), "newplan"); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(dir, "backups"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Join(dir, "backups"), 0o555); err != nil {
		t.Fatal(err)
	}
	os.Chmod(path, 0o666) // the unprivileged user may still write the database itself
	os.Chmod(dir, 0o777)
	before, _ := s.Plans()
	err = testenv.AsUnprivileged(t, func() error {
		_, _, err := s.CreatePlan(samplePlan(), "import")
		return err
	})
	if err == nil {
		t.Fatal("a bulk change went ahead without its backup")
	}
	after, _ := s.Plans()
	if len(after) != len(before) {
		t.Errorf("plans %d → %d although the backup failed", len(before), len(after))
	}
	if es, _ := os.ReadDir(filepath.Join(dir, "backups")); len(es) != 0 {
		t.Errorf("a half backup was left: %v", es)
	}
}
