package store

import (
	"cmp"
	"slices"

	"staffplan/data/model"
)

// UnitsIn returns the sub-units of parent (0 for the top level) in display
// order (Order, then ID), as model.Derive lists them. Only the children are
// decoded; the others are skipped by their parent field.
func (t *Tx) UnitsIn(parent model.ID) (out []model.Unit, err error) {
	err = t.run(func() error {
		c := t.b[kindUnit].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			p, err := t.unitParent(k, v)
			if err != nil {
				return err
			}
			if p != parent {
				continue
			}
			u := model.Unit{ID: btoi(k)}
			if err := decodeRecord(kindUnit, k, v, t.legacy, &u, decodeUnit); err != nil {
				return err
			}
			out = append(out, u)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b model.Unit) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
	})
	return out, err
}

// PositionsIn returns the posts directly in unit in display order (Order,
// then ID), as model.Derive lists them in Figures.PostsIn.
func (t *Tx) PositionsIn(unit model.ID) (out []model.Position, err error) {
	err = t.run(func() error {
		c := t.b[kindPosition].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			u, _, _, err := t.positionRefs(k, v)
			if err != nil {
				return err
			}
			if u != unit {
				continue
			}
			p := model.Position{ID: btoi(k)}
			if err := decodeRecord(kindPosition, k, v, t.legacy, &p, decodePosition); err != nil {
				return err
			}
			out = append(out, p)
		}
		return nil
	})
	slices.SortFunc(out, func(a, b model.Position) int {
		return cmp.Or(cmp.Compare(a.Order, b.Order), cmp.Compare(a.ID, b.ID))
	})
	return out, err
}

// AssignmentsOfPerson returns a person's assignments, by ID.
func (t *Tx) AssignmentsOfPerson(person model.ID) ([]model.Assignment, error) {
	return t.assignmentsWhere(func(a *model.Assignment) bool { return a.Person == person })
}
