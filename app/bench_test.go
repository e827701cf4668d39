package app

import (
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"staffplan/data/model"
	"staffplan/data/model/modeltest"
	"staffplan/data/store"
)

// largePlan opens a store holding a plan of 10,000 posts and 100,000 people
// (closed at cleanup) and the headless app to show it in.
func largePlan(b *testing.B) (fyne.App, *store.Store, model.ID) {
	b.Helper()
	InitLang("en")
	a := test.NewTempApp(b)
	st, err := store.Open(filepath.Join(b.TempDir(), "big.db"), nil)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { st.Close() })
	id, _, err := st.CreatePlan(modeltest.BigPlan(500, 10_000, 100_000), "bench")
	if err != nil {
		b.Fatal(err)
	}
	return a, st, id
}

// BenchmarkEditLargePlan is one saved edit of a post in a plan of 10,000
// posts and 100,000 people: the transaction, reloading the plan and
// refreshing the outline, editor, roster and status line.
func BenchmarkEditLargePlan(b *testing.B) {
	a, st, id := largePlan(b)
	w := test.NewWindow(nil)
	w.Resize(fyne.NewSize(1100, 700))
	u := New(a, w, st, id)
	post := u.data.Positions[42].ID
	u.editor.load(post)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		u.editor.planned.SetText(FormatFTE(float64(i%7 + 1)))
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
