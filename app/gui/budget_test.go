package gui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"staffplan/app/core"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
)

// TestPositionFormPay: pay, months paid, allowances and turnover typed on
// the form are stored with the post in one undoable step, and the form
// shows the cost a year with its arithmetic.
func TestPositionFormPay(t *testing.T) {
	u := newTestUI(t)
	noBudget(t, u)
	p := u.postByTitle(t, "外贸业务员")
	id := p.ID
	u.editor.load(id)
	e := u.editor
	test.Type(e.pay.pay, "8,000")
	test.Type(e.pay.months, "13")
	test.Type(e.pay.allow, "５００") // full-width, as a Chinese IME types
	test.Type(e.pay.turnover, "12.5")
	test.Tap(e.save)

	got, _ := storedPost(t, u, id)
	if got.MonthlyPay != 8000_00 || got.MonthsPaid != 1300 || got.Allowances != 500_00 || got.Turnover != 1250 {
		t.Fatalf("stored %+v", got)
	}
	// No profile yet: 8,000 × 13 = 104,000 and 500 × 12 = 6,000.
	if txt := e.pay.cost.Text; !strings.Contains(txt, "8,000 × 13 = 104,000") || !strings.Contains(txt, "allowances 500 × 12 = 6,000") ||
		!strings.Contains(txt, "no contribution profile") {
		t.Errorf("cost shown %q", txt)
	}
	// A month that is not one keeps the form from saving.
	test.Type(e.pay.starts, "soon")
	if e.save.Disabled() == false || !strings.Contains(e.message.Text, "soon") {
		t.Errorf("bad month accepted: %q", e.message.Text)
	}
	e.discard()
	u.Undo()
	got, _ = storedPost(t, u, id)
	if got.MonthlyPay != 0 || got.Changes != nil {
		t.Fatalf("after undo %+v", got)
	}
}

// noBudget takes the sample's assumed pay and profile out, one step before
// the test's own, so the figures below are computed from what the test sets.
func noBudget(t *testing.T, u *UI) {
	t.Helper()
	err := u.apply("no budget", func(tx *store.Tx) error {
		if err := ops.EditPlan(tx, func(p *model.Plan) { p.Budget = model.Budget{} }); err != nil {
			return err
		}
		for _, p := range u.data.Positions {
			if err := ops.EditPosition(tx, p.ID, func(p *model.Position) { p.MonthlyPay, p.MonthsPaid = 0, 0 }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// TestPlannedChangesEachUndoable: adding, editing and removing a planned
// change in the post's list is stored at once as a step of its own, so one
// undo takes back one change; the form's own Save leaves them alone.
func TestPlannedChangesEachUndoable(t *testing.T) {
	u := newTestUI(t)
	id := u.postByTitle(t, "外贸业务员").ID
	u.editor.load(id)
	f := u.editor.pay
	changes := func() []model.PlannedChange {
		t.Helper()
		p, _ := storedPost(t, u, id)
		return p.Changes
	}
	mar := model.PlannedChange{From: model.MonthOf(2027, 3), Planned: 4}
	sep := model.PlannedChange{From: model.MonthOf(2027, 9), Kind: model.ChangeStatus, Status: model.StatusFrozen}

	test.Type(f.newRow.month, "2027-03")
	test.Type(f.newRow.value, "4")
	test.Tap(f.addBtn)
	test.Type(f.newRow.month, "2027年9月")
	f.newRow.kind.SetSelectedIndex(2) // frozen from
	test.Tap(f.addBtn)
	if got := changes(); len(got) != 2 || got[0] != mar || got[1] != sep || len(f.rows) != 2 || f.newRow.month.Text != "" {
		t.Fatalf("after two adds: stored %+v, %d rows, new row %q", got, len(f.rows), f.newRow.month.Text)
	}
	if u.editor.dirty {
		t.Error("adding a change left the form with unsaved edits")
	}
	u.Undo()
	if got := changes(); len(got) != 1 || got[0] != mar || len(f.rows) != 1 {
		t.Fatalf("one undo should take back one change: stored %+v, %d rows", got, len(f.rows))
	}

	// Editing a row is a step: the row's save stores it, undo restores 4.
	r := f.rows[0]
	if !r.save.Disabled() {
		t.Error("an unedited row offers to save")
	}
	r.value.SetText("5")
	if r.save.Disabled() {
		t.Fatal("an edited row cannot be saved")
	}
	test.Tap(r.save)
	if got := changes(); len(got) != 1 || got[0].Planned != 5 {
		t.Fatalf("edit: stored %+v", got)
	}
	u.Undo()
	if got := changes(); len(got) != 1 || got[0] != mar || f.rows[0].value.Text != "4" {
		t.Fatalf("undo of the edit: stored %+v, row shows %q", got, f.rows[0].value.Text)
	}

	// Removing is a step too.
	f.removeChange(f.rows[0])
	if got := changes(); len(got) != 0 || len(f.rows) != 0 {
		t.Fatalf("remove: stored %+v, %d rows", got, len(f.rows))
	}
	u.Undo()
	if got := changes(); len(got) != 1 || len(f.rows) != 1 {
		t.Fatalf("undo of the remove: stored %+v, %d rows", got, len(f.rows))
	}

	// A change that is not one says why and stores nothing.
	test.Type(f.newRow.month, "soon")
	test.Tap(f.addBtn)
	if got := changes(); len(got) != 1 || !strings.Contains(f.changeMsg.Text, "soon") {
		t.Errorf("bad month: stored %+v, message %q", got, f.changeMsg.Text)
	}
	f.newRow.month.SetText("")

	// Unsaved typing on the form survives a change stored meanwhile, and
	// the form's Save keeps the changes.
	f.pay.SetText("")
	test.Type(f.pay, "9000")
	test.Type(f.newRow.month, "2028-01")
	test.Type(f.newRow.value, "6")
	test.Tap(f.addBtn)
	if f.pay.Text != "9000" || !u.editor.dirty {
		t.Fatalf("the form's typing was lost: pay %q", f.pay.Text)
	}
	test.Tap(u.editor.save)
	p, _ := storedPost(t, u, id)
	if p.MonthlyPay != 9000_00 || len(p.Changes) != 2 || p.Changes[1].Planned != 6 {
		t.Errorf("after Save: pay %d, changes %+v", p.MonthlyPay, p.Changes)
	}
}

func findRow(t *testing.T, cell func(row, col int) string, rows int, text string) int {
	t.Helper()
	for r := 1; r <= rows; r++ {
		if strings.Contains(cell(r, 0), text) {
			return r
		}
	}
	t.Fatalf("no row %q", text)
	return 0
}

// TestBudgetPane: the Budget tab costs the plan under a shipped profile
// picked from the list (a preview until stored), shows a post's
// arithmetic on select, projects it by month, stores the profile as one
// undoable step and compares the plan with another.
func TestBudgetPane(t *testing.T) {
	u := newTestUI(t)
	noBudget(t, u)
	b := u.budget
	post := u.postByTitle(t, "外贸业务员") // 编制 3, two in post
	pid := post.ID
	if err := u.apply("pay", func(tx *store.Tx) error {
		p, err := tx.Position(pid)
		if err != nil {
			return err
		}
		p.MonthlyPay = 8000_00
		return tx.PutPosition(&p)
	}); err != nil {
		t.Fatal(err)
	}
	u.tabs.Select(u.budgetTab)
	b.from.SetText("2027-01")
	for i, p := range b.profiles {
		if p.Name == "beijing" {
			b.profileSel.SetSelectedIndex(i + 1)
		}
	}
	if !strings.Contains(b.source.Text, "linianhui") || b.rates[model.Medical].Text != "10.6" {
		t.Fatalf("Beijing not shown: %q, medical %q", b.source.Text, b.rates[model.Medical].Text)
	}
	// Beijing example 2025: 16 + 10.6 + 0.5 + 0.4 + 12 = 39.5 %. Per FTE
	// 8,000 × 12 = 96,000 + 8,000 × 39.5 % × 12 = 37,920 → 133,920; 编制 3
	// → 401,760; two in post → 267,840; one vacant → 133,920.
	rows := len(b.costRows)
	r := findRow(t, b.costCell, rows, "外贸业务员")
	if b.costCell(r, 4) != "401,760.00" || b.costCell(r, 5) != "267,840.00" || b.costCell(r, 6) != "133,920.00" {
		t.Errorf("外贸业务员 row: %s | %s | %s", b.costCell(r, 4), b.costCell(r, 5), b.costCell(r, 6))
	}
	// The total row is the sum of the rows shown: only this post is paid.
	if b.costCell(rows+1, 4) != "401,760.00" {
		t.Errorf("total %s", b.costCell(rows+1, 4))
	}
	b.costTable.Select(widgetCell(r))
	if txt := b.arithmetic.Text; !strings.Contains(txt, "8,000 × 12 = 96,000") || !strings.Contains(txt, "16 % + 10.6 % + 0.5 % + 0.4 % + 12 %") {
		t.Errorf("arithmetic %q", txt)
	}
	// By month: 2 × 133,920 ÷ 12 = 22,320 a month for those in post.
	if len(b.proj.Months) != 12 || b.projCell(1, 0) != "2027-01" || b.projCell(1, 6) != "22,320.00" {
		t.Errorf("projection %s %s (%d months)", b.projCell(1, 0), b.projCell(1, 6), len(b.proj.Months))
	}
	// The chart shows the same months: expected in post and the cost.
	if pts := b.chart.Points(); len(pts) != 12 || pts[0].Label != "2027-01" || pts[0].Line != 22320 || pts[0].Bar != b.proj.Months[0].InPost {
		t.Errorf("chart %v", pts)
	}
	if !strings.Contains(b.hiring.Text, "外贸业务员: hire 1") || strings.Contains(b.hiring.Text, "Planned changes") {
		t.Errorf("hiring plan %q", b.hiring.Text)
	}
	// A preview only: the plan's profile is still empty until stored.
	if d, _ := u.st.LoadPlan(u.planID); !d.Plan.Budget.Profile.Empty() {
		t.Fatal("picking a profile stored it")
	}
	test.Tap(b.saveBtn)
	d, _ := u.st.LoadPlan(u.planID)
	if d.Plan.Budget.Profile.Name != "beijing" || d.Plan.Budget.Profile.Rates[model.Medical] != 106000 {
		t.Fatalf("stored profile %+v", d.Plan.Budget.Profile)
	}
	// Compare with a copy where the post has 编制 5: +2 × 133,920.
	d.Plan.Name = "2027 扩编方案"
	for i := range d.Positions {
		if d.Positions[i].ID == pid {
			d.Positions[i].Planned = 5
		}
	}
	copyID, _, err := u.st.CreatePlan(d, "copy")
	if err != nil {
		t.Fatal(err)
	}
	// Shown: the new plan; compared with the first, its base.
	u.ShowPlan(copyID)
	b.otherSel.SetSelectedIndex(0)
	cr := findRow(t, b.cmpCell, len(b.cmp.Units), "外贸")
	if b.cmpCell(cr, 5) != "267,840.00" || !strings.Contains(b.cmpDetail.Text, "外贸业务员: planned headcount 3 → 5") ||
		!strings.HasPrefix(b.cmpDetail.Text, "康飞塑业 人员配置 → 2027 扩编方案") {
		t.Errorf("compare row %q diff %s; %q", b.cmpCell(cr, 0), b.cmpCell(cr, 5), b.cmpDetail.Text)
	}
	// Storing the profile is one step: undo takes it back.
	u.ShowPlan(d.Plan.ID)
	u.Undo() // the copy was made outside the window's history
	if d, _ := u.st.LoadPlan(u.planID); !d.Plan.Budget.Profile.Empty() || b.rates[model.Pension].Text != "" {
		t.Errorf("after undo: %+v, fields %q", d.Plan.Budget.Profile, b.rates[model.Pension].Text)
	}
}

func widgetCell(row int) widget.TableCellID { return widget.TableCellID{Row: row, Col: 0} }

// TestExpectedDates: a holder's expected leaving date and another's
// expected start are set on the form, each one undoable step; the one
// still expected no longer counts in post today but stays listed.
func TestExpectedDates(t *testing.T) {
	u := newTestUI(t)
	pid := u.postByTitle(t, "外贸业务员").ID // two in post
	u.editor.load(pid)
	f := u.editor.pay
	if len(f.who.Options) != 2 {
		t.Fatalf("holders %v", f.who.Options)
	}
	f.who.SetSelectedIndex(0)
	f.expLv.SetText("2027-04-30")
	test.Tap(f.setDates)
	first := f.whoIDs[0]
	if p := u.people[first]; p.ExpectedLeave.Format("2006-01-02") != "2027-04-30" || !strings.Contains(f.who.Selected, "leaving 2027-04-30") {
		t.Fatalf("leaving date: %v, shown %q", p.ExpectedLeave, f.who.Selected)
	}
	f.who.SetSelectedIndex(1)
	f.expStart.SetText("2027/2/1")
	test.Tap(f.setDates)
	if got := u.fig.Positions[pid].Actual; got != 1 {
		t.Errorf("in post today %v, want 1: the second is only expected", got)
	}
	if len(f.who.Options) != 2 || !strings.Contains(f.who.Options[1], "expected from 2027-02-01") {
		t.Errorf("options %v", f.who.Options)
	}
	f.expStart.SetText("soon")
	test.Tap(f.setDates)
	if f.datesMsg.Text == "" {
		t.Error("a bad date was taken")
	}
	u.Undo()
	u.Undo()
	if p := u.people[first]; !p.ExpectedLeave.IsZero() || u.fig.Positions[pid].Actual != 2 {
		t.Errorf("after undo: %v, in post %v", p.ExpectedLeave, u.fig.Positions[pid].Actual)
	}
}

// TestUnitStarts: a unit added with a first month is stored with it, and
// its posts count in the projection only from then.
func TestUnitStarts(t *testing.T) {
	u := newTestUI(t)
	f := u.newUnitForm()
	f.name.SetText("销售部")
	f.starts.SetText("2027-05")
	u.addUnit(f)
	unit := u.unitByName(t, "销售部")
	if unit.Starts != model.MonthOf(2027, 5) {
		t.Fatalf("starts %v", unit.Starts)
	}
	uid := unit.ID
	if err := u.apply("post", func(tx *store.Tx) error {
		return tx.PutPosition(&model.Position{Title: "销售", Unit: uid, Planned: 2, MonthlyPay: 10000_00})
	}); err != nil {
		t.Fatal(err)
	}
	u.tabs.Select(u.budgetTab)
	u.budget.from.SetText("2027-04")
	u.budget.recompute()
	m := u.budget.proj.Months
	if m[1].Planned-m[0].Planned != 2 {
		t.Errorf("编制 April %v, May %v: the new unit's 2 should start in May", m[0].Planned, m[1].Planned)
	}
}

// TestRosterShowsExpectedDates: the roster lists someone expected to start
// with her date (the status bar does not count her yet).
func TestRosterShowsExpectedDates(t *testing.T) {
	u := newTestUI(t)
	var id model.ID
	if err := u.apply("new", func(tx *store.Tx) error {
		p := model.Person{Name: "赵六", ExpectedStart: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)}
		err := tx.PutPerson(&p)
		id = p.ID
		return err
	}); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, r := range u.roster.rows() {
		if r.Key.(rosterKey).person == id {
			found = strings.Contains(r.Cells[colStatus], "expected from 2027-02-01")
		}
	}
	if !found {
		t.Error("the roster does not show 赵六 as expected")
	}
	if n := model.CountPeople(u.data.People); n != 23 {
		t.Errorf("%d people counted; 赵六 is not in post yet", n)
	}
}

// TestBudgetListsPlannedChanges: a planned change saved on the form shows
// in the Budget tab's list of changes.
func TestBudgetListsPlannedChanges(t *testing.T) {
	u := newTestUI(t)
	noBudget(t, u)
	pid := u.postByTitle(t, "外贸业务员").ID
	if err := u.apply("change", func(tx *store.Tx) error {
		p, err := tx.Position(pid)
		if err != nil {
			return err
		}
		p.Changes = []model.PlannedChange{{From: model.MonthOf(2027, 3), Planned: 5}}
		return tx.PutPosition(&p)
	}); err != nil {
		t.Fatal(err)
	}
	u.tabs.Select(u.budgetTab)
	if !strings.Contains(u.budget.hiring.Text, "2027-03  康飞塑业/外贸部 / 外贸业务员: headcount → 5") {
		t.Errorf("changes not listed: %q", u.budget.hiring.Text)
	}
}

// TestCopyPlan: a new plan from this one copies every post (and its pay),
// is shown, and is one undoable step.
func TestCopyPlan(t *testing.T) {
	u := newTestUI(t)
	orig := u.planID
	posts := len(u.data.Positions)
	u.copyPlan("2027 扩编方案")
	if u.planID == orig || u.data.Plan.Name != "2027 扩编方案" || len(u.data.Positions) != posts || len(u.plans) != 2 {
		t.Fatalf("copy: plan %d %q, %d posts, %d plans", u.planID, u.data.Plan.Name, len(u.data.Positions), len(u.plans))
	}
	u.Undo()
	if len(u.plans) != 1 || u.planID != orig {
		t.Errorf("after undo: %d plans, showing %d", len(u.plans), u.planID)
	}
}

// TestExportCompare: the comparison on screen is written as a workbook.
func TestExportCompare(t *testing.T) {
	u := newTestUI(t)
	u.copyPlan("2027 扩编方案")
	u.tabs.Select(u.budgetTab)
	u.budget.otherSel.SetSelectedIndex(0)
	if u.budget.cmp == nil || u.budget.cmpWith == nil {
		t.Fatal("nothing compared")
	}
	path := filepath.Join(t.TempDir(), "changes.xlsx")
	u.budget.writeCompare(path, u.budget.cmpWith, u.data)
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if rows, _ := f.GetRows("Changes"); len(rows) < 3 || rows[1][0] != "Unit" {
		t.Errorf("rows %v", rows)
	}
}

// TestBudgetUnitsByMonth: the Budget tab's units × months table shows each
// unit's cost and headcount month by month, planned changes included, the
// total under the units, and a unit's posts when it is tapped.
func TestBudgetUnitsByMonth(t *testing.T) {
	u := newTestUI(t)
	noBudget(t, u)
	b := u.budget
	pid := u.postByTitle(t, "外贸业务员").ID // 编制 3, two in post
	if err := u.apply("pay", func(tx *store.Tx) error {
		if err := ops.EditPosition(tx, pid, func(p *model.Position) { p.MonthlyPay = 8000_00 }); err != nil {
			return err
		}
		return ops.AddPlannedChange(tx, pid, model.PlannedChange{From: model.MonthOf(2027, 3), Planned: 5})
	}); err != nil {
		t.Fatal(err)
	}
	u.tabs.Select(u.budgetTab)
	b.from.SetText("2027-01")
	for i, p := range b.profiles {
		if p.Name == "beijing" {
			b.profileSel.SetSelectedIndex(i + 1)
		}
	}
	v := b.units
	if v.data == nil || len(v.data.Total.Months) != 12 {
		t.Fatal("no units × months table")
	}
	row := func(name string) int {
		t.Helper()
		for i, r := range v.rows {
			if r.Name == name || (r.Post != 0 && r.Title == name) {
				return i + 1
			}
		}
		t.Fatalf("no row %s", name)
		return 0
	}
	total := len(v.rows) + 1
	if v.cell(0, 1) != "2027-01" || v.cell(0, 13) != "Total" || v.cell(total, 0) != "Total" {
		t.Errorf("headings %q %q, total row %q", v.cell(0, 1), v.cell(0, 13), v.cell(total, 0))
	}
	// Per FTE 133,920 a year (see TestBudgetPane), 11,160 a month: two in
	// post 22,320 a month; 编制 3 → 33,480, and 5 from March → 55,800.
	r := row("外贸部")
	if v.cell(r, 1) != "22,320.00" || v.cell(total, 1) != "22,320.00" {
		t.Errorf("expected cost January: 外贸部 %q, total %q", v.cell(r, 1), v.cell(total, 1))
	}
	v.fig.SetSelectedIndex(figPlanCost)
	if v.cell(r, 2) != "33,480.00" || v.cell(r, 3) != "55,800.00" || v.cell(r, 13) != "624,960.00" || v.cell(total, 13) != "624,960.00" {
		t.Errorf("planned cost: Feb %q, Mar %q, year %q, total %q", v.cell(r, 2), v.cell(r, 3), v.cell(r, 13), v.cell(total, 13))
	}
	// Headcount: the total row is the plan's month by month.
	v.fig.SetSelectedIndex(figPlanned)
	if v.cell(total, 1) != core.FormatFTE(b.proj.Months[0].Planned) || v.cell(total, 3) != core.FormatFTE(b.proj.Months[2].Planned) ||
		v.cell(total, 13) != "" {
		t.Errorf("planned total %q %q (plan %v %v), year %q", v.cell(total, 1), v.cell(total, 3), b.proj.Months[0].Planned, b.proj.Months[2].Planned, v.cell(total, 13))
	}
	// Tapping the unit shows its posts; tapping again hides them.
	if !strings.HasPrefix(strings.TrimLeft(v.cell(r, 0), " "), "▸") {
		t.Errorf("closed unit shows %q", v.cell(r, 0))
	}
	n := len(v.rows)
	v.table.Select(widget.TableCellID{Row: r, Col: 0})
	p := row("外贸业务员")
	if len(v.rows) <= n || v.cell(p, 1) != "3" || v.cell(p, 3) != "5" || !strings.Contains(v.cell(p, 0), "· 外贸业务员") {
		t.Fatalf("posts of 外贸部: %d rows, %q %q %q", len(v.rows), v.cell(p, 0), v.cell(p, 1), v.cell(p, 3))
	}
	v.fig.SetSelectedIndex(figInPost)
	if v.cell(p, 1) != "2" {
		t.Errorf("in post %q", v.cell(p, 1))
	}
	v.table.Select(widget.TableCellID{Row: r, Col: 0})
	if len(v.rows) != n {
		t.Errorf("the posts stay after a second tap: %d rows", len(v.rows))
	}
}

// TestBudgetArithmeticFollowsEdit: the arithmetic shown under the cost
// table is of the figures in the table: a row selected before its post's
// pay is edited shows the new pay, not the old "no pay set" steps.
func TestBudgetArithmeticFollowsEdit(t *testing.T) {
	u := newTestUI(t)
	noBudget(t, u) // the sample carries assumed pay
	b := u.budget
	pid := u.postByTitle(t, "外贸业务员").ID
	u.tabs.Select(u.budgetTab)
	r := findRow(t, b.costCell, len(b.costRows), "外贸业务员")
	b.costTable.Select(widgetCell(r))
	if txt := b.arithmetic.Text; strings.Contains(txt, "8,000") {
		t.Fatalf("pay before it was set: %q", txt)
	}
	if err := u.apply("pay", func(tx *store.Tx) error {
		p, err := tx.Position(pid)
		if err != nil {
			return err
		}
		p.MonthlyPay = 8000_00
		return tx.PutPosition(&p)
	}); err != nil {
		t.Fatal(err)
	}
	if txt := b.arithmetic.Text; !strings.Contains(txt, "外贸业务员") || !strings.Contains(txt, "8,000 × 12 = 96,000") {
		t.Errorf("arithmetic after the edit %q (table: %s)", txt, b.costCell(r, 4))
	}
}

// TestBudgetSaysWhenNoPayIsSet: a plan just imported from a roster has no
// pay on any post; the Budget tab says so and where to enter it, rather
// than a table of zeros with no reason, and stops saying it once a post
// has pay.
func TestBudgetSaysWhenNoPayIsSet(t *testing.T) {
	u := newTestUI(t)
	noBudget(t, u) // the sample carries assumed pay
	b := u.budget
	u.tabs.Select(u.budgetTab)
	if !strings.Contains(b.totals.Text, "No post has pay set") {
		t.Fatalf("no hint with no pay set: %q", b.totals.Text)
	}
	if !strings.Contains(b.hiring.Text, "No post has pay set") {
		t.Errorf("no hint by month with no pay set: %q", b.hiring.Text)
	}
	pid := u.postByTitle(t, "外贸业务员").ID
	if err := u.apply("pay", func(tx *store.Tx) error {
		p, err := tx.Position(pid)
		if err != nil {
			return err
		}
		p.MonthlyPay = 8000_00
		return tx.PutPosition(&p)
	}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.totals.Text, "No post has pay set") {
		t.Errorf("hint kept after pay was set: %q", b.totals.Text)
	}
}

// TestBudgetPickerNamesAppliedCity: after Use for this plan the picker
// names the city whose figures the plan now holds, not "This plan's
// profile"; once a stored figure differs from the city's it does.
func TestBudgetPickerNamesAppliedCity(t *testing.T) {
	u := newTestUI(t)
	noBudget(t, u)
	b := u.budget
	u.tabs.Select(u.budgetTab)
	city := -1
	for i, p := range b.profiles {
		if p.Name == "beijing" {
			city = i + 1
		}
	}
	if city < 0 {
		t.Fatal("no Beijing profile shipped")
	}
	b.profileSel.SetSelectedIndex(city)
	test.Tap(b.saveBtn)
	if d, _ := u.st.LoadPlan(u.planID); d.Plan.Budget.Profile.Name != "beijing" {
		t.Fatalf("not stored: %+v", d.Plan.Budget.Profile)
	}
	if got := b.profileSel.SelectedIndex(); got != city {
		t.Errorf("after Use for this plan the picker shows %q, want %q", b.profileSel.Selected, b.profileSel.Options[city])
	}
	// Another plan load (as after a restart) names the city too.
	b.loadedPlan = 0
	u.refresh()
	if got := b.profileSel.SelectedIndex(); got != city {
		t.Errorf("reloaded, the picker shows %q", b.profileSel.Selected)
	}
	// Edited and stored: the plan's own profile now.
	b.rates[model.Medical].SetText("11")
	test.Tap(b.saveBtn)
	if d, _ := u.st.LoadPlan(u.planID); d.Plan.Budget.Profile.Rates[model.Medical] != 110000 {
		t.Fatalf("edit not stored: %+v", d.Plan.Budget.Profile)
	}
	if got := b.profileSel.SelectedIndex(); got != 0 {
		t.Errorf("after an edit the picker shows %q, want the plan's profile", b.profileSel.Selected)
	}
	if b.rates[model.Medical].Text != "11" {
		t.Errorf("fields reloaded to %q", b.rates[model.Medical].Text)
	}
}
