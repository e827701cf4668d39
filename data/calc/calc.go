// Package calc turns business volume (beds, subscribers, floor area, calls)
// into planned headcount (编制) by the organisation's own rules, and keeps
// the arithmetic of every result as data so it can be shown and checked.
// Fractions are kept to the end and each rule rounds once. It knows nothing
// of storage or of the user interface.
package calc

import (
	"errors"
	"math"
	"slices"
	"strings"

	"staffplan/data/model"
)

// Driver is a named business quantity, e.g. beds 床位 400 张.
type Driver struct {
	Key   string  `json:"key"`
	Label string  `json:"label"`
	Unit  string  `json:"unit"`
	Value float64 `json:"value"`
	// LabelEn and UnitEn are a shipped rule set's English label and unit;
	// see Sheet.InLanguage.
	LabelEn string `json:"label_en,omitempty"`
	UnitEn  string `json:"unit_en,omitempty"`
}

// Kind is the kind of a rule.
type Kind string

// Rule kinds.
const (
	KindFixed    Kind = "fixed"    // a set count
	KindCapacity Kind = "capacity" // one post per Per units of Driver
	KindRatio    Kind = "ratio"    // Driver × Ratio (or a range, or by band)
	KindRelative Kind = "relative" // rule Of × Factor
	KindShare    Kind = "share"    // a category's share of the total within a band
	KindTiers    Kind = "tiers"    // a headcount chosen by bands of drivers, plus increments
	KindFraction Kind = "fraction" // Σ driver ÷ threshold: dedicated or shared post
	KindShift    Kind = "shift"    // seats × hours × days ÷ monthly hours
	KindQueue    Kind = "queue"    // Erlang C / A / B
	// The classic 定员 methods that the kinds above do not already cover
	// (see MethodOf for which kind implements which method).
	KindEfficiency Kind = "efficiency" // 劳动效率定员: workload ÷ output per person ÷ attendance
	KindEquipment  Kind = "equipment"  // 设备定员: machines × shifts ÷ machines per person ÷ attendance
	KindPosts      Kind = "posts"      // 岗位定员: posts × people per post × crews ÷ attendance
)

// Kinds lists every kind in display order.
var Kinds = []Kind{KindFixed, KindCapacity, KindRatio, KindRelative, KindShare,
	KindTiers, KindFraction, KindShift, KindQueue, KindEfficiency, KindEquipment, KindPosts}

// Target names the post a rule sizes. Rules live in templates as well as in
// plans, so posts are named by title and unit name, not by ID. Category
// tags a headcount rule (management, professional, support, …) and names
// the category a share rule checks.
type Target struct {
	Unit     string `json:"unit,omitempty"`
	Position string `json:"position,omitempty"`
	Category string `json:"category,omitempty"`
}

// RoundMode is how a rule turns its exact result into whole posts.
type RoundMode string

// Rounding modes. The empty mode means Ceil: short-staffing is the costlier
// mistake, so it is the default a user must opt out of.
const (
	Ceil    RoundMode = "ceil"
	Floor   RoundMode = "floor"
	Nearest RoundMode = "nearest" // halves round up
	None    RoundMode = "none"    // keep the fraction (FTE)
)

// Rounding is applied once, at the end of a rule: the mode, then the bounds.
type Rounding struct {
	Mode RoundMode `json:"mode,omitempty"`
	Min  *float64  `json:"min,omitempty"`
	Max  *float64  `json:"max,omitempty"`
}

// Band is a half-open interval Min ≤ v < Max of a driver; a nil bound is
// open.
type Band struct {
	Min *float64 `json:"min,omitempty"`
	Max *float64 `json:"max,omitempty"`
}

// RatioBand picks the ratio range for values of the driver in the band, as
// the 1978 hospital rules do by number of beds.
type RatioBand struct {
	Band
	Low  float64 `json:"low"`
	High float64 `json:"high,omitempty"` // 0: same as Low
}

// Cond is a band on one driver.
type Cond struct {
	Driver string `json:"driver"`
	Band
}

// Increment adds Add posts for every whole Every units of Driver above
// Above ("each extra 5 万㎡ adds one assistant").
type Increment struct {
	Driver string  `json:"driver"`
	Above  float64 `json:"above"`
	Every  float64 `json:"every"`
	Add    float64 `json:"add"`
}

// Tier is one row of a tier table. Its conditions are combined with Join,
// "and" (the default) or "or"; a tier without conditions always applies.
// When several tiers apply the last one listed wins, so tables are written
// from small to large and an "or" that reaches a larger table moves up.
type Tier struct {
	Name       string      `json:"name,omitempty"`
	When       []Cond      `json:"when,omitempty"`
	Join       string      `json:"join,omitempty"`
	Count      float64     `json:"count"`
	Increments []Increment `json:"increments,omitempty"`
}

// Part is one workload of a fractional rule: Driver ÷ Per.
type Part struct {
	Driver string  `json:"driver"`
	Per    float64 `json:"per"`
}

// Share is the band of a share rule, as fractions (0.08–0.10). The part is
// the sum of the headcount rules tagged with the rule's category unless
// PartDriver names a driver (e.g. the staff in post today); the total is
// TotalDriver, else rule Of, else the sum of every headcount rule.
type Share struct {
	Low         float64 `json:"low"`
	High        float64 `json:"high"`
	PartDriver  string  `json:"part_driver,omitempty"`
	TotalDriver string  `json:"total_driver,omitempty"`
}

// Shift is the coverage of seats or posts: seats × hours a day × days a
// month ÷ standard monthly hours (the plan's working-time basis) ÷
// (1 − shrinkage). Seats come from Seats, SeatsDriver or rule Of. Days come
// from DaysPerMonth or DaysPerYear ÷ 12 (365 for a post covered every day).
type Shift struct {
	Seats        float64 `json:"seats,omitempty"`
	SeatsDriver  string  `json:"seats_driver,omitempty"`
	HoursPerDay  float64 `json:"hours_per_day"`
	DaysPerMonth float64 `json:"days_per_month,omitempty"`
	DaysPerYear  float64 `json:"days_per_year,omitempty"`
	Shrinkage    float64 `json:"shrinkage,omitempty"`
}

// Queue is a call queue sized by Erlang formulas. Calls (or CallsDriver)
// are per interval of IntervalMin minutes; times are seconds. Exactly one
// target applies: SL within Within seconds, ASA, or MaxWaitProb. Blocking
// > 0 sizes lines by Erlang B instead; Patience > 0 uses Erlang A. A
// Profile of calls per interval through the day sizes each interval and
// turns the agent-hours into staff like a shift rule.
type Queue struct {
	Calls        float64   `json:"calls,omitempty"`
	CallsDriver  string    `json:"calls_driver,omitempty"`
	Profile      []float64 `json:"profile,omitempty"`
	IntervalMin  float64   `json:"interval_min"`
	AHT          float64   `json:"aht"`
	SL           float64   `json:"sl,omitempty"`
	Within       float64   `json:"within,omitempty"`
	ASA          float64   `json:"asa,omitempty"`
	MaxWaitProb  float64   `json:"max_wait_probability,omitempty"`
	MaxOccupancy float64   `json:"max_occupancy,omitempty"`
	Shrinkage    float64   `json:"shrinkage,omitempty"`
	Patience     float64   `json:"patience,omitempty"`
	Blocking     float64   `json:"blocking,omitempty"`
	DaysPerMonth float64   `json:"days_per_month,omitempty"`
	DaysPerYear  float64   `json:"days_per_year,omitempty"`
}

// Quota holds the inputs of the classic 定员 methods besides the driver
// (workload, machines in use or posts) and Per (output or machines per
// person). Zero means the neutral value: one person a post, one crew, full
// attendance.
type Quota struct {
	Shifts     float64 `json:"shifts,omitempty"`     // equipment: shifts a day the machines run (班次)
	PerPost    float64 `json:"per_post,omitempty"`   // posts: people a post needs on a shift
	Pattern    string  `json:"pattern,omitempty"`    // posts: a 倒班 pattern (see Patterns); sets the crews
	Crews      float64 `json:"crews,omitempty"`      // posts: crews (班组) when no pattern is given
	Attendance float64 `json:"attendance,omitempty"` // 出勤率, more than 0 and at most 1
}

// Rule computes the headcount of one target (or checks a share). Only the
// fields of its Kind are read.
type Rule struct {
	ID       string   `json:"id"`
	Kind     Kind     `json:"kind"`
	Target   Target   `json:"target"`
	Name     string   `json:"name,omitempty"`
	NameEn   string   `json:"name_en,omitempty"`  // a shipped rule set's English name; see Sheet.InLanguage
	Quantity Quantity `json:"quantity,omitempty"` // what the result counts; see QuantityOf
	Source   string   `json:"source,omitempty"`   // where the number comes from
	// Assumption marks a rule whose figures the source does not give (a
	// norm to replace with the organisation's own); Source says what was
	// assumed.
	Assumption bool     `json:"assumption,omitempty"`
	Rounding   Rounding `json:"rounding"`

	Count     float64     `json:"count,omitempty"`      // fixed
	Driver    string      `json:"driver,omitempty"`     // capacity, ratio
	Per       float64     `json:"per,omitempty"`        // capacity
	Ratio     float64     `json:"ratio,omitempty"`      // ratio (low end)
	RatioHigh float64     `json:"ratio_high,omitempty"` // ratio high end; 0: no range
	Bands     []RatioBand `json:"bands,omitempty"`      // ratio by band instead of Ratio
	Pick      string      `json:"pick,omitempty"`       // range end used: "low" (default), "mid", "high"
	Of        string      `json:"of,omitempty"`         // relative, shift seats, share total: a rule ID
	OfRounded bool        `json:"of_rounded,omitempty"` // use Of's rounded result, not its exact one
	Factor    float64     `json:"factor,omitempty"`     // relative
	Share     *Share      `json:"share,omitempty"`
	Tiers     []Tier      `json:"tiers,omitempty"`
	Parts     []Part      `json:"parts,omitempty"`
	Shift     *Shift      `json:"shift,omitempty"`
	Queue     *Queue      `json:"queue,omitempty"`
	Quota     *Quota      `json:"quota,omitempty"` // efficiency, equipment, posts
}

// Label returns the rule's name, or its ID when it has none.
func (r *Rule) Label() string {
	if r.Name != "" {
		return r.Name
	}
	return r.ID
}

// Check is the outcome of a share rule.
type Check struct {
	Part   float64 `json:"part"`
	Total  float64 `json:"total"`
	Share  float64 `json:"share"`
	Low    float64 `json:"low"`
	High   float64 `json:"high"`
	InBand bool    `json:"in_band"`
}

// Result is what one rule gives. Exact is unrounded; for a range it is the
// end the rule picks, between ExactLow and ExactHigh. Required is Exact
// rounded once with the rule's mode and bounds. A share rule gives a Check
// (Exact and Required are then the share). Problem is set, and the figures
// are zero, when the rule could not be evaluated.
type Result struct {
	RuleID    string         `json:"rule"`
	Name      string         `json:"name,omitempty"`
	Kind      Kind           `json:"kind"`
	Quantity  Quantity       `json:"quantity,omitempty"` // people unless the rule says otherwise
	Target    Target         `json:"target"`
	Exact     float64        `json:"exact"`
	ExactLow  float64        `json:"exact_low"`
	ExactHigh float64        `json:"exact_high"`
	Range     bool           `json:"range,omitempty"`
	Required  float64        `json:"required"`
	Shared    bool           `json:"shared,omitempty"` // a fraction of a post (兼任); Required is the FTE
	Check     *Check         `json:"check,omitempty"`
	Queue     *QueueStats    `json:"queue,omitempty"`
	Steps     []Step         `json:"steps"`
	Problem   *model.Problem `json:"problem,omitempty"`
}

// IsCheck reports whether the result is a share check, not a headcount.
func (r *Result) IsCheck() bool { return r.Check != nil || r.Kind == KindShare }

// Step is one line of a result's arithmetic: a formula key, the numbers put
// in, the outcome, and names (band or tier labels) the formula shows.
// Explain renders steps in Chinese or English.
type Step struct {
	Formula string    `json:"formula"`
	In      []float64 `json:"in,omitempty"`
	Out     float64   `json:"out"`
	OutHigh float64   `json:"out_high,omitempty"` // the high end of a range
	Names   []string  `json:"names,omitempty"`
}

// evaluator holds one Evaluate call.
type evaluator struct {
	basis   model.WorkBasis
	drivers map[string]Driver
	rules   map[string]*Rule
	list    []*Rule // in input order
	done    map[string]*Result
}

// Evaluate computes every rule, in dependency order, and returns the
// results in the order of rules. A rule that cannot be evaluated gets a
// Result with its Problem (and so do the rules that depend on it); the
// problems are also returned joined, so a caller that wants all or nothing
// can stop at the error. Nothing panics, whatever the input.
func Evaluate(basis model.WorkBasis, drivers []Driver, rules []Rule) ([]Result, error) {
	e := &evaluator{
		basis:   basis,
		drivers: make(map[string]Driver, len(drivers)),
		rules:   make(map[string]*Rule, len(rules)),
		done:    make(map[string]*Result, len(rules)),
	}
	for _, d := range drivers {
		e.drivers[d.Key] = d
	}
	out := make([]Result, len(rules))
	bad := make([]*model.Problem, len(rules))
	for i := range rules {
		r := &rules[i]
		e.list = append(e.list, r)
		out[i] = Result{RuleID: r.ID, Name: r.Name, Kind: r.Kind, Quantity: r.QuantityOf(), Target: r.Target}
		switch {
		case strings.TrimSpace(r.ID) == "":
			bad[i] = fail("err.calc.missing_id", r.Label(), "id")
		case e.rules[r.ID] != nil:
			bad[i] = fail("err.calc.duplicate_id", r.ID, "id")
		default:
			e.rules[r.ID] = r
		}
	}
	order, cyc := e.order(rules)
	for _, r := range order {
		var res Result
		if p := cyc[r.ID]; p != nil {
			res = Result{Problem: p}
		} else {
			res = e.eval(r)
		}
		res.RuleID, res.Name, res.Kind, res.Quantity, res.Target = r.ID, r.Name, r.Kind, r.QuantityOf(), r.Target
		if res.Problem != nil {
			res = Result{RuleID: r.ID, Name: r.Name, Kind: r.Kind, Quantity: res.Quantity, Target: r.Target, Problem: res.Problem}
		}
		e.done[r.ID] = &res
	}
	var errs []error
	for i := range rules {
		if bad[i] != nil {
			out[i].Problem = bad[i]
		} else if res := e.done[rules[i].ID]; res != nil {
			out[i] = *res
		}
		if out[i].Problem != nil {
			errs = append(errs, out[i].Problem)
		}
	}
	return out, errors.Join(errs...)
}

// refs returns the rule IDs r depends on explicitly.
func refs(r *Rule) []string {
	if r.Of != "" && (r.Kind == KindRelative || r.Kind == KindShift || r.Kind == KindShare) {
		return []string{r.Of}
	}
	return nil
}

// order sorts the rules so each comes after the rules it names, with share
// rules last (they read every headcount). Rules on a cycle get a problem
// naming the cycle.
func (e *evaluator) order(rules []Rule) ([]*Rule, map[string]*model.Problem) {
	const (
		white = iota
		grey
		black
	)
	color := make(map[string]int, len(e.rules))
	cyc := make(map[string]*model.Problem)
	var order []*Rule
	var stack []string
	var visit func(r *Rule)
	visit = func(r *Rule) {
		color[r.ID] = grey
		stack = append(stack, r.ID)
		for _, id := range refs(r) {
			dep := e.rules[id]
			if dep == nil || (dep.Kind == KindShare && r.Kind != KindShare) {
				// Reported when r is evaluated; a share check must not
				// run before the headcounts it reads.
				continue
			}
			switch color[id] {
			case white:
				visit(dep)
			case grey:
				i := len(stack) - 1
				for i > 0 && stack[i] != id {
					i--
				}
				loop := append(append([]string(nil), stack[i:]...), id)
				p := fail("err.calc.cycle", r.ID, "of", "cycle", strings.Join(loop, " → "))
				for _, x := range stack[i:] {
					cyc[x] = p
				}
			}
		}
		stack = stack[:len(stack)-1]
		color[r.ID] = black
		order = append(order, r)
	}
	for pass := 0; pass < 2; pass++ {
		for i := range rules {
			r := e.rules[rules[i].ID]
			if r != &rules[i] || color[r.ID] != white || (r.Kind == KindShare) != (pass == 1) {
				continue
			}
			visit(r)
		}
	}
	return order, cyc
}

// eval runs one rule whose dependencies are done.
func (e *evaluator) eval(r *Rule) Result {
	c := &check{rule: r.ID}
	var res Result
	if q := r.QuantityOf(); !slices.Contains(Quantities, q) {
		c.set(fail("err.calc.value", r.ID, "quantity", "value", string(q)))
		return Result{Problem: c.err}
	}
	switch r.Kind {
	case KindFixed:
		res = e.fixed(r, c)
	case KindCapacity:
		res = e.capacity(r, c)
	case KindRatio:
		res = e.ratio(r, c)
	case KindRelative:
		res = e.relative(r, c)
	case KindShare:
		return e.share(r, c)
	case KindTiers:
		res = e.tiers(r, c)
	case KindFraction:
		res = e.fraction(r, c)
	case KindShift:
		res = e.shift(r, c)
	case KindQueue:
		res = e.queue(r, c)
	case KindEfficiency:
		res = e.efficiency(r, c)
	case KindEquipment:
		res = e.equipment(r, c)
	case KindPosts:
		res = e.posts(r, c)
	default:
		c.set(fail("err.calc.kind", r.ID, "kind", "value", string(r.Kind)))
	}
	if c.err == nil && !res.Shared {
		e.round(r, &res, c)
	}
	if c.err == nil && !(model.Finite(res.Exact) && model.Finite(res.Required) &&
		model.Finite(res.ExactLow) && model.Finite(res.ExactHigh)) {
		// Finite inputs can still multiply past the float range.
		c.set(fail("err.calc.too_large", r.ID, "result"))
	}
	if c.err != nil {
		return Result{Problem: c.err}
	}
	return res
}

// driver returns the value of driver key, checked, for field.
func (e *evaluator) driver(c *check, field, key string) float64 {
	if key == "" {
		c.set(fail("err.calc.missing", c.rule, field))
		return 0
	}
	d, ok := e.drivers[key]
	if !ok {
		c.set(fail("err.calc.unknown_driver", c.rule, field, "value", key))
		return 0
	}
	c.nonNeg(field+" ("+key+")", d.Value)
	if !model.Finite(d.Value) {
		return 0
	}
	return d.Value
}

// ref returns the result of rule id, for field.
func (e *evaluator) ref(c *check, field, id string) *Result {
	if id == "" {
		c.set(fail("err.calc.missing", c.rule, field))
		return nil
	}
	switch dep := e.rules[id]; {
	case dep == nil:
		c.set(fail("err.calc.unknown_rule", c.rule, field, "value", id))
		return nil
	case dep.Kind == KindShare:
		c.set(fail("err.calc.ref_kind", c.rule, field, "value", id))
		return nil
	}
	res := e.done[id]
	if res == nil || res.Problem != nil {
		c.set(fail("err.calc.ref_failed", c.rule, field, "value", id))
		return nil
	}
	return res
}

// refValue is the exact or rounded figure of a referenced result, as a
// range (low, picked, high).
func refValue(res *Result, rounded bool) (lo, v, hi float64) {
	if rounded {
		return res.Required, res.Required, res.Required
	}
	return res.ExactLow, res.Exact, res.ExactHigh
}

// single makes a result with one exact figure.
func single(v float64, steps ...Step) Result {
	return Result{Exact: v, ExactLow: v, ExactHigh: v, Steps: steps}
}

// round applies the rule's rounding to res.Exact, once.
func (e *evaluator) round(r *Rule, res *Result, c *check) {
	mode := r.Rounding.Mode
	if mode == "" {
		mode = Ceil
	}
	x := snap(res.Exact)
	var v float64
	switch mode {
	case Ceil:
		v = math.Ceil(x)
	case Floor:
		v = math.Floor(x)
	case Nearest:
		v = math.Floor(x + 0.5)
	case None:
		v = res.Exact
	default:
		c.set(fail("err.calc.value", r.ID, "rounding.mode", "value", string(mode)))
		return
	}
	if mode != None && v != res.Exact {
		// Whole figures need no rounding step; saying "round up → 560"
		// after 560 only adds noise.
		res.Steps = append(res.Steps, Step{Formula: "round." + string(mode), In: []float64{res.Exact}, Out: v})
	}
	lo, hi := 0.0, math.Inf(1)
	if r.Rounding.Min != nil {
		lo = *r.Rounding.Min
		c.nonNeg("rounding.min", lo)
	}
	if r.Rounding.Max != nil {
		hi = *r.Rounding.Max
		c.nonNeg("rounding.max", hi)
	}
	if c.err != nil {
		return
	}
	if lo > hi {
		c.set(fail("err.calc.order", r.ID, "rounding.min"))
		return
	}
	if v < lo {
		res.Steps = append(res.Steps, Step{Formula: "min", In: []float64{v, lo}, Out: lo})
		v = lo
	}
	if v > hi {
		res.Steps = append(res.Steps, Step{Formula: "max", In: []float64{v, hi}, Out: hi})
		v = hi
	}
	res.Required = v
}
