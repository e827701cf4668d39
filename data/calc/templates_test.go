package calc

import (
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/data/template"
)

// loadTemplates reads every rule template in assets/calc.
func loadTemplates(t *testing.T) map[string]*Sheet {
	t.Helper()
	paths, err := filepath.Glob("../../assets/calc/*.json")
	if err != nil || len(paths) < 4 {
		t.Fatalf("templates %v %v", paths, err)
	}
	out := make(map[string]*Sheet)
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		s, err := ParseStrict(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out[strings.TrimSuffix(filepath.Base(p), ".json")] = s
	}
	return out
}

// Every template reproduces the figures its sources give (its Examples),
// on the default 2025 working-time basis, and says where each rule comes
// from.
func TestTemplatesReproduceSources(t *testing.T) {
	for name, s := range loadTemplates(t) {
		t.Run(name, func(t *testing.T) {
			if s.Title["zh"] == "" || s.Title["en"] == "" {
				t.Error("title missing")
			}
			res, err := s.Evaluate(model.WorkBasis{})
			if err != nil {
				t.Fatal(err)
			}
			byID := make(map[string]Result)
			for _, r := range res {
				byID[r.RuleID] = r
			}
			covered := make(map[string]bool)
			for _, ex := range s.Examples {
				r, ok := byID[ex.Rule]
				if !ok {
					t.Errorf("example for unknown rule %s", ex.Rule)
					continue
				}
				covered[ex.Rule] = true
				if math.Abs(r.Required-ex.Required) > 5e-3 {
					t.Errorf("%s: required %g, source says %g: %s", ex.Rule, r.Required, ex.Required, Explain(r.Steps, "zh"))
				}
				if ex.Exact != nil && math.Abs(r.Exact-*ex.Exact) > 5e-3 {
					t.Errorf("%s: exact %g, source says %g", ex.Rule, r.Exact, *ex.Exact)
				}
				if ex.InBand != nil && (r.Check == nil || r.Check.InBand != *ex.InBand) {
					t.Errorf("%s: check %+v, source says in band %v", ex.Rule, r.Check, *ex.InBand)
				}
			}
			for _, r := range s.Rules {
				if strings.TrimSpace(r.Source) == "" {
					t.Errorf("rule %s does not say where its number comes from", r.ID)
				}
				if !covered[r.ID] {
					t.Errorf("rule %s has no example from its source", r.ID)
				}
			}
		})
	}
}

// The figures named in the issue, read from the templates rather than
// restated in them, so a template edited to agree with a wrong result
// still fails here.
func TestTemplateHeadlineFigures(t *testing.T) {
	sheets := loadTemplates(t)
	req := func(sheet, rule string) Result {
		t.Helper()
		res, err := sheets[sheet].Evaluate(model.WorkBasis{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range res {
			if r.RuleID == rule {
				return r
			}
		}
		t.Fatalf("%s has no rule %s", sheet, rule)
		return Result{}
	}
	for _, c := range []struct {
		sheet, rule string
		want        float64
	}{
		{"call-centre", "seats", 6}, {"call-centre", "agents_erlang", 20}, {"call-centre", "trunk_lines", 17},
		{"hospital", "staff_total", 560}, {"hospital", "health_tech", 392}, {"hospital", "attendings", 20},
		{"hospital", "outpatient_doctors", 20}, {"property", "admin", 1}, {"property", "guards", 14},
		{"service-centre", "manager", 1},
	} {
		if r := req(c.sheet, c.rule); r.Required != c.want {
			t.Errorf("%s/%s: %g, want %g", c.sheet, c.rule, r.Required, c.want)
		}
	}
	near(t, "seat staff", req("call-centre", "per_seat").Exact, 2.54, 5e-3)
	if r := req("call-centre", "agents_erlang"); r.Queue == nil || r.Queue.Agents != 14 {
		t.Errorf("erlang %+v", r.Queue)
	}
	if r := req("hospital", "share_management"); r.Check == nil || r.Check.InBand || r.Check.Share != 0.02 {
		t.Errorf("management share %+v", r.Check)
	}
	got := Explain(req("call-centre", "seats").Steps, "zh")
	if got != "130000 ÷ 20000 = 6.5 → 向下取整 → 6" {
		t.Errorf("%q", got)
	}
}

// The service-centre rules line up with the service-centre plan template:
// planned, actual and gap per post.
func TestJoinWithPlan(t *testing.T) {
	d, err := template.Load(assets.Templates(), "service-centre")
	if err != nil {
		t.Fatal(err)
	}
	res, err := loadTemplates(t)["service-centre"].Evaluate(d.Plan.Basis)
	if err != nil {
		t.Fatal(err)
	}
	rows := Join(d, nil, append(res, Result{RuleID: "ghost", Required: 2, Target: Target{Unit: "无此部门", Position: "客户服务中心经理"}}))
	for _, row := range rows[:3] {
		if !row.Found() || row.Planned != row.Required || row.Actual != row.Required || row.Gap != 0 || row.Change != 0 {
			t.Errorf("%s: %+v", row.RuleID, row)
		}
	}
	if ghost := rows[3]; ghost.Found() || ghost.Gap != 2 {
		t.Errorf("unmatched: %+v", ghost)
	}
	// One person leaves: the gap opens, the plan itself is unchanged.
	for i := range d.People {
		if d.People[i].Name == "宋佳宁" {
			d.People[i].Status = model.PersonLeft
		}
	}
	rows = Join(d, nil, res)
	if rows[0].Actual != 0 || rows[0].Gap != 1 || rows[0].Change != 0 {
		t.Errorf("after leaving: %+v", rows[0])
	}
}

// A sheet is a plan document: saved in a change, undone with it.
func TestSheetInStore(t *testing.T) {
	s, err := store.Open(filepath.Join(t.TempDir(), "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	d, err := template.Load(assets.Templates(), "service-centre")
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.CreatePlan(d, "test")
	if err != nil {
		t.Fatal(err)
	}
	empty, err := LoadPlan(s, id)
	if err != nil || len(empty.Rules) != 0 {
		t.Fatalf("fresh plan sheet %+v %v", empty, err)
	}
	sheet := loadTemplates(t)["call-centre"]
	sheet.Scenarios = []Scenario{sheet.Snapshot("初期", model.WorkBasis{})}
	doubled := *sheet
	doubled.Drivers = append([]Driver(nil), sheet.Drivers...)
	for i := range doubled.Drivers {
		doubled.Drivers[i].Value *= 2
	}
	sheet.Scenarios = append(sheet.Scenarios, doubled.Snapshot("业务量翻倍", model.WorkBasis{}))
	ch, err := s.Update(id, "calc", func(tx *store.Tx) error { return Save(tx, sheet) })
	if err != nil {
		t.Fatal(err)
	}
	back, err := LoadPlan(s, id)
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Rules) != len(sheet.Rules) || len(back.Scenarios) != 2 || back.Rules[0].Source != sheet.Rules[0].Source {
		t.Fatalf("round trip lost data: %d rules, %d scenarios", len(back.Rules), len(back.Scenarios))
	}
	var seats *Comparison
	cmp := Compare(back.Scenarios[0], back.Scenarios[1])
	for i := range cmp {
		if cmp[i].RuleID == "seats" {
			seats = &cmp[i]
		}
	}
	if seats == nil || seats.A != 6 || seats.B != 13 || seats.Delta != 7 {
		t.Fatalf("seats compared %+v", seats)
	}
	if err := s.Revert(ch); err != nil {
		t.Fatal(err)
	}
	if b, err := s.Doc(id, DocName); err != nil || b != nil {
		t.Fatalf("after undo: %q %v", b, err)
	}
	if _, err := s.Update(id, "read", func(tx *store.Tx) error {
		sh, err := Load(tx)
		if err == nil && len(sh.Rules) != 0 {
			t.Errorf("sheet after undo has %d rules", len(sh.Rules))
		}
		return err
	}); err != nil {
		t.Fatal(err)
	}
}
