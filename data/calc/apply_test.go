package calc

import (
	"path/filepath"
	"testing"

	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/data/template"
)

// The call-centre set sizes seats, a per-seat factor and trunk lines as well
// as operators: only the operators are people, so only they are 编制.
func TestCallCentreQuantities(t *testing.T) {
	s := loadTemplates(t)["call-centre"]
	res, err := s.Evaluate(model.WorkBasis{})
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]Quantity{"seats": Seats, "seats_initial": Seats, "per_seat": Ratio, "trunk_lines": Lines,
		"agents_by_seats": People, "agents_erlang": People}
	for _, r := range res {
		if r.Quantity != want[r.RuleID] {
			t.Errorf("%s: quantity %q, want %q", r.RuleID, r.Quantity, want[r.RuleID])
		}
		if r.IsPeople() != (want[r.RuleID] == People) {
			t.Errorf("%s: IsPeople %v", r.RuleID, r.IsPeople())
		}
	}
	// An Erlang B rule counts lines even when its file does not say so.
	r := Rule{Kind: KindQueue, Queue: &Queue{Blocking: 0.02}}
	if r.QuantityOf() != Lines {
		t.Errorf("Erlang B rule counts %q", r.QuantityOf())
	}
	bad := []Rule{{ID: "x", Kind: KindFixed, Count: 1, Quantity: "cats"}}
	if res, _ := Evaluate(model.WorkBasis{}, nil, bad); res[0].Problem == nil {
		t.Error("an unknown quantity was accepted")
	}
}

// The store's transaction and store are what the calculator's interfaces
// stand for.
var (
	_ PlanTx    = (*store.Tx)(nil)
	_ DocReader = (*store.Store)(nil)
)

func kangfeiStore(t *testing.T) (*store.Store, model.ID) {
	t.Helper()
	st, err := store.Open(filepath.Join(t.TempDir(), "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	d, err := template.Load(assets.Templates(), "kangfei")
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := st.CreatePlan(d, "test")
	if err != nil {
		t.Fatal(err)
	}
	return st, id
}

func callCentreRows(t *testing.T, d *model.PlanData) []Row {
	t.Helper()
	res, _ := loadTemplates(t)["call-centre"].Evaluate(d.Plan.Basis)
	return Join(d, nil, res)
}

// 话务员 is sized 16 by seats and 20 by Erlang C: a conflict, not a silent
// winner; Apply sets neither until the user chooses, then the chosen one.
func TestConflictsAndApply(t *testing.T) {
	st, id := kangfeiStore(t)
	d, err := st.LoadPlan(id)
	if err != nil {
		t.Fatal(err)
	}
	units, posts := len(d.Units), len(d.Positions)
	rows := callCentreRows(t, d)
	cs := Conflicts(rows, nil)
	if len(cs) != 1 || cs[0].Target.Position != "话务员" || len(cs[0].Rules) != 2 ||
		cs[0].Required[0] != 16 || cs[0].Required[1] != 20 || cs[0].Chosen != "" {
		t.Fatalf("conflicts %+v", cs)
	}
	top := DefaultParent(d)
	if top == 0 {
		t.Fatal("no top unit")
	}
	changes, _ := PlanApply(d, rows, nil, top)
	if len(changes) != 0 {
		t.Fatalf("with no choice Apply would do %+v", changes)
	}
	gov := map[string]string{TargetKey(cs[0].Target): "agents_erlang"}
	changes, cs = PlanApply(d, rows, gov, top)
	if len(cs) != 1 || cs[0].Chosen != "agents_erlang" {
		t.Fatalf("conflict after choosing %+v", cs)
	}
	if len(changes) != 1 || changes[0].To != 20 || !changes[0].NewPost() || !changes[0].NewUnit() ||
		changes[0].Parent != top || changes[0].Target.Unit != "客户服务中心" {
		t.Fatalf("changes %+v", changes)
	}
	ch, err := st.Update(id, "apply", func(tx *store.Tx) error { return ApplyChanges(tx, changes, gov) })
	if err != nil {
		t.Fatal(err)
	}
	after, _ := st.LoadPlan(id)
	if len(after.Units) != units+1 || len(after.Positions) != posts+1 {
		t.Fatalf("units %d → %d, posts %d → %d", units, len(after.Units), posts, len(after.Positions))
	}
	var unit model.Unit
	for _, u := range after.Units {
		if u.Name == "客户服务中心" {
			unit = u
		}
	}
	if unit.Parent != top {
		t.Errorf("new unit under %d, want the top unit %d", unit.Parent, top)
	}
	for _, p := range after.Positions {
		if p.Title == "话务员" && (p.Unit != unit.ID || p.Planned != 20) {
			t.Errorf("new post %+v", p)
		}
		for _, not := range []string{"座席", "座席(初期)", "每座席人数", "中继线路"} {
			if p.Title == not {
				t.Errorf("%s became a post", not)
			}
		}
	}
	sheet, _ := LoadPlan(st, id)
	if sheet.Governing[TargetKey(Target{Unit: "客户服务中心", Position: "话务员"})] != "agents_erlang" {
		t.Errorf("the choice was not kept: %v", sheet.Governing)
	}
	// Applied again the post exists and matches: nothing to do. The other
	// choice changes the existing post, creating nothing.
	rows = callCentreRows(t, after)
	if again, _ := PlanApply(after, rows, gov, top); len(again) != 0 {
		t.Errorf("second apply %+v", again)
	}
	gov[TargetKey(cs[0].Target)] = "agents_by_seats"
	again, _ := PlanApply(after, rows, gov, top)
	if len(again) != 1 || again[0].NewPost() || again[0].From != 20 || again[0].To != 16 {
		t.Errorf("switching the choice %+v", again)
	}
	// One undoable step.
	if err := st.Revert(ch); err != nil {
		t.Fatal(err)
	}
	back, _ := st.LoadPlan(id)
	if len(back.Units) != units || len(back.Positions) != posts {
		t.Errorf("after undo %d units, %d posts", len(back.Units), len(back.Positions))
	}
}

// New posts go in an existing unit of the target's name under the chosen
// parent; the same unit name elsewhere in the plan is not used.
func TestApplyUnderChosenUnit(t *testing.T) {
	st, id := kangfeiStore(t)
	d, _ := st.LoadPlan(id)
	var sub model.ID
	for _, u := range d.Units {
		if u.Parent != 0 && sub == 0 {
			sub = u.ID
		}
	}
	rules := []Rule{{ID: "a", Kind: KindFixed, Count: 2, Target: Target{Unit: "客服", Position: "专员"}},
		{ID: "b", Kind: KindFixed, Count: 1, Target: Target{Unit: "客服", Position: "主管"}}}
	res, _ := Evaluate(d.Plan.Basis, nil, rules)
	changes, _ := PlanApply(d, Join(d, nil, res), nil, sub)
	if len(changes) != 2 || !changes[0].NewUnit() || changes[0].Parent != sub {
		t.Fatalf("changes %+v", changes)
	}
	if _, err := st.Update(id, "apply", func(tx *store.Tx) error { return ApplyChanges(tx, changes, nil) }); err != nil {
		t.Fatal(err)
	}
	after, _ := st.LoadPlan(id)
	var made []model.Unit
	for _, u := range after.Units {
		if u.Name == "客服" {
			made = append(made, u)
		}
	}
	if len(made) != 1 || made[0].Parent != sub {
		t.Fatalf("units named 客服: %+v", made)
	}
	n := 0
	for _, p := range after.Positions {
		if p.Unit == made[0].ID {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d posts in the new unit, want 2", n)
	}
}

// The hospital's 编制总数 and 卫生技术人员 are totals to hold the posts
// against, not posts; the doctor:nurse ratio is a second rule for 病房护士,
// agreeing with the per-bed one, so no conflict.
func TestHospitalTotalsAreNotPosts(t *testing.T) {
	st, id := kangfeiStore(t)
	d, _ := st.LoadPlan(id)
	res, _ := loadTemplates(t)["hospital"].Evaluate(d.Plan.Basis)
	rows := Join(d, nil, res)
	changes, conflicts := PlanApply(d, rows, nil, DefaultParent(d))
	if len(conflicts) != 0 {
		t.Errorf("conflicts %+v", conflicts)
	}
	titles := map[string]float64{}
	for _, ch := range changes {
		titles[ch.Target.Position] = ch.To
	}
	for _, not := range []string{"编制总数", "卫生技术人员"} {
		if _, ok := titles[not]; ok {
			t.Errorf("Apply would create a post %s", not)
		}
	}
	if titles["病房护士"] != 160 || len(changes) != 8 {
		t.Errorf("changes %v", titles)
	}
}
