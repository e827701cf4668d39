package store

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"staffplan/data/model"
)

// samplePlan sets every field of every record at least once.
func samplePlan() *model.PlanData {
	return &model.PlanData{
		Plan: model.Plan{
			Name: "2025 编制", Organisation: "康飞塑业", Notes: "first draft",
			Effective: time.Date(2025, 3, 1, 0, 0, 0, 0, time.UTC),
			Basis:     model.WorkBasis{Kind: model.BasisCustom, Days: 21.5, Hours: 172},
			Budget: model.Budget{Revenue: 5_000_000_00, Profile: model.ContributionProfile{
				Name: "beijing", Title: "北京", Year: 2025, Source: "京人社发〔2025〕x号",
				Rates:     [model.NumContributions]model.Rate{160000, 98000, 5000, model.NoRate, 120000},
				BaseFloor: 7162_00, BaseCeiling: 35811_00}},
		},
		Units: []model.Unit{
			{ID: 1, Name: "康飞塑业", Kind: model.UnitCompany, Note: "HQ"},
			{ID: 2, Name: "生产部", Kind: model.UnitDepartment, Parent: 1, Order: 2, Note: "plant"},
			{ID: 3, Name: "注塑班", Kind: model.UnitTeam, Parent: 2, Order: -1},
			{ID: 4, Name: "深圳办", Kind: model.UnitSiteOffice, Parent: 1, Order: 3, Starts: model.MonthOf(2027, 6)},
		},
		Positions: []model.Position{
			{ID: 10, Title: "总经理", Unit: 1, Planned: 1},
			{ID: 11, Title: "生产经理", Unit: 2, ReportsTo: 10, Planned: 1},
			{ID: 12, Title: "班长", Unit: 3, ReportsTo: 11, Dotted: []model.ID{10}, Grade: "G5",
				Planned: 2.5, Status: model.StatusFrozen, Employment: model.EmployAgency, Shift: "三班倒",
				SalaryMin: 5000, SalaryMax: 8000.5, Mission: "keep the line running",
				Duties: []string{"排班", "安全检查"},
				Req:    model.Requirements{Education: "大专", Years: 3.5, Certificates: "电工证", Other: "能倒班"},
				Note:   "note", Order: 7,
				MonthlyPay: 6500_50, MonthsPaid: 1350, Allowances: 300_00, Starts: model.MonthOf(2026, 1), Turnover: 1500,
				Changes: []model.PlannedChange{{From: model.MonthOf(2027, 3), Kind: model.ChangePlanned, Planned: 4},
					{From: model.MonthOf(2027, 9), Kind: model.ChangeStatus, Status: model.StatusFrozen}}},
			{ID: 13, Title: "操作工", Unit: 3, ReportsTo: 12, Dotted: []model.ID{11}, Planned: 10,
				Status: model.StatusNotSetUp, Employment: model.EmployRetiree},
			{ID: 14, Title: "销售代表", Unit: 4, ReportsTo: 10, Planned: 3},
		},
		People: []model.Person{
			{ID: 20, EmpNo: "A001", Name: "张三", HireDate: time.Date(2020, 5, 6, 0, 0, 0, 0, time.UTC),
				Status: model.PersonProbation, Employment: model.EmployPartTime, Grade: "G3"},
			{ID: 21, EmpNo: "A002", Name: "李四", HireDate: time.Date(2019, 1, 2, 8, 30, 0, 123, time.Local),
				Status: model.PersonLeft, Employment: model.EmployIntern},
			{ID: 22, Name: "王五", ExpectedLeave: time.Date(2027, 3, 31, 0, 0, 0, 0, time.UTC)},
			{ID: 23, Name: "孙七", ExpectedStart: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)},
		},
		Assignments: []model.Assignment{
			{ID: 30, Person: 20, Position: 12, FTE: 1},
			{ID: 31, Person: 21, Position: 13, FTE: 0.5},
			{ID: 32, Person: 21, Position: 12, FTE: 0.25},
			{ID: 33, Person: 22, Position: 13, FTE: 1},
		},
	}
}

// openTemp opens a fresh store in a temporary folder, closed at cleanup.
func openTemp(t testing.TB, opt *Options) *Store {
	t.Helper()
	s, err := Open(filepath.Join(t.TempDir(), "plans.db"), opt)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// withPlan opens a store holding samplePlan.
func withPlan(t testing.TB) (*Store, model.ID) {
	t.Helper()
	s := openTemp(t, nil)
	id, _, err := s.CreatePlan(samplePlan(), "test")
	if err != nil {
		t.Fatal(err)
	}
	return s, id
}

func load(t testing.TB, s *Store, id model.ID) *model.PlanData {
	t.Helper()
	d, err := s.LoadPlan(id)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// unitNamed, postTitled and personNamed find records of a loaded plan.
func unitNamed(t testing.TB, d *model.PlanData, name string) model.Unit {
	t.Helper()
	for _, u := range d.Units {
		if u.Name == name {
			return u
		}
	}
	t.Fatalf("no unit %q", name)
	return model.Unit{}
}

func postTitled(t testing.TB, d *model.PlanData, title string) model.Position {
	t.Helper()
	for _, p := range d.Positions {
		if p.Title == title {
			return p
		}
	}
	t.Fatalf("no position %q", title)
	return model.Position{}
}

func personNamed(t testing.TB, d *model.PlanData, name string) model.Person {
	t.Helper()
	for _, p := range d.People {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no person %q", name)
	return model.Person{}
}

func mustEqual(t testing.TB, what string, got, want any) {
	t.Helper()
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("%s:\n got %+v\nwant %+v", what, got, want)
	}
}

func readFile(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func mustUnchanged(t testing.TB, path string, before []byte) {
	t.Helper()
	if !bytes.Equal(readFile(t, path), before) {
		t.Fatalf("%s was modified", path)
	}
}
