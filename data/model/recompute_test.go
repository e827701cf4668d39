package model_test

import (
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"staffplan/data/model"
	"staffplan/data/model/modeltest"
)

// TestRecomputePostsMatchesCompute: after edits of units and posts alone,
// the figures derived again from the previous ones are Compute's.
func TestRecomputePostsMatchesCompute(t *testing.T) {
	d := modeltest.BigPlan(6, 40, 120)
	prev := model.Compute(d)
	edits := []func(){
		func() { d.Positions[3].Planned = 2.5 },
		func() { d.Positions[7].Status = model.StatusFrozen },
		func() { d.Positions[9].ReportsTo = d.Positions[1].ID },
		func() { d.Positions[12].Unit = d.Units[4].ID; d.Positions[12].Order = -1 },
		func() { d.Units[5].Parent = d.Units[2].ID },
		func() {
			d.Positions = append(d.Positions, model.Position{ID: 1000, Title: "新", Unit: d.Units[3].ID, Planned: 1, ReportsTo: d.Positions[0].ID})
		},
		func() {
			// A post nobody holds goes; its reports go to the top.
			for i := range d.Positions {
				if d.Positions[i].ReportsTo == 1000 {
					d.Positions[i].ReportsTo = 0
				}
			}
			d.Positions = d.Positions[:len(d.Positions)-1]
		},
	}
	for i, edit := range edits {
		edit()
		got, want := model.RecomputePosts(d, prev), model.Compute(d)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("edit %d: figures differ from Compute's", i)
		}
		prev = got
	}
}

// TestRecomputeMatchesCompute: after random edits of people, assignments
// and posts, the figures derived again for the people touched are
// Compute's.
func TestRecomputeMatchesCompute(t *testing.T) {
	d := modeltest.BigPlan(6, 40, 200)
	// Some people in two posts, so that 兼任 comes and goes.
	for i := 0; i < 30; i++ {
		d.Assignments = append(d.Assignments, model.Assignment{ID: model.ID(1000 + i), Person: model.ID(i*3 + 1),
			Position: model.ID(i%40 + 1), FTE: 0.5})
	}
	prev := model.Compute(d)
	rng := rand.New(rand.NewPCG(1, 2))
	nextID := model.ID(5000)
	for step := 0; step < 400; step++ {
		old := d
		d = &model.PlanData{Plan: old.Plan, Units: old.Units, Positions: slices.Clone(old.Positions),
			People: slices.Clone(old.People), Assignments: slices.Clone(old.Assignments)}
		var persons []model.ID
		touch := func(a model.Assignment) { persons = append(persons, a.Person) }
		kind := rng.IntN(6)
		if kind == 4 && len(d.Positions) < 20 {
			kind = 5
		}
		switch kind {
		case 0: // a share changes
			i := rng.IntN(len(d.Assignments))
			d.Assignments[i].FTE = float64(rng.IntN(4)+1) / 4
			touch(d.Assignments[i])
		case 1: // someone takes another post
			nextID++
			a := model.Assignment{ID: nextID, Person: d.People[rng.IntN(len(d.People))].ID,
				Position: d.Positions[rng.IntN(len(d.Positions))].ID, FTE: 0.5}
			d.Assignments = append(d.Assignments, a)
			touch(a)
		case 2: // someone leaves a post
			i := rng.IntN(len(d.Assignments))
			touch(d.Assignments[i])
			d.Assignments = slices.Delete(d.Assignments, i, i+1)
		case 3: // someone leaves the company, or comes back
			i := rng.IntN(len(d.People))
			d.People[i].Status = model.PersonStatuses[rng.IntN(3)]
			d.People[i].Name += "·"
			persons = append(persons, d.People[i].ID)
		case 4: // a held post goes with its assignments
			id := d.Positions[rng.IntN(len(d.Positions))].ID
			d.Assignments = slices.DeleteFunc(d.Assignments, func(a model.Assignment) bool {
				if a.Position == id {
					touch(a)
					return true
				}
				return false
			})
			for i := range d.Positions {
				if d.Positions[i].ReportsTo == id {
					d.Positions[i].ReportsTo = 0
				}
			}
			d.Positions = slices.DeleteFunc(d.Positions, func(p model.Position) bool { return p.ID == id })
		case 5: // a post edit alone
			i := rng.IntN(len(d.Positions))
			d.Positions[i].Planned = float64(rng.IntN(5))
		}
		got, want := model.Recompute(d, old, prev, persons), model.Compute(d)
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("step %d: figures differ from Compute's", step)
		}
		prev = got
	}
}
