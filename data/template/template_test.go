package template

import (
	"errors"
	"strings"
	"testing"

	"staffplan/assets"
	"staffplan/data/i18n"
	"staffplan/data/model"
)

func load(t *testing.T, name string) (*model.PlanData, *model.Figures) {
	t.Helper()
	d, err := Load(assets.Templates(), name)
	if err != nil {
		t.Fatal(err)
	}
	return d, model.Compute(d)
}

func unitByName(t *testing.T, d *model.PlanData, name string) model.Unit {
	t.Helper()
	for _, u := range d.Units {
		if u.Name == name {
			return u
		}
	}
	t.Fatalf("no unit %s", name)
	return model.Unit{}
}

func postByTitle(t *testing.T, d *model.PlanData, title string) model.Position {
	t.Helper()
	for _, p := range d.Positions {
		if p.Title == title {
			return p
		}
	}
	t.Fatalf("no position %s", title)
	return model.Position{}
}

func TestListHasDefaultFirst(t *testing.T) {
	infos, err := List(assets.Templates())
	if err != nil {
		t.Fatal(err)
	}
	if len(infos) < 3 || infos[0].Name != "kangfei" || !infos[0].Default {
		t.Fatalf("templates: %+v", infos)
	}
	for _, in := range infos {
		if i18n.Pick(in.Title, "zh") == "" || i18n.Pick(in.Title, "en") == "" || i18n.Pick(in.Description, "en") == "" {
			t.Errorf("%s lacks a title or description", in.Name)
		}
	}
}

func TestKangfeiMatchesSource(t *testing.T) {
	d, f := load(t, "kangfei")
	admin := unitByName(t, d, "行政人事部")
	if got := f.Units[admin.ID].PlannedTotal; got != 9 {
		t.Errorf("行政人事部 planned %v, the source says 9人", got)
	}
	dgm := postByTitle(t, d, "副总经理")
	if dgm.Planned != 2 || dgm.Status != model.StatusNotSetUp {
		t.Errorf("副总经理: %+v", dgm)
	}
	if f.Positions[dgm.ID].Vacancy != 0 {
		t.Errorf("a post not set up shows no vacancy")
	}
	store := postByTitle(t, d, "仓管")
	if store.Unit != unitByName(t, d, "生产部").ID || !strings.Contains(store.Note, "财务主管") {
		t.Errorf("仓管 should sit under 生产部 with the note: %+v", store)
	}
	mgr := postByTitle(t, d, "行政人事部经理")
	if len(mgr.Duties) != 10 || mgr.Mission == "" {
		t.Errorf("行政人事部经理 description incomplete: %d duties", len(mgr.Duties))
	}
	if f.Positions[mgr.ID].DirectReports != 7 {
		t.Errorf("行政人事部经理 has %d direct reports", f.Positions[mgr.ID].DirectReports)
	}
	// The man who left is not counted in post.
	buyer := postByTitle(t, d, "采购员")
	if got := f.Positions[buyer.ID].Actual; got != 1 {
		t.Errorf("采购员 actual %v, want 1 (one holder has left)", got)
	}
}

func TestServiceCentreConcurrentPost(t *testing.T) {
	d, f := load(t, "service-centre")
	csc := unitByName(t, d, "客户服务中心")
	if uf := f.Units[csc.ID]; uf.PlannedTotal != 2 || uf.ActualTotal != 2 || uf.PlannedDirect != 1 {
		t.Errorf("客户服务中心 figures %+v, want 2 planned and 2 in post, 1 direct", *uf)
	}
	a := postByTitle(t, d, "业务受理专员")
	h := f.Positions[a.ID].Holders
	if len(h) != 1 || !h[0].Concurrent || h[0].FTE != 0.5 {
		t.Errorf("业务受理专员 holders %+v, want one concurrent holder at 0.5", h)
	}
	if f.PeopleInPost != 2 {
		t.Errorf("people in post %d", f.PeopleInPost)
	}
}

func TestFinanceTwoPeople(t *testing.T) {
	d, f := load(t, "finance-two")
	fin := unitByName(t, d, "财务部")
	if uf := f.Units[fin.ID]; uf.PlannedTotal != 2 || uf.ActualTotal != 2 {
		t.Errorf("财务部 %+v", *uf)
	}
}

func TestUnknownTemplate(t *testing.T) {
	if _, err := Load(assets.Templates(), "nope"); !errors.Is(err, ErrUnknown) {
		t.Fatalf("err %v", err)
	}
	if _, err := Lookup(assets.Templates(), "nope"); !errors.Is(err, ErrUnknown) {
		t.Fatalf("err %v", err)
	}
	if in, err := Lookup(assets.Templates(), "wind-farm"); err != nil || in.Rules != "wind-farm" || in.Industry != "energy" {
		t.Fatalf("wind-farm: %+v %v", in, err)
	}
}
