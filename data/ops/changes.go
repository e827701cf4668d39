package ops

import (
	"slices"

	"staffplan/data/model"
	"staffplan/data/store"
)

var (
	// ErrNoPlannedChange refuses editing or removing a planned change the
	// post does not have (the list changed under the caller).
	ErrNoPlannedChange = &model.Problem{Key: "err.no_planned_change"}
	// ErrPlannedChange is the store's refusal of a planned change with no
	// valid month or value (model validation).
	ErrPlannedChange = &model.Problem{Key: "err.planned_change"}
)

// AddPlannedChange adds c at the end of the post's planned changes, so
// adding one is an undoable step of its own, apart from the post's form.
func AddPlannedChange(tx *store.Tx, post model.ID, c model.PlannedChange) error {
	return EditPosition(tx, post, func(p *model.Position) {
		p.Changes = append(slices.Clip(p.Changes), c)
	})
}

// EditPlannedChange replaces the i-th planned change of the post (in the
// order the post lists them).
func EditPlannedChange(tx *store.Tx, post model.ID, i int, c model.PlannedChange) error {
	return editChanges(tx, post, i, func(p *model.Position) {
		p.Changes = slices.Clone(p.Changes)
		p.Changes[i] = c
	})
}

// RemovePlannedChange removes the i-th planned change of the post.
func RemovePlannedChange(tx *store.Tx, post model.ID, i int) error {
	return editChanges(tx, post, i, func(p *model.Position) {
		p.Changes = slices.Delete(slices.Clone(p.Changes), i, i+1)
		if len(p.Changes) == 0 {
			p.Changes = nil // as a post that never had any
		}
	})
}

func editChanges(tx *store.Tx, post model.ID, i int, edit func(p *model.Position)) error {
	p, err := tx.Position(post)
	if err != nil {
		return err
	}
	if i < 0 || i >= len(p.Changes) {
		return problem(ErrNoPlannedChange.Key, "“{{.name}}” has no such planned change: the list changed; look at it again.", "name", p.Title)
	}
	edit(&p)
	p.ID = post
	return tx.PutPosition(&p)
}
