package gui

import (
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/calc"
)

// RuleKindText names a rule kind, with the classic 定员 method it
// implements where there is one ("ratio to a driver · ratio method").
func RuleKindText(k calc.Kind) string {
	kind := ruleKindName(k)
	if m := MethodText(calc.MethodOf(k)); m != "" {
		return lang.X("rule.kind_method", "{{.kind}} · {{.method}}", map[string]any{"kind": kind, "method": m})
	}
	return kind
}

func ruleKindName(k calc.Kind) string {
	switch k {
	case calc.KindFixed:
		return lang.X("rule.kind.fixed", "fixed count")
	case calc.KindCapacity:
		return lang.X("rule.kind.capacity", "one post per N of a driver")
	case calc.KindRatio:
		return lang.X("rule.kind.ratio", "ratio to a driver")
	case calc.KindRelative:
		return lang.X("rule.kind.relative", "relative to another rule")
	case calc.KindShare:
		return lang.X("rule.kind.share", "share of the total (check)")
	case calc.KindTiers:
		return lang.X("rule.kind.tiers", "tiers with increments")
	case calc.KindFraction:
		return lang.X("rule.kind.fraction", "fractional workload")
	case calc.KindShift:
		return lang.X("rule.kind.shift", "shift coverage")
	case calc.KindQueue:
		return lang.X("rule.kind.queue", "call queue (Erlang)")
	case calc.KindEfficiency:
		return lang.X("rule.kind.efficiency", "workload ÷ output per person")
	case calc.KindEquipment:
		return lang.X("rule.kind.equipment", "machines × shifts ÷ machines per person")
	case calc.KindPosts:
		return lang.X("rule.kind.posts", "posts × crews of a shift rotation")
	}
	return string(k)
}

var roundModes = []calc.RoundMode{calc.Ceil, calc.Floor, calc.Nearest, calc.None}

func roundText(m calc.RoundMode) string {
	switch m {
	case calc.Floor:
		return lang.X("round.floor", "round down")
	case calc.Nearest:
		return lang.X("round.nearest", "round to nearest")
	case calc.None:
		return lang.X("round.none", "keep the fraction")
	}
	return lang.X("round.ceil", "round up")
}

// ruleForm edits one rule: the fields every rule has, and a section for its
// kind. Tier tables, share bands and queues, having nested parts, are
// edited as their JSON text.
type ruleForm struct {
	id, name, unit, post, category        *dialogEntry // Escape-aware: Escape cancels the form while typing
	source                                *widget.Entry
	kind, round, quantity                 *widget.Select
	quantityImplicit                      bool // the rule left its quantity to the default
	min, max                              *dialogEntry
	count, driver, per, ratio, ratioHigh  *dialogEntry
	pick                                  *widget.Select
	of, shiftOf, factor, ratioDriver      *dialogEntry
	ofRounded, shiftOfRounded             *widget.Check
	parts                                 *widget.Entry
	seats, seatsDriver, hours, days, year *dialogEntry
	shrink                                *dialogEntry
	params                                *widget.Entry // JSON of share, tiers or queue
	quota                                 *quotaForm    // efficiency, equipment, posts
	assumption                            bool          // kept as the rule had it; the form does not show it
	sections                              map[calc.Kind]*widget.Form
	box                                   *fyne.Container
	escape                                func() // cancels the dialog the form is in
}

func ruleNum(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func newRuleForm(r calc.Rule) *ruleForm {
	f := &ruleForm{}
	e := func(s string) *dialogEntry {
		w := newDialogEntry()
		w.SetText(s)
		w.onEscape = func() {
			if f.escape != nil {
				f.escape()
			}
		}
		return w
	}
	*f = ruleForm{id: e(r.ID), name: e(r.Name), unit: e(r.Target.Unit), post: e(r.Target.Position),
		category: e(r.Target.Category), source: widget.NewMultiLineEntry(),
		count: e(ruleNum(r.Count)), driver: e(r.Driver), per: e(ruleNum(r.Per)), ratio: e(ruleNum(r.Ratio)),
		ratioHigh: e(ruleNum(r.RatioHigh)), of: e(r.Of), shiftOf: e(r.Of), ratioDriver: e(r.Driver), factor: e(ruleNum(r.Factor)), parts: widget.NewMultiLineEntry(),
		seats: e(""), seatsDriver: e(""), hours: e(""), days: e(""), year: e(""), shrink: e(""),
		params: widget.NewMultiLineEntry(), sections: map[calc.Kind]*widget.Form{}, assumption: r.Assumption}
	f.quota = newQuotaForm(r, e)
	f.source.SetText(r.Source)
	f.source.Wrapping = fyne.TextWrapWord
	f.min, f.max = e(""), e("")
	if r.Rounding.Min != nil {
		f.min.SetText(ruleNum(*r.Rounding.Min))
	}
	if r.Rounding.Max != nil {
		f.max.SetText(ruleNum(*r.Rounding.Max))
	}
	f.round = widget.NewSelect(nil, nil)
	for _, m := range roundModes {
		f.round.Options = append(f.round.Options, roundText(m))
	}
	f.round.SetSelectedIndex(0)
	for i, m := range roundModes {
		if m == r.Rounding.Mode {
			f.round.SetSelectedIndex(i)
		}
	}
	f.quantity = widget.NewSelect(nil, nil)
	for i, q := range calc.Quantities {
		f.quantity.Options = append(f.quantity.Options, core.QuantityText(q))
		if q == r.QuantityOf() {
			f.quantity.SetSelectedIndex(i)
		}
	}
	f.quantityImplicit = r.Quantity == ""
	f.pick = widget.NewSelect([]string{"low", "mid", "high"}, nil)
	f.pick.SetSelected(r.Pick)
	f.ofRounded = widget.NewCheck(lang.X("rule.of_rounded", "use its rounded figure"), nil)
	f.ofRounded.SetChecked(r.OfRounded)
	// A widget lives in one form only, so the shift section has its own.
	f.shiftOfRounded = widget.NewCheck(lang.X("rule.of_rounded", "use its rounded figure"), nil)
	f.shiftOfRounded.SetChecked(r.OfRounded)
	var parts []string
	for _, p := range r.Parts {
		parts = append(parts, p.Driver+" "+ruleNum(p.Per))
	}
	f.parts.SetText(strings.Join(parts, "\n"))
	f.parts.SetPlaceHolder(lang.X("rule.parts_hint", "one per line: driver threshold, e.g. households 1200"))
	if s := r.Shift; s != nil {
		f.seats.SetText(ruleNum(s.Seats))
		f.seatsDriver.SetText(s.SeatsDriver)
		f.hours.SetText(ruleNum(s.HoursPerDay))
		f.days.SetText(ruleNum(s.DaysPerMonth))
		f.year.SetText(ruleNum(s.DaysPerYear))
		f.shrink.SetText(ruleNum(s.Shrinkage))
	}
	f.params.SetText(paramsJSON(r))
	f.params.SetMinRowsVisible(8)

	item := widget.NewFormItem
	f.sections[calc.KindFixed] = widget.NewForm(item(lang.X("rule.count", "Count"), f.count))
	f.sections[calc.KindCapacity] = widget.NewForm(item(lang.X("rule.driver", "Driver"), f.driver),
		item(lang.X("rule.per", "One post per"), f.per))
	f.sections[calc.KindRatio] = widget.NewForm(item(lang.X("rule.driver", "Driver"), f.ratioDriver),
		item(lang.X("rule.ratio", "Ratio (low)"), f.ratio), item(lang.X("rule.ratio_high", "Ratio (high, for a range)"), f.ratioHigh),
		item(lang.X("rule.pick", "Use the end"), f.pick))
	f.sections[calc.KindRelative] = widget.NewForm(item(lang.X("rule.of", "Of rule (ID)"), f.of),
		item(lang.X("rule.factor", "Times"), f.factor), item("", f.ofRounded))
	f.sections[calc.KindFraction] = widget.NewForm(item(lang.X("rule.parts", "Workloads"), f.parts))
	f.sections[calc.KindShift] = widget.NewForm(item(lang.X("rule.seats", "Seats or posts"), f.seats),
		item(lang.X("rule.seats_driver", "or seats from driver"), f.seatsDriver), item(lang.X("rule.of", "Of rule (ID)"), f.shiftOf),
		item("", f.shiftOfRounded),
		item(lang.X("rule.hours", "Hours a day"), f.hours), item(lang.X("rule.days", "Days a month"), f.days),
		item(lang.X("rule.year", "or days a year"), f.year), item(lang.X("rule.shrinkage", "Shrinkage (0–1)"), f.shrink))
	advanced := widget.NewForm(item(lang.X("rule.params", "Parameters (JSON)"), f.params))
	for _, k := range []calc.Kind{calc.KindShare, calc.KindTiers, calc.KindQueue} {
		f.sections[k] = advanced
	}
	for k, s := range f.quota.sections() {
		f.sections[k] = s
	}
	f.kind = widget.NewSelect(nil, func(string) { f.showKind() })
	for _, k := range calc.Kinds {
		f.kind.Options = append(f.kind.Options, RuleKindText(k))
	}
	common := widget.NewForm(
		item(lang.X("rule.id", "ID"), f.id), item(lang.X("rule.name", "Name"), f.name),
		item(lang.X("rule.kind", "Kind"), f.kind),
		item(lang.X("rule.unit", "Unit"), f.unit), item(lang.X("rule.post", "Post"), f.post),
		item(lang.X("rule.category", "Category"), f.category),
		item(lang.X("rule.quantity", "Counts"), f.quantity),
		item(lang.X("rule.rounding", "Rounding"), f.round),
		item(lang.X("rule.bounds", "At least / at most"), container.NewGridWithColumns(2, f.min, f.max)),
		item(lang.X("rule.source", "Source"), f.source))
	f.box = container.NewVBox(common)
	for _, s := range f.sections {
		f.box.Add(s)
	}
	for i, k := range calc.Kinds {
		if k == r.Kind {
			f.kind.SetSelectedIndex(i)
		}
	}
	if f.kind.SelectedIndex() < 0 {
		f.kind.SetSelectedIndex(0)
	}
	f.showKind()
	return f
}

// paramsJSON is the nested part of a share, tier or queue rule as text.
func paramsJSON(r calc.Rule) string {
	var v any
	switch r.Kind {
	case calc.KindShare:
		v = map[string]any{"share": r.Share, "of": r.Of}
	case calc.KindTiers:
		v = map[string]any{"tiers": r.Tiers}
	case calc.KindQueue:
		v = map[string]any{"queue": r.Queue, "of": r.Of}
	default:
		return ""
	}
	b, _ := json.MarshalIndent(v, "", "  ")
	return string(b)
}

func (f *ruleForm) selectedKind() calc.Kind {
	if i := f.kind.SelectedIndex(); i >= 0 {
		return calc.Kinds[i]
	}
	return calc.KindFixed
}

func (f *ruleForm) showKind() {
	if f.box == nil {
		return
	}
	k := f.selectedKind()
	for kind, s := range f.sections {
		if kind != k && s != f.sections[k] {
			s.Hide()
		}
	}
	f.sections[k].Show()
}

// rule reads the form. Numbers that do not parse are errors naming the
// field; the engine checks the rest when the rule is evaluated.
func (f *ruleForm) rule() (calc.Rule, error) {
	var bad []string
	number := func(e *dialogEntry, field string) float64 {
		s := strings.TrimSpace(e.Text)
		if s == "" {
			return 0
		}
		v, err := strconv.ParseFloat(s, 64)
		if err != nil {
			bad = append(bad, field)
		}
		return v
	}
	opt := func(e *dialogEntry, field string) *float64 {
		if strings.TrimSpace(e.Text) == "" {
			return nil
		}
		v := number(e, field)
		return &v
	}
	r := calc.Rule{ID: strings.TrimSpace(f.id.Text), Kind: f.selectedKind(), Name: strings.TrimSpace(f.name.Text),
		Source: strings.TrimSpace(f.source.Text), Assumption: f.assumption,
		Target: calc.Target{Unit: strings.TrimSpace(f.unit.Text), Position: strings.TrimSpace(f.post.Text),
			Category: strings.TrimSpace(f.category.Text)},
		Rounding: calc.Rounding{Mode: roundModes[max(0, f.round.SelectedIndex())],
			Min: opt(f.min, lang.X("rule.bounds", "At least / at most")), Max: opt(f.max, lang.X("rule.bounds", "At least / at most"))}}
	switch r.Kind {
	case calc.KindFixed:
		r.Count = number(f.count, lang.X("rule.count", "Count"))
	case calc.KindCapacity:
		r.Driver = strings.TrimSpace(f.driver.Text)
		r.Per = number(f.per, lang.X("rule.per", "One post per"))
	case calc.KindRatio:
		r.Driver = strings.TrimSpace(f.ratioDriver.Text)
		r.Ratio = number(f.ratio, lang.X("rule.ratio", "Ratio (low)"))
		r.RatioHigh = number(f.ratioHigh, lang.X("rule.ratio_high", "Ratio (high, for a range)"))
		r.Pick = f.pick.Selected
	case calc.KindRelative:
		r.Of = strings.TrimSpace(f.of.Text)
		r.Factor = number(f.factor, lang.X("rule.factor", "Times"))
		r.OfRounded = f.ofRounded.Checked
	case calc.KindFraction:
		for _, line := range strings.Split(f.parts.Text, "\n") {
			fs := strings.Fields(line)
			if len(fs) == 0 {
				continue
			}
			if len(fs) != 2 {
				bad = append(bad, lang.X("rule.parts", "Workloads"))
				continue
			}
			per, err := strconv.ParseFloat(fs[1], 64)
			if err != nil {
				bad = append(bad, lang.X("rule.parts", "Workloads"))
			}
			r.Parts = append(r.Parts, calc.Part{Driver: fs[0], Per: per})
		}
	case calc.KindShift:
		r.Of = strings.TrimSpace(f.shiftOf.Text)
		r.OfRounded = f.shiftOfRounded.Checked
		r.Shift = &calc.Shift{Seats: number(f.seats, lang.X("rule.seats", "Seats or posts")),
			SeatsDriver: strings.TrimSpace(f.seatsDriver.Text), HoursPerDay: number(f.hours, lang.X("rule.hours", "Hours a day")),
			DaysPerMonth: number(f.days, lang.X("rule.days", "Days a month")), DaysPerYear: number(f.year, lang.X("rule.year", "or days a year")),
			Shrinkage: number(f.shrink, lang.X("rule.shrinkage", "Shrinkage (0–1)"))}
	case calc.KindEfficiency, calc.KindEquipment, calc.KindPosts:
		f.quota.read(&r, number)
	default: // share, tiers, queue
		var p struct {
			Share *calc.Share `json:"share"`
			Tiers []calc.Tier `json:"tiers"`
			Queue *calc.Queue `json:"queue"`
			Of    string      `json:"of"`
		}
		dec := json.NewDecoder(strings.NewReader(f.params.Text))
		dec.DisallowUnknownFields()
		if err := dec.Decode(&p); err != nil {
			return r, errors.New(lang.X("err.rule_json", "The parameters are not valid: {{.detail}}", map[string]any{"detail": err.Error()}))
		}
		r.Share, r.Tiers, r.Queue, r.Of = p.Share, p.Tiers, p.Queue, p.Of
	}
	// Only people become 编制; a rule that counts seats or lines says so.
	if i := f.quantity.SelectedIndex(); i >= 0 {
		r.Quantity = calc.Quantities[i]
		if f.quantityImplicit {
			def := calc.Rule{Kind: r.Kind, Queue: r.Queue}
			if def.QuantityOf() == r.Quantity {
				r.Quantity = ""
			}
		}
	}
	if len(bad) > 0 {
		return r, errors.New(lang.X("err.rule_number", "Not a number: {{.fields}}", map[string]any{"fields": strings.Join(bad, ", ")}))
	}
	return r, nil
}

// checkRule evaluates the sheet with rule r in place of old (an empty old
// adds it) and returns r's problem, if any, so a rule is stored only when it
// computes.
func (c *calcPane) checkRule(old string, r calc.Rule) (*calc.Sheet, error) {
	s := *c.sheet
	s.Rules = append([]calc.Rule(nil), c.sheet.Rules...)
	replaced := false
	for i := range s.Rules {
		if s.Rules[i].ID == old && old != "" {
			s.Rules[i], replaced = r, true
		}
	}
	if !replaced {
		s.Rules = append(s.Rules, r)
	}
	results, _ := s.Evaluate(c.u.data.Plan.Basis)
	for _, res := range results {
		if res.RuleID == r.ID && res.Problem != nil {
			return nil, res.Problem
		}
	}
	return &s, nil
}

// saveRules stores the rule list as one undoable change.
func (c *calcPane) saveRules(rules []calc.Rule, label string) {
	c.updateSheet(label, func(s *calc.Sheet) { s.Rules = rules })
}

// editRule opens the form for rule index i, or for a new rule when i < 0.
func (c *calcPane) editRule(i int, done func()) {
	u := c.u
	var r calc.Rule
	old := ""
	if i >= 0 && i < len(c.sheet.Rules) {
		r, old = c.sheet.Rules[i], c.sheet.Rules[i].ID
	} else {
		r = calc.Rule{ID: fmt.Sprintf("rule%d", len(c.sheet.Rules)+1), Kind: calc.KindFixed, Count: 1}
	}
	f := newRuleForm(r)
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	var d *dialog.ConfirmDialog
	d = dialog.NewCustomConfirm(lang.X("rule.edit", "Rule"), lang.X("btn.save", "Save"), lang.X("btn.cancel", "Cancel"),
		container.NewBorder(nil, msg, nil, nil, container.NewVScroll(f.box)), func(ok bool) {
			if !ok {
				done()
				return
			}
			nr, err := f.rule()
			if err == nil {
				_, err = c.checkRule(old, nr)
			}
			if err != nil {
				// Keep the user's work: show the form again with the reason.
				msg.SetText(core.ErrText(err))
				d.Show()
				u.onKeys(nil, d.Hide)
				return
			}
			rules := append([]calc.Rule(nil), c.sheet.Rules...)
			if old == "" {
				rules = append(rules, nr)
			} else {
				for j := range rules {
					if rules[j].ID == old {
						rules[j] = nr
					}
				}
			}
			c.saveRules(rules, lang.X("change.rule", "rule “{{.name}}”", map[string]any{"name": nr.Label()}))
			done()
		}, u.win)
	f.escape = d.Hide
	d.Resize(fyne.NewSize(620, 560))
	d.Show()
	u.onKeys(nil, d.Hide) // Enter is for the note field; Save is a click
}

// rulesDialog lists the rules: add, edit, delete and reorder, each one
// undoable step.
func (c *calcPane) rulesDialog() {
	u := c.u
	if u.planID == 0 {
		return
	}
	list := container.NewVBox()
	var d dialog.Dialog
	var fill func()
	fill = func() {
		list.RemoveAll()
		for i, r := range c.sheet.Rules {
			i := i
			label := widget.NewLabel(r.Label() + " · " + RuleKindText(r.Kind))
			label.Truncation = fyne.TextTruncateEllipsis
			move := func(to int) func() {
				return func() {
					if to < 0 || to >= len(c.sheet.Rules) {
						return
					}
					rules := append([]calc.Rule(nil), c.sheet.Rules...)
					rules[i], rules[to] = rules[to], rules[i]
					c.saveRules(rules, lang.X("change.rule_order", "reorder rules"))
					fill()
				}
			}
			buttons := container.NewHBox(
				widget.NewButtonWithIcon("", theme.DocumentCreateIcon(), func() { c.editRule(i, fill) }),
				widget.NewButtonWithIcon("", theme.MoveUpIcon(), move(i-1)),
				widget.NewButtonWithIcon("", theme.MoveDownIcon(), move(i+1)),
				widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
					rules := append(append([]calc.Rule(nil), c.sheet.Rules[:i]...), c.sheet.Rules[i+1:]...)
					c.saveRules(rules, lang.X("change.rule_delete", "delete rule “{{.name}}”", map[string]any{"name": c.sheet.Rules[i].Label()}))
					fill()
				}))
			list.Add(container.NewBorder(nil, nil, nil, buttons, label))
		}
	}
	fill()
	add := widget.NewButtonWithIcon(lang.X("rule.add", "Add rule"), theme.ContentAddIcon(), func() { c.editRule(-1, fill) })
	addDriver := widget.NewButtonWithIcon(lang.X("driver.add", "Add driver"), theme.ContentAddIcon(), c.addDriverDialog)
	d = dialog.NewCustom(lang.X("calc.rules", "Rules…"), lang.X("btn.close", "Close"),
		container.NewBorder(nil, container.NewGridWithColumns(2, add, addDriver), nil, nil, container.NewVScroll(list)), u.win)
	d.Resize(fyne.NewSize(560, 480))
	d.Show()
	u.onKeys(d.Hide, d.Hide)
}

// addDriverDialog adds a named quantity rules can refer to by its key.
func (c *calcPane) addDriverDialog() {
	u := c.u
	key, label, unit, value := newDialogEntry(), newDialogEntry(), newDialogEntry(), newDialogEntry()
	key.SetPlaceHolder("beds")
	label.SetPlaceHolder(lang.X("driver.label_hint", "e.g. Beds"))
	unit.SetPlaceHolder(lang.X("driver.unit_hint", "e.g. beds"))
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("driver.key", "Key (used by rules)"), key),
		widget.NewFormItem(lang.X("driver.label", "Name"), label),
		widget.NewFormItem(lang.X("driver.unit", "Unit"), unit),
		widget.NewFormItem(lang.X("driver.value", "Value"), value),
	}
	fd := dialog.NewForm(lang.X("driver.add", "Add driver"), lang.X("btn.add", "Add"), lang.X("btn.cancel", "Cancel"), items, func(ok bool) {
		if !ok {
			return
		}
		d, err := newDriver(key.Text, label.Text, unit.Text, value.Text, c.sheet.Drivers)
		if err != nil {
			u.showError(err)
			return
		}
		c.saveDriverList(append(append([]calc.Driver(nil), c.sheet.Drivers...), d),
			lang.X("change.add_driver", "add driver “{{.name}}”", map[string]any{"name": d.Label}))
	}, u.win)
	key.onEscape, label.onEscape, unit.onEscape, value.onEscape = fd.Hide, fd.Hide, fd.Hide, fd.Hide
	fd.Show()
}

// newDriver checks a new driver: a key of letters, digits and _ not yet
// used, a name, a number.
func newDriver(key, label, unit, value string, have []calc.Driver) (calc.Driver, error) {
	key, label = strings.TrimSpace(key), strings.TrimSpace(label)
	ok := key != ""
	for _, r := range key {
		ok = ok && (r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9')
	}
	if !ok {
		return calc.Driver{}, errors.New(lang.X("err.driver_key", "A driver key is letters, digits and _, such as beds or icu_beds."))
	}
	for _, d := range have {
		if d.Key == key {
			return calc.Driver{}, errors.New(lang.X("err.driver_dup", "There is already a driver {{.key}}.", map[string]any{"key": key}))
		}
	}
	v, okV := parseNumber(value)
	if !okV {
		return calc.Driver{}, errors.New(lang.X("calc.bad_driver", "{{.value}} is not a number.", map[string]any{"value": value}))
	}
	if label == "" {
		label = key
	}
	return calc.Driver{Key: key, Label: label, Unit: strings.TrimSpace(unit), Value: v}, nil
}

// saveDriverList stores the drivers as one undoable change.
func (c *calcPane) saveDriverList(ds []calc.Driver, label string) {
	c.updateSheet(label, func(s *calc.Sheet) { s.Drivers = ds })
}
