package gui

import (
	"slices"
	"staffplan/data/i18n"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/template"
)

// overlayList returns the first list in the dialog on top.
func overlayList(t *testing.T, u *UI) *widget.List {
	t.Helper()
	var list *widget.List
	walkOverlay(u.win.Canvas(), func(o fyne.CanvasObject) {
		if l, ok := o.(*keyList); ok && list == nil {
			list = &l.List
		}
	})
	if list == nil {
		t.Fatalf("no list in the dialog: %q", overlayTexts(u))
	}
	return list
}

// File › New from template groups the templates under industry headings,
// shows the chosen one's description and rule set, and makes the plan with
// the rule set loaded; in both languages.
func TestTemplateDialogGroupsByIndustry(t *testing.T) {
	defer core.InitLang("en")
	infos, err := template.List(assets.Templates())
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ lang, first, energy, create, rules string }{
		{"en", "Manufacturing", "Energy and power", "Create", "Rule set: Wind farm (posts on shift rotation)"},
		{"zh", "制造业", "电力能源", "创建", "配套规则集:风电场(岗位定员,倒班)"},
	} {
		u := newTestUI(t)
		core.InitLang(c.lang)
		rows := templateRows(infos)
		var headings []string
		wind := -1
		for i, r := range rows {
			switch {
			case r.info == nil:
				headings = append(headings, r.heading)
			case r.info.Name == "wind-farm":
				wind = i
				if rows[i-1].heading != c.energy {
					t.Errorf("%s: wind farm not under %q", c.lang, c.energy)
				}
			}
		}
		if len(headings) != len(template.Industries) || headings[0] != c.first || len(rows) != len(infos)+len(headings) {
			t.Errorf("%s: headings %q, %d rows", c.lang, headings, len(rows))
		}
		u.templateDialog()
		texts := overlayTexts(u)
		if !slices.Contains(texts, c.first) || !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, i18n.Pick(infos[0].Title, c.lang)) }) {
			t.Errorf("%s: the dialog shows %q", c.lang, texts)
		}
		list := overlayList(t, u)
		list.Select(0) // a heading: the choice stays on the template
		list.Select(wind)
		texts = overlayTexts(u)
		in, _ := template.Lookup(assets.Templates(), "wind-farm")
		desc := i18n.Pick(in.Description, c.lang)
		if !slices.ContainsFunc(texts, func(s string) bool { return strings.Contains(s, desc) && strings.Contains(s, c.rules) }) {
			t.Errorf("%s: no description and rule set for the wind farm in %q", c.lang, texts)
		}
		first := u.planID
		tapButton(t, u.win.Canvas(), c.create)
		if u.planID == first || u.data.Plan.Name != "风电场 人员配置" {
			t.Fatalf("%s: shows plan %q", c.lang, u.data.Plan.Name)
		}
		if len(u.calc.sheet.Rules) != 7 {
			t.Errorf("%s: the wind farm's rule set was not loaded: %d rules", c.lang, len(u.calc.sheet.Rules))
		}
		// Two named steps: the rules, then the plan.
		u.Undo()
		if len(u.calc.sheet.Rules) != 0 || u.planID == first {
			t.Errorf("%s: first undo should take the rules away and keep the plan", c.lang)
		}
		u.Undo()
		if u.planID != first {
			t.Errorf("%s: second undo should remove the plan", c.lang)
		}
		core.InitLang("en")
	}
}
