package template

import (
	"encoding/json"
	"io/fs"
	"math"
	"slices"
	"strings"
	"testing"

	"staffplan/assets"
	"staffplan/data/importer"
	"staffplan/data/model"
)

// rawTemplate is a template file read loosely, to check what the loader
// itself does not require.
type rawTemplate struct {
	Industry    string
	Rules       string
	Title       map[string]string
	Description map[string]string
	Units       []struct{ Key, Source string }
	Positions   []struct {
		Key, Title, Source, PlannedText string
		Planned                         float64
		Assumption                      bool
		MonthlyPay, MonthsPaid          float64
		PaySource                       string
		PayAssumption                   bool
	}
	Budget struct {
		Profile, Source string
		Assumption      bool
	}
}

func rawTemplates(t *testing.T) map[string]rawTemplate {
	t.Helper()
	paths, err := fs.Glob(assets.Templates(), "*.json")
	if err != nil || len(paths) < 10 {
		t.Fatalf("templates %v %v", paths, err)
	}
	out := map[string]rawTemplate{}
	for _, p := range paths {
		b, err := fs.ReadFile(assets.Templates(), p)
		if err != nil {
			t.Fatal(err)
		}
		var r rawTemplate
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		out[strings.TrimSuffix(p, ".json")] = r
	}
	return out
}

// Every figure of every template says where it comes from, and a figure
// the source does not give says so; every template names an industry the
// choosers group by and describes itself in one line in both languages.
func TestEveryFigureHasASource(t *testing.T) {
	calcNames, err := fs.Glob(assets.CalcRules(), "*.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, r := range rawTemplates(t) {
		if !slices.Contains(Industries, r.Industry) {
			t.Errorf("%s: industry %q is not one of %v", name, r.Industry, Industries)
		}
		for _, l := range []string{"zh", "en"} {
			if strings.TrimSpace(r.Title[l]) == "" || strings.TrimSpace(r.Description[l]) == "" {
				t.Errorf("%s: title or description missing in %s", name, l)
			}
			if strings.ContainsAny(r.Description[l], "\n\r") {
				t.Errorf("%s: the %s description is more than one line", name, l)
			}
		}
		if r.Rules != "" && !slices.Contains(calcNames, r.Rules+".json") {
			t.Errorf("%s: rule set %q is not in assets/calc", name, r.Rules)
		}
		for _, p := range r.Positions {
			switch {
			case strings.TrimSpace(p.Source) == "":
				t.Errorf("%s: post %s (%s) has no source for its figure %g", name, p.Key, p.Title, p.Planned)
			case p.Assumption && !strings.Contains(p.Source, "假设"):
				t.Errorf("%s: post %s is marked an assumption but its source does not say what was assumed: %s", name, p.Key, p.Source)
			case !p.Assumption && strings.HasPrefix(p.Source, "假设"):
				t.Errorf("%s: post %s has an assumed figure not marked as one", name, p.Key)
			}
			if p.PlannedText != "" {
				lo, _, ok := importer.ParseHeadcountRange(p.PlannedText)
				if !ok || lo != p.Planned {
					t.Errorf("%s: post %s: planned %g, but %q reads as %g (%v) the way the importer reads it", name, p.Key, p.Planned, p.PlannedText, lo, ok)
				}
			}
		}
		for _, u := range r.Units {
			if name != "kangfei" && name != "service-centre" && name != "finance-two" && strings.TrimSpace(u.Source) == "" {
				t.Errorf("%s: unit %s has no source", name, u.Key)
			}
		}
	}
}

// Every template opens as a valid plan.
func TestEveryTemplateLoads(t *testing.T) {
	infos, err := List(assets.Templates())
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) < 12 {
		t.Fatalf("%d templates", len(infos))
	}
	for _, in := range infos {
		d, err := Load(assets.Templates(), in.Name)
		if err != nil {
			t.Errorf("%s: %v", in.Name, err)
			continue
		}
		if len(d.Units) == 0 || len(d.Positions) == 0 {
			t.Errorf("%s: empty plan", in.Name)
		}
	}
}

// The chooser's groups follow Industries and keep List's order inside.
func TestGroupsByIndustry(t *testing.T) {
	infos, err := List(assets.Templates())
	if err != nil {
		t.Fatal(err)
	}
	groups := Groups(infos)
	var order []string
	n := 0
	for _, g := range groups {
		order = append(order, g.Industry)
		n += len(g.Templates)
		for _, in := range g.Templates {
			if in.Industry != g.Industry {
				t.Errorf("%s in group %s", in.Name, g.Industry)
			}
		}
	}
	if n != len(infos) {
		t.Errorf("groups hold %d of %d templates", n, len(infos))
	}
	if !slices.Equal(order, Industries) {
		t.Errorf("group order %v, want %v", order, Industries)
	}
	if groups[0].Templates[0].Name != "kangfei" {
		t.Errorf("the default template should lead: %+v", groups[0])
	}
	other := Groups([]Info{{Name: "x", Industry: "zoo"}, {Name: "y", Industry: "finance"}, {Name: "z", Industry: "aviation"}})
	if other[0].Industry != "finance" || other[1].Industry != "aviation" || other[2].Industry != "zoo" {
		t.Errorf("unknown industries go last by key: %+v", other)
	}
}

// figures returns the plan of a template with its computed figures and a
// look-up of posts by unit and title.
func figures(t *testing.T, name string) (*model.PlanData, *model.Figures, func(unit, title string) float64) {
	t.Helper()
	d, f := load(t, name)
	names := map[model.ID]string{}
	for _, u := range d.Units {
		names[u.ID] = u.Name
	}
	return d, f, func(unit, title string) float64 {
		t.Helper()
		var sum float64
		found := false
		for _, p := range d.Positions {
			if p.Title == title && (unit == "" || names[p.Unit] == unit) {
				sum += p.Planned
				found = true
			}
		}
		if !found {
			t.Errorf("%s: no post %s / %s", name, unit, title)
		}
		return sum
	}
}

func unitTotal(t *testing.T, d *model.PlanData, f *model.Figures, name string) float64 {
	t.Helper()
	return f.Units[unitByName(t, d, name).ID].PlannedTotal
}

func near(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if math.Abs(got-want) > tol {
		t.Errorf("%s = %g, want %g (± %g)", what, got, want, tol)
	}
}
