package gui

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/app/internal/apptest"
	"staffplan/data/model"
	"staffplan/data/store"
)

// paneText is everything the panes show of a plan, read the way the user
// sees it: the status line, every line of the fully opened outline, the
// roster's lines and count, the chart's boxes, the calculator's rows and the
// open post's form.
func paneText(t *testing.T, u *UI) string {
	t.Helper()
	var b strings.Builder
	fmt.Fprintf(&b, "title %s\nstatus %s\nplans %q %q\n", u.win.Title(), u.status.Text, u.planSelect.Options, u.planSelect.Selected)
	u.outline.tree.OpenAllBranches()
	line := u.outline.create(false)
	var walk func(uid widget.TreeNodeID, depth int)
	walk = func(uid widget.TreeNodeID, depth int) {
		for _, c := range u.outline.children(uid) {
			u.outline.update(c, u.outline.isBranch(c), line)
			objs := line.(*fyne.Container).Objects
			name, figs := objs[0].(*widget.Label), objs[2].(*widget.Label)
			fmt.Fprintf(&b, "outline %s%s | %s (%d)\n", strings.Repeat(" ", depth), name.Text, figs.Text, figs.Importance)
			walk(c, depth+1)
		}
	}
	walk("", 0)
	for _, r := range u.roster.table.Shown() {
		fmt.Fprintf(&b, "roster %v %q\n", r.Key, r.Cells)
	}
	fmt.Fprintf(&b, "roster count %s\n", u.roster.count.Text)
	u.tabs.Select(u.orgTab)
	m := u.org.chart.Model()
	for i := range m.Len() {
		n := m.Node(i)
		fmt.Fprintf(&b, "chart %s ← %s %q %q %q %d %s %v\n", n.ID, n.Parent, n.Title, n.Subtitle, n.Lines, n.Style, n.Badge, n.Dotted)
	}
	// The span panel's plan-wide part; the part on the box picked in the
	// chart follows the pick, not the plan.
	span := strings.SplitN(u.org.span.Text, "\n\n", 3)
	fmt.Fprintf(&b, "span %q\n", span[:min(2, len(span))])
	for _, r := range u.calc.rows {
		fmt.Fprintf(&b, "calc %+v\n", r)
	}
	e := u.editor
	if e.id == 0 {
		fmt.Fprintf(&b, "no post: %s\n", e.empty.Text)
		return b.String()
	}
	u.tabs.Select(u.posTab)
	fmt.Fprintf(&b, "form %s | %s | %s | %s | %s\n", e.heading.Text, e.title.Text, e.planned.Text, e.unit.Selected, e.reports.Selected())
	fmt.Fprintf(&b, "units %q\nmanagers %q\nassign %q\n", e.unit.Options, e.reports.Options(), e.assign.Options())
	fmt.Fprintf(&b, "figures %s (%d)\n", e.figures.Text, e.figures.Importance)
	for _, o := range e.reportsList.Objects {
		switch w := o.(type) {
		case *widget.Button:
			fmt.Fprintf(&b, "report %s\n", w.Text)
		case *widget.Label:
			fmt.Fprintf(&b, "report %s\n", w.Text)
		}
	}
	if e.noHolders.Visible() {
		fmt.Fprintf(&b, "holders: %s\n", e.noHolders.Text)
	} else {
		for i := range e.holderList.Length() {
			row := e.holderList.CreateItem()
			e.holderList.UpdateItem(i, row)
			l, fte, _, _ := holderRowParts(row)
			fmt.Fprintf(&b, "holder %s %s (%d)\n", l.Text, fte.Text, l.Importance)
		}
	}
	return b.String()
}

// rebuilt is what a window opened afresh on the same database shows, with
// the same post open.
func rebuilt(t *testing.T, u *UI) string {
	t.Helper()
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 700))
	defer w.Close()
	f := New(u.app, w, u.st, u.planID)
	f.background = func(work func()) { work() }
	if u.editor.id != 0 {
		f.editor.load(u.editor.id)
	}

	if !reflect.DeepEqual(u.data, f.data) {
		t.Errorf("the plan in memory differs from the stored plan")
	}
	if !reflect.DeepEqual(u.fig, f.fig) {
		t.Errorf("the figures differ from those of the stored plan")
	}
	if !reflect.DeepEqual(u.personFTE, f.personFTE) {
		t.Errorf("the people's total shares differ from those of the stored plan")
	}
	return paneText(t, f)
}

// TestEditsShowWhatARebuildShows: after each kind of edit the window, which
// now follows a change record by record, shows exactly what a window built
// afresh over the database shows.
func TestEditsShowWhatARebuildShows(t *testing.T) {
	u := newTestUI(t)
	check := func(what string) {
		t.Helper()
		got := paneText(t, u)
		want := rebuilt(t, u)
		if got != want {
			gl, wl := strings.Split(got, "\n"), strings.Split(want, "\n")
			for i := 0; i < len(gl) || i < len(wl); i++ {
				var g, w string
				if i < len(gl) {
					g = gl[i]
				}
				if i < len(wl) {
					w = wl[i]
				}
				if g != w {
					t.Fatalf("after %s, line %d:\n shown:   %s\n rebuilt: %s\n%s", what, i, g, w, got)
				}
			}
		}
	}
	check("opening")
	// The roster is read while hidden, then shown; the chart is hidden.
	sup := u.postByTitle(t, "生产部主管").ID
	u.outline.selected(postUID(sup))
	e := u.editor
	e.planned.SetText("3")
	e.title.SetText("生产主管")
	if !e.Save() {
		t.Fatal(e.message.Text)
	}
	check("a post edit")

	worker := u.postByTitle(t, "班组长").ID
	u.outline.selected(postUID(worker))
	// Someone who works full time elsewhere, so the split is asked.
	picked := false
	for i, o := range e.assign.Options() {
		if strings.Contains(o, "FTE in all") && !strings.HasPrefix(o, "罗刚") {
			e.assign.Pick(i)
			picked = true
			break
		}
	}
	if !picked {
		t.Fatal("nobody in another post to assign")
	}
	tapButton(t, u.win.Canvas(), "Split her time")
	check("an assignment")

	held := u.fig.Positions[worker].Holders
	if len(held) == 0 {
		t.Fatal("no holders to change")
	}
	e.setFTE(held[0].Assignment, "0.5")
	check("a changed share")
	e.unassign(held[0].Assignment, held[0].Name)
	check("an unassignment")

	u.deletePosition(sup)
	tapButton(t, u.win.Canvas(), "Unassign and delete")
	check("deleting a held post")

	for i := 0; i < 4; i++ {
		u.Undo()
		check(fmt.Sprintf("undo %d", i+1))
	}
	for i := 0; i < 2; i++ {
		u.Redo()
		check(fmt.Sprintf("redo %d", i+1))
	}

	// A unit and a post added from the chart, a post moved under another.
	unit := u.fig.Children[0][0]
	u.tabs.Select(u.orgTab)
	u.org.addPost(unit, 0)
	check("a post added in the chart")
	if err := u.org.reparent(core.ChartPostID(worker), core.ChartPostID(u.postByTitle(t, "财务部经理").ID)); err != nil {
		t.Fatal(err)
	}
	check("a post moved in the chart")
	err := u.apply("a person leaves", func(tx *store.Tx) error {
		for _, p := range u.data.People {
			if p.Status != model.PersonLeft && len(p.Name) > 0 {
				p.Status = model.PersonLeft
				return tx.PutPerson(&p)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	check("a person leaving")

	err = u.apply("rename", func(tx *store.Tx) error {
		p, err := tx.Plan()
		if err != nil {
			return err
		}
		p.Name += "（新）"
		return tx.PutPlan(p)
	})
	if err != nil {
		t.Fatal(err)
	}
	check("renaming the plan")

	// An import, and its undo record by record.
	file := filepath.Join(t.TempDir(), "花名册.xlsx")
	apptest.WriteRoster(t, file, [][]any{
		{"KF300", "钱多多", "生产部", "操作工", "2023-02-01", ""},
		{"KF301", "孙少少", "新部门", "新岗位", "2023-03-01", ""},
	})
	makeOwn(t, u)
	u.Dropped([]fyne.URI{storage.NewFileURI(file)})
	if !u.ConfirmPendingImport() {
		t.Fatal("no import preview")
	}
	check("an import")
	u.Undo()
	check("undoing the import")
	u.Redo()
	check("redoing the import")
}

// TestHoldersListOnScreen: the form's holders are a list as tall as its
// lines (up to ten, then it scrolls), with a line for every holder.
func TestHoldersListOnScreen(t *testing.T) {
	u := newTestUI(t)
	var most model.ID
	for id, pf := range u.fig.Positions {
		if most == 0 || len(pf.Holders) > len(u.fig.Positions[most].Holders) {
			most = id
		}
	}
	u.outline.selected(postUID(most))
	e := u.editor
	n := len(u.fig.Positions[most].Holders)
	if n < 2 {
		t.Fatalf("the sample's biggest post has %d holders", n)
	}
	if e.holderList.Length() != n || !e.holderList.Visible() || e.noHolders.Visible() {
		t.Fatalf("list of %d lines (visible %v) for %d holders", e.holderList.Length(), e.holderList.Visible(), n)
	}
	if h, want := e.holderList.Size().Height, float32(min(n, 10))*e.holderRowHeight(); h < want-1 {
		t.Errorf("the list is %v high, want %v for %d lines", h, want, n)
	}
	// A post nobody holds says so.
	err := u.apply("empty post", func(tx *store.Tx) error {
		p := model.Position{Title: "空岗", Unit: u.fig.Children[0][0], Planned: 1}
		return tx.PutPosition(&p)
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range u.data.Positions {
		if p.Title == "空岗" {
			u.outline.selected(postUID(p.ID))
		}
	}
	if e.holderList.Visible() || !e.noHolders.Visible() {
		t.Error("an empty post shows no “nobody yet”")
	}
}

// TestHiddenPanesFollowWhenShown: an edit made while the org chart and the
// roster are off screen does not rebuild them (on a 10,000-post plan the
// chart alone took most of an edit's time); each shows the edit once its
// tab is picked.
func TestHiddenPanesFollowWhenShown(t *testing.T) {
	u := newTestUI(t)
	u.tabs.Select(u.orgTab)
	u.tabs.Select(u.posTab)
	chart := u.org.chart.Model()
	sup := u.postByTitle(t, "生产部主管").ID
	u.outline.selected(postUID(sup))
	u.editor.title.SetText("生产总监")
	if !u.editor.Save() {
		t.Fatal(u.editor.message.Text)
	}
	if u.org.chart.Model() != chart {
		t.Error("the hidden chart was rebuilt on the edit")
	}
	if !u.roster.table.Pending() {
		t.Error("the hidden roster was rebuilt on the edit")
	}

	u.tabs.Select(u.orgTab)
	m := u.org.chart.Model()
	n, ok := m.Lookup(core.ChartPostID(sup))
	if m == chart || !ok || n.Title != "生产总监" {
		t.Errorf("the chart shown after the edit has %q for the post", n.Title)
	}
	u.tabs.Select(u.rosterTab)
	if u.roster.table.Pending() {
		t.Error("the roster shown is not brought up to date")
	}
	found := false
	for _, r := range u.roster.table.Shown() {
		found = found || strings.Contains(strings.Join(r.Cells, " "), "生产总监")
	}
	if !found {
		t.Error("the roster shown after the edit does not have the new title")
	}
}
