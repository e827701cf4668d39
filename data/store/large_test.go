package store

import (
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"staffplan/data/model"
)

// TestLargePlan guards against bbolt's slow path: keys written out of order
// into one in-memory node shift on every insert, so a plan-sized change in
// the wrong order takes minutes instead of well under a second.
func TestLargePlan(t *testing.T) {
	if testing.Short() {
		t.Skip("large plan")
	}
	const limit = 60 * time.Second // minutes when the slow path is hit; generous for -race on a busy machine
	timed := func(what string, f func() error) {
		t.Helper()
		start := time.Now()
		if err := f(); err != nil {
			t.Fatalf("%s: %v", what, err)
		}
		if d := time.Since(start); d > limit {
			t.Errorf("%s took %v", what, d)
		}
	}
	s := openTemp(t, nil)
	d := bigPlan()
	rng := rand.New(rand.NewPCG(1, 1))
	for i := range d.People {
		d.People[i].EmpNo = fmt.Sprintf("R%016x", rng.Uint64())
	}
	var id model.ID
	var created, deleted *Change
	timed("CreatePlan", func() (err error) { id, created, err = s.CreatePlan(d, "import"); return err })
	want := load(t, s, id)
	timed("Revert create", func() error { return s.Revert(created) })
	timed("Reapply create", func() error { return s.Reapply(created) })
	timed("DeletePlan", func() (err error) { deleted, err = s.DeletePlan(id); return err })
	timed("Revert delete", func() error { return s.Revert(deleted) })
	mustEqual(t, "plan after undo", load(t, s, id), want)

	// A bulk import through Update, 工号 in random order.
	var added *Change
	timed("Update import", func() (err error) {
		added, err = s.Update(id, "import people", func(tx *Tx) error {
			for i := range 50_000 {
				p := model.Person{Name: fmt.Sprintf("新员工%d", i), EmpNo: fmt.Sprintf("N%016x", rng.Uint64())}
				if err := tx.PutPerson(&p); err != nil {
					return err
				}
			}
			return nil
		})
		return err
	})
	timed("Revert import", func() error { return s.Revert(added) })
	mustEqual(t, "plan after undoing the import", load(t, s, id), want)
	timed("Reapply import", func() error { return s.Reapply(added) })
	_, err := s.Update(id, "probe", func(tx *Tx) error {
		p, err := tx.PersonByEmpNo(want.People[123].EmpNo)
		if err != nil || p != want.People[123] {
			t.Errorf("PersonByEmpNo = %+v, %v", p, err)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}
