package importer

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/simplifiedchinese"

	"staffplan/data/model"
	"staffplan/data/store"
)

// fixSheet is a sheet of a generated workbook; merges are "A1:J1" ranges.
type fixSheet struct {
	name   string
	rows   [][]any
	merges []string
}

// writeXLSX writes a workbook with excelize, as Excel would: shared
// strings, numbers as numbers.
func writeXLSX(t testing.TB, path string, sheets ...fixSheet) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			if err := f.SetSheetName("Sheet1", s.name); err != nil {
				t.Fatal(err)
			}
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cellName, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cellName, &row); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.merges {
			a, b, _ := bytes.Cut([]byte(m), []byte(":"))
			if err := f.MergeCell(s.name, string(a), string(b)); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	checkFastReader(t, path)
	return path
}

func tempPath(t testing.TB, name string) string { return filepath.Join(t.TempDir(), name) }

func writeGBK(t testing.TB, path, text string) string {
	t.Helper()
	b, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(text))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func mustRead(t testing.TB, path string, opt *Options) *Workbook {
	t.Helper()
	w, err := Read(context.Background(), path, opt)
	if err != nil {
		t.Fatalf("Read %s: %v", filepath.Base(path), err)
	}
	return w
}

func mustPrepare(t testing.TB, w *Workbook, d *model.PlanData) *Preview {
	t.Helper()
	p, err := Prepare(context.Background(), w, d, nil)
	if err != nil {
		t.Fatalf("Prepare: %v", err)
	}
	return p
}

func openStore(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(filepath.Join(t.TempDir(), "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// commitNew imports a preview into a new plan and loads it back.
func commitNew(t testing.TB, s *store.Store, p *Preview) (*model.PlanData, *store.Change) {
	t.Helper()
	if !p.OK() {
		t.Fatalf("preview has errors: %v", p.Errors)
	}
	ch, err := Commit(s, 0, p, nil)
	if err != nil {
		t.Fatalf("Commit: %v", err)
	}
	d, err := s.LoadPlan(ch.PlanID)
	if err != nil {
		t.Fatal(err)
	}
	return d, ch
}

func personBy(t testing.TB, d *model.PlanData, name string) model.Person {
	t.Helper()
	for _, p := range d.People {
		if p.Name == name {
			return p
		}
	}
	t.Fatalf("no person %q", name)
	return model.Person{}
}

// postOf returns "unit/path/title" of a person's first post.
func postOf(d *model.PlanData, person model.ID) string {
	for _, a := range d.Assignments {
		if a.Person != person {
			continue
		}
		for _, p := range d.Positions {
			if p.ID == a.Position {
				path := model.UnitPath(d, p.Unit)
				return join(append(path, p.Title))
			}
		}
	}
	return ""
}

func join(s []string) string {
	var b bytes.Buffer
	for i, x := range s {
		if i > 0 {
			b.WriteByte('/')
		}
		b.WriteString(x)
	}
	return b.String()
}

func fileBytes(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func writeRaw(t testing.TB, path, text string) string {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}
