package model

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// small builds 公司 → 生产部 → 一班 with a manager, a supervisor and a worker.
func small() *PlanData {
	return &PlanData{
		Units: []Unit{
			{ID: 1, Name: "公司", Kind: UnitCompany},
			{ID: 2, Name: "生产部", Parent: 1},
			{ID: 3, Name: "一班", Parent: 2, Kind: UnitTeam},
		},
		Positions: []Position{
			{ID: 10, Title: "总经理", Unit: 1, Planned: 1},
			{ID: 11, Title: "生产部经理", Unit: 2, ReportsTo: 10, Planned: 1},
			{ID: 12, Title: "操作工", Unit: 3, ReportsTo: 11, Planned: 5},
			{ID: 13, Title: "副总经理", Unit: 1, ReportsTo: 10, Planned: 2, Status: StatusNotSetUp},
		},
		People: []Person{
			{ID: 20, EmpNo: "A1", Name: "甲"},
			{ID: 21, EmpNo: "A2", Name: "乙"},
			{ID: 22, EmpNo: "A3", Name: "丙", Status: PersonLeft},
			{ID: 23, Name: "丁", Status: PersonProbation},
		},
		Assignments: []Assignment{
			{ID: 30, Person: 20, Position: 10, FTE: 1},
			{ID: 31, Person: 21, Position: 11, FTE: 0.5},
			{ID: 32, Person: 21, Position: 12, FTE: 0.5},
			{ID: 33, Person: 22, Position: 12, FTE: 1},
			{ID: 34, Person: 23, Position: 12, FTE: 1},
		},
	}
}

func TestComputeFigures(t *testing.T) {
	f := Compute(small())
	op := f.Positions[12]
	if op.Actual != 1.5 || op.Vacancy != 3.5 || len(op.Holders) != 2 {
		t.Errorf("操作工: actual %v vacancy %v holders %v", op.Actual, op.Vacancy, op.Holders)
	}
	if !op.Holders[0].Concurrent || op.Holders[1].Concurrent {
		t.Errorf("乙 holds two posts (兼任), 丁 one: %+v", op.Holders)
	}
	if f.Positions[13].Vacancy != 0 {
		t.Error("a post not set up is not a vacancy")
	}
	gm := f.Positions[10]
	if gm.DirectReports != 2 || gm.TotalUnder != 3 || gm.Layer != 1 || f.Positions[12].Layer != 3 {
		t.Errorf("总经理 reports %d under %d layer %d", gm.DirectReports, gm.TotalUnder, gm.Layer)
	}
	co, prod, team := f.Units[1], f.Units[2], f.Units[3]
	if co.PlannedDirect != 1 || co.PlannedTotal != 7 || co.ActualDirect != 1 || co.ActualTotal != 3 {
		t.Errorf("公司 %+v", *co)
	}
	if prod.PlannedDirect != 1 || prod.PlannedTotal != 6 || prod.ActualTotal != 2 || team.ActualDirect != 1.5 {
		t.Errorf("生产部 %+v 一班 %+v", *prod, *team)
	}
	if f.PeopleInPost != 3 {
		t.Errorf("people in post %d, want 3 (丙 has left)", f.PeopleInPost)
	}
	if got := UnitPath(small(), 3); len(got) != 3 || got[2] != "一班" {
		t.Errorf("path %v", got)
	}
}

func TestComputeKeepsSiblingOrder(t *testing.T) {
	d := small()
	d.Units = append(d.Units, Unit{ID: 4, Name: "财务部", Parent: 1, Order: -1})
	f := Compute(d)
	if kids := f.Children[1]; len(kids) != 2 || kids[0] != 4 {
		t.Errorf("children %v: Order -1 comes first", kids)
	}
}

func TestValidateFindsEveryProblem(t *testing.T) {
	cases := []struct {
		name   string
		mutate func(d *PlanData)
		want   error
	}{
		{"unit cycle", func(d *PlanData) { d.Units[0].Parent = 3 }, ErrUnitCycle},
		{"unit under itself", func(d *PlanData) { d.Units[1].Parent = 2 }, ErrUnitCycle},
		{"unknown parent", func(d *PlanData) { d.Units[1].Parent = 99 }, ErrUnknownParent},
		{"unit without name", func(d *PlanData) { d.Units[1].Name = " " }, ErrEmptyName},
		{"reports-to cycle", func(d *PlanData) { d.Positions[0].ReportsTo = 12 }, ErrReportsCycle},
		{"reports to itself", func(d *PlanData) { d.Positions[1].ReportsTo = 11 }, ErrReportsCycle},
		{"unknown manager", func(d *PlanData) { d.Positions[1].ReportsTo = 99 }, ErrUnknownManager},
		{"unknown dotted manager", func(d *PlanData) { d.Positions[1].Dotted = []ID{98} }, ErrUnknownManager},
		{"unknown unit", func(d *PlanData) { d.Positions[1].Unit = 99 }, ErrUnknownUnit},
		{"no unit", func(d *PlanData) { d.Positions[1].Unit = 0 }, ErrUnknownUnit},
		{"negative planned", func(d *PlanData) { d.Positions[1].Planned = -1 }, ErrPlanned},
		{"NaN planned", func(d *PlanData) { d.Positions[1].Planned = math.NaN() }, ErrPlanned},
		{"infinite planned", func(d *PlanData) { d.Positions[1].Planned = math.Inf(1) }, ErrPlanned},
		{"salary band", func(d *PlanData) { d.Positions[1].SalaryMin, d.Positions[1].SalaryMax = 9000, 5000 }, ErrSalary},
		{"duplicate 工号", func(d *PlanData) { d.People[1].EmpNo = "A1" }, ErrDuplicateEmpNo},
		{"person without name", func(d *PlanData) { d.People[0].Name = "" }, ErrEmptyName},
		{"FTE zero", func(d *PlanData) { d.Assignments[0].FTE = 0 }, ErrFTE},
		{"FTE above one", func(d *PlanData) { d.Assignments[0].FTE = 1.5 }, ErrFTE},
		{"unknown person", func(d *PlanData) { d.Assignments[0].Person = 99 }, ErrUnknownPerson},
		{"unknown position", func(d *PlanData) { d.Assignments[0].Position = 99 }, ErrUnknownPosition},
	}
	if err := small().Validate(); err != nil {
		t.Fatalf("valid plan: %v", err)
	}
	for _, c := range cases {
		d := small()
		c.mutate(d)
		err := d.Validate()
		if !errors.Is(err, c.want) {
			t.Errorf("%s: got %v, want %s", c.name, err, c.want.(*Problem).Key)
		}
	}
}

func TestProblemMessages(t *testing.T) {
	d := small()
	d.Positions[1].ReportsTo = 12
	err := d.Validate()
	// Every post on the loop is named.
	if err == nil || !strings.Contains(err.Error(), "生产部经理 cannot report to itself or to a post under it.") ||
		!strings.Contains(err.Error(), "操作工 cannot report") {
		t.Errorf("message %q", err)
	}
	if ErrReportsCycle.Error() == "" {
		t.Error("sentinel renders empty")
	}
}

func TestWorkBasis(t *testing.T) {
	if b := (WorkBasis{}); b.HoursPerMonth() != 165.33 || b.DaysPerMonth() != 20.67 {
		t.Errorf("default basis is the 2025 rules: %v %v", b.DaysPerMonth(), b.HoursPerMonth())
	}
	if b := (WorkBasis{Kind: Basis2008}); b.HoursPerMonth() != 166.64 {
		t.Errorf("2008 basis %v", b.HoursPerMonth())
	}
	if b := (WorkBasis{Kind: BasisCustom, Days: 22, Hours: 176}); b.HoursPerMonth() != 176 || b.DaysPerMonth() != 22 {
		t.Errorf("custom basis %+v", b)
	}
}

// TestNamesHaveAMaximumLength: a pasted document as a name is refused
// wherever it is typed or imported, with a message naming its start; a
// name of 200 characters is fine.
func TestNamesHaveAMaximumLength(t *testing.T) {
	long := strings.Repeat("很", MaxNameRunes+1)
	ok := strings.Repeat("很", MaxNameRunes)
	up := func(ID) (ID, bool) { return 0, false }
	for _, c := range []struct {
		what string
		err  func(name string) error
	}{
		{"unit", func(n string) error { return CheckUnit(&Unit{ID: 1, Name: n}, up) }},
		{"post", func(n string) error {
			return CheckPosition(&Position{ID: 1, Title: n, Unit: 1}, func(ID) bool { return true }, up)
		}},
		{"person", func(n string) error { return CheckPerson(&Person{ID: 1, Name: n}) }},
	} {
		var p *Problem
		if err := c.err(long); !errors.As(err, &p) || p.Key != "err.name_too_long" {
			t.Errorf("%s named with %d characters: %v, want err.name_too_long", c.what, MaxNameRunes+1, err)
		}
		if err := c.err(ok); err != nil {
			t.Errorf("%s named with %d characters: %v", c.what, MaxNameRunes, err)
		}
	}
}
