package gui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/app/internal/apptest"
	"staffplan/data/importer"
	"staffplan/data/store"
)

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
	apptest.WriteRoster(t, file, [][]any{{"P1", "潘一", "生产部", "操作工", "2023-02-01", ""}})
	people := len(u.data.People)
	apptest.PanickingReader(t)
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
	core.ReadWorkbook = importer.Read
	u.ImportFiles([]string{file})
	if u.pendingImport == nil {
		t.Fatal("the window does not import after the panic")
	}
}

// TestBackgroundJobPanicIsReported runs a job that panics on a real
// goroutine, as the window does: it is reported, not fatal.
func TestBackgroundJobPanicIsReported(t *testing.T) {
	u := newTestUI(t)
	u.background = runInBackground
	got := make(chan error, 1)
	u.newJob("test", nil, core.InternalError, func(err error) { got <- err }).run(func() { panic("job broke") })
	select {
	case err := <-got:
		if msg := core.ErrText(err); !strings.Contains(msg, "job broke") || strings.Contains(msg, "goroutine") {
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

// TestMappingChangePanicBlocksTheImport: a change of the mapping that
// panics is shown in the preview, and the preview from before the change
// can no longer be imported.
func TestMappingChangePanicBlocksTheImport(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "r.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"M1", "马一", "生产部", "操作工", "2023-02-01", ""}})
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
	u := newTestUI(t)
	got := make(chan error, 1)
	u.newJob("test", nil, core.InternalError, func(err error) { got <- err }).show(func() { panic("showing broke") })
	select {
	case err := <-got:
		if !strings.Contains(core.ErrText(err), "showing broke") {
			t.Errorf("message %q", core.ErrText(err))
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the failed handler was not called")
	}
}
