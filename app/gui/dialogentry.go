package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
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

// dialogKey tells whether k is one a dialog answers (Enter, Escape).
func dialogKey(k *fyne.KeyEvent) bool {
	return k.Name == fyne.KeyEscape || k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter
}

// keyList is a list in a dialog. Clicking an item focuses the list, which
// then gets every key; this one hands Enter and Escape to the window, so
// they still confirm and cancel the dialog (see UI.onKeys).
type keyList struct {
	widget.List
	keys func(*fyne.KeyEvent)
}

func newKeyList(u *UI, length func() int, create func() fyne.CanvasObject, update func(widget.ListItemID, fyne.CanvasObject)) *keyList {
	l := &keyList{keys: u.typedKey}
	l.Length, l.CreateItem, l.UpdateItem = length, create, update
	l.ExtendBaseWidget(l)
	return l
}

// TypedKey implements fyne.Focusable.
func (l *keyList) TypedKey(k *fyne.KeyEvent) {
	if dialogKey(k) {
		l.keys(k)
		return
	}
	l.List.TypedKey(k)
}

// keyCheck is a check box in a dialog that, like keyList, leaves Enter and
// Escape to the dialog once a click has focused it.
type keyCheck struct {
	widget.Check
	keys func(*fyne.KeyEvent)
}

func newKeyCheck(u *UI, label string, changed func(bool)) *keyCheck {
	c := &keyCheck{keys: u.typedKey}
	c.Text, c.OnChanged = label, changed
	c.ExtendBaseWidget(c)
	return c
}

// TypedKey implements fyne.Focusable.
func (c *keyCheck) TypedKey(k *fyne.KeyEvent) {
	if dialogKey(k) {
		c.keys(k)
		return
	}
	c.Check.TypedKey(k)
}

// keySelect is a drop-down in a dialog that, like keyList, leaves Enter
// and Escape to the dialog once a click has focused it.
type keySelect struct {
	widget.Select
	keys func(*fyne.KeyEvent)
}

func newKeySelect(u *UI, options []string, changed func(string)) *keySelect {
	s := &keySelect{keys: u.typedKey}
	s.Options, s.OnChanged = options, changed
	// Fyne's own placeholder is English in the Chinese window too.
	s.PlaceHolder = lang.X("select.one", "(choose one)")
	s.ExtendBaseWidget(s)
	return s
}

// TypedKey implements fyne.Focusable.
func (s *keySelect) TypedKey(k *fyne.KeyEvent) {
	if dialogKey(k) {
		s.keys(k)
		return
	}
	s.Select.TypedKey(k)
}
