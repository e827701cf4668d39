package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// formEntry is an Entry for the editor's forms. The driver gives the
// focused widget every shortcut that is not on the main menu, so a plain
// Entry would swallow Ctrl+Shift+Z; this one hands it to the window.
type formEntry struct {
	widget.Entry
	redo    func()
	minRows int
	// reveal, when set, scrolls the form so the entry is on screen: the
	// driver moves the focus with Tab but never the scroll around it.
	reveal func(fyne.CanvasObject)
}

// FocusGained implements fyne.Focusable: the entry scrolls into view.
func (e *formEntry) FocusGained() {
	e.Entry.FocusGained()
	if e.reveal != nil {
		e.reveal(e)
	}
}

// SetMinRowsVisible remembers the rows so the form can tell when a duty's
// text needs more.
func (e *formEntry) SetMinRowsVisible(n int) {
	e.minRows = n
	e.Entry.SetMinRowsVisible(n)
}

func (e *formEntry) rows() int { return e.minRows }

func newFormEntry(redo func()) *formEntry {
	e := &formEntry{redo: redo}
	e.ExtendBaseWidget(e)
	return e
}

// AcceptsTab implements fyne.Tabbable: Tab moves to the next field even in
// a multi-line entry (the mission, duties, notes), so the keyboard can get
// through the form; nobody types a tab character into a 岗位说明书. The
// desktop driver then moves the focus itself, Shift+Tab included.
func (e *formEntry) AcceptsTab() bool { return false }

// TypedKey implements fyne.Focusable. A Tab that reaches the entry anyway
// (drivers that do not ask AcceptsTab) moves the focus on as well.
func (e *formEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyTab {
		if c := fyne.CurrentApp().Driver().CanvasForObject(e); c != nil {
			c.FocusNext()
		}
		return
	}
	e.Entry.TypedKey(k)
}

// TypedShortcut implements fyne.Shortcutable.
func (e *formEntry) TypedShortcut(s fyne.Shortcut) {
	if s.ShortcutName() == shortcutRedo.ShortcutName() && e.redo != nil {
		e.redo()
		return
	}
	e.Entry.TypedShortcut(s)
}
