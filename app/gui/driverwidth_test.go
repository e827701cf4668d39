package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestDriverEntriesWideEnoughForTheirValue: the calculator's driver fields
// keep room for a value such as 12000 beside long labels ("Management
// staff now (people)"); they were squeezed to about three digits.
func TestDriverEntriesWideEnoughForTheirValue(t *testing.T) {
	u := newTestUI(t)
	c := u.calc
	c.loadDialog()
	tapFirstRadio(t, u)
	press(u, fyne.KeyReturn)
	u.tabs.Select(u.calcTab)
	if len(c.entries) == 0 {
		t.Fatal("no drivers loaded")
	}
	u.win.Resize(fyne.NewSize(1100, 700))
	for key, e := range c.entries {
		if w := e.Size().Width; w < 80 {
			t.Errorf("driver %s: entry %.0f wide", key, w)
		}
	}
}
