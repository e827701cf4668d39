package app

import (
	"strings"
	"testing"

	"staffplan/data/calc"
)

func loadRuleSet(t *testing.T, u *UI, name string) {
	t.Helper()
	_, sheets, err := ruleSets()
	if err != nil {
		t.Fatal(err)
	}
	s := sheets[name]
	if s == nil {
		t.Fatalf("no rule set %s", name)
	}
	u.calc.load(s, true)
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

func TestCalculatorLoadEditApplyUndo(t *testing.T) {
	u := newTestUI(t)
	c := u.calc
	if c.empty.Hidden || len(c.rows) != 0 {
		t.Fatal("a plan without rules should say how to load some")
	}
	posts := len(u.data.Positions)
	loadRuleSet(t, u, "call-centre")
	if len(u.data.Positions) <= posts {
		t.Fatal("loading rules did not add the posts they name")
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
	if !strings.Contains(c.explain.Text, "260000") {
		t.Errorf("explanation %q", c.explain.Text)
	}
	// Apply sets 编制 from the rules in one step; undo takes it back.
	changes := c.pendingChanges()
	if len(changes) == 0 {
		t.Fatal("nothing to apply")
	}
	c.apply(changes)
	seatPost := c.row(t, "seats").Positions[0]
	if got := u.posts[seatPost].Planned; got != 13 {
		t.Errorf("座席 编制 after apply %v", got)
	}
	if len(c.pendingChanges()) != 0 {
		t.Error("after apply nothing should be left to apply")
	}
	u.Undo()
	if got := u.posts[seatPost].Planned; got != 0 {
		t.Errorf("undo apply left 编制 %v", got)
	}
}

func TestCalculatorScenariosCompare(t *testing.T) {
	u := newTestUI(t)
	loadRuleSet(t, u, "call-centre")
	c := u.calc
	c.saveScenario("初期")
	c.entries["subscribers"].SetText("260000")
	c.saveDrivers()
	c.saveScenario("业务量翻倍")
	if len(c.sheet.Scenarios) != 2 {
		t.Fatalf("%d scenarios", len(c.sheet.Scenarios))
	}
	text := c.compareText(0, 1)
	if !strings.Contains(text, "初期 → 业务量翻倍") || !strings.Contains(text, "6 → 13") {
		t.Errorf("comparison:\n%s", text)
	}
}
