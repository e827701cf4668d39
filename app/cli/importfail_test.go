package cli

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"staffplan/app/core"
	"staffplan/app/internal/apptest"
)

// TestCLIImportPanicIsAMessage: `staffplan import` with a reader that
// panics exits 1 with a message naming the file, and no stack trace.
func TestCLIImportPanicIsAMessage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	before, _ := os.ReadFile(db)
	file := filepath.Join(dir, "坏花名册.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"P1", "潘一", "生产部", "操作工", "2023-02-01", ""}})
	apptest.PanickingReader(t)
	code, _, errs := run(t, "--lang", "en", "import", file, "--db", db)
	if code != core.ExitUser || !strings.Contains(errs, "坏花名册.xlsx") || !strings.Contains(errs, "index out of range") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if strings.Contains(errs, "goroutine") || strings.Contains(errs, ".go:") {
		t.Errorf("stderr shows a stack trace: %q", errs)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("the database changed")
	}
}

// TestCLIImportSameFileTwice: the second import of an unchanged file
// changes nothing, says so, and exits 0 (it panicked on a nil change).
func TestCLIImportSameFileTwice(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.db")
	file := filepath.Join(dir, "花名册.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"A001", "王一", "生产部", "班组长", "2019-03-01", ""}})
	if code, _, errs := run(t, "--lang", "en", "import", file, "--db", db); code != 0 {
		t.Fatalf("first import: %d %s", code, errs)
	}
	before, _ := os.ReadFile(db)
	code, out, errs := run(t, "--lang", "en", "import", file, "--db", db)
	if code != 0 || !strings.Contains(out, "1 unchanged") || !strings.Contains(out, "Nothing to change") {
		t.Errorf("second import: exit %d, out %q, err %q", code, out, errs)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("the second import changed the database")
	}
}

// TestCLIImportDamagedFileChangesNothing: a roster with one byte flipped
// inside its compressed sheet is refused as damaged, exit 1, and the
// database is as it was (it imported the rows before the damage).
func TestCLIImportDamagedFileChangesNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	before, _ := os.ReadFile(db)
	file := filepath.Join(dir, "roster10k.xlsx")
	var rows [][]any
	for i := 0; i < 3000; i++ {
		rows = append(rows, []any{fmt.Sprintf("D%05d", i), fmt.Sprintf("员工%d", i), "生产部", "操作工", "2023-02-01", ""})
	}
	apptest.WriteRoster(t, file, rows)
	b, _ := os.ReadFile(file)
	zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		if strings.HasPrefix(f.Name, "xl/worksheets/") {
			off, _ := f.DataOffset()
			b[off+int64(f.CompressedSize64)*3/4] ^= 0x01
		}
	}
	writeBytes(t, file, b)
	code, _, errs := run(t, "--lang", "en", "import", file, "--db", db)
	if code != core.ExitUser || !strings.Contains(errs, "roster10k.xlsx is damaged") {
		t.Errorf("exit %d, stderr %q", code, errs)
	}
	if after, _ := os.ReadFile(db); string(after) != string(before) {
		t.Error("the database changed")
	}
}

func writeBytes(t *testing.T, path string, b []byte) {
	t.Helper()
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}
