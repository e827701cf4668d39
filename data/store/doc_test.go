package store

import (
	"bytes"
	"errors"
	"testing"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

func docOf(t *testing.T, s *Store, id model.ID, name string) []byte {
	t.Helper()
	v, err := s.Doc(id, name)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func putDoc(t *testing.T, s *Store, id model.ID, name string, v []byte) *Change {
	t.Helper()
	ch, err := s.Update(id, "doc", func(tx *Tx) error { return tx.PutDoc(name, v) })
	if err != nil {
		t.Fatal(err)
	}
	return ch
}

// dropDocsBucket makes the plan look like one written before documents.
func dropDocsBucket(t *testing.T, s *Store, id model.ID) {
	t.Helper()
	err := s.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket(planBucketName(id)).DeleteBucket(subBucket[kindDoc])
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestDocUndoRedo(t *testing.T) {
	s, id := withPlan(t)
	if v := docOf(t, s, id, "calc"); v != nil {
		t.Fatalf("fresh plan has doc %q", v)
	}
	first := putDoc(t, s, id, "calc", []byte(`{"v":1}`))
	second := putDoc(t, s, id, "calc", []byte(`{"v":2}`))
	if first == nil || second == nil || second.Len() != 1 {
		t.Fatalf("changes %v %v", first, second)
	}
	if err := s.Revert(second); err != nil {
		t.Fatal(err)
	}
	if v := docOf(t, s, id, "calc"); string(v) != `{"v":1}` {
		t.Fatalf("after undo: %q", v)
	}
	if err := s.Revert(second); !errors.Is(err, ErrConflict) {
		t.Fatalf("second undo: %v", err)
	}
	if err := s.Revert(first); err != nil {
		t.Fatal(err)
	}
	if v := docOf(t, s, id, "calc"); v != nil {
		t.Fatalf("after undoing the first write: %q", v)
	}
	for _, ch := range []*Change{first, second} {
		if err := s.Reapply(ch); err != nil {
			t.Fatal(err)
		}
	}
	if v := docOf(t, s, id, "calc"); string(v) != `{"v":2}` {
		t.Fatalf("after redo: %q", v)
	}
	del := putDoc(t, s, id, "calc", nil)
	if v := docOf(t, s, id, "calc"); v != nil {
		t.Fatalf("after delete: %q", v)
	}
	if err := s.Revert(del); err != nil {
		t.Fatal(err)
	}
	if v := docOf(t, s, id, "calc"); string(v) != `{"v":2}` {
		t.Fatalf("after undoing the delete: %q", v)
	}
}

func TestDocEmptyIsNotAbsent(t *testing.T) {
	s, id := withPlan(t)
	putDoc(t, s, id, "x", []byte{})
	v := docOf(t, s, id, "x")
	if v == nil || len(v) != 0 {
		t.Fatalf("empty doc read back as %#v", v)
	}
	if ch := putDoc(t, s, id, "x", []byte{}); ch != nil {
		t.Fatalf("rewriting the same value made a change of %d keys", ch.Len())
	}
}

func TestDocNames(t *testing.T) {
	s, id := withPlan(t)
	for _, name := range []string{"", string(bytes.Repeat([]byte("a"), 256))} {
		if _, err := s.Update(id, "doc", func(tx *Tx) error { return tx.PutDoc(name, []byte("x")) }); err == nil {
			t.Errorf("name of %d bytes accepted", len(name))
		}
		if _, err := s.Doc(id, name); err == nil {
			t.Errorf("read of name of %d bytes accepted", len(name))
		}
	}
	if _, err := s.Doc(id+1000, "calc"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("doc of a missing plan: %v", err)
	}
}

// A plan stored before documents existed has no "docs" bucket: it loads,
// reads as empty, gets the bucket on the first write, and undo, DeletePlan
// and its revert all cope.
func TestDocOlderPlan(t *testing.T) {
	s, id := withPlan(t)
	want := load(t, s, id)
	dropDocsBucket(t, s, id)
	mustEqual(t, "plan without docs", load(t, s, id), want)
	if v := docOf(t, s, id, "calc"); v != nil {
		t.Fatalf("doc %q", v)
	}
	if ch := putDoc(t, s, id, "calc", nil); ch != nil {
		t.Fatal("deleting an absent doc made a change")
	}
	// Other edits still work on such a plan, and deleting it too.
	p := postTitled(t, want, "总经理")
	p.Planned = 2
	if _, err := s.Update(id, "edit", func(tx *Tx) error { return tx.PutPosition(&p) }); err != nil {
		t.Fatal(err)
	}
	del, err := s.DeletePlan(id)
	if err != nil {
		t.Fatal(err)
	}
	if err := s.Revert(del); err != nil {
		t.Fatal(err)
	}
	dropDocsBucket(t, s, id)
	ch := putDoc(t, s, id, "calc", []byte("rules"))
	if v := docOf(t, s, id, "calc"); string(v) != "rules" {
		t.Fatalf("doc %q", v)
	}
	if err := s.Revert(ch); err != nil {
		t.Fatal(err)
	}
	if v := docOf(t, s, id, "calc"); v != nil {
		t.Fatalf("after undo: %q", v)
	}
	if err := s.Reapply(ch); err != nil {
		t.Fatal(err)
	}
	// Deleting the plan takes its documents; reverting brings them back.
	del, err = s.DeletePlan(id)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Doc(id, "calc"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("doc of a deleted plan: %v", err)
	}
	if err := s.Revert(del); err != nil {
		t.Fatal(err)
	}
	if v := docOf(t, s, id, "calc"); string(v) != "rules" {
		t.Fatalf("after restoring the plan: %q", v)
	}
}

// A document written in the same change as a record is undone with it.
func TestDocWithRecordInOneChange(t *testing.T) {
	s, id := withPlan(t)
	before := load(t, s, id)
	p := postTitled(t, before, "总经理")
	p.Planned = 3
	ch, err := s.Update(id, "apply", func(tx *Tx) error {
		if err := tx.PutPosition(&p); err != nil {
			return err
		}
		return tx.PutDoc("calc", []byte("applied"))
	})
	if err != nil {
		t.Fatal(err)
	}
	if ch.Len() != 2 {
		t.Fatalf("change of %d keys", ch.Len())
	}
	if err := s.Revert(ch); err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "after undo", load(t, s, id), before)
	if v := docOf(t, s, id, "calc"); v != nil {
		t.Fatalf("doc after undo: %q", v)
	}
}
