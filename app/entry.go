package app

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// formEntry is an Entry for the editor's forms. The driver gives the
// focused widget every shortcut that is not on the main menu, so a plain
// Entry would swallow Ctrl+Shift+Z; this one hands it to the window.
type formEntry struct {
	widget.Entry
	redo func()
}

func newFormEntry(redo func()) *formEntry {
	e := &formEntry{redo: redo}
	e.ExtendBaseWidget(e)
	return e
}

// TypedShortcut implements fyne.Shortcutable.
func (e *formEntry) TypedShortcut(s fyne.Shortcut) {
	if s.ShortcutName() == shortcutRedo.ShortcutName() && e.redo != nil {
		e.redo()
		return
	}
	e.Entry.TypedShortcut(s)
}
