package store

import (
	"errors"
	"testing"

	"staffplan/data/model"
)

// undoRedo runs one edit, then checks Revert brings back the state before
// and Reapply the state after, twice over.
func undoRedo(t *testing.T, s *Store, id model.ID, edit func(tx *Tx) error, check func(after *model.PlanData)) *Change {
	t.Helper()
	before := load(t, s, id)
	ch, err := s.Update(id, t.Name(), edit)
	if err != nil {
		t.Fatal(err)
	}
	if ch == nil || ch.Len() == 0 || ch.PlanID != id || ch.Label != t.Name() {
		t.Fatalf("change %+v", ch)
	}
	after := load(t, s, id)
	check(after)
	for range 2 {
		if err := s.Revert(ch); err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "after revert", load(t, s, id), before)
		if err := s.Revert(ch); !errors.Is(err, ErrConflict) {
			t.Fatalf("second revert: %v", err)
		}
		if err := s.Reapply(ch); err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "after reapply", load(t, s, id), after)
		if err := s.Reapply(ch); !errors.Is(err, ErrConflict) {
			t.Fatalf("second reapply: %v", err)
		}
	}
	return ch
}

func TestUndoPutUnit(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	u := unitNamed(t, d, "注塑班")
	u.Name, u.Parent = "注塑一班", unitNamed(t, d, "深圳办").ID
	undoRedo(t, s, id, func(tx *Tx) error { return tx.PutUnit(&u) }, func(after *model.PlanData) {
		mustEqual(t, "moved unit", unitNamed(t, after, "注塑一班"), u)
	})
	var added model.Unit
	undoRedo(t, s, id, func(tx *Tx) error {
		added = model.Unit{Name: "新部门", Parent: u.ID}
		return tx.PutUnit(&added)
	}, func(after *model.PlanData) {
		if len(after.Units) != len(d.Units)+1 {
			t.Error("unit not added")
		}
	})
	undoRedo(t, s, id, func(tx *Tx) error { return tx.DeleteUnit(added.ID) }, func(after *model.PlanData) {
		if len(after.Units) != len(d.Units) {
			t.Error("unit not deleted")
		}
	})
}

func TestUndoPutPosition(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	p := postTitled(t, d, "操作工")
	p.Planned, p.Duties, p.ReportsTo = 12, []string{"开机"}, postTitled(t, d, "生产经理").ID
	undoRedo(t, s, id, func(tx *Tx) error { return tx.PutPosition(&p) }, func(after *model.PlanData) {
		mustEqual(t, "edited post", postTitled(t, after, "操作工"), p)
	})
}

func TestUndoDeletePosition(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	gm, mgr, lead, worker := postTitled(t, d, "总经理"), postTitled(t, d, "生产经理"), postTitled(t, d, "班长"), postTitled(t, d, "操作工")
	if lead.ReportsTo != mgr.ID || len(worker.Dotted) != 1 || worker.Dotted[0] != mgr.ID {
		t.Fatal("sample plan changed")
	}
	undoRedo(t, s, id, func(tx *Tx) error { return tx.DeletePosition(mgr.ID) }, func(after *model.PlanData) {
		if len(after.Positions) != len(d.Positions)-1 {
			t.Error("post not deleted")
		}
		// The deleted post's report moves up to its manager; the dotted
		// line to it goes.
		if got := postTitled(t, after, "班长"); got.ReportsTo != gm.ID {
			t.Errorf("report re-pointed to %d, want %d", got.ReportsTo, gm.ID)
		}
		if got := postTitled(t, after, "操作工"); got.Dotted != nil || got.ReportsTo != lead.ID {
			t.Errorf("dotted line kept: %+v", got)
		}
	})
}

func TestUndoPutPersonEmpNo(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	p := personNamed(t, d, "张三")
	p.EmpNo = "A009"
	empNoOwner := func(empNo string) model.ID {
		var owner model.ID
		_, err := s.Update(id, "probe", func(tx *Tx) error {
			got, err := tx.PersonByEmpNo(empNo)
			if errors.Is(err, ErrNotFound) {
				return nil
			}
			owner = got.ID
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		return owner
	}
	ch := undoRedo(t, s, id, func(tx *Tx) error { return tx.PutPerson(&p) }, func(after *model.PlanData) {
		mustEqual(t, "edited person", personNamed(t, after, "张三"), p)
	})
	if empNoOwner("A009") != p.ID || empNoOwner("A001") != 0 {
		t.Error("index not moved to the new 工号")
	}
	// The old number is free again: someone else may take it. Undoing the
	// renumbering would now hand A001 back to 张三 over the newcomer, so it
	// is a conflict until the newcomer is undone.
	newcomer, err := s.Update(id, "x", func(tx *Tx) error {
		return tx.PutPerson(&model.Person{Name: "新人", EmpNo: "A001"})
	})
	if err != nil {
		t.Fatal(err)
	}
	before := load(t, s, id)
	if err := s.Revert(ch); !errors.Is(err, ErrConflict) {
		t.Fatalf("revert over a newer 工号 owner: %v", err)
	}
	mustEqual(t, "after refused revert", load(t, s, id), before)
	if err := s.Revert(newcomer); err != nil {
		t.Fatal(err)
	}
	if err := s.Revert(ch); err != nil {
		t.Fatal(err)
	}
	if empNoOwner("A001") != p.ID || empNoOwner("A009") != 0 {
		t.Error("index not restored")
	}
}

func TestUndoDeletePerson(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	li := personNamed(t, d, "李四")
	undoRedo(t, s, id, func(tx *Tx) error { return tx.DeletePerson(li.ID) }, func(after *model.PlanData) {
		if len(after.People) != len(d.People)-1 || len(after.Assignments) != len(d.Assignments)-2 {
			t.Errorf("person or assignments left: %d people, %d assignments", len(after.People), len(after.Assignments))
		}
		for _, a := range after.Assignments {
			if a.Person == li.ID {
				t.Error("assignment of deleted person kept")
			}
		}
	})
	// After the final reapply 李四 is gone and so is A002 from the index.
	if _, err := s.Update(id, "x", func(tx *Tx) error {
		p := model.Person{Name: "x", EmpNo: li.EmpNo}
		return tx.PutPerson(&p)
	}); err != nil {
		t.Errorf("工号 of deleted person still taken: %v", err)
	}
}

func TestUndoAssignment(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	wang, lead := personNamed(t, d, "王五"), postTitled(t, d, "班长")
	a := model.Assignment{Person: wang.ID, Position: lead.ID, FTE: 0.5}
	undoRedo(t, s, id, func(tx *Tx) error { return tx.PutAssignment(&a) }, func(after *model.PlanData) {
		if len(after.Assignments) != len(d.Assignments)+1 || after.Assignments[len(after.Assignments)-1] != a {
			t.Error("assignment not added")
		}
	})
	a.FTE = 0.75
	undoRedo(t, s, id, func(tx *Tx) error { return tx.PutAssignment(&a) }, func(after *model.PlanData) {
		if after.Assignments[len(after.Assignments)-1] != a {
			t.Error("assignment not changed")
		}
	})
	undoRedo(t, s, id, func(tx *Tx) error { return tx.DeleteAssignment(a.ID) }, func(after *model.PlanData) {
		mustEqual(t, "assignments", after.Assignments, d.Assignments)
	})
}

func TestUndoPlanRecord(t *testing.T) {
	s, id := withPlan(t)
	undoRedo(t, s, id, func(tx *Tx) error {
		p, err := tx.Plan()
		if err != nil {
			return err
		}
		p.Name = "renamed"
		return tx.PutPlan(p)
	}, func(after *model.PlanData) {
		if after.Plan.Name != "renamed" {
			t.Error("not renamed")
		}
	})
	_, err := s.Update(id, "x", func(tx *Tx) error { return tx.PutPlan(model.Plan{ID: id + 1, Name: "x"}) })
	if err == nil {
		t.Error("PutPlan of another plan accepted")
	}
}

func TestUndoCreateAndDeletePlan(t *testing.T) {
	s := openTemp(t, nil)
	id, created, err := s.CreatePlan(samplePlan(), "import")
	if err != nil {
		t.Fatal(err)
	}
	d := load(t, s, id)
	for range 2 {
		if err := s.Revert(created); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoadPlan(id); !errors.Is(err, ErrNotFound) {
			t.Fatalf("plan still there: %v", err)
		}
		if ps, _ := s.Plans(); len(ps) != 0 {
			t.Fatalf("plans %v", ps)
		}
		if err := s.Revert(created); !errors.Is(err, ErrConflict) {
			t.Fatalf("second revert: %v", err)
		}
		if err := s.Reapply(created); err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "recreated plan", load(t, s, id), d)
	}
	// The recreated plan is fully usable, index included.
	if _, err := s.Update(id, "x", func(tx *Tx) error {
		return tx.PutPerson(&model.Person{Name: "x", EmpNo: "A001"})
	}); !errors.Is(err, model.ErrDuplicateEmpNo) {
		t.Fatalf("index lost: %v", err)
	}

	deleted, err := s.DeletePlan(id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.LoadPlan(id); !errors.Is(err, ErrNotFound) {
		t.Fatal(err)
	}
	// Undoing an edit of a plan deleted since is a conflict.
	if err := s.Revert(created); !errors.Is(err, ErrConflict) {
		t.Fatalf("revert create of a deleted plan: %v", err)
	}
	for range 2 {
		if err := s.Revert(deleted); err != nil {
			t.Fatal(err)
		}
		mustEqual(t, "restored plan", load(t, s, id), d)
		if err := s.Reapply(deleted); err != nil {
			t.Fatal(err)
		}
		if _, err := s.LoadPlan(id); !errors.Is(err, ErrNotFound) {
			t.Fatal(err)
		}
	}
	if err := s.Revert(deleted); err != nil {
		t.Fatal(err)
	}
	// The plan came back with its buckets: editing works.
	ch, err := s.Update(id, "x", func(tx *Tx) error { return tx.PutUnit(&model.Unit{Name: "x"}) })
	if err != nil || ch == nil {
		t.Fatal(ch, err)
	}
}

func TestUndoConflict(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	u := unitNamed(t, d, "深圳办")
	rename := func(name string) *Change {
		x := u
		x.Name = name
		ch, err := s.Update(id, name, func(tx *Tx) error { return tx.PutUnit(&x) })
		if err != nil {
			t.Fatal(err)
		}
		return ch
	}
	c1 := rename("广州办")
	c2 := rename("上海办")
	file := s.Path()
	before := readFile(t, file)
	if err := s.Revert(c1); !errors.Is(err, ErrConflict) {
		t.Fatalf("revert under a later change: %v", err)
	}
	if err := s.Reapply(c2); !errors.Is(err, ErrConflict) {
		t.Fatalf("reapply of an applied change: %v", err)
	}
	mustUnchanged(t, file, before)
	if err := s.Revert(c2); err != nil {
		t.Fatal(err)
	}
	if err := s.Revert(c1); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "unit", unitNamed(t, load(t, s, id), "深圳办"), u)
	// Redo out of order is refused too.
	if err := s.Reapply(c2); !errors.Is(err, ErrConflict) {
		t.Fatalf("reapply before its predecessor: %v", err)
	}
	if err := s.Revert(nil); err != nil {
		t.Fatal(err)
	}
}
