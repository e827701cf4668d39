package store

import (
	"fmt"
	"strings"
	"unicode/utf8"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// checksumSchema is the first schema whose records carry checksums and
// whose plans carry a digest.
const checksumSchema = 2

// migrateChecksums (schema 1 → 2) seals every record with its checksum and
// gives every plan its digest. Text a schema-1 file may hold that the store
// no longer accepts (control characters, invalid UTF-8) is cleaned; a number
// out of range means the file is already damaged, and the upgrade is refused
// naming the record, so the user restores a backup instead.
func migrateChecksums(tx *bolt.Tx) error {
	plans := tx.Bucket(bucketPlans)
	if plans == nil {
		return nil
	}
	ids, err := planIDs(plans)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := migratePlan(tx, id); err != nil {
			return err
		}
	}
	return nil
}

func migratePlan(tx *bolt.Tx, id model.ID) error {
	t := &Tx{plan: id, legacy: true}
	// bind reads the schema as still 1; it also checks the buckets.
	if err := t.bind(tx); err != nil {
		return err
	}
	t.legacy = true
	if err := reseal(t.b[kindPlan], kindPlan, func(k, v []byte) ([]byte, error) {
		if btoi(k) != id {
			return nil, nil // another plan's record
		}
		var p model.Plan
		if err := decodeRecord(kindPlan, k, v, true, &p, decodeLegacy(decodePlan)); err != nil {
			return nil, err
		}
		p.Name, p.Organisation, p.Notes = cleanText(p.Name), cleanText(p.Organisation), cleanText(p.Notes)
		if f := badPlan(&p); f != "" {
			return nil, recordErr(kindPlan, k, f+" out of range")
		}
		return encodePlan(&p), nil
	}); err != nil {
		return err
	}
	steps := []struct {
		k  kind
		fn func(k, v []byte) ([]byte, error)
	}{
		{kindUnit, func(k, v []byte) ([]byte, error) {
			var u model.Unit
			if err := decodeRecord(kindUnit, k, v, true, &u, decodeLegacy(decodeUnit)); err != nil {
				return nil, err
			}
			u.Name, u.Note = cleanText(u.Name), cleanText(u.Note)
			if f := badUnit(&u); f != "" {
				return nil, recordErr(kindUnit, k, f+" out of range")
			}
			return encodeUnit(&u), nil
		}},
		{kindPosition, func(k, v []byte) ([]byte, error) {
			var p model.Position
			if err := decodeRecord(kindPosition, k, v, true, &p, decodeLegacy(decodePosition)); err != nil {
				return nil, err
			}
			for _, s := range []*string{&p.Title, &p.Grade, &p.Shift, &p.Mission, &p.Note,
				&p.Req.Education, &p.Req.Certificates, &p.Req.Other} {
				*s = cleanText(*s)
			}
			for i := range p.Duties {
				p.Duties[i] = cleanText(p.Duties[i])
			}
			if f := badPosition(&p); f != "" {
				return nil, recordErr(kindPosition, k, f+" out of range")
			}
			return encodePosition(&p), nil
		}},
		{kindPerson, func(k, v []byte) ([]byte, error) {
			var p model.Person
			if err := decodeRecord(kindPerson, k, v, true, &p, decodeLegacy(decodePerson)); err != nil {
				return nil, err
			}
			// 工号 is an index key as well; changing it here would orphan
			// the index entry, so a bad one refuses the upgrade.
			p.Name, p.Grade = cleanText(p.Name), cleanText(p.Grade)
			if f := badPerson(&p); f != "" {
				return nil, recordErr(kindPerson, k, f+" out of range")
			}
			return encodePerson(&p), nil
		}},
		{kindAssignment, func(k, v []byte) ([]byte, error) {
			var a model.Assignment
			if err := decodeRecord(kindAssignment, k, v, true, &a, decodeAssignment); err != nil {
				return nil, err
			}
			return encodeAssignment(&a), nil
		}},
		{kindEmpNo, func(k, v []byte) ([]byte, error) {
			if len(v) != 8 {
				return nil, recordErr(kindEmpNo, k, "bad index entry")
			}
			return clone(v), nil
		}},
		{kindDoc, func(k, v []byte) ([]byte, error) {
			if len(v) == 0 || v[0] != legacyFormat {
				return nil, recordErr(kindDoc, k, "undecodable document")
			}
			return encodeDoc(v[1:]), nil
		}},
	}
	for _, st := range steps {
		if err := reseal(t.b[st.k], st.k, st.fn); err != nil {
			return err
		}
	}
	sum := planDigest(t)
	return t.pb.Put(keyDigest, sum.encode(itob(id)))
}

// decodeLegacy decodes a schema-1 record without its range checks on
// text, which the migration cleans instead; numbers are still checked.
func decodeLegacy[T any](decode func([]byte, *T) error) func([]byte, *T) error {
	return func(b []byte, x *T) error {
		err := decode(b, x)
		if err != nil && strings.HasSuffix(err.Error(), " out of range") {
			return nil // the caller cleans and checks again
		}
		return err
	}
}

// reseal rewrites every value of b (nil b: an absent optional bucket) with
// fn's new body, sealed. fn returning nil, nil leaves a value alone.
func reseal(b *bolt.Bucket, k kind, fn func(k, v []byte) ([]byte, error)) error {
	if b == nil {
		return nil
	}
	type kv struct{ k, v []byte }
	var out []kv
	c := b.Cursor()
	for key, v := c.First(); key != nil; key, v = c.Next() {
		if v == nil {
			return fmt.Errorf("%w: unexpected bucket %q among the %s records", ErrCorrupt, key, kindNames[k])
		}
		body, err := fn(key, v)
		if err != nil {
			return err
		}
		if body != nil {
			key := clone(key)
			out = append(out, kv{key, seal(k, key, body)})
		}
	}
	for _, x := range out {
		if err := b.Put(x.k, x.v); err != nil {
			return err
		}
	}
	return nil
}

// cleanText drops what the store no longer keeps in text: invalid UTF-8
// and control characters other than tab and line breaks; overlong text is
// cut at the limit.
func cleanText(s string) string {
	if !badText(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\t' && r != '\n' && r != '\r') || (r >= 0x7f && r <= 0x9f) {
			return -1
		}
		return r
	}, s)
	if len(s) > maxText {
		cut := maxText
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut]
	}
	return s
}

// planIDs lists the ids of the plan records in the plans bucket, collected
// first so the caller may change the plans' buckets as it walks them.
func planIDs(plans *bolt.Bucket) ([]model.ID, error) {
	var ids []model.ID
	err := plans.ForEach(func(k, v []byte) error {
		if v != nil {
			ids = append(ids, btoi(k))
		}
		return nil
	})
	return ids, err
}
