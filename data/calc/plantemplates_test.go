package calc

import (
	"math"
	"strings"
	"testing"

	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/template"
)

// A rule marked as an assumption says so in its source, and one that says
// it is an assumption is marked.
func TestRuleAssumptionsMarked(t *testing.T) {
	for name, s := range loadTemplates(t) {
		for _, r := range s.Rules {
			says := strings.Contains(r.Source, "假设")
			if r.Assumption && !says {
				t.Errorf("%s/%s is marked an assumption but its source does not say what was assumed", name, r.ID)
			}
		}
	}
}

// Every plan template that names a rule set gets one that evaluates with
// its default drivers; where the rule set sizes the template's own posts,
// the template plans what the rules require.
func TestPlanTemplatesMatchTheirRules(t *testing.T) {
	sheets := loadTemplates(t)
	infos, err := template.List(assets.Templates())
	if err != nil {
		t.Fatal(err)
	}
	results := func(name string) map[string]Result {
		t.Helper()
		res, err := sheets[name].Evaluate(model.WorkBasis{})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out := map[string]Result{}
		for _, r := range res {
			out[r.RuleID] = r
		}
		return out
	}
	for _, in := range infos {
		if in.Rules == "" {
			continue
		}
		if sheets[in.Rules] == nil {
			t.Errorf("%s names rule set %s, which does not exist", in.Name, in.Rules)
			continue
		}
		results(in.Rules)
	}
	// The rule set sizes every post of these templates, and every
	// headcount it gives is planned.
	for _, c := range []struct{ plan, rules string }{{"property-single", "property-apartment"}, {"wind-farm", "wind-farm"}} {
		d, err := template.Load(assets.Templates(), c.plan)
		if err != nil {
			t.Fatal(err)
		}
		res, _ := sheets[c.rules].Evaluate(d.Plan.Basis)
		for _, row := range Join(d, nil, res) {
			if !row.Result.IsPeople() {
				continue
			}
			if !row.Found() && row.Required > 0 {
				t.Errorf("%s: rule %s sizes %s / %s, which the template lacks", c.plan, row.RuleID, row.Target.Unit, row.Target.Position)
			}
			if row.Found() && row.Planned != row.Required {
				t.Errorf("%s: %s planned %g, rule %s requires %g (%s)", c.plan, row.Target.Position, row.Planned, row.RuleID, row.Required, Explain(row.Steps, "zh"))
			}
		}
	}
	plan := func(name string) (*model.PlanData, *model.Figures) {
		d, err := template.Load(assets.Templates(), name)
		if err != nil {
			t.Fatal(err)
		}
		return d, model.Compute(d)
	}
	total := func(d *model.PlanData, f *model.Figures) float64 {
		for _, u := range d.Units {
			if u.Parent == 0 {
				return f.Units[u.ID].PlannedTotal
			}
		}
		return 0
	}
	// The hospitals' establishment is the 1978 band's figure.
	for _, c := range []struct{ plan, rules string }{{"hospital-general", "hospital"}, {"hospital-mch", "hospital-mch"}} {
		d, f := plan(c.plan)
		if got, want := total(d, f), results(c.rules)["staff_total"].Required; got != want {
			t.Errorf("%s plans %g, %s/staff_total gives %g", c.plan, got, c.rules, want)
		}
	}
	// The 妇幼保健院 rule set's drivers are the template's own figures, so
	// its share checks are about the template.
	d, _ := plan("hospital-mch")
	by := map[string]float64{}
	for _, p := range d.Positions {
		by[p.Grade] += p.Planned
	}
	drivers := map[string]float64{}
	for _, dr := range sheets["hospital-mch"].Drivers {
		drivers[dr.Key] = dr.Value
	}
	for grade, key := range map[string]string{"高级": "senior_now", "中级": "mid_now", "初级": "junior_now", "管理": "mgmt_now", "工勤": "support_now"} {
		if by[grade] != drivers[key] {
			t.Errorf("妇幼保健院 %s: template %g, rule set driver %s %g", grade, by[grade], key, drivers[key])
		}
	}
	for _, id := range []string{"share_senior", "share_mid", "share_junior", "share_management", "share_support"} {
		if r := results("hospital-mch")[id]; r.Check == nil || !r.Check.InBand {
			t.Errorf("妇幼保健院 %s out of band: %+v", id, r.Check)
		}
	}
	// The call centre opens 3 seats at first: 3 × (14 × 30 ÷ 165.33) → 8.
	cc := results("call-centre")
	d, _ = plan("call-centre")
	want := math.Ceil(cc["seats_initial"].Required * cc["per_seat"].Exact)
	for _, p := range d.Positions {
		if p.Title == "话务员" && p.Planned != want {
			t.Errorf("话务员 planned %g, 3 seats need %g", p.Planned, want)
		}
	}
}
