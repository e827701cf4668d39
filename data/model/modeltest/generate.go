// Package modeltest makes large plans for benchmarks and tests.
package modeltest

import (
	"fmt"
	"time"

	"staffplan/data/model"
)

// BigPlan is a large company: units units (one company, 20 departments,
// the rest teams under them), posts posts spread evenly with each unit's
// first post as its head, and people people each in one post. Its ids are
// local references, ready for store.CreatePlan.
func BigPlan(units, posts, people int) *model.PlanData {
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
	per := max(1, posts/units)
	for i := 0; i < posts; i++ {
		unit := min(i/per+1, units)
		p := model.Position{ID: model.ID(i + 1), Title: fmt.Sprintf("岗位%d", i), Unit: model.ID(unit),
			Grade: "G5", Planned: 12, Shift: "常白班", Duties: []string{"负责本岗位工作", "完成上级交办的任务"},
			Req: model.Requirements{Education: "大专", Years: 2}}
		head := (unit-1)*per + 1
		if i+1 == head {
			// The head of a unit reports to the head of its parent unit.
			if parent := d.Units[unit-1].Parent; parent != 0 {
				p.ReportsTo = model.ID((int(parent)-1)*per + 1)
			}
		} else {
			p.ReportsTo = model.ID(head)
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
