package ops

import (
	"staffplan/data/model"
	"staffplan/data/store"
)

// AddPosition adds p (its ID must be 0) as the last post of p.Unit and
// writes the new ID back into p. A post given no manager (ReportsTo 0)
// reports to the unit's first post in display order, its usual head; in a
// unit without posts it reports to no one.
func AddPosition(tx *store.Tx, p *model.Position) error {
	posts, err := tx.PositionsIn(p.Unit)
	if err != nil {
		return err
	}
	p.ID = 0
	p.Order = len(posts)
	if p.ReportsTo == 0 && len(posts) > 0 {
		p.ReportsTo = posts[0].ID
	}
	return tx.PutPosition(p)
}

// EditPosition changes a post as edit says; the store validates the result
// (a manager under the post is refused with model.ErrReportsCycle).
func EditPosition(tx *store.Tx, id model.ID, edit func(p *model.Position)) error {
	p, err := tx.Position(id)
	if err != nil {
		return err
	}
	edit(&p)
	p.ID = id
	return tx.PutPosition(&p)
}

// Reparent makes post report to manager (0 for no one), as dropping one box
// onto another in the org chart does. A manager that is the post itself or
// one of the posts under it is refused with model.ErrReportsCycle.
func Reparent(tx *store.Tx, post, manager model.ID) error {
	return EditPosition(tx, post, func(p *model.Position) { p.ReportsTo = manager })
}

// HolderChoice says what DeletePosition does with the people who hold the
// post being deleted.
type HolderChoice int

const (
	// KeepHolders refuses to delete a held post (store.ErrPositionHasHolders),
	// so nobody loses a post without being asked.
	KeepHolders HolderChoice = iota
	// UnassignHolders takes the holders out of the post; they stay on the
	// roster, in their other posts if any.
	UnassignHolders
	// MoveHolders moves the holders, with their shares, to another post.
	MoveHolders
)

// Holders is DeletePosition's choice for the holders; To is the post they
// move to with MoveHolders.
type Holders struct {
	Choice HolderChoice
	To     model.ID
}

// DeletePosition deletes a post and reports how many holders it took out
// of it. Its direct reports move up to its own manager and dotted lines to
// it are dropped (store.Tx.DeletePosition). With MoveHolders a holder who
// already holds the target keeps one assignment there with both shares
// added, at most one full-time post.
func DeletePosition(tx *store.Tx, id model.ID, h Holders) (int, error) {
	p, err := tx.Position(id)
	if err != nil {
		return 0, err
	}
	var held []model.Assignment
	if h.Choice != KeepHolders {
		if held, err = tx.AssignmentsOf(id); err != nil {
			return 0, err
		}
	}
	switch h.Choice {
	case UnassignHolders:
		for _, a := range held {
			if err := tx.DeleteAssignment(a.ID); err != nil {
				return 0, err
			}
		}
	case MoveHolders:
		if h.To == id {
			return 0, problem(ErrMoveToSelf.Key, "The holders of “{{.name}}” cannot move to the post being deleted.", "name", p.Title)
		}
		if _, err := tx.Position(h.To); err != nil {
			return 0, err
		}
		there, err := tx.AssignmentsOf(h.To)
		if err != nil {
			return 0, err
		}
		byPerson := make(map[model.ID]model.Assignment, len(there))
		for _, a := range there {
			byPerson[a.Person] = a
		}
		for _, a := range held {
			if b, ok := byPerson[a.Person]; ok {
				b.FTE = min(1, b.FTE+a.FTE)
				if err := tx.PutAssignment(&b); err != nil {
					return 0, err
				}
				byPerson[a.Person] = b
				if err := tx.DeleteAssignment(a.ID); err != nil {
					return 0, err
				}
				continue
			}
			a.Position = h.To
			if err := tx.PutAssignment(&a); err != nil {
				return 0, err
			}
			byPerson[a.Person] = a
		}
	}
	if err := tx.DeletePosition(id); err != nil {
		return 0, err
	}
	return len(held), nil
}
