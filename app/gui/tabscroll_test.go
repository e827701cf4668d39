package gui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// TestTabScrollsTheFormToTheFocusedField: going through the position form
// with Tab in a small window, the form scrolls so the field that has the
// focus is on screen (the driver moves the focus but never the scroll),
// and back up again with Shift+Tab.
func TestTabScrollsTheFormToTheFocusedField(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(800, 600))
	showPost(t, u, "行政人事部经理")
	e := u.editor
	far := e.pay.turnover
	if visibleIn(e.formScroll, far) {
		t.Fatal("the form fits without scrolling; the test needs a taller form")
	}
	u.win.Canvas().Focus(far)
	if !visibleIn(e.formScroll, far) {
		t.Errorf("focused field below the fold not scrolled to (offset %v)", e.formScroll.Offset)
	}
	u.win.Canvas().Focus(e.title)
	if !visibleIn(e.formScroll, e.title) || e.formScroll.Offset.Y != 0 {
		t.Errorf("back at the name: not scrolled up (offset %v)", e.formScroll.Offset)
	}
}
