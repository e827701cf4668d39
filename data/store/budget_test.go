package store

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// tailLen is the length of the schema-3 budget fields at the end of a
// record body, as the encoders write them.
func tailLen(t *testing.T, k kind, body []byte) int {
	t.Helper()
	e := &enc{}
	switch k {
	case kindPlan:
		var p model.Plan
		if err := decodePlan(body, &p); err != nil {
			t.Fatal(err)
		}
		encodeBudget(e, &p.Budget)
	case kindUnit:
		var u model.Unit
		if err := decodeUnit(body, &u); err != nil {
			t.Fatal(err)
		}
		e.int(int64(u.Starts))
		e.str(u.Code)
	case kindPosition:
		var p model.Position
		if err := decodePosition(body, &p); err != nil {
			t.Fatal(err)
		}
		encodePay(e, &p)
	case kindPerson:
		var p model.Person
		if err := decodePerson(body, &p); err != nil {
			t.Fatal(err)
		}
		e.time(p.ExpectedStart)
		e.time(p.ExpectedLeave)
	default:
		return 0
	}
	return len(e.b)
}

// toSchema2 rewrites a database as schema 2 wrote it: the same records
// without the budget fields, resealed, with renewed digests.
func toSchema2(t *testing.T, path string) {
	t.Helper()
	setSchema(t, path, 2, func(tx *bolt.Tx) error {
		plans := tx.Bucket(bucketPlans)
		ids, err := planIDs(plans)
		if err != nil {
			return err
		}
		for _, id := range ids {
			tt := &Tx{plan: id}
			if err := tt.bind(tx); err != nil {
				return err
			}
			for _, k := range []kind{kindPlan, kindUnit, kindPosition, kindPerson} {
				if err := reseal(tt.b[k], k, func(key, v []byte) ([]byte, error) {
					if k == kindPlan && btoi(key) != id {
						return nil, nil
					}
					body := v[:len(v)-sealSize]
					return clone(body[:len(body)-tailLen(t, k, body)]), nil
				}); err != nil {
					return err
				}
			}
			sum := planDigest(tt)
			if err := tt.pb.Put(keyDigest, sum.encode(itob(id))); err != nil {
				return err
			}
		}
		return nil
	})
}

// withoutBudget is d as a schema-2 file holds it: no budget fields.
func withoutBudget(d *model.PlanData) *model.PlanData {
	d.Plan.Budget = model.Budget{}
	for i := range d.Units {
		d.Units[i].Starts = 0
	}
	for i := range d.Positions {
		p := &d.Positions[i]
		p.MonthlyPay, p.MonthsPaid, p.Allowances, p.Starts, p.Changes, p.Turnover = 0, 0, 0, 0, nil, 0
	}
	for i := range d.People {
		d.People[i].ExpectedStart, d.People[i].ExpectedLeave = model.Person{}.ExpectedStart, model.Person{}.ExpectedLeave
	}
	return d
}

// TestBudgetFieldsRoundTrip: pay, planned changes, start months, expected
// dates and the contribution profile come back as stored.
func TestBudgetFieldsRoundTrip(t *testing.T) {
	s, id := withPlan(t)
	d := load(t, s, id)
	mustEqual(t, "budget", d.Plan.Budget, samplePlan().Plan.Budget)
	p := postTitled(t, d, "班长")
	if p.MonthlyPay != 6500_50 || p.MonthsPaid != 1350 || p.Allowances != 300_00 || len(p.Changes) != 2 || p.Turnover != 1500 ||
		p.Changes[0].Planned != 4 || p.Changes[1].Status != model.StatusFrozen {
		t.Errorf("post read back as %+v", p)
	}
	if u := unitNamed(t, d, "深圳办"); u.Starts.String() != "2027-06" {
		t.Errorf("unit starts %q", u.Starts)
	}
	if p := personNamed(t, d, "孙七"); p.ExpectedStart.Format("2006-01-02") != "2027-02-01" || p.CountsToday() {
		t.Errorf("expected start %v, counts today %v", p.ExpectedStart, p.CountsToday())
	}
}

// TestSchema2FileOpens: a file written before the budget fields existed
// reads (read-only) with those fields empty, and opening it for writing
// backs it up and migrates it to schema 3 with every record intact.
func TestSchema2FileOpens(t *testing.T) {
	path := filepath.Join(t.TempDir(), "plans.db")
	s, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	id, _, err := s.CreatePlan(samplePlan(), "x")
	if err != nil {
		t.Fatal(err)
	}
	want := withoutBudget(load(t, s, id))
	s.Close()
	toSchema2(t, path)

	ro, err := OpenReadOnly(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "read-only schema 2", *load(t, ro, id), *want)
	ro.Close()

	s, err = Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	bs, err := s.Backups()
	if err != nil || len(bs) != 1 || bs[0].Reason != "migrate" || schemaOf(t, bs[0].Path) != 2 {
		t.Fatalf("backups %+v, %v", bs, err)
	}
	mustEqual(t, "migrated", *load(t, s, id), *want)
	// The migrated records take the new fields.
	d := load(t, s, id)
	p := postTitled(t, d, "班长")
	if _, err := s.Update(id, "pay", func(tx *Tx) error {
		p.MonthlyPay = 8000_00
		return tx.PutPosition(&p)
	}); err != nil {
		t.Fatal(err)
	}
	s.Close()
	if v := schemaOf(t, path); v != 3 {
		t.Errorf("schema %d", v)
	}
	if probs, err := Verify(path, nil); err != nil || len(probs) != 0 {
		t.Errorf("verify: %v %v", probs, err)
	}
}

// TestBudgetRangesOnDecode: a sealed record whose budget fields are out of
// range (a checksum cannot catch what was written so) is refused naming
// the record, not shown as a figure.
func TestBudgetRangesOnDecode(t *testing.T) {
	cases := []struct {
		name string
		edit func(p *model.Position)
	}{
		{"months", func(p *model.Position) { p.MonthsPaid = 20000 }},
		{"pay", func(p *model.Position) { p.MonthlyPay = -1 }},
		{"turnover", func(p *model.Position) { p.Turnover = 10001 }},
		{"change", func(p *model.Position) { p.Changes = []model.PlannedChange{{From: 0, Planned: 1}} }},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			p := model.Position{Title: "x", Unit: 1, Planned: 1}
			c.edit(&p)
			var got model.Position
			err := decodePosition(encodePosition(&p), &got)
			if !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "out of range") {
				t.Errorf("decode: %v", err)
			}
		})
	}
	// And the store refuses to write it.
	s, id := withPlan(t)
	p := postTitled(t, load(t, s, id), "班长")
	p.MonthsPaid = 20000
	if _, err := s.Update(id, "x", func(tx *Tx) error { return tx.PutPosition(&p) }); err == nil {
		t.Error("stored 200 months a year")
	}
	var plan model.Plan
	plan.Budget.Profile.Rates[model.Pension] = 2 * model.RateScale
	if f := badPlan(&plan); f != "contribution rate" {
		t.Errorf("rate of 200 %%: %q", f)
	}
}
