package gui

import (
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/data/template"
)

// newTestUI opens a fresh database seeded with the 康飞 sample and builds
// the window over it with the headless test driver.
func newTestUI(t *testing.T) *UI {
	t.Helper()
	core.InitLang("en")
	a := test.NewTempApp(t)
	st, err := store.Open(filepath.Join(t.TempDir(), "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	id, err := seedSample(st)
	if err != nil {
		t.Fatal(err)
	}
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 700))
	u := New(a, w, st, id)
	u.background = func(work func()) { work() }
	u.outline.openAll()
	return u
}

func (u *UI) postByTitle(t *testing.T, title string) *model.Position {
	t.Helper()
	for i := range u.data.Positions {
		if u.data.Positions[i].Title == title {
			return &u.data.Positions[i]
		}
	}
	t.Fatalf("no post %q", title)
	return nil
}

func (u *UI) unitByName(t *testing.T, name string) *model.Unit {
	t.Helper()
	for i := range u.data.Units {
		if u.data.Units[i].Name == name {
			return &u.data.Units[i]
		}
	}
	t.Fatalf("no unit %q", name)
	return nil
}

// storedPost reads a post straight from the database, bypassing the UI.
func storedPost(t *testing.T, u *UI, id model.ID) (model.Position, bool) {
	t.Helper()
	d, err := u.st.LoadPlan(u.planID)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range d.Positions {
		if p.ID == id {
			return p, true
		}
	}
	return model.Position{}, false
}

// tapButton taps the button labelled text in the topmost dialog.
func tapButton(t *testing.T, c fyne.Canvas, text string) {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatalf("no dialog open to tap %q in", text)
	}
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Text == text && b.Visible() {
			found = b
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, c := range c.Objects {
				walk(c)
			}
		}
	}
	walk(top)
	if found == nil {
		t.Fatalf("no button %q in the dialog", text)
	}
	test.Tap(found)
}

// nodeText renders one outline line and returns its name and figures.
func nodeText(u *UI, uid widget.TreeNodeID) (string, string, widget.Importance) {
	obj := u.outline.create(true)
	u.outline.update(uid, true, obj)
	c := obj.(*fyne.Container)
	figs := c.Objects[2].(*widget.Label)
	return c.Objects[0].(*widget.Label).Text, figs.Text, figs.Importance
}

func TestOutlineShowsUnitsPostsAndFigures(t *testing.T) {
	u := newTestUI(t)
	top := u.outline.children("")
	if len(top) != 1 {
		t.Fatalf("top level %v, want the company only", top)
	}
	name, _, _ := nodeText(u, top[0])
	if name != "康飞塑业" {
		t.Errorf("top unit %q", name)
	}
	admin := u.unitByName(t, "行政人事部")
	name, figs, imp := nodeText(u, unitUID(admin.ID))
	if name != "行政人事部" || figs != "9 / 7.5 / -1.5" {
		t.Errorf("行政人事部 line: %q %q", name, figs)
	}
	if imp != widget.DangerImportance {
		t.Errorf("a unit with vacancies should be red, got %v", imp)
	}
	// Posts of a unit come first, then its sub-units.
	kids := u.outline.children(unitUID(admin.ID))
	if len(kids) != 8 || kids[0] != postUID(u.postByTitle(t, "行政人事部经理").ID) {
		t.Errorf("children of 行政人事部: %v", kids)
	}
	dgm := u.postByTitle(t, "副总经理")
	_, figs, _ = nodeText(u, postUID(dgm.ID))
	if !strings.Contains(figs, "not set up") {
		t.Errorf("副总经理 line %q should say it is not set up", figs)
	}
	guard := u.postByTitle(t, "门卫兼保安")
	_, figs, _ = nodeText(u, postUID(guard.ID))
	if figs != "2 / 1 / -1" {
		t.Errorf("门卫兼保安 line %q", figs)
	}
}

func TestSelectingAPostOpensTheEditor(t *testing.T) {
	u := newTestUI(t)
	p := u.postByTitle(t, "仓管")
	u.outline.tree.Select(postUID(p.ID))
	e := u.editor
	if e.id != p.ID || e.title.Text != "仓管" || !e.body.Visible() {
		t.Fatalf("editor shows %d %q", e.id, e.title.Text)
	}
	if e.unit.Selected != "康飞塑业 / 生产部" {
		t.Errorf("unit %q", e.unit.Selected)
	}
	if !strings.HasPrefix(e.reports.Selected(), "生产部经理") {
		t.Errorf("reports to %q", e.reports.Selected())
	}
	if u.tabs.Selected() != u.posTab {
		t.Error("the Position tab should be in front")
	}
}

func TestEditorSaveUndoRedo(t *testing.T) {
	u := newTestUI(t)
	p := u.postByTitle(t, "外贸业务员")
	id := p.ID
	u.editor.load(id)
	e := u.editor
	e.title.SetText("")
	test.Type(e.title, "外贸销售员")
	e.planned.SetText("")
	test.Type(e.planned, "４.5") // a full-width digit, as Chinese IMEs type
	e.status.SetSelectedIndex(int(model.StatusFrozen))
	test.Type(e.note, "随业务量调整")
	test.Tap(e.save)

	got, _ := storedPost(t, u, id)
	if got.Title != "外贸销售员" || got.Planned != 4.5 || got.Status != model.StatusFrozen || !strings.Contains(got.Note, "随业务量调整") {
		t.Fatalf("stored %+v", got)
	}
	if e.dirty {
		t.Error("saved editor is still dirty")
	}
	u.Undo()
	got, _ = storedPost(t, u, id)
	if got.Title != "外贸业务员" || got.Planned != 3 || got.Status != model.StatusActive {
		t.Fatalf("after undo %+v", got)
	}
	if e.title.Text != "外贸业务员" {
		t.Errorf("editor shows %q after undo", e.title.Text)
	}
	u.Redo()
	if got, _ = storedPost(t, u, id); got.Title != "外贸销售员" {
		t.Fatalf("after redo %+v", got)
	}
}

func TestEditorRejectsBadInput(t *testing.T) {
	u := newTestUI(t)
	p := u.postByTitle(t, "会计")
	u.editor.load(p.ID)
	e := u.editor
	e.planned.SetText("两个")
	if e.message.Text == "" || !e.save.Disabled() {
		t.Fatalf("bad headcount: message %q, save disabled %v", e.message.Text, e.save.Disabled())
	}
	test.Tap(e.save)
	if got, _ := storedPost(t, u, p.ID); got.Planned != 1 {
		t.Errorf("stored planned changed to %v", got.Planned)
	}
	e.planned.SetText("1")
	e.title.SetText("  ")
	if !strings.Contains(e.message.Text, "title") || !e.save.Disabled() {
		t.Errorf("empty title: %q", e.message.Text)
	}
	e.title.SetText("会计")
	if e.message.Text != "" || e.save.Disabled() {
		t.Errorf("valid again but message %q", e.message.Text)
	}
}

func TestManagerChoicesExcludeSubordinates(t *testing.T) {
	u := newTestUI(t)
	mgr := u.postByTitle(t, "生产部经理")
	u.editor.load(mgr.ID)
	for _, o := range u.editor.reports.Options() {
		for _, sub := range []string{"生产部主管", "班组长", "仓管", "生产部经理"} {
			if strings.HasPrefix(o, sub+" ·") {
				t.Errorf("生产部经理 may not report to %q", o)
			}
		}
	}
}

func TestLeavingADirtyFormAsks(t *testing.T) {
	u := newTestUI(t)
	a, b := u.postByTitle(t, "司机"), u.postByTitle(t, "厨工")
	u.editor.load(a.ID)
	u.editor.title.SetText("行政司机")
	u.outline.tree.Select(postUID(b.ID))
	if u.editor.id != a.ID {
		t.Fatal("the editor moved on without asking")
	}
	tapButton(t, u.win.Canvas(), "Save")
	if got, _ := storedPost(t, u, a.ID); got.Title != "行政司机" {
		t.Errorf("the answer Save did not save: %q", got.Title)
	}
	if u.editor.id != b.ID {
		t.Errorf("after saving the editor should show 厨工")
	}
}

func TestAddPostAndUnitAreUndoable(t *testing.T) {
	u := newTestUI(t)
	prod := u.unitByName(t, "生产部")
	u.selUnit = prod.ID
	before := len(u.data.Positions)
	u.addPosition()
	if len(u.data.Positions) != before+1 || u.editor.id == 0 {
		t.Fatalf("no post added")
	}
	added := u.posts[u.editor.id]
	if added.Unit != prod.ID || added.ReportsTo != u.postByTitle(t, "生产部经理").ID {
		t.Errorf("new post %+v should sit in 生产部 under its head", *added)
	}
	u.addUnitDialog()
	// The dialog's form: fill the name and confirm.
	f := u.newUnitForm()
	f.name.SetText("质检组")
	f.kind.SetSelectedIndex(int(model.UnitTeam))
	u.addUnit(f)
	q := u.unitByName(t, "质检组")
	if q.Parent != prod.ID || q.Kind != model.UnitTeam {
		t.Errorf("unit %+v", *q)
	}
	u.Undo()
	for _, x := range u.data.Units {
		if x.Name == "质检组" {
			t.Error("undo left the unit")
		}
	}
	u.Undo()
	if len(u.data.Positions) != before {
		t.Errorf("undo left %d posts, want %d", len(u.data.Positions), before)
	}
}

func TestDeletePostAsksAndRepointsReports(t *testing.T) {
	u := newTestUI(t)
	sup := u.postByTitle(t, "生产部主管")
	// A post with holders asks what to do with them; Cancel keeps all.
	u.deletePosition(sup.ID)
	tapButton(t, u.win.Canvas(), "Cancel")
	if _, ok := storedPost(t, u, sup.ID); !ok {
		t.Fatal("Cancel deleted the post")
	}
	u.deletePosition(sup.ID)
	tapButton(t, u.win.Canvas(), "Unassign and delete")
	if _, ok := storedPost(t, u, sup.ID); ok {
		t.Fatal("the held post was not deleted")
	}
	if got := u.postByTitle(t, "班组长").ReportsTo; got != u.postByTitle(t, "生产部经理").ID {
		t.Errorf("班组长 should now report to 生产部经理, reports to %d", got)
	}
	for _, p := range u.data.People {
		if p.Name == "罗刚" && p.Status == model.PersonLeft {
			t.Error("the holder was marked as left; they only lose the post")
		}
	}
	u.Undo()
	if got := u.fig.Positions[sup.ID]; got == nil || len(got.Holders) != 1 {
		t.Fatal("undo did not bring back the post with its holder")
	}

	dgm := u.postByTitle(t, "副总经理")
	u.deletePosition(dgm.ID)
	tapButton(t, u.win.Canvas(), "Yes")
	if _, ok := storedPost(t, u, dgm.ID); ok {
		t.Fatal("副总经理 still stored after delete")
	}
	u.Undo()
	if _, ok := storedPost(t, u, dgm.ID); !ok {
		t.Fatal("undo did not bring 副总经理 back")
	}
}

// typeShortcut delivers a shortcut the way the desktop driver does: a
// main-menu item with that shortcut first, then the focused widget, then
// the canvas.
func typeShortcut(u *UI, sc fyne.Shortcut) {
	for _, m := range u.mainMenu.Items {
		for _, it := range m.Items {
			if it.Shortcut != nil && it.Shortcut.ShortcutName() == sc.ShortcutName() && it.Action != nil {
				it.Action()
				return
			}
		}
	}
	if f, ok := u.win.Canvas().Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(sc)
		return
	}
	u.win.Canvas().(fyne.Shortcutable).TypedShortcut(sc)
}

func TestShortcutsUndoAndRedo(t *testing.T) {
	u := newTestUI(t)
	p := u.postByTitle(t, "出纳")
	u.editor.load(p.ID)
	u.win.Canvas().Focus(u.editor.planned)
	u.editor.planned.SetText("2")
	typeShortcut(u, shortcutSave)
	if got, _ := storedPost(t, u, p.ID); got.Planned != 2 {
		t.Fatalf("Ctrl+S did not save: %v", got.Planned)
	}
	// Ctrl+Z while the cursor is still in the entry undoes the saved change.
	typeShortcut(u, &fyne.ShortcutUndo{})
	if got, _ := storedPost(t, u, p.ID); got.Planned != 1 {
		t.Fatalf("Ctrl+Z did not undo: %v", got.Planned)
	}
	typeShortcut(u, &fyne.ShortcutRedo{})
	if got, _ := storedPost(t, u, p.ID); got.Planned != 2 {
		t.Fatalf("Ctrl+Y did not redo: %v", got.Planned)
	}
	typeShortcut(u, &fyne.ShortcutUndo{})
	u.win.Canvas().Focus(u.editor.title)
	typeShortcut(u, shortcutRedo)
	if got, _ := storedPost(t, u, p.ID); got.Planned != 2 {
		t.Fatalf("Ctrl+Shift+Z in an entry did not redo: %v", got.Planned)
	}
	if u.undoItem.Disabled || !u.redoItem.Disabled {
		t.Error("menu items do not follow the history")
	}
	// With unsaved typing, the first Ctrl+Z drops the typing only.
	u.editor.planned.SetText("7")
	typeShortcut(u, &fyne.ShortcutUndo{})
	if got, _ := storedPost(t, u, p.ID); got.Planned != 2 || u.editor.planned.Text != "2" || u.editor.dirty {
		t.Fatalf("first Ctrl+Z should revert the form only: stored %v, form %q", got.Planned, u.editor.planned.Text)
	}
	typeShortcut(u, &fyne.ShortcutUndo{})
	if got, _ := storedPost(t, u, p.ID); got.Planned != 1 {
		t.Fatalf("second Ctrl+Z should undo the save: %v", got.Planned)
	}
}

func TestRosterSortsAndFilters(t *testing.T) {
	u := newTestUI(t)
	r := u.roster
	shown := r.table.Shown()
	// 23 people in post, one of them holding two posts: 24 lines.
	if len(shown) != 24 {
		t.Fatalf("roster shows %d lines", len(shown))
	}
	r.table.SortBy(colFTE)
	if got := r.table.Shown()[0].Cells[colFTE]; got != "0.5" {
		t.Errorf("sorted by FTE, first is %q", got)
	}
	r.table.SortBy(colFTE)
	if got := r.table.Shown()[0].Cells[colFTE]; got != "1" {
		t.Errorf("reverse sort by FTE, first is %q", got)
	}
	test.Type(r.filter, "生产部 班组长")
	if n := len(r.table.Shown()); n != 4 {
		t.Errorf("filter 生产部 班组长 shows %d lines, want 4", n)
	}
	r.filter.SetText("")
	r.showLeft.SetChecked(true)
	if n := len(r.table.Shown()); n != 25 {
		t.Errorf("with leavers %d lines, want 25", n)
	}
	// Tapping a line opens its post.
	for _, row := range r.table.Shown() {
		if row.Cells[colName] == "袁芳" {
			r.table.OnSelected(row.Key)
		}
	}
	if u.editor.title.Text != "仓管" {
		t.Errorf("roster line opened %q", u.editor.title.Text)
	}
}

func TestNewPlanFromTemplateAndUndo(t *testing.T) {
	u := newTestUI(t)
	d, err := template.Load(assets.Templates(), "service-centre")
	if err != nil {
		t.Fatal(err)
	}
	first := u.planID
	u.createPlan(d, "new plan")
	if u.planID == first || u.data.Plan.Name != "客户服务中心 组建初期" {
		t.Fatalf("shows plan %q", u.data.Plan.Name)
	}
	if len(u.planSelect.Options) != 2 {
		t.Errorf("plan chooser %v", u.planSelect.Options)
	}
	backups, _ := u.st.Backups()
	if len(backups) == 0 {
		t.Error("no backup before adding a plan")
	}
	u.Undo()
	if u.planID != first || len(u.plans) != 1 {
		t.Errorf("undo should remove the plan and show the first again")
	}
}

func TestStatusLineTotals(t *testing.T) {
	u := newTestUI(t)
	f := u.fig.Units[u.unitByName(t, "康飞塑业").ID]
	want := "Planned " + core.FormatFTE(f.PlannedTotal)
	if !strings.HasPrefix(u.status.Text, want) || !strings.Contains(u.status.Text, "23 people") {
		t.Errorf("status %q", u.status.Text)
	}
}

func TestFormatAndParseFTE(t *testing.T) {
	for in, want := range map[float64]string{1: "1", 0.5: "0.5", 8.25: "8.25", 1.0 / 3: "0.33", -0.001: "0"} {
		if got := core.FormatFTE(in); got != want {
			t.Errorf("FormatFTE(%v) = %q, want %q", in, got, want)
		}
	}
	for in, want := range map[string]float64{"1.5": 1.5, "１．５": 1.5, " 2 ": 2, "0,5": 0.5, "": 0} {
		if got, ok := core.ParseFTE(in); !ok || got != want {
			t.Errorf("ParseFTE(%q) = %v %v", in, got, ok)
		}
	}
	for _, bad := range []string{"-1", "abc", "NaN", "Inf", "1e400"} {
		if _, ok := core.ParseFTE(bad); ok {
			t.Errorf("ParseFTE(%q) accepted", bad)
		}
	}
}

func TestRestoreBackupFromTheMenu(t *testing.T) {
	u := newTestUI(t)
	d, err := template.Load(assets.Templates(), "finance-two")
	if err != nil {
		t.Fatal(err)
	}
	u.createPlan(d, "new plan") // backs up the one-plan state first
	if len(u.plans) != 2 {
		t.Fatalf("%d plans", len(u.plans))
	}
	backups, err := u.st.Backups()
	if err != nil || len(backups) == 0 {
		t.Fatalf("backups %v %v", backups, err)
	}
	u.restore(backups[0].Path)
	if len(u.plans) != 1 || u.data.Plan.Name != "康飞塑业 人员配置" {
		t.Fatalf("after restore: %d plans, showing %q", len(u.plans), u.data.Plan.Name)
	}
	if u.hist.CanUndo() {
		t.Error("undo history must not survive a restore")
	}
	after, _ := u.st.Backups()
	found := false
	for _, b := range after {
		found = found || b.Reason == "restore"
	}
	if !found {
		t.Error("the replaced state was not backed up before restoring")
	}
}

func TestSwitchStoreShowsTheOtherDatabase(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "other.db")
	other, err := store.Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := template.Load(assets.Templates(), "service-centre")
	if _, _, err := other.CreatePlan(d, "newplan"); err != nil {
		t.Fatal(err)
	}
	old := u.st
	u.SwitchStore(other)
	defer other.Close()
	if u.data.Plan.Name != "客户服务中心 组建初期" || u.st.Path() != path {
		t.Errorf("shows %q from %s", u.data.Plan.Name, u.st.Path())
	}
	if _, err := old.Plans(); err == nil {
		t.Error("the old database should be closed")
	}
}

func TestPositionFormDescriptionFields(t *testing.T) {
	u := newTestUI(t)
	p := u.postByTitle(t, "行政人事部经理")
	u.editor.load(p.ID)
	e := u.editor
	if len(e.dutyTexts) != 10 || !strings.HasPrefix(e.mission.Text, "负责为公司管理层") {
		t.Fatalf("form shows %d duties, mission %q", len(e.dutyTexts), e.mission.Text)
	}
	// Move duty 2 up, delete the last, add one.
	second := e.dutyTexts[1].Text
	rowButton := func(row, b int) *widget.Button {
		for _, o := range e.duties.Objects[row].(*fyne.Container).Objects {
			if c, ok := o.(*fyne.Container); ok {
				return c.Objects[b].(*widget.Button)
			}
		}
		t.Fatalf("duty row %d has no buttons", row)
		return nil
	}
	up := rowButton(1, 0)
	test.Tap(up)
	if e.dutyTexts[0].Text != second {
		t.Fatalf("moving duty 2 up: first is now %q", e.dutyTexts[0].Text)
	}
	last := rowButton(9, 2)
	test.Tap(last)
	e.setDuties(append(e.dutyValues(), "负责档案管理"))
	e.grade.SetText("M4")
	e.shift.SetText("常白班")
	e.salaryMin.SetText("8000")
	e.salaryMax.SetText("12000")
	e.education.SetText("本科")
	e.years.SetText("5")
	e.certs.SetText("人力资源管理师")
	e.employment.SetSelectedIndex(int(model.EmployAgency))
	e.dottedIDs = append(e.dottedIDs, u.postByTitle(t, "财务部经理").ID)
	e.dirty = true
	if !e.Save() {
		t.Fatalf("save refused: %s", e.message.Text)
	}
	got, _ := storedPost(t, u, p.ID)
	if len(got.Duties) != 10 || got.Duties[0] != second || got.Duties[9] != "负责档案管理" {
		t.Errorf("duties %q", got.Duties)
	}
	if got.Grade != "M4" || got.Shift != "常白班" || got.SalaryMin != 8000 || got.SalaryMax != 12000 ||
		got.Req.Education != "本科" || got.Req.Years != 5 || got.Req.Certificates != "人力资源管理师" ||
		got.Employment != model.EmployAgency || len(got.Dotted) != 1 {
		t.Errorf("stored %+v", got)
	}
	// One save is one undo step.
	u.Undo()
	if got, _ = storedPost(t, u, p.ID); len(got.Duties) != 10 || got.Grade != "M3" || got.SalaryMax != 0 {
		t.Errorf("after undo %+v", got)
	}
}

func TestPositionFormRejectsBadSalaryAndYears(t *testing.T) {
	u := newTestUI(t)
	u.editor.load(u.postByTitle(t, "出纳").ID)
	e := u.editor
	e.salaryMin.SetText("9000")
	e.salaryMax.SetText("5000")
	if !e.save.Disabled() || !strings.Contains(e.message.Text, "salary") {
		t.Errorf("salary 9000–5000: %q", e.message.Text)
	}
	e.salaryMax.SetText("")
	e.years.SetText("三年")
	if !e.save.Disabled() || !strings.Contains(e.message.Text, "Years") {
		t.Errorf("years 三年: %q", e.message.Text)
	}
}

func TestHoldersAssignChangeAndRemove(t *testing.T) {
	u := newTestUI(t)
	fm := u.postByTitle(t, "财务部经理")
	u.editor.load(fm.ID)
	e := u.editor
	// 吴丽 (会计, 1.0) takes the vacant manager post as well.
	idx := -1
	for i, o := range e.assign.Options() {
		if strings.HasPrefix(o, "吴丽") {
			idx = i
		}
	}
	if idx < 0 {
		t.Fatal("吴丽 not offered")
	}
	e.assign.Pick(idx)
	tapButton(t, u.win.Canvas(), "Keep both (over 100 %)")
	pf := u.fig.Positions[fm.ID]
	if len(pf.Holders) != 1 || pf.Holders[0].Name != "吴丽" || !pf.Holders[0].Concurrent {
		t.Fatalf("holders %+v", pf.Holders)
	}
	if pf.Holders[0].FTE != 0.5 {
		t.Errorf("someone already full-time is assigned at 0.5, got %v", pf.Holders[0].FTE)
	}
	e.setFTE(pf.Holders[0].Assignment, "0.3")
	if got := u.fig.Positions[fm.ID].Actual; got != 0.3 {
		t.Errorf("actual after FTE change %v", got)
	}
	e.unassign(u.fig.Positions[fm.ID].Holders[0].Assignment, "吴丽")
	if n := len(u.fig.Positions[fm.ID].Holders); n != 0 {
		t.Errorf("%d holders after removal", n)
	}
	u.Undo()
	u.Undo()
	if got := u.fig.Positions[fm.ID].Actual; got != 0.5 {
		t.Errorf("two undos should bring back 吴丽 at 0.5, actual %v", got)
	}
	u.Undo()
	if n := len(u.fig.Positions[fm.ID].Holders); n != 0 {
		t.Errorf("third undo should remove the assignment, %d holders", n)
	}
}

func TestDirectReportsOpenThePost(t *testing.T) {
	u := newTestUI(t)
	u.editor.load(u.postByTitle(t, "生产部主管").ID)
	b := u.editor.reportsList.Objects[0].(*widget.Button)
	if !strings.HasPrefix(b.Text, "班组长") {
		t.Fatalf("first direct report %q", b.Text)
	}
	test.Tap(b)
	if u.editor.title.Text != "班组长" {
		t.Errorf("tapping a direct report opened %q", u.editor.title.Text)
	}
}

func TestPlanSettingsAndBasis(t *testing.T) {
	u := newTestUI(t)
	f := newPlanForm(u.data.Plan)
	if f.basis.SelectedIndex() != int(model.Basis2025) || f.days.Text != "20.67" || !f.days.Disabled() {
		t.Fatalf("default basis: %d %q", f.basis.SelectedIndex(), f.days.Text)
	}
	f.basis.SetSelectedIndex(int(model.BasisCustom))
	f.days.SetText("22")
	f.hours.SetText("0")
	if _, err := f.result(u.data.Plan); err == nil {
		t.Error("zero hours accepted")
	}
	f.hours.SetText("176")
	f.effective.SetText("2027-01-01")
	f.name.SetText("康飞 2027")
	u.savePlanSettings(f)
	if p := u.data.Plan; p.Name != "康飞 2027" || p.Basis.HoursPerMonth() != 176 || p.Effective.Year() != 2027 {
		t.Fatalf("stored plan %+v", p)
	}
	if !strings.Contains(u.win.Title(), "康飞 2027") {
		t.Errorf("title %q", u.win.Title())
	}
	u.Undo()
	if p := u.data.Plan; p.Name != "康飞塑业 人员配置" || p.Basis.Kind != model.Basis2025 {
		t.Errorf("after undo %+v", p)
	}
	if got := core.BasisText(model.WorkBasis{Kind: model.Basis2008}); !strings.Contains(got, "166.64") {
		t.Errorf("2008 basis text %q", got)
	}
}

func TestDeletePlanAsksAndUndoes(t *testing.T) {
	u := newTestUI(t)
	first := u.planID
	u.deletePlanDialog()
	tapButton(t, u.win.Canvas(), "Yes")
	if len(u.plans) != 0 || u.planID != 0 {
		t.Fatalf("plans after delete: %d", len(u.plans))
	}
	u.Undo()
	if len(u.plans) != 1 || u.planID != first || len(u.data.Positions) == 0 {
		t.Fatalf("undo did not bring the plan back")
	}
}
