package calc

import (
	"fmt"
	"math"

	"staffplan/data/model"
)

// Limits that keep every kind's arithmetic quick and finite whatever the
// input; real plans are far below them.
const (
	maxTraffic   = 100_000 // erlangs
	maxIntervals = 10_000  // profile length
	maxSeconds   = 86_400
)

func (e *evaluator) fixed(r *Rule, c *check) Result {
	c.nonNeg("count", r.Count)
	return single(r.Count, Step{Formula: "fixed", In: []float64{r.Count}, Out: r.Count})
}

func (e *evaluator) capacity(r *Rule, c *check) Result {
	v := e.driver(c, "driver", r.Driver)
	c.positive("per", r.Per)
	if c.err != nil {
		return Result{}
	}
	x := v / r.Per
	return single(x, Step{Formula: "capacity", In: []float64{v, r.Per}, Out: x})
}

// checkBand validates a band's bounds.
func checkBand(c *check, field string, b Band) {
	if b.Min != nil {
		c.nonNeg(field+".min", *b.Min)
	}
	if b.Max != nil {
		c.nonNeg(field+".max", *b.Max)
	}
	if c.err == nil && b.Min != nil && b.Max != nil && *b.Min > *b.Max {
		c.set(fail("err.calc.order", c.rule, field))
	}
}

// contains reports Min ≤ v < Max.
func (b Band) contains(v float64) bool {
	return (b.Min == nil || v >= *b.Min) && (b.Max == nil || v < *b.Max)
}

// label writes the band with symbols only, so it reads in any language.
func (b Band) label() string {
	switch {
	case b.Min != nil && b.Max != nil:
		return fmtNum(*b.Min) + "–" + fmtNum(*b.Max)
	case b.Min != nil:
		return "≥ " + fmtNum(*b.Min)
	case b.Max != nil:
		return "< " + fmtNum(*b.Max)
	}
	return "*"
}

// describe writes a condition that holds with its value, in symbols:
// "建筑面积 20 ≥ 15", "6 ≤ 建筑面积 10 < 15".
func (b Band) describe(label string, v float64) string {
	x := label + " " + fmtNum(v)
	switch {
	case b.Min != nil && b.Max != nil:
		return fmtNum(*b.Min) + " ≤ " + x + " < " + fmtNum(*b.Max)
	case b.Min != nil:
		return x + " ≥ " + fmtNum(*b.Min)
	case b.Max != nil:
		return x + " < " + fmtNum(*b.Max)
	}
	return x
}

// pick chooses the end of a range the rule uses.
func pick(c *check, how string, lo, hi float64) (float64, string) {
	switch how {
	case "", "low":
		return lo, "low"
	case "high":
		return hi, "high"
	case "mid":
		return lo + (hi-lo)/2, "mid"
	}
	c.set(fail("err.calc.value", c.rule, "pick", "value", how))
	return 0, ""
}

func (e *evaluator) ratio(r *Rule, c *check) Result {
	v := e.driver(c, "driver", r.Driver)
	var steps []Step
	low, high := r.Ratio, r.RatioHigh
	if len(r.Bands) > 0 {
		found := false
		for i, b := range r.Bands {
			field := fmt.Sprintf("bands[%d]", i)
			checkBand(c, field, b.Band)
			c.nonNeg(field+".low", b.Low)
			c.nonNeg(field+".high", b.High)
			if !found && c.err == nil && b.contains(v) {
				found, low, high = true, b.Low, b.High
				steps = append(steps, Step{Formula: "band", In: []float64{v}, Out: v, Names: []string{b.label()}})
			}
		}
		if c.err == nil && !found {
			c.set(fail("err.calc.no_tier", r.ID, "bands"))
		}
	}
	c.nonNeg("ratio", low)
	c.nonNeg("ratio_high", high)
	if high == 0 {
		high = low
	}
	if c.err == nil && high < low {
		c.set(fail("err.calc.order", r.ID, "ratio"))
	}
	if c.err != nil {
		return Result{}
	}
	lo, hi := v*low, v*high
	if hi == lo {
		return single(lo, append(steps, Step{Formula: "ratio", In: []float64{v, low}, Out: lo})...)
	}
	x, how := pick(c, r.Pick, lo, hi)
	steps = append(steps,
		Step{Formula: "ratio.range", In: []float64{v, low, high}, Out: lo, OutHigh: hi},
		Step{Formula: "pick." + how, In: []float64{lo, hi}, Out: x})
	return Result{Exact: x, ExactLow: lo, ExactHigh: hi, Range: true, Steps: steps}
}

func (e *evaluator) relative(r *Rule, c *check) Result {
	ref := e.ref(c, "of", r.Of)
	c.nonNeg("factor", r.Factor)
	if c.err != nil {
		return Result{}
	}
	lo, v, hi := refValue(ref, r.OfRounded)
	k := r.Factor
	step := Step{Formula: "relative", In: []float64{v, k}, Out: v * k, Names: []string{ref.label()}}
	res := Result{Exact: v * k, ExactLow: lo * k, ExactHigh: hi * k, Steps: []Step{step}}
	res.Range = res.ExactLow != res.ExactHigh
	return res
}

// label names a result in explanations: its post, else its rule.
func (r *Result) label() string {
	switch {
	case r.Target.Position != "":
		return r.Target.Position
	case r.Name != "":
		return r.Name
	}
	return r.RuleID
}

// headcounts sums the required figures of the successful headcount rules
// accepted by keep, in rule order so the sum is the same every time.
func (e *evaluator) headcounts(c *check, field string, keep func(*Rule) bool) float64 {
	var sum float64
	for _, r := range e.list {
		// Seats, lines and ratios are not staff: a share of the total
		// counts people only.
		if r.Kind == KindShare || r.QuantityOf() != People || !keep(r) || e.rules[r.ID] != r {
			continue
		}
		res := e.done[r.ID]
		if res == nil || res.Problem != nil {
			c.set(fail("err.calc.ref_failed", c.rule, field, "value", r.ID))
			return 0
		}
		sum += res.Required
	}
	return sum
}

func (e *evaluator) share(r *Rule, c *check) Result {
	s := r.Share
	if s == nil {
		c.set(fail("err.calc.missing", r.ID, "share"))
		return Result{Problem: c.err}
	}
	c.nonNeg("share.low", s.Low)
	c.nonNeg("share.high", s.High)
	if c.err == nil && (s.Low > 1 || s.High > 1) {
		c.set(fail("err.calc.value", r.ID, "share.high", "value", fmtNum(math.Max(s.Low, s.High))))
	}
	if c.err == nil && s.Low > s.High {
		c.set(fail("err.calc.order", r.ID, "share"))
	}
	var part, total float64
	switch {
	case s.PartDriver != "":
		part = e.driver(c, "share.part_driver", s.PartDriver)
	case r.Target.Category == "":
		c.set(fail("err.calc.missing", r.ID, "target.category"))
	default:
		part = e.headcounts(c, "target.category", func(x *Rule) bool { return x.Target.Category == r.Target.Category })
	}
	switch {
	case s.TotalDriver != "":
		total = e.driver(c, "share.total_driver", s.TotalDriver)
	case r.Of != "":
		if ref := e.ref(c, "of", r.Of); ref != nil {
			_, total, _ = refValue(ref, r.OfRounded)
		}
	default:
		total = e.headcounts(c, "total", func(*Rule) bool { return true })
	}
	if c.err == nil && total <= 0 {
		c.set(fail("err.calc.zero", r.ID, "total"))
	}
	share := part / total
	if c.err == nil && !model.Finite(share) {
		c.set(fail("err.calc.too_large", r.ID, "total"))
	}
	if c.err != nil {
		return Result{Problem: c.err}
	}
	in := share >= s.Low-1e-12 && share <= s.High+1e-12
	verdict := "band.out"
	if in {
		verdict = "band.in"
	}
	res := single(share,
		Step{Formula: "share", In: []float64{part, total}, Out: share},
		Step{Formula: verdict, In: []float64{s.Low, s.High}, Out: share})
	res.Required = share
	res.Check = &Check{Part: part, Total: total, Share: share, Low: s.Low, High: s.High, InBand: in}
	return res
}

func (e *evaluator) tiers(r *Rule, c *check) Result {
	if len(r.Tiers) == 0 {
		c.set(fail("err.calc.missing", r.ID, "tiers"))
		return Result{}
	}
	chosen := -1
	var why []string
	for i, t := range r.Tiers {
		field := fmt.Sprintf("tiers[%d]", i)
		c.nonNeg(field+".count", t.Count)
		if t.Join != "" && t.Join != "and" && t.Join != "or" {
			c.set(fail("err.calc.value", r.ID, field+".join", "value", t.Join))
		}
		held := make([]string, 0, len(t.When))
		all, some := true, false
		for j, cond := range t.When {
			cf := fmt.Sprintf("%s.when[%d]", field, j)
			v := e.driver(c, cf+".driver", cond.Driver)
			checkBand(c, cf, cond.Band)
			if cond.contains(v) {
				some = true
				held = append(held, cond.describe(e.driverLabel(cond.Driver), v))
			} else {
				all = false
			}
		}
		for j, inc := range t.Increments {
			f := fmt.Sprintf("%s.increments[%d]", field, j)
			e.driver(c, f+".driver", inc.Driver)
			c.nonNeg(f+".above", inc.Above)
			c.positive(f+".every", inc.Every)
			c.nonNeg(f+".add", inc.Add)
		}
		ok := len(t.When) == 0 || (t.Join == "or" && some) || (t.Join != "or" && all)
		if ok {
			chosen, why = i, held
		}
	}
	if c.err != nil {
		return Result{}
	}
	if chosen < 0 {
		c.set(fail("err.calc.no_tier", r.ID, "tiers"))
		return Result{}
	}
	t := r.Tiers[chosen]
	name := t.Name
	if name == "" {
		name = fmt.Sprint(chosen + 1)
	}
	join := "tier.and"
	switch {
	case len(t.When) == 0:
		join = "tier.always"
	case t.Join == "or":
		join = "tier.or"
	}
	steps := []Step{{Formula: join, In: []float64{t.Count}, Out: t.Count, Names: append([]string{name}, why...)}}
	total := t.Count
	sum := []float64{t.Count}
	for _, inc := range t.Increments {
		v := e.drivers[inc.Driver].Value
		n := 0.0
		if v > inc.Above {
			// Only whole steps count: "每增加5万㎡" adds a post per full 5 万㎡.
			n = math.Floor(snap((v - inc.Above) / inc.Every))
		}
		extra := n * inc.Add
		steps = append(steps, Step{Formula: "increment", In: []float64{v, inc.Above, inc.Every, n, inc.Add},
			Out: extra, Names: []string{e.driverLabel(inc.Driver)}})
		total += extra
		sum = append(sum, extra)
	}
	if len(t.Increments) > 0 {
		steps = append(steps, Step{Formula: "sum", In: sum, Out: total})
	}
	return single(total, steps...)
}

// driverLabel is the driver's label, else its key.
func (e *evaluator) driverLabel(key string) string {
	if d := e.drivers[key]; d.Label != "" {
		return d.Label
	}
	return key
}

func (e *evaluator) fraction(r *Rule, c *check) Result {
	if len(r.Parts) == 0 {
		c.set(fail("err.calc.missing", r.ID, "parts"))
		return Result{}
	}
	var sum float64
	in := make([]float64, 0, 2*len(r.Parts))
	for i, p := range r.Parts {
		f := fmt.Sprintf("parts[%d]", i)
		v := e.driver(c, f+".driver", p.Driver)
		c.positive(f+".per", p.Per)
		if c.err != nil {
			return Result{}
		}
		sum += v / p.Per
		in = append(in, v, p.Per)
	}
	res := single(sum, Step{Formula: "fraction", In: in, Out: sum})
	if snap(sum) >= 1 {
		res.Steps = append(res.Steps, Step{Formula: "dedicated", In: []float64{sum}, Out: sum})
		return res
	}
	// Below one the post is shared with another (兼任): the fraction is the
	// share of a person, kept as FTE rather than rounded away.
	res.Shared, res.Required = true, sum
	res.Steps = append(res.Steps, Step{Formula: "shared", In: []float64{sum}, Out: sum})
	return res
}

// basisName names the working-time basis in explanations.
func basisName(b model.WorkBasis) string {
	switch b.Kind {
	case model.Basis2008:
		return "2008"
	case model.BasisCustom:
		return "custom"
	}
	return "2025"
}

// monthHours returns the basis's standard monthly hours, checked.
func (e *evaluator) monthHours(c *check) float64 {
	h := e.basis.HoursPerMonth()
	if !model.Finite(h) || h <= 0 || h > 31*24 {
		c.set(fail("err.calc.zero", c.rule, "basis.hours"))
	}
	return h
}

// days returns days worked per month from a per-month or per-year figure;
// def is used when neither is set (0: required).
func days(c *check, field string, perMonth, perYear, def float64) (d float64, year bool) {
	c.nonNeg(field+"days_per_month", perMonth)
	c.nonNeg(field+"days_per_year", perYear)
	switch {
	case c.err != nil:
		return 0, false
	case perMonth > 0 && perYear > 0:
		c.set(fail("err.calc.value", c.rule, field+"days_per_year", "value", fmtNum(perYear)))
	case perMonth > 31:
		c.set(fail("err.calc.too_large", c.rule, field+"days_per_month"))
	case perYear > 366:
		c.set(fail("err.calc.too_large", c.rule, field+"days_per_year"))
	case perMonth > 0:
		return perMonth, false
	case perYear > 0:
		return perYear / 12, true
	case def > 0:
		return def / 12, true
	default:
		c.set(fail("err.calc.missing", c.rule, field+"days_per_month"))
	}
	return 0, false
}

// coverStep is "hours × days ÷ monthly hours", with days per year shown as
// "365/12" when that is how the rule gave them.
func coverStep(e *evaluator, hours, d float64, year bool, mh float64) Step {
	f, shown := "cover", d
	if year {
		f, shown = "cover.year", d*12
	}
	return Step{Formula: f, In: []float64{hours, shown, mh}, Out: hours * d / mh, Names: []string{basisName(e.basis)}}
}

func shrink(res *Result, x, s float64) float64 {
	if s == 0 {
		return x
	}
	y := x / (1 - s)
	res.Steps = append(res.Steps, Step{Formula: "shrinkage", In: []float64{x, s}, Out: y})
	return y
}

func (e *evaluator) shift(r *Rule, c *check) Result {
	s := r.Shift
	if s == nil {
		c.set(fail("err.calc.missing", r.ID, "shift"))
		return Result{}
	}
	c.positive("shift.hours_per_day", s.HoursPerDay)
	if c.err == nil && s.HoursPerDay > 24 {
		c.set(fail("err.calc.too_large", r.ID, "shift.hours_per_day"))
	}
	d, year := days(c, "shift.", s.DaysPerMonth, s.DaysPerYear, 0)
	c.fraction("shift.shrinkage", s.Shrinkage)
	mh := e.monthHours(c)
	seats, showSeats := s.Seats, true
	switch {
	case r.Of != "":
		if ref := e.ref(c, "of", r.Of); ref != nil {
			_, seats, _ = refValue(ref, r.OfRounded)
		}
	case s.SeatsDriver != "":
		seats = e.driver(c, "shift.seats_driver", s.SeatsDriver)
	default:
		c.positive("shift.seats", s.Seats)
		showSeats = s.Seats != 1
	}
	if c.err != nil {
		return Result{}
	}
	step := coverStep(e, s.HoursPerDay, d, year, mh)
	res := Result{Steps: []Step{step}}
	x := step.Out
	if showSeats {
		res.Steps = append(res.Steps, Step{Formula: "seats", In: []float64{x, seats}, Out: x * seats})
		x *= seats
	}
	x = shrink(&res, x, s.Shrinkage)
	res.Exact, res.ExactLow, res.ExactHigh = x, x, x
	return res
}

func (e *evaluator) queue(r *Rule, c *check) Result {
	q := r.Queue
	if q == nil {
		c.set(fail("err.calc.missing", r.ID, "queue"))
		return Result{}
	}
	c.positive("queue.interval_min", q.IntervalMin)
	c.below("queue.interval_min", q.IntervalMin, 24*60)
	c.positive("queue.aht", q.AHT)
	c.below("queue.aht", q.AHT, maxSeconds)
	c.fraction("queue.shrinkage", q.Shrinkage)
	c.nonNeg("queue.patience", q.Patience)
	c.below("queue.patience", q.Patience, maxSeconds)
	if q.MaxOccupancy != 0 {
		c.occupancy("queue.max_occupancy", q.MaxOccupancy)
	}
	spec := QueueSpec{Interval: q.IntervalMin * 60, AHT: q.AHT, MaxOccupancy: q.MaxOccupancy,
		Shrinkage: q.Shrinkage, Patience: q.Patience}
	targets := 0
	if q.Blocking != 0 {
		c.probability("queue.blocking", q.Blocking)
		targets++
	}
	// Within alone is a service-level target missing its level; beside an
	// ASA or wait target it is the answer time the figures report.
	otherTarget := q.ASA != 0 || q.MaxWaitProb != 0
	if q.Within != 0 {
		c.nonNeg("queue.within", q.Within)
		c.below("queue.within", q.Within, maxSeconds)
		spec.Within = q.Within
	}
	if q.SL != 0 || (q.Within != 0 && !otherTarget) {
		if q.SL >= 1 {
			// Always short of 100 %: a target, not a malformed number.
			c.set(fail("err.calc.unreachable", r.ID, "queue.sl"))
		}
		c.probability("queue.sl", q.SL)
		spec.Target, spec.SL = TargetServiceLevel, q.SL
		targets++
	}
	if q.ASA != 0 {
		c.positive("queue.asa", q.ASA)
		spec.Target, spec.ASA = TargetASA, q.ASA
		targets++
	}
	if q.MaxWaitProb != 0 {
		c.probability("queue.max_wait_probability", q.MaxWaitProb)
		spec.Target, spec.MaxWaitProb = TargetWaitProb, q.MaxWaitProb
		targets++
	}
	switch {
	case targets == 0:
		c.set(fail("err.calc.missing", r.ID, "queue.target"))
	case targets > 1:
		c.set(fail("err.calc.value", r.ID, "queue.target", "value", fmt.Sprint(targets)))
	}
	var calls []float64
	switch {
	case len(q.Profile) > 0:
		if len(q.Profile) > maxIntervals {
			c.set(fail("err.calc.too_large", r.ID, "queue.profile"))
		}
		for i, v := range q.Profile {
			c.nonNeg(fmt.Sprintf("queue.profile[%d]", i), v)
		}
		calls = q.Profile
	case q.CallsDriver != "":
		calls = []float64{e.driver(c, "queue.calls_driver", q.CallsDriver)}
	default:
		c.nonNeg("queue.calls", q.Calls)
		calls = []float64{q.Calls}
	}
	for _, v := range calls {
		if c.err == nil && v*q.AHT/(q.IntervalMin*60) > maxTraffic {
			c.set(fail("err.calc.too_large", r.ID, "queue.calls"))
		}
	}
	if c.err != nil {
		return Result{}
	}
	if q.Blocking != 0 {
		return e.lines(r, c, &spec, calls[0], q.Blocking)
	}
	if len(q.Profile) > 0 {
		return e.profile(r, c, &spec, calls)
	}
	spec.Calls = calls[0]
	st, ok := spec.Solve()
	if !ok {
		c.set(solveFailed(r.ID, q, st))
		return Result{}
	}
	res := Result{Queue: &st}
	res.Steps = append(res.Steps, trafficStep(&spec), agentsStep(&spec, st))
	if st.Agents > 1 {
		res.Steps = append(res.Steps, fewerStep(&spec, spec.Evaluate(st.Agents-1)))
	}
	if q.Patience > 0 {
		res.Steps = append(res.Steps, Step{Formula: "abandon", In: []float64{q.Patience}, Out: st.AbandonProb})
	}
	if q.MaxOccupancy > 0 {
		res.Steps = append(res.Steps, Step{Formula: "occupancy", In: []float64{float64(st.Agents), q.MaxOccupancy}, Out: st.Occupancy})
	}
	x := shrink(&res, float64(st.Agents), q.Shrinkage)
	res.Exact, res.ExactLow, res.ExactHigh = x, x, x
	return res
}

// solveFailed is the problem of a queue no agents could be found for.
func solveFailed(rule string, q *Queue, st QueueStats) *model.Problem {
	if st.tooBig {
		return fail("err.calc.too_large", rule, "queue.patience")
	}
	return fail("err.calc.unreachable", rule, targetField(q))
}

// targetField names the field of the queue's target, for problems.
func targetField(q *Queue) string {
	switch {
	case q.ASA != 0:
		return "queue.asa"
	case q.MaxWaitProb != 0:
		return "queue.max_wait_probability"
	}
	return "queue.sl"
}

func trafficStep(q *QueueSpec) Step {
	return Step{Formula: "traffic", In: []float64{q.Calls, q.AHT, q.Interval}, Out: q.Traffic()}
}

// agentsStep shows the agents found with the figure the target is about.
func agentsStep(q *QueueSpec, st QueueStats) Step {
	n := float64(st.Agents)
	switch q.Target {
	case TargetASA:
		return Step{Formula: "agents.asa", In: []float64{n, st.ASA, q.ASA}, Out: n}
	case TargetWaitProb:
		return Step{Formula: "agents.wait", In: []float64{n, st.WaitProb, q.MaxWaitProb}, Out: n}
	}
	return Step{Formula: "agents.sl", In: []float64{n, st.ServiceLevel, q.SL, q.Within}, Out: n}
}

// fewerStep shows why one agent fewer is not enough.
func fewerStep(q *QueueSpec, st QueueStats) Step {
	n := float64(st.Agents)
	switch q.Target {
	case TargetASA:
		return Step{Formula: "fewer.asa", In: []float64{n, st.ASA, st.Occupancy}, Out: st.ASA}
	case TargetWaitProb:
		return Step{Formula: "fewer.wait", In: []float64{n, st.WaitProb, st.Occupancy}, Out: st.WaitProb}
	}
	return Step{Formula: "fewer.sl", In: []float64{n, st.ServiceLevel, st.Occupancy}, Out: st.ServiceLevel}
}

func (e *evaluator) lines(r *Rule, c *check, spec *QueueSpec, calls, blocking float64) Result {
	spec.Calls = calls
	a := spec.Traffic()
	n, b, ok := LinesFor(a, blocking)
	if !ok {
		c.set(fail("err.calc.unreachable", r.ID, "queue.blocking"))
		return Result{}
	}
	x := float64(n)
	res := single(x, trafficStep(spec), Step{Formula: "lines", In: []float64{x, b, blocking}, Out: x})
	res.Queue = &QueueStats{Traffic: a, Lines: n, Blocking: b}
	return res
}

func (e *evaluator) profile(r *Rule, c *check, spec *QueueSpec, calls []float64) Result {
	q := r.Queue
	d, year := days(c, "queue.", q.DaysPerMonth, q.DaysPerYear, 365)
	mh := e.monthHours(c)
	if c.err != nil {
		return Result{}
	}
	var peak QueueStats
	var agentHours float64
	for _, v := range calls {
		spec.Calls = v
		st, ok := spec.Solve()
		if !ok {
			c.set(solveFailed(r.ID, q, st))
			return Result{}
		}
		if st.Agents > peak.Agents || peak.Traffic == 0 {
			peak = st
		}
		agentHours += float64(st.Agents) * q.IntervalMin / 60
	}
	cover := coverStep(e, agentHours, d, year, mh)
	cover.Formula = "agent_hours" + cover.Formula[len("cover"):]
	res := Result{Queue: &peak, Steps: []Step{
		{Formula: "profile", In: []float64{float64(len(calls)), float64(peak.Agents), agentHours}, Out: agentHours},
		cover,
	}}
	x := shrink(&res, cover.Out, q.Shrinkage)
	res.Exact, res.ExactLow, res.ExactHigh = x, x, x
	return res
}
