package store

import (
	"errors"
	"fmt"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// Per-plan documents: opaque byte values by name (the ratio calculator keeps
// its drivers and rules under "calc"), stored in the "docs" sub-bucket of the
// plan's bucket. Plans written before documents existed have no such bucket;
// its absence reads as "no documents" and the first PutDoc creates it, so no
// schema change was needed. Writes go through the change recorder like every
// other record, so undo and redo cover them.

// maxDocName bounds document names; they are keys, not content.
const maxDocName = 255

// errDocName refuses an empty or overlong document name.
var errDocName = errors.New("store: a document name must be 1 to 255 bytes")

// optionalKind reports whether a plan may lack the sub-bucket of kind k.
func optionalKind(k kind) bool { return k == kindDoc }

// encodeDoc prefixes the format byte, so an empty document is still a
// non-empty value and never confused with an absent one.
func encodeDoc(v []byte) []byte {
	return append(append(make([]byte, 0, 1+len(v)), recordFormat), v...)
}

// decodeDoc copies the value out of bolt's memory map.
func decodeDoc(b []byte) ([]byte, error) {
	if len(b) == 0 || b[0] != recordFormat {
		return nil, fmt.Errorf("%w: undecodable document", ErrCorrupt)
	}
	return append(make([]byte, 0, len(b)-1), b[1:]...), nil
}

func checkDocName(name string) error {
	if name == "" || len(name) > maxDocName {
		return errDocName
	}
	return nil
}

// Doc returns the document called name, or nil, nil when there is none.
func (t *Tx) Doc(name string) (v []byte, err error) {
	err = t.run(func() error {
		if err := checkDocName(name); err != nil {
			return err
		}
		if t.b[kindDoc] == nil {
			return nil
		}
		if raw := t.b[kindDoc].Get([]byte(name)); raw != nil {
			b, err := t.body(kindDoc, []byte(name), raw)
			if err != nil {
				return err
			}
			v, err = decodeDoc(b)
			return err
		}
		return nil
	})
	return v, err
}

// PutDoc stores the document called name; a nil v deletes it (an empty,
// non-nil v is kept as an empty document). The store keeps its own copy.
func (t *Tx) PutDoc(name string, v []byte) error {
	return t.run(func() error {
		if err := checkDocName(name); err != nil {
			return err
		}
		if t.b[kindDoc] == nil {
			if v == nil {
				return nil // deleting from a plan that never had documents
			}
			b, err := t.pb.CreateBucketIfNotExists(subBucket[kindDoc])
			if err != nil {
				return err
			}
			t.b[kindDoc] = b
		}
		var val []byte
		if v != nil {
			val = encodeDoc(v)
		}
		return t.rec.write(t.b[kindDoc], kindDoc, []byte(name), val)
	})
}

// Doc reads the document called name of plan planID in its own read
// transaction; nil, nil when there is none.
func (s *Store) Doc(planID model.ID, name string) ([]byte, error) {
	var v []byte
	err := s.view(func(tx *bolt.Tx) error {
		t := &Tx{plan: planID}
		if err := t.bind(tx); err != nil {
			return err
		}
		var err error
		v, err = t.Doc(name)
		return err
	})
	return v, err
}
