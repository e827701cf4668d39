package store

import (
	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// migrateBudget (schema 2 → 3) rewrites the plan, unit, position and person
// records with the budget fields appended (zero: no pay set, no profile),
// reseals them and renews each plan's digest. The schema number is what
// makes an older program refuse the file as newer instead of calling the
// longer records damaged.
func migrateBudget(tx *bolt.Tx) error {
	plans := tx.Bucket(bucketPlans)
	if plans == nil {
		return nil
	}
	ids, err := planIDs(plans)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := migratePlanBudget(tx, id); err != nil {
			return err
		}
	}
	return nil
}

func migratePlanBudget(tx *bolt.Tx, id model.ID) error {
	t := &Tx{plan: id}
	if err := t.bind(tx); err != nil {
		return err
	}
	if err := reseal(t.b[kindPlan], kindPlan, func(k, v []byte) ([]byte, error) {
		if btoi(k) != id {
			return nil, nil // another plan's record
		}
		var p model.Plan
		if err := decodeRecord(kindPlan, k, v, false, &p, decodePlan); err != nil {
			return nil, err
		}
		return encodePlan(&p), nil
	}); err != nil {
		return err
	}
	if err := reseal(t.b[kindUnit], kindUnit, func(k, v []byte) ([]byte, error) {
		var u model.Unit
		if err := decodeRecord(kindUnit, k, v, false, &u, decodeUnit); err != nil {
			return nil, err
		}
		return encodeUnit(&u), nil
	}); err != nil {
		return err
	}
	if err := reseal(t.b[kindPosition], kindPosition, func(k, v []byte) ([]byte, error) {
		var p model.Position
		if err := decodeRecord(kindPosition, k, v, false, &p, decodePosition); err != nil {
			return nil, err
		}
		return encodePosition(&p), nil
	}); err != nil {
		return err
	}
	if err := reseal(t.b[kindPerson], kindPerson, func(k, v []byte) ([]byte, error) {
		var p model.Person
		if err := decodeRecord(kindPerson, k, v, false, &p, decodePerson); err != nil {
			return nil, err
		}
		return encodePerson(&p), nil
	}); err != nil {
		return err
	}
	sum := planDigest(t)
	return t.pb.Put(keyDigest, sum.encode(itob(id)))
}
