package store

import (
	"bytes"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// kind names where a key lives: the plan record in the root "plans" bucket,
// or one of the sub-buckets of the plan's own bucket.
type kind uint8

const (
	kindPlan kind = iota
	kindUnit
	kindPosition
	kindPerson
	kindAssignment
	kindEmpNo
	kindDoc // per-plan documents (doc.go); absent in plans that predate it
	numKinds
)

var subBucket = [numKinds][]byte{
	kindUnit:       []byte("units"),
	kindPosition:   []byte("positions"),
	kindPerson:     []byte("people"),
	kindAssignment: []byte("assignments"),
	kindEmpNo:      []byte("empno"),
	kindDoc:        []byte("docs"),
}

// entry is one key written by a change. A nil before or after means the key
// was absent; records always encode to at least one byte, so nil and empty
// never need telling apart.
type entry struct {
	kind   kind
	key    []byte
	before []byte
	after  []byte
}

// Change is one undoable step: every key it wrote, in the order first
// touched, with the value before and after. It is a snapshot of bytes, so
// Revert and Reapply can detect whether anything moved on since.
type Change struct {
	PlanID model.ID
	Label  string

	entries []entry
}

// Len returns the number of keys the change wrote.
func (c *Change) Len() int { return len(c.entries) }

// recorder collects the entries of a change as a transaction writes them.
type recorder struct {
	entries []entry
	index   map[string]int // kind+key → position in entries
	sum     digest         // adjusted by every write, stored at commit
}

// write seals and puts (val != nil) or deletes a key, remembering the first
// before. val must not be modified afterwards: bbolt keeps it until commit.
func (r *recorder) write(b *bolt.Bucket, k kind, key, val []byte) error {
	if r.index == nil {
		r.index = make(map[string]int)
	}
	if val != nil {
		val = seal(k, key, val)
	}
	mk := string(append([]byte{byte(k)}, key...))
	old := b.Get(key)
	i, ok := r.index[mk]
	if !ok {
		r.entries = append(r.entries, entry{kind: k, key: clone(key), before: clone(old)})
		i = len(r.entries) - 1
		r.index[mk] = i
	}
	r.sum.add(k, old, -1)
	var err error
	if val == nil {
		err = b.Delete(key)
	} else {
		err = b.Put(key, val)
	}
	if err != nil {
		return err
	}
	r.sum.add(k, val, 1)
	r.entries[i].after = val
	return nil
}

// net drops keys that ended where they started.
func (r *recorder) net() []entry {
	out := r.entries[:0]
	for _, e := range r.entries {
		if !sameValue(e.before, e.after) {
			out = append(out, e)
		}
	}
	return out
}

func sameValue(a, b []byte) bool {
	return (a == nil) == (b == nil) && bytes.Equal(a, b)
}

// Revert undoes c. It writes nothing and returns ErrConflict if any key c
// wrote no longer holds the value c left there.
func (s *Store) Revert(c *Change) error { return s.apply(c, false) }

// Reapply redoes a reverted c. It writes nothing and returns ErrConflict if
// any key c wrote no longer holds the value it had before c.
func (s *Store) Reapply(c *Change) error { return s.apply(c, true) }

// apply writes one side of c after checking the other side is in place. The
// plan's bucket exists exactly when its plan record does, which is how
// undoing a CreatePlan removes the plan and undoing a DeletePlan brings it
// back.
func (s *Store) apply(c *Change, redo bool) error {
	if c == nil {
		return nil
	}
	from := func(e *entry) []byte {
		if redo {
			return e.before
		}
		return e.after
	}
	to := func(e *entry) []byte {
		if redo {
			return e.after
		}
		return e.before
	}
	planKey := itob(c.PlanID)
	pbName := planBucketName(c.PlanID)
	return s.update(func(tx *bolt.Tx) error {
		plans := tx.Bucket(bucketPlans)
		if plans == nil {
			return fmt.Errorf("%w: plans are missing", ErrCorrupt)
		}
		pb := tx.Bucket(pbName)
		current := func(e *entry) []byte {
			if e.kind == kindPlan {
				return plans.Get(e.key)
			}
			if pb == nil {
				return nil
			}
			if b := pb.Bucket(subBucket[e.kind]); b != nil {
				return b.Get(e.key)
			}
			return nil
		}
		planAfter := plans.Get(planKey) != nil
		writesData := false
		for i := range c.entries {
			e := &c.entries[i]
			if !sameValue(current(e), from(e)) {
				return ErrConflict
			}
			switch {
			case e.kind == kindPlan:
				planAfter = to(e) != nil
			case to(e) != nil:
				writesData = true
			}
		}
		if !planAfter {
			if writesData {
				// The records would land in a plan that no longer exists.
				return ErrConflict
			}
			if pb != nil {
				if err := tx.DeleteBucket(pbName); err != nil {
					return err
				}
			}
			return plans.Delete(planKey)
		}
		created := pb == nil
		var sum digest
		if created {
			var err error
			if pb, err = createPlanBucket(tx, c.PlanID); err != nil {
				return err
			}
		} else {
			var err error
			if sum, err = readDigest(pb, planKey); err != nil {
				return err
			}
		}
		var subs [numKinds]*bolt.Bucket
		subs[kindPlan] = plans
		for k := kindUnit; k < numKinds; k++ {
			b, err := pb.CreateBucketIfNotExists(subBucket[k])
			if err != nil {
				return err
			}
			if created {
				b.FillPercent = 1 // filled in key order below
			}
			subs[k] = b
		}
		// Write in key order, not change order: each key is written once,
		// so the order does not matter to the result, and bbolt inserts
		// into an in-memory node by shifting, which is quadratic for a
		// large change (a whole plan) written out of order.
		order := make([]int, len(c.entries))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(i, j int) int {
			a, b := &c.entries[i], &c.entries[j]
			if a.kind != b.kind {
				return int(a.kind) - int(b.kind)
			}
			return bytes.Compare(a.key, b.key)
		})
		for _, i := range order {
			e := &c.entries[i]
			sum.add(e.kind, from(e), -1)
			sum.add(e.kind, to(e), 1)
			var err error
			if v := to(e); v == nil {
				err = subs[e.kind].Delete(e.key)
			} else {
				// bbolt keeps v until commit; the change never mutates it.
				err = subs[e.kind].Put(e.key, v)
			}
			if err != nil {
				return err
			}
		}
		return pb.Put(keyDigest, sum.encode(planKey))
	})
}

// createPlanBucket makes the bucket of a plan with all its sub-buckets.
func createPlanBucket(tx *bolt.Tx, id model.ID) (*bolt.Bucket, error) {
	pb, err := tx.CreateBucket(planBucketName(id))
	if err != nil {
		return nil, err
	}
	for k := kindUnit; k < numKinds; k++ {
		if _, err := pb.CreateBucket(subBucket[k]); err != nil {
			return nil, err
		}
	}
	return pb, nil
}

// RecordKind says what sort of record a Record is.
type RecordKind uint8

// Record kinds. RecordOther is the store's own bookkeeping (the 工号 index)
// and per-plan documents, which are not part of model.PlanData.
const (
	RecordPlan RecordKind = iota
	RecordUnit
	RecordPosition
	RecordPerson
	RecordAssignment
	RecordOther
)

// Record is one record a change wrote, decoded as it stands on one side of
// the change. Deleted means the record is absent on that side; otherwise
// the pointer of its kind is set.
type Record struct {
	Kind       RecordKind
	ID         model.ID
	Deleted    bool
	Plan       *model.Plan
	Unit       *model.Unit
	Position   *model.Position
	Person     *model.Person
	Assignment *model.Assignment
}

// Records decodes the records c wrote as they are after it (reverted
// false: after Update or Reapply) or before it (reverted true: after
// Revert), in the order first written. A window holding the plan in memory
// applies them instead of reading the whole plan again; the bytes are the
// ones the store holds, so the result is what LoadPlan would read.
func (c *Change) Records(reverted bool) ([]Record, error) {
	out := make([]Record, 0, len(c.entries))
	for i := range c.entries {
		e := &c.entries[i]
		v := e.after
		if reverted {
			v = e.before
		}
		r := Record{Kind: RecordOther, Deleted: v == nil}
		if e.kind == kindEmpNo || e.kind == kindDoc {
			out = append(out, r)
			continue
		}
		r.ID = btoi(e.key)
		var err error
		switch e.kind {
		case kindPlan:
			r.Kind = RecordPlan
			if v != nil {
				r.Plan = &model.Plan{ID: r.ID}
				err = decodeRecord(e.kind, e.key, v, false, r.Plan, decodePlan)
			}
		case kindUnit:
			r.Kind = RecordUnit
			if v != nil {
				r.Unit = &model.Unit{ID: r.ID}
				err = decodeRecord(e.kind, e.key, v, false, r.Unit, decodeUnit)
			}
		case kindPosition:
			r.Kind = RecordPosition
			if v != nil {
				r.Position = &model.Position{ID: r.ID}
				err = decodeRecord(e.kind, e.key, v, false, r.Position, decodePosition)
			}
		case kindPerson:
			r.Kind = RecordPerson
			if v != nil {
				r.Person = &model.Person{ID: r.ID}
				err = decodeRecord(e.kind, e.key, v, false, r.Person, decodePerson)
			}
		case kindAssignment:
			r.Kind = RecordAssignment
			if v != nil {
				r.Assignment = &model.Assignment{ID: r.ID}
				err = decodeRecord(e.kind, e.key, v, false, r.Assignment, decodeAssignment)
			}
		}
		if err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, nil
}
