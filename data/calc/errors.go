package calc

import (
	"math"

	"staffplan/data/model"
)

// Sentinel problems for errors.Is. ErrCalc matches every problem of this
// package, since model.Problem matches keys under a sentinel's key.
var (
	ErrCalc          = &model.Problem{Key: "err.calc"}
	ErrUnknownDriver = &model.Problem{Key: "err.calc.unknown_driver"}
	ErrUnknownRule   = &model.Problem{Key: "err.calc.unknown_rule"}
	ErrCycle         = &model.Problem{Key: "err.calc.cycle"}
	ErrUnreachable   = &model.Problem{Key: "err.calc.unreachable"}
)

// English texts by key; the UI translates by key with the same Args
// ("rule", "field", "value", "limit", "cycle").
var texts = map[string]string{
	"err.calc.missing_id":     "A rule needs an ID.",
	"err.calc.duplicate_id":   "Rule ID {{.rule}} is used twice.",
	"err.calc.kind":           "Rule {{.rule}}: {{.value}} is not a kind of rule.",
	"err.calc.missing":        "Rule {{.rule}}: {{.field}} is missing.",
	"err.calc.not_finite":     "Rule {{.rule}}: {{.field}} must be a finite number.",
	"err.calc.negative":       "Rule {{.rule}}: {{.field}} must not be negative.",
	"err.calc.zero":           "Rule {{.rule}}: {{.field}} must be more than zero.",
	"err.calc.fraction":       "Rule {{.rule}}: {{.field}} must be at least 0 and less than 1.",
	"err.calc.probability":    "Rule {{.rule}}: {{.field}} must be more than 0 and less than 1.",
	"err.calc.occupancy":      "Rule {{.rule}}: {{.field}} must be more than 0 and at most 1.",
	"err.calc.order":          "Rule {{.rule}}: {{.field}} runs from a higher to a lower value.",
	"err.calc.value":          "Rule {{.rule}}: {{.field}} cannot be {{.value}}.",
	"err.calc.too_large":      "Rule {{.rule}}: {{.field}} is too large.",
	"err.calc.unknown_driver": "Rule {{.rule}}: {{.field}} names the driver {{.value}}, which does not exist.",
	"err.calc.unknown_rule":   "Rule {{.rule}}: {{.field}} names the rule {{.value}}, which does not exist.",
	"err.calc.ref_kind":       "Rule {{.rule}}: {{.field}} names {{.value}}, a share check, not a headcount.",
	"err.calc.ref_failed":     "Rule {{.rule}}: the rule {{.value}} it depends on has an error.",
	"err.calc.cycle":          "Rules {{.cycle}} depend on each other in a circle.",
	"err.calc.no_tier":        "Rule {{.rule}}: no tier applies to these drivers.",
	"err.calc.unreachable":    "Rule {{.rule}}: no number of agents can meet {{.field}}.",
}

// fail builds the problem key for rule id, with field and extra arguments.
func fail(key, rule, field string, kv ...any) *model.Problem {
	args := map[string]any{"rule": rule, "field": field}
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i].(string)] = kv[i+1]
	}
	return &model.Problem{Key: key, Text: texts[key], Args: args}
}

// check validates numbers for one rule; the first problem sticks, so a
// kind's evaluator checks all its fields and then tests err once.
type check struct {
	rule string
	err  *model.Problem
}

func (c *check) set(p *model.Problem) {
	if c.err == nil {
		c.err = p
	}
}

// nonNeg requires a finite number ≥ 0.
func (c *check) nonNeg(field string, v float64) {
	switch {
	case !model.Finite(v):
		c.set(fail("err.calc.not_finite", c.rule, field))
	case v < 0:
		c.set(fail("err.calc.negative", c.rule, field))
	}
}

// positive requires a finite number > 0.
func (c *check) positive(field string, v float64) {
	c.nonNeg(field, v)
	if v == 0 {
		c.set(fail("err.calc.zero", c.rule, field))
	}
}

// fraction requires 0 ≤ v < 1 (shrinkage).
func (c *check) fraction(field string, v float64) {
	c.nonNeg(field, v)
	if v >= 1 {
		c.set(fail("err.calc.fraction", c.rule, field))
	}
}

// probability requires 0 < v < 1 (targets).
func (c *check) probability(field string, v float64) {
	c.nonNeg(field, v)
	if model.Finite(v) && (v <= 0 || v >= 1) {
		c.set(fail("err.calc.probability", c.rule, field))
	}
}

// occupancy requires 0 < v ≤ 1.
func (c *check) occupancy(field string, v float64) {
	if !model.Finite(v) || v <= 0 || v > 1 {
		c.set(fail("err.calc.occupancy", c.rule, field))
	}
}

// below requires v ≤ limit, for inputs that would make the maths slow.
func (c *check) below(field string, v, limit float64) {
	if model.Finite(v) && math.Abs(v) > limit {
		c.set(fail("err.calc.too_large", c.rule, field))
	}
}
