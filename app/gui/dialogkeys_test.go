package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// closeOverlays hides every dialog a failed check left open.
func closeOverlays(u *UI) {
	for top := u.win.Canvas().Overlays().Top(); top != nil; top = u.win.Canvas().Overlays().Top() {
		top.Hide()
		u.win.Canvas().Overlays().Remove(top)
	}
}

// dialogChoices lists what in the dialog on top a click can focus, buttons
// and text fields aside.
func dialogChoices(u *UI) []fyne.Focusable {
	var out []fyne.Focusable
	walkOverlay(u.win.Canvas(), func(o fyne.CanvasObject) {
		switch o.(type) {
		case *widget.Button, *widget.Entry, *dialogEntry:
			return
		}
		if f, ok := o.(fyne.Focusable); ok {
			out = append(out, f)
		}
	})
	return out
}

// TestEscapeAfterClickingAChoice: clicking a choice in a dialog (paper A3,
// landscape, a chart layout, a rule set to load) focused a radio button,
// which swallowed Enter and Escape, so the dialog could no longer be
// cancelled or confirmed from the keyboard.
func TestEscapeAfterClickingAChoice(t *testing.T) {
	u := newTestUI(t)
	for _, c := range []struct {
		name string
		open func()
	}{
		{"print plan", u.printPlanDialog},
		{"org chart PDF", u.chartPDFFromPlan},
		{"load rules", u.calc.loadDialog},
	} {
		for i := 0; ; i++ {
			c.open()
			fs := dialogChoices(u)
			if i == 0 && len(fs) == 0 {
				t.Fatalf("%s: nothing to click", c.name)
			}
			if i >= len(fs) {
				closeOverlays(u)
				break
			}
			u.win.Canvas().Focus(fs[i])
			press(u, fyne.KeyEscape)
			if u.win.Canvas().Overlays().Top() != nil {
				t.Errorf("%s: Escape with %T #%d focused did not close the dialog", c.name, fs[i], i)
				closeOverlays(u)
			}
		}
	}
	// Enter with the chosen rule set focused loads it.
	u.calc.loadDialog()
	sel := findInDialog[*keySelect](t, u.win.Canvas())
	if len(sel) != 1 {
		t.Fatalf("Load rules: %d drop-downs", len(sel))
	}
	u.win.Canvas().Focus(sel[0])
	sel[0].SetSelectedIndex(0)
	u.win.Canvas().Focus(sel[0])
	press(u, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil || len(u.calc.sheet.Rules) == 0 {
		t.Errorf("Enter with the rule set focused: dialog open %v, %d rules", u.win.Canvas().Overlays().Top() != nil, len(u.calc.sheet.Rules))
	}
}

// TestEscapeWhileTypingInAFormDialog: Escape while typing in a one-line
// field of a form dialog closes it without saving; Fyne's entry ignored
// Escape, so the user had to reach for the mouse.
func TestEscapeWhileTypingInAFormDialog(t *testing.T) {
	u := newTestUI(t)
	plan := u.data.Plan
	units := len(u.data.Units)
	unit := u.data.Units[0]
	rules, drivers := len(u.calc.sheet.Rules), len(u.calc.sheet.Drivers)
	for _, c := range []struct {
		name string
		open func()
	}{
		{"plan settings", u.planSettingsDialog},
		{"add unit", u.addUnitDialog},
		{"edit unit", func() { u.editUnitDialog(unit.ID) }},
		{"rule form", func() { u.calc.editRule(-1, func() {}) }},
		{"add driver", u.calc.addDriverDialog},
	} {
		for i := 0; ; i++ {
			c.open()
			var fields []fyne.Focusable
			walkOverlay(u.win.Canvas(), func(o fyne.CanvasObject) {
				switch e := o.(type) {
				case *widget.Entry:
					if !e.MultiLine && e.Visible() {
						fields = append(fields, e)
					}
				case *dialogEntry:
					if !e.MultiLine && e.Visible() {
						fields = append(fields, e)
					}
				}
			})
			if i == 0 && len(fields) == 0 {
				t.Fatalf("%s: no field", c.name)
			}
			if i >= len(fields) {
				closeOverlays(u)
				break
			}
			u.win.Canvas().Focus(fields[i])
			test.Type(fields[i], "x")
			press(u, fyne.KeyEscape)
			if u.win.Canvas().Overlays().Top() != nil {
				t.Errorf("%s: Escape while typing in field #%d did not close the dialog", c.name, i)
				closeOverlays(u)
			}
		}
	}
	if u.data.Plan.Name != plan.Name || u.data.Plan.Organisation != plan.Organisation || len(u.data.Units) != units ||
		u.data.Units[0].Name != unit.Name || len(u.calc.sheet.Rules) != rules || len(u.calc.sheet.Drivers) != drivers {
		t.Error("Escape saved something")
	}
}
