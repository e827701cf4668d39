package calc

import "strings"

// Method is one of the five classic 定员 methods of Chinese labour-quota
// practice. Several kinds may implement one method; the UI names a kind's
// method beside it so users who know the methods find them.
type Method string

// The five methods.
const (
	MethodEfficiency Method = "efficiency" // 劳动效率定员法
	MethodEquipment  Method = "equipment"  // 设备定员法
	MethodPost       Method = "post"       // 岗位定员法
	MethodRatio      Method = "ratio"      // 比例定员法
	MethodDuty       Method = "duty"       // 职责(组织机构)定员法
)

// Methods lists the methods in the order textbooks give them.
var Methods = []Method{MethodEfficiency, MethodEquipment, MethodPost, MethodRatio, MethodDuty}

// MethodOf returns the classic method kind k implements, or "" for kinds
// beyond them (shares, tiers, fractions, queues).
func MethodOf(k Kind) Method {
	switch k {
	case KindCapacity, KindEfficiency:
		// One post per N units is workload ÷ output per person with
		// full attendance.
		return MethodEfficiency
	case KindEquipment:
		return MethodEquipment
	case KindPosts, KindShift:
		// Shift coverage sizes posts by hours instead of crews.
		return MethodPost
	case KindRatio, KindRelative:
		return MethodRatio
	case KindFixed:
		return MethodDuty
	}
	return ""
}

// Pattern is a 倒班 (shift rotation) pattern: Crews teams take turns on
// Shifts shifts a day, so one post staffed round the clock needs Crews
// people.
type Pattern struct {
	Key    string
	Crews  float64
	Shifts float64
	Name   [2]string // Chinese, English
}

// Patterns lists the common 倒班 patterns.
var Patterns = []Pattern{
	{"day", 1, 1, [2]string{"常白班", "day shift only"}},
	{"2-2", 2, 2, [2]string{"两班两运转", "two crews on two shifts"}},
	{"3-2", 3, 2, [2]string{"三班两运转", "three crews on two shifts"}},
	{"3-3", 3, 3, [2]string{"三班三运转", "three crews on three shifts"}},
	{"4-2", 4, 2, [2]string{"四班两运转", "four crews on two shifts"}},
	{"4-3", 4, 3, [2]string{"四班三运转", "four crews on three shifts"}},
	{"5-3", 5, 3, [2]string{"五班三运转", "five crews on three shifts"}},
}

// PatternOf returns the pattern with key, if there is one.
func PatternOf(key string) (Pattern, bool) {
	for _, p := range Patterns {
		if p.Key == key {
			return p, true
		}
	}
	return Pattern{}, false
}

// attendance returns the rule's 出勤率, checked: 0 means 1.
func attendance(c *check, q *Quota) float64 {
	if q == nil || q.Attendance == 0 {
		return 1
	}
	c.occupancy("quota.attendance", q.Attendance)
	return q.Attendance
}

// driverNames are the label and unit a method's explanation shows with a
// driver's value: "开动设备", " 台".
func (e *evaluator) driverNames(key string) []string {
	unit := strings.TrimSpace(e.drivers[key].Unit)
	if unit != "" {
		unit = " " + unit
	}
	return []string{e.driverLabel(key), unit}
}

// withAttendance picks the formula that divides by attendance, unless it is
// full.
func withAttendance(formula string, att float64) string {
	if att == 1 {
		return formula
	}
	return formula + ".att"
}

func (e *evaluator) efficiency(r *Rule, c *check) Result {
	v := e.driver(c, "driver", r.Driver)
	c.positive("per", r.Per)
	att := attendance(c, r.Quota)
	if c.err != nil {
		return Result{}
	}
	x := v / r.Per / att
	return single(x, Step{Formula: withAttendance("efficiency", att), In: []float64{v, r.Per, att}, Out: x,
		Names: e.driverNames(r.Driver)})
}

func (e *evaluator) equipment(r *Rule, c *check) Result {
	v := e.driver(c, "driver", r.Driver)
	c.positive("per", r.Per)
	if r.Quota == nil {
		c.set(fail("err.calc.missing", r.ID, "quota.shifts"))
		return Result{}
	}
	c.positive("quota.shifts", r.Quota.Shifts)
	c.below("quota.shifts", r.Quota.Shifts, 24)
	att := attendance(c, r.Quota)
	if c.err != nil {
		return Result{}
	}
	x := v * r.Quota.Shifts / r.Per / att
	return single(x, Step{Formula: withAttendance("equipment", att), In: []float64{v, r.Quota.Shifts, r.Per, att}, Out: x,
		Names: e.driverNames(r.Driver)})
}

func (e *evaluator) posts(r *Rule, c *check) Result {
	q := r.Quota
	if q == nil {
		q = &Quota{}
	}
	posts := r.Count
	if r.Driver != "" {
		posts = e.driver(c, "driver", r.Driver)
	} else {
		c.positive("count", r.Count)
	}
	per := q.PerPost
	c.nonNeg("quota.per_post", per)
	if per == 0 {
		per = 1
	}
	crews, pattern := q.Crews, ""
	c.nonNeg("quota.crews", crews)
	c.below("quota.crews", crews, 24)
	if q.Pattern != "" {
		p, ok := PatternOf(q.Pattern)
		switch {
		case !ok:
			c.set(fail("err.calc.value", r.ID, "quota.pattern", "value", q.Pattern))
		case crews != 0 && crews != p.Crews:
			// Two answers to one question: say which is wrong.
			c.set(fail("err.calc.value", r.ID, "quota.crews", "value", fmtNum(crews)))
		}
		crews, pattern = p.Crews, p.Key
	}
	if crews == 0 {
		crews = 1
	}
	att := attendance(c, q)
	if c.err != nil {
		return Result{}
	}
	x := posts * per * crews / att
	return single(x, Step{Formula: withAttendance("posts", att), In: []float64{posts, per, crews, att}, Out: x,
		Names: []string{pattern}})
}
