package budget

import (
	"encoding/json"
	"math/big"

	"staffplan/data/model"
)

// The JSON reports of `staffplan budget`, `compare` and `profiles`. Money
// is yuan with two decimals, written as JSON numbers exactly as shown
// (json.Number), never through a float.

// JSON returns the amount as a JSON number in yuan with two decimals.
func (f Fen) JSON() json.Number {
	s := groupDigits(int64(f), true)
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != ',' {
			out = append(out, s[i])
		}
	}
	return json.Number(out)
}

func fteJSON(x float64) json.Number { return json.Number(FTEText(x)) }

// MonthJSON is one month of the budget report.
type MonthJSON struct {
	Month          string      `json:"month"`
	Planned        json.Number `json:"planned"`
	ExpectedInPost json.Number `json:"expected_in_post"`
	Vacancies      json.Number `json:"vacancies"`
	Hires          json.Number `json:"hires"`
	Cost           json.Number `json:"cost"`
	PlannedCost    json.Number `json:"planned_cost"`
}

// PostJSON is one post of the budget report.
type PostJSON struct {
	Unit        string      `json:"unit"`
	Title       string      `json:"title"`
	Planned     json.Number `json:"planned"`
	InPost      json.Number `json:"in_post"`
	MonthlyPay  json.Number `json:"monthly_pay"`
	MonthsPaid  json.Number `json:"months_paid"`
	Allowances  json.Number `json:"allowances"`
	PerFTE      json.Number `json:"annual_per_fte"`
	PlannedCost json.Number `json:"planned_cost"`
	ActualCost  json.Number `json:"actual_cost"`
	VacancyCost json.Number `json:"vacancy_cost"`
	Arithmetic  string      `json:"arithmetic"`
}

// UnitJSON is one unit of the budget report (totals include sub-units).
type UnitJSON struct {
	Path        string      `json:"path"`
	Planned     json.Number `json:"planned"`
	InPost      json.Number `json:"in_post"`
	PlannedCost json.Number `json:"planned_cost"`
	ActualCost  json.Number `json:"actual_cost"`
}

// HireJSON is one line of the hiring plan.
type HireJSON struct {
	Month string      `json:"month"`
	Unit  string      `json:"unit"`
	Title string      `json:"title"`
	FTE   json.Number `json:"fte"`
	Cost  json.Number `json:"cost"`
	// Replacement is a hire for the expected turnover.
	Replacement bool `json:"replacement,omitempty"`
}

// ReportJSON is `staffplan budget --json`.
type ReportJSON struct {
	Plan              string       `json:"plan"`
	Profile           string       `json:"profile"`
	ProfileYear       int          `json:"profile_year,omitempty"`
	From              string       `json:"from"`
	Months            []MonthJSON  `json:"months"`
	AnnualCost        json.Number  `json:"annual_cost"`
	AnnualPlannedCost json.Number  `json:"annual_planned_cost"`
	PlannedCost       json.Number  `json:"planned_cost"`
	ActualCost        json.Number  `json:"actual_cost"`
	VacancyCost       json.Number  `json:"vacancy_cost"`
	Revenue           *json.Number `json:"revenue,omitempty"`
	LabourShare       *json.Number `json:"labour_cost_share,omitempty"` // planned cost ÷ revenue, a fraction
	Posts             []PostJSON   `json:"posts"`
	Units             []UnitJSON   `json:"units"`
	Hiring            []HireJSON   `json:"hiring"`
	HiringCost        json.Number  `json:"hiring_cost"`
}

// Report builds the budget report of d: the annual cost under the plan's
// profile (or profile, when not nil) and the projection of months months
// from from. tr renders the arithmetic (English when nil).
func Report(d *model.PlanData, profile *model.ContributionProfile, from model.Month, months int, tr Translator) *ReportJSON {
	if profile == nil {
		profile = &d.Plan.Budget.Profile
	}
	s := CostsWith(d, profile)
	pr := ProjectWith(d, profile, from, months)
	r := &ReportJSON{Plan: d.Plan.Name, Profile: profile.Title, ProfileYear: profile.Year, From: from.String(),
		Months: []MonthJSON{}, Posts: []PostJSON{}, Units: []UnitJSON{}, Hiring: []HireJSON{},
		AnnualCost: pr.AnnualCost.JSON(), AnnualPlannedCost: pr.AnnualPlanCost.JSON(),
		PlannedCost: s.PlannedCost.JSON(), ActualCost: s.ActualCost.JSON(), VacancyCost: s.VacancyCost.JSON(),
		HiringCost: pr.HiringCost.JSON()}
	if r.Profile == "" {
		r.Profile = profile.Name
	}
	if s.Revenue > 0 {
		rev := s.Revenue.JSON()
		share := json.Number(new(big.Rat).SetFrac64(s.PlannedShare, 10000).FloatString(4))
		r.Revenue, r.LabourShare = &rev, &share
	}
	for _, m := range pr.Months {
		r.Months = append(r.Months, MonthJSON{Month: m.Month.String(), Planned: fteJSON(m.Planned),
			ExpectedInPost: fteJSON(m.InPost), Vacancies: fteJSON(m.Vacant), Hires: fteJSON(m.Hires),
			Cost: m.Cost.JSON(), PlannedCost: m.PlanCost.JSON()})
	}
	for _, p := range s.Posts {
		r.Posts = append(r.Posts, PostJSON{Unit: p.UnitPath, Title: p.Title, Planned: fteJSON(p.Planned),
			InPost: fteJSON(p.InPost), MonthlyPay: p.MonthlyPay.JSON(), MonthsPaid: json.Number(MonthsText(p.Rates.MonthsPaid)),
			Allowances: Fen(p.Rates.Allowances).JSON(), PerFTE: p.PerFTE.JSON(),
			PlannedCost: p.PlannedCost.JSON(), ActualCost: p.ActualCost.JSON(), VacancyCost: p.VacancyCost.JSON(),
			Arithmetic: Render(p.Steps, tr)})
	}
	for _, u := range s.Units {
		r.Units = append(r.Units, UnitJSON{Path: u.Path, Planned: fteJSON(u.PlannedTotal), InPost: fteJSON(u.InPostTotal),
			PlannedCost: u.PlannedCostTotal.JSON(), ActualCost: u.ActualCostTotal.JSON()})
	}
	for _, h := range pr.Hiring {
		r.Hiring = append(r.Hiring, HireJSON{Month: h.Month.String(), Unit: h.UnitPath, Title: h.Title,
			FTE: fteJSON(h.FTE), Cost: h.Cost.JSON(), Replacement: h.Replacement})
	}
	return r
}

// CompareJSON is `staffplan compare --json` / `budget --compare`.
type CompareJSON struct {
	Before  string            `json:"before"`
	After   string            `json:"after"`
	Added   []PostRef         `json:"added"`
	Removed []PostRef         `json:"removed"`
	Changed []PostChange      `json:"changed"`
	Units   []CompareUnitJSON `json:"units"`
	// Totals of the top-level units.
	PlannedBefore json.Number `json:"planned_before"`
	PlannedAfter  json.Number `json:"planned_after"`
	CostBefore    json.Number `json:"cost_before"`
	CostAfter     json.Number `json:"cost_after"`
}

// CompareUnitJSON is one unit of the comparison.
type CompareUnitJSON struct {
	Path          string      `json:"path"`
	PlannedBefore json.Number `json:"planned_before"`
	PlannedAfter  json.Number `json:"planned_after"`
	CostBefore    json.Number `json:"cost_before"`
	CostAfter     json.Number `json:"cost_after"`
	Difference    json.Number `json:"difference"`
}

// CompareReport builds the comparison of plan a (before) and b (after).
func CompareReport(a, b *model.PlanData) *CompareJSON {
	c := Compare(a, b)
	out := &CompareJSON{Before: a.Plan.Name, After: b.Plan.Name, Added: c.Added, Removed: c.Removed, Changed: c.Changed,
		PlannedBefore: fteJSON(c.PlannedBefore), PlannedAfter: fteJSON(c.PlannedAfter),
		CostBefore: c.CostBefore.JSON(), CostAfter: c.CostAfter.JSON()}
	if out.Added == nil {
		out.Added = []PostRef{}
	}
	if out.Removed == nil {
		out.Removed = []PostRef{}
	}
	if out.Changed == nil {
		out.Changed = []PostChange{}
	}
	for _, u := range c.Units {
		out.Units = append(out.Units, CompareUnitJSON{Path: u.Path, PlannedBefore: fteJSON(u.PlannedBefore),
			PlannedAfter: fteJSON(u.PlannedAfter), CostBefore: u.CostBefore.JSON(), CostAfter: u.CostAfter.JSON(),
			Difference: u.Difference().JSON()})
	}
	return out
}

// ProfileJSON is one line of `staffplan profiles --json`; rates are
// fractions (0.16), null where no published figure was found.
type ProfileJSON struct {
	Name        string                  `json:"name"`
	Title       string                  `json:"title"`
	Year        *int                    `json:"year"`
	Source      string                  `json:"source"`
	Note        string                  `json:"note"`
	BaseFloor   *json.Number            `json:"base_floor"`
	BaseCeiling *json.Number            `json:"base_ceiling"`
	Rates       map[string]*json.Number `json:"rates"`
}

// ProfileReport describes a shipped profile for the command line.
func ProfileReport(p *Profile, lang string) ProfileJSON {
	c := p.Contribution(lang)
	out := ProfileJSON{Name: p.Name, Title: p.TitleIn(lang), Source: p.SourceIn(lang), Note: p.NoteIn(lang), Rates: map[string]*json.Number{}}
	if p.Year != 0 {
		y := p.Year
		out.Year = &y
	}
	if p.BaseFloor.Set {
		n := Fen(c.BaseFloor).JSON()
		out.BaseFloor = &n
	}
	if p.BaseCeiling.Set {
		n := Fen(c.BaseCeiling).JSON()
		out.BaseCeiling = &n
	}
	for i, r := range c.Rates {
		k := contribNames[i][0]
		if !r.Set() {
			out.Rates[k] = nil
			continue
		}
		n := json.Number(trimZeros(new(big.Rat).SetFrac64(int64(r), model.RateScale).FloatString(6)))
		out.Rates[k] = &n
	}
	return out
}
