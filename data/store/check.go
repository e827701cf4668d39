package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	bolt "go.etcd.io/bbolt"

	"staffplan/data/model"
)

// maxProblems bounds the list Verify returns: a badly damaged file would
// otherwise give one line per record.
const maxProblems = 100

// Verify checks the whole database file at path without writing to it:
// bbolt's own consistency check of its pages and free list, every record's
// checksum and ranges, every plan's digest, the 工号 index, and whether the
// file is older than its last save. It returns what is wrong (nil for a good
// file; each problem matches ErrCorrupt or ErrOlderThanLastSave), or an
// error when the file cannot be read as a database at all.
func Verify(path string, opt *Options) ([]error, error) {
	o := opt.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	switch {
	case errors.Is(err, os.ErrNotExist):
		return nil, &FileError{Path: abs, Err: ErrNoDatabase}
	case err != nil:
		return nil, err
	case !fi.Mode().IsRegular():
		return nil, notRegular(abs, fi)
	case fi.Size() == 0:
		return nil, &FileError{Path: abs, Err: ErrEmptyFile}
	}
	if err := checkFile(abs); err != nil {
		return nil, err
	}
	db, err := openBolt(abs, &bolt.Options{Timeout: o.Timeout, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	defer db.Close()
	var problems []error
	add := func(err error) bool {
		if len(problems) < maxProblems {
			problems = append(problems, err)
		}
		return len(problems) < maxProblems
	}
	if _, err := checkLastSave(abs, db); err != nil {
		add(err)
	}
	pagesRead := false
	err = protect(func() error {
		return db.View(func(tx *bolt.Tx) error {
			version, fresh, err := readSchema(tx)
			switch {
			case err != nil:
				return err
			case fresh:
				return fmt.Errorf("%w: not a plan database", ErrCorrupt)
			case version > SchemaVersion:
				return &SchemaError{File: version, Supported: SchemaVersion}
			}
			plans := tx.Bucket(bucketPlans)
			if plans == nil {
				if version < SchemaVersion {
					return nil // the migration creates it
				}
				return fmt.Errorf("%w: plans are missing", ErrCorrupt)
			}
			if err := checkRoot(tx, plans); err != nil && !add(err) {
				return nil
			}
			ids, err := planIDs(plans)
			if err != nil {
				return err
			}
			for _, id := range ids {
				if !verifyPlan(tx, id, add) {
					return nil
				}
			}
			pagesRead = true
			return nil
		})
	})
	if err != nil {
		var se *SchemaError
		if errors.As(err, &se) {
			return nil, err
		}
		add(err)
	}
	// bbolt's check runs in a goroutine of its own where a fault on a page
	// that is not even mapped could not be recovered; every page has been
	// read safely above by then.
	if pagesRead {
		_ = protect(func() error {
			return db.View(func(tx *bolt.Tx) error {
				for err := range tx.Check() {
					add(fmt.Errorf("%w: %v", ErrCorrupt, err))
				}
				return nil
			})
		})
	}
	return problems, nil
}

// verifyPlan checks every record of one plan, reporting each problem to
// add; it returns false once add wants no more.
func verifyPlan(tx *bolt.Tx, id model.ID, add func(error) bool) bool {
	t := &Tx{plan: id}
	if err := t.bind(tx); err != nil {
		return add(err)
	}
	more := true
	each := func(k kind, decode func(key, v []byte) error) {
		if t.b[k] == nil || !more {
			return
		}
		c := t.b[k].Cursor()
		for key, v := c.First(); key != nil && more; key, v = c.Next() {
			if v == nil {
				more = add(fmt.Errorf("%w: unexpected bucket %q among the %s records", ErrCorrupt, key, kindNames[k]))
				continue
			}
			if err := decode(key, v); err != nil {
				more = add(err)
			}
		}
	}
	var p model.Plan
	if err := decodeRecord(kindPlan, itob(id), t.get(kindPlan, id), t.legacy, &p, decodePlan); err != nil {
		more = add(err)
	}
	each(kindUnit, func(key, v []byte) error {
		var x model.Unit
		return decodeRecord(kindUnit, key, v, t.legacy, &x, decodeUnit)
	})
	each(kindPosition, func(key, v []byte) error {
		var x model.Position
		return decodeRecord(kindPosition, key, v, t.legacy, &x, decodePosition)
	})
	each(kindPerson, func(key, v []byte) error {
		var x model.Person
		return decodeRecord(kindPerson, key, v, t.legacy, &x, decodePerson)
	})
	each(kindAssignment, func(key, v []byte) error {
		var x model.Assignment
		return decodeRecord(kindAssignment, key, v, t.legacy, &x, decodeAssignment)
	})
	each(kindEmpNo, func(key, v []byte) error {
		_, err := t.empNoIndex(string(key))
		return err
	})
	each(kindDoc, func(key, v []byte) error {
		b, err := t.body(kindDoc, key, v)
		if err == nil {
			_, err = decodeDoc(b)
		}
		if err != nil && !errors.Is(err, ErrCorrupt) {
			err = recordErr(kindDoc, key, err.Error())
		}
		return err
	})
	if more && !t.legacy {
		if err := checkDigest(t, planDigest(t)); err != nil {
			more = add(err)
		}
	}
	return more
}

// NewestGoodBackup returns the newest backup of the database at dbPath
// that passes Verify; ok is false when none does.
func NewestGoodBackup(dbPath string, opt *Options) (b BackupInfo, ok bool, err error) {
	list, err := ListBackups(dbPath)
	if err != nil {
		return BackupInfo{}, false, err
	}
	for _, b := range list {
		if problems, err := Verify(b.Path, opt); err == nil && len(problems) == 0 {
			return b, true, nil
		}
	}
	return BackupInfo{}, false, nil
}

// verifyPlanFile checks that path is an intact plan database this program
// can read, without writing to it.
func verifyPlanFile(path string, timeout time.Duration) error {
	problems, err := Verify(path, &Options{Timeout: timeout})
	if err != nil {
		return err
	}
	return errors.Join(problems...)
}
