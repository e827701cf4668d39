package store

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"staffplan/data/model"
)

// TestUpdateValidation makes every rule fail through Update and checks the
// model's problem comes back and nothing is written, not even the valid
// edit made earlier in the same function.
func TestUpdateValidation(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	top, dept, team := unitNamed(t, d, "康飞塑业"), unitNamed(t, d, "生产部"), unitNamed(t, d, "注塑班")
	gm, mgr, lead, worker := postTitled(t, d, "总经理"), postTitled(t, d, "生产经理"), postTitled(t, d, "班长"), postTitled(t, d, "操作工")
	zhang, li := personNamed(t, d, "张三"), personNamed(t, d, "李四")

	with := func(p model.Position, f func(*model.Position)) *model.Position { f(&p); return &p }
	cases := []struct {
		name string
		want error
		edit func(tx *Tx) error
	}{
		{"unit cycle", model.ErrUnitCycle, func(tx *Tx) error {
			u := top
			u.Parent = team.ID
			return tx.PutUnit(&u)
		}},
		{"unit under itself", model.ErrUnitCycle, func(tx *Tx) error {
			u := dept
			u.Parent = dept.ID
			return tx.PutUnit(&u)
		}},
		{"unknown parent", model.ErrUnknownParent, func(tx *Tx) error {
			return tx.PutUnit(&model.Unit{Name: "x", Parent: 99999})
		}},
		{"unit without name", model.ErrEmptyName, func(tx *Tx) error {
			return tx.PutUnit(&model.Unit{Name: " "})
		}},
		{"reports-to cycle", model.ErrReportsCycle, func(tx *Tx) error {
			return tx.PutPosition(with(gm, func(p *model.Position) { p.ReportsTo = worker.ID }))
		}},
		{"reports to itself", model.ErrReportsCycle, func(tx *Tx) error {
			return tx.PutPosition(with(mgr, func(p *model.Position) { p.ReportsTo = mgr.ID }))
		}},
		{"unknown manager", model.ErrUnknownManager, func(tx *Tx) error {
			return tx.PutPosition(with(lead, func(p *model.Position) { p.Dotted = []model.ID{99999} }))
		}},
		{"unknown unit", model.ErrUnknownUnit, func(tx *Tx) error {
			return tx.PutPosition(&model.Position{Title: "x", Unit: 99999})
		}},
		{"planned negative", model.ErrPlanned, func(tx *Tx) error {
			return tx.PutPosition(with(lead, func(p *model.Position) { p.Planned = -1 }))
		}},
		{"planned NaN", model.ErrPlanned, func(tx *Tx) error {
			return tx.PutPosition(with(lead, func(p *model.Position) { p.Planned = math.NaN() }))
		}},
		{"planned Inf", model.ErrPlanned, func(tx *Tx) error {
			return tx.PutPosition(&model.Position{Title: "x", Unit: team.ID, Planned: math.Inf(1)})
		}},
		{"salary band", model.ErrSalary, func(tx *Tx) error {
			return tx.PutPosition(with(lead, func(p *model.Position) { p.SalaryMin = 9000 }))
		}},
		{"duplicate empno new", model.ErrDuplicateEmpNo, func(tx *Tx) error {
			return tx.PutPerson(&model.Person{Name: "x", EmpNo: "A001"})
		}},
		{"duplicate empno change", model.ErrDuplicateEmpNo, func(tx *Tx) error {
			p := zhang
			p.EmpNo = li.EmpNo
			return tx.PutPerson(&p)
		}},
		{"person without name", model.ErrEmptyName, func(tx *Tx) error {
			return tx.PutPerson(&model.Person{EmpNo: "Z9"})
		}},
		{"FTE zero", model.ErrFTE, func(tx *Tx) error {
			return tx.PutAssignment(&model.Assignment{Person: zhang.ID, Position: worker.ID, FTE: 0})
		}},
		{"FTE above one", model.ErrFTE, func(tx *Tx) error {
			return tx.PutAssignment(&model.Assignment{Person: zhang.ID, Position: worker.ID, FTE: 1.01})
		}},
		{"FTE NaN", model.ErrFTE, func(tx *Tx) error {
			return tx.PutAssignment(&model.Assignment{Person: zhang.ID, Position: worker.ID, FTE: math.NaN()})
		}},
		{"unknown person", model.ErrUnknownPerson, func(tx *Tx) error {
			return tx.PutAssignment(&model.Assignment{Person: 99999, Position: worker.ID, FTE: 1})
		}},
		{"unknown position", model.ErrUnknownPosition, func(tx *Tx) error {
			return tx.PutAssignment(&model.Assignment{Person: zhang.ID, Position: 99999, FTE: 1})
		}},
		{"person's post given as person", model.ErrUnknownPerson, func(tx *Tx) error {
			return tx.PutAssignment(&model.Assignment{Person: worker.ID, Position: worker.ID, FTE: 1})
		}},
		{"delete non-empty unit (sub-units)", ErrUnitNotEmpty, func(tx *Tx) error {
			return tx.DeleteUnit(dept.ID)
		}},
		{"delete non-empty unit (posts)", ErrUnitNotEmpty, func(tx *Tx) error {
			return tx.DeleteUnit(team.ID)
		}},
		{"delete held post", ErrPositionHasHolders, func(tx *Tx) error {
			return tx.DeletePosition(lead.ID)
		}},
	}
	file := s.Path()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := readFile(t, file)
			ch, err := s.Update(id, c.name, func(tx *Tx) error {
				// A valid edit first: it must be rolled back too.
				if err := tx.PutUnit(&model.Unit{Name: "temp", Parent: top.ID}); err != nil {
					return err
				}
				return c.edit(tx)
			})
			if !errors.Is(err, c.want) {
				t.Fatalf("got %v, want %v", err, c.want)
			}
			var p *model.Problem
			if !errors.As(err, &p) || p.Text == "" || strings.Contains(p.Error(), "{{") {
				t.Errorf("not a renderable problem: %#v", err)
			}
			if ch != nil {
				t.Error("a change was returned")
			}
			mustUnchanged(t, file, before)
			mustEqual(t, "plan after failed update", load(t, s, id), d)
		})
	}
	// The index still refuses A001 and frees nothing it should not.
	_, err := s.Update(id, "x", func(tx *Tx) error {
		return tx.PutPerson(&model.Person{Name: "x", EmpNo: "A001"})
	})
	if !errors.Is(err, model.ErrDuplicateEmpNo) {
		t.Fatal(err)
	}
}

func TestCreatePlanValidation(t *testing.T) {
	cases := []struct {
		name string
		want error
		edit func(d *model.PlanData)
	}{
		{"unit cycle", model.ErrUnitCycle, func(d *model.PlanData) { d.Units[0].Parent = 3 }},
		{"reports-to cycle", model.ErrReportsCycle, func(d *model.PlanData) { d.Positions[0].ReportsTo = 13 }},
		{"unknown unit", model.ErrUnknownUnit, func(d *model.PlanData) { d.Positions[1].Unit = 99 }},
		{"planned negative", model.ErrPlanned, func(d *model.PlanData) { d.Positions[1].Planned = -2 }},
		{"planned NaN", model.ErrPlanned, func(d *model.PlanData) { d.Positions[1].Planned = math.NaN() }},
		{"planned Inf", model.ErrPlanned, func(d *model.PlanData) { d.Positions[1].Planned = math.Inf(-1) }},
		{"duplicate empno", model.ErrDuplicateEmpNo, func(d *model.PlanData) { d.People[1].EmpNo = "A001" }},
		{"FTE", model.ErrFTE, func(d *model.PlanData) { d.Assignments[0].FTE = 2 }},
		{"unknown person", model.ErrUnknownPerson, func(d *model.PlanData) { d.Assignments[0].Person = 99 }},
		{"unknown position", model.ErrUnknownPosition, func(d *model.PlanData) { d.Assignments[0].Position = 99 }},
		{"unknown dotted", model.ErrUnknownManager, func(d *model.PlanData) { d.Positions[2].Dotted = []model.ID{99} }},
	}
	s, first := withPlan(t)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			before := readFile(t, s.Path())
			backups, _ := s.Backups()
			d := samplePlan()
			c.edit(d)
			id, ch, err := s.CreatePlan(d, "import")
			if !errors.Is(err, c.want) || id != 0 || ch != nil {
				t.Fatalf("got %d, %v, %v; want %v", id, ch, err, c.want)
			}
			mustUnchanged(t, s.Path(), before)
			if ps, _ := s.Plans(); len(ps) != 1 || ps[0].ID != first {
				t.Errorf("plans now %v", ps)
			}
			if after, _ := s.Backups(); len(after) != len(backups) {
				t.Error("a refused plan was backed up for")
			}
		})
	}
	t.Run("local IDs", func(t *testing.T) {
		d := samplePlan()
		d.People[1].ID = d.People[0].ID
		if _, _, err := s.CreatePlan(d, "x"); err == nil {
			t.Error("repeated local ID accepted")
		}
		d = samplePlan()
		d.Units[0].ID = 0
		if _, _, err := s.CreatePlan(d, "x"); err == nil {
			t.Error("zero local ID accepted")
		}
	})
	if _, err := os.Stat(filepath.Join(filepath.Dir(s.Path()), "backups")); err == nil {
		t.Error("backups folder created though no plan was added")
	}
}

// TestEmpNoWithinOneUpdate checks the 工号 index as seen by later puts in the
// same transaction.
func TestEmpNoWithinOneUpdate(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	zhang := personNamed(t, d, "张三")
	_, err := s.Update(id, "x", func(tx *Tx) error {
		a := model.Person{Name: "甲", EmpNo: "X1"}
		if err := tx.PutPerson(&a); err != nil {
			return err
		}
		if err := tx.PutPerson(&model.Person{Name: "乙", EmpNo: "X1"}); !errors.Is(err, model.ErrDuplicateEmpNo) {
			t.Errorf("second X1 in one update: %v", err)
		}
		// 张三 gives up A001; a newcomer may take it in the same update.
		z := zhang
		z.EmpNo = ""
		if err := tx.PutPerson(&z); err != nil {
			return err
		}
		b := model.Person{Name: "丙", EmpNo: "A001"}
		if err := tx.PutPerson(&b); err != nil {
			return err
		}
		if got, err := tx.PersonByEmpNo("A001"); err != nil || got.ID != b.ID {
			t.Errorf("A001 owner %+v, %v", got, err)
		}
		if err := tx.DeletePerson(a.ID); err != nil {
			return err
		}
		if _, err := tx.PersonByEmpNo("X1"); !errors.Is(err, ErrNotFound) {
			t.Errorf("X1 still indexed: %v", err)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	after := load(t, s, id)
	if personNamed(t, after, "丙").EmpNo != "A001" || personNamed(t, after, "张三").EmpNo != "" {
		t.Error("people not saved")
	}
	_, err = s.Update(id, "x", func(tx *Tx) error {
		return tx.PutPerson(&model.Person{Name: "丁", EmpNo: "X1"})
	})
	if err != nil {
		t.Errorf("X1 of a person deleted in the same update still taken: %v", err)
	}
}
