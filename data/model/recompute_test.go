package model_test

import (
	"reflect"
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
