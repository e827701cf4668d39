package store

import (
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"staffplan/data/model"
)

var (
	benchOnce sync.Once
	benchDir  string
	benchPath string
	benchPlan model.ID
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// bigPlan is a large company: 500 units, 10,000 posts, 100,000 people each
// in one post.
func bigPlan() *model.PlanData {
	const units, posts, people = 500, 10_000, 100_000
	d := &model.PlanData{Plan: model.Plan{Name: "big", Organisation: "集团"}}
	for i := 1; i <= units; i++ {
		u := model.Unit{ID: model.ID(i), Name: fmt.Sprintf("单元%d", i), Kind: model.UnitTeam, Order: i}
		switch {
		case i == 1:
			u.Kind = model.UnitCompany
		case i <= 21:
			u.Kind, u.Parent = model.UnitDepartment, 1
		default:
			u.Parent = model.ID(2 + i%20)
		}
		d.Units = append(d.Units, u)
	}
	const per = posts / units
	for i := 0; i < posts; i++ {
		unit := i/per + 1
		p := model.Position{ID: model.ID(i + 1), Title: fmt.Sprintf("岗位%d", i), Unit: model.ID(unit),
			Grade: "G5", Planned: 12, Shift: "常白班", Duties: []string{"负责本岗位工作", "完成上级交办的任务"},
			Req: model.Requirements{Education: "大专", Years: 2}}
		if i%per == 0 {
			// The head of a unit reports to the head of its parent unit.
			if parent := d.Units[unit-1].Parent; parent != 0 {
				p.ReportsTo = model.ID((int(parent)-1)*per + 1)
			}
		} else {
			p.ReportsTo = model.ID((unit-1)*per + 1)
		}
		d.Positions = append(d.Positions, p)
	}
	hire := time.Date(2020, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < people; i++ {
		d.People = append(d.People, model.Person{ID: model.ID(i + 1), EmpNo: fmt.Sprintf("E%06d", i),
			Name: fmt.Sprintf("员工%d", i), HireDate: hire.AddDate(0, 0, i%3000), Grade: "G3"})
		d.Assignments = append(d.Assignments, model.Assignment{ID: model.ID(i + 1), Person: model.ID(i + 1),
			Position: model.ID(i%posts + 1), FTE: 1})
	}
	return d
}

func benchDB(b *testing.B) (string, model.ID) {
	benchOnce.Do(func() {
		if benchDir, benchErr = os.MkdirTemp("", "staffplan-bench-"); benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "plans.db")
		s, err := Open(benchPath, nil)
		if err != nil {
			benchErr = err
			return
		}
		start := time.Now()
		benchPlan, _, benchErr = s.CreatePlan(bigPlan(), "bench")
		b.Logf("CreatePlan took %v", time.Since(start))
		if err := s.Close(); benchErr == nil {
			benchErr = err
		}
		if fi, err := os.Stat(benchPath); err == nil {
			b.Logf("database is %.1f MB", float64(fi.Size())/1e6)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath, benchPlan
}

func BenchmarkLoadPlan(b *testing.B) {
	path, id := benchDB(b)
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		d, err := s.LoadPlan(id)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.People) != 100_000 || len(d.Assignments) != 100_000 || len(d.Positions) != 10_000 {
			b.Fatalf("loaded %d people, %d assignments, %d posts", len(d.People), len(d.Assignments), len(d.Positions))
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
