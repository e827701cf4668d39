package budget

import (
	"math/big"

	"staffplan/data/model"
)

// MonthCell is a unit's or a post's figures in one month: 编制 in force,
// people expected in post (FTE), the cost of the 编制 if fully staffed and
// the expected cost of those in post.
type MonthCell struct {
	Planned, InPost float64
	PlanCost, Cost  Fen
}

// RowMonths is one row of the units × months table: a unit (its own posts)
// or a post, month by month, with the costs summed over the months.
type RowMonths struct {
	Unit           model.ID
	Post           model.ID // zero for a unit row
	Name           string   // the unit's name
	Title          string   // the post's title
	Depth          int
	Months         []MonthCell
	PlanCost, Cost Fen // over the months of the table
}

// UnitsByMonth is the plan's units month by month. Each post's figure is
// rounded once; a unit's is the sum of its own posts' (sub-units have rows
// of their own) and the total the sum of the units', so every total is the
// sum of the rows shown.
type UnitsByMonth struct {
	From  model.Month
	Units []RowMonths              // in outline order, parents first
	Posts map[model.ID][]RowMonths // each unit's own posts, in order, for the drill-down
	Total RowMonths
}

// ProjectUnits works out the units × months table of d under profile for
// months months from from, by the rules of Project (planned changes, new
// posts and units, expected starts and leavers).
func ProjectUnits(d *model.PlanData, profile *model.ContributionProfile, from model.Month, months int) *UnitsByMonth {
	months = min(max(months, 0), MaxMonths)
	s := CostsWith(d, profile)
	out := &UnitsByMonth{From: from, Posts: map[model.ID][]RowMonths{}, Total: RowMonths{Months: make([]MonthCell, months)}}
	ids := make([]model.ID, len(s.Posts))
	for i, p := range s.Posts {
		ids[i] = p.Post
	}
	pm := ProjectPosts(d, ids, from, months)
	byID := make(map[model.ID]*model.Position, len(d.Positions))
	for i := range d.Positions {
		byID[d.Positions[i].ID] = &d.Positions[i]
	}
	// Posts on the same pay share one exact annual figure.
	type payKey struct {
		pay, lo, hi, allow int64
		months             int32
	}
	annuals := map[payKey]*big.Int{}
	monthCost := func(fte float64, annual *big.Int) Fen {
		if fte <= 0 {
			return 0
		}
		return monthFen(new(big.Int).Mul(big.NewInt(microFTE(fte)), annual))
	}
	for i, pc := range s.Posts {
		p := byID[pc.Post]
		if p == nil {
			continue
		}
		k := payKey{p.MonthlyPay, yuanToFen(p.SalaryMin), yuanToFen(p.SalaryMax), p.Allowances, p.MonthsPaid}
		annual := annuals[k]
		if annual == nil {
			annual = scaled(postRates(p, profile, false).Annual)
			annuals[k] = annual
		}
		row := RowMonths{Unit: p.Unit, Post: p.ID, Title: p.Title, Months: make([]MonthCell, months)}
		for m := range months {
			c := MonthCell{Planned: pm[i].Planned[m], InPost: pm[i].InPost[m]}
			c.PlanCost, c.Cost = monthCost(c.Planned, annual), monthCost(c.InPost, annual)
			row.Months[m] = c
			row.PlanCost += c.PlanCost
			row.Cost += c.Cost
		}
		out.Posts[p.Unit] = append(out.Posts[p.Unit], row)
	}
	for _, uc := range s.Units {
		row := RowMonths{Unit: uc.Unit, Name: uc.Name, Depth: uc.Depth, Months: make([]MonthCell, months)}
		for i := range out.Posts[uc.Unit] {
			pr := &out.Posts[uc.Unit][i]
			pr.Depth = uc.Depth + 1
			for m, c := range pr.Months {
				add(&row.Months[m], c)
			}
			row.PlanCost += pr.PlanCost
			row.Cost += pr.Cost
		}
		for m, c := range row.Months {
			add(&out.Total.Months[m], c)
		}
		out.Total.PlanCost += row.PlanCost
		out.Total.Cost += row.Cost
		out.Units = append(out.Units, row)
	}
	return out
}

// add adds c into sum; headcounts are added in millionths of an FTE, as
// the projection keeps them, so sums do not drift.
func add(sum *MonthCell, c MonthCell) {
	sum.Planned = float64(microFTE(sum.Planned)+microFTE(c.Planned)) / 1e6
	sum.InPost = float64(microFTE(sum.InPost)+microFTE(c.InPost)) / 1e6
	sum.PlanCost += c.PlanCost
	sum.Cost += c.Cost
}
