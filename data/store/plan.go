package store

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// Plans returns every plan record, by ID.
func (s *Store) Plans() ([]model.Plan, error) {
	var out []model.Plan
	err := s.view(func(tx *bolt.Tx) error {
		plans := tx.Bucket(bucketPlans)
		if plans == nil {
			return fmt.Errorf("%w: plans are missing", ErrCorrupt)
		}
		version, _, err := readSchema(tx)
		if err != nil {
			return err
		}
		legacy := version < checksumSchema
		c := plans.Cursor()
		for k, v := c.First(); k != nil; k, v = c.Next() {
			if v == nil {
				continue // a nested bucket, not a record
			}
			p := model.Plan{ID: btoi(k)}
			if err := decodeRecord(kindPlan, k, v, legacy, &p, decodePlan); err != nil {
				return err
			}
			if tx.Bucket(planBucketName(p.ID)) == nil {
				return fmt.Errorf("%w: the records of plan %d are missing", ErrCorrupt, p.ID)
			}
			out = append(out, p)
		}
		return checkRoot(tx, plans)
	})
	return out, err
}

// checkRoot refuses unknown top-level buckets, and a plan's bucket whose
// plan record is gone: a damaged file would otherwise lose a whole plan
// without a word.
func checkRoot(tx *bolt.Tx, plans *bolt.Bucket) error {
	return tx.ForEach(func(name []byte, _ *bolt.Bucket) error {
		switch {
		case string(name) == string(bucketMeta), string(name) == string(bucketPlans):
			return nil
		case len(name) == len("plan/")+8 && string(name[:5]) == "plan/":
			if plans.Get(name[5:]) == nil {
				return fmt.Errorf("%w: plan %d has records but no plan record", ErrCorrupt, btoi(name[5:]))
			}
			return nil
		}
		return fmt.Errorf("%w: unknown bucket %q", ErrCorrupt, name)
	})
}

// LoadPlan reads a whole plan in one read transaction. Everything is copied
// out, so the result stays valid after the transaction and after Close.
func (s *Store) LoadPlan(id model.ID) (*model.PlanData, error) {
	var d *model.PlanData
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		d, err = loadPlan(tx, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return d, nil
}

func loadPlan(tx *bolt.Tx, id model.ID) (*model.PlanData, error) {
	t := &Tx{plan: id}
	if err := t.bind(tx); err != nil {
		return nil, err
	}
	d := &model.PlanData{}
	d.Plan.ID = id
	var sum digest // of the records as read, checked against the stored one
	sum.add(kindPlan, t.get(kindPlan, id), 1)
	if err := decodeRecord(kindPlan, itob(id), t.get(kindPlan, id), t.legacy, &d.Plan, decodePlan); err != nil {
		return nil, err
	}
	var err error
	if d.Units, err = loadAll(t.b[kindUnit], &sum, kindUnit, func(k []byte, v []byte, u *model.Unit) error {
		u.ID = btoi(k)
		return decodeRecord(kindUnit, k, v, t.legacy, u, decodeUnit)
	}); err != nil {
		return nil, err
	}
	if d.Positions, err = loadAll(t.b[kindPosition], &sum, kindPosition, func(k []byte, v []byte, p *model.Position) error {
		p.ID = btoi(k)
		return decodeRecord(kindPosition, k, v, t.legacy, p, decodePosition)
	}); err != nil {
		return nil, err
	}
	if d.People, err = loadAll(t.b[kindPerson], &sum, kindPerson, func(k []byte, v []byte, p *model.Person) error {
		p.ID = btoi(k)
		return decodeRecord(kindPerson, k, v, t.legacy, p, decodePerson)
	}); err != nil {
		return nil, err
	}
	if d.Assignments, err = loadAll(t.b[kindAssignment], &sum, kindAssignment, func(k []byte, v []byte, a *model.Assignment) error {
		a.ID = btoi(k)
		return decodeRecord(kindAssignment, k, v, t.legacy, a, decodeAssignment)
	}); err != nil {
		return nil, err
	}
	if !t.legacy {
		sumBucket(&sum, kindEmpNo, t.b[kindEmpNo])
		sumBucket(&sum, kindDoc, t.b[kindDoc])
		if err := checkDigest(t, sum); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// checkRanges refuses plan data the store would not read back.
func checkRanges(d *model.PlanData) error {
	if f := badPlan(&d.Plan); f != "" {
		return valueRange(d.Plan.Name, f)
	}
	for i := range d.Units {
		if f := badUnit(&d.Units[i]); f != "" {
			return valueRange(d.Units[i].Name, f)
		}
	}
	for i := range d.Positions {
		if f := badPosition(&d.Positions[i]); f != "" {
			return valueRange(d.Positions[i].Title, f)
		}
	}
	for i := range d.People {
		if f := badPerson(&d.People[i]); f != "" {
			return valueRange(d.People[i].Name, f)
		}
	}
	for i := range d.Assignments {
		if f := badAssignment(&d.Assignments[i]); f != "" {
			return valueRange("", f)
		}
	}
	return nil
}

// loadAll decodes every record of a bucket, in key (= ID) order. Counting
// first costs one cheap pass and saves regrowing large slices.
func loadAll[T any](b *bolt.Bucket, sum *digest, k kind, decode func(k, v []byte, r *T) error) ([]T, error) {
	n := 0
	c := b.Cursor()
	for k, _ := c.First(); k != nil; k, _ = c.Next() {
		n++
	}
	if n == 0 {
		return nil, nil
	}
	out := make([]T, n)
	i := 0
	for key, v := c.First(); key != nil && i < n; key, v = c.Next() {
		if err := decode(key, v, &out[i]); err != nil {
			return nil, err
		}
		sum.add(k, v, 1)
		i++
	}
	return out[:i], nil
}

// checkLocalIDs makes sure the local references of d are usable for
// remapping: non-zero and distinct within each kind of record.
func checkLocalIDs(d *model.PlanData) error {
	check := func(what string, n int, id func(int) model.ID) error {
		seen := make(map[model.ID]bool, n)
		for i := 0; i < n; i++ {
			x := id(i)
			if x == 0 || seen[x] {
				return fmt.Errorf("store: %s %d has a zero or repeated ID", what, x)
			}
			seen[x] = true
		}
		return nil
	}
	return errors.Join(
		check("unit", len(d.Units), func(i int) model.ID { return d.Units[i].ID }),
		check("position", len(d.Positions), func(i int) model.ID { return d.Positions[i].ID }),
		check("person", len(d.People), func(i int) model.ID { return d.People[i].ID }),
		check("assignment", len(d.Assignments), func(i int) model.ID { return d.Assignments[i].ID }),
	)
}

// hasPlans reports whether the database holds any plan.
func (s *Store) hasPlans() (bool, error) {
	var has bool
	err := s.view(func(tx *bolt.Tx) error {
		if plans := tx.Bucket(bucketPlans); plans != nil {
			k, _ := plans.Cursor().First()
			has = k != nil
		}
		return nil
	})
	return has, err
}

// CreatePlan stores a whole plan in one transaction, after a backup (reason
// names it) unless the database holds no plan yet. The IDs in d are local
// references: every record gets a new ID and every reference is remapped; d
// itself is not modified. The change's Label is reason; reverting it removes
// the plan.
func (s *Store) CreatePlan(d *model.PlanData, reason string) (model.ID, *Change, error) {
	if d == nil {
		return 0, nil, errors.New("store: CreatePlan of nil plan data")
	}
	if err := checkLocalIDs(d); err != nil {
		return 0, nil, err
	}
	if err := d.Validate(); err != nil {
		return 0, nil, err
	}
	if err := checkRanges(d); err != nil {
		return 0, nil, err
	}
	has, err := s.hasPlans()
	if err != nil {
		return 0, nil, err
	}
	if has {
		if _, err := s.Backup(reason); err != nil {
			return 0, nil, fmt.Errorf("backup before adding a plan: %w", err)
		}
	}
	var planID model.ID
	var entries []entry
	err = s.update(func(tx *bolt.Tx) error {
		plans := tx.Bucket(bucketPlans)
		if plans == nil {
			return fmt.Errorf("%w: plans are missing", ErrCorrupt)
		}
		// Reserve every ID at once instead of one NextSequence per record.
		seq := plans.Sequence()
		next := func() model.ID { seq++; return model.ID(seq) }
		planID = next()
		remap := func(n int, id func(int) model.ID) map[model.ID]model.ID {
			m := make(map[model.ID]model.ID, n)
			for i := 0; i < n; i++ {
				m[id(i)] = next()
			}
			return m
		}
		units := remap(len(d.Units), func(i int) model.ID { return d.Units[i].ID })
		posts := remap(len(d.Positions), func(i int) model.ID { return d.Positions[i].ID })
		people := remap(len(d.People), func(i int) model.ID { return d.People[i].ID })
		assigns := remap(len(d.Assignments), func(i int) model.ID { return d.Assignments[i].ID })
		if err := plans.SetSequence(seq); err != nil {
			return err
		}
		pb, err := createPlanBucket(tx, planID)
		if err != nil {
			return err
		}
		var b [numKinds]*bolt.Bucket
		b[kindPlan] = plans
		for k := kindUnit; k < numKinds; k++ {
			b[k] = pb.Bucket(subBucket[k])
			// Keys arrive in ascending order: full pages are right and
			// make the file smaller and later loads faster.
			b[k].FillPercent = 1
		}
		entries = make([]entry, 0, 1+len(d.Units)+len(d.Positions)+2*len(d.People)+len(d.Assignments))
		// Every key is new, so the change is built directly: no before
		// values to read and no first-touch index to keep.
		var sum digest
		put := func(k kind, key, v []byte) error {
			v = seal(k, key, v)
			sum.add(k, v, 1)
			entries = append(entries, entry{kind: k, key: key, after: v})
			return b[k].Put(key, v)
		}
		p := d.Plan
		if err := put(kindPlan, itob(planID), encodePlan(&p)); err != nil {
			return err
		}
		for i := range d.Units {
			u := d.Units[i]
			u.Parent = units[u.Parent]
			if err := put(kindUnit, itob(units[d.Units[i].ID]), encodeUnit(&u)); err != nil {
				return err
			}
		}
		for i := range d.Positions {
			p := d.Positions[i]
			p.Unit = units[p.Unit]
			p.ReportsTo = posts[p.ReportsTo]
			if p.Dotted != nil {
				dotted := make([]model.ID, len(p.Dotted))
				for j, x := range p.Dotted {
					dotted[j] = posts[x]
				}
				p.Dotted = dotted
			}
			if err := put(kindPosition, itob(posts[d.Positions[i].ID]), encodePosition(&p)); err != nil {
				return err
			}
		}
		byEmpNo := make([]int, 0, len(d.People))
		for i := range d.People {
			p := &d.People[i]
			if err := put(kindPerson, itob(people[p.ID]), encodePerson(p)); err != nil {
				return err
			}
			if p.EmpNo != "" {
				byEmpNo = append(byEmpNo, i)
			}
		}
		// bbolt inserts into an in-memory node by shifting: keys must go
		// in ascending order or a large import turns quadratic.
		slices.SortFunc(byEmpNo, func(i, j int) int { return strings.Compare(d.People[i].EmpNo, d.People[j].EmpNo) })
		for _, i := range byEmpNo {
			p := &d.People[i]
			if err := put(kindEmpNo, []byte(p.EmpNo), itob(people[p.ID])); err != nil {
				return err
			}
		}
		for i := range d.Assignments {
			a := d.Assignments[i]
			a.Person = people[a.Person]
			a.Position = posts[a.Position]
			if err := put(kindAssignment, itob(assigns[d.Assignments[i].ID]), encodeAssignment(&a)); err != nil {
				return err
			}
		}
		return pb.Put(keyDigest, sum.encode(itob(planID)))
	})
	if err != nil {
		return 0, nil, err
	}
	return planID, &Change{PlanID: planID, Label: reason, entries: entries}, nil
}

// DeletePlan deletes a plan and all its records, after a backup (reason
// "delete-plan") since a whole plan is a lot to lose once the undo history is
// gone. The change's Label is "delete plan"; reverting it restores the plan.
func (s *Store) DeletePlan(id model.ID) (*Change, error) {
	err := s.view(func(tx *bolt.Tx) error { return (&Tx{plan: id}).bind(tx) })
	if err != nil {
		return nil, err
	}
	if _, err := s.Backup("delete-plan"); err != nil {
		return nil, fmt.Errorf("backup before deleting a plan: %w", err)
	}
	var entries []entry
	err = s.update(func(tx *bolt.Tx) error {
		t := &Tx{plan: id}
		if err := t.bind(tx); err != nil {
			return err
		}
		key := itob(id)
		entries = append(entries, entry{kind: kindPlan, key: key, before: clone(t.get(kindPlan, id))})
		for k := kindUnit; k < numKinds; k++ {
			if t.b[k] == nil {
				continue // an optional sub-bucket the plan never had
			}
			c := t.b[k].Cursor()
			for key, v := c.First(); key != nil; key, v = c.Next() {
				entries = append(entries, entry{kind: k, key: clone(key), before: clone(v)})
			}
		}
		if err := tx.DeleteBucket(planBucketName(id)); err != nil {
			return err
		}
		return t.b[kindPlan].Delete(key)
	})
	if err != nil {
		return nil, err
	}
	return &Change{PlanID: id, Label: "delete plan", entries: entries}, nil
}
