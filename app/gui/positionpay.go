package gui

import (
	"slices"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/budget"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
)

// payFields are the budget part of the position form: the post's standard
// pay, months paid, allowances and the month a new post starts, saved with
// the rest of the form in its one undoable change; and the list of planned
// changes, where adding, editing or removing a change is a named undoable
// step of its own (data/ops), stored at once.
type payFields struct {
	e       *positionEditor
	changed func()

	pay, months, allow, starts *formEntry
	turnover                   *formEntry
	changes                    *fyne.Container // one changeRow each
	rows                       []*changeRow
	shown                      []model.PlannedChange // what the rows were filled from
	newRow                     *changeRow            // the change the Add button adds
	addBtn                     *widget.Button
	changeMsg                  *widget.Label // why a change was not stored
	cost                       *widget.Label // the annual cost per FTE, with its arithmetic

	// A holder's expected start (待入职) and leaving (待离职) dates, set at
	// once, each as an undoable step of its own.
	who             *widget.Select
	whoIDs          []model.ID
	expStart, expLv *widget.Entry
	setDates        *widget.Button
	datesMsg        *widget.Label
}

// changeRow is one planned change: from a month, the headcount becomes a number
// or the status changes.
type changeRow struct {
	month *formEntry
	kind  *widget.Select
	value *formEntry
	box   *fyne.Container
	save  *widget.Button // stores an edited row; nil on the new row
}

// changeKinds are the choices of a change row, in order: a new 编制, then
// a status from the month on.
func changeKinds() []string {
	return []string{
		lang.X("pos.change.planned", "headcount becomes"),
		lang.X("pos.change.active", "in force from"),
		lang.X("pos.change.frozen", "frozen from"),
		lang.X("pos.change.not_set_up", "not set up from"),
	}
}

var changeStatus = []model.PositionStatus{model.StatusActive, model.StatusActive, model.StatusFrozen, model.StatusNotSetUp}

func newPayFields(e *positionEditor, entry func(bool) *formEntry, changed func()) *payFields {
	f := &payFields{e: e, changed: changed}
	f.pay, f.months, f.allow, f.starts = entry(false), entry(false), entry(false), entry(false)
	f.turnover = entry(false)
	f.turnover.SetPlaceHolder(lang.X("pos.turnover_hint", "%, e.g. 15; blank: none"))
	f.months.SetPlaceHolder("12")
	f.allow.SetPlaceHolder("0")
	f.starts.SetPlaceHolder(lang.X("pos.starts_hint", "a month such as 2027-06; blank: exists now"))
	f.changes = container.NewVBox()
	f.changeMsg = widget.NewLabel("")
	f.changeMsg.Hide()
	f.changeMsg.Wrapping = fyne.TextWrapWord
	f.newRow = f.newChangeRow(model.PlannedChange{})
	f.addBtn = widget.NewButtonWithIcon(lang.X("pos.add_change", "Add planned change"), theme.ContentAddIcon(), f.addChange)
	f.newRow.box = container.NewBorder(nil, nil, nil, f.addBtn,
		container.NewGridWithColumns(3, f.newRow.month, f.newRow.kind, f.newRow.value))
	f.newRow.month.OnSubmitted = func(string) { f.addChange() }
	f.newRow.value.OnSubmitted = func(string) { f.addChange() }
	f.cost = widget.NewLabel("")
	f.cost.Wrapping = fyne.TextWrapWord
	f.who = widget.NewSelect(nil, func(string) { f.showDates() })
	f.who.PlaceHolder = lang.X("pos.dates_who", "Holder…")
	f.expStart, f.expLv = widget.NewEntry(), widget.NewEntry()
	f.expStart.SetPlaceHolder(lang.X("pos.expected_start", "expected start, e.g. 2027-02-01"))
	f.expLv.SetPlaceHolder(lang.X("pos.expected_leave", "expected leaving date"))
	f.setDates = widget.NewButton(lang.X("pos.set_dates", "Set dates"), f.saveDates)
	f.datesMsg = widget.NewLabel("")
	f.datesMsg.Wrapping = fyne.TextWrapWord
	return f
}

// datesItem is the form's line for the holders' expected dates.
func (f *payFields) datesItem() *widget.FormItem {
	return widget.NewFormItem(lang.X("pos.expected_dates", "Expected dates"),
		container.NewVBox(container.NewBorder(nil, nil, nil, f.setDates,
			container.NewGridWithColumns(3, f.who, f.expStart, f.expLv)), f.datesMsg))
}

// fillHolders lists the people assigned to post id for their expected
// dates: those in post and those still expected (待入职), whom the
// holders list does not count yet.
func (f *payFields) fillHolders(id model.ID) {
	var names []string
	f.whoIDs = f.whoIDs[:0]
	for _, a := range f.e.u.data.Assignments {
		if a.Position != id {
			continue
		}
		p := f.e.u.people[a.Person]
		if p == nil || !p.InPost() || slices.Contains(f.whoIDs, p.ID) {
			continue
		}
		f.whoIDs = append(f.whoIDs, p.ID)
		names = append(names, p.Name+holderDates(p))
	}
	sel := f.who.SelectedIndex()
	f.who.Options = names
	switch {
	case sel >= len(names):
		f.who.ClearSelected()
	case sel >= 0:
		f.who.Selected = names[sel] // the same person, her dates in the label changed
	}
	f.who.Refresh()
	f.showDates()
}

// showDates shows the chosen holder's expected dates.
func (f *payFields) showDates() {
	i := f.who.SelectedIndex()
	if i < 0 || i >= len(f.whoIDs) {
		f.expStart.SetText("")
		f.expLv.SetText("")
		return
	}
	p := f.e.u.people[f.whoIDs[i]]
	if p == nil {
		return
	}
	f.expStart.SetText(dateText(p.ExpectedStart))
	f.expLv.SetText(dateText(p.ExpectedLeave))
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format(time.DateOnly)
}

// parseDate reads 2027-02-01 (or 2027/2/1); blank is no date.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(strings.ReplaceAll(s, "/", "-"))
	if s == "" {
		return time.Time{}, true
	}
	t, err := time.Parse("2006-1-2", s)
	if err != nil || t.Year() < 1800 || t.Year() > 2500 {
		return time.Time{}, false
	}
	return t, true
}

// saveDates stores the chosen holder's expected dates, one undoable step.
func (f *payFields) saveDates() {
	i := f.who.SelectedIndex()
	if i < 0 || i >= len(f.whoIDs) {
		return
	}
	start, ok1 := parseDate(f.expStart.Text)
	leave, ok2 := parseDate(f.expLv.Text)
	if !ok1 || !ok2 {
		f.datesMsg.SetText(lang.X("err.date_text", "A date must be written as 2027-02-01."))
		return
	}
	id := f.whoIDs[i]
	name := f.who.Selected
	label := lang.X("change.expected_dates", "expected dates of “{{.name}}”", map[string]any{"name": name})
	err := f.e.u.apply(label, func(tx *store.Tx) error {
		p, err := tx.Person(id)
		if err != nil {
			return err
		}
		p.ExpectedStart, p.ExpectedLeave = start, leave
		return tx.PutPerson(&p)
	})
	if err != nil {
		f.datesMsg.SetText(core.ErrText(err))
		return
	}
	f.datesMsg.SetText("")
}

// items are the form's lines for the budget fields.
func (f *payFields) items() []*widget.FormItem {
	item := widget.NewFormItem
	return []*widget.FormItem{
		item(lang.X("pos.pay", "Standard monthly pay"), f.pay),
		item(lang.X("pos.months_paid", "Months paid a year"), f.months),
		item(lang.X("pos.allowances", "Fixed allowances a month"), f.allow),
		item(lang.X("pos.starts", "New post from"), f.starts),
		item(lang.X("pos.changes", "Planned changes"), container.NewVBox(f.changes, f.newRow.box, f.changeMsg)),
		item(lang.X("pos.turnover", "Expected turnover a year"), f.turnover),
		item(lang.X("pos.cost", "Cost a year"), f.cost),
	}
}

// newChangeRow makes the fields of one planned change, showing c.
func (f *payFields) newChangeRow(c model.PlannedChange) *changeRow {
	r := &changeRow{month: newFormEntry(f.e.u.Redo), value: newFormEntry(f.e.u.Redo)}
	r.month.reveal, r.value.reveal = f.e.reveal, f.e.reveal
	r.month.SetPlaceHolder("2027-03")
	r.value.SetPlaceHolder(lang.X("pos.change.value_hint", "e.g. 4"))
	r.kind = widget.NewSelect(changeKinds(), nil)
	r.month.SetText(c.From.String())
	switch {
	case c.Kind == model.ChangeStatus && c.Status == model.StatusFrozen:
		r.kind.SetSelectedIndex(2)
	case c.Kind == model.ChangeStatus && c.Status == model.StatusNotSetUp:
		r.kind.SetSelectedIndex(3)
	case c.Kind == model.ChangeStatus:
		r.kind.SetSelectedIndex(1)
	default:
		r.kind.SetSelectedIndex(0)
		if c.From != 0 {
			r.value.SetText(core.FormatFTE(c.Planned))
		}
	}
	r.kind.OnChanged = func(string) {
		if r.kind.SelectedIndex() == 0 {
			r.value.Enable()
		} else {
			r.value.Disable()
		}
		f.rowEdited(r)
	}
	if r.kind.SelectedIndex() != 0 {
		r.value.Disable()
	}
	r.month.OnChanged = func(string) { f.rowEdited(r) }
	r.value.OnChanged = func(string) { f.rowEdited(r) }
	return r
}

// addRow lists stored change c with its buttons: store the row's edits,
// remove the change.
func (f *payFields) addRow(c model.PlannedChange) {
	r := f.newChangeRow(c)
	r.save = widget.NewButtonWithIcon("", theme.ConfirmIcon(), func() { f.editChange(r) })
	r.save.Disable()
	r.month.OnSubmitted = func(string) { f.editChange(r) }
	r.value.OnSubmitted = func(string) { f.editChange(r) }
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() { f.removeChange(r) })
	r.box = container.NewBorder(nil, nil, nil, container.NewHBox(r.save, remove),
		container.NewGridWithColumns(3, r.month, r.kind, r.value))
	f.rows = append(f.rows, r)
	f.changes.Add(r.box)
}

// rowEdited enables a listed row's save button while it differs from the
// stored change.
func (f *payFields) rowEdited(r *changeRow) {
	i := slices.Index(f.rows, r)
	if r.save == nil || i < 0 || i >= len(f.shown) {
		return
	}
	c, msg := f.rowValue(r)
	if msg == "" && c == f.shown[i] {
		r.save.Disable()
	} else {
		r.save.Enable()
	}
}

// rowValue reads a row as a planned change, or says what is wrong with it.
func (f *payFields) rowValue(r *changeRow) (model.PlannedChange, string) {
	m, ok := model.ParseMonth(r.month.Text)
	if !ok {
		return model.PlannedChange{}, lang.X("err.month_text", "“{{.text}}” is not a month such as 2027-03.", map[string]any{"text": r.month.Text})
	}
	c := model.PlannedChange{From: m}
	if i := max(r.kind.SelectedIndex(), 0); i == 0 {
		v, ok := core.ParseFTE(r.value.Text)
		if !ok || r.value.Text == "" {
			return model.PlannedChange{}, lang.X("err.change_value", "A planned change of headcount needs the new number, such as 4 or 2.5.")
		}
		c.Planned = v
	} else {
		c.Kind, c.Status = model.ChangeStatus, changeStatus[i]
	}
	return c, ""
}

// postName is the stored title of the post shown, for the names of steps.
func (f *payFields) postName() map[string]any {
	if p := f.e.u.posts[f.e.id]; p != nil {
		return map[string]any{"name": p.Title}
	}
	return map[string]any{"name": ""}
}

// changeStep stores one edit of the post's planned changes as its own
// undoable step named label, then lists the changes as stored.
func (f *payFields) changeStep(label string, fn func(tx *store.Tx, post model.ID) error) bool {
	id := f.e.id
	if id == 0 || f.e.u.posts[id] == nil {
		return false
	}
	if err := f.e.u.apply(label, func(tx *store.Tx) error { return fn(tx, id) }); err != nil {
		f.setChangeMsg(core.ErrText(err))
		return false
	}
	f.setChangeMsg("")
	if p := f.e.u.posts[id]; p != nil && f.e.id == id {
		f.fillChanges(p)
		f.showCost(p)
	}
	return true
}

// addChange stores the new row as a planned change and empties it.
func (f *payFields) addChange() {
	c, msg := f.rowValue(f.newRow)
	if msg != "" {
		f.setChangeMsg(msg)
		return
	}
	if f.changeStep(lang.X("change.add_planned", "add a planned change to “{{.name}}”", f.postName()), func(tx *store.Tx, id model.ID) error { return ops.AddPlannedChange(tx, id, c) }) {
		f.newRow.month.SetText("")
		f.newRow.value.SetText("")
		f.newRow.kind.SetSelectedIndex(0)
	}
}

// editChange stores the edits of a listed row.
func (f *payFields) editChange(r *changeRow) {
	i := slices.Index(f.rows, r)
	if i < 0 {
		return
	}
	c, msg := f.rowValue(r)
	if msg != "" {
		f.setChangeMsg(msg)
		return
	}
	if i < len(f.shown) && c == f.shown[i] {
		return
	}
	f.changeStep(lang.X("change.edit_planned", "edit a planned change of “{{.name}}”", f.postName()), func(tx *store.Tx, id model.ID) error { return ops.EditPlannedChange(tx, id, i, c) })
}

// removeChange removes a listed row's change.
func (f *payFields) removeChange(r *changeRow) {
	if i := slices.Index(f.rows, r); i >= 0 {
		f.changeStep(lang.X("change.remove_planned", "remove a planned change of “{{.name}}”", f.postName()), func(tx *store.Tx, id model.ID) error { return ops.RemovePlannedChange(tx, id, i) })
	}
}

// fillChanges lists the post's stored planned changes.
func (f *payFields) fillChanges(p *model.Position) {
	f.rows = nil
	f.shown = slices.Clone(p.Changes)
	f.changes.RemoveAll()
	for _, c := range p.Changes {
		f.addRow(c)
	}
}

// followChanges lists the stored changes again when they differ from the
// list shown (an undo, another window's edit), keeping a row being edited
// otherwise.
func (f *payFields) followChanges(p *model.Position) {
	if !slices.Equal(f.shown, p.Changes) {
		f.fillChanges(p)
	}
}

// fill shows post p's budget fields.
func (f *payFields) fill(p *model.Position) {
	setEntry(f.pay, budget.YuanText(p.MonthlyPay))
	months := ""
	if p.MonthsPaid != 0 {
		months = budget.MonthsText(p.MonthsPaid)
	}
	setEntry(f.months, months)
	setEntry(f.allow, budget.YuanText(p.Allowances))
	setEntry(f.starts, p.Starts.String())
	setEntry(f.turnover, budget.TurnoverText(p.Turnover))
	// The placeholder says what a blank pay means for this post.
	band := *p
	band.MonthlyPay = 0
	r := budget.PostRates(&band, &f.e.u.data.Plan.Budget.Profile)
	if r.MonthlyPay.Sign() > 0 {
		f.pay.SetPlaceHolder(lang.X("pos.pay_hint", "blank: middle of the salary band, {{.pay}}",
			map[string]any{"pay": budget.AmountText(r.MonthlyPay)}))
	} else {
		f.pay.SetPlaceHolder(lang.X("pos.pay_hint_none", "yuan a month"))
	}
	f.fillChanges(p)
	f.setChangeMsg("")
	f.showCost(p)
}

// showCost shows the annual cost of one FTE of p with its arithmetic.
func (f *payFields) showCost(p *model.Position) {
	r := budget.PostRates(p, &f.e.u.data.Plan.Budget.Profile)
	setLabel(f.cost, budget.Render(r.Steps, core.BudgetText))
}

// validate returns the first problem of the budget fields, or "".
func (f *payFields) validate() string {
	_, _, _, _, msg := f.values()
	if msg == "" {
		if _, ok := budget.ParseTurnover(f.turnover.Text); !ok {
			msg = lang.X("err.turnover_text", "The expected turnover must be a percentage from 0 to 100, such as 15.")
		}
	}
	return msg
}

// values reads the fields.
func (f *payFields) values() (pay int64, months int32, allow int64, starts model.Month, msg string) {
	var ok bool
	if pay, ok = budget.ParseYuan(f.pay.Text); !ok {
		return 0, 0, 0, 0, lang.X("err.pay_text", "The monthly pay must be an amount in yuan, such as 8000 or 8000.50.")
	}
	if months, ok = budget.ParseMonths(f.months.Text); !ok {
		return 0, 0, 0, 0, lang.X("err.months_text", "Months paid a year must be a number such as 12, 13 or 14.5.")
	}
	if allow, ok = budget.ParseYuan(f.allow.Text); !ok {
		return 0, 0, 0, 0, lang.X("err.allow_text", "The allowances must be an amount in yuan a month.")
	}
	if t := f.starts.Text; t != "" {
		if starts, ok = model.ParseMonth(t); !ok {
			return 0, 0, 0, 0, lang.X("err.month_text", "“{{.text}}” is not a month such as 2027-03.", map[string]any{"text": t})
		}
	}
	return pay, months, allow, starts, ""
}

// save writes the fields into p; validate has passed. The planned changes
// are not among them: each is stored as its own step.
func (f *payFields) save(p *model.Position) {
	p.MonthlyPay, p.MonthsPaid, p.Allowances, p.Starts, _ = f.values()
	p.Turnover, _ = budget.ParseTurnover(f.turnover.Text)
}

// holderDates marks a holder expected to start (待入职, not counted in
// post yet) or to leave (待离职).
func holderDates(p *model.Person) string {
	if p == nil {
		return ""
	}
	s := ""
	if p.Pending() {
		s += " · " + lang.X("pos.pending", "expected from {{.date}}", map[string]any{"date": dateText(p.ExpectedStart)})
	}
	if p.Leaving() {
		s += " · " + lang.X("pos.leaving", "leaving {{.date}}", map[string]any{"date": dateText(p.ExpectedLeave)})
	}
	return s
}

// setChangeMsg shows why a planned change was not stored; the line takes
// no room while there is nothing to say.
func (f *payFields) setChangeMsg(msg string) {
	f.changeMsg.SetText(msg)
	if msg == "" {
		f.changeMsg.Hide()
	} else {
		f.changeMsg.Show()
	}
}
