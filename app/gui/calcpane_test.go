package gui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/calc"
	"staffplan/data/i18n"
)

func loadRuleSet(t *testing.T, u *UI, name string) {
	t.Helper()
	_, sheets, err := core.RuleSets()
	if err != nil {
		t.Fatal(err)
	}
	s := sheets[name]
	if s == nil {
		t.Fatalf("no rule set %s", name)
	}
	u.calc.load(s)
}

func (c *calcPane) row(t *testing.T, rule string) calc.Row {
	t.Helper()
	for _, r := range c.rows {
		if r.RuleID == rule {
			return r
		}
	}
	t.Fatalf("no result for rule %s", rule)
	return calc.Row{}
}

// planShape is the plan's units and posts, to see that nothing changed.
func planShape(u *UI) string {
	var parts []string
	for _, un := range u.data.Units {
		parts = append(parts, "u:"+un.Name)
	}
	for _, p := range u.data.Positions {
		parts = append(parts, "p:"+p.Title+"="+core.FormatFTE(p.Planned))
	}
	return strings.Join(parts, ",")
}

func TestCalculatorLoadEditApplyUndo(t *testing.T) {
	u := newTestUI(t)
	c := u.calc
	if c.empty.Hidden || len(c.rows) != 0 {
		t.Fatal("a plan without rules should say how to load some")
	}
	// Loading shows rules and results and leaves the plan alone, and a
	// second set replaces the first.
	before := planShape(u)
	loadRuleSet(t, u, "hospital")
	loadRuleSet(t, u, "call-centre")
	if got := planShape(u); got != before {
		t.Fatalf("loading rule sets changed the plan:\nbefore %s\nafter  %s", before, got)
	}
	if c.empty.Visible() || len(c.rows) != 6 {
		t.Fatalf("%d results shown", len(c.rows))
	}
	seats := c.row(t, "seats")
	if seats.Required != 6 || !strings.Contains(calc.Explain(seats.Steps, "en"), "130000") {
		t.Fatalf("seats %v: %s", seats.Required, calc.Explain(seats.Steps, "en"))
	}
	// Typing a driver recalculates at once.
	c.entries["subscribers"].SetText("260000")
	if got := c.row(t, "seats").Required; got != 13 {
		t.Errorf("260,000 subscribers give %v seats, want 13", got)
	}
	c.saveDrivers()
	stored, _ := calc.LoadPlan(u.st, u.planID)
	for _, d := range stored.Drivers {
		if d.Key == "subscribers" && d.Value != 260000 {
			t.Errorf("stored driver %v", d.Value)
		}
	}
	// Selecting a row shows its arithmetic and source.
	for i, r := range c.rows {
		if r.RuleID == "seats" {
			c.sel = i
		}
	}
	c.showExplanation()
	if !strings.Contains(c.explain.Text, "260000") || !strings.Contains(c.explain.Text, "not people") {
		t.Errorf("explanation %q", c.explain.Text)
	}
	// Seats are shown as seats, with no planned or gap figures.
	if got := cellText(c, "seats", calcColRequired); got != "13 seats" {
		t.Errorf("seats shown as %q", got)
	}
	if got := cellText(c, "per_seat", calcColGap); got != "" {
		t.Errorf("the per-seat factor has a gap %q", got)
	}
	if got := cellText(c, "agents_erlang", calcColRule); !strings.HasPrefix(got, "⚠") {
		t.Errorf("the conflicting rule is not marked: %q", got)
	}

	// Apply offers only people: the conflicting 话务员 waits for a choice.
	v := c.newApplyView()
	if len(v.radios) != 1 || len(v.radios[0].Options) != 2 || v.radios[0].Selected != "" {
		t.Fatalf("conflict choices %+v", v.radios)
	}
	if len(v.changes) != 0 {
		t.Fatalf("before choosing Apply would do %+v", v.changes)
	}
	v.radios[0].SetSelected(v.radios[0].Options[1]) // Erlang C: 20
	if len(v.changes) != 1 || v.changes[0].To != 20 || !v.changes[0].NewUnit() {
		t.Fatalf("after choosing: %+v", v.changes)
	}
	if v.parentID() != calc.DefaultParent(u.data) {
		t.Errorf("new units would go under %d", v.parentID())
	}
	c.apply(v.selected(), v.governing)
	post := c.row(t, "agents_erlang")
	if len(post.Positions) != 1 || u.posts[post.Positions[0]].Planned != 20 {
		t.Fatalf("话务员 after apply: %+v", post.Positions)
	}
	for _, p := range u.data.Positions {
		switch p.Title {
		case "座席", "座席(初期)", "每座席人数", "中继线路":
			t.Errorf("%s became a post", p.Title)
		}
	}
	if len(c.pendingChanges()) != 0 {
		t.Error("after apply nothing should be left to apply")
	}
	if v := c.newApplyView(); v.radios[0].Selected != v.radios[0].Options[1] {
		t.Error("the choice was not remembered")
	}
	// Undo takes back the post, its unit and the choice in one step.
	u.Undo()
	if got := planShape(u); got != before {
		t.Errorf("after undo:\n%s\nwant\n%s", got, before)
	}
	if len(c.sheet.Governing) != 0 {
		t.Errorf("choice after undo %v", c.sheet.Governing)
	}
}

// cellText renders one result cell as the table shows it.
func cellText(c *calcPane, rule string, col int) string {
	for i, r := range c.rows {
		if r.RuleID == rule {
			l := widget.NewLabel("")
			c.updateCell(widget.TableCellID{Row: i, Col: col}, l)
			return l.Text
		}
	}
	return "?"
}

// An Erlang A rule with an answer-time target shows the share answered
// within its threshold (pyworkforce: 91.68 % in 20 s with 14 agents).
func TestCalculatorErlangAShowsServiceLevelWithin(t *testing.T) {
	u := newTestUI(t)
	c := u.calc
	c.updateSheet("rules", func(s *calc.Sheet) {
		s.Rules = []calc.Rule{{ID: "ops", Kind: calc.KindQueue, Target: calc.Target{Unit: "客服", Position: "话务员"},
			Queue: &calc.Queue{Calls: 100, IntervalMin: 30, AHT: 180, ASA: 5, Within: 20, Patience: 300}}}
	})
	r := c.row(t, "ops")
	if r.Problem != nil || r.Queue == nil || r.Queue.Agents != 14 {
		t.Fatalf("result %+v %v", r.Queue, r.Problem)
	}
	c.sel = 0
	c.showExplanation()
	if !strings.Contains(c.explain.Text, "91.68% answered within 20 s") || !strings.Contains(c.explain.Text, "abandoned 1.40%") {
		t.Errorf("explanation %q", c.explain.Text)
	}
}

func TestCalculatorScenariosCompare(t *testing.T) {
	u := newTestUI(t)
	loadRuleSet(t, u, "call-centre")
	c := u.calc
	c.saveScenario("初期")
	c.entries["subscribers"].SetText("260000")
	c.saveDrivers()
	v := c.newScenarioView()
	if v.a.PlaceHolder != "Choose a scenario" || v.b.PlaceHolder != "Choose a scenario" {
		t.Errorf("pickers say %q and %q", v.a.PlaceHolder, v.b.PlaceHolder)
	}
	// Saving says so.
	v.name.SetText("业务量翻倍")
	test.Tap(v.saveBtn)
	if !strings.Contains(v.status.Text, "业务量翻倍") || v.status.Importance != widget.SuccessImportance {
		t.Errorf("after saving the dialog says %q", v.status.Text)
	}
	if len(c.sheet.Scenarios) != 2 || len(v.a.Options) != 2 {
		t.Fatalf("%d scenarios, %d offered", len(c.sheet.Scenarios), len(v.a.Options))
	}
	v.a.SetSelectedIndex(0)
	v.b.SetSelectedIndex(1)
	if !strings.Contains(v.result.Text, "初期 → 业务量翻倍") || !strings.Contains(v.result.Text, "6 → 13") {
		t.Errorf("comparison:\n%s", v.result.Text)
	}
	// The comparison fills the dialog instead of a one-line strip.
	w := test.NewWindow(v.content)
	defer w.Close()
	w.Resize(fyne.NewSize(620, 460))
	if h := v.scroll.Size().Height; h < 250 {
		t.Errorf("the comparison is %v high in a 460 high dialog", h)
	}
}

// Exporting the roster of a plan with people who have left first asks
// where they go: a sheet of their own (the default) or nowhere.
func TestExportRosterAsksAboutLeft(t *testing.T) {
	u := newTestUI(t)
	u.exportDialog(core.ExportRoster, ".xlsx")
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no question before the file dialog")
	}
	var rg *widget.RadioGroup
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if r, ok := o.(*widget.RadioGroup); ok {
			rg = r
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, k := range c.Objects {
				walk(k)
			}
		}
		if w, ok := o.(fyne.Widget); ok && rg == nil {
			for _, k := range test.WidgetRenderer(w).Objects() {
				walk(k)
			}
		}
	}
	walk(top)
	// The option names the sheet the export writes: "Left" in English (离职 in Chinese).
	if rg == nil || len(rg.Options) != 2 || rg.Selected != rg.Options[0] || !strings.Contains(rg.Options[0], i18n.T(core.Lang(), "export.roster.left_sheet", nil)) {
		t.Fatalf("choice %+v", rg)
	}
	if c := leftChoice(".csv"); c.Options[0] != "After the others" {
		t.Errorf("CSV choice %q", c.Options)
	}
}
