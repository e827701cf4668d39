package model_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"staffplan/data/model"
	"staffplan/data/model/modeltest"
)

// TestRecomputePlannedMatchesCompute: after random edits of posts'
// headcount and status, in units nested several deep, the figures derived
// again for the posts edited are Compute's to the last bit, and the
// figures before the edit are left as they were.
func TestRecomputePlannedMatchesCompute(t *testing.T) {
	d := modeltest.BigPlan(12, 80, 200)
	// Nest the units: each under an earlier one, so totals roll up
	// through chains with several sub-units at each level.
	for i := 1; i < len(d.Units); i++ {
		d.Units[i].Parent = d.Units[(i-1)/3].ID
	}
	rng := rand.New(rand.NewPCG(3, 4))
	// Posts shown in another order than their ids, and units too.
	for i := range d.Positions {
		d.Positions[i].Order = rng.IntN(1000)
	}
	for i := range d.Units {
		d.Units[i].Order = rng.IntN(1000)
	}
	prev := model.Compute(d)
	// Shares that do not add up exactly in binary, so a sum taken in
	// another order would differ in its last bits.
	amounts := []float64{0.1, 0.2, 0.3, 1.7, 2.35, 0, 3}
	for step := 0; step < 300; step++ {
		old := d
		d = &model.PlanData{Plan: old.Plan, Units: old.Units, Positions: slices.Clone(old.Positions),
			People: old.People, Assignments: old.Assignments}
		var posts []model.ID
		for range rng.IntN(3) + 1 {
			i := rng.IntN(len(d.Positions))
			p := &d.Positions[i]
			p.Planned = amounts[rng.IntN(len(amounts))]
			if rng.IntN(5) == 0 {
				p.Status = model.PositionStatuses[rng.IntN(len(model.PositionStatuses))]
			}
			p.Title += "·"
			posts = append(posts, p.ID)
		}
		before := model.Compute(old)
		got, ok := model.RecomputePlanned(d, old, prev, posts)
		if !ok {
			t.Fatalf("step %d: a headcount edit was not followed", step)
		}
		if want := model.Compute(d); !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: figures differ from Compute's", step)
		}
		if !reflect.DeepEqual(prev, before) {
			t.Fatalf("step %d: the figures before the edit were changed", step)
		}
		prev = got
	}
}

// TestRecomputePlannedRefusesMoves: a post moved to another unit or
// manager, or one added, is not a headcount edit.
func TestRecomputePlannedRefusesMoves(t *testing.T) {
	d := modeltest.BigPlan(4, 20, 30)
	prev := model.Compute(d)
	for name, edit := range map[string]func(d *model.PlanData){
		"unit":    func(d *model.PlanData) { d.Positions[3].Unit = d.Units[2].ID },
		"manager": func(d *model.PlanData) { d.Positions[3].ReportsTo = d.Positions[1].ID },
		"order":   func(d *model.PlanData) { d.Positions[3].Order = -5 },
		"added": func(d *model.PlanData) {
			d.Positions = append(d.Positions, model.Position{ID: 999, Title: "新", Unit: d.Units[1].ID, Planned: 1})
		},
	} {
		n := &model.PlanData{Plan: d.Plan, Units: d.Units, Positions: slices.Clone(d.Positions), People: d.People, Assignments: d.Assignments}
		edit(n)
		if _, ok := model.RecomputePlanned(n, d, prev, []model.ID{d.Positions[3].ID, 999}); ok {
			t.Errorf("%s: followed as a headcount edit", name)
		}
	}
}
