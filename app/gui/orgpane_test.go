package gui

import (
	"strings"
	"testing"

	"staffplan/app/core"
)

func TestOrgPaneShowsEveryPostAndSwitchesView(t *testing.T) {
	u := newTestUI(t)
	o := u.org
	if n := o.chart.Model().Len(); n != len(u.data.Positions) {
		t.Fatalf("chart has %d boxes for %d posts", n, len(u.data.Positions))
	}
	o.view.SetSelected("Units")
	if n := o.chart.Model().Len(); n != len(u.data.Units) || !o.units {
		t.Fatalf("units view has %d boxes for %d units", n, len(u.data.Units))
	}
	o.view.SetSelected("Posts")
	if !strings.Contains(o.span.Text, "Layers: 4") || !strings.Contains(o.span.Text, "总经理 · 康飞塑业") {
		t.Errorf("span panel:\n%s", o.span.Text)
	}
}

func TestOrgPaneDragReparentsAndUndoes(t *testing.T) {
	u := newTestUI(t)
	store := u.postByTitle(t, "仓管")
	fin := u.postByTitle(t, "财务部经理")
	if err := u.org.chart.OnReparent(core.ChartPostID(store.ID), core.ChartPostID(fin.ID)); err != nil {
		t.Fatal(err)
	}
	if got, _ := storedPost(t, u, store.ID); got.ReportsTo != fin.ID {
		t.Fatalf("仓管 reports to %d, want 财务部经理", got.ReportsTo)
	}
	// The chart follows the plan.
	i, _ := u.org.chart.Model().Index(core.ChartPostID(store.ID))
	if p := u.org.chart.Model().ParentOf(i); u.org.chart.Model().Node(p).Title != "财务部经理" {
		t.Errorf("chart parent of 仓管 is %q", u.org.chart.Model().Node(p).Title)
	}
	u.Undo()
	if got, _ := storedPost(t, u, store.ID); got.ReportsTo != u.postByTitle(t, "生产部经理").ID {
		t.Errorf("undo left 仓管 under %d", got.ReportsTo)
	}
	// A cycle is refused by the store with a message; nothing changes.
	gm := u.postByTitle(t, "总经理")
	err := u.org.chart.OnReparent(core.ChartPostID(gm.ID), core.ChartPostID(store.ID))
	if err == nil || !errorsIsCycle(err) {
		t.Fatalf("a cycle was not refused: %v", err)
	}
	if got, _ := storedPost(t, u, gm.ID); got.ReportsTo != 0 {
		t.Errorf("总经理 moved under %d", got.ReportsTo)
	}
}

func errorsIsCycle(err error) bool {
	return strings.Contains(core.ErrText(err), "cannot report to itself or to a post under it")
}

func TestOrgPaneSearchFindsPeopleAndAddsPosts(t *testing.T) {
	u := newTestUI(t)
	o := u.org
	o.search.SetText("韩冰")
	if o.found.Text != "1" {
		t.Errorf("searching a holder's name found %q", o.found.Text)
	}
	lead := u.postByTitle(t, "班组长")
	before := len(u.data.Positions)
	o.addPost(lead.Unit, lead.ID)
	if len(u.data.Positions) != before+1 {
		t.Fatal("no post added")
	}
	added := u.posts[u.editor.id]
	if added.ReportsTo != lead.ID || added.Unit != lead.Unit {
		t.Errorf("subordinate post %+v", *added)
	}
	if _, ok := o.chart.Model().Index(core.ChartPostID(added.ID)); !ok {
		t.Error("the new post has no box")
	}
}
