// Package store keeps staffing plans in a single bbolt database file, with
// undoable changes, automatic backups and schema migrations. It is the only
// package that touches the database file.
package store

import (
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"

	"staffplan/data/model"
)

// Errors returned by the store. Callers match them with errors.Is.
var (
	// ErrLocked means another process (another window) holds the database.
	ErrLocked = errors.New("this plan database is already open in another window")
	// ErrCorrupt means the file is not a plan database or is damaged.
	ErrCorrupt = errors.New("the file is not a plan database or is damaged")
	// ErrNewerSchema matches a *SchemaError: the file was written by a newer
	// version of the program.
	ErrNewerSchema = errors.New("the plan database was written by a newer version of this program")
	// ErrNotFound means a plan or record does not exist.
	ErrNotFound = errors.New("not found")
	// ErrConflict means an undo or redo would overwrite a change made since.
	ErrConflict = errors.New("the data has changed since, so this step cannot be undone or redone")
)

// Problems this package reports to users; the UI translates them by Key.
var (
	// ErrUnitNotEmpty refuses deleting a unit that still has sub-units or posts.
	ErrUnitNotEmpty = &model.Problem{Key: "err.unit_not_empty"}
	// ErrPositionHasHolders refuses deleting a post people are assigned to.
	ErrPositionHasHolders = &model.Problem{Key: "err.position_has_holders"}
)

// SchemaError reports a database whose schema is newer than this program's.
type SchemaError struct {
	File      int // schema version found in the file
	Supported int // newest schema version this program reads
}

// Error names both versions.
func (e *SchemaError) Error() string {
	return fmt.Sprintf("the plan database has schema version %d but this program supports only up to version %d; use a newer version of the program",
		e.File, e.Supported)
}

// Is makes errors.Is(err, ErrNewerSchema) match.
func (e *SchemaError) Is(target error) bool { return target == ErrNewerSchema }

// SchemaVersion is the schema this program writes.
const SchemaVersion = 1

// migrations[i] upgrades a database from schema i to i+1. All of them run in
// one read-write transaction, so a failed upgrade leaves the file as it was.
var migrations = []func(tx *bolt.Tx) error{
	// 0 → 1: the base buckets.
	func(tx *bolt.Tx) error {
		for _, name := range [][]byte{bucketMeta, bucketPlans} {
			if _, err := tx.CreateBucketIfNotExists(name); err != nil {
				return err
			}
		}
		return nil
	},
}

var (
	bucketMeta  = []byte("meta")
	bucketPlans = []byte("plans")
	keySchema   = []byte("schema")
)

// Options tune a Store. The zero value and nil give the defaults.
type Options struct {
	// Timeout bounds the wait for the file lock, so a second window gets
	// ErrLocked quickly instead of hanging. Default 1s.
	Timeout time.Duration
	// BackupKeep is how many backups are kept per database. Default 10;
	// negative keeps every backup.
	BackupKeep int
	// Now stamps backups; tests set it. Default time.Now.
	Now func() time.Time
}

func (o *Options) withDefaults() Options {
	var r Options
	if o != nil {
		r = *o
	}
	if r.Timeout <= 0 {
		r.Timeout = time.Second
	}
	if r.BackupKeep == 0 {
		r.BackupKeep = 10
	}
	if r.Now == nil {
		r.Now = time.Now
	}
	return r
}

// Store is an open plan database. Its methods are safe for concurrent use;
// bbolt runs one read-write transaction at a time.
type Store struct {
	db   *bolt.DB
	path string
	opt  Options

	closeOnce sync.Once
	closeErr  error
}

// DefaultPath returns where the plan database lives unless the user picks
// another file.
func DefaultPath() (string, error) {
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "staffplan", "plans.db"), nil
}

// Open opens or creates the plan database at path, migrating an older schema
// after taking a backup. A file that is not a plan database is never
// modified.
func Open(path string, opt *Options) (*Store, error) {
	o := opt.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, err
	}
	if err := checkFile(abs); err != nil {
		return nil, err
	}
	db, err := openBolt(abs, &bolt.Options{Timeout: o.Timeout})
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: abs, opt: o}
	if err := s.prepare(); err != nil {
		_ = db.Close()
		return nil, err
	}
	return s, nil
}

// openBolt opens the file with bbolt, turning its errors and panics into
// this package's errors.
func openBolt(path string, bo *bolt.Options) (db *bolt.DB, err error) {
	err = protect(func() error {
		var e error
		db, e = bolt.Open(path, 0o600, bo)
		return e
	})
	switch {
	case err == nil:
		return db, nil
	case errors.Is(err, berrors.ErrTimeout):
		return nil, ErrLocked
	case errors.Is(err, berrors.ErrInvalid), errors.Is(err, berrors.ErrVersionMismatch),
		errors.Is(err, berrors.ErrChecksum), errors.Is(err, berrors.ErrInvalidMapping):
		return nil, fmt.Errorf("%w: %v", ErrCorrupt, err)
	}
	return nil, err
}

// readSchema returns the file's schema version; fresh is true for a database
// bbolt has just initialised (no buckets at all).
func readSchema(tx *bolt.Tx) (version int, fresh bool, err error) {
	meta := tx.Bucket(bucketMeta)
	if meta == nil {
		if k, _ := tx.Cursor().First(); k == nil {
			return 0, true, nil
		}
		return 0, false, fmt.Errorf("%w: not a plan database", ErrCorrupt)
	}
	v := meta.Get(keySchema)
	switch len(v) {
	case 0:
		return 0, false, nil
	case 4:
		return int(binary.BigEndian.Uint32(v)), false, nil
	}
	return 0, false, fmt.Errorf("%w: bad schema version", ErrCorrupt)
}

// prepare checks the schema and migrates an older database.
func (s *Store) prepare() error {
	var version int
	var fresh bool
	err := s.view(func(tx *bolt.Tx) error {
		var err error
		version, fresh, err = readSchema(tx)
		if err == nil && version == SchemaVersion && tx.Bucket(bucketPlans) == nil {
			err = fmt.Errorf("%w: plans are missing", ErrCorrupt)
		}
		return err
	})
	switch {
	case err != nil:
		return err
	case version > SchemaVersion:
		return &SchemaError{File: version, Supported: SchemaVersion}
	case version == SchemaVersion:
		return nil
	}
	if !fresh {
		if _, err := s.Backup("migrate"); err != nil {
			return fmt.Errorf("backup before upgrading the database: %w", err)
		}
	}
	return s.update(func(tx *bolt.Tx) error {
		for _, m := range migrations[version:] {
			if err := m(tx); err != nil {
				return err
			}
		}
		meta := tx.Bucket(bucketMeta)
		return meta.Put(keySchema, binary.BigEndian.AppendUint32(nil, SchemaVersion))
	})
}

// Close closes the database and releases its lock.
func (s *Store) Close() error {
	s.closeOnce.Do(func() { s.closeErr = s.db.Close() })
	return s.closeErr
}

// Path returns the absolute path of the database file.
func (s *Store) Path() string { return s.path }

// protect runs fn, turning a panic into ErrCorrupt. bbolt panics on damaged
// pages, and a page past the end of a shrunken file faults; SetPanicOnFault
// makes that fault recoverable too.
func protect(fn func() error) (err error) {
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%w: %v", ErrCorrupt, r)
		}
	}()
	return fn()
}

func (s *Store) view(fn func(tx *bolt.Tx) error) error {
	return protect(func() error { return s.db.View(fn) })
}

func (s *Store) update(fn func(tx *bolt.Tx) error) error {
	return protect(func() error { return s.db.Update(fn) })
}

func itob(id model.ID) []byte { return binary.BigEndian.AppendUint64(make([]byte, 0, 8), uint64(id)) }

func btoi(b []byte) model.ID {
	if len(b) != 8 {
		return 0
	}
	return model.ID(binary.BigEndian.Uint64(b))
}

func planBucketName(id model.ID) []byte {
	return binary.BigEndian.AppendUint64([]byte("plan/"), uint64(id))
}

func clone(b []byte) []byte {
	if b == nil {
		return nil
	}
	return append(make([]byte, 0, len(b)), b...)
}
