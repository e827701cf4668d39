package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// TestEscapeClosesEveryDialog: Escape closes each dialog a new user meets
// (as it does the first-start, Apply and Print dialogs) and changes
// nothing; before, the rule list, the rule form, scenarios, templates,
// plan settings, units and the chart PDF dialog ignored it.
func TestEscapeClosesEveryDialog(t *testing.T) {
	u := newTestUI(t)
	rules := len(u.calc.sheet.Rules)
	plans := len(u.plans)
	unit := u.data.Units[0].ID
	for _, c := range []struct {
		name string
		open func()
	}{
		{"rules", u.calc.rulesDialog},
		{"rule form", func() { u.calc.editRule(-1, func() {}) }},
		{"scenarios", u.calc.scenarioDialog},
		{"new from template", u.templateDialog},
		{"plan settings", u.planSettingsDialog},
		{"edit unit", func() { u.editUnitDialog(unit) }},
		{"org chart PDF", u.chartPDFFromPlan},
	} {
		c.open()
		if u.win.Canvas().Overlays().Top() == nil {
			t.Fatalf("%s: no dialog", c.name)
		}
		press(u, fyne.KeyEscape)
		if top := u.win.Canvas().Overlays().Top(); top != nil {
			t.Errorf("Escape did not close the %s dialog: %q", c.name, overlayTexts(u))
			for u.win.Canvas().Overlays().Top() != nil {
				u.win.Canvas().Overlays().Top().Hide()
				u.win.Canvas().Overlays().Remove(u.win.Canvas().Overlays().Top())
			}
		}
	}
	if len(u.calc.sheet.Rules) != rules || len(u.plans) != plans {
		t.Errorf("Escape changed something: %d rules (had %d), %d plans (had %d)", len(u.calc.sheet.Rules), rules, len(u.plans), plans)
	}
}

// TestEscapeAfterClickingInADialog: clicking a template in the list, or a
// part to print, gives that widget the focus and with it every key, so
// Escape and Enter did nothing there; they still cancel and confirm.
func TestEscapeAfterClickingInADialog(t *testing.T) {
	u := newTestUI(t)
	plans := len(u.plans)
	focusFirst := func(match func(fyne.CanvasObject) bool) bool {
		found := false
		walkOverlay(u.win.Canvas(), func(o fyne.CanvasObject) {
			if f, ok := o.(fyne.Focusable); ok && !found && match(o) {
				u.win.Canvas().Focus(f)
				found = true
			}
		})
		return found
	}
	isList := func(o fyne.CanvasObject) bool { _, ok := o.(*keyList); return ok }
	isCheck := func(o fyne.CanvasObject) bool { _, ok := o.(*keyCheck); return ok }
	isSelect := func(o fyne.CanvasObject) bool { _, ok := o.(*keySelect); return ok }
	for _, c := range []struct {
		name  string
		open  func()
		match func(fyne.CanvasObject) bool
	}{
		{"template list", u.templateDialog, isList},
		{"print plan part", u.printPlanDialog, isCheck},
		{"print plan layout", u.printPlanDialog, isSelect},
		{"org chart PDF paper", u.chartPDFFromPlan, isSelect},
	} {
		c.open()
		if !focusFirst(c.match) {
			t.Fatalf("%s: nothing of the kind to click: %q", c.name, overlayTexts(u))
		}
		press(u, fyne.KeyEscape)
		if u.win.Canvas().Overlays().Top() != nil {
			t.Errorf("Escape with the %s focused did not close the dialog", c.name)
			u.win.Canvas().Overlays().Top().Hide()
		}
	}
	// Enter in the focused list creates the template chosen.
	u.templateDialog()
	focusFirst(isList)
	press(u, fyne.KeyReturn)
	if len(u.plans) != plans+1 {
		t.Errorf("Enter with the template list focused: %d plans (had %d)", len(u.plans), plans)
	}
}

// TestFileDialogIsLargeEnoughToBrowse: the file dialogs open at most of the
// window, not Fyne's smallest size, where four names showed at a time.
func TestFileDialogIsLargeEnoughToBrowse(t *testing.T) {
	u := newTestUI(t)
	u.importDialog()
	top := u.win.Canvas().Overlays().Top()
	pop, ok := top.(*widget.PopUp)
	if !ok {
		t.Fatalf("no file dialog: %T", top)
	}
	if h := pop.Content.Size().Height; h < 500 {
		t.Errorf("file dialog %.0f high in a %.0f window", h, u.win.Canvas().Size().Height)
	}
	pop.Hide()
}
