package cli

import (
	"encoding/json"
	"errors"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/store"
	"staffplan/data/template"
)

// `staffplan templates` lists every template under its industry heading,
// in the interface's language.
func TestTemplatesGroupedByIndustry(t *testing.T) {
	defer core.InitLang("en")
	infos, err := template.List(assets.Templates())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, property, energy string }{
		{"en", "[Property management]", "[Energy and power]"},
		{"zh", "【物业管理】", "【电力能源】"},
	} {
		code, out, errs := run(t, "--lang", c.lang, "templates")
		if code != 0 {
			t.Fatalf("%s: %d %s", c.lang, code, errs)
		}
		lines := strings.Split(strings.TrimSpace(out), "\n")
		heading, under := "", map[string]string{}
		var headings []string
		for _, l := range lines {
			name, rest, ok := strings.Cut(l, "\t")
			switch {
			case l == "":
			case !ok:
				heading = l
				headings = append(headings, l)
			default:
				under[name] = heading
				if !strings.Contains(rest, " — ") {
					t.Errorf("%s: %q has no description", c.lang, l)
				}
			}
		}
		if len(under) != len(infos) {
			t.Errorf("%s: %d templates listed, %d exist:\n%s", c.lang, len(under), len(infos), out)
		}
		if len(headings) != len(template.Industries) || headings[0] != map[string]string{"en": "[Manufacturing]", "zh": "【制造业】"}[c.lang] {
			t.Errorf("%s: headings %q", c.lang, headings)
		}
		if under["property-single"] != c.property || under["property-group"] != c.property || under["wind-farm"] != c.energy {
			t.Errorf("%s: property-single under %q, wind-farm under %q", c.lang, under["property-single"], under["wind-farm"])
		}
		if c.lang == "zh" && !strings.Contains(out, "风电场(运行值班,四班三倒)") {
			t.Errorf("zh titles missing:\n%s", out)
		}
	}
}

// newFrom creates a plan from the template in a fresh database and returns
// `show --json` and `calc --json` of it.
func newFrom(t *testing.T, name string) (ShowJSON, []calcRowJSON) {
	t.Helper()
	db := filepath.Join(t.TempDir(), "p.db")
	if code, _, errs := run(t, "--lang", "zh", "new", "--template", name, "--db", db); code != 0 {
		t.Fatalf("new %s: %d %s", name, code, errs)
	}
	code, out, errs := run(t, "--lang", "zh", "show", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("show %s: %s", name, errs)
	}
	var s ShowJSON
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatal(err)
	}
	code, out, errs = run(t, "--lang", "zh", "calc", "--db", db, "--json")
	if code != 0 {
		t.Fatalf("calc %s: %s", name, errs)
	}
	var rows []calcRowJSON
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatal(err)
	}
	return s, rows
}

// Every template becomes a plan with its rule set attached, and the numbers
// the source page states come out of `show --json` and `calc --json`.
func TestNewFromEveryTemplateShowsThePagesNumbers(t *testing.T) {
	defer core.InitLang("en")
	infos, err := template.List(assets.Templates())
	if err != nil {
		t.Fatal(err)
	}
	unit := func(s ShowJSON, path string) UnitJSON {
		t.Helper()
		for _, u := range s.Units {
			if u.Path == path {
				return u
			}
		}
		t.Fatalf("%s: no unit %s", s.Plan, path)
		return UnitJSON{}
	}
	row := func(rows []calcRowJSON, id string) calcRowJSON {
		t.Helper()
		for _, r := range rows {
			if r.Rule == id {
				return r
			}
		}
		t.Fatalf("no rule %s", id)
		return calcRowJSON{}
	}
	for _, in := range infos {
		s, rows := newFrom(t, in.Name)
		if (len(rows) > 0) != (in.Rules != "") {
			t.Errorf("%s: %d calculator rows, rule set %q", in.Name, len(rows), in.Rules)
		}
		for _, r := range rows {
			if r.Error != "" {
				t.Errorf("%s/%s: %s", in.Name, r.Rule, r.Error)
			}
		}
		switch in.Name {
		case "hospital-general":
			if u := unit(s, "综合医院"); u.PlannedTotal != 560 || row(rows, "staff_total").Required != 560 {
				t.Errorf("综合医院 %g, rule %g; 400 床 × 1.40 = 560", u.PlannedTotal, row(rows, "staff_total").Required)
			}
		case "hospital-mch":
			if u := unit(s, "妇幼保健院"); u.PlannedTotal != 104 {
				t.Errorf("妇幼保健院 %g", u.PlannedTotal)
			}
		case "wind-farm":
			r := row(rows, "leader")
			if r.Required != 4 || r.Planned != 4 || r.Explanation != "1 个岗位 × 每岗 1 人 × 4 个班组(四班三运转) = 4" {
				t.Errorf("值长 %+v", r)
			}
		case "call-centre":
			if r := row(rows, "seats"); r.Required != 6 || r.Explanation != "130000 ÷ 20000 = 6.5 → 向下取整 → 6" {
				t.Errorf("seats %+v", r)
			}
			if r := row(rows, "agents_by_seats"); r.Required != 16 {
				t.Errorf("6 seats %+v", r)
			}
			if u := unit(s, "有线电视网络公司/客户服务中心"); u.PlannedTotal != 9 {
				t.Errorf("客户服务中心 %g", u.PlannedTotal)
			}
		case "property-single":
			for _, r := range rows {
				if r.Quantity == "people" && r.Required > 0 && r.Planned != r.Required {
					t.Errorf("%s planned %g, the rule requires %g", r.Position, r.Planned, r.Required)
				}
			}
		case "sales-company":
			for path, want := range map[string]float64{"销售公司/项目管理部": 2, "销售公司/人事部": 1, "销售公司/财务部": 2} {
				if u := unit(s, path); u.PlannedTotal != want {
					t.Errorf("%s %g, want %g", path, u.PlannedTotal, want)
				}
			}
		case "finance-six":
			if u := unit(s, "财务部"); u.PlannedTotal != 6 {
				t.Errorf("财务部 %g", u.PlannedTotal)
			}
		}
	}
	if !slices.ContainsFunc(infos, func(in template.Info) bool { return in.Name == "service-station" }) {
		t.Error("no service station template")
	}
}

// A rule set that cannot be attached takes the new plan away again.
func TestAttachRulesFailureLeavesNoPlan(t *testing.T) {
	st, err := store.Open(filepath.Join(t.TempDir(), "p.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, err := template.Load(assets.Templates(), "wind-farm")
	if err != nil {
		t.Fatal(err)
	}
	id, ch, err := st.CreatePlan(d, "newplan")
	if err != nil {
		t.Fatal(err)
	}
	if err := attachRules(st, id, ch, "no-such-rules"); !errors.Is(err, template.ErrUnknown) {
		t.Fatalf("err %v", err)
	}
	if plans, err := st.Plans(); err != nil || len(plans) != 0 {
		t.Errorf("plans left: %v %v", plans, err)
	}
}
