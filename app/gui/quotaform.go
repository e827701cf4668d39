package gui

import (
	"strings"

	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/data/calc"
)

// MethodText names one of the classic 定员 methods.
func MethodText(m calc.Method) string {
	switch m {
	case calc.MethodEfficiency:
		return lang.X("rule.method.efficiency", "workload method (staffing by output per person)")
	case calc.MethodEquipment:
		return lang.X("rule.method.equipment", "equipment method (staffing by machines minded)")
	case calc.MethodPost:
		return lang.X("rule.method.post", "post method (staffing by posts)")
	case calc.MethodRatio:
		return lang.X("rule.method.ratio", "ratio method (staffing by ratio to those served)")
	case calc.MethodDuty:
		return lang.X("rule.method.duty", "duties method (staffing by organisation and duties)")
	}
	return ""
}

// patternText names a 倒班 pattern in the interface's language.
func patternText(key string) string {
	switch key {
	case "day":
		return lang.X("pattern.day", "day shift only")
	case "2-2":
		return lang.X("pattern.2-2", "two crews on two shifts")
	case "3-2":
		return lang.X("pattern.3-2", "three crews on two shifts")
	case "3-3":
		return lang.X("pattern.3-3", "three crews on three shifts")
	case "4-2":
		return lang.X("pattern.4-2", "four crews on two shifts")
	case "4-3":
		return lang.X("pattern.4-3", "four crews on three shifts")
	case "5-3":
		return lang.X("pattern.5-3", "five crews on three shifts")
	}
	return key
}

// quotaForm holds the inputs of the three kinds of the classic methods that
// have no older kind: efficiency, equipment and posts. A widget lives in
// one form only, so each kind has its own entries.
type quotaForm struct {
	effDriver, effPer, effAtt             *dialogEntry
	eqDriver, eqPer, eqShifts, eqAtt      *dialogEntry
	postCount, postDriver, perPost, crews *dialogEntry
	postAtt                               *dialogEntry
	pattern                               *widget.Select
}

func newQuotaForm(r calc.Rule, e func(string) *dialogEntry) *quotaForm {
	q := r.Quota
	if q == nil {
		q = &calc.Quota{}
	}
	f := &quotaForm{}
	f.effDriver, f.effPer, f.effAtt = e(""), e(""), e("")
	f.eqDriver, f.eqPer, f.eqShifts, f.eqAtt = e(""), e(""), e(""), e("")
	f.postCount, f.postDriver, f.perPost, f.crews, f.postAtt = e(""), e(""), e(""), e(""), e("")
	opts := []string{lang.X("pattern.none", "(give the crews)")}
	for _, p := range calc.Patterns {
		opts = append(opts, patternText(p.Key))
	}
	f.pattern = widget.NewSelect(opts, nil)
	f.pattern.SetSelectedIndex(0)
	switch r.Kind {
	case calc.KindEfficiency:
		f.effDriver.SetText(r.Driver)
		f.effPer.SetText(ruleNum(r.Per))
		f.effAtt.SetText(ruleNum(q.Attendance))
	case calc.KindEquipment:
		f.eqDriver.SetText(r.Driver)
		f.eqPer.SetText(ruleNum(r.Per))
		f.eqShifts.SetText(ruleNum(q.Shifts))
		f.eqAtt.SetText(ruleNum(q.Attendance))
	case calc.KindPosts:
		f.postCount.SetText(ruleNum(r.Count))
		f.postDriver.SetText(r.Driver)
		f.perPost.SetText(ruleNum(q.PerPost))
		f.crews.SetText(ruleNum(q.Crews))
		f.postAtt.SetText(ruleNum(q.Attendance))
		for i, p := range calc.Patterns {
			if p.Key == q.Pattern {
				f.pattern.SetSelectedIndex(i + 1)
			}
		}
	}
	return f
}

// sections returns the form section of each of the three kinds.
func (f *quotaForm) sections() map[calc.Kind]*widget.Form {
	item := widget.NewFormItem
	att := func(e *dialogEntry) *widget.FormItem {
		return item(lang.X("rule.attendance", "Attendance rate (empty: 1)"), e)
	}
	return map[calc.Kind]*widget.Form{
		calc.KindEfficiency: widget.NewForm(item(lang.X("rule.driver", "Driver"), f.effDriver),
			item(lang.X("rule.output_per", "Output per person"), f.effPer), att(f.effAtt)),
		calc.KindEquipment: widget.NewForm(item(lang.X("rule.driver", "Driver"), f.eqDriver),
			item(lang.X("rule.shifts", "Shifts a day"), f.eqShifts),
			item(lang.X("rule.machines_per", "Machines per person"), f.eqPer), att(f.eqAtt)),
		calc.KindPosts: widget.NewForm(item(lang.X("rule.post_count", "Posts a shift (number)"), f.postCount),
			item(lang.X("rule.post_driver", "or posts from a driver"), f.postDriver),
			item(lang.X("rule.per_post", "People per post (empty: 1)"), f.perPost),
			item(lang.X("rule.pattern", "Shift rotation"), f.pattern),
			item(lang.X("rule.crews", "Crews (without a rotation)"), f.crews), att(f.postAtt)),
	}
}

// read fills r (of one of the three kinds) from the form; number reads an
// entry, collecting the fields that do not parse.
func (f *quotaForm) read(r *calc.Rule, number func(*dialogEntry, string) float64) {
	attendance := lang.X("rule.attendance", "Attendance rate (empty: 1)")
	switch r.Kind {
	case calc.KindEfficiency:
		r.Driver = strings.TrimSpace(f.effDriver.Text)
		r.Per = number(f.effPer, lang.X("rule.output_per", "Output per person"))
		if a := number(f.effAtt, attendance); a != 0 {
			r.Quota = &calc.Quota{Attendance: a}
		}
	case calc.KindEquipment:
		r.Driver = strings.TrimSpace(f.eqDriver.Text)
		r.Per = number(f.eqPer, lang.X("rule.machines_per", "Machines per person"))
		r.Quota = &calc.Quota{Shifts: number(f.eqShifts, lang.X("rule.shifts", "Shifts a day")), Attendance: number(f.eqAtt, attendance)}
	case calc.KindPosts:
		r.Count = number(f.postCount, lang.X("rule.post_count", "Posts a shift (number)"))
		r.Driver = strings.TrimSpace(f.postDriver.Text)
		q := calc.Quota{PerPost: number(f.perPost, lang.X("rule.per_post", "People per post (empty: 1)")),
			Crews: number(f.crews, lang.X("rule.crews", "Crews (without a rotation)")), Attendance: number(f.postAtt, attendance)}
		if i := f.pattern.SelectedIndex(); i > 0 {
			q.Pattern = calc.Patterns[i-1].Key
		}
		if q != (calc.Quota{}) {
			r.Quota = &q
		}
	}
}
