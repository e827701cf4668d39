// Package ops holds the named edits of a plan: the domain rules that the
// window and the command line share, such as "a new post reports to its
// unit's first post" or "deleting a held post first takes its holders out".
//
// Each operation is a function of a store read-write transaction and runs
// inside whatever store.Store.Update the caller opened, so one user action
// is one undoable step recorded by the store's before/after bytes; the
// operations never open a transaction themselves (ImportCommit excepted,
// see there). A refused operation returns an error and, since Update then
// writes nothing, changes nothing. Errors are model.Problem values with
// translatable keys, matched with errors.Is against the sentinels below or
// those of data/model and data/store.
//
// The package knows nothing of Fyne.
package ops

import (
	"staffplan/data/model"
	"staffplan/data/store"
)

// Sentinel problems for errors.Is. The cycle refusals of Reparent and
// MoveUnit are model.ErrReportsCycle and model.ErrUnitCycle; a held post
// deleted with KeepHolders is store.ErrPositionHasHolders.
var (
	// ErrAlreadyHolds refuses assigning a person to a post she holds.
	ErrAlreadyHolds = &model.Problem{Key: "err.already_holds"}
	// ErrFullTime is Assign's answer with AskFirst for a person who already
	// works full time: the caller asks whether to split her time or keep
	// both, and calls Assign again with the answer.
	ErrFullTime = &model.Problem{Key: "err.full_time"}
	// ErrMoveToSelf refuses moving the holders of a post being deleted to
	// that same post.
	ErrMoveToSelf = &model.Problem{Key: "err.move_holders_self"}
)

func problem(key, text string, kv ...any) *model.Problem {
	args := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i].(string)] = kv[i+1]
	}
	return &model.Problem{Key: key, Text: text, Args: args}
}

// AddUnit adds u (its ID must be 0) as the last sub-unit of u.Parent (0 for
// the top level) and writes the new ID back into u.
func AddUnit(tx *store.Tx, u *model.Unit) error {
	siblings, err := tx.UnitsIn(u.Parent)
	if err != nil {
		return err
	}
	u.ID = 0
	u.Order = len(siblings)
	return tx.PutUnit(u)
}

// DeleteUnit deletes an empty unit; one with sub-units or posts is refused
// with store.ErrUnitNotEmpty.
func DeleteUnit(tx *store.Tx, id model.ID) error { return tx.DeleteUnit(id) }

// MoveUnit puts a unit under another (0 for the top level), as a drag in
// the org chart does. Moving it under itself or one of its own sub-units is
// refused with model.ErrUnitCycle.
func MoveUnit(tx *store.Tx, unit, parent model.ID) error {
	u, err := tx.Unit(unit)
	if err != nil {
		return err
	}
	u.Parent = parent
	return tx.PutUnit(&u)
}

// EditPlan changes the plan record (name, organisation, work basis, …).
func EditPlan(tx *store.Tx, edit func(p *model.Plan)) error {
	p, err := tx.Plan()
	if err != nil {
		return err
	}
	edit(&p)
	p.ID = tx.PlanID()
	return tx.PutPlan(p)
}
