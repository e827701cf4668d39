package app

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"staffplan/data/importer"
	"staffplan/data/store"
)

// panickingReader stands in for the workbook reader for one test: it
// panics as a reader with a bug would.
func panickingReader(t *testing.T) {
	t.Helper()
	readWorkbook = func(context.Context, string, *importer.Options) (*importer.Workbook, error) {
		var rows [][]string
		_ = rows[len(rows)] // index out of range, as a reader with a bug would
		return nil, nil
	}
	t.Cleanup(func() { readWorkbook = importer.Read })
}

// overlayText is the text of every label in the topmost dialog.
func overlayText(c fyne.Canvas) string {
	var b strings.Builder
	walkOverlay(c, func(o fyne.CanvasObject) {
		switch w := o.(type) {
		case *widget.Label:
			b.WriteString(w.Text + "\n")
		case *widget.RichText:
			b.WriteString(w.String() + "\n")
		}
	})
	return b.String()
}

// TestImportWithAPanickingReaderShowsAMessage drops a file on the window
// while the reader panics: the window shows a message naming the file,
// the plan is unchanged, and the next import works.
func TestImportWithAPanickingReaderShowsAMessage(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "坏花名册.xlsx")
	writeRoster(t, file, [][]any{{"P1", "潘一", "生产部", "操作工", "2023-02-01", ""}})
	people := len(u.data.People)
	panickingReader(t)
	u.ImportFiles([]string{file})
	if u.pendingImport != nil {
		t.Fatal("a preview after the reader panicked")
	}
	msg := overlayText(u.win.Canvas())
	if !strings.Contains(msg, "坏花名册.xlsx") || !strings.Contains(msg, "index out of range") || !strings.Contains(msg, "Nothing was changed") {
		t.Errorf("message %q does not name the file and the cause", msg)
	}
	if len(u.data.People) != people {
		t.Errorf("people %d, want %d", len(u.data.People), people)
	}
	readWorkbook = importer.Read
	u.ImportFiles([]string{file})
	if u.pendingImport == nil {
		t.Fatal("the window does not import after the panic")
	}
}

// TestBackgroundJobPanicIsReported runs a job that panics on a real
// goroutine, as the window does: it is reported, not fatal.
func TestBackgroundJobPanicIsReported(t *testing.T) {
	u := newTestUI(t)
	u.background = func(work func()) { go work() }
	got := make(chan error, 1)
	u.run(func() { panic("job broke") }, internalError, func(err error) { got <- err })
	select {
	case err := <-got:
		if msg := ErrText(err); !strings.Contains(msg, "job broke") || strings.Contains(msg, "goroutine") {
			t.Errorf("message %q", msg)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the failed handler was not called")
	}
}

// TestRestorePanicReopensTheDatabase: a restore that panics after the
// database was closed reopens it and says so.
func TestRestorePanicReopensTheDatabase(t *testing.T) {
	u := newTestUI(t)
	path := u.st.Path()
	restoreStore = func(string, string) (*store.Store, error) { panic("restore broke") }
	t.Cleanup(func() { restoreStore = func(p, b string) (*store.Store, error) { return store.Restore(p, b, nil) } })
	u.restore(filepath.Join(t.TempDir(), "none.db"))
	if u.st == nil || u.st.Path() != path {
		t.Fatal("the database was not reopened")
	}
	if _, err := u.st.Plans(); err != nil {
		t.Fatalf("the reopened database: %v", err)
	}
	t.Cleanup(func() { u.st.Close() })
	if msg := overlayText(u.win.Canvas()); !strings.Contains(msg, "restore broke") {
		t.Errorf("message %q", msg)
	}
}

// TestCLIImportPanicIsAMessage: `staffplan import` with a reader that
// panics exits 1 with a message naming the file, and no stack trace.
func TestCLIImportPanicIsAMessage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	before, _ := os.ReadFile(db)
	file := filepath.Join(dir, "坏花名册.xlsx")
	writeRoster(t, file, [][]any{{"P1", "潘一", "生产部", "操作工", "2023-02-01", ""}})
	panickingReader(t)
	code, _, errs := run(t, "--lang", "en", "import", file, "--db", db)
	if code != ExitUser || !strings.Contains(errs, "坏花名册.xlsx") || !strings.Contains(errs, "index out of range") {
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
	writeRoster(t, file, [][]any{{"A001", "王一", "生产部", "班组长", "2019-03-01", ""}})
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
	writeRoster(t, file, rows)
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
	if code != ExitUser || !strings.Contains(errs, "roster10k.xlsx is damaged") {
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

// TestMappingChangePanicBlocksTheImport: a change of the mapping that
// panics is shown in the preview, and the preview from before the change
// can no longer be imported.
func TestMappingChangePanicBlocksTheImport(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "r.xlsx")
	writeRoster(t, file, [][]any{{"M1", "马一", "生产部", "操作工", "2023-02-01", ""}})
	people := len(u.data.People)
	u.ImportFiles([]string{file})
	ip := u.pendingImport
	if ip == nil {
		t.Fatal("no preview")
	}
	ip.change(func() { panic("mapping broke") })
	if !strings.Contains(ip.problems.Text, "mapping broke") || !strings.Contains(ip.problems.Text, "r.xlsx") {
		t.Errorf("problems %q", ip.problems.Text)
	}
	u.ConfirmPendingImport()
	if len(u.data.People) != people {
		t.Errorf("imported after the failed change: %d people, want %d", len(u.data.People), people)
	}
}

// TestShowingAJobsResultRecovers: a panic while a job's result is shown
// on the UI goroutine is reported the same way.
func TestShowingAJobsResultRecovers(t *testing.T) {
	newTestUI(t)
	got := make(chan error, 1)
	onUI(func() { panic("showing broke") }, internalError, func(err error) { got <- err })
	select {
	case err := <-got:
		if !strings.Contains(ErrText(err), "showing broke") {
			t.Errorf("message %q", ErrText(err))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the failed handler was not called")
	}
}
