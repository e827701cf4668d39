package gui

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/calc"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
)

// calcPane is the ratio calculator: the plan's drivers, the results of its
// rules with the arithmetic behind each, and Apply to plan.
type calcPane struct {
	u       *UI
	sheet   *calc.Sheet // as stored, with the drivers as typed
	rows    []calc.Row
	drivers *fyne.Container
	basis   *widget.Label
	table   *widget.Table
	explain *widget.Label
	empty   *widget.Label
	// applyBtn is "Apply to plan…", disabled while there are no rules.
	applyBtn *widget.Button
	body     *fyne.Container
	content  fyne.CanvasObject
	sel      int

	conflicts map[string]calc.Conflict // by calc.TargetKey, from recompute

	entries map[string]*widget.Entry // by driver key
	save    *time.Timer              // debounced save of typed drivers
}

// Result table columns.
const (
	calcColRule = iota
	calcColUnit
	calcColPost
	calcColExact
	calcColRequired
	calcColPlanned
	calcColActual
	calcColGap
	calcCols
)

func newCalcPane(u *UI) *calcPane {
	c := &calcPane{u: u, sel: -1, entries: map[string]*widget.Entry{}}
	c.drivers = container.NewVBox()
	c.basis = widget.NewLabel("")
	c.basis.Wrapping = fyne.TextWrapWord
	c.explain = widget.NewLabel("")
	c.explain.Wrapping = fyne.TextWrapWord
	c.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(c.rows), calcCols },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		c.updateCell)
	c.table.ShowHeaderColumn = false
	c.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	c.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		titles := []string{lang.X("calc.col.rule", "Rule"), lang.X("calc.col.unit", "Unit"), lang.X("calc.col.post", "Post"),
			lang.X("calc.col.exact", "Exact"), lang.X("calc.col.required", "Required"), lang.X("calc.col.planned", "Planned"),
			lang.X("calc.col.actual", "In post"), lang.X("calc.col.gap", "Gap")}
		if id.Col >= 0 && id.Col < len(titles) {
			o.(*widget.Label).SetText(titles[id.Col])
		}
	}
	for i, w := range []float32{150, 90, 100, 64, 92, 52, 52, 52} { // 应配 holds "6 个座席"
		c.table.SetColumnWidth(i, w)
	}
	c.table.OnSelected = func(id widget.TableCellID) {
		c.sel = id.Row
		c.showExplanation()
	}
	load := widget.NewButtonWithIcon(lang.X("calc.load", "Load rules…"), theme.FolderOpenIcon(), c.loadDialog)
	apply := widget.NewButtonWithIcon(lang.X("calc.apply", "Apply to plan…"), theme.ConfirmIcon(), c.applyDialog)
	apply.Importance = widget.HighImportance
	c.applyBtn = apply
	scen := widget.NewButtonWithIcon(lang.X("calc.scenarios", "Scenarios…"), theme.ListIcon(), c.scenarioDialog)
	rules := widget.NewButtonWithIcon(lang.X("calc.rules", "Rules…"), theme.DocumentCreateIcon(), c.rulesDialog)
	c.empty = widget.NewLabel(lang.X("calc.empty", "This plan has no headcount rules yet. Load a rule set (hospital, property management, call centre, customer-service centre) with “Load rules…”."))
	c.empty.Wrapping = fyne.TextWrapWord
	left := container.NewBorder(widget.NewLabelWithStyle(lang.X("calc.drivers", "Drivers"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		c.basis, nil, nil, container.NewVScroll(c.drivers))
	right := container.NewVSplit(c.table, container.NewVScroll(c.explain))
	right.Offset = 0.68
	split := container.NewHSplit(left, right)
	split.Offset = 0.24
	c.body = container.NewStack(split)
	bar := container.NewHBox(load, rules, scen, apply)
	c.content = container.NewBorder(bar, nil, nil, nil, container.NewStack(c.body, c.empty))
	return c
}

func (c *calcPane) updateCell(id widget.TableCellID, o fyne.CanvasObject) {
	l := o.(*widget.Label)
	l.Truncation = fyne.TextTruncateEllipsis
	l.Importance = widget.MediumImportance
	l.Alignment = fyne.TextAlignLeading
	if id.Row >= len(c.rows) {
		l.SetText("")
		return
	}
	r := &c.rows[id.Row]
	text := ""
	num := func(f float64) string { return core.FormatFTE(f) }
	switch id.Col {
	case calcColRule:
		text = r.Name
		if text == "" {
			text = r.RuleID
		}
		if cf := c.conflictOf(r); cf != nil && cf.Chosen == "" {
			text = "⚠ " + text
			l.Importance = widget.WarningImportance
		}
	case calcColUnit:
		text = r.Target.Unit
	case calcColPost:
		text = r.Target.Position
		if text == "" {
			text = r.Target.Category
		}
	case calcColExact:
		switch {
		case r.Problem != nil:
			text = "—"
		case r.Range:
			text = num(r.ExactLow) + "–" + num(r.ExactHigh)
		case r.IsCheck() && r.Check != nil:
			text = strconv.FormatFloat(r.Check.Share*100, 'f', 1, 64) + "%"
		default:
			text = strconv.FormatFloat(r.Exact, 'f', 2, 64)
		}
	case calcColRequired:
		switch {
		case r.Problem != nil:
			text = lang.X("calc.error", "error")
			l.Importance = widget.DangerImportance
		case r.IsCheck() && r.Check != nil:
			if r.Check.InBand {
				text = lang.X("calc.in_band", "in band")
			} else {
				text = lang.X("calc.out_of_band", "out of band")
				l.Importance = widget.WarningImportance
			}
		case !r.IsPeople():
			text = num(r.Required) + " " + core.QuantityText(r.Quantity)
		default:
			text = num(r.Required)
		}
	case calcColPlanned, calcColActual, calcColGap:
		if !r.Found() || !r.IsPeople() {
			break
		}
		v := map[int]float64{calcColPlanned: r.Planned, calcColActual: r.Actual, calcColGap: r.Gap}[id.Col]
		text = num(v)
		if id.Col == calcColGap {
			l.Importance = gapImportance(r.Gap)
		}
	}
	if id.Col >= calcColExact {
		l.Alignment = fyne.TextAlignTrailing
	}
	l.SetText(text)
}

// refresh reloads the plan's sheet and recomputes.
func (c *calcPane) refresh() {
	u := c.u
	if u.data == nil || u.st == nil {
		return
	}
	c.sheet = &calc.Sheet{}
	if u.planID != 0 {
		if s, err := calc.LoadPlan(u.st, u.planID); err == nil {
			c.sheet = s
		} else {
			u.showError(err)
		}
	}
	c.buildDrivers()
	c.recompute()
	if len(c.sheet.Rules) == 0 {
		c.body.Hide()
		c.empty.Show()
		c.applyBtn.Disable() // nothing to apply; the note says what to load
	} else {
		c.empty.Hide()
		c.body.Show()
		c.applyBtn.Enable()
	}
}

func (c *calcPane) buildDrivers() {
	c.drivers.RemoveAll()
	c.entries = map[string]*widget.Entry{}
	form := widget.NewForm()
	for i := range c.sheet.Drivers {
		d := &c.sheet.Drivers[i]
		e := widget.NewEntry()
		e.SetText(strconv.FormatFloat(d.Value, 'f', -1, 64))
		key := d.Key
		e.OnChanged = func(s string) { c.driverTyped(key, s) }
		c.entries[key] = e
		label := d.Label
		if d.Unit != "" {
			label += " (" + d.Unit + ")"
		}
		// A fixed width, so long labels cannot squeeze the value to
		// three digits; the split then gives the drivers the room.
		form.Append(label, container.NewGridWrap(fyne.NewSize(96, e.MinSize().Height), e))
	}
	c.drivers.Add(form)
	c.basis.SetText(lang.X("calc.basis", "Working time: {{.basis}} (Plan settings)", map[string]any{"basis": core.BasisText(c.u.data.Plan.Basis)}))
}

// driverTyped recalculates as the user types and saves the drivers once
// typing pauses, as one undoable change.
func (c *calcPane) driverTyped(key, s string) {
	v, ok := parseNumber(s)
	if !ok {
		c.explain.SetText(lang.X("calc.bad_driver", "{{.value}} is not a number.", map[string]any{"value": s}))
		return
	}
	for i := range c.sheet.Drivers {
		if c.sheet.Drivers[i].Key == key {
			c.sheet.Drivers[i].Value = v
		}
	}
	c.recompute()
	if c.save != nil {
		c.save.Stop()
	}
	c.save = time.AfterFunc(800*time.Millisecond, func() { c.u.do(c.saveDrivers) })
}

// parseNumber reads a driver value: any finite number, full-width digits
// and thousands separators allowed.
func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), "，", "")
	f, ok := core.ParseFTE(s)
	return f, ok && !math.IsInf(f, 0)
}

// SaveDrivers stores the drivers as typed; tests call it instead of waiting.
func (c *calcPane) saveDrivers() {
	if c.save != nil {
		c.save.Stop()
		c.save = nil
	}
	c.saveDriverList(append([]calc.Driver(nil), c.sheet.Drivers...), lang.X("change.drivers", "change drivers"))
}

// updateSheet changes the plan's calculator sheet as one undoable step:
// load it in the transaction, let change edit it, store it.
func (c *calcPane) updateSheet(label string, change func(s *calc.Sheet)) {
	err := c.u.apply(label, func(tx *store.Tx) error { return ops.EditCalcSheet(tx, change) })
	if err != nil {
		c.u.showError(err)
	}
}

func (c *calcPane) recompute() {
	u := c.u
	results, _ := c.sheet.Evaluate(u.data.Plan.Basis) // problems stay with their rows
	c.rows = calc.Join(u.data, u.fig, results)
	c.conflicts = map[string]calc.Conflict{}
	for _, cf := range calc.Conflicts(c.rows, c.sheet.Governing) {
		c.conflicts[calc.TargetKey(cf.Target)] = cf
	}
	c.table.Refresh()
	if c.sel >= len(c.rows) {
		c.sel = -1
	}
	c.showExplanation()
}

func (c *calcPane) showExplanation() {
	if c.sel < 0 || c.sel >= len(c.rows) {
		c.explain.SetText(lang.X("calc.pick_row", "Choose a result to see its arithmetic."))
		return
	}
	r := &c.rows[c.sel]
	var lines []string
	title := r.Name
	if title == "" {
		title = r.RuleID
	}
	lines = append(lines, title)
	if r.Problem != nil {
		lines = append(lines, core.ErrText(r.Problem))
	} else {
		lines = append(lines, calc.Explain(r.Steps, core.Lang()))
	}
	for _, rule := range c.sheet.Rules {
		if rule.ID == r.RuleID && rule.Source != "" {
			lines = append(lines, "", lang.X("calc.source", "Source: {{.source}}", map[string]any{"source": rule.Source}))
		}
	}
	if q := r.Queue; q != nil && q.Agents > 0 && r.Problem == nil {
		lines = append(lines, queueText(q))
	}
	cf := c.conflictOf(r)
	switch {
	case r.Problem != nil || r.IsCheck():
	case !r.IsPeople():
		lines = append(lines, "", lang.X("calc.not_people_row", "This result counts {{.unit}}, not people: it is shown, not applied to posts.",
			map[string]any{"unit": core.QuantityText(r.Quantity)}))
	case cf != nil && cf.Chosen != r.RuleID:
		var others []string
		for i, id := range cf.Rules {
			if id != r.RuleID {
				others = append(others, fmt.Sprintf("%s (%s)", cf.Names[i], core.FormatFTE(cf.Required[i])))
			}
		}
		args := map[string]any{"others": strings.Join(others, ", ")}
		text := lang.X("calc.conflict_open", "Other rules size the same post: {{.others}}. Choose in “Apply to plan…” which one governs.", args)
		if cf.Chosen != "" {
			text = lang.X("calc.conflict_other", "Another rule governs this post: {{.others}}. Change the choice in “Apply to plan…”.", args)
		}
		lines = append(lines, "", text)
	case r.Found():
		lines = append(lines, "", lang.X("calc.row_figures", "Planned {{.planned}}, in post {{.actual}}: applying sets the planned headcount to {{.required}}.",
			map[string]any{"planned": core.FormatFTE(r.Planned), "actual": core.FormatFTE(r.Actual), "required": core.FormatFTE(r.Required)}))
	default:
		lines = append(lines, "", lang.X("calc.no_post_yet", "The plan has no such post yet: applying creates it."))
	}
	c.explain.SetText(strings.Join(lines, "\n"))
}

// queueText is a queue's figures: what the agents found achieve.
func queueText(q *calc.QueueStats) string {
	pct := func(f float64) string { return strconv.FormatFloat(f*100, 'f', 2, 64) + "%" }
	t := lang.X("calc.queue_figures", "{{.agents}} agents: {{.sl}} answered within {{.within}} s, wait probability {{.pw}}, average speed of answer {{.asa}} s, occupancy {{.occ}}",
		map[string]any{"agents": q.Agents, "sl": pct(q.ServiceLevel), "within": strconv.FormatFloat(q.Within, 'f', -1, 64),
			"pw": pct(q.WaitProb), "asa": strconv.FormatFloat(q.ASA, 'f', 1, 64), "occ": pct(q.Occupancy)})
	if q.AbandonProb > 0 {
		t += lang.X("calc.queue_abandon", ", abandoned {{.ab}}", map[string]any{"ab": pct(q.AbandonProb)})
	}
	return t
}

// conflictOf returns the open or settled conflict the row's post is in.
func (c *calcPane) conflictOf(r *calc.Row) *calc.Conflict {
	if r.Problem != nil || !r.IsPeople() {
		return nil
	}
	if cf, ok := c.conflicts[calc.TargetKey(r.Target)]; ok {
		return &cf
	}
	return nil
}

// pendingChanges lists what Apply would do with the stored choices and new
// units under the plan's top unit.
func (c *calcPane) pendingChanges() []calc.Change {
	ch, _ := calc.PlanApply(c.u.data, c.rows, c.sheet.Governing, calc.DefaultParent(c.u.data))
	return ch
}

// changeText is one line of the Apply dialog.
func (c *calcPane) changeText(ch *calc.Change, parent string) string {
	u := c.u
	switch {
	case !ch.NewPost():
		return fmt.Sprintf("%s: %s → %s", u.postLabel(ch.Post), core.FormatFTE(ch.From), core.FormatFTE(ch.To))
	case ch.NewUnit():
		return lang.X("calc.change_new_unit", "{{.post}} · {{.unit}}: new post {{.to}}, in a new unit {{.unit}} under {{.parent}}",
			map[string]any{"post": ch.Target.Position, "unit": ch.Target.Unit, "to": core.FormatFTE(ch.To), "parent": parent})
	}
	return lang.X("calc.change_new_post", "{{.post}} · {{.unit}}: new post {{.to}}",
		map[string]any{"post": ch.Target.Position, "unit": u.unitPathText(ch.Unit), "to": core.FormatFTE(ch.To)})
}

// applyView is the content of the Apply dialog: where new units go, which
// rule governs each conflicted post, and a tick for every change.
type applyView struct {
	c         *calcPane
	parentIDs []model.ID
	parent    *widget.Select
	governing map[string]string
	radios    []*widget.RadioGroup
	changes   []calc.Change
	checks    []*widget.Check
	list      *fyne.Container
	content   fyne.CanvasObject
}

func (c *calcPane) newApplyView() *applyView {
	u := c.u
	v := &applyView{c: c, governing: map[string]string{}}
	for k, id := range c.sheet.Governing {
		v.governing[k] = id
	}
	var labels []string
	def := calc.DefaultParent(u.data)
	for _, un := range u.data.Units {
		v.parentIDs = append(v.parentIDs, un.ID)
		labels = append(labels, u.unitPathText(un.ID))
	}
	v.list = container.NewVBox()
	v.parent = widget.NewSelect(labels, func(string) { v.rebuild() })
	v.parent.PlaceHolder = lang.X("calc.pick_parent", "Choose a unit")
	for i, id := range v.parentIDs {
		if id == def {
			v.parent.SetSelectedIndex(i)
		}
	}
	v.rebuild()
	top := widget.NewForm(widget.NewFormItem(lang.X("calc.new_units_under", "New units go under"), v.parent))
	if len(v.parentIDs) == 0 {
		top.Hide()
	}
	v.content = container.NewBorder(top, nil, nil, nil, container.NewVScroll(v.list))
	return v
}

func (v *applyView) parentID() model.ID {
	if i := v.parent.SelectedIndex(); i >= 0 && i < len(v.parentIDs) {
		return v.parentIDs[i]
	}
	return 0
}

// rebuild lists conflicts and changes for the current choices.
func (v *applyView) rebuild() {
	c := v.c
	parent := v.parentID()
	changes, conflicts := calc.PlanApply(c.u.data, c.rows, v.governing, parent)
	v.list.RemoveAll()
	v.radios, v.checks, v.changes = nil, nil, changes
	for _, cf := range conflicts {
		key := calc.TargetKey(cf.Target)
		var opts []string
		for i := range cf.Rules {
			opts = append(opts, fmt.Sprintf("%s: %s", cf.Names[i], core.FormatFTE(cf.Required[i])))
		}
		ids := cf.Rules
		rg := widget.NewRadioGroup(opts, nil)
		for i, id := range ids {
			if id == cf.Chosen {
				rg.Selected = opts[i]
			}
		}
		rg.OnChanged = func(sel string) {
			for i, o := range opts {
				if o == sel {
					v.governing[key] = ids[i]
				}
			}
			v.rebuild()
		}
		head := lang.X("calc.conflict", "{{.post}} · {{.unit}} is sized differently by {{.n}} rules: choose which governs.",
			map[string]any{"post": cf.Target.Position, "unit": cf.Target.Unit, "n": len(cf.Rules)})
		l := widget.NewLabel(head)
		if cf.Chosen == "" {
			l.Importance = widget.WarningImportance
		}
		v.list.Add(l)
		v.list.Add(rg)
		v.radios = append(v.radios, rg)
	}
	if len(conflicts) > 0 {
		v.list.Add(widget.NewSeparator())
	}
	parentText := ""
	if parent != 0 {
		parentText = c.u.unitPathText(parent)
	}
	for i := range changes {
		ck := widget.NewCheck(c.changeText(&changes[i], parentText), nil)
		ck.SetChecked(true)
		v.checks = append(v.checks, ck)
		v.list.Add(ck)
	}
	open := false
	for _, cf := range conflicts {
		open = open || cf.Chosen == ""
	}
	switch {
	case len(changes) == 0 && open:
		v.list.Add(widget.NewLabel(lang.X("calc.nothing_until_choice", "Nothing else to apply: choose which rule governs above.")))
	case len(changes) == 0:
		v.list.Add(widget.NewLabel(lang.X("calc.nothing", "The planned headcount already matches the rules.")))
	}
	var other []string
	for _, r := range c.rows {
		if r.Problem == nil && !r.IsCheck() && !r.IsPeople() {
			other = append(other, fmt.Sprintf("%s %s %s", r.Target.Position, core.FormatFTE(r.Required), core.QuantityText(r.Quantity)))
		}
	}
	if len(other) > 0 {
		l := widget.NewLabel(lang.X("calc.not_people", "Not headcount, so not applied to posts: {{.list}}", map[string]any{"list": strings.Join(other, ", ")}))
		l.Wrapping = fyne.TextWrapWord
		v.list.Add(l)
	}
	v.list.Refresh()
}

// selected returns the ticked changes.
func (v *applyView) selected() []calc.Change {
	var out []calc.Change
	for i, ck := range v.checks {
		if ck.Checked {
			out = append(out, v.changes[i])
		}
	}
	return out
}

// applyDialog shows what Apply changes, lets the user choose between
// conflicting rules and the unit new units go under, then applies the
// ticked changes as one undoable step.
func (c *calcPane) applyDialog() {
	u := c.u
	if len(c.sheet.Rules) == 0 {
		u.showInfo(lang.X("calc.apply_title", "Set planned headcount from the rules"), c.empty.Text)
		return
	}
	v := c.newApplyView()
	d := dialog.NewCustomConfirm(lang.X("calc.apply_title", "Set planned headcount from the rules"), lang.X("btn.apply", "Apply"), lang.X("btn.cancel", "Cancel"),
		v.content, func(ok bool) {
			if ok {
				c.apply(v.selected(), v.governing)
			}
		}, u.win)
	d.Resize(fyne.NewSize(620, 460))
	d.Show()
	u.onKeys(d.Confirm, d.Hide)
}

// apply carries out changes and records the governing choices, one step.
func (c *calcPane) apply(changes []calc.Change, governing map[string]string) {
	u := c.u
	if len(changes) == 0 && governing == nil {
		return
	}
	err := u.apply(lang.X("change.apply_rules", "set planned headcount from the rules"), func(tx *store.Tx) error {
		return ops.ApplyCalculator(tx, changes, governing)
	})
	if err != nil {
		u.showError(err)
	}
}

// loadDialog replaces the plan's rules and drivers by a shipped rule set.
// It changes no unit or post: Apply does that, for the results the user
// applies. One undoable change.
func (c *calcPane) loadDialog() {
	u := c.u
	if u.planID == 0 {
		return
	}
	names, sheets, err := core.RuleSets()
	if err != nil {
		u.showError(err)
		return
	}
	var labels []string
	for _, n := range names {
		labels = append(labels, core.Pick(sheets[n].Title))
	}
	// A drop-down, not radio buttons: a clicked radio button kept the focus
	// and with it Enter and Escape.
	choice := newKeySelect(u, labels, nil)
	note := widget.NewLabel(lang.X("calc.load_note", "Loading shows the rules and their results; units and posts are added only when you apply them."))
	note.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.X("calc.load", "Load rules…"), lang.X("btn.load", "Load"), lang.X("btn.cancel", "Cancel"),
		container.NewVBox(choice, note), func(ok bool) {
			if !ok || choice.Selected == "" {
				return
			}
			for i, l := range labels {
				if l == choice.Selected {
					c.load(sheets[names[i]])
				}
			}
		}, u.win)
	d.Resize(fyne.NewSize(480, 0))
	d.Show()
	// Enter loads the rule set chosen, Escape cancels; the drop-down hands
	// both to the window even while focused.
	var keys func()
	keys = func() {
		u.onKeys(func() {
			if choice.Selected == "" {
				keys() // nothing chosen yet: Enter stays armed
				return
			}
			d.Confirm()
		}, d.Hide)
	}
	keys()
}

func (c *calcPane) load(s *calc.Sheet) {
	title := core.Pick(s.Title)
	s = s.InLanguage(core.Lang()) // rules and drivers named in the interface's language
	sheet := &calc.Sheet{Title: s.Title, Description: s.Description, Drivers: s.Drivers, Rules: s.Rules}
	c.updateSheet(lang.X("change.load_rules", "load rules “{{.name}}”", map[string]any{"name": title}), func(old *calc.Sheet) {
		*old = *sheet
	})
}

// scenarioView saves the current drivers and results under a name and
// compares two saved scenarios; the comparison fills the dialog.
type scenarioView struct {
	name    *widget.Entry
	saveBtn *widget.Button
	status  *widget.Label
	a, b    *widget.Select
	result  *widget.Label
	scroll  *container.Scroll
	content fyne.CanvasObject
}

func (c *calcPane) newScenarioView() *scenarioView {
	v := &scenarioView{}
	v.name = widget.NewEntry()
	v.name.SetPlaceHolder(lang.X("calc.scenario_name", "Name, e.g. start-up or double volume"))
	var names []string
	for _, s := range c.sheet.Scenarios {
		names = append(names, s.Name)
	}
	// Fyne's own placeholder is "(Select one)" whatever the language.
	pick := lang.X("calc.pick_scenario", "Choose a scenario")
	v.a = widget.NewSelect(names, nil)
	v.a.PlaceHolder = pick
	v.b = widget.NewSelect(names, nil)
	v.b.PlaceHolder = pick
	v.result = widget.NewLabel(lang.X("calc.pick_two", "Choose two scenarios."))
	v.result.Wrapping = fyne.TextWrapWord
	v.status = widget.NewLabel("")
	compare := func() { v.result.SetText(c.compareText(v.a.SelectedIndex(), v.b.SelectedIndex())) }
	v.a.OnChanged = func(string) { compare() }
	v.b.OnChanged = func(string) { compare() }
	v.saveBtn = widget.NewButtonWithIcon(lang.X("calc.save_scenario", "Save current as scenario"), theme.DocumentSaveIcon(), func() {
		n := strings.TrimSpace(v.name.Text)
		if n == "" {
			v.status.Importance = widget.WarningImportance
			v.status.SetText(lang.X("calc.scenario_need_name", "Type a name for the scenario first."))
			return
		}
		c.saveScenario(n)
		found := false
		for _, o := range v.a.Options {
			found = found || o == n
		}
		if !found {
			v.a.Options = append(v.a.Options, n)
			v.b.Options = append(v.b.Options, n)
			v.a.Refresh()
			v.b.Refresh()
		}
		v.name.SetText("")
		v.status.Importance = widget.SuccessImportance
		v.status.SetText(lang.X("calc.scenario_saved", "Saved “{{.name}}” ({{.time}}).",
			map[string]any{"name": n, "time": time.Now().Format("15:04:05")}))
		compare()
	})
	v.scroll = container.NewVScroll(v.result)
	top := container.NewVBox(
		container.NewBorder(nil, nil, nil, v.saveBtn, v.name),
		v.status,
		widget.NewSeparator(),
		container.NewGridWithColumns(2, v.a, v.b))
	v.content = container.NewBorder(top, nil, nil, nil, v.scroll)
	return v
}

// scenarioDialog opens the scenario view.
func (c *calcPane) scenarioDialog() {
	v := c.newScenarioView()
	d := dialog.NewCustom(lang.X("calc.scenarios", "Scenarios…"), lang.X("btn.close", "Close"), v.content, c.u.win)
	d.Resize(fyne.NewSize(620, 460))
	d.Show()
	c.u.onKeys(d.Hide, d.Hide)
}

func (c *calcPane) saveScenario(name string) {
	snap := c.sheet.Snapshot(name, c.u.data.Plan.Basis)
	c.updateSheet(lang.X("change.scenario", "save scenario “{{.name}}”", map[string]any{"name": name}), func(s *calc.Sheet) {
		kept := s.Scenarios[:0]
		for _, old := range s.Scenarios {
			if old.Name != name {
				kept = append(kept, old)
			}
		}
		s.Scenarios = append(kept, snap)
	})
}

// compareText lines up two scenarios rule by rule.
func (c *calcPane) compareText(i, j int) string {
	if i < 0 || j < 0 || i >= len(c.sheet.Scenarios) || j >= len(c.sheet.Scenarios) {
		return lang.X("calc.pick_two", "Choose two scenarios.")
	}
	a, b := c.sheet.Scenarios[i], c.sheet.Scenarios[j]
	lines := []string{fmt.Sprintf("%s → %s", a.Name, b.Name)}
	for _, cmp := range calc.Compare(a, b) {
		target := cmp.Target.Position
		if target == "" {
			target = cmp.Target.Category
		}
		line := fmt.Sprintf("%s %s: %s → %s (%+g)", cmp.Target.Unit, target, core.FormatFTE(cmp.A), core.FormatFTE(cmp.B), math.Round(cmp.Delta*100)/100)
		if cmp.Quantity != "" && cmp.Quantity != calc.People {
			line += " " + core.QuantityText(cmp.Quantity)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}
