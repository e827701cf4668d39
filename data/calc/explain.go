package calc

import (
	"math"
	"strconv"
	"strings"
)

// formulas holds the Chinese and English rendering of each step formula.
// Placeholders: {0}…{9} the inputs, {p0}… an input as a percentage, {out}
// and {pout} the outcome, {hi} the high end of a range, {n0}… the names.
var formulas = map[string][2]string{
	"fixed":          {"固定 {out}", "fixed {out}"},
	"capacity":       {"{0} ÷ {1} = {out}", "{0} ÷ {1} = {out}"},
	"band":           {"{0} 属于 {n0} 档", "{0} is in the band {n0}"},
	"ratio":          {"{0} × {1} = {out}", "{0} × {1} = {out}"},
	"ratio.range":    {"{0} × {1}–{2} = {out}–{hi}", "{0} × {1}–{2} = {out}–{hi}"},
	"pick.low":       {"取下限 {out}", "take the low end {out}"},
	"pick.mid":       {"取中值 {out}", "take the middle {out}"},
	"pick.high":      {"取上限 {out}", "take the high end {out}"},
	"relative":       {"{n0} {0} × {1} = {out}", "{n0} {0} × {1} = {out}"},
	"share":          {"{0} ÷ {1} = {pout}", "{0} ÷ {1} = {pout}"},
	"band.in":        {"在 {p0}–{p1} 之内", "within {p0}–{p1}"},
	"band.out":       {"超出 {p0}–{p1}", "outside {p0}–{p1}"},
	"tier.always":    {"{n0} 档: {out}", "tier {n0}: {out}"},
	"increment":      {"{n0} ({0} − {1}) ÷ {2} → {3} 档 × {4} = +{out}", "{n0} ({0} − {1}) ÷ {2} → {3} step(s) × {4} = +{out}"},
	"increment.not":  {"{n0} {0} ≤ {1} → +0", "{n0} {0} ≤ {1} → +0"},
	"dedicated":      {"≥ 1 → 专职", "≥ 1 → dedicated post"},
	"shared":         {"< 1 → 兼职 {out}", "< 1 → shared post, {out} of a person"},
	"cover":          {"{0} 小时 × {1} 天 ÷ {2} 小时({n0} 标准) = {out}", "{0} h × {1} d ÷ {2} h ({n0} basis) = {out}"},
	"cover.year":     {"{0} 小时 × {1}/12 天 ÷ {2} 小时({n0} 标准) = {out}", "{0} h × {1}/12 d ÷ {2} h ({n0} basis) = {out}"},
	"seats":          {"{0} × {1} = {out}", "{0} × {1} = {out}"},
	"shrinkage":      {"{0} ÷ (1 − {1}) = {out}", "{0} ÷ (1 − {1}) = {out}"},
	"traffic":        {"{0} × {1} 秒 ÷ {2} 秒 = {out} Erl", "{0} × {1} s ÷ {2} s = {out} Erl"},
	"agents.sl":      {"{0} 人: {3} 秒内接通 {p1} ≥ {p2}", "{0} agents: {p1} answered within {3} s ≥ {p2}"},
	"agents.asa":     {"{0} 人: 平均应答 {1} 秒 ≤ {2} 秒", "{0} agents: average speed of answer {1} s ≤ {2} s"},
	"agents.wait":    {"{0} 人: 等待概率 {p1} ≤ {p2}", "{0} agents: wait probability {p1} ≤ {p2}"},
	"fewer.sl":       {"({0} 人仅 {p1}, 占用率 {p2})", "({0} agents give {p1}, occupancy {p2})"},
	"fewer.asa":      {"({0} 人为 {1} 秒, 占用率 {p2})", "({0} agents give {1} s, occupancy {p2})"},
	"fewer.wait":     {"({0} 人为 {p1}, 占用率 {p2})", "({0} agents give {p1}, occupancy {p2})"},
	"abandon":        {"放弃率 {pout}(平均耐心 {0} 秒)", "abandonment {pout} (mean patience {0} s)"},
	"occupancy":      {"占用率 {pout} ≤ {p1}", "occupancy {pout} ≤ {p1}"},
	"lines":          {"{0} 条线路: 阻塞率 {p1} ≤ {p2}", "{0} lines: blocking {p1} ≤ {p2}"},
	"profile":        {"{0} 个时段, 峰值 {1} 人, 每日 {2} 人·小时", "{0} intervals, peak {1} agents, {2} agent-hours a day"},
	"efficiency":     {"{n0} {0}{n1} ÷ 劳动定额 {1}{n1} = {out}", "{n0} {0}{n1} ÷ {1}{n1} per person = {out}"},
	"efficiency.att": {"{n0} {0}{n1} ÷ 劳动定额 {1}{n1} ÷ 出勤率 {2} = {out}", "{n0} {0}{n1} ÷ {1}{n1} per person ÷ attendance {2} = {out}"},
	"equipment":      {"{n0} {0}{n1} × {1} 班 ÷ 看管定额 {2}{n1} = {out}", "{n0} {0}{n1} × {1} shifts ÷ {2}{n1} per person = {out}"},
	"equipment.att":  {"{n0} {0}{n1} × {1} 班 ÷ 看管定额 {2}{n1} ÷ 出勤率 {3} = {out}", "{n0} {0}{n1} × {1} shifts ÷ {2}{n1} per person ÷ attendance {3} = {out}"},
	"posts":          {"{0} 个岗位 × 每岗 {1} 人 × {2} 个班组{n0} = {out}", "{0} post(s) × {1} per post × {2} crews{n0} = {out}"},
	"posts.att":      {"{0} 个岗位 × 每岗 {1} 人 × {2} 个班组{n0} ÷ 出勤率 {3} = {out}", "{0} post(s) × {1} per post × {2} crews{n0} ÷ attendance {3} = {out}"},
	"round.ceil":     {"向上取整 → {out}", "round up → {out}"},
	"round.floor":    {"向下取整 → {out}", "round down → {out}"},
	"round.nearest":  {"四舍五入 → {out}", "round to nearest → {out}"},
	"min":            {"不少于 {1} → {out}", "at least {1} → {out}"},
	"max":            {"不超过 {1} → {out}", "at most {1} → {out}"},
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
	zh := lang == "zh" || strings.HasPrefix(lang, "zh")
	pickLang := func(f [2]string) string {
		if zh {
			return f[0]
		}
		return f[1]
	}
	switch s.Formula {
	case "tier.and", "tier.or":
		join := map[bool]string{true: " 且 ", false: " and "}[zh]
		if s.Formula == "tier.or" {
			join = map[bool]string{true: " 或 ", false: " or "}[zh]
		}
		var conds string
		if len(s.Names) > 1 {
			conds = strings.Join(s.Names[1:], join) + " → "
		}
		return conds + fill(pickLang(formulas["tier.always"]), s)
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
			return strings.TrimSpace(fill(pickLang(formulas["increment.not"]), s))
		}
	case "posts", "posts.att":
		// The pattern's name is in the reader's language: "(四班三运转)".
		t := s
		t.Names = []string{""}
		if len(s.Names) > 0 {
			if p, ok := PatternOf(s.Names[0]); ok {
				if zh {
					t.Names[0] = "(" + p.Name[0] + ")"
				} else {
					t.Names[0] = " (" + p.Name[1] + ")"
				}
			}
		}
		return strings.TrimSpace(fill(pickLang(formulas[s.Formula]), t))
	case "agent_hours", "agent_hours.year":
		return fill(pickLang(formulas["cover"+strings.TrimPrefix(s.Formula, "agent_hours")]), s)
	}
	f, ok := formulas[s.Formula]
	if !ok {
		return s.Formula + " = " + fmtNum(s.Out)
	}
	return strings.TrimSpace(fill(pickLang(f), s))
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
