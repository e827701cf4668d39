package budget

import (
	"fmt"
	"testing"
	"time"

	"staffplan/data/model"
)

// bigPlan has 10,000 posts in 100 units, 100,000 people (a tenth expected
// to start or leave within the three years) and 5,000 planned changes.
func bigPlan() *model.PlanData {
	d := &model.PlanData{Plan: model.Plan{Budget: model.Budget{Profile: beijing25()}}}
	d.Units = append(d.Units, model.Unit{ID: 1, Name: "公司"})
	for u := 0; u < 100; u++ {
		d.Units = append(d.Units, model.Unit{ID: model.ID(2 + u), Name: fmt.Sprintf("部门%d", u), Parent: 1})
	}
	id := model.ID(1000)
	for i := 0; i < 10000; i++ {
		p := model.Position{ID: id, Title: fmt.Sprintf("岗位%d", i), Unit: model.ID(2 + i%100), Planned: 10,
			MonthlyPay: int64(5000_00 + i), MonthsPaid: 1300}
		if i%2 == 0 {
			p.Changes = []model.PlannedChange{{From: model.MonthOf(2027, time.Month(1+i%12)), Kind: model.ChangePlanned, Planned: 12}}
		}
		d.Positions = append(d.Positions, p)
		id++
	}
	for i := 0; i < 100000; i++ {
		p := model.Person{ID: id, Name: fmt.Sprintf("员工%d", i)}
		switch i % 20 {
		case 0:
			p.ExpectedStart = time.Date(2027, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		case 1:
			p.ExpectedLeave = time.Date(2028, time.Month(1+i%12), 1+i%28, 0, 0, 0, 0, time.UTC)
		}
		d.People = append(d.People, p)
		d.Assignments = append(d.Assignments, model.Assignment{ID: id + 200000, Person: id, Position: model.ID(1000 + i%10000), FTE: 1})
		id++
	}
	return d
}

// BenchmarkProjection: 36 months of a plan of 10,000 posts, 100,000 people
// and 5,000 planned changes.
func BenchmarkProjection(b *testing.B) {
	d := bigPlan()
	b.ResetTimer()
	for b.Loop() {
		pr := Project(d, model.MonthOf(2027, 1), 36)
		if len(pr.Months) != 36 {
			b.Fatal("months")
		}
	}
}
