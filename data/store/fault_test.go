package store

import (
	"errors"
	"flag"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"staffplan/data/model"
)

var allFaults = flag.Bool("faults.all", false, "flip every byte of the database in TestFaultInjection (slow)")

// faultPlan is a plan of a few hundred records of every kind.
func faultPlan() *model.PlanData {
	d := &model.PlanData{Plan: model.Plan{Name: "故障注入", Organisation: "测试公司", Notes: "n",
		Effective: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)}}
	d.Units = append(d.Units, model.Unit{ID: 1, Name: "总公司", Kind: model.UnitCompany})
	for i := 2; i <= 20; i++ {
		d.Units = append(d.Units, model.Unit{ID: model.ID(i), Name: fmt.Sprintf("部门%d", i), Kind: model.UnitDepartment, Parent: 1, Order: i})
	}
	for i := 0; i < 120; i++ {
		p := model.Position{ID: model.ID(1000 + i), Title: fmt.Sprintf("岗位%d", i), Unit: model.ID(1 + i%20),
			Planned: float64(1 + i%4), Grade: "G" + fmt.Sprint(i%7), Duties: []string{"职责一", "职责二"}}
		if i > 0 {
			p.ReportsTo = 1000 + model.ID(i/3)
		}
		d.Positions = append(d.Positions, p)
	}
	for i := 0; i < 300; i++ {
		d.People = append(d.People, model.Person{ID: model.ID(5000 + i), EmpNo: fmt.Sprintf("E%04d", i),
			Name: fmt.Sprintf("员工%d", i), Status: model.PersonStatus(i % 3), HireDate: time.Date(2015+i%10, 1, 2, 0, 0, 0, 0, time.UTC)})
		fte := 1.0
		if i%5 == 0 {
			fte = 0.5
		}
		d.Assignments = append(d.Assignments, model.Assignment{ID: model.ID(9000 + i), Person: model.ID(5000 + i),
			Position: model.ID(1000 + i%120), FTE: fte})
	}
	return d
}

// readAll is what `show` and `export` read: every plan, whole.
func readAll(path string) ([]*model.PlanData, error) {
	s, err := OpenReadOnly(path, &Options{Timeout: 50 * time.Millisecond})
	if err != nil {
		return nil, err
	}
	defer s.Close()
	plans, err := s.Plans()
	if err != nil {
		return nil, err
	}
	var out []*model.PlanData
	for _, p := range plans {
		d, err := s.LoadPlan(p.ID)
		if err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, nil
}

// TestFaultInjection flips single bytes of a real database, in its data
// pages and in both meta pages, and reads the copy as `show` does: every
// read must either give exactly the original plans or refuse with an error.
// A silently different result is the failure this guards against. With
// -faults.all every byte is flipped.
func TestFaultInjection(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "plans.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.CreatePlan(faultPlan(), "newplan")
	if err != nil {
		t.Fatal(err)
	}
	// Some later edits, so the file has history: freed pages and a meta
	// page one transaction back.
	loaded := load(t, s, id)
	for i := 0; i < 5; i++ {
		if _, err := s.Update(id, "edit", func(tx *Tx) error {
			p, err := tx.Position(loaded.Positions[i].ID)
			if err != nil {
				return err
			}
			p.Planned += 1
			return tx.PutPosition(&p)
		}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	orig := readFile(t, path)
	last := readFile(t, lastSavePath(path))
	want, err := readAll(path)
	if err != nil {
		t.Fatal(err)
	}
	pageSize := 4096
	if m, ok := readMeta(bytesReaderAt(orig), 0); ok {
		pageSize = int(m.pageSize)
	}
	var offsets []int
	if *allFaults {
		for i := range orig {
			offsets = append(offsets, i)
		}
	} else {
		// Every byte of both meta pages' headers and fields, then a sample
		// of the data pages.
		for _, base := range []int{0, pageSize} {
			for i := 0; i < pageHeaderSize+metaSize; i++ {
				offsets = append(offsets, base+i)
			}
		}
		// The header and first elements of every page: a page id in a
		// branch element that points back up the tree once made a cursor
		// descend until memory ran out.
		for base := 2 * pageSize; base < len(orig); base += pageSize {
			for i := 0; i < pageHeaderSize+2*elemSize; i++ {
				offsets = append(offsets, base+i)
			}
		}
		rng := rand.New(rand.NewPCG(12, 34))
		for i := 0; i < 1500; i++ {
			offsets = append(offsets, 2*pageSize+rng.IntN(len(orig)-2*pageSize))
		}
	}
	fpath := filepath.Join(dir, "flipped.db")
	if err := os.WriteFile(lastSavePath(fpath), last, 0o600); err != nil {
		t.Fatal(err)
	}
	refused, same, silent := 0, 0, 0
	buf := make([]byte, len(orig))
	// The copy is rewritten in place: every copy has the same size, and
	// truncating the file each time (os.WriteFile) made ext4 wait for the
	// previous copy's writeback, 2 ms a flip, most of the test's time.
	ff, err := os.OpenFile(fpath, os.O_RDWR|os.O_CREATE|os.O_TRUNC, 0o600)
	if err != nil {
		t.Fatal(err)
	}
	defer ff.Close()
	for n, off := range offsets {
		copy(buf, orig)
		// Alternate a single-bit flip and a whole-byte change.
		if n%2 == 0 {
			buf[off] ^= 1 << (n / 2 % 8)
		} else {
			buf[off] ^= 0xff
		}
		if _, err := ff.WriteAt(buf, 0); err != nil {
			t.Fatal(err)
		}
		got, err := readAll(fpath)
		switch {
		case err != nil:
			if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrOlderThanLastSave) && !errors.Is(err, ErrNewerSchema) {
				t.Errorf("offset %d: refused with an unexpected error: %v", off, err)
			}
			refused++
		case reflect.DeepEqual(got, want):
			same++
		default:
			silent++
			if silent <= 5 {
				t.Errorf("offset %d (page %d): read back different plans without an error", off, off/pageSize)
			}
		}
	}
	t.Logf("%d flips over %d bytes: %d refused, %d read the same, %d silently different", len(offsets), len(orig), refused, same, silent)
	if silent > 0 {
		t.Errorf("%d flips gave silently different results", silent)
	}
}

type bytesReaderAt []byte

func (b bytesReaderAt) ReadAt(p []byte, off int64) (int, error) {
	if off >= int64(len(b)) {
		return 0, errors.New("EOF")
	}
	n := copy(p, b[off:])
	if n < len(p) {
		return n, errors.New("EOF")
	}
	return n, nil
}
