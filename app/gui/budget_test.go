package gui

import (
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
	"staffplan/data/store"
)

// TestPositionFormPay: pay, months paid and a planned change typed on the
// form are stored with the post in one undoable step, and the form shows
// the cost a year with its arithmetic.
func TestPositionFormPay(t *testing.T) {
	u := newTestUI(t)
	p := u.postByTitle(t, "外贸业务员")
	id := p.ID
	u.editor.load(id)
	e := u.editor
	test.Type(e.pay.pay, "8,000")
	test.Type(e.pay.months, "13")
	test.Type(e.pay.allow, "５００") // full-width, as a Chinese IME types
	test.Type(e.pay.turnover, "12.5")
	e.pay.addRow(model.PlannedChange{})
	r := e.pay.rows[0]
	test.Type(r.month, "2027-03")
	test.Type(r.value, "4")
	e.pay.addRow(model.PlannedChange{})
	test.Type(e.pay.rows[1].month, "2027年9月")
	e.pay.rows[1].kind.SetSelectedIndex(2) // frozen from
	test.Tap(e.save)

	got, _ := storedPost(t, u, id)
	want := []model.PlannedChange{{From: model.MonthOf(2027, 3), Planned: 4},
		{From: model.MonthOf(2027, 9), Kind: model.ChangeStatus, Status: model.StatusFrozen}}
	if got.MonthlyPay != 8000_00 || got.MonthsPaid != 1300 || got.Allowances != 500_00 || len(got.Changes) != 2 || got.Turnover != 1250 ||
		got.Changes[0] != want[0] || got.Changes[1] != want[1] {
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

// TestBudgetArithmeticFollowsEdit: the arithmetic shown under the cost
// table is of the figures in the table: a row selected before its post's
// pay is edited shows the new pay, not the old "no pay set" steps.
func TestBudgetArithmeticFollowsEdit(t *testing.T) {
	u := newTestUI(t)
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
