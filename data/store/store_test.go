package store

import (
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"staffplan/data/model"
)

// expectRemapped rewrites in with the IDs CreatePlan gave: records keep their
// order within each kind, and LoadPlan returns them by (ascending) new ID.
func expectRemapped(t *testing.T, in, out *model.PlanData) *model.PlanData {
	t.Helper()
	if len(in.Units) != len(out.Units) || len(in.Positions) != len(out.Positions) ||
		len(in.People) != len(out.People) || len(in.Assignments) != len(out.Assignments) {
		t.Fatalf("record counts differ: %d/%d/%d/%d vs %d/%d/%d/%d",
			len(in.Units), len(in.Positions), len(in.People), len(in.Assignments),
			len(out.Units), len(out.Positions), len(out.People), len(out.Assignments))
	}
	units, posts, people := map[model.ID]model.ID{}, map[model.ID]model.ID{}, map[model.ID]model.ID{}
	seen := map[model.ID]bool{out.Plan.ID: true}
	fresh := func(id model.ID) {
		if id == 0 || seen[id] {
			t.Fatalf("new ID %d is zero or reused", id)
		}
		seen[id] = true
	}
	want := &model.PlanData{Plan: in.Plan}
	want.Plan.ID = out.Plan.ID
	for i, u := range in.Units {
		fresh(out.Units[i].ID)
		units[u.ID] = out.Units[i].ID
	}
	for i, p := range in.Positions {
		fresh(out.Positions[i].ID)
		posts[p.ID] = out.Positions[i].ID
	}
	for i, p := range in.People {
		fresh(out.People[i].ID)
		people[p.ID] = out.People[i].ID
	}
	for _, u := range in.Units {
		u.ID, u.Parent = units[u.ID], units[u.Parent]
		want.Units = append(want.Units, u)
	}
	for _, p := range in.Positions {
		p.ID, p.Unit, p.ReportsTo = posts[p.ID], units[p.Unit], posts[p.ReportsTo]
		var dotted []model.ID
		for _, d := range p.Dotted {
			dotted = append(dotted, posts[d])
		}
		p.Dotted = dotted
		want.Positions = append(want.Positions, p)
	}
	for _, p := range in.People {
		p.ID = people[p.ID]
		want.People = append(want.People, p)
	}
	for i, a := range in.Assignments {
		fresh(out.Assignments[i].ID)
		a.ID, a.Person, a.Position = out.Assignments[i].ID, people[a.Person], posts[a.Position]
		want.Assignments = append(want.Assignments, a)
	}
	return want
}

func TestRoundTrip(t *testing.T) {
	s := openTemp(t, nil)
	in := samplePlan()
	keep := samplePlan()
	id, ch, err := s.CreatePlan(in, "import")
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "CreatePlan must not modify its input", in, keep)
	if ch == nil || ch.PlanID != id || ch.Label != "import" {
		t.Fatalf("change %+v for plan %d", ch, id)
	}
	out := load(t, s, id)
	mustEqual(t, "loaded plan", out, expectRemapped(t, in, out))

	// The same again after reopening, from the file alone.
	path := s.Path()
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	again := load(t, s2, id)
	mustEqual(t, "reloaded plan", again, out)
}

func TestPlans(t *testing.T) {
	s := openTemp(t, nil)
	if ps, err := s.Plans(); err != nil || len(ps) != 0 {
		t.Fatalf("new database has plans %v, %v", ps, err)
	}
	var ids []model.ID
	for _, name := range []string{"b", "a", "c"} {
		d := samplePlan()
		d.Plan.Name = name
		id, _, err := s.CreatePlan(d, "new")
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, id)
	}
	ps, err := s.Plans()
	if err != nil {
		t.Fatal(err)
	}
	if len(ps) != 3 {
		t.Fatalf("got %d plans", len(ps))
	}
	for i, p := range ps {
		if p.ID != ids[i] || p.Name != []string{"b", "a", "c"}[i] || p.Organisation != "康飞塑业" {
			t.Errorf("plan %d = %+v", i, p)
		}
	}
	// Plans are independent: records of one are not in another.
	d0, d1 := load(t, s, ids[0]), load(t, s, ids[1])
	if d0.Units[0].ID == d1.Units[0].ID {
		t.Error("two plans share a unit ID")
	}
	// CreatePlan backs up only when there was already a plan.
	bs, err := s.Backups()
	if err != nil || len(bs) != 2 {
		t.Fatalf("backups %v, %v; want 2", bs, err)
	}
}

func TestLoadPlanNotFound(t *testing.T) {
	s, id := withPlan(t)
	if _, err := s.LoadPlan(id + 1000); !errors.Is(err, ErrNotFound) {
		t.Fatalf("got %v", err)
	}
	if _, err := s.Update(id+1000, "x", func(*Tx) error { return nil }); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Update of missing plan: %v", err)
	}
	if _, err := s.DeletePlan(id + 1000); !errors.Is(err, ErrNotFound) {
		t.Fatalf("DeletePlan of missing plan: %v", err)
	}
	_, err := s.Update(id, "x", func(tx *Tx) error {
		if _, err := tx.Unit(9999); !errors.Is(err, ErrNotFound) {
			t.Errorf("Unit: %v", err)
		}
		if _, err := tx.Person(9999); !errors.Is(err, ErrNotFound) {
			t.Errorf("Person: %v", err)
		}
		if err := tx.PutUnit(&model.Unit{ID: 9999, Name: "x"}); !errors.Is(err, ErrNotFound) {
			t.Errorf("PutUnit with unknown ID: %v", err)
		}
		if err := tx.DeleteAssignment(9999); !errors.Is(err, ErrNotFound) {
			t.Errorf("DeleteAssignment: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestFileMode(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("no Unix modes")
	}
	dir := filepath.Join(t.TempDir(), "new", "dir")
	s, err := Open(filepath.Join(dir, "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fi, err := os.Stat(s.Path())
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Errorf("db mode %v", fi.Mode())
	}
	if fi, err := os.Stat(dir); err != nil || fi.Mode().Perm() != 0o700 {
		t.Errorf("dir mode %v, %v", fi.Mode(), err)
	}
	b, err := s.Backup("mode")
	if err != nil {
		t.Fatal(err)
	}
	if fi, err := os.Stat(b); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("backup mode %v, %v", fi.Mode(), err)
	}
}

func TestDefaultPath(t *testing.T) {
	p, err := DefaultPath()
	if err != nil {
		t.Skip(err)
	}
	if !strings.HasSuffix(p, filepath.Join("staffplan", "plans.db")) {
		t.Errorf("DefaultPath = %s", p)
	}
}

func TestTxOutsideUpdate(t *testing.T) {
	s, id := withPlan(t)
	var saved *Tx
	if _, err := s.Update(id, "x", func(tx *Tx) error { saved = tx; return nil }); err != nil {
		t.Fatal(err)
	}
	if _, err := saved.Plan(); err == nil {
		t.Error("Tx still usable after Update returned")
	}
}

func TestUpdateNoChange(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	ch, err := s.Update(id, "same", func(tx *Tx) error {
		u := d.Units[1]
		if err := tx.PutUnit(&u); err != nil {
			return err
		}
		p := d.People[0]
		return tx.PutPerson(&p)
	})
	if err != nil || ch != nil {
		t.Fatalf("rewriting identical records gave change %v, %v", ch, err)
	}
}

func TestUpdateNewIDs(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	top := unitNamed(t, d, "康飞塑业")
	u := model.Unit{Name: "财务部", Kind: model.UnitDepartment, Parent: top.ID}
	var p model.Position
	var person model.Person
	var a model.Assignment
	_, err := s.Update(id, "add", func(tx *Tx) error {
		if err := tx.PutUnit(&u); err != nil {
			return err
		}
		p = model.Position{Title: "会计", Unit: u.ID, ReportsTo: postTitled(t, d, "总经理").ID, Planned: 1}
		if err := tx.PutPosition(&p); err != nil {
			return err
		}
		person = model.Person{Name: "赵六", EmpNo: "B001"}
		if err := tx.PutPerson(&person); err != nil {
			return err
		}
		a = model.Assignment{Person: person.ID, Position: p.ID, FTE: 1}
		if err := tx.PutAssignment(&a); err != nil {
			return err
		}
		got, err := tx.PersonByEmpNo("B001")
		if err != nil || got.ID != person.ID {
			t.Errorf("PersonByEmpNo = %+v, %v", got, err)
		}
		as, err := tx.AssignmentsOf(p.ID)
		if err != nil || len(as) != 1 || as[0] != a {
			t.Errorf("AssignmentsOf = %+v, %v", as, err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	ids := map[model.ID]bool{}
	for _, x := range []model.ID{u.ID, p.ID, person.ID, a.ID} {
		if x == 0 || ids[x] {
			t.Fatalf("IDs not fresh: %v %v %v %v", u.ID, p.ID, person.ID, a.ID)
		}
		ids[x] = true
	}
	after := load(t, s, id)
	mustEqual(t, "new unit", unitNamed(t, after, "财务部"), u)
	mustEqual(t, "new post", postTitled(t, after, "会计"), p)
	mustEqual(t, "new person", personNamed(t, after, "赵六"), person)
}
