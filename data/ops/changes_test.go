package ops

import (
	"slices"
	"testing"

	"staffplan/data/model"
	"staffplan/data/store"
)

// withChanges gives 操作工 two planned changes before the case runs.
func withChanges(t *testing.T, tx *store.Tx, d *model.PlanData) model.ID {
	t.Helper()
	id := postID(t, d, "操作工")
	for _, c := range []model.PlannedChange{{From: model.MonthOf(2027, 3), Planned: 4},
		{From: model.MonthOf(2027, 9), Kind: model.ChangeStatus, Status: model.StatusFrozen}} {
		if err := AddPlannedChange(tx, id, c); err != nil {
			t.Fatal(err)
		}
	}
	return id
}

func TestPlannedChangeOps(t *testing.T) {
	mar := model.PlannedChange{From: model.MonthOf(2027, 3), Planned: 4}
	frozen := model.PlannedChange{From: model.MonthOf(2027, 9), Kind: model.ChangeStatus, Status: model.StatusFrozen}
	runCases(t, []opCase{
		{name: "changes are added at the end of the list", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			withChanges(t, tx, d)
			return nil
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "操作工").Changes; !slices.Equal(got, []model.PlannedChange{mar, frozen}) {
				t.Errorf("changes %+v", got)
			}
		}},
		{name: "a change is edited in place", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			id := withChanges(t, tx, d)
			return EditPlannedChange(tx, id, 0, model.PlannedChange{From: model.MonthOf(2027, 4), Planned: 6})
		}, check: func(t *testing.T, d *model.PlanData) {
			want := []model.PlannedChange{{From: model.MonthOf(2027, 4), Planned: 6}, frozen}
			if got := post(t, d, "操作工").Changes; !slices.Equal(got, want) {
				t.Errorf("changes %+v", got)
			}
		}},
		{name: "a change is removed, the others kept", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			id := withChanges(t, tx, d)
			return RemovePlannedChange(tx, id, 0)
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "操作工").Changes; !slices.Equal(got, []model.PlannedChange{frozen}) {
				t.Errorf("changes %+v", got)
			}
		}},
		{name: "a change that is not there is refused", want: ErrNoPlannedChange, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return RemovePlannedChange(tx, postID(t, d, "操作工"), 0)
		}},
		{name: "an edit of a change that is not there is refused", want: ErrNoPlannedChange, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return EditPlannedChange(tx, postID(t, d, "操作工"), -1, mar)
		}},
		{name: "a change with no month is refused", want: ErrPlannedChange, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return AddPlannedChange(tx, postID(t, d, "操作工"), model.PlannedChange{Planned: 4})
		}},
	})
}
