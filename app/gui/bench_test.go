package gui

import (
	"os"
	"path/filepath"
	"sync"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"

	"staffplan/app/core"
	"staffplan/data/model"
	"staffplan/data/model/modeltest"
	"staffplan/data/store"
)

// benchPlans are the large plans of the benchmarks, each built once per run
// of the test binary and shared: building 100,000 people takes seconds, and
// a benchmark function is called several times while b.N grows.
var benchPlans struct {
	sync.Mutex
	dir    string
	stores map[string]*store.Store
	ids    map[string]model.ID
}

func TestMain(m *testing.M) {
	code := m.Run()
	for _, st := range benchPlans.stores {
		st.Close()
	}
	if benchPlans.dir != "" {
		os.RemoveAll(benchPlans.dir)
	}
	os.Exit(code)
}

// sharedPlan opens (once) a store holding the plan make builds.
func sharedPlan(b *testing.B, name string, make func() *model.PlanData) (*store.Store, model.ID) {
	b.Helper()
	p := &benchPlans
	p.Lock()
	defer p.Unlock()
	if st := p.stores[name]; st != nil {
		return st, p.ids[name]
	}
	if p.dir == "" {
		dir, err := os.MkdirTemp("", "staffplan-app-bench-")
		if err != nil {
			b.Fatal(err)
		}
		p.dir, p.stores, p.ids = dir, map[string]*store.Store{}, map[string]model.ID{}
	}
	st, err := store.Open(filepath.Join(p.dir, name+".db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	id, _, err := st.CreatePlan(make(), "bench")
	if err != nil {
		st.Close()
		b.Fatal(err)
	}
	p.stores[name], p.ids[name] = st, id
	return st, id
}

// largePlan is the store holding a plan of 10,000 posts and 100,000 people
// and the headless app to show it in.
func largePlan(b *testing.B) (fyne.App, *store.Store, model.ID) {
	b.Helper()
	core.InitLang("en")
	a := test.NewTempApp(b)
	st, id := sharedPlan(b, "big", func() *model.PlanData { return modeltest.BigPlan(500, 10_000, 100_000) })
	return a, st, id
}

// importSizedPlan is what importing a real 10,000-person roster makes: 200
// units, 600 posts, and a few big posts (production lines, call-centre
// seats) with 230 to 265 holders each; the rest are spread over the other
// posts.
func importSizedPlan() *model.PlanData {
	d := modeltest.BigPlan(200, 600, 10_000)
	person := 0
	for k := 0; k < 20; k++ {
		post := model.ID(k*30 + 5)
		for n := 0; n < 230+k*35/19; n++ {
			d.Assignments[person].Position = post
			person++
		}
	}
	for i := person; i < len(d.Assignments); i++ {
		post := model.ID(i%600 + 1)
		if post%30 == 5 && post <= 20*30+5 {
			post++
		}
		d.Assignments[i].Position = post
	}
	return d
}

// bigPosts are the posts of importSizedPlan with 230 to 265 holders (the
// store gives records new ids).
func (u *UI) bigPosts() []model.ID {
	var out []model.ID
	for _, p := range u.data.Positions {
		if n := len(u.fig.Positions[p.ID].Holders); n >= 230 && n <= 265 {
			out = append(out, p.ID)
		}
	}
	return out
}

// importSizedUI is the window over importSizedPlan at the default size.
func importSizedUI(b *testing.B) *UI {
	b.Helper()
	core.InitLang("en")
	a := test.NewTempApp(b)
	st, id := sharedPlan(b, "import", importSizedPlan)
	w := test.NewWindow(nil)
	w.Resize(defaultWindow)
	b.Cleanup(w.Close)
	u := New(a, w, st, id)
	u.background = func(work func()) { work() }
	return u
}

// BenchmarkEditLargePlan is one saved edit of a post in a plan of 10,000
// posts and 100,000 people, made in the position form as the user makes it:
// the transaction, bringing the plan in memory up to date and refreshing
// the outline, the form and the status line (the hidden panes follow when
// shown).
func BenchmarkEditLargePlan(b *testing.B) {
	a, st, id := largePlan(b)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 700))
	b.Cleanup(w.Close)
	u := New(a, w, st, id)
	post := u.data.Positions[42].ID
	u.editor.load(post)
	u.tabs.Select(u.posTab)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.editor.planned.SetText(core.FormatFTE(float64(i%7 + 1)))
		if !u.editor.Save() {
			b.Fatal(u.editor.message.Text)
		}
	}
}

// BenchmarkOpenLargePlan builds the window over a plan of 10,000 posts and
// 100,000 people: outline, chart, calculator, roster and status line.
func BenchmarkOpenLargePlan(b *testing.B) {
	a, st, id := largePlan(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		w := test.NewWindow(nil)
		w.Resize(fyne.NewSize(1100, 700))
		New(a, w, st, id)
		w.Close()
	}
}

// BenchmarkImportSizedTabs is one switch of tab on a 10,000-person plan,
// going round all four.
func BenchmarkImportSizedTabs(b *testing.B) {
	u := importSizedUI(b)
	u.editor.load(u.bigPosts()[0])
	tabs := []*container.TabItem{u.orgTab, u.posTab, u.calcTab, u.rosterTab}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.tabs.Select(tabs[i%len(tabs)])
	}
}

// BenchmarkImportSizedRosterFilter is one keystroke in the roster's filter
// on a 10,000-person plan: typing "员工12" and deleting it again.
func BenchmarkImportSizedRosterFilter(b *testing.B) {
	u := importSizedUI(b)
	u.tabs.Select(u.rosterTab)
	steps := []string{"员", "员工", "员工1", "员工12", "员工1", "员工", "员", ""}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.roster.filter.SetText(steps[i%len(steps)])
	}
}

// BenchmarkImportSizedRosterSort is one tap on a roster heading on a
// 10,000-person plan, going round name, unit, total FTE and status.
func BenchmarkImportSizedRosterSort(b *testing.B) {
	u := importSizedUI(b)
	u.tabs.Select(u.rosterTab)
	cols := []int{colName, colUnit, colTotal, colStatus}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.roster.table.SortBy(cols[i%len(cols)])
	}
}

// BenchmarkImportSizedOpenPost opens a post with 230 to 265 holders in the
// position form, as a tap in the outline does.
func BenchmarkImportSizedOpenPost(b *testing.B) {
	u := importSizedUI(b)
	u.tabs.Select(u.posTab)
	posts := u.bigPosts()
	if len(posts) != 20 {
		b.Fatalf("%d posts with 230 to 265 holders, want 20", len(posts))
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.outline.selected(postUID(posts[i%len(posts)]))
	}
}

// BenchmarkShareLargePlan is one change of a holder's share in the position
// form on a plan of 10,000 posts and 100,000 people: an edit of the people
// side, which changes holders, totals and the roster.
func BenchmarkShareLargePlan(b *testing.B) {
	a, st, id := largePlan(b)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 700))
	b.Cleanup(w.Close)
	u := New(a, w, st, id)
	post := u.data.Positions[42].ID
	u.editor.load(post)
	u.tabs.Select(u.posTab)
	as := u.fig.Positions[post].Holders[0].Assignment
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.editor.setFTE(as, []string{"0.5", "1"}[i%2])
	}
	b.StopTimer()
	if n := len(w.Canvas().Overlays().List()); n > 0 {
		b.Fatalf("%d dialogs open: an error?", n)
	}
}

// BenchmarkMoveLargePlanChart is one post moved under another by a drop in
// the org chart, with the chart on screen, on a plan of 10,000 posts and
// 100,000 people.
func BenchmarkMoveLargePlanChart(b *testing.B) {
	a, st, id := largePlan(b)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 700))
	b.Cleanup(w.Close)
	u := New(a, w, st, id)
	u.tabs.Select(u.orgTab)
	post := u.data.Positions[42]
	managers := []model.ID{u.data.Positions[41].ID, post.ReportsTo}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if err := u.org.reparent(core.ChartPostID(post.ID), core.ChartPostID(managers[i%2])); err != nil {
			b.Fatal(err)
		}
	}
}
