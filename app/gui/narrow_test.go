package gui

import "testing"

// TestBudgetTabFitsASmallWindow: in an 800 × 600 window the right-hand
// tabs get about 520 points beside the outline. The Budget tab asked for
// far more (the profile label, list and button on one line), so the
// window's content ran off its right edge and squeezed the outline until
// its names overlapped their figures.
func TestBudgetTabFitsASmallWindow(t *testing.T) {
	u := newTestUI(t)
	if w := u.budget.content.MinSize().Width; w > 500 {
		t.Errorf("the Budget tab needs %.0f points across", w)
	}
	if w := u.tabs.MinSize().Width; w > 520 {
		t.Errorf("the tabs need %.0f points across", w)
	}
}
