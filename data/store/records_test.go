package store

import (
	"testing"

	"staffplan/data/model"
)

// TestChangeRecords: the records a change reports are the ones LoadPlan
// reads after it, and after Revert the ones it read before.
func TestChangeRecords(t *testing.T) {
	s, id := withPlan(t)
	before := load(t, s, id)
	post, gone := before.Positions[1], before.Assignments[0]
	ch, err := s.Update(id, "edit", func(tx *Tx) error {
		p := post
		p.Title, p.Planned = "新岗位名", 7
		if err := tx.PutPosition(&p); err != nil {
			return err
		}
		return tx.DeleteAssignment(gone.ID)
	})
	if err != nil {
		t.Fatal(err)
	}
	after := load(t, s, id)
	find := func(recs []Record, k RecordKind, id model.ID) *Record {
		for i := range recs {
			if recs[i].Kind == k && recs[i].ID == id {
				return &recs[i]
			}
		}
		t.Fatalf("no record %d of kind %d in %+v", id, k, recs)
		return nil
	}
	recs, err := ch.Records(false)
	if err != nil {
		t.Fatal(err)
	}
	var stored model.Position
	for _, p := range after.Positions {
		if p.ID == post.ID {
			stored = p
		}
	}
	mustEqual(t, "post after", *find(recs, RecordPosition, post.ID).Position, stored)
	if r := find(recs, RecordAssignment, gone.ID); !r.Deleted || r.Assignment != nil {
		t.Errorf("deleted assignment reported as %+v", r)
	}
	recs, err = ch.Records(true)
	if err != nil {
		t.Fatal(err)
	}
	mustEqual(t, "post before", *find(recs, RecordPosition, post.ID).Position, post)
	mustEqual(t, "assignment before", *find(recs, RecordAssignment, gone.ID).Assignment, gone)
}
