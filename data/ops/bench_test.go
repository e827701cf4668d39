package ops

import (
	"path/filepath"
	"testing"

	"staffplan/data/model"
	"staffplan/data/model/modeltest"
	"staffplan/data/store"
)

// largeStore holds a plan of 10,000 posts and 100,000 people, the size the
// window's edit benchmark uses: the operations read inside the transaction
// (a unit's posts, a person's assignments), and that must stay cheap.
func largeStore(b *testing.B) (*store.Store, model.ID, *model.PlanData) {
	b.Helper()
	st, err := store.Open(filepath.Join(b.TempDir(), "big.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	id, _, err := st.CreatePlan(modeltest.BigPlan(500, 10_000, 100_000), "bench")
	if err != nil {
		b.Fatal(err)
	}
	d, err := st.LoadPlan(id)
	if err != nil {
		b.Fatal(err)
	}
	return st, id, d
}

// BenchmarkAddPositionLargePlan adds a post and undoes it.
func BenchmarkAddPositionLargePlan(b *testing.B) {
	st, id, d := largeStore(b)
	unit := d.Units[len(d.Units)/2].ID
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch, err := st.Update(id, "add", func(tx *store.Tx) error {
			return AddPosition(tx, &model.Position{Title: "新岗位", Unit: unit, Planned: 1})
		})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Revert(ch); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkAssignLargePlan assigns a person to a post and undoes it.
func BenchmarkAssignLargePlan(b *testing.B) {
	st, id, d := largeStore(b)
	person, post := d.People[len(d.People)/2].ID, d.Positions[7].ID
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ch, err := st.Update(id, "assign", func(tx *store.Tx) error {
			_, err := Assign(tx, person, post, AssignOptions{FullTime: KeepBoth, Share: 0.5})
			return err
		})
		if err != nil {
			b.Fatal(err)
		}
		if err := st.Revert(ch); err != nil {
			b.Fatal(err)
		}
	}
}
