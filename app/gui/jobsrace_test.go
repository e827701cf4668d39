package gui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"github.com/xuri/excelize/v2"

	"staffplan/app/core"
	"staffplan/app/internal/apptest"
	"staffplan/data/store"
)

// realJobs gives u the window's own background runner (a goroutine per
// job) and the lock returned stands for the one UI goroutine of a real
// driver: the test driver's fyne.Do runs the function at once on the
// goroutine that calls it, so without the lock a job's result and the test
// would touch the widgets at once, which the real driver never lets happen.
// The test holds the lock whenever it acts as the user; results still go
// through fyne.Do. Run these tests with -race: what they check is that a
// job reads nothing the UI goroutine changes.
func realJobs(u *UI) *sync.Mutex {
	mu := new(sync.Mutex)
	u.background = runInBackground
	u.do = func(fn func()) {
		fyne.Do(func() {
			mu.Lock()
			defer mu.Unlock()
			fn()
		})
	}
	return mu
}

// waitUI waits, off the UI goroutine, until cond holds on it.
func waitUI(t *testing.T, mu *sync.Mutex, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second) // the race detector is slow on 2 cores
	for {
		mu.Lock()
		ok := cond()
		mu.Unlock()
		if ok {
			return
		}
		if time.Now().After(deadline) {
			t.Fatalf("waited a minute for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestExportWhileTypingADriver exports the headcount calculation while the
// user goes on typing in a driver field: the job writes the drivers as they
// were when the export started, and reads nothing the typing changes (the
// race detector fails this test if it does).
func TestExportWhileTypingADriver(t *testing.T) {
	u := newTestUI(t)
	loadRuleSet(t, u, "call-centre")
	c := u.calc
	c.entries["subscribers"].SetText("130000")
	mu := realJobs(u)
	path := filepath.Join(t.TempDir(), "calc.xlsx")

	mu.Lock()
	u.writeExport(core.ExportCalc, path, u.data, false)
	for i := 1; i <= 200; i++ { // typing while the job writes
		c.entries["subscribers"].SetText(strconv.Itoa(130000 + i))
	}
	c.save.Stop() // the drivers are not saved while the test looks at them
	mu.Unlock()

	waitUI(t, mu, "the export's message", func() bool { return strings.Contains(overlayText(u.win.Canvas()), "Saved to") })
	for _, d := range c.sheet.Drivers {
		if d.Key == "subscribers" && d.Value != 130200 {
			t.Errorf("the field's driver is %v after typing, want 130200", d.Value)
		}
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatal(err)
	}
	text := workbookText(t, path)
	if !strings.Contains(text, "130000") || strings.Contains(text, "130200") {
		t.Errorf("the export holds the drivers typed after it started:\n%s", text)
	}
}

// TestOpenDatabaseWhileAnImportIsStoredRace: the user confirms an import
// and, while the real background job stores it, opens another database.
// Whether the job's transaction ran before the old file was closed or
// found it closed, its result is dropped: no undo step in the new
// database's history, no error dialog, a note in the status line.
func TestOpenDatabaseWhileAnImportIsStoredRace(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "新员工.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"N1", "牛一", "生产部", "操作工", "2023-02-01", ""}})
	mu := realJobs(u)
	mu.Lock()
	u.ImportFiles([]string{file})
	mu.Unlock()
	waitUI(t, mu, "the preview", func() bool { return u.pendingImport != nil })

	other, otherPlan := otherDatabase(t)
	before := peopleIn(t, other, otherPlan)
	mu.Lock()
	u.ConfirmPendingImport()
	u.SwitchStore(other) // File › Open database, while the import is stored
	mu.Unlock()
	waitUI(t, mu, "the note that the import was dropped", func() bool { return strings.Contains(u.status.Text, "no longer open") })
	mu.Lock()
	defer mu.Unlock()
	if u.hist.CanUndo() {
		t.Errorf("the new database's history has %q", u.hist.UndoLabel())
	}
	if n := peopleIn(t, other, otherPlan); n != before {
		t.Errorf("the new database's plan has %d people, had %d", n, before)
	}
	if msg := overlayText(u.win.Canvas()); msg != "" {
		t.Errorf("a dialog over the new database: %q", msg)
	}
}

// workbookText is every cell of a workbook, raw values, one row a line.
func workbookText(t *testing.T, path string) string {
	t.Helper()
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var b strings.Builder
	for _, sh := range f.GetSheetList() {
		rows, err := f.GetRows(sh, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			b.WriteString(strings.Join(r, "\t") + "\n")
		}
	}
	return b.String()
}

// TestSaveCopyWhileEditing saves a copy of the database in the background
// while the user goes on editing: the copy is a whole database, and the
// edit is stored in the open one.
func TestSaveCopyWhileEditing(t *testing.T) {
	u := newTestUI(t)
	mu := realJobs(u)
	path := filepath.Join(t.TempDir(), "copy.db")
	sup := u.postByTitle(t, "生产部主管").ID
	mu.Lock()
	u.saveCopy(path)
	u.outline.selected(postUID(sup))
	u.editor.planned.SetText("4")
	saved := u.editor.Save()
	mu.Unlock()
	if !saved {
		t.Fatal(u.editor.message.Text)
	}
	waitUI(t, mu, "the message that the copy is saved", func() bool {
		return strings.Contains(overlayText(u.win.Canvas()), "A copy of the database was saved")
	})
	cp, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	d, err := cp.LoadPlan(u.planID)
	if err != nil {
		t.Fatal(err)
	}
	if len(d.People) != len(u.data.People) || len(d.Positions) != len(u.data.Positions) {
		t.Errorf("the copy has %d people and %d posts, the plan %d and %d", len(d.People), len(d.Positions), len(u.data.People), len(u.data.Positions))
	}
	now, err := u.st.LoadPlan(u.planID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range now.Positions {
		if p.ID == sup && p.Planned != 4 {
			t.Errorf("the edit made during the copy is not stored: planned %v", p.Planned)
		}
	}
}
