package budget

import (
	"math/big"
	"strings"

	"staffplan/data/model"
)

// contribNames are the keys and English names of the five contributions.
var contribNames = [model.NumContributions][2]string{
	{"pension", "pension"},
	{"medical", "medical"},
	{"unemployment", "unemployment"},
	{"injury", "work injury"},
	{"housing_fund", "housing fund"},
}

// ContributionKey is the short name of a contribution ("pension",
// "housing_fund"): its translation key is "budget.contrib." + it.
func ContributionKey(c model.Contribution) string { return contribNames[c][0] }

// Rates is the annual cost of one full-time equivalent in a post, exact,
// with what it is made of.
type Rates struct {
	MonthlyPay *big.Rat // fen a month
	PaySet     bool     // false: the middle of the salary band (or none)
	MonthsPaid int32    // hundredths
	Allowances int64    // fen a month
	Base       *big.Rat // the contribution base: pay clamped to the floor and ceiling
	Pay        *big.Rat // pay × months, fen a year
	Contrib    *big.Rat // base × rates × 12, fen a year
	Allow      *big.Rat // allowances × 12, fen a year
	Annual     *big.Rat // the sum, fen a year
	Steps      []Piece
}

// PostRates computes the annual cost of one FTE of post p under profile c:
// monthly pay × months paid + base × (sum of employer rates) × 12 +
// allowances × 12, where the base is the monthly pay clamped between the
// profile's floor and ceiling.
func PostRates(p *model.Position, c *model.ContributionProfile) Rates {
	return postRates(p, c, true)
}

// postRates is PostRates; the projection, which needs only the sum for
// thousands of posts, skips writing the arithmetic.
func postRates(p *model.Position, c *model.ContributionProfile, explain bool) Rates {
	var r Rates
	r.MonthsPaid = p.MonthsPaid
	if r.MonthsPaid == 0 {
		r.MonthsPaid = model.DefaultMonthsPaid
	}
	r.Allowances = p.Allowances
	switch lo, hi := yuanToFen(p.SalaryMin), yuanToFen(p.SalaryMax); {
	case p.MonthlyPay > 0:
		r.MonthlyPay = new(big.Rat).SetInt64(p.MonthlyPay)
		r.PaySet = true
	case lo > 0 && hi > 0:
		// The middle of the band may be half a fen: kept exact.
		r.MonthlyPay = big.NewRat(lo+hi, 2)
		if explain {
			r.Steps = append(r.Steps, piece("budget.step.band", "pay not set: middle of the band ({{.min}} + {{.max}}) ÷ 2 = {{.pay}}",
				"min", Fen(lo).Short(), "max", Fen(hi).Short(), "pay", ratText(r.MonthlyPay)))
		}
	case lo > 0 || hi > 0:
		r.MonthlyPay = new(big.Rat).SetInt64(max(lo, hi))
		if explain {
			r.Steps = append(r.Steps, piece("budget.step.band_one", "pay not set: the salary band's one figure {{.pay}}",
				"pay", ratText(r.MonthlyPay)))
		}
	default:
		r.MonthlyPay = new(big.Rat)
		if explain {
			r.Steps = append(r.Steps, piece("budget.step.no_pay", "no pay and no salary band: counted as 0"))
		}
	}
	// pay × months
	r.Pay = new(big.Rat).Mul(r.MonthlyPay, big.NewRat(int64(r.MonthsPaid), 100))
	if explain {
		r.Steps = append(r.Steps, piece("budget.step.pay", "{{.pay}} × {{.months}} = {{.out}}",
			"pay", ratText(r.MonthlyPay), "months", MonthsText(r.MonthsPaid), "out", ratText(r.Pay)))
	}
	// The base, clamped.
	r.Base = new(big.Rat).Set(r.MonthlyPay)
	r.Contrib = new(big.Rat)
	if r.MonthlyPay.Sign() == 0 {
		// No pay: no base either, or the floor would cost a post nobody
		// has priced yet.
	} else if c.Empty() {
		if explain {
			r.Steps = append(r.Steps, piece("budget.step.no_profile", "no contribution profile: employer contributions not counted"))
		}
	} else {
		floor, ceil := new(big.Rat).SetInt64(c.BaseFloor), new(big.Rat).SetInt64(c.BaseCeiling)
		switch {
		case c.BaseFloor > 0 && r.Base.Cmp(floor) < 0:
			if explain {
				r.Steps = append(r.Steps, piece("budget.step.floor", "{{.pay}} below the base floor → base {{.base}}",
					"pay", ratText(r.MonthlyPay), "base", Fen(c.BaseFloor).Short()))
			}
			r.Base = floor
		case c.BaseCeiling > 0 && r.Base.Cmp(ceil) > 0:
			if explain {
				r.Steps = append(r.Steps, piece("budget.step.ceiling", "{{.pay}} above the base ceiling → base {{.base}}",
					"pay", ratText(r.MonthlyPay), "base", Fen(c.BaseCeiling).Short()))
			}
			r.Base = ceil
		}
		var sum int64
		var terms []string
		var missing []model.Contribution
		for i, rate := range c.Rates {
			if !rate.Set() {
				missing = append(missing, model.Contribution(i))
				continue
			}
			sum += int64(rate)
			terms = append(terms, RateText(int64(rate)))
		}
		r.Contrib.Mul(r.Base, big.NewRat(sum*12, model.RateScale))
		if len(terms) == 0 {
			terms = []string{"0 %"}
		}
		if explain {
			r.Steps = append(r.Steps, piece("budget.step.contrib", "base {{.base}} × ({{.rates}}) × 12 = {{.out}}",
				"base", ratText(r.Base), "rates", strings.Join(terms, " + "), "out", ratText(r.Contrib)))
		}
		if explain {
			for _, m := range missing {
				r.Steps = append(r.Steps, missingRate(m))
			}
		}
	}
	r.Allow = new(big.Rat).SetInt64(r.Allowances * 12)
	if r.Allowances > 0 {
		if explain {
			r.Steps = append(r.Steps, piece("budget.step.allow", "allowances {{.allow}} × 12 = {{.out}}",
				"allow", Fen(r.Allowances).Short(), "out", ratText(r.Allow)))
		}
	}
	r.Annual = new(big.Rat).Add(r.Pay, r.Contrib)
	r.Annual.Add(r.Annual, r.Allow)
	if explain {
		r.Steps = append(r.Steps, piece("budget.step.per_fte", "per FTE a year {{.out}}", "out", ratText(r.Annual)))
	}
	return r
}

// PostCost is the cost of one post a year: its 编制 (planned), its holders
// (actual, from the assignments of people in post today) and its vacancies.
type PostCost struct {
	Post        model.ID
	Unit        model.ID
	Title       string
	UnitPath    string
	Planned     float64 // 编制 that counts (0 for posts not set up or frozen)
	InPost      float64
	Vacant      float64 // max(planned − in post, 0)
	Rates       Rates
	PerFTE      Fen
	MonthlyPay  Fen // the monthly pay, as shown
	PlannedCost Fen
	ActualCost  Fen
	VacancyCost Fen
	Steps       []Piece // the rates' steps, then the three figures
}

// UnitCost is a unit's roll-up: its own posts (direct) and with its
// sub-units (total). Each total is the sum of the rounded post figures.
type UnitCost struct {
	Unit                                model.ID
	Name, Path                          string
	Depth                               int
	PlannedDirect, PlannedTotal         float64
	InPostDirect, InPostTotal           float64
	PlannedCostDirect, PlannedCostTotal Fen
	ActualCostDirect, ActualCostTotal   Fen
	VacancyCostDirect, VacancyCostTotal Fen
}

// Summary is the cost of a whole plan a year.
type Summary struct {
	Profile model.ContributionProfile
	Posts   []PostCost // in outline order
	Units   []UnitCost // in outline order, parents first
	// Totals over the top-level units, sums of the rows shown.
	Planned, InPost                      float64
	PlannedCost, ActualCost, VacancyCost Fen
	// Revenue is the plan's yearly revenue (0: none); the shares are
	// 人工成本占比 of the planned and the actual cost, in basis points
	// (0.01 %), rounded once.
	Revenue                   Fen
	PlannedShare, ActualShare int64
	ShareSteps                []Piece
}

// fteCost is fte × annual, rounded to the fen; the FTE is taken to the
// millionth, as typed.
func fteCost(fte float64, annual *big.Rat) (Fen, *big.Rat) {
	x := new(big.Rat).Mul(big.NewRat(microFTE(fte), 1_000_000), annual)
	return roundRat(x), x
}

// Costs computes the annual cost of every post and unit of d under the
// plan's contribution profile.
func Costs(d *model.PlanData) *Summary {
	return CostsWith(d, &d.Plan.Budget.Profile)
}

// CostsWith is Costs under another contribution profile (a "what if" the
// user picks without changing the plan).
func CostsWith(d *model.PlanData, profile *model.ContributionProfile) *Summary {
	f := model.Compute(d)
	units := d.UnitIndex()
	posts := d.PositionIndex()
	s := &Summary{Profile: *profile, Revenue: Fen(d.Plan.Budget.Revenue)}
	var walk func(parent model.ID, depth int) (ucs []int)
	walk = func(parent model.ID, depth int) []int {
		var mine []int
		for _, uid := range f.Children[parent] {
			u := units[uid]
			if u == nil {
				continue
			}
			idx := len(s.Units)
			s.Units = append(s.Units, UnitCost{Unit: uid, Name: u.Name, Depth: depth,
				Path: strings.Join(model.UnitPathIn(units, uid), "/")})
			mine = append(mine, idx)
			uc := &s.Units[idx]
			for _, pid := range f.PostsIn[uid] {
				p := posts[pid]
				if p == nil {
					continue
				}
				pc := postCost(p, f.Positions[pid], profile)
				pc.UnitPath = uc.Path
				s.Posts = append(s.Posts, pc)
				uc.PlannedDirect += pc.Planned
				uc.InPostDirect += pc.InPost
				uc.PlannedCostDirect += pc.PlannedCost
				uc.ActualCostDirect += pc.ActualCost
				uc.VacancyCostDirect += pc.VacancyCost
			}
			uc.PlannedTotal, uc.InPostTotal = uc.PlannedDirect, uc.InPostDirect
			uc.PlannedCostTotal, uc.ActualCostTotal, uc.VacancyCostTotal = uc.PlannedCostDirect, uc.ActualCostDirect, uc.VacancyCostDirect
			for _, ci := range walk(uid, depth+1) {
				c := s.Units[ci]
				uc = &s.Units[idx] // the slice may have grown
				uc.PlannedTotal += c.PlannedTotal
				uc.InPostTotal += c.InPostTotal
				uc.PlannedCostTotal += c.PlannedCostTotal
				uc.ActualCostTotal += c.ActualCostTotal
				uc.VacancyCostTotal += c.VacancyCostTotal
			}
		}
		return mine
	}
	for _, i := range walk(0, 0) {
		u := s.Units[i]
		s.Planned += u.PlannedTotal
		s.InPost += u.InPostTotal
		s.PlannedCost += u.PlannedCostTotal
		s.ActualCost += u.ActualCostTotal
		s.VacancyCost += u.VacancyCostTotal
	}
	if s.Revenue > 0 {
		s.PlannedShare = shareBP(s.PlannedCost, s.Revenue)
		s.ActualShare = shareBP(s.ActualCost, s.Revenue)
		s.ShareSteps = []Piece{
			piece("budget.step.share_planned", "planned labour cost {{.cost}} ÷ revenue {{.rev}} = {{.out}}",
				"cost", s.PlannedCost.Short(), "rev", s.Revenue.Short(), "out", ShareText(s.PlannedShare)),
			piece("budget.step.share_actual", "actual labour cost {{.cost}} ÷ revenue {{.rev}} = {{.out}}",
				"cost", s.ActualCost.Short(), "rev", s.Revenue.Short(), "out", ShareText(s.ActualShare)),
		}
	}
	return s
}

// shareBP is cost ÷ revenue in basis points, rounded half up.
func shareBP(cost, revenue Fen) int64 {
	return int64(roundRat(big.NewRat(int64(cost)*10000, int64(revenue))))
}

// ShareText writes basis points as a percentage with two decimals.
func ShareText(bp int64) string { return Fen(bp).Yuan() + " %" }

func postCost(p *model.Position, fig *model.PositionFigures, profile *model.ContributionProfile) PostCost {
	pc := PostCost{Post: p.ID, Unit: p.Unit, Title: p.Title}
	if p.Counts() {
		pc.Planned = p.Planned
	}
	if fig != nil {
		pc.InPost = fig.Actual
	}
	pc.Vacant = max(pc.Planned-pc.InPost, 0)
	if pc.Vacant < 1e-9 {
		pc.Vacant = 0
	}
	pc.Rates = PostRates(p, profile)
	pc.PerFTE = roundRat(pc.Rates.Annual)
	pc.MonthlyPay = roundRat(pc.Rates.MonthlyPay)
	var exact *big.Rat
	pc.PlannedCost, exact = fteCost(pc.Planned, pc.Rates.Annual)
	pc.Steps = append(append([]Piece(nil), pc.Rates.Steps...),
		piece("budget.step.planned", "planned {{.fte}} × {{.per}} = {{.out}}",
			"fte", FTEText(pc.Planned), "per", ratText(pc.Rates.Annual), "out", ratText(exact)))
	pc.ActualCost, exact = fteCost(pc.InPost, pc.Rates.Annual)
	pc.Steps = append(pc.Steps, piece("budget.step.actual", "in post {{.fte}} × {{.per}} = {{.out}}",
		"fte", FTEText(pc.InPost), "per", ratText(pc.Rates.Annual), "out", ratText(exact)))
	pc.VacancyCost, exact = fteCost(pc.Vacant, pc.Rates.Annual)
	if pc.Vacant > 0 {
		pc.Steps = append(pc.Steps, piece("budget.step.vacancy", "vacant {{.fte}} × {{.per}} = {{.out}}",
			"fte", FTEText(pc.Vacant), "per", ratText(pc.Rates.Annual), "out", ratText(exact)))
	}
	return pc
}

// missingRate is the step naming a rate the profile does not know.
func missingRate(c model.Contribution) Piece {
	switch c {
	case model.Pension:
		return piece("budget.step.missing.pension", "pension rate not set: counted as 0")
	case model.Medical:
		return piece("budget.step.missing.medical", "medical rate not set: counted as 0")
	case model.Unemployment:
		return piece("budget.step.missing.unemployment", "unemployment rate not set: counted as 0")
	case model.Injury:
		return piece("budget.step.missing.injury", "work injury rate not set: counted as 0")
	}
	return piece("budget.step.missing.housing_fund", "housing fund rate not set: counted as 0")
}
