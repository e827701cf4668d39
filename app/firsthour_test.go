package app

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// showPost opens a post in the form at the window size the issue was seen
// at and lays the window out.
func showPost(t *testing.T, u *UI, title string) {
	t.Helper()
	u.win.Resize(fyne.NewSize(1180, 760))
	u.editor.load(u.postByTitle(t, title).ID)
	u.tabs.Select(u.posTab)
	u.win.Content().Refresh()
}

// visibleIn reports whether o's top lies inside the viewport of scroll s.
func visibleIn(s fyne.CanvasObject, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	sp, op := d.AbsolutePositionForObject(s), d.AbsolutePositionForObject(o)
	return op.Y >= sp.Y && op.Y+o.Size().Height <= sp.Y+s.Size().Height
}

func TestPositionFormScrollsToTheHolders(t *testing.T) {
	u := newTestUI(t)
	showPost(t, u, "行政人事部经理")
	e := u.editor
	if e.emptyScroll.Visible() {
		t.Fatal("the empty-state scroll is still shown over the form and takes its scroll events")
	}
	if visibleIn(e.formScroll, e.assign) {
		t.Fatal("the form fits without scrolling; the test needs a post whose form is taller than the window")
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e.formScroll)
	at := pos.Add(fyne.NewPos(e.formScroll.Size().Width/2, e.formScroll.Size().Height/2))
	for i := 0; i < 100 && !visibleIn(e.formScroll, e.assign); i++ {
		test.Scroll(u.win.Canvas(), at, 0, -60) // the wheel turned down
	}
	if e.formScroll.Offset.Y == 0 {
		t.Fatal("scrolling over the form did not move it")
	}
	if !visibleIn(e.formScroll, e.assign) {
		t.Errorf("after scrolling down, the assign picker is still out of reach (offset %v)", e.formScroll.Offset)
	}
	// Back up with the pointer over a multi-line entry, which scrolls its
	// own text: the form must still move.
	for i := 0; i < 100 && !visibleIn(e.formScroll, e.mission); i++ {
		test.Scroll(u.win.Canvas(), at, 0, 60)
	}
	mp := fyne.CurrentApp().Driver().AbsolutePositionForObject(e.mission)
	over := mp.Add(fyne.NewPos(20, 10))
	off := e.formScroll.Offset.Y
	test.Scroll(u.win.Canvas(), over, 0, -60)
	if e.formScroll.Offset.Y == off {
		t.Error("the wheel over the mission entry does not scroll the form")
	}
	for i := 0; i < 100 && !visibleIn(e.formScroll, e.education); i++ {
		test.Scroll(u.win.Canvas(), over, 0, -30)
	}
	if !visibleIn(e.formScroll, e.education) {
		t.Error("任职要求 (education) never came into view")
	}
}

func TestTabLeavesTheMultiLineMission(t *testing.T) {
	u := newTestUI(t)
	showPost(t, u, "行政人事部经理")
	e := u.editor
	c := u.win.Canvas()
	c.Focus(e.mission)
	before := e.mission.Text
	e.mission.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if e.mission.Text != before || strings.Contains(e.mission.Text, "\t") {
		t.Errorf("Tab typed into the mission: %q", e.mission.Text)
	}
	if c.Focused() == e.mission {
		t.Error("Tab left the focus in the mission")
	}
	if c.Focused() != e.dutyTexts[0] {
		t.Errorf("Tab should move on to duty 1, focused %T", c.Focused())
	}
	// The desktop driver moves the focus itself for an entry that does not
	// take Tab, which is also how Shift+Tab gets back.
	if e.mission.AcceptsTab() || e.dutyTexts[0].AcceptsTab() || e.note.AcceptsTab() {
		t.Error("multi-line form entries still capture Tab")
	}
}
