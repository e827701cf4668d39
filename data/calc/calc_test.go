package calc

import (
	"errors"
	"math"
	"strings"
	"testing"

	"staffplan/data/model"
)

func f64(x float64) *float64 { return &x }

func evalOK(t *testing.T, basis model.WorkBasis, drivers []Driver, rules ...Rule) map[string]Result {
	t.Helper()
	res, err := Evaluate(basis, drivers, rules)
	if err != nil {
		t.Fatal(err)
	}
	out := make(map[string]Result, len(res))
	for _, r := range res {
		out[r.RuleID] = r
	}
	return out
}

func wantResult(t *testing.T, r Result, exact, required float64) {
	t.Helper()
	if math.Abs(r.Exact-exact) > 5e-3 || r.Required != required {
		t.Errorf("%s: exact %g required %g, want %g and %g\n%s", r.RuleID, r.Exact, r.Required, exact, required,
			Explain(r.Steps, "en"))
	}
}

var (
	beds        = Driver{Key: "beds", Label: "床位", Unit: "张", Value: 400}
	subscribers = Driver{Key: "subscribers", Label: "用户", Unit: "户", Value: 130000}
)

func TestCapacityFloor(t *testing.T) {
	r := evalOK(t, model.WorkBasis{}, []Driver{subscribers}, Rule{ID: "seats", Kind: KindCapacity,
		Driver: "subscribers", Per: 20000, Rounding: Rounding{Mode: Floor}})["seats"]
	wantResult(t, r, 6.5, 6)
	if got := Explain(r.Steps, "zh"); got != "130000 ÷ 20000 = 6.5 → 向下取整 → 6" {
		t.Errorf("zh: %q", got)
	}
	if got := Explain(r.Steps, "en"); got != "130000 ÷ 20000 = 6.5 → round down → 6" {
		t.Errorf("en: %q", got)
	}
}

func TestRatio(t *testing.T) {
	icu := Driver{Key: "icu", Value: 30}
	res := evalOK(t, model.WorkBasis{}, []Driver{icu},
		Rule{ID: "nurses", Kind: KindRatio, Driver: "icu", Ratio: 0.4},
		Rule{ID: "icu_doctors", Kind: KindRatio, Driver: "icu", Ratio: 0.8, RatioHigh: 1},
		Rule{ID: "icu_doctors_high", Kind: KindRatio, Driver: "icu", Ratio: 0.8, RatioHigh: 1, Pick: "high"})
	wantResult(t, res["nurses"], 12, 12)
	d := res["icu_doctors"]
	wantResult(t, d, 24, 24)
	if !d.Range || d.ExactLow != 24 || d.ExactHigh != 30 {
		t.Errorf("range %v %g–%g", d.Range, d.ExactLow, d.ExactHigh)
	}
	if got := Explain(d.Steps, "en"); got != "30 × 0.8–1 = 24–30 → take the low end 24" {
		t.Errorf("%q", got)
	}
	wantResult(t, res["icu_doctors_high"], 30, 30)
}

// hospitalBands are the 1978 综合医院组织编制原则 beds : staff ratios.
var hospitalBands = []RatioBand{
	{Band: Band{Max: f64(300)}, Low: 1.30, High: 1.40},
	{Band: Band{Min: f64(300), Max: f64(500)}, Low: 1.40, High: 1.50},
	{Band: Band{Min: f64(500)}, Low: 1.60, High: 1.70},
}

func TestBedsBySizeBand(t *testing.T) {
	rules := []Rule{
		{ID: "staff", Kind: KindRatio, Driver: "beds", Bands: hospitalBands, Target: Target{Position: "编制总数"}},
		{ID: "health", Kind: KindRelative, Of: "staff", Factor: 0.7, Target: Target{Position: "卫技人员"}},
	}
	res := evalOK(t, model.WorkBasis{}, []Driver{beds}, rules...)
	wantResult(t, res["staff"], 560, 560)
	if s := res["staff"]; s.ExactLow != 560 || math.Abs(s.ExactHigh-600) > 1e-9 {
		t.Errorf("staff range %g–%g", s.ExactLow, s.ExactHigh)
	}
	wantResult(t, res["health"], 392, 392)
	if got := Explain(res["staff"].Steps, "zh"); got != "400 属于 300–500 档 → 400 × 1.4–1.5 = 560–600 → 取下限 560" {
		t.Errorf("%q", got)
	}
	// The band follows the beds.
	for _, c := range []struct{ beds, staff float64 }{{200, 260}, {299, 388.7}, {500, 800}, {650, 1040}} {
		res := evalOK(t, model.WorkBasis{}, []Driver{{Key: "beds", Value: c.beds}}, rules...)
		if math.Abs(res["staff"].Exact-c.staff) > 1e-9 {
			t.Errorf("%g beds: %g staff, want %g", c.beds, res["staff"].Exact, c.staff)
		}
	}
}

func TestFractionalWorkload(t *testing.T) {
	drivers := []Driver{{Key: "households", Value: 600}, {Key: "area_nonres", Value: 5}}
	rule := Rule{ID: "admin", Kind: KindFraction, Parts: []Part{{Driver: "households", Per: 1200}, {Driver: "area_nonres", Per: 10}},
		Rounding: Rounding{Mode: Floor}}
	r := evalOK(t, model.WorkBasis{}, drivers, rule)["admin"]
	wantResult(t, r, 1, 1)
	if r.Shared {
		t.Error("1.0 is a dedicated post")
	}
	if got := Explain(r.Steps, "zh"); got != "600/1200 + 5/10 = 1 → ≥ 1 → 专职" {
		t.Errorf("%q", got)
	}
	drivers[1].Value = 2
	r = evalOK(t, model.WorkBasis{}, drivers, rule)["admin"]
	if !r.Shared || math.Abs(r.Required-0.7) > 1e-12 {
		t.Errorf("600/1200 + 2/10: shared %v required %g", r.Shared, r.Required)
	}
	if got := Explain(r.Steps, "en"); got != "600/1200 + 2/10 = 0.7 → < 1 → shared post, 0.7 of a person" {
		t.Errorf("%q", got)
	}
}

func TestShiftCoverage(t *testing.T) {
	seat := Rule{ID: "per_seat", Kind: KindShift, Shift: &Shift{Seats: 1, HoursPerDay: 14, DaysPerMonth: 30}, Rounding: Rounding{Mode: None}}
	post24 := Rule{ID: "guard", Kind: KindShift, Shift: &Shift{Seats: 1, HoursPerDay: 24, DaysPerYear: 365}, Rounding: Rounding{Mode: None}}
	res := evalOK(t, model.WorkBasis{}, nil, seat, post24)
	near(t, "per seat", res["per_seat"].Required, 2.54, 5e-3)
	near(t, "24-hour post 2025", res["guard"].Required, 4.42, 5e-3)
	if got := Explain(res["guard"].Steps, "en"); got != "24 h × 365/12 d ÷ 165.33 h (2025 basis) = 4.4154" {
		t.Errorf("%q", got)
	}
	res = evalOK(t, model.WorkBasis{Kind: model.Basis2008}, nil, post24)
	near(t, "24-hour post 2008", res["guard"].Required, 4.38, 5e-3)
	res = evalOK(t, model.WorkBasis{Kind: model.BasisCustom, Days: 21.75, Hours: 174}, nil, post24)
	near(t, "24-hour post on payroll hours", res["guard"].Required, 24*365/12.0/174, 1e-12)

	// Seats from a capacity rule, rounded as opened, with shrinkage.
	res = evalOK(t, model.WorkBasis{}, []Driver{subscribers},
		Rule{ID: "seats", Kind: KindCapacity, Driver: "subscribers", Per: 20000, Rounding: Rounding{Mode: Floor}},
		Rule{ID: "agents", Kind: KindShift, Of: "seats", OfRounded: true, Shift: &Shift{HoursPerDay: 14, DaysPerMonth: 30}})
	wantResult(t, res["agents"], 6*14*30/165.33, 16)
	res = evalOK(t, model.WorkBasis{}, []Driver{{Key: "posts", Value: 2}},
		Rule{ID: "g", Kind: KindShift, Shift: &Shift{SeatsDriver: "posts", HoursPerDay: 24, DaysPerYear: 365, Shrinkage: 0.1}})
	wantResult(t, res["g"], 2*24*365/12.0/165.33/0.9, 10)
}

// greentown is the Greentown (绿城) non-residential table: tier 2 is 6–15
// 万㎡ or 300–800 万元 of fees; tier 3 is above 15 万㎡ or 800 万元, with
// one more assistant per extra 5 万㎡.
func greentown() Rule {
	return Rule{ID: "assistants", Kind: KindTiers, Target: Target{Position: "经理助理"}, Tiers: []Tier{
		{Name: "1", Count: 0},
		{Name: "2", Join: "or", Count: 1, When: []Cond{
			{Driver: "area", Band: Band{Min: f64(6), Max: f64(15)}}, {Driver: "fee", Band: Band{Min: f64(300), Max: f64(800)}}}},
		{Name: "3", Join: "or", Count: 2, When: []Cond{
			{Driver: "area", Band: Band{Min: f64(15)}}, {Driver: "fee", Band: Band{Min: f64(800)}}},
			Increments: []Increment{{Driver: "area", Above: 15, Every: 5, Add: 1}}},
	}}
}

func TestTiersWithIncrements(t *testing.T) {
	for _, c := range []struct{ area, fee, want float64 }{
		{4, 100, 0}, {10, 100, 1}, {4, 500, 1}, {15, 100, 2}, {19.9, 100, 2}, {20, 100, 3}, {32, 900, 5}, {10, 900, 2},
	} {
		drivers := []Driver{{Key: "area", Label: "建筑面积", Value: c.area}, {Key: "fee", Label: "年物业费", Value: c.fee}}
		r := evalOK(t, model.WorkBasis{}, drivers, greentown())["assistants"]
		if r.Required != c.want {
			t.Errorf("%g 万㎡, %g 万元: %g assistants, want %g: %s", c.area, c.fee, r.Required, c.want, Explain(r.Steps, "en"))
		}
	}
	drivers := []Driver{{Key: "area", Label: "建筑面积", Value: 32}, {Key: "fee", Label: "年物业费", Value: 900}}
	r := evalOK(t, model.WorkBasis{}, drivers, greentown())["assistants"]
	want := "建筑面积 32 ≥ 15 或 年物业费 900 ≥ 800 → 3 档: 2 → 建筑面积 (32 − 15) ÷ 5 → 3 档 × 1 = +3 → 2 + 3 = 5"
	if got := Explain(r.Steps, "zh"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	// "and" needs every condition.
	and := Rule{ID: "a", Kind: KindTiers, Tiers: []Tier{{Count: 1},
		{Count: 2, When: []Cond{{Driver: "area", Band: Band{Max: f64(15)}}, {Driver: "fee", Band: Band{Max: f64(360)}}}}}}
	if r := evalOK(t, model.WorkBasis{}, drivers, and)["a"]; r.Required != 1 {
		t.Errorf("and: %g", r.Required)
	}
	drivers[0].Value, drivers[1].Value = 10, 200
	if r := evalOK(t, model.WorkBasis{}, drivers, and)["a"]; r.Required != 2 {
		t.Errorf("and: %g", r.Required)
	}
}

func TestRelativeChain(t *testing.T) {
	res := evalOK(t, model.WorkBasis{}, []Driver{beds},
		// Listed out of order on purpose: evaluation follows dependencies.
		Rule{ID: "associate", Kind: KindRelative, Of: "attending", Factor: 0.5, Target: Target{Position: "副主任医师"}},
		Rule{ID: "attending", Kind: KindRelative, Of: "resident", Factor: 0.5, Target: Target{Position: "主治医师"}},
		Rule{ID: "resident", Kind: KindRatio, Driver: "beds", Ratio: 0.1, Target: Target{Position: "住院医师"}})
	wantResult(t, res["resident"], 40, 40)
	wantResult(t, res["attending"], 20, 20)
	wantResult(t, res["associate"], 10, 10)
	if got := Explain(res["attending"].Steps, "en"); got != "住院医师 40 × 0.5 = 20" {
		t.Errorf("%q", got)
	}
	// Fractions are kept: 33 beds → 3.3 residents → 1.65 attendings → 2.
	res = evalOK(t, model.WorkBasis{}, []Driver{{Key: "beds", Value: 33}},
		Rule{ID: "resident", Kind: KindRatio, Driver: "beds", Ratio: 0.1},
		Rule{ID: "attending", Kind: KindRelative, Of: "resident", Factor: 0.5},
		Rule{ID: "attending_r", Kind: KindRelative, Of: "resident", Factor: 0.5, OfRounded: true})
	wantResult(t, res["attending"], 1.65, 2)
	wantResult(t, res["attending_r"], 2, 2)
}

func TestShareCheck(t *testing.T) {
	drivers := []Driver{beds, {Key: "mgmt_now", Value: 12}, {Key: "staff_now", Value: 600}}
	rules := []Rule{
		{ID: "band_mgmt", Kind: KindShare, Target: Target{Category: "management"}, Share: &Share{Low: 0.08, High: 0.10}},
		{ID: "gm", Kind: KindFixed, Count: 5, Target: Target{Position: "院长", Category: "management"}},
		{ID: "doctors", Kind: KindRatio, Driver: "beds", Ratio: 0.2, Target: Target{Position: "医师", Category: "professional"}},
		{ID: "actual_mgmt", Kind: KindShare, Target: Target{Category: "management"},
			Share: &Share{Low: 0.08, High: 0.10, PartDriver: "mgmt_now", TotalDriver: "staff_now"}},
		{ID: "of_total", Kind: KindShare, Of: "staff", Target: Target{Category: "management"}, Share: &Share{Low: 0.008, High: 0.01}},
		{ID: "staff", Kind: KindRatio, Driver: "beds", Bands: hospitalBands},
	}
	res := evalOK(t, model.WorkBasis{}, drivers, rules...)
	c := res["band_mgmt"].Check
	// 5 of (5 + 80 + 560) = 0.775 %: out of band.
	if c == nil || c.InBand || c.Part != 5 || c.Total != 645 {
		t.Fatalf("check %+v", c)
	}
	a := res["actual_mgmt"].Check
	if a == nil || a.InBand || a.Share != 0.02 {
		t.Fatalf("actual %+v", a)
	}
	if got := Explain(res["actual_mgmt"].Steps, "zh"); got != "12 ÷ 600 = 2% → 超出 8%–10%" {
		t.Errorf("%q", got)
	}
	if o := res["of_total"].Check; o == nil || !o.InBand || o.Total != 560 {
		t.Fatalf("of total %+v", o)
	}
}

func TestFixedAndBounds(t *testing.T) {
	// 0.1 × 30 is 3.0000000000000004 in floating point: still 3.
	res := evalOK(t, model.WorkBasis{}, []Driver{subscribers, {Key: "thirty", Value: 30}},
		Rule{ID: "f", Kind: KindFixed, Count: 2},
		Rule{ID: "lo", Kind: KindCapacity, Driver: "subscribers", Per: 1e6, Rounding: Rounding{Min: f64(1)}},
		Rule{ID: "hi", Kind: KindCapacity, Driver: "subscribers", Per: 1000, Rounding: Rounding{Mode: Nearest, Max: f64(100)}},
		Rule{ID: "near", Kind: KindCapacity, Driver: "subscribers", Per: 20000, Rounding: Rounding{Mode: Nearest}},
		Rule{ID: "snap", Kind: KindRatio, Driver: "thirty", Ratio: 0.1})
	wantResult(t, res["f"], 2, 2)
	wantResult(t, res["lo"], 0.13, 1)
	wantResult(t, res["hi"], 130, 100)
	wantResult(t, res["near"], 6.5, 7)
	wantResult(t, res["snap"], 3, 3)
	if got := Explain(res["hi"].Steps, "zh"); got != "130000 ÷ 1000 = 130 → 不超过 100 → 100" {
		t.Errorf("%q", got)
	}
}

func TestQueueRule(t *testing.T) {
	rule := Rule{ID: "agents", Kind: KindQueue, Target: Target{Position: "话务员"},
		Queue: &Queue{CallsDriver: "calls", IntervalMin: 30, AHT: 180, SL: 0.8, Within: 20, MaxOccupancy: 0.85, Shrinkage: 0.3}}
	res := evalOK(t, model.WorkBasis{}, []Driver{{Key: "calls", Value: 100}}, rule)
	r := res["agents"]
	wantResult(t, r, 20, 20)
	if r.Queue == nil || r.Queue.Agents != 14 {
		t.Fatalf("queue %+v", r.Queue)
	}
	want := "100 × 180 s ÷ 1800 s = 10 Erl → 14 agents: 88.84% answered within 20 s ≥ 80% → (13 agents give 79.56%, occupancy 76.92%) → occupancy 71.43% ≤ 85% → 14 ÷ (1 − 0.3) = 20"
	if got := Explain(r.Steps, "en"); got != want {
		t.Errorf("\n got %q\nwant %q", got, want)
	}
	rule.Queue.MaxOccupancy = 0.7
	wantResult(t, evalOK(t, model.WorkBasis{}, []Driver{{Key: "calls", Value: 100}}, rule)["agents"], 15/0.7, 22)

	lines := Rule{ID: "lines", Kind: KindQueue, Queue: &Queue{Calls: 100, IntervalMin: 30, AHT: 180, Blocking: 0.02}}
	wantResult(t, evalOK(t, model.WorkBasis{}, nil, lines)["lines"], 17, 17)

	// A day profile: the peak sets the agents on the phones, the agent-hours
	// the staff.
	prof := Rule{ID: "day", Kind: KindQueue, Queue: &Queue{Profile: []float64{40, 100, 100, 60}, IntervalMin: 30, AHT: 180,
		SL: 0.8, Within: 20, DaysPerMonth: 30}}
	r = evalOK(t, model.WorkBasis{}, nil, prof)["day"]
	var hours float64
	for _, calls := range prof.Queue.Profile {
		q := QueueSpec{Calls: calls, Interval: 1800, AHT: 180, Target: TargetServiceLevel, SL: 0.8, Within: 20}
		st, _ := q.Solve()
		hours += float64(st.Agents) / 2
	}
	if r.Queue.Agents != 14 || hours < 20 {
		t.Fatalf("peak %d, hours %g", r.Queue.Agents, hours)
	}
	wantResult(t, r, hours*30/165.33, math.Ceil(hours*30/165.33))
}

func problemOf(t *testing.T, drivers []Driver, rules ...Rule) *model.Problem {
	t.Helper()
	res, err := Evaluate(model.WorkBasis{}, drivers, rules)
	if err == nil {
		t.Fatalf("no error for %+v", rules)
	}
	if !errors.Is(err, ErrCalc) {
		t.Fatalf("error %v is not a calc problem", err)
	}
	for _, r := range res {
		if r.Problem != nil {
			if r.Exact != 0 || r.Required != 0 || r.Steps != nil {
				t.Errorf("failed rule keeps figures: %+v", r)
			}
			return r.Problem
		}
	}
	t.Fatal("no result carries the problem")
	return nil
}

func TestBadInput(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	cap := func(per float64) Rule { return Rule{ID: "r1", Kind: KindCapacity, Driver: "d", Per: per} }
	d := func(v float64) []Driver { return []Driver{{Key: "d", Value: v}} }
	q := func(mod func(*Queue)) Rule {
		qq := &Queue{Calls: 100, IntervalMin: 30, AHT: 180, SL: 0.8, Within: 20}
		mod(qq)
		return Rule{ID: "r1", Kind: KindQueue, Queue: qq}
	}
	cases := []struct {
		name, key, field string
		drivers          []Driver
		rules            []Rule
	}{
		{"negative driver", "err.calc.negative", "driver (d)", d(-1), []Rule{cap(10)}},
		{"NaN driver", "err.calc.not_finite", "driver (d)", d(nan), []Rule{cap(10)}},
		{"infinite driver", "err.calc.not_finite", "driver (d)", d(inf), []Rule{cap(10)}},
		{"zero capacity", "err.calc.zero", "per", d(1), []Rule{cap(0)}},
		{"NaN capacity", "err.calc.not_finite", "per", d(1), []Rule{cap(nan)}},
		{"unknown driver", "err.calc.unknown_driver", "driver", nil, []Rule{cap(10)}},
		{"unknown rule", "err.calc.unknown_rule", "of", nil, []Rule{{ID: "r1", Kind: KindRelative, Of: "nope", Factor: 1}}},
		{"occupancy above 1", "err.calc.occupancy", "queue.max_occupancy", nil, []Rule{q(func(q *Queue) { q.MaxOccupancy = 1.2 })}},
		{"occupancy negative", "err.calc.occupancy", "queue.max_occupancy", nil, []Rule{q(func(q *Queue) { q.MaxOccupancy = -0.5 })}},
		{"shrinkage 1", "err.calc.fraction", "queue.shrinkage", nil, []Rule{q(func(q *Queue) { q.Shrinkage = 1 })}},
		{"SL 100 %", "err.calc.unreachable", "queue.sl", nil, []Rule{q(func(q *Queue) { q.SL = 1 })}},
		{"two targets", "err.calc.value", "queue.target", nil, []Rule{q(func(q *Queue) { q.ASA = 20 })}},
		{"no target", "err.calc.missing", "queue.target", nil, []Rule{q(func(q *Queue) { q.SL, q.Within = 0, 0 })}},
		{"zero AHT", "err.calc.zero", "queue.aht", nil, []Rule{q(func(q *Queue) { q.AHT = 0 })}},
		{"huge traffic", "err.calc.too_large", "queue.calls", nil, []Rule{q(func(q *Queue) { q.Calls = 1e12 })}},
		{"unknown kind", "err.calc.kind", "kind", nil, []Rule{{ID: "r1", Kind: "magic"}}},
		{"ratio order", "err.calc.order", "ratio", d(1), []Rule{{ID: "r1", Kind: KindRatio, Driver: "d", Ratio: 2, RatioHigh: 1}}},
		{"min above max", "err.calc.order", "rounding.min", nil, []Rule{{ID: "r1", Kind: KindFixed, Count: 1, Rounding: Rounding{Min: f64(3), Max: f64(2)}}}},
		{"bad mode", "err.calc.value", "rounding.mode", nil, []Rule{{ID: "r1", Kind: KindFixed, Count: 1, Rounding: Rounding{Mode: "up"}}}},
		{"no tier", "err.calc.no_tier", "tiers", d(1), []Rule{{ID: "r1", Kind: KindTiers, Tiers: []Tier{{Count: 1, When: []Cond{{Driver: "d", Band: Band{Min: f64(5)}}}}}}}},
		{"bad join", "err.calc.value", "tiers[0].join", d(1), []Rule{{ID: "r1", Kind: KindTiers, Tiers: []Tier{{Count: 1, Join: "xor"}}}}},
		{"no shift", "err.calc.missing", "shift", nil, []Rule{{ID: "r1", Kind: KindShift}}},
		{"25-hour day", "err.calc.too_large", "shift.hours_per_day", nil, []Rule{{ID: "r1", Kind: KindShift, Shift: &Shift{Seats: 1, HoursPerDay: 25, DaysPerMonth: 30}}}},
		{"missing id", "err.calc.missing_id", "id", nil, []Rule{{Kind: KindFixed}}},
		{"share of share", "err.calc.ref_kind", "of", nil, []Rule{
			{ID: "r1", Kind: KindRelative, Of: "s", Factor: 1},
			{ID: "s", Kind: KindShare, Target: Target{Category: "x"}, Share: &Share{Low: 0, High: 1}}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := problemOf(t, c.drivers, c.rules...)
			if p.Key != c.key || p.Args["field"] != c.field || p.Args["rule"] != "r1" && c.key != "err.calc.missing_id" {
				t.Errorf("problem %s %v, want %s on field %q", p.Key, p.Args, c.key, c.field)
			}
			if msg := p.Error(); strings.Contains(msg, "{{") || strings.Contains(msg, "no value") || msg == p.Key {
				t.Errorf("message %q", msg)
			}
		})
	}
}

func TestCycleAndDependents(t *testing.T) {
	res, err := Evaluate(model.WorkBasis{}, nil, []Rule{
		{ID: "a", Kind: KindRelative, Of: "b", Factor: 1},
		{ID: "b", Kind: KindRelative, Of: "c", Factor: 2},
		{ID: "c", Kind: KindRelative, Of: "a", Factor: 3},
		{ID: "d", Kind: KindRelative, Of: "a", Factor: 1},
		{ID: "e", Kind: KindFixed, Count: 4},
		{ID: "e", Kind: KindFixed, Count: 5},
	})
	if !errors.Is(err, ErrCycle) {
		t.Fatalf("err %v", err)
	}
	for _, r := range res[:3] {
		if r.Problem == nil || r.Problem.Key != "err.calc.cycle" || !strings.Contains(r.Problem.Error(), "a → b → c → a") &&
			!strings.Contains(r.Problem.Error(), "b → c → a → b") && !strings.Contains(r.Problem.Error(), "c → a → b → c") {
			t.Errorf("%s: %v", r.RuleID, r.Problem)
		}
	}
	if p := res[3].Problem; p == nil || p.Key != "err.calc.ref_failed" {
		t.Errorf("dependent: %v", p)
	}
	if res[4].Problem != nil || res[4].Required != 4 {
		t.Errorf("good rule: %+v", res[4])
	}
	if p := res[5].Problem; p == nil || p.Key != "err.calc.duplicate_id" {
		t.Errorf("duplicate: %v", p)
	}
	self, _ := Evaluate(model.WorkBasis{}, nil, []Rule{{ID: "s", Kind: KindRelative, Of: "s", Factor: 1}})
	if p := self[0].Problem; p == nil || !strings.Contains(p.Error(), "s → s") {
		t.Errorf("self: %v", p)
	}
}
