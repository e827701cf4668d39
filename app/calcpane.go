package app

import (
	"fmt"
	"io/fs"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/assets"
	"staffplan/data/calc"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/data/template"
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
	body    *fyne.Container
	content fyne.CanvasObject
	sel     int

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
	for i, w := range []float32{150, 90, 100, 64, 56, 52, 52, 52} {
		c.table.SetColumnWidth(i, w)
	}
	c.table.OnSelected = func(id widget.TableCellID) {
		c.sel = id.Row
		c.showExplanation()
	}
	load := widget.NewButtonWithIcon(lang.X("calc.load", "Load rules…"), theme.FolderOpenIcon(), c.loadDialog)
	apply := widget.NewButtonWithIcon(lang.X("calc.apply", "Apply to plan…"), theme.ConfirmIcon(), c.applyDialog)
	apply.Importance = widget.HighImportance
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
	num := func(f float64) string { return FormatFTE(f) }
	switch id.Col {
	case calcColRule:
		text = r.Name
		if text == "" {
			text = r.RuleID
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
		default:
			text = num(r.Required)
		}
	case calcColPlanned, calcColActual, calcColGap:
		if !r.Found() {
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
	} else {
		c.empty.Hide()
		c.body.Show()
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
		form.Append(label, e)
	}
	c.drivers.Add(form)
	c.basis.SetText(lang.X("calc.basis", "Working time: {{.basis}} (Plan settings)", map[string]any{"basis": BasisText(c.u.data.Plan.Basis)}))
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
	c.save = time.AfterFunc(800*time.Millisecond, func() { fyne.Do(c.saveDrivers) })
}

// parseNumber reads a driver value: any finite number, full-width digits
// and thousands separators allowed.
func parseNumber(s string) (float64, bool) {
	s = strings.ReplaceAll(strings.ReplaceAll(s, ",", ""), "，", "")
	f, ok := ParseFTE(s)
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
	err := c.u.apply(label, func(tx *store.Tx) error {
		s, err := calc.Load(tx)
		if err != nil {
			return err
		}
		change(s)
		return calc.Save(tx, s)
	})
	if err != nil {
		c.u.showError(err)
	}
}

func (c *calcPane) recompute() {
	u := c.u
	results, _ := c.sheet.Evaluate(u.data.Plan.Basis) // problems stay with their rows
	c.rows = calc.Join(u.data, u.fig, results)
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
		lines = append(lines, ErrText(r.Problem))
	} else {
		lines = append(lines, calc.Explain(r.Steps, Lang()))
	}
	for _, rule := range c.sheet.Rules {
		if rule.ID == r.RuleID && rule.Source != "" {
			lines = append(lines, "", lang.X("calc.source", "Source: {{.source}}", map[string]any{"source": rule.Source}))
		}
	}
	if r.Found() {
		lines = append(lines, "", lang.X("calc.row_figures", "Planned {{.planned}}, in post {{.actual}}: applying sets the planned headcount to {{.required}}.",
			map[string]any{"planned": FormatFTE(r.Planned), "actual": FormatFTE(r.Actual), "required": FormatFTE(r.Required)}))
	} else if !r.IsCheck() && r.Problem == nil {
		lines = append(lines, "", lang.X("calc.no_post", "No post of the plan matches this rule's target."))
	}
	c.explain.SetText(strings.Join(lines, "\n"))
}

// changeLine is one post whose 编制 Apply would change.
type changeLine struct {
	post     model.ID
	title    string
	from, to float64
}

// pendingChanges lists what Apply would do: rows that match exactly one
// post whose 编制 differs from the rule's figure. When two rules target the
// same post, the later one wins, as it would when applied in order.
func (c *calcPane) pendingChanges() []changeLine {
	byPost := map[model.ID]changeLine{}
	var order []model.ID
	for _, r := range c.rows {
		if r.Problem != nil || r.IsCheck() || len(r.Positions) != 1 {
			continue
		}
		id := r.Positions[0]
		p := c.u.posts[id]
		if p == nil {
			continue
		}
		if _, seen := byPost[id]; !seen {
			order = append(order, id)
		}
		byPost[id] = changeLine{post: id, title: c.u.postLabel(id), from: p.Planned, to: r.Required}
	}
	var out []changeLine
	for _, id := range order {
		if cl := byPost[id]; math.Abs(cl.from-cl.to) > 1e-9 {
			out = append(out, cl)
		}
	}
	return out
}

// applyDialog shows what Apply changes, then sets 编制 as one undoable step.
func (c *calcPane) applyDialog() {
	u := c.u
	changes := c.pendingChanges()
	if len(changes) == 0 {
		dialog.ShowInformation(lang.X("calc.apply", "Apply to plan…"), lang.X("calc.nothing", "The planned headcount already matches the rules."), u.win)
		return
	}
	var lines []string
	for _, ch := range changes {
		lines = append(lines, fmt.Sprintf("%s: %s → %s", ch.title, FormatFTE(ch.from), FormatFTE(ch.to)))
	}
	text := widget.NewLabel(strings.Join(lines, "\n"))
	d := dialog.NewCustomConfirm(lang.X("calc.apply_title", "Set planned headcount from the rules"), lang.X("btn.apply", "Apply"), lang.X("btn.cancel", "Cancel"),
		container.NewVScroll(text), func(ok bool) {
			if ok {
				c.apply(changes)
			}
		}, u.win)
	d.Resize(fyne.NewSize(520, 420))
	d.Show()
}

func (c *calcPane) apply(changes []changeLine) {
	u := c.u
	err := u.apply(lang.X("change.apply_rules", "set planned headcount from the rules"), func(tx *store.Tx) error {
		for _, ch := range changes {
			p, err := tx.Position(ch.post)
			if err != nil {
				return err
			}
			p.Planned = ch.to
			if err := tx.PutPosition(&p); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		u.showError(err)
	}
}

// ruleSets lists the rule templates shipped with the program.
func ruleSets() ([]string, map[string]*calc.Sheet, error) {
	files, err := fs.Glob(assets.CalcRules(), "*.json")
	if err != nil {
		return nil, nil, err
	}
	sheets := map[string]*calc.Sheet{}
	var names []string
	for _, f := range files {
		b, err := fs.ReadFile(assets.CalcRules(), f)
		if err != nil {
			return nil, nil, err
		}
		s, err := calc.Parse(b)
		if err != nil {
			return nil, nil, err
		}
		name := strings.TrimSuffix(f, ".json")
		names = append(names, name)
		sheets[name] = s
	}
	sort.Strings(names)
	return names, sheets, nil
}

// loadDialog replaces the plan's rules and drivers by a shipped rule set,
// adding the units and posts its rules name that the plan lacks (编制 0
// until applied). One undoable change.
func (c *calcPane) loadDialog() {
	u := c.u
	if u.planID == 0 {
		return
	}
	names, sheets, err := ruleSets()
	if err != nil {
		u.showError(err)
		return
	}
	var labels []string
	for _, n := range names {
		labels = append(labels, template.Text(sheets[n].Title, Lang()))
	}
	choice := widget.NewRadioGroup(labels, nil)
	create := widget.NewCheck(lang.X("calc.create_posts", "Add the units and posts the rules name that the plan lacks"), nil)
	create.SetChecked(true)
	d := dialog.NewCustomConfirm(lang.X("calc.load", "Load rules…"), lang.X("btn.load", "Load"), lang.X("btn.cancel", "Cancel"),
		container.NewVBox(choice, create), func(ok bool) {
			if !ok || choice.Selected == "" {
				return
			}
			for i, l := range labels {
				if l == choice.Selected {
					c.load(sheets[names[i]], create.Checked)
				}
			}
		}, u.win)
	d.Show()
}

func (c *calcPane) load(s *calc.Sheet, createPosts bool) {
	u := c.u
	title := template.Text(s.Title, Lang())
	sheet := &calc.Sheet{Title: s.Title, Description: s.Description, Drivers: s.Drivers, Rules: s.Rules}
	err := u.apply(lang.X("change.load_rules", "load rules “{{.name}}”", map[string]any{"name": title}), func(tx *store.Tx) error {
		if createPosts {
			if err := c.addTargets(tx, sheet); err != nil {
				return err
			}
		}
		return calc.Save(tx, sheet)
	})
	if err != nil {
		u.showError(err)
	}
}

// addTargets creates, inside tx, the units and posts that rule targets
// name and the plan lacks; new units go under the plan's top unit.
func (c *calcPane) addTargets(tx *store.Tx, s *calc.Sheet) error {
	u := c.u
	unitByName := map[string]model.ID{}
	for _, un := range u.data.Units {
		if _, dup := unitByName[un.Name]; !dup {
			unitByName[un.Name] = un.ID
		}
	}
	var root model.ID
	if tops := u.fig.Children[0]; len(tops) > 0 {
		root = tops[0]
	}
	have := map[string]bool{}
	for _, p := range u.data.Positions {
		if un := u.units[p.Unit]; un != nil {
			have[un.Name+"\x00"+p.Title] = true
		}
	}
	for _, r := range s.Rules {
		t := r.Target
		if t.Position == "" || t.Unit == "" || r.Kind == calc.KindShare || have[t.Unit+"\x00"+t.Position] {
			continue
		}
		unit, ok := unitByName[t.Unit]
		if !ok {
			nu := model.Unit{Name: t.Unit, Kind: model.UnitDepartment, Parent: root}
			if root == 0 {
				nu.Kind = model.UnitCompany
			}
			if err := tx.PutUnit(&nu); err != nil {
				return err
			}
			unit = nu.ID
			unitByName[t.Unit] = unit
			if root == 0 {
				root = unit
			}
		}
		p := model.Position{Title: t.Position, Unit: unit}
		if err := tx.PutPosition(&p); err != nil {
			return err
		}
		have[t.Unit+"\x00"+t.Position] = true
	}
	return nil
}

// scenarioDialog saves the current drivers and results under a name, or
// compares two saved scenarios side by side.
func (c *calcPane) scenarioDialog() {
	u := c.u
	name := widget.NewEntry()
	name.SetPlaceHolder(lang.X("calc.scenario_name", "Name, e.g. 初期 or 业务量翻倍"))
	var names []string
	for _, s := range c.sheet.Scenarios {
		names = append(names, s.Name)
	}
	a := widget.NewSelect(names, nil)
	b := widget.NewSelect(names, nil)
	result := widget.NewLabel("")
	result.Wrapping = fyne.TextWrapWord
	compare := widget.NewButton(lang.X("calc.compare", "Compare"), func() {
		result.SetText(c.compareText(a.SelectedIndex(), b.SelectedIndex()))
	})
	saveBtn := widget.NewButton(lang.X("calc.save_scenario", "Save current as scenario"), func() {
		n := strings.TrimSpace(name.Text)
		if n == "" {
			return
		}
		c.saveScenario(n)
		a.Options = append(a.Options, n)
		b.Options = append(b.Options, n)
		name.SetText("")
	})
	content := container.NewVBox(
		container.NewBorder(nil, nil, nil, saveBtn, name),
		widget.NewSeparator(),
		container.NewGridWithColumns(3, a, b, compare),
		container.NewVScroll(result))
	d := dialog.NewCustom(lang.X("calc.scenarios", "Scenarios…"), lang.X("btn.close", "Close"), content, u.win)
	d.Resize(fyne.NewSize(620, 460))
	d.Show()
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
		lines = append(lines, fmt.Sprintf("%s %s: %s → %s (%+g)", cmp.Target.Unit, target, FormatFTE(cmp.A), FormatFTE(cmp.B), math.Round(cmp.Delta*100)/100))
	}
	return strings.Join(lines, "\n")
}
