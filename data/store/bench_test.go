package store

import (
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"staffplan/data/model"
	"staffplan/data/model/modeltest"
)

var (
	benchOnce sync.Once
	benchDir  string
	benchPath string
	benchPlan model.ID
	benchErr  error
)

func TestMain(m *testing.M) {
	code := m.Run()
	if benchDir != "" {
		os.RemoveAll(benchDir)
	}
	os.Exit(code)
}

// bigPlan is a large company: 500 units, 10,000 posts, 100,000 people each
// in one post.
func bigPlan() *model.PlanData { return modeltest.BigPlan(500, 10_000, 100_000) }

func benchDB(b *testing.B) (string, model.ID) {
	benchOnce.Do(func() {
		if benchDir, benchErr = os.MkdirTemp("", "staffplan-bench-"); benchErr != nil {
			return
		}
		benchPath = filepath.Join(benchDir, "plans.db")
		s, err := Open(benchPath, nil)
		if err != nil {
			benchErr = err
			return
		}
		start := time.Now()
		benchPlan, _, benchErr = s.CreatePlan(bigPlan(), "bench")
		b.Logf("CreatePlan took %v", time.Since(start))
		if err := s.Close(); benchErr == nil {
			benchErr = err
		}
		if fi, err := os.Stat(benchPath); err == nil {
			b.Logf("database is %.1f MB", float64(fi.Size())/1e6)
		}
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchPath, benchPlan
}

func BenchmarkLoadPlan(b *testing.B) {
	path, id := benchDB(b)
	b.ResetTimer()
	for b.Loop() {
		s, err := Open(path, nil)
		if err != nil {
			b.Fatal(err)
		}
		d, err := s.LoadPlan(id)
		if err != nil {
			b.Fatal(err)
		}
		if len(d.People) != 100_000 || len(d.Assignments) != 100_000 || len(d.Positions) != 10_000 {
			b.Fatalf("loaded %d people, %d assignments, %d posts", len(d.People), len(d.Assignments), len(d.Positions))
		}
		if err := s.Close(); err != nil {
			b.Fatal(err)
		}
	}
}
