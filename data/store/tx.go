package store

import (
	"errors"
	"fmt"
	"slices"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// Tx edits one plan inside Store.Update. It is only valid while the function
// passed to Update runs; every Put validates against the state inside the
// transaction, so rules hold however edits are combined.
type Tx struct {
	plan model.ID
	b    [numKinds]*bolt.Bucket // b[kindPlan] is the root "plans" bucket
	pb   *bolt.Bucket           // the plan's own bucket, for lazily made sub-buckets
	rec  recorder
	done bool
	// legacy is set for a schema-1 file read without migrating it: its
	// records have no checksums and its plans no digest.
	legacy bool

	// empNo holds 工号 index writes (0 = delete) until fn returns; they are
	// then written in key order. 工号 of a bulk import come in any order,
	// and bbolt inserts into a node by shifting, which turns quadratic.
	empNo map[string]model.ID
}

var errTxDone = errors.New("store: Tx used outside its Update")

// Update runs fn in one read-write transaction on plan planID. If fn returns
// an error nothing is written. It returns the change fn made, or nil when fn
// changed nothing. Update must not be called from inside fn.
func (s *Store) Update(planID model.ID, label string, fn func(tx *Tx) error) (*Change, error) {
	var btx *bolt.Tx
	if err := protect(func() (err error) { btx, err = s.db.Begin(true); return err }); err != nil {
		return nil, err
	}
	committed := false
	defer func() {
		if !committed {
			_ = protect(btx.Rollback)
		}
	}()
	t := &Tx{plan: planID}
	if err := protect(func() (err error) {
		if err = t.bind(btx); err == nil {
			t.rec.sum, err = readDigest(t.pb, itob(planID))
		}
		return err
	}); err != nil {
		return nil, err
	}
	// fn runs unprotected: a panic in the caller's code is the caller's bug
	// and must not be reported as a damaged file. The deferred rollback still
	// releases the write lock.
	err := fn(t)
	t.done = true
	if err == nil {
		err = protect(t.flushEmpNo)
	}
	if err != nil {
		return nil, err
	}
	entries := t.rec.net()
	if len(entries) == 0 {
		return nil, nil
	}
	txid := btx.ID()
	if err := protect(func() error {
		if err := t.pb.Put(keyDigest, t.rec.sum.encode(itob(planID))); err != nil {
			return err
		}
		return btx.Commit()
	}); err != nil {
		return nil, err
	}
	committed = true
	s.saved(txid)
	return &Change{PlanID: planID, Label: label, entries: entries}, nil
}

// bind looks up the plan's buckets.
func (t *Tx) bind(btx *bolt.Tx) error {
	plans := btx.Bucket(bucketPlans)
	if plans == nil {
		return fmt.Errorf("%w: plans are missing", ErrCorrupt)
	}
	pb := btx.Bucket(planBucketName(t.plan))
	if plans.Get(itob(t.plan)) == nil {
		if pb != nil {
			return fmt.Errorf("%w: plan %d has records but no plan record", ErrCorrupt, t.plan)
		}
		return notFound("plan", t.plan)
	}
	if pb == nil {
		return fmt.Errorf("%w: the records of plan %d are missing", ErrCorrupt, t.plan)
	}
	t.b[kindPlan] = plans
	t.pb = pb
	for k := kindUnit; k < numKinds; k++ {
		if t.b[k] = pb.Bucket(subBucket[k]); t.b[k] == nil && !optionalKind(k) {
			return fmt.Errorf("%w: the %s of plan %d are missing", ErrCorrupt, subBucket[k], t.plan)
		}
	}
	version, _, err := readSchema(btx)
	if err != nil {
		return err
	}
	t.legacy = version < checksumSchema
	// A damaged bucket name would make an optional sub-bucket (documents)
	// silently vanish; anything unknown in the plan's bucket is damage.
	c := pb.Cursor()
	for k, v := c.First(); k != nil; k, v = c.Next() {
		if !knownPlanKey(k, v == nil) {
			return fmt.Errorf("%w: plan %d holds an unknown entry %q", ErrCorrupt, t.plan, k)
		}
	}
	return nil
}

func knownPlanKey(k []byte, isBucket bool) bool {
	if !isBucket {
		return string(k) == string(keyDigest)
	}
	for _, name := range subBucket[kindUnit:] {
		if string(name) == string(k) {
			return true
		}
	}
	return false
}

// body unseals a record for the partial readers below.
func (t *Tx) body(k kind, key, v []byte) ([]byte, error) {
	b, err := unseal(k, key, v, t.legacy)
	if err == nil && t.legacy {
		b = append([]byte{recordFormat}, b[1:]...)
	}
	return b, err
}

func (t *Tx) unitParent(key, v []byte) (model.ID, error) {
	b, err := t.body(kindUnit, key, v)
	if err != nil {
		return 0, err
	}
	return unitParent(b)
}

func (t *Tx) positionRefs(key, v []byte) (unit, reportsTo model.ID, dotted []model.ID, err error) {
	b, err := t.body(kindPosition, key, v)
	if err != nil {
		return 0, 0, nil, err
	}
	return positionRefs(b)
}

// empNoIndex reads a 工号 index entry: the owner's ID, 0 for none.
func (t *Tx) empNoIndex(empNo string) (model.ID, error) {
	v := t.b[kindEmpNo].Get([]byte(empNo))
	if v == nil {
		return 0, nil
	}
	b, err := unseal(kindEmpNo, []byte(empNo), v, t.legacy)
	if err != nil {
		return 0, err
	}
	if len(b) != 8 {
		return 0, recordErr(kindEmpNo, []byte(empNo), "bad index entry")
	}
	return btoi(b), nil
}

func notFound(what string, id model.ID) error {
	return fmt.Errorf("%s %d: %w", what, id, ErrNotFound)
}

// run guards a method: no use after Update returned, and bbolt panics on a
// damaged file become ErrCorrupt.
func (t *Tx) run(fn func() error) error {
	if t.done {
		return errTxDone
	}
	return protect(fn)
}

func (t *Tx) get(k kind, id model.ID) []byte { return t.b[k].Get(itob(id)) }

func (t *Tx) put(k kind, id model.ID, v []byte) error {
	return t.rec.write(t.b[k], k, itob(id), v)
}

// newID takes the next ID; one sequence serves every kind of record, so IDs
// are unique across the database.
func (t *Tx) newID() (model.ID, error) {
	n, err := t.b[kindPlan].NextSequence()
	return model.ID(n), err
}

// mustExist refuses a non-zero ID that is not stored: IDs come only from
// the sequence, so a caller cannot invent one that would collide later.
func (t *Tx) mustExist(k kind, what string, id model.ID) error {
	if id != 0 && t.get(k, id) == nil {
		return notFound(what, id)
	}
	return nil
}

// empNoOwner returns who holds a 工号, pending writes included; 0 for no one.
func (t *Tx) empNoOwner(empNo string) (model.ID, error) {
	if id, ok := t.empNo[empNo]; ok {
		return id, nil
	}
	return t.empNoIndex(empNo)
}

func (t *Tx) setEmpNo(empNo string, id model.ID) {
	if t.empNo == nil {
		t.empNo = make(map[string]model.ID)
	}
	t.empNo[empNo] = id
}

// flushEmpNo writes the pending 工号 index entries in key order.
func (t *Tx) flushEmpNo() error {
	keys := make([]string, 0, len(t.empNo))
	for k := range t.empNo {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		var v []byte
		if id := t.empNo[k]; id != 0 {
			v = itob(id) // sealed by the recorder
		}
		if err := t.rec.write(t.b[kindEmpNo], kindEmpNo, []byte(k), v); err != nil {
			return err
		}
	}
	return nil
}

// PlanID returns the plan the transaction edits.
func (t *Tx) PlanID() model.ID { return t.plan }

// Plan returns the plan record.
func (t *Tx) Plan() (p model.Plan, err error) {
	err = t.run(func() error {
		v := t.get(kindPlan, t.plan)
		if v == nil {
			return notFound("plan", t.plan)
		}
		p.ID = t.plan
		return decodeRecord(kindPlan, itob(t.plan), v, t.legacy, &p, decodePlan)
	})
	return p, err
}

// PutPlan writes the plan record; p.ID must be the transaction's plan.
func (t *Tx) PutPlan(p model.Plan) error {
	return t.run(func() error {
		if p.ID != t.plan {
			return fmt.Errorf("store: PutPlan of plan %d inside an update of plan %d", p.ID, t.plan)
		}
		if f := badPlan(&p); f != "" {
			return valueRange(p.Name, f)
		}
		return t.put(kindPlan, p.ID, encodePlan(&p))
	})
}

// Unit returns a unit.
func (t *Tx) Unit(id model.ID) (u model.Unit, err error) {
	err = t.run(func() error {
		v := t.get(kindUnit, id)
		if v == nil {
			return notFound("unit", id)
		}
		u.ID = id
		return decodeRecord(kindUnit, itob(id), v, t.legacy, &u, decodeUnit)
	})
	return u, err
}

// unitUp describes the unit tree for model.CheckUnit; a damaged record is
// remembered in *bad, since Lookup cannot return an error.
func (t *Tx) unitUp(bad *error) model.Lookup {
	return func(id model.ID) (model.ID, bool) {
		v := t.get(kindUnit, id)
		if v == nil {
			return 0, false
		}
		p, err := t.unitParent(itob(id), v)
		if err != nil {
			*bad = err
			return 0, false
		}
		return p, true
	}
}

// PutUnit adds (ID 0, the new ID is written back into u) or replaces a unit.
func (t *Tx) PutUnit(u *model.Unit) error {
	return t.run(func() error {
		if err := t.mustExist(kindUnit, "unit", u.ID); err != nil {
			return err
		}
		var bad error
		err := model.CheckUnit(u, t.unitUp(&bad))
		if bad != nil {
			return bad
		}
		if err != nil {
			return err
		}
		if f := badUnit(u); f != "" {
			return valueRange(u.Name, f)
		}
		id := u.ID
		if id == 0 {
			if id, err = t.newID(); err != nil {
				return err
			}
		}
		if err := t.put(kindUnit, id, encodeUnit(u)); err != nil {
			return err
		}
		u.ID = id
		return nil
	})
}

// DeleteUnit deletes an empty unit; a unit with sub-units or posts is
// refused with ErrUnitNotEmpty so nothing is lost silently.
func (t *Tx) DeleteUnit(id model.ID) error {
	return t.run(func() error {
		v := t.get(kindUnit, id)
		if v == nil {
			return notFound("unit", id)
		}
		var u model.Unit
		if err := decodeRecord(kindUnit, itob(id), v, t.legacy, &u, decodeUnit); err != nil {
			return err
		}
		c := t.b[kindUnit].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			p, err := t.unitParent(k, v)
			if err != nil {
				return err
			}
			if p == id {
				return unitNotEmpty(u.Name)
			}
		}
		c = t.b[kindPosition].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			unit, _, _, err := t.positionRefs(k, v)
			if err != nil {
				return err
			}
			if unit == id {
				return unitNotEmpty(u.Name)
			}
		}
		return t.put(kindUnit, id, nil)
	})
}

func unitNotEmpty(name string) error {
	return &model.Problem{Key: ErrUnitNotEmpty.Key,
		Text: "{{.name}} still has sub-units or positions in it.", Args: map[string]any{"name": name}}
}

func positionHasHolders(title string) error {
	return &model.Problem{Key: ErrPositionHasHolders.Key,
		Text: "{{.name}} still has people assigned to it.", Args: map[string]any{"name": title}}
}

// Position returns a post.
func (t *Tx) Position(id model.ID) (p model.Position, err error) {
	err = t.run(func() error {
		v := t.get(kindPosition, id)
		if v == nil {
			return notFound("position", id)
		}
		p.ID = id
		return decodeRecord(kindPosition, itob(id), v, t.legacy, &p, decodePosition)
	})
	return p, err
}

// PutPosition adds (ID 0, the new ID is written back into p) or replaces a
// post.
func (t *Tx) PutPosition(p *model.Position) error {
	return t.run(func() error {
		if err := t.mustExist(kindPosition, "position", p.ID); err != nil {
			return err
		}
		var bad error
		up := func(id model.ID) (model.ID, bool) {
			v := t.get(kindPosition, id)
			if v == nil {
				return 0, false
			}
			_, r, _, err := t.positionRefs(itob(id), v)
			if err != nil {
				bad = err
				return 0, false
			}
			return r, true
		}
		unitExists := func(id model.ID) bool { return t.get(kindUnit, id) != nil }
		err := model.CheckPosition(p, unitExists, up)
		if bad != nil {
			return bad
		}
		if err != nil {
			return err
		}
		if f := badPosition(p); f != "" {
			return valueRange(p.Title, f)
		}
		id := p.ID
		if id == 0 {
			if id, err = t.newID(); err != nil {
				return err
			}
		}
		if err := t.put(kindPosition, id, encodePosition(p)); err != nil {
			return err
		}
		p.ID = id
		return nil
	})
}

// DeletePosition deletes a post nobody holds (else ErrPositionHasHolders).
// Its direct reports move up to its own manager and dotted lines to it are
// dropped, in the same change, so no post is left pointing at nothing.
func (t *Tx) DeletePosition(id model.ID) error {
	return t.run(func() error {
		v := t.get(kindPosition, id)
		if v == nil {
			return notFound("position", id)
		}
		var gone model.Position
		if err := decodeRecord(kindPosition, itob(id), v, t.legacy, &gone, decodePosition); err != nil {
			return err
		}
		c := t.b[kindAssignment].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var a model.Assignment
			if err := decodeRecord(kindAssignment, k, v, t.legacy, &a, decodeAssignment); err != nil {
				return err
			}
			if a.Position == id {
				return positionHasHolders(gone.Title)
			}
		}
		// Collect first: bbolt cursors must not run across writes.
		var touched []model.ID
		c = t.b[kindPosition].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			_, r, dotted, err := t.positionRefs(k, v)
			if err != nil {
				return err
			}
			if r == id || slices.Contains(dotted, id) {
				touched = append(touched, btoi(k))
			}
		}
		for _, pid := range touched {
			if pid == id {
				continue
			}
			var p model.Position
			if err := decodeRecord(kindPosition, itob(pid), t.get(kindPosition, pid), t.legacy, &p, decodePosition); err != nil {
				return err
			}
			if p.ReportsTo == id {
				p.ReportsTo = gone.ReportsTo
			}
			p.Dotted = slices.DeleteFunc(p.Dotted, func(d model.ID) bool { return d == id })
			if len(p.Dotted) == 0 {
				p.Dotted = nil
			}
			if err := t.put(kindPosition, pid, encodePosition(&p)); err != nil {
				return err
			}
		}
		return t.put(kindPosition, id, nil)
	})
}

// Person returns a person.
func (t *Tx) Person(id model.ID) (p model.Person, err error) {
	err = t.run(func() error {
		v := t.get(kindPerson, id)
		if v == nil {
			return notFound("person", id)
		}
		p.ID = id
		return decodeRecord(kindPerson, itob(id), v, t.legacy, &p, decodePerson)
	})
	return p, err
}

// PersonByEmpNo finds a person by 工号.
func (t *Tx) PersonByEmpNo(empNo string) (p model.Person, err error) {
	err = t.run(func() error {
		var id model.ID
		if empNo != "" {
			var err error
			if id, err = t.empNoOwner(empNo); err != nil {
				return err
			}
		}
		v := t.get(kindPerson, id)
		if id == 0 || v == nil {
			return fmt.Errorf("employee number %q: %w", empNo, ErrNotFound)
		}
		p.ID = id
		return decodeRecord(kindPerson, itob(id), v, t.legacy, &p, decodePerson)
	})
	return p, err
}

// PutPerson adds (ID 0, the new ID is written back into p) or replaces a
// person. A 工号 already used by someone else is refused; an empty one is
// allowed and not indexed.
func (t *Tx) PutPerson(p *model.Person) error {
	return t.run(func() error {
		var old model.Person
		if p.ID != 0 {
			v := t.get(kindPerson, p.ID)
			if v == nil {
				return notFound("person", p.ID)
			}
			if err := decodeRecord(kindPerson, itob(p.ID), v, t.legacy, &old, decodePerson); err != nil {
				return err
			}
		}
		if err := model.CheckPerson(p); err != nil {
			return err
		}
		if f := badPerson(p); f != "" {
			return valueRange(p.Name, f)
		}
		var owner model.ID
		if p.EmpNo != "" {
			var err error
			if owner, err = t.empNoOwner(p.EmpNo); err != nil {
				return err
			}
			// An index entry for a person who no longer exists is stale,
			// not a clash.
			if owner != 0 && owner != p.ID && t.get(kindPerson, owner) != nil {
				return model.DuplicateEmpNo(p.EmpNo)
			}
		}
		id := p.ID
		if id == 0 {
			var err error
			if id, err = t.newID(); err != nil {
				return err
			}
		}
		if old.EmpNo != "" && old.EmpNo != p.EmpNo {
			if o, err := t.empNoOwner(old.EmpNo); err != nil {
				return err
			} else if o == id {
				t.setEmpNo(old.EmpNo, 0)
			}
		}
		if p.EmpNo != "" && owner != id {
			t.setEmpNo(p.EmpNo, id)
		}
		if err := t.put(kindPerson, id, encodePerson(p)); err != nil {
			return err
		}
		p.ID = id
		return nil
	})
}

// DeletePerson deletes a person and their assignments.
func (t *Tx) DeletePerson(id model.ID) error {
	return t.run(func() error {
		v := t.get(kindPerson, id)
		if v == nil {
			return notFound("person", id)
		}
		var p model.Person
		if err := decodeRecord(kindPerson, itob(id), v, t.legacy, &p, decodePerson); err != nil {
			return err
		}
		var gone []model.ID
		c := t.b[kindAssignment].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var a model.Assignment
			if err := decodeRecord(kindAssignment, k, v, t.legacy, &a, decodeAssignment); err != nil {
				return err
			}
			if a.Person == id {
				gone = append(gone, btoi(k))
			}
		}
		for _, aid := range gone {
			if err := t.put(kindAssignment, aid, nil); err != nil {
				return err
			}
		}
		if p.EmpNo != "" {
			if o, err := t.empNoOwner(p.EmpNo); err != nil {
				return err
			} else if o == id {
				t.setEmpNo(p.EmpNo, 0)
			}
		}
		return t.put(kindPerson, id, nil)
	})
}

// Assignment returns an assignment.
func (t *Tx) Assignment(id model.ID) (a model.Assignment, err error) {
	err = t.run(func() error {
		v := t.get(kindAssignment, id)
		if v == nil {
			return notFound("assignment", id)
		}
		a.ID = id
		return decodeRecord(kindAssignment, itob(id), v, t.legacy, &a, decodeAssignment)
	})
	return a, err
}

// PutAssignment adds (ID 0, the new ID is written back into a) or replaces
// an assignment; its person and post must exist.
func (t *Tx) PutAssignment(a *model.Assignment) error {
	return t.run(func() error {
		if err := t.mustExist(kindAssignment, "assignment", a.ID); err != nil {
			return err
		}
		if err := model.CheckAssignment(a); err != nil {
			return err
		}
		if f := badAssignment(a); f != "" {
			return valueRange("", f)
		}
		if a.Person == 0 || t.get(kindPerson, a.Person) == nil {
			return model.UnknownRef(true)
		}
		if a.Position == 0 || t.get(kindPosition, a.Position) == nil {
			return model.UnknownRef(false)
		}
		id := a.ID
		if id == 0 {
			var err error
			if id, err = t.newID(); err != nil {
				return err
			}
		}
		if err := t.put(kindAssignment, id, encodeAssignment(a)); err != nil {
			return err
		}
		a.ID = id
		return nil
	})
}

// DeleteAssignment deletes an assignment.
func (t *Tx) DeleteAssignment(id model.ID) error {
	return t.run(func() error {
		if t.get(kindAssignment, id) == nil {
			return notFound("assignment", id)
		}
		return t.put(kindAssignment, id, nil)
	})
}

// AssignmentsOf returns the assignments to a post, by ID.
func (t *Tx) AssignmentsOf(position model.ID) ([]model.Assignment, error) {
	return t.assignmentsWhere(func(a *model.Assignment) bool { return a.Position == position })
}

// assignmentsWhere returns the assignments keep accepts, by ID: the one
// scan behind AssignmentsOf and AssignmentsOfPerson.
func (t *Tx) assignmentsWhere(keep func(*model.Assignment) bool) (out []model.Assignment, err error) {
	err = t.run(func() error {
		c := t.b[kindAssignment].Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			var a model.Assignment
			if err := decodeRecord(kindAssignment, k, v, t.legacy, &a, decodeAssignment); err != nil {
				return err
			}
			if keep(&a) {
				a.ID = btoi(k)
				out = append(out, a)
			}
		}
		return nil
	})
	return out, err
}
