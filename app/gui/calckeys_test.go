package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"staffplan/app/internal/apptest"
)

// tapFirstRadio picks the first rule set in the Load rules drop-down as
// the mouse does: a click focuses the drop-down, then the choice is made
// from its menu.
func tapFirstRadio(t *testing.T, u *UI) *keySelect {
	t.Helper()
	var group *keySelect
	walkOverlay(u.win.Canvas(), func(o fyne.CanvasObject) {
		if g, ok := o.(*keySelect); ok && group == nil {
			group = g
		}
	})
	if group == nil {
		t.Fatalf("no choice in the dialog: %q", overlayTexts(u))
	}
	u.win.Canvas().Focus(group)
	group.SetSelectedIndex(0)
	return group
}

func TestLoadRulesDialogEnterLoadsEscapeCancels(t *testing.T) {
	u := newTestUI(t)
	c := u.calc
	c.loadDialog()
	press(u, fyne.KeyEscape)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the Load rules dialog")
	}
	c.loadDialog()
	group := tapFirstRadio(t, u)
	if group.Selected == "" {
		t.Fatal("tapping a rule set did not choose it")
	}
	press(u, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Enter did not load the chosen rule set")
	}
	if len(c.sheet.Rules) == 0 {
		t.Fatalf("Enter closed the dialog but loaded no rules (%q)", group.Selected)
	}
}

func TestApplyDialogEscapeCancels(t *testing.T) {
	u := newTestUI(t)
	c := u.calc
	c.loadDialog()
	tapFirstRadio(t, u)
	press(u, fyne.KeyReturn)
	planned := u.data.Plan
	c.applyDialog()
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no Apply dialog")
	}
	press(u, fyne.KeyEscape)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the Apply dialog")
	}
	if u.data.Plan != planned {
		t.Error("Escape changed the plan")
	}
}

func TestApplyWithoutRulesSaysThereAreNone(t *testing.T) {
	u := newTestUI(t)
	if !u.calc.applyBtn.Disabled() {
		t.Error("Apply to plan… is enabled in a plan without rules")
	}
	u.calc.applyDialog()
	texts := overlayTexts(u)
	for _, s := range texts {
		if s == "The planned headcount already matches the rules." {
			t.Fatalf("with no rules the Apply dialog claims the plan matches them: %q", texts)
		}
	}
}

// TestFirstStartComesBackWhenTheChoiceIsCancelled: a new user who opens
// "Start with an empty plan…" or "Import my roster…" and cancels must not
// be left in a window with no plan and nothing saying how to begin.
func TestFirstStartComesBackWhenTheChoiceIsCancelled(t *testing.T) {
	for _, choice := range []string{"Start with an empty plan…", "Import my roster or staffing table…"} {
		u := newEmptyUI(t)
		tapButton(t, u.win.Canvas(), choice)
		if u.firstStart != nil {
			t.Fatalf("%s: the choice is still up", choice)
		}
		tapButton(t, u.win.Canvas(), "Cancel")
		if u.firstStart == nil || u.win.Canvas().Overlays().Top() == nil {
			t.Errorf("%s, then cancel: the window shows no plan and no first-start choice", choice)
		}
		if len(u.plans) != 0 {
			t.Errorf("%s, then cancel: %d plans", choice, len(u.plans))
		}
	}
}

func TestEscapeWhileTypingCancelsTheNewPlanDialog(t *testing.T) {
	u := newEmptyUI(t)
	tapButton(t, u.win.Canvas(), "Start with an empty plan…")
	name, ok := u.win.Canvas().Focused().(fyne.Tappable)
	if !ok || name == nil {
		t.Fatalf("the plan name is not focused: %T", u.win.Canvas().Focused())
	}
	test.Type(u.win.Canvas().Focused(), "半")
	press(u, fyne.KeyEscape)
	if len(u.plans) != 0 {
		t.Fatalf("Escape created a plan: %v", u.plans)
	}
	if u.firstStart == nil {
		t.Error("Escape in the plan name did not cancel the New plan dialog back to the first-start choice")
	}
}

// TestUnsavedChangesEscapeKeepsEditing: Escape in "Save the changes?"
// goes back to the form with the typing kept, neither saving nor
// discarding, and the thing that asked (quit, another post) does not
// happen.
func TestUnsavedChangesEscapeKeepsEditing(t *testing.T) {
	u := newTestUI(t)
	e := u.editor
	e.load(u.postByTitle(t, "出纳").ID)
	e.planned.SetText("3")
	went := false
	e.confirmLeave(func() { went = true })
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no question about the unsaved changes")
	}
	if !strings.Contains(buttonTexts(u), "Keep editing") {
		t.Errorf("the question offers no way back to the form: %q", buttonTexts(u))
	}
	press(u, fyne.KeyEscape)
	if went {
		t.Fatal("Escape left the form")
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not close the question")
	}
	if !e.dirty || e.planned.Text != "3" {
		t.Errorf("Escape lost the typing: dirty %v, 编制 %q", e.dirty, e.planned.Text)
	}
	if p := u.postByTitle(t, "出纳"); p.Planned == 3 {
		t.Error("Escape saved the post")
	}
}

func TestEscapeCancelsTheImportPreview(t *testing.T) {
	u := newTestUI(t)
	people := len(u.data.People)
	path := filepath.Join(t.TempDir(), "花名册.xlsx")
	apptest.WriteRoster(t, path, [][]any{{"H001", "甲一", "生产部", "操作工", "2024-03-01", "x"}})
	u.ImportFiles([]string{path})
	if u.pendingImport == nil {
		t.Fatalf("no preview: %q", overlayTexts(u))
	}
	press(u, fyne.KeyEscape)
	if u.pendingImport != nil || u.win.Canvas().Overlays().Top() != nil {
		t.Fatal("Escape did not cancel the import preview")
	}
	if len(u.plans) != 1 || len(u.data.People) != people {
		t.Errorf("Escape imported: %d plans, %d people (had %d)", len(u.plans), len(u.data.People), people)
	}
}
