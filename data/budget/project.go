package budget

import (
	"math/big"
	"math/bits"
	"slices"
	"strings"

	"staffplan/data/model"
)

// MaxMonths bounds a projection: three years, as the plan looks ahead.
const MaxMonths = 120

// MonthFigures are a plan's figures in one month of a projection.
type MonthFigures struct {
	Month    model.Month
	Planned  float64 // 编制 in force that month
	InPost   float64 // 预计在岗: people expected in post (FTE)
	Vacant   float64 // sum over posts of max(编制 − 预计在岗, 0)
	Hires    float64 // the hiring plan's hires that month (FTE)
	Cost     Fen     // expected cost of the people in post that month
	PlanCost Fen     // cost of the 编制 if fully staffed that month
	HireCost Fen     // cost that month of the plan's hires so far
}

// Rate returns 编制执行率 (in post ÷ 编制) in basis points, or −1 when
// there is no 编制.
func (m MonthFigures) Rate() int64 {
	if m.Planned <= 0 {
		return -1
	}
	return int64(roundRat(big.NewRat(microFTE(m.InPost)*10000, microFTE(m.Planned))))
}

// Hire is one line of the hiring plan (招聘计划): how much of a post to
// hire in a month to reach its 编制, and what those hires cost to the end
// of the projection.
type Hire struct {
	Month    model.Month
	Post     model.ID
	Title    string
	UnitPath string
	FTE      float64
	Cost     Fen
	// Replacement marks a hire for the expected turnover: it keeps the
	// headcount, so it adds no cost.
	Replacement bool
}

// Projection is a plan month by month.
type Projection struct {
	From   model.Month
	Months []MonthFigures
	Hiring []Hire
	// AnnualCost and AnnualPlanCost are sums of the first twelve months
	// shown (fewer when the projection is shorter).
	AnnualCost, AnnualPlanCost, HiringCost Fen
}

// costScale turns an annual cost per FTE (fen, exact) into an integer:
// pay may be half a fen (the middle of a band), times months in
// hundredths, and contributions are base × rate in millionths; 2·10⁶ clears
// every denominator.
const costScale = 2_000_000

// scaled returns annual × costScale as an integer.
func scaled(annual *big.Rat) *big.Int {
	x := new(big.Rat).Mul(annual, big.NewRat(costScale, 1))
	if !x.IsInt() {
		// Cannot happen by the reasoning above; round rather than lose it.
		return big.NewInt(int64(roundRat(x)))
	}
	return new(big.Int).Set(x.Num())
}

// monthDen is the denominator of Σ microFTE × scaled annual for one month.
var monthDen = new(big.Int).Mul(big.NewInt(1_000_000*costScale), big.NewInt(12))

func monthFen(sum *big.Int) Fen { return roundRat(new(big.Rat).SetFrac(sum, monthDen)) }

type projPost struct {
	p      *model.Position
	path   string
	start  model.Month // the later of the post's and its units' start
	annual *big.Int    // scaled
	small  uint64      // annual when it fits 64 bits (fast sums), else 0
	hold   []holding
}

// acc sums products of two uint64 exactly in 128 bits, spilling into a
// big.Int only in the unlikely case it would overflow.
type acc struct {
	hi, lo uint64
	big    *big.Int
}

func (a *acc) add(x uint64, y *big.Int, ySmall uint64) {
	if ySmall != 0 {
		h, l := bits.Mul64(x, ySmall)
		var c uint64
		a.lo, c = bits.Add64(a.lo, l, 0)
		var c2 uint64
		a.hi, c2 = bits.Add64(a.hi, h, c)
		if c2 == 0 {
			return
		}
		// Overflowed 128 bits: undo into the big spill.
		a.hi -= h + c
		a.lo -= l
		// fall through to the big path for this product
	}
	if a.big == nil {
		a.big = new(big.Int)
	}
	var t big.Int
	a.big.Add(a.big, t.Mul(new(big.Int).SetUint64(x), y))
}

func (a *acc) value() *big.Int {
	v := new(big.Int).SetUint64(a.hi)
	v.Lsh(v, 64).Or(v, new(big.Int).SetUint64(a.lo))
	if a.big != nil {
		v.Add(v, a.big)
	}
	return v
}

type holding struct {
	from, until model.Month
	fte         int64
}

// Project computes months months from from on: per month 编制, expected in
// post, vacancies, cost and the hiring plan that fills every vacancy in
// the month it opens (hires stay to the end). People who left are not
// counted; those expected to start count from their start, those expected
// to leave until they go.
func Project(d *model.PlanData, from model.Month, months int) *Projection {
	return ProjectWith(d, &d.Plan.Budget.Profile, from, months)
}

// ProjectWith is Project under another contribution profile.
func ProjectWith(d *model.PlanData, profile *model.ContributionProfile, from model.Month, months int) *Projection {
	months = min(max(months, 0), MaxMonths)
	pr := &Projection{From: from, Months: make([]MonthFigures, months)}
	units := d.UnitIndex()
	unitStart := make(map[model.ID]model.Month, len(d.Units))
	var startOf func(id model.ID, depth int) model.Month
	startOf = func(id model.ID, depth int) model.Month {
		if s, ok := unitStart[id]; ok {
			return s
		}
		u := units[id]
		if u == nil || depth > len(units) {
			return 0
		}
		s := max(u.Starts, startOf(u.Parent, depth+1))
		unitStart[id] = s
		return s
	}
	idx := make(map[model.ID]int, len(d.Positions))
	posts := make([]projPost, len(d.Positions))
	// Posts on the same pay share one exact computation.
	type payKey struct {
		pay, lo, hi, allow int64
		months             int32
	}
	annuals := map[payKey]*big.Int{}
	paths := map[model.ID]string{}
	for i := range d.Positions {
		p := &d.Positions[i]
		k := payKey{p.MonthlyPay, yuanToFen(p.SalaryMin), yuanToFen(p.SalaryMax), p.Allowances, p.MonthsPaid}
		annual := annuals[k]
		if annual == nil {
			if x, ok := scaledFast(p, profile); ok {
				annual = new(big.Int).SetUint64(x)
			} else {
				annual = scaled(postRates(p, profile, false).Annual)
			}
			annuals[k] = annual
		}
		path, ok := paths[p.Unit]
		if !ok {
			path = strings.Join(model.UnitPathIn(units, p.Unit), "/")
			paths[p.Unit] = path
		}
		posts[i] = projPost{p: p, start: max(p.Starts, startOf(p.Unit, 0)), annual: annual, path: path}
		if annual.IsUint64() {
			posts[i].small = annual.Uint64()
		}
		idx[p.ID] = i
	}
	people := make(map[model.ID]*model.Person, len(d.People))
	for i := range d.People {
		people[d.People[i].ID] = &d.People[i]
	}
	for _, a := range d.Assignments {
		pi, ok := idx[a.Position]
		person := people[a.Person]
		if !ok || person == nil || person.Status == model.PersonLeft {
			continue
		}
		f, u := person.Span()
		posts[pi].hold = append(posts[pi].hold, holding{from: f, until: u, fte: microFTE(a.FTE)})
	}
	cost := make([]acc, months)
	plan := make([]acc, months)
	hire := make([]acc, months)
	var hireMicro = make([]int64, months)
	for i := range posts {
		pp := &posts[i]
		var hired int64 // FTE hired so far, in millionths
		for k := 0; k < months; k++ {
			m := from + model.Month(k)
			var planned int64
			if pl, st, ok := pp.p.PlannedIn(m); ok && m >= pp.start && st == model.StatusActive {
				planned = microFTE(pl)
			}
			var in int64
			for _, h := range pp.hold {
				if (h.from == 0 || m >= h.from) && (h.until == 0 || m < h.until) {
					in += h.fte
				}
			}
			mf := &pr.Months[k]
			mf.Planned += float64(planned) / 1e6
			mf.InPost += float64(in) / 1e6
			if planned > in {
				mf.Vacant += float64(planned-in) / 1e6
			}
			if in > 0 {
				cost[k].add(uint64(in), pp.annual, pp.small)
			}
			if planned > 0 {
				plan[k].add(uint64(planned), pp.annual, pp.small)
			}
			if need := planned - in - hired; need > 0 {
				hired += need
				hireMicro[k] += need
				left := int64(months - k)
				c := new(big.Int).Mul(big.NewInt(need*left), pp.annual)
				pr.Hiring = append(pr.Hiring, Hire{Month: m, Post: pp.p.ID, Title: pp.p.Title, UnitPath: pp.path,
					FTE: float64(need) / 1e6, Cost: monthFen(c)})
			}
			if hired > 0 {
				hire[k].add(uint64(hired), pp.annual, pp.small)
			}
			// Replacements for the expected turnover of those in post
			// (and hired): they keep the headcount, so they cost nothing
			// the months above do not already count.
			if t := int64(pp.p.Turnover); t > 0 {
				if r := ((in+hired)*t + 60_000) / 120_000; r > 0 { // × t/10⁴ ÷ 12, to the nearest millionth
					hireMicro[k] += r
					pr.Hiring = append(pr.Hiring, Hire{Month: m, Post: pp.p.ID, Title: pp.p.Title, UnitPath: pp.path,
						FTE: float64(r) / 1e6, Replacement: true})
				}
			}
		}
	}
	for k := range pr.Months {
		mf := &pr.Months[k]
		mf.Month = from + model.Month(k)
		mf.Hires = float64(hireMicro[k]) / 1e6
		mf.Cost, mf.PlanCost, mf.HireCost = monthFen(cost[k].value()), monthFen(plan[k].value()), monthFen(hire[k].value())
		if k < 12 {
			pr.AnnualCost += mf.Cost
			pr.AnnualPlanCost += mf.PlanCost
		}
	}
	sortHires(pr.Hiring)
	for _, h := range pr.Hiring {
		pr.HiringCost += h.Cost
	}
	return pr
}

func sortHires(h []Hire) {
	// Stable: within a month the posts keep the plan's order.
	slices.SortStableFunc(h, func(a, b Hire) int { return int(a.Month - b.Month) })
}

// PostMonths is one post month by month: its 编制 in force and the people
// expected in post, for a workbook that keeps the arithmetic as formulas.
type PostMonths struct {
	Post            model.ID
	Planned, InPost []float64
}

// ProjectPosts returns, for each post of d in the order of posts, its 编制
// and expected in post for months months from from, by the rules of
// Project.
func ProjectPosts(d *model.PlanData, posts []model.ID, from model.Month, months int) []PostMonths {
	months = min(max(months, 0), MaxMonths)
	pr := &projector{d: d}
	pr.index()
	out := make([]PostMonths, len(posts))
	for i, id := range posts {
		pm := PostMonths{Post: id, Planned: make([]float64, months), InPost: make([]float64, months)}
		if p := pr.posts[id]; p != nil {
			start := max(p.Starts, pr.unitStart(p.Unit))
			for k := range months {
				m := from + model.Month(k)
				if pl, st, ok := p.PlannedIn(m); ok && m >= start && st == model.StatusActive {
					pm.Planned[k] = float64(microFTE(pl)) / 1e6
				}
				var in int64
				for _, h := range pr.hold[id] {
					if (h.from == 0 || m >= h.from) && (h.until == 0 || m < h.until) {
						in += h.fte
					}
				}
				pm.InPost[k] = float64(in) / 1e6
			}
		}
		out[i] = pm
	}
	return out
}

// projector indexes a plan the way the projection reads it.
type projector struct {
	d     *model.PlanData
	units map[model.ID]*model.Unit
	posts map[model.ID]*model.Position
	hold  map[model.ID][]holding
}

func (pr *projector) index() {
	d := pr.d
	pr.units, pr.posts = d.UnitIndex(), d.PositionIndex()
	people := make(map[model.ID]*model.Person, len(d.People))
	for i := range d.People {
		people[d.People[i].ID] = &d.People[i]
	}
	pr.hold = map[model.ID][]holding{}
	for _, a := range d.Assignments {
		person := people[a.Person]
		if pr.posts[a.Position] == nil || person == nil || person.Status == model.PersonLeft {
			continue
		}
		f, u := person.Span()
		pr.hold[a.Position] = append(pr.hold[a.Position], holding{from: f, until: u, fte: microFTE(a.FTE)})
	}
}

// unitStart is the latest start month of a unit and the units above it.
func (pr *projector) unitStart(id model.ID) model.Month {
	var s model.Month
	for steps := 0; id != 0 && steps <= len(pr.units); steps++ {
		u := pr.units[id]
		if u == nil {
			break
		}
		s = max(s, u.Starts)
		id = u.Parent
	}
	return s
}

// fastLimit bounds the figures scaledFast takes: pay and allowances under
// 50 million yuan a month keep every product inside 64 bits.
const fastLimit = 5_000_000_000 // fen

// scaledFast is scaled(PostRates(p, c).Annual) in integers, for the
// thousands of posts of a projection; ok is false for figures too large
// for it, which take the exact big.Rat path instead.
func scaledFast(p *model.Position, c *model.ContributionProfile) (uint64, bool) {
	months := int64(p.MonthsPaid)
	if months == 0 {
		months = model.DefaultMonthsPaid
	}
	// pay2 is twice the monthly pay: the middle of a band may be half a fen.
	var pay2 int64
	switch lo, hi := yuanToFen(p.SalaryMin), yuanToFen(p.SalaryMax); {
	case p.MonthlyPay > 0:
		pay2 = 2 * p.MonthlyPay
	case lo > 0 && hi > 0:
		pay2 = lo + hi
	case lo > 0 || hi > 0:
		pay2 = 2 * max(lo, hi)
	}
	if pay2 >= 2*fastLimit || p.Allowances >= fastLimit || months > model.MaxMonthsPaid {
		return 0, false
	}
	var contrib int64
	if pay2 > 0 && !c.Empty() {
		base2 := pay2
		if c.BaseFloor > 0 && base2 < 2*c.BaseFloor {
			base2 = 2 * c.BaseFloor
		} else if c.BaseCeiling > 0 && base2 > 2*c.BaseCeiling {
			base2 = 2 * c.BaseCeiling
		}
		if base2 >= 2*fastLimit {
			return 0, false
		}
		var sum int64
		for _, r := range c.Rates {
			if r.Set() {
				sum += int64(r)
			}
		}
		// base × sum/10⁶ × 12 × 2·10⁶ = base2 × sum × 12.
		contrib = base2 * sum * 12
	}
	// pay × months/100 × 2·10⁶ = pay2 × months × 10⁴; allowances × 12 × 2·10⁶.
	return uint64(pay2*months*10_000 + contrib + p.Allowances*24_000_000), true
}
