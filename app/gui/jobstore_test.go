package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"staffplan/app/internal/apptest"
	"staffplan/data/model"
	"staffplan/data/store"
)

// heldJobs replaces the background runner with one that keeps each job
// until release runs it, so a test can do what the user does while a job
// is under way.
func heldJobs(u *UI) (release func()) {
	var held []func()
	u.background = func(work func()) { held = append(held, work) }
	return func() {
		for len(held) > 0 {
			w := held[0]
			held = held[1:]
			w()
		}
	}
}

// otherDatabase is a second database with a sample plan, as File › Open
// database opens it.
func otherDatabase(t *testing.T) (*store.Store, model.ID) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "other.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, err := seedSample(st)
	if err != nil {
		t.Fatal(err)
	}
	return st, id
}

// peopleIn counts the people of a plan as stored.
func peopleIn(t *testing.T, st *store.Store, id model.ID) int {
	t.Helper()
	d, err := st.LoadPlan(id)
	if err != nil {
		t.Fatal(err)
	}
	return len(d.People)
}

// TestOpenDatabaseWhileAnImportIsReadDropsIt: a roster is dropped on the
// window, and while it is being read the user opens another database. The
// preview made for the old plan is not shown over the new database, so it
// cannot be imported into it nor leave an undo step in its history; the
// status line says why nothing came of the drop.
func TestOpenDatabaseWhileAnImportIsReadDropsIt(t *testing.T) {
	u := newTestUI(t)
	release := heldJobs(u)
	file := filepath.Join(t.TempDir(), "新员工.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"N1", "牛一", "生产部", "操作工", "2023-02-01", ""}})
	u.ImportFiles([]string{file})

	other, otherPlan := otherDatabase(t)
	before := peopleIn(t, other, otherPlan)
	u.SwitchStore(other) // what File › Open database does once the file is open
	release()
	if u.pendingImport != nil {
		// What the user would do with a preview on screen: press Enter.
		u.ConfirmPendingImport()
		release()
		t.Error("the preview of the old plan's import was shown over the new database")
	}
	if u.hist.CanUndo() {
		t.Errorf("the new database's history has %q", u.hist.UndoLabel())
	}
	if n := peopleIn(t, other, otherPlan); n != before {
		t.Errorf("the new database's plan has %d people, had %d", n, before)
	}
	if !strings.Contains(u.status.Text, "新员工.xlsx") || !strings.Contains(u.status.Text, "no longer open") {
		t.Errorf("status %q does not say the import was dropped", u.status.Text)
	}
}

// TestOpenDatabaseWhileAnImportIsStoredDropsItsResult: the user confirms
// an import and opens another database before it is stored. The import
// does not become an undo step of the new database, no error about the
// closed file is shown, and the status line says what became of it.
func TestOpenDatabaseWhileAnImportIsStoredDropsItsResult(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "新员工.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"N1", "牛一", "生产部", "操作工", "2023-02-01", ""}})
	u.ImportFiles([]string{file})
	if u.pendingImport == nil {
		t.Fatal("no preview")
	}
	release := heldJobs(u)
	u.ConfirmPendingImport()

	other, otherPlan := otherDatabase(t)
	before := peopleIn(t, other, otherPlan)
	u.SwitchStore(other)
	release()
	if u.hist.CanUndo() {
		t.Errorf("the new database's history has %q", u.hist.UndoLabel())
	}
	if n := peopleIn(t, other, otherPlan); n != before {
		t.Errorf("the new database's plan has %d people, had %d", n, before)
	}
	if msg := overlayText(u.win.Canvas()); msg != "" {
		t.Errorf("a dialog over the new database: %q", msg)
	}
	if !strings.Contains(u.status.Text, "新员工.xlsx") || !strings.Contains(u.status.Text, "no longer open") {
		t.Errorf("status %q does not say the import was dropped", u.status.Text)
	}
}

// TestOpenDatabaseWhileANewPlanIsStoredDropsIt: File › New plan, then
// File › Open database before the plan is stored: the new database does
// not get the old one's undo step, nor an error about the closed file.
func TestOpenDatabaseWhileANewPlanIsStoredDropsIt(t *testing.T) {
	u := newTestUI(t)
	release := heldJobs(u)
	u.createPlan(&model.PlanData{Plan: model.Plan{Name: "新计划", Organisation: "新计划"},
		Units: []model.Unit{{ID: 1, Name: "新计划", Kind: model.UnitCompany}}}, "new plan “新计划”")
	other, _ := otherDatabase(t)
	plans, _ := other.Plans()
	u.SwitchStore(other)
	release()
	if u.hist.CanUndo() {
		t.Errorf("the new database's history has %q", u.hist.UndoLabel())
	}
	if now, _ := other.Plans(); len(now) != len(plans) {
		t.Errorf("the new database has %d plans, had %d", len(now), len(plans))
	}
	if msg := overlayText(u.win.Canvas()); msg != "" {
		t.Errorf("a dialog over the new database: %q", msg)
	}
	if !strings.Contains(u.status.Text, "新计划") || !strings.Contains(u.status.Text, "no longer open") {
		t.Errorf("status %q does not say the new plan was dropped", u.status.Text)
	}
}

// TestOpenDatabaseUnderAnImportPreviewDropsIt: with an import's preview on
// screen the user opens another database (Ctrl+O works over the preview),
// then presses Enter. The preview was made against the old plan: nothing
// is imported into the new database and its history stays empty.
func TestOpenDatabaseUnderAnImportPreviewDropsIt(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "新员工.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"N1", "牛一", "生产部", "操作工", "2023-02-01", ""}})
	u.ImportFiles([]string{file})
	if u.pendingImport == nil {
		t.Fatal("no preview")
	}
	other, otherPlan := otherDatabase(t)
	before := peopleIn(t, other, otherPlan)
	u.SwitchStore(other)
	u.ConfirmPendingImport()
	if u.hist.CanUndo() {
		t.Errorf("the new database's history has %q", u.hist.UndoLabel())
	}
	if n := peopleIn(t, other, otherPlan); n != before {
		t.Errorf("the new database's plan has %d people, had %d", n, before)
	}
	if !strings.Contains(u.status.Text, "新员工.xlsx") || !strings.Contains(u.status.Text, "no longer open") {
		t.Errorf("status %q does not say the import was dropped", u.status.Text)
	}
}
