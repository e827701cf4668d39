package template

import (
	"strings"
	"testing"

	"staffplan/assets"
	"staffplan/data/budget"
)

// The first-start sample opens with pay figures and a contribution profile,
// so the Budget tab shows what the plan costs instead of zeros.
func TestSampleHasABudget(t *testing.T) {
	d, err := Load(assets.Templates(), "kangfei")
	if err != nil {
		t.Fatal(err)
	}
	prof := d.Plan.Budget.Profile
	if prof.Empty() || prof.BaseFloor == 0 || prof.Rates[0] <= 0 {
		t.Fatalf("the sample has no contribution profile: %+v", prof)
	}
	s := budget.Costs(d)
	if s.PlannedCost <= 0 {
		t.Fatalf("the sample's annual planned cost is %v", s.PlannedCost)
	}
	for _, p := range d.Positions {
		if p.MonthlyPay <= 0 {
			t.Errorf("kangfei: post %s has no monthly pay", p.Title)
		}
	}
	// Contributions count: the cost is more than the cash pay alone.
	var cash int64
	for _, p := range d.Positions {
		if p.Counts() {
			cash += int64(p.Planned*100) * p.MonthlyPay * 12 / 100
		}
	}
	if int64(s.PlannedCost) <= cash {
		t.Errorf("planned cost %d fen is not above the cash pay %d fen: contributions missing", s.PlannedCost, cash)
	}
}

// Every pay figure of every template says where it comes from, and a figure
// the source does not give is marked an assumption that says what was
// assumed; so is the contribution profile a template names.
func TestEveryPayFigureHasASource(t *testing.T) {
	withPay := 0
	for name, r := range rawTemplates(t) {
		for _, p := range r.Positions {
			if p.MonthlyPay == 0 && p.MonthsPaid == 0 {
				if p.PaySource != "" || p.PayAssumption {
					t.Errorf("%s: post %s has a pay source but no pay", name, p.Key)
				}
				continue
			}
			withPay++
			switch {
			case strings.TrimSpace(p.PaySource) == "":
				t.Errorf("%s: post %s (%s) has pay %g with no source", name, p.Key, p.Title, p.MonthlyPay)
			case p.PayAssumption && !strings.Contains(p.PaySource, "假设"):
				t.Errorf("%s: post %s: pay marked an assumption but its source does not say what was assumed: %s", name, p.Key, p.PaySource)
			case !p.PayAssumption && strings.HasPrefix(p.PaySource, "假设"):
				t.Errorf("%s: post %s has an assumed pay not marked as one", name, p.Key)
			}
		}
		if b := r.Budget; b.Profile != "" {
			switch {
			case strings.TrimSpace(b.Source) == "":
				t.Errorf("%s: profile %s with no source", name, b.Profile)
			case b.Assumption != strings.Contains(b.Source, "假设"):
				t.Errorf("%s: profile %s: assumption %v but source %q", name, b.Profile, b.Assumption, b.Source)
			}
		}
	}
	if withPay == 0 {
		t.Fatal("no template has pay figures")
	}
}
