package store

import (
	"errors"
	"strings"
	"testing"

	"staffplan/data/model"
)

// TestUnitCodeRoundTrip: a unit's code (部门编码) is stored with the unit,
// survives a rename and reopening, and a code the record cannot hold is
// refused on write and on read.
func TestUnitCodeRoundTrip(t *testing.T) {
	s, id := withPlan(t)
	u := unitNamed(t, load(t, s, id), "生产部")
	u.Code = "D0012"
	if _, err := s.Update(id, "code", func(tx *Tx) error { return tx.PutUnit(&u) }); err != nil {
		t.Fatal(err)
	}
	u.Name = "制造中心"
	if _, err := s.Update(id, "rename", func(tx *Tx) error { return tx.PutUnit(&u) }); err != nil {
		t.Fatal(err)
	}
	path := s.Path()
	s.Close()
	if probs, err := Verify(path, nil); err != nil || len(probs) != 0 {
		t.Errorf("verify: %v %v", probs, err)
	}
	s2, err := Open(path, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if got := unitNamed(t, load(t, s2, id), "制造中心"); got.Code != "D0012" || got.Starts != u.Starts {
		t.Errorf("read back %+v", got)
	}

	bad := u
	bad.Code = "D\x01"
	if _, err := s2.Update(id, "bad", func(tx *Tx) error { return tx.PutUnit(&bad) }); err == nil {
		t.Error("stored a code with a control character")
	}
	var got model.Unit
	if err := decodeUnit(encodeUnit(&bad), &got); !errors.Is(err, ErrCorrupt) || !strings.Contains(err.Error(), "code") {
		t.Errorf("decode of a bad code: %v", err)
	}
}
