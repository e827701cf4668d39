package export

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"staffplan/data/internal/testenv"
)

// entries lists a folder, so a test can see that no temporary file is left.
func entries(t *testing.T, dir string) []string {
	t.Helper()
	es, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range es {
		names = append(names, e.Name())
	}
	return names
}

func TestWriteFileAtomicFailsMidway(t *testing.T) {
	dir := t.TempDir()
	target := filepath.Join(dir, "康飞塑业_花名册.xlsx")
	boom := errors.New("disk on fire")
	failing := func(w io.Writer) error {
		if _, err := w.Write(bytes.Repeat([]byte("PK half a workbook "), 1000)); err != nil {
			return err
		}
		return boom
	}

	// No file before: none after.
	if err := WriteFileAtomic(target, failing); !errors.Is(err, boom) {
		t.Fatalf("err %v, want %v", err, boom)
	}
	if got := entries(t, dir); len(got) != 0 {
		t.Fatalf("left behind: %v", got)
	}

	// An earlier export stays as it was.
	if err := WriteFileAtomic(target, func(w io.Writer) error { _, err := io.WriteString(w, "good"); return err }); err != nil {
		t.Fatal(err)
	}
	if err := WriteFileAtomic(target, failing); !errors.Is(err, boom) {
		t.Fatalf("err %v, want %v", err, boom)
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "good" {
		t.Fatalf("target now %q, %v", b, err)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Fatalf("folder holds %v, want only the target", got)
	}
	if runtime.GOOS != "windows" {
		fi, err := os.Stat(target)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode().Perm() != 0o644 {
			t.Errorf("mode %v, want 0644 like any saved document", fi.Mode().Perm())
		}
	}
}

func TestWriteFileAtomicReadOnlyFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Windows ignores the read-only bit on folders")
	}
	// os.TempDir rather than t.TempDir: the unprivileged user below must be
	// able to reach the folder.
	dir, err := os.MkdirTemp("", "export-ro-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.Chmod(dir, 0o755); os.RemoveAll(dir) })
	target := filepath.Join(dir, "staffing.xlsx")
	if err := os.WriteFile(target, []byte("old"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o555); err != nil {
		t.Fatal(err)
	}
	called := false
	err = testenv.AsUnprivileged(t, func() error {
		return WriteFileAtomic(target, func(w io.Writer) error { called = true; _, err := io.WriteString(w, "new"); return err })
	})
	if !errors.Is(err, fs.ErrPermission) {
		t.Fatalf("err %v, want a permission error", err)
	}
	if called {
		t.Error("write ran although no temporary file could be made")
	}
	if b, err := os.ReadFile(target); err != nil || string(b) != "old" {
		t.Fatalf("target now %q, %v", b, err)
	}
	if got := entries(t, dir); len(got) != 1 {
		t.Fatalf("folder holds %v", got)
	}
}
