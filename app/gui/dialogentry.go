package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"
)

// dialogEntry is a one-line entry in a dialog. A focused widget gets every
// key, and Fyne's entry ignores Escape, so without this Escape could not
// cancel a dialog while the user is typing in it.
type dialogEntry struct {
	widget.Entry
	onEscape func()
}

func newDialogEntry() *dialogEntry {
	e := &dialogEntry{}
	e.ExtendBaseWidget(e)
	return e
}

// TypedKey runs onEscape for Escape and types every other key.
func (e *dialogEntry) TypedKey(k *fyne.KeyEvent) {
	if k.Name == fyne.KeyEscape && e.onEscape != nil {
		e.onEscape()
		return
	}
	e.Entry.TypedKey(k)
}
