package gui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

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

// TestBudgetHeadingsFit: every heading of the Budget tab's tables is
// shown whole at the columns' width, as "Planned before" and 编制执行率
// were not (cut to "Planned bef…", "编制执…").
func TestBudgetHeadingsFit(t *testing.T) {
	u := newTestUI(t)
	u.tabs.Select(u.budgetTab)
	b := u.budget
	tabs := b.content.(*container.AppTabs)
	for i, cols := range [][]string{costCols(), projCols(), cmpCols()} {
		tabs.SelectIndex(i)
		table := []*widget.Table{b.costTable, b.projTable, b.cmpTable}[i]
		table.Resize(fyne.NewSize(2000, 600)) // every column on screen
		shown := map[string]float32{}
		walkObjects(table, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok {
				shown[l.Text] = l.Size().Width
			}
		})
		for _, h := range cols {
			need := fyne.MeasureText(h, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding()
			if w, ok := shown[h]; !ok || w < need {
				t.Errorf("heading %q: %.0f wide, needs %.0f (shown %v)", h, w, need, ok)
			}
		}
	}
}

func walkObjects(o fyne.CanvasObject, visit func(fyne.CanvasObject)) {
	visit(o)
	if w, ok := o.(fyne.Widget); ok {
		for _, c := range test.WidgetRenderer(w).Objects() {
			walkObjects(c, visit)
		}
	}
	if c, ok := o.(*fyne.Container); ok {
		for _, c := range c.Objects {
			walkObjects(c, visit)
		}
	}
}
