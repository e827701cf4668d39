package calc

import (
	"math"
	"strconv"
	"strings"

	"staffplan/data/i18n"
)

// formulas names the translation key of each step formula; the texts are in
// assets/translations as calc.formula.*. Placeholders: {0}…{9} the inputs,
// {p0}… an input as a percentage, {out} and {pout} the outcome, {hi} the
// high end of a range, {n0}… the names.
var formulas = map[string]i18n.Key{
	"fixed":          "calc.formula.fixed",
	"capacity":       "calc.formula.capacity",
	"band":           "calc.formula.band",
	"ratio":          "calc.formula.ratio",
	"ratio.range":    "calc.formula.ratio.range",
	"pick.low":       "calc.formula.pick.low",
	"pick.mid":       "calc.formula.pick.mid",
	"pick.high":      "calc.formula.pick.high",
	"relative":       "calc.formula.relative",
	"share":          "calc.formula.share",
	"band.in":        "calc.formula.band.in",
	"band.out":       "calc.formula.band.out",
	"tier.always":    "calc.formula.tier.always",
	"increment":      "calc.formula.increment",
	"increment.not":  "calc.formula.increment.not",
	"dedicated":      "calc.formula.dedicated",
	"shared":         "calc.formula.shared",
	"cover":          "calc.formula.cover",
	"cover.year":     "calc.formula.cover.year",
	"seats":          "calc.formula.seats",
	"shrinkage":      "calc.formula.shrinkage",
	"traffic":        "calc.formula.traffic",
	"agents.sl":      "calc.formula.agents.sl",
	"agents.asa":     "calc.formula.agents.asa",
	"agents.wait":    "calc.formula.agents.wait",
	"fewer.sl":       "calc.formula.fewer.sl",
	"fewer.asa":      "calc.formula.fewer.asa",
	"fewer.wait":     "calc.formula.fewer.wait",
	"abandon":        "calc.formula.abandon",
	"occupancy":      "calc.formula.occupancy",
	"lines":          "calc.formula.lines",
	"profile":        "calc.formula.profile",
	"round.ceil":     "calc.formula.round.ceil",
	"round.floor":    "calc.formula.round.floor",
	"round.nearest":  "calc.formula.round.nearest",
	"min":            "calc.formula.min",
	"max":            "calc.formula.max",
	"efficiency":     "calc.formula.efficiency",
	"efficiency.att": "calc.formula.efficiency.att",
	"equipment":      "calc.formula.equipment",
	"equipment.att":  "calc.formula.equipment.att",
	"posts":          "calc.formula.posts",
	"posts.att":      "calc.formula.posts.att",
}

// Explain renders steps in lang ("zh" for Chinese, anything else English),
// joined by arrows: "130000 ÷ 20000 = 6.5 → 向下取整 → 6".
func Explain(steps []Step, lang string) string {
	parts := make([]string, 0, len(steps))
	for _, s := range steps {
		parts = append(parts, ExplainStep(s, lang))
	}
	return strings.Join(parts, " → ")
}

// ExplainStep renders one step.
func ExplainStep(s Step, lang string) string {
	text := func(formula string) string { return i18n.T(lang, formulas[formula], nil) }
	switch s.Formula {
	case "tier.and", "tier.or":
		join := i18n.T(lang, "calc.formula.and", nil)
		if s.Formula == "tier.or" {
			join = i18n.T(lang, "calc.formula.or", nil)
		}
		var conds string
		if len(s.Names) > 1 {
			conds = strings.Join(s.Names[1:], join) + " → "
		}
		return conds + fill(text("tier.always"), s)
	case "fraction":
		var terms []string
		for i := 0; i+1 < len(s.In); i += 2 {
			terms = append(terms, fmtNum(s.In[i])+"/"+fmtNum(s.In[i+1]))
		}
		return strings.Join(terms, " + ") + " = " + fmtNum(s.Out)
	case "sum":
		terms := make([]string, len(s.In))
		for i, x := range s.In {
			terms[i] = fmtNum(x)
		}
		return strings.Join(terms, " + ") + " = " + fmtNum(s.Out)
	case "increment":
		if len(s.In) >= 2 && s.In[0] <= s.In[1] {
			return strings.TrimSpace(fill(text("increment.not"), s))
		}
	case "posts", "posts.att":
		// The pattern's name is in the reader's language: "(四班三运转)".
		t := s
		t.Names = []string{""}
		if len(s.Names) > 0 {
			if p, ok := PatternOf(s.Names[0]); ok {
				if lang == "zh" {
					t.Names[0] = "(" + p.Name[0] + ")"
				} else {
					t.Names[0] = " (" + p.Name[1] + ")"
				}
			}
		}
		return strings.TrimSpace(fill(text(s.Formula), t))
	case "agent_hours", "agent_hours.year":
		return fill(text("cover"+strings.TrimPrefix(s.Formula, "agent_hours")), s)
	}
	if _, ok := formulas[s.Formula]; !ok {
		return s.Formula + " = " + fmtNum(s.Out)
	}
	return strings.TrimSpace(fill(text(s.Formula), s))
}

// fill replaces the placeholders of a formula with the step's values.
func fill(f string, s Step) string {
	var b strings.Builder
	for {
		i := strings.IndexByte(f, '{')
		if i < 0 {
			b.WriteString(f)
			return b.String()
		}
		j := strings.IndexByte(f[i:], '}')
		if j < 0 {
			b.WriteString(f)
			return b.String()
		}
		b.WriteString(f[:i])
		b.WriteString(placeholder(f[i+1:i+j], s))
		f = f[i+j+1:]
	}
}

func placeholder(name string, s Step) string {
	switch name {
	case "out":
		return fmtNum(s.Out)
	case "pout":
		return fmtPct(s.Out)
	case "hi":
		return fmtNum(s.OutHigh)
	}
	pct, names := strings.HasPrefix(name, "p"), strings.HasPrefix(name, "n")
	i, err := strconv.Atoi(strings.TrimLeft(name, "pn"))
	switch {
	case err != nil || i < 0:
		return "{" + name + "}"
	case names:
		if i < len(s.Names) {
			return s.Names[i]
		}
		return ""
	case i >= len(s.In):
		return "?"
	case pct:
		return fmtPct(s.In[i])
	}
	return fmtNum(s.In[i])
}

// fmtNum shows at most four decimals, without trailing zeros.
func fmtNum(x float64) string {
	switch {
	case math.IsNaN(x):
		return "NaN"
	case math.IsInf(x, 1):
		return "∞"
	case math.IsInf(x, -1):
		return "−∞"
	}
	r := math.Round(x*1e4) / 1e4
	if r == 0 {
		r = 0 // no "-0"
	}
	if math.Abs(x) >= 1e15 {
		r = x
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// fmtPct shows a fraction as a percentage with at most two decimals.
func fmtPct(x float64) string {
	if !(math.Abs(x) < 1e13) {
		return fmtNum(x)
	}
	return strconv.FormatFloat(math.Round(x*1e4)/1e2, 'f', -1, 64) + "%"
}
