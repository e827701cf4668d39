package gui

import (
	"errors"
	"fmt"
	"os"
	"runtime/debug"

	"fyne.io/fyne/v2/lang"

	"staffplan/data/model"
	"staffplan/data/store"
)

// runInBackground is the window's background runner: each job on a
// goroutine of its own. Tests that need jobs to finish in order install a
// synchronous call instead; the race tests use this one.
func runInBackground(work func()) { go work() }

// job is one piece of work the window runs off the UI goroutine. It is
// tagged with the database it started on: if File › Open database or a
// restore replaced that database meanwhile, the job's result belongs to a
// file that is no longer open, so it is dropped (no preview, no undo step,
// no error about the closed file) and the status line says so. Whatever the
// job reads must be copied before it starts: the UI goroutine goes on
// changing the window's state while it runs.
type job struct {
	u  *UI
	st *store.Store
	// what names the job in the status line when its result is dropped.
	what string
	// done runs on the UI goroutine however the job ends (it closes the
	// job's progress dialog).
	done    func()
	asError func(r any) error
	failed  func(err error)
}

// newJob describes a job started now, on the UI goroutine, on the open
// database. A panic in the job becomes an error made by asError and given to
// failed on the UI goroutine, so a bug met in a job shows a message and the
// window stays up.
func (u *UI) newJob(what string, done func(), asError func(r any) error, failed func(err error)) *job {
	return &job{u: u, st: u.st, what: what, done: done, asError: asError, failed: failed}
}

// run runs work through u.background, recovering a panic in it. work reports
// its result with j.show.
func (j *job) run(work func()) {
	j.u.background(func() {
		defer func() {
			if r := recover(); r != nil {
				err := j.asError(r)
				// The stack goes to the log for support, not to the user.
				fmt.Fprintf(os.Stderr, "%v\n%s\n", err, debug.Stack())
				j.u.do(func() { j.finish(func() { j.failed(err) }) })
			}
		}()
		work()
	})
}

// show runs fn, which shows the job's result, on the UI goroutine (as
// fyne.Do does), unless the database changed since the job started; a panic
// in it is reported as one in the job is.
func (j *job) show(fn func()) {
	j.u.do(func() { j.finish(fn) })
}

// finish ends the job on the UI goroutine: done, then fn or the note that
// the result was dropped.
func (j *job) finish(fn func()) {
	defer func() {
		if r := recover(); r != nil {
			err := j.asError(r)
			fmt.Fprintf(os.Stderr, "%v\n%s\n", err, debug.Stack())
			j.failed(err)
		}
	}()
	if j.done != nil {
		j.done()
	}
	if j.u.st != j.st {
		j.u.jobDropped(j.what, j.st)
		return
	}
	fn()
}

// jobDropped says in the status line that what was started on st, no
// longer the open database, came to nothing here.
func (u *UI) jobDropped(what string, st *store.Store) {
	u.status.SetText(lang.X("job.dropped", "“{{.job}}” was started on {{.path}}, which is no longer open: its result was dropped.",
		map[string]any{"job": what, "path": st.Path()}))
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
