package importer

import (
	"errors"
	"fmt"
	"reflect"

	"staffplan/data/model"
	"staffplan/data/store"
)

// CommitOptions tune Commit.
type CommitOptions struct {
	// MarkMissingAsLeft sets people in Preview.Missing to 离职.
	MarkMissingAsLeft bool
	// PlanName names a new plan; default the file name.
	PlanName string
}

// Commit writes a preview. With planID 0 it creates a new plan named after
// the file (its ID is the change's PlanID) (store.CreatePlan, which backs up a database that already holds
// plans); otherwise it takes st.Backup("import") and writes everything in
// one st.Update, so st.Revert(change) undoes the whole import. A preview
// with errors is refused, and a record changed since the preview fails
// with ErrStale; in every failure the database is left as it was.
func Commit(st *store.Store, planID model.ID, p *Preview, opt *CommitOptions) (_ *store.Change, err error) {
	// A panic inside st.Update rolls its transaction back before it
	// reaches here, so the database is as it was.
	defer func() {
		if r := recover(); r != nil {
			file := ""
			if p != nil {
				file = p.File
			}
			err = PanicProblem(r, file, "", 0, 0)
		}
	}()
	var o CommitOptions
	if opt != nil {
		o = *opt
	}
	if p == nil || p.st == nil {
		return nil, errors.New("importer: Commit of a preview not made by Prepare")
	}
	if len(p.Errors) > 0 {
		return nil, p.Errors[0]
	}
	s := p.st
	if planID == 0 {
		d := *s.after
		d.Plan = model.Plan{Name: p.Name, Basis: s.before.Plan.Basis}
		if o.PlanName != "" {
			d.Plan.Name = o.PlanName
		}
		if len(s.before.Units)+len(s.before.Positions)+len(s.before.People) > 0 {
			return nil, errors.New("importer: a preview against an existing plan cannot create a new one")
		}
		_, ch, err := st.CreatePlan(&d, "import")
		return ch, err
	}
	if _, err := st.Backup("import"); err != nil {
		return nil, fmt.Errorf("backup before the import: %w", err)
	}
	label := "import " + p.Name
	ch, err := st.Update(planID, label, func(tx *store.Tx) error { return s.write(tx, o) })
	if err != nil {
		return nil, err
	}
	return ch, nil
}

// write replays the staged plan into a transaction. Existing records are
// checked against the preview's copy first, so an edit made meanwhile is
// not overwritten.
func (s *staged) write(tx *store.Tx, o CommitOptions) error {
	real := map[model.ID]model.ID{}
	id := func(x model.ID) model.ID {
		if x >= localBase {
			return real[x]
		}
		return x
	}
	stale := func(what string, x model.ID) error {
		return problem(KeyStale, "The plan changed after the preview ({{.what}} {{.id}}); prepare the import again.", "what", what, "id", uint64(x))
	}
	oldPost := map[model.ID]model.Position{}
	for _, p := range s.before.Positions {
		oldPost[p.ID] = p
	}
	oldPerson := map[model.ID]model.Person{}
	for _, p := range s.before.People {
		oldPerson[p.ID] = p
	}
	// Units: parents come before children in after.Units.
	for _, u := range s.after.Units {
		if !s.newUnits[u.ID] {
			continue
		}
		local := u.ID
		u.ID, u.Parent = 0, id(u.Parent)
		if err := tx.PutUnit(&u); err != nil {
			return err
		}
		real[local] = u.ID
	}
	// Existing units the file gave a code, unless edited meanwhile.
	oldUnit := map[model.ID]model.Unit{}
	for _, u := range s.before.Units {
		oldUnit[u.ID] = u
	}
	for _, uid := range sortedKeys(s.touchUnit) {
		cur, err := tx.Unit(uid)
		if err != nil {
			return err
		}
		if cur != oldUnit[uid] {
			return stale("unit", uid)
		}
		cur.Code = s.unitIdx[uid].Code
		if err := tx.PutUnit(&cur); err != nil {
			return err
		}
	}
	// Posts: clear the changed lines first so no intermediate state loops,
	// then create the new posts, then set every line.
	for _, pid := range sortedKeys(s.touchPost) {
		cur, err := tx.Position(pid)
		if err != nil {
			return err
		}
		if !reflect.DeepEqual(cur, oldPost[pid]) {
			return stale("position", pid)
		}
		cur.ReportsTo = 0
		if err := tx.PutPosition(&cur); err != nil {
			return err
		}
	}
	for _, p := range s.after.Positions {
		if !s.newPosts[p.ID] {
			continue
		}
		local := p.ID
		p.ID, p.Unit, p.ReportsTo = 0, id(p.Unit), 0
		if err := tx.PutPosition(&p); err != nil {
			return err
		}
		real[local] = p.ID
	}
	for _, p := range s.after.Positions {
		if (!s.newPosts[p.ID] || p.ReportsTo == 0) && !s.touchPost[p.ID] {
			continue
		}
		p.ID, p.Unit, p.ReportsTo = id(p.ID), id(p.Unit), id(p.ReportsTo)
		if err := tx.PutPosition(&p); err != nil {
			return err
		}
	}
	if testHook != nil {
		testHook("commit", "", 0) // after the units and posts are written
	}
	// People.
	for _, p := range s.after.People {
		switch {
		case s.newPeople[p.ID]:
			local := p.ID
			p.ID = 0
			if err := tx.PutPerson(&p); err != nil {
				return err
			}
			real[local] = p.ID
		case s.touchPer[p.ID]:
			cur, err := tx.Person(p.ID)
			if err != nil {
				return err
			}
			if !cur.HireDate.Equal(oldPerson[p.ID].HireDate) || cur.Name != oldPerson[p.ID].Name || cur.EmpNo != oldPerson[p.ID].EmpNo ||
				cur.Status != oldPerson[p.ID].Status || cur.Employment != oldPerson[p.ID].Employment || cur.Grade != oldPerson[p.ID].Grade {
				return stale("person", p.ID)
			}
			if err := tx.PutPerson(&p); err != nil {
				return err
			}
		}
	}
	if o.MarkMissingAsLeft {
		for _, m := range s.p.Missing {
			cur, err := tx.Person(m.ID)
			if err != nil {
				return err
			}
			cur.Status = model.PersonLeft
			if err := tx.PutPerson(&cur); err != nil {
				return err
			}
		}
	}
	// Assignments.
	for _, a := range s.after.Assignments {
		switch {
		case s.newAssign[a.ID]:
			a.ID, a.Person, a.Position = 0, id(a.Person), id(a.Position)
			if err := tx.PutAssignment(&a); err != nil {
				return err
			}
		case s.touchAsg[a.ID]:
			a.Person, a.Position = id(a.Person), id(a.Position)
			if err := tx.PutAssignment(&a); err != nil {
				return err
			}
		}
	}
	return nil
}
