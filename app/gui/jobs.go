package gui

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2"

	"staffplan/data/model"
)

// run runs work through u.background and recovers a panic in it: failed
// is then called on the UI goroutine with the error the panic becomes
// (made by asError), so a bug met in a background job shows a message and
// the window stays up. work itself reports its results with fyne.Do.
func (u *UI) run(work func(), asError func(r any) error, failed func(err error)) {
	u.background(func() {
		defer func() {
			if r := recover(); r != nil {
				err := asError(r)
				// The stack goes to the log for support, not to the user.
				fmt.Fprintf(os.Stderr, "%v\n%s\n", err, debug.Stack())
				fyne.Do(func() { failed(err) })
			}
		}()
		work()
	})
}

// onUI runs fn on the UI goroutine, as fyne.Do does, with the recovery of
// run: a job's results are shown there, and a panic in showing them must
// not end the program either.
func onUI(fn func(), asError func(r any) error, failed func(err error)) {
	fyne.Do(func() {
		defer func() {
			if r := recover(); r != nil {
				err := asError(r)
				fmt.Fprintf(os.Stderr, "%v\n%s\n", err, debug.Stack())
				failed(err)
			}
		}()
		fn()
	})
}

// panicStack is the stack of a panic the importer recovered, for the log;
// empty for other errors.
func panicStack(err error) string {
	var p *model.Problem
	if errors.As(err, &p) {
		if s, ok := p.Args["stack"].(string); ok {
			return s
		}
	}
	return ""
}
