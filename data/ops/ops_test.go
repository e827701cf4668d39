package ops

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"testing"

	"staffplan/data/calc"
	"staffplan/data/importer"
	"staffplan/data/model"
	"staffplan/data/store"
)

// fixture is a real store in a temporary folder holding one small plan:
//
//	公司: 副总 (order 1), 总经理 (order 0, the unit's head though stored second)
//	  生产部: 经理 ← 班长 ← 操作工
//	  行政部: no posts
//
// 张三 works full time as 操作工; 李四 half as 操作工 and half as 班长;
// 王五 half as 经理; 赵六 has no post.
type fixture struct {
	st   *store.Store
	plan model.ID
}

func newFixture(t *testing.T) *fixture {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d := &model.PlanData{
		Plan: model.Plan{Name: "2026 编制"},
		Units: []model.Unit{
			{ID: 1, Name: "公司", Kind: model.UnitCompany},
			{ID: 2, Name: "生产部", Kind: model.UnitDepartment, Parent: 1, Order: 0},
			{ID: 3, Name: "行政部", Kind: model.UnitDepartment, Parent: 1, Order: 1},
		},
		Positions: []model.Position{
			{ID: 10, Title: "副总", Unit: 1, Planned: 1, Order: 1, ReportsTo: 11},
			{ID: 11, Title: "总经理", Unit: 1, Planned: 1, Order: 0},
			{ID: 12, Title: "经理", Unit: 2, Planned: 1, ReportsTo: 11, Order: 0},
			{ID: 13, Title: "班长", Unit: 2, Planned: 1, ReportsTo: 12, Order: 1},
			{ID: 14, Title: "操作工", Unit: 2, Planned: 3, ReportsTo: 13, Order: 2},
		},
		People: []model.Person{
			{ID: 20, EmpNo: "E1", Name: "张三"},
			{ID: 21, EmpNo: "E2", Name: "李四"},
			{ID: 22, EmpNo: "E3", Name: "王五"},
			{ID: 23, EmpNo: "E4", Name: "赵六"},
		},
		Assignments: []model.Assignment{
			{ID: 30, Person: 20, Position: 14, FTE: 1},
			{ID: 31, Person: 21, Position: 14, FTE: 0.5},
			{ID: 32, Person: 21, Position: 13, FTE: 0.5},
			{ID: 33, Person: 22, Position: 12, FTE: 0.5},
		},
	}
	id, _, err := st.CreatePlan(d, "test")
	if err != nil {
		t.Fatal(err)
	}
	return &fixture{st: st, plan: id}
}

func (f *fixture) load(t *testing.T) *model.PlanData {
	t.Helper()
	d, err := f.st.LoadPlan(f.plan)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// The store gives records new IDs, so the cases name them.

func unitID(t *testing.T, d *model.PlanData, name string) model.ID {
	t.Helper()
	for _, u := range d.Units {
		if u.Name == name {
			return u.ID
		}
	}
	t.Fatalf("no unit %q", name)
	return 0
}

func postID(t *testing.T, d *model.PlanData, title string) model.ID {
	t.Helper()
	for _, p := range d.Positions {
		if p.Title == title {
			return p.ID
		}
	}
	t.Fatalf("no post %q", title)
	return 0
}

func post(t *testing.T, d *model.PlanData, title string) model.Position {
	t.Helper()
	id := postID(t, d, title)
	for _, p := range d.Positions {
		if p.ID == id {
			return p
		}
	}
	return model.Position{}
}

func personID(t *testing.T, d *model.PlanData, name string) model.ID {
	t.Helper()
	for _, p := range d.People {
		if p.Name == name {
			return p.ID
		}
	}
	t.Fatalf("no person %q", name)
	return 0
}

// holdings lists a person's posts with their FTE by title.
func holdings(t *testing.T, d *model.PlanData, name string) map[string]float64 {
	t.Helper()
	pid := personID(t, d, name)
	title := map[model.ID]string{}
	for _, p := range d.Positions {
		title[p.ID] = p.Title
	}
	out := map[string]float64{}
	for _, a := range d.Assignments {
		if a.Person == pid {
			out[title[a.Position]] += a.FTE
		}
	}
	return out
}

func assignmentID(t *testing.T, d *model.PlanData, name, title string) model.ID {
	t.Helper()
	pid, post := personID(t, d, name), postID(t, d, title)
	for _, a := range d.Assignments {
		if a.Person == pid && a.Position == post {
			return a.ID
		}
	}
	t.Fatalf("%s does not hold %s", name, title)
	return 0
}

type opCase struct {
	name string
	// run is the operation, given the plan as it was before.
	run func(t *testing.T, tx *store.Tx, d *model.PlanData) error
	// want is the refusal expected; nil for success.
	want error
	// check looks at the plan after a successful run.
	check func(t *testing.T, after *model.PlanData)
}

// runCases runs each case on a fresh plan as one store.Update, the way the
// window's apply does. A refusal must leave the plan exactly as it was;
// a success must be undone exactly by reverting its change, and redone
// exactly by reapplying it.
func runCases(t *testing.T, cases []opCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			f := newFixture(t)
			before := f.load(t)
			ch, err := f.st.Update(f.plan, c.name, func(tx *store.Tx) error { return c.run(t, tx, before) })
			if c.want != nil {
				if !errors.Is(err, c.want) {
					t.Fatalf("error = %v, want %v", err, c.want)
				}
				// Problems carry their key and English text for the UI to
				// translate; store.ErrNotFound is translated as a known error.
				var p *model.Problem
				if _, sentinel := c.want.(*model.Problem); sentinel && (!errors.As(err, &p) || p.Text == "") {
					t.Errorf("refusal %v has no text to translate", err)
				}
				if ch != nil {
					t.Errorf("a refused operation recorded a change")
				}
				if now := f.load(t); !reflect.DeepEqual(now, before) {
					t.Errorf("a refused operation changed the plan:\nbefore %+v\nafter  %+v", before, now)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if ch == nil {
				t.Fatal("the operation changed nothing")
			}
			after := f.load(t)
			if c.check != nil {
				c.check(t, after)
			}
			if err := f.st.Revert(ch); err != nil {
				t.Fatal(err)
			}
			if now := f.load(t); !reflect.DeepEqual(now, before) {
				t.Errorf("undo did not restore the plan:\nbefore %+v\nundone %+v", before, now)
			}
			if err := f.st.Reapply(ch); err != nil {
				t.Fatal(err)
			}
			if now := f.load(t); !reflect.DeepEqual(now, after) {
				t.Errorf("redo did not bring the change back:\nafter  %+v\nredone %+v", after, now)
			}
		})
	}
}

func TestUnitOps(t *testing.T) {
	var added model.Unit
	runCases(t, []opCase{
		{name: "a new unit goes last under its parent", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			added = model.Unit{Name: "质检部", Kind: model.UnitDepartment, Parent: unitID(t, d, "公司"), Order: 99}
			return AddUnit(tx, &added)
		}, check: func(t *testing.T, d *model.PlanData) {
			var got *model.Unit
			for i := range d.Units {
				if d.Units[i].Name == "质检部" {
					got = &d.Units[i]
				}
			}
			if got == nil || got.ID != added.ID || got.Order != 2 || got.Parent != unitID(t, d, "公司") {
				t.Errorf("added %+v, stored %+v; want order 2 under 公司", added, got)
			}
			if kids := model.Compute(d).Children[unitID(t, d, "公司")]; len(kids) != 3 || kids[2] != added.ID {
				t.Errorf("公司's sub-units in order: %v, want the new one last", kids)
			}
		}},
		{name: "a unit needs a name", want: model.ErrEmptyName, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return AddUnit(tx, &model.Unit{Name: " ", Parent: unitID(t, d, "公司")})
		}},
		{name: "a unit under a missing parent is refused", want: model.ErrUnknownParent, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return AddUnit(tx, &model.Unit{Name: "质检部", Parent: 999999})
		}},
		{name: "an empty unit is deleted", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return DeleteUnit(tx, unitID(t, d, "行政部"))
		}, check: func(t *testing.T, d *model.PlanData) {
			if len(d.Units) != 2 {
				t.Errorf("units after delete: %+v", d.Units)
			}
		}},
		{name: "a unit with posts is not deleted", want: store.ErrUnitNotEmpty, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return DeleteUnit(tx, unitID(t, d, "生产部"))
		}},
		{name: "a unit moves under another", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return MoveUnit(tx, unitID(t, d, "行政部"), unitID(t, d, "生产部"))
		}, check: func(t *testing.T, d *model.PlanData) {
			for _, u := range d.Units {
				if u.Name == "行政部" && u.Parent != unitID(t, d, "生产部") {
					t.Errorf("行政部 under %d", u.Parent)
				}
			}
		}},
		{name: "a unit cannot move under its own sub-unit", want: model.ErrUnitCycle, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return MoveUnit(tx, unitID(t, d, "公司"), unitID(t, d, "生产部"))
		}},
		{name: "a unit cannot move under itself", want: model.ErrUnitCycle, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return MoveUnit(tx, unitID(t, d, "生产部"), unitID(t, d, "生产部"))
		}},
		{name: "plan settings", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return EditPlan(tx, func(p *model.Plan) { p.Name, p.Organisation = "2027 编制", "康飞" })
		}, check: func(t *testing.T, d *model.PlanData) {
			if d.Plan.Name != "2027 编制" || d.Plan.Organisation != "康飞" {
				t.Errorf("plan = %+v", d.Plan)
			}
		}},
	})
}

func TestAddPosition(t *testing.T) {
	var added model.Position
	runCases(t, []opCase{
		{name: "a new post reports to the unit's first post", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			added = model.Position{Title: "质检员", Unit: unitID(t, d, "生产部"), Planned: 1}
			return AddPosition(tx, &added)
		}, check: func(t *testing.T, d *model.PlanData) {
			got := post(t, d, "质检员")
			if got.ID != added.ID || got.ReportsTo != postID(t, d, "经理") || got.Order != 3 {
				t.Errorf("new post %+v; want it to report to 经理, last (order 3)", got)
			}
		}},
		{name: "the first post is first in display order, not by ID", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			added = model.Position{Title: "秘书", Unit: unitID(t, d, "公司"), Planned: 1}
			return AddPosition(tx, &added)
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "秘书"); got.ReportsTo != postID(t, d, "总经理") || got.Order != 2 {
				t.Errorf("new post %+v; want it to report to 总经理 (order 0), not 副总 (stored first)", got)
			}
			if heads := model.Compute(d).PostsIn[unitID(t, d, "公司")]; heads[len(heads)-1] != added.ID {
				t.Errorf("公司's posts in order %v, want the new one last", heads)
			}
		}},
		{name: "a manager given is kept", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			added = model.Position{Title: "组长", Unit: unitID(t, d, "生产部"), Planned: 1, ReportsTo: postID(t, d, "班长")}
			return AddPosition(tx, &added)
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "组长"); got.ReportsTo != postID(t, d, "班长") {
				t.Errorf("new post %+v; want it to report to 班长", got)
			}
		}},
		{name: "the first post of an empty unit reports to no one", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			added = model.Position{Title: "行政主管", Unit: unitID(t, d, "行政部"), Planned: 1}
			return AddPosition(tx, &added)
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "行政主管"); got.ReportsTo != 0 || got.Order != 0 {
				t.Errorf("new post %+v; want no manager, order 0", got)
			}
		}},
		{name: "a post in a missing unit is refused", want: model.ErrUnknownUnit, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return AddPosition(tx, &model.Position{Title: "质检员", Unit: 999999, Planned: 1})
		}},
		{name: "a post's fields are edited", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return EditPosition(tx, postID(t, d, "操作工"), func(p *model.Position) { p.Planned, p.Grade = 5, "G2" })
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "操作工"); got.Planned != 5 || got.Grade != "G2" || got.ReportsTo != postID(t, d, "班长") {
				t.Errorf("edited post %+v", got)
			}
		}},
	})
}

func TestReparent(t *testing.T) {
	runCases(t, []opCase{
		{name: "a post reports to the box it is dropped on", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return Reparent(tx, postID(t, d, "操作工"), postID(t, d, "经理"))
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "操作工"); got.ReportsTo != postID(t, d, "经理") {
				t.Errorf("操作工 reports to %d", got.ReportsTo)
			}
		}},
		{name: "a manager cannot report to a post under her", want: model.ErrReportsCycle, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return Reparent(tx, postID(t, d, "经理"), postID(t, d, "操作工"))
		}},
		{name: "a post cannot report to itself", want: model.ErrReportsCycle, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return Reparent(tx, postID(t, d, "班长"), postID(t, d, "班长"))
		}},
		{name: "a post dropped nowhere reports to no one", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return Reparent(tx, postID(t, d, "班长"), 0)
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "班长"); got.ReportsTo != 0 {
				t.Errorf("班长 reports to %d", got.ReportsTo)
			}
		}},
		{name: "a missing manager is refused", want: model.ErrUnknownManager, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return Reparent(tx, postID(t, d, "班长"), 999999)
		}},
	})
}

func TestDeletePosition(t *testing.T) {
	var n int
	count := func(want int) func(t *testing.T) {
		return func(t *testing.T) {
			if n != want {
				t.Errorf("holders counted: %d, want %d", n, want)
			}
		}
	}
	runCases(t, []opCase{
		{name: "a post nobody holds is deleted", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			n, err = DeletePosition(tx, postID(t, d, "副总"), Holders{})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			count(0)(t)
			if len(d.Positions) != 4 {
				t.Errorf("posts left: %d", len(d.Positions))
			}
		}},
		{name: "a held post is not deleted unless asked", want: store.ErrPositionHasHolders, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			_, err = DeletePosition(tx, postID(t, d, "操作工"), Holders{Choice: KeepHolders})
			return err
		}},
		{name: "a held post is deleted and its holders unassigned", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			n, err = DeletePosition(tx, postID(t, d, "操作工"), Holders{Choice: UnassignHolders})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			count(2)(t)
			if len(d.People) != 4 {
				t.Errorf("people left the roster: %+v", d.People)
			}
			if h := holdings(t, d, "张三"); len(h) != 0 {
				t.Errorf("张三 still holds %v", h)
			}
			if h := holdings(t, d, "李四"); !reflect.DeepEqual(h, map[string]float64{"班长": 0.5}) {
				t.Errorf("李四 holds %v, want her other post kept", h)
			}
		}},
		{name: "the direct reports of a deleted post report to its manager", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			n, err = DeletePosition(tx, postID(t, d, "班长"), Holders{Choice: UnassignHolders})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			count(1)(t)
			if got := post(t, d, "操作工"); got.ReportsTo != postID(t, d, "经理") {
				t.Errorf("操作工 reports to %d, want 经理", got.ReportsTo)
			}
		}},
		{name: "the holders move to another post with their shares", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			n, err = DeletePosition(tx, postID(t, d, "操作工"), Holders{Choice: MoveHolders, To: postID(t, d, "班长")})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			count(2)(t)
			if h := holdings(t, d, "张三"); !reflect.DeepEqual(h, map[string]float64{"班长": 1}) {
				t.Errorf("张三 holds %v", h)
			}
			// 李四 already held 班长: one assignment with both halves.
			if h := holdings(t, d, "李四"); !reflect.DeepEqual(h, map[string]float64{"班长": 1}) {
				t.Errorf("李四 holds %v", h)
			}
			if len(d.Assignments) != 3 {
				t.Errorf("assignments: %+v, want 李四's two merged", d.Assignments)
			}
		}},
		{name: "the holders cannot move to the post being deleted", want: ErrMoveToSelf, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			_, err = DeletePosition(tx, postID(t, d, "操作工"), Holders{Choice: MoveHolders, To: postID(t, d, "操作工")})
			return err
		}},
		{name: "the holders cannot move to a missing post", want: store.ErrNotFound, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			_, err = DeletePosition(tx, postID(t, d, "操作工"), Holders{Choice: MoveHolders, To: 999999})
			return err
		}},
	})
}

func TestAssign(t *testing.T) {
	var got Assigned
	runCases(t, []opCase{
		{name: "the share is what she has left of a full-time post", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			got, err = Assign(tx, personID(t, d, "王五"), postID(t, d, "班长"), AssignOptions{})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			if h := holdings(t, d, "王五"); !reflect.DeepEqual(h, map[string]float64{"经理": 0.5, "班长": 0.5}) {
				t.Errorf("王五 holds %v", h)
			}
			if got.New.ID == 0 || got.New.FTE != 0.5 || len(got.Changed) != 0 {
				t.Errorf("Assign returned %+v", got)
			}
		}},
		{name: "someone without a post gets a full-time one", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			got, err = Assign(tx, personID(t, d, "赵六"), postID(t, d, "班长"), AssignOptions{FullTime: KeepBoth, Share: 0.3})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			if h := holdings(t, d, "赵六"); !reflect.DeepEqual(h, map[string]float64{"班长": 1}) {
				t.Errorf("赵六 holds %v; the full-time choice applies only to someone with no time left", h)
			}
		}},
		{name: "someone already in the post is refused", want: ErrAlreadyHolds, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			_, err := Assign(tx, personID(t, d, "李四"), postID(t, d, "班长"), AssignOptions{})
			return err
		}},
		{name: "someone full time is asked first", want: ErrFullTime, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			_, err := Assign(tx, personID(t, d, "张三"), postID(t, d, "班长"), AssignOptions{})
			return err
		}},
		{name: "split her time: one post becomes two halves", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			got, err = Assign(tx, personID(t, d, "张三"), postID(t, d, "班长"), AssignOptions{FullTime: SplitTime, Share: 0.5})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			if h := holdings(t, d, "张三"); !reflect.DeepEqual(h, map[string]float64{"操作工": 0.5, "班长": 0.5}) {
				t.Errorf("张三 holds %v", h)
			}
			if len(got.Changed) != 1 || got.Changed[0].FTE != 0.5 {
				t.Errorf("changed: %+v", got.Changed)
			}
		}},
		{name: "split her time: two halves and a new half make one", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			got, err = Assign(tx, personID(t, d, "李四"), postID(t, d, "经理"), AssignOptions{FullTime: SplitTime, Share: 0.5})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			h := holdings(t, d, "李四")
			if !reflect.DeepEqual(h, map[string]float64{"操作工": 0.25, "班长": 0.25, "经理": 0.5}) {
				t.Errorf("李四 holds %v", h)
			}
		}},
		{name: "split her time: a share of one leaves nothing for the others", want: &model.Problem{Key: "err.split_share"}, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			_, err := Assign(tx, personID(t, d, "张三"), postID(t, d, "班长"), AssignOptions{FullTime: SplitTime, Share: 1})
			return err
		}},
		{name: "keep both: she works past 100 %", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) (err error) {
			got, err = Assign(tx, personID(t, d, "张三"), postID(t, d, "班长"), AssignOptions{FullTime: KeepBoth, Share: 1})
			return err
		}, check: func(t *testing.T, d *model.PlanData) {
			if h := holdings(t, d, "张三"); !reflect.DeepEqual(h, map[string]float64{"操作工": 1, "班长": 1}) {
				t.Errorf("张三 holds %v", h)
			}
			if !model.OverFullTime(model.PersonFTE(d.Assignments, personID(t, d, "张三"))) {
				t.Error("张三 is not flagged over full time")
			}
		}},
		{name: "keep both: a share of nothing is refused", want: model.ErrFTE, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			_, err := Assign(tx, personID(t, d, "张三"), postID(t, d, "班长"), AssignOptions{FullTime: KeepBoth, Share: 0})
			return err
		}},
		{name: "a missing person is refused", want: store.ErrNotFound, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			_, err := Assign(tx, 999999, postID(t, d, "班长"), AssignOptions{})
			return err
		}},
		{name: "a missing post is refused", want: model.ErrUnknownPosition, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			_, err := Assign(tx, personID(t, d, "赵六"), 999999, AssignOptions{})
			return err
		}},
		{name: "an FTE is changed", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return SetFTE(tx, assignmentID(t, d, "张三", "操作工"), 0.25)
		}, check: func(t *testing.T, d *model.PlanData) {
			if h := holdings(t, d, "张三"); !reflect.DeepEqual(h, map[string]float64{"操作工": 0.25}) {
				t.Errorf("张三 holds %v", h)
			}
		}},
		{name: "an FTE over one is refused", want: model.ErrFTE, run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return SetFTE(tx, assignmentID(t, d, "张三", "操作工"), 1.5)
		}},
		{name: "unassigned, she stays on the roster", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return Unassign(tx, assignmentID(t, d, "李四", "班长"))
		}, check: func(t *testing.T, d *model.PlanData) {
			if h := holdings(t, d, "李四"); !reflect.DeepEqual(h, map[string]float64{"操作工": 0.5}) {
				t.Errorf("李四 holds %v", h)
			}
			if len(d.People) != 4 {
				t.Errorf("people: %+v", d.People)
			}
		}},
	})
}

func TestCalculatorOps(t *testing.T) {
	runCases(t, []opCase{
		{name: "the calculator sets 编制 and creates what is missing", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return ApplyCalculator(tx, []calc.Change{
				{RuleID: "r1", Post: postID(t, d, "操作工"), From: 3, To: 12},
				{RuleID: "r2", Target: calc.Target{Unit: "质检部", Position: "质检员"}, Parent: unitID(t, d, "公司"), To: 2},
			}, map[string]string{"生产部/操作工": "r1"})
		}, check: func(t *testing.T, d *model.PlanData) {
			if got := post(t, d, "操作工"); got.Planned != 12 {
				t.Errorf("操作工 planned %v", got.Planned)
			}
			if got := post(t, d, "质检员"); got.Planned != 2 || got.Unit != unitID(t, d, "质检部") {
				t.Errorf("质检员 = %+v", got)
			}
		}},
		{name: "the calculator's sheet is edited", run: func(t *testing.T, tx *store.Tx, d *model.PlanData) error {
			return EditCalcSheet(tx, func(s *calc.Sheet) { s.Drivers = append(s.Drivers, calc.Driver{Key: "beds", Value: 120}) })
		}},
	})
}

func TestEditCalcSheetIsStored(t *testing.T) {
	f := newFixture(t)
	if _, err := f.st.Update(f.plan, "drivers", func(tx *store.Tx) error {
		return EditCalcSheet(tx, func(s *calc.Sheet) { s.Drivers = append(s.Drivers, calc.Driver{Key: "beds", Value: 120}) })
	}); err != nil {
		t.Fatal(err)
	}
	s, err := calc.LoadPlan(f.st, f.plan)
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Drivers) != 1 || s.Drivers[0].Key != "beds" || s.Drivers[0].Value != 120 {
		t.Errorf("drivers = %+v", s.Drivers)
	}
}

func TestImportCommit(t *testing.T) {
	f := newFixture(t)
	before := f.load(t)
	file := filepath.Join(t.TempDir(), "花名册.csv")
	if err := os.WriteFile(file, []byte("工号,姓名,部门,岗位\r\nE1,张三,生产部,班长\r\nE9,孙七,行政部,文员\r\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	wb, err := importer.Read(context.Background(), file, nil)
	if err != nil {
		t.Fatal(err)
	}
	p, err := importer.Prepare(context.Background(), wb, before, nil)
	if err != nil {
		t.Fatal(err)
	}
	ch, err := ImportCommit(f.st, f.plan, p, nil)
	if err != nil || ch == nil {
		t.Fatalf("import: %v, %v", ch, err)
	}
	after := f.load(t)
	if h := holdings(t, after, "孙七"); h["文员"] != 1 {
		t.Errorf("孙七 holds %v", h)
	}
	if err := f.st.Revert(ch); err != nil {
		t.Fatal(err)
	}
	if now := f.load(t); !reflect.DeepEqual(now, before) {
		t.Errorf("undoing the import did not restore the plan")
	}
}
