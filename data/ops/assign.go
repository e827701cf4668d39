package ops

import (
	"staffplan/data/model"
	"staffplan/data/store"
)

// FullTimeChoice is what Assign does for a person who already works full
// time in her other posts.
type FullTimeChoice int

const (
	// AskFirst refuses with ErrFullTime, so that the caller can ask.
	AskFirst FullTimeChoice = iota
	// SplitTime gives the new post Share and scales her other posts down so
	// that all of them make one full-time post (model.SplitTime).
	SplitTime
	// KeepBoth gives the new post Share and leaves her other posts as they
	// are, which puts her past 100 % (flagged wherever she is listed).
	KeepBoth
)

// AssignOptions tune Assign. The zero value asks first.
type AssignOptions struct {
	FullTime FullTimeChoice
	// Share is the new post's FTE with SplitTime or KeepBoth; the window
	// offers model.DefaultSplitShare.
	Share float64
}

// Assigned is what Assign wrote: the new assignment, with its ID, and her
// other assignments whose FTE it changed.
type Assigned struct {
	New     model.Assignment
	Changed []model.Assignment
}

// Assign puts a person in a post. The share defaults to what she has left
// of a full-time post (0.5 beside a half-time post, 1 for someone without
// one); opt applies only when she has nothing left. A person who already
// holds the post is refused with ErrAlreadyHolds.
func Assign(tx *store.Tx, person, post model.ID, opt AssignOptions) (Assigned, error) {
	who, err := tx.Person(person)
	if err != nil {
		return Assigned{}, err
	}
	current, err := tx.AssignmentsOfPerson(person)
	if err != nil {
		return Assigned{}, err
	}
	for _, a := range current {
		if a.Position == post {
			return Assigned{}, problem(ErrAlreadyHolds.Key, "{{.name}} already holds this post.", "name", who.Name)
		}
	}
	out := Assigned{New: model.Assignment{Person: person, Position: post}}
	used := model.PersonFTE(current, person)
	switch {
	case !model.FullTime(used):
		out.New.FTE = 1 - used
	case opt.FullTime == SplitTime:
		changed, err := model.SplitTime(current, opt.Share)
		if err != nil {
			return Assigned{}, err
		}
		for i := range changed {
			if err := tx.PutAssignment(&changed[i]); err != nil {
				return Assigned{}, err
			}
		}
		out.Changed = changed
		out.New.FTE = opt.Share
	case opt.FullTime == KeepBoth:
		out.New.FTE = opt.Share
	default:
		return Assigned{}, problem(ErrFullTime.Key, "{{.name}} already works full time.", "name", who.Name)
	}
	if err := tx.PutAssignment(&out.New); err != nil {
		return Assigned{}, err
	}
	return out, nil
}

// SetFTE changes the share of an assignment.
func SetFTE(tx *store.Tx, assignment model.ID, fte float64) error {
	a, err := tx.Assignment(assignment)
	if err != nil {
		return err
	}
	a.FTE = fte
	return tx.PutAssignment(&a)
}

// Unassign takes a person out of a post; she stays on the roster.
func Unassign(tx *store.Tx, assignment model.ID) error { return tx.DeleteAssignment(assignment) }
