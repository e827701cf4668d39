package store

import (
	"errors"
	"math"
	"math/rand/v2"
	"testing"
	"time"

	"staffplan/data/model"
)

func TestCodecRoundTrip(t *testing.T) {
	d := samplePlan()
	var p model.Plan
	if err := decodePlan(encodePlan(&d.Plan), &p); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "plan", p, d.Plan)
	for _, u := range d.Units {
		var got model.Unit
		if err := decodeUnit(encodeUnit(&u), &got); err != nil {
			t.Fatal(err)
		}
		got.ID = u.ID
		mustEqual(t, "unit", got, u)
	}
	for _, x := range d.Positions {
		var got model.Position
		if err := decodePosition(encodePosition(&x), &got); err != nil {
			t.Fatal(err)
		}
		got.ID = x.ID
		mustEqual(t, "position", got, x)
	}
	for _, x := range d.People {
		var got model.Person
		if err := decodePerson(encodePerson(&x), &got); err != nil {
			t.Fatal(err)
		}
		got.ID = x.ID
		mustEqual(t, "person", got, x)
	}
	for _, x := range d.Assignments {
		var got model.Assignment
		if err := decodeAssignment(encodeAssignment(&x), &got); err != nil {
			t.Fatal(err)
		}
		got.ID = x.ID
		mustEqual(t, "assignment", got, x)
	}
}

func TestCodecSpecialValues(t *testing.T) {
	in := model.Position{Title: "x", Planned: 1e6, SalaryMin: math.Copysign(0, -1), Order: math.MinInt64,
		Req: model.Requirements{Years: 1000}}
	var got model.Position
	if err := decodePosition(encodePosition(&in), &got); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "position", got, in)
	// Beyond the ranges a stored value may take, the decoder refuses: a
	// damaged byte must not come back as a figure of 7.9e28.
	for _, bad := range []model.Position{{Title: "x", Planned: math.Inf(1)}, {Title: "x", Planned: 7.9e28},
		{Title: "x", Planned: -1}, {Title: "x", Req: model.Requirements{Years: math.MaxFloat64}},
		{Title: "x\x01"}, {Title: "\xff"}, {Title: "x", Status: 9}} {
		if err := decodePosition(encodePosition(&bad), &got); !errors.Is(err, ErrCorrupt) {
			t.Errorf("%+v decoded: %v", bad, err)
		}
	}
	var a model.Assignment
	for _, fte := range []float64{0, -0.5, 1.0000001, math.NaN(), 7.9e28} {
		if err := decodeAssignment(encodeAssignment(&model.Assignment{FTE: fte}), &a); !errors.Is(err, ErrCorrupt) {
			t.Errorf("FTE %v decoded: %v", fte, err)
		}
	}

	for _, tm := range []time.Time{{}, time.Unix(-1e10, 5).UTC(), time.Unix(1e10, 999999999)} {
		e := newEnc(0)
		e.time(tm)
		d := newDec(e.b)
		if got := d.time(); !got.Equal(tm) || got.Location() != tm.Location() || d.done("t") != nil {
			t.Errorf("time %v came back as %v", tm, got)
		}
	}
}

// TestCodecGarbage feeds truncations, bit flips and random bytes to every
// decoder: each must return ErrCorrupt or succeed, never panic.
func TestCodecGarbage(t *testing.T) {
	d := samplePlan()
	decoders := map[string]func([]byte) error{
		"plan":       func(b []byte) error { var x model.Plan; return decodePlan(b, &x) },
		"unit":       func(b []byte) error { var x model.Unit; return decodeUnit(b, &x) },
		"position":   func(b []byte) error { var x model.Position; return decodePosition(b, &x) },
		"person":     func(b []byte) error { var x model.Person; return decodePerson(b, &x) },
		"assignment": func(b []byte) error { var x model.Assignment; return decodeAssignment(b, &x) },
		"unitParent": func(b []byte) error { _, err := unitParent(b); return err },
		"positionRefs": func(b []byte) error {
			_, _, _, err := positionRefs(b)
			return err
		},
	}
	valid := [][]byte{encodePlan(&d.Plan), encodeUnit(&d.Units[1]), encodePosition(&d.Positions[2]),
		encodePerson(&d.People[0]), encodeAssignment(&d.Assignments[0])}
	rng := rand.New(rand.NewPCG(1, 2))
	var inputs [][]byte
	for _, v := range valid {
		for n := 0; n < len(v); n++ {
			inputs = append(inputs, v[:n])
		}
		for i := 0; i < 200; i++ {
			b := append([]byte(nil), v...)
			b[rng.IntN(len(b))] ^= byte(1 << rng.IntN(8))
			inputs = append(inputs, b)
		}
	}
	for i := 0; i < 2000; i++ {
		b := make([]byte, rng.IntN(64))
		for j := range b {
			b[j] = byte(rng.UintN(256))
		}
		if len(b) > 0 && i%2 == 0 {
			b[0] = recordFormat
		}
		inputs = append(inputs, b)
	}
	// A huge count must be refused before it drives an allocation.
	inputs = append(inputs, []byte{recordFormat, 1, 'x', 1, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f})
	for name, dec := range decoders {
		for _, in := range inputs {
			if err := dec(in); err != nil && !errors.Is(err, ErrCorrupt) {
				t.Fatalf("%s(%x): %v is not ErrCorrupt", name, in, err)
			}
		}
	}
	for _, v := range valid[1:] {
		var x model.Plan
		if err := decodePlan(append(v, 0), &x); !errors.Is(err, ErrCorrupt) {
			t.Errorf("trailing garbage accepted: %v", err)
		}
	}
}

func FuzzDecodePosition(f *testing.F) {
	d := samplePlan()
	for i := range d.Positions {
		f.Add(encodePosition(&d.Positions[i]))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var p model.Position
		if err := decodePosition(b, &p); err != nil {
			if !errors.Is(err, ErrCorrupt) {
				t.Fatal(err)
			}
			return
		}
		// Whatever decodes must encode back to the same bytes or be a
		// non-canonical varint; at least it must decode again.
		var q model.Position
		if err := decodePosition(encodePosition(&p), &q); err != nil {
			t.Fatal(err)
		}
	})
}
