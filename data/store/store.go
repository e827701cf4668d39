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
const SchemaVersion = 3

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
	// 1 → 2: checksums on every record and a digest per plan (seal.go).
	migrateChecksums,
	// 2 → 3: budget fields on plans, units, posts and people.
	migrateBudget,
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
	db       *bolt.DB
	path     string
	opt      Options
	readOnly bool

	// FixedMode is the permission bits the file had when Open found it
	// readable by others and set it to 0600; 0 when it was private.
	FixedMode os.FileMode

	lastMu sync.Mutex
	lastTx uint64

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
func Open(path string, opt *Options) (s *Store, err error) {
	o := opt.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	fi, statErr := os.Stat(abs)
	if statErr == nil && !fi.Mode().IsRegular() {
		return nil, notRegular(abs, fi)
	}
	fresh := errors.Is(statErr, os.ErrNotExist) || (statErr == nil && fi.Size() == 0)
	// A failed open must leave nothing behind: no folders it made, no
	// empty database file.
	made, err := mkdirAllTracked(filepath.Dir(abs))
	if err != nil {
		return nil, err
	}
	defer func() {
		if err != nil {
			if errors.Is(statErr, os.ErrNotExist) {
				os.Remove(abs)
			}
			removeMade(made)
		}
	}()
	if err := checkFile(abs); err != nil {
		return nil, err
	}
	db, err := openBolt(abs, &bolt.Options{Timeout: o.Timeout})
	if err != nil {
		return nil, err
	}
	s = &Store{db: db, path: abs, opt: o}
	if statErr == nil && fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(abs, 0o600); err == nil {
			s.FixedMode = fi.Mode().Perm()
		}
	}
	if fresh {
		// A new file starts a new history: an old note would refuse it.
		_ = ForgetLastSave(abs)
	} else if s.lastTx, err = checkLastSave(abs, db); err != nil {
		_ = db.Close()
		return nil, err
	}
	cleanStaleTemps(abs)
	if err := s.prepare(); err != nil {
		_ = db.Close()
		return nil, err
	}
	if id, err := fileTx(db); err == nil {
		s.saved(int(id))
	}
	return s, nil
}

// OpenReadOnly opens an existing plan database for reading only: nothing
// is created, migrated or written, not even the file's permissions. A file
// of an older schema is read as it is.
func OpenReadOnly(path string, opt *Options) (*Store, error) {
	o := opt.withDefaults()
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(abs)
	if errors.Is(err, os.ErrNotExist) {
		return nil, &FileError{Path: abs, Err: ErrNoDatabase}
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, notRegular(abs, fi)
	}
	if fi.Size() == 0 {
		return nil, &FileError{Path: abs, Err: ErrEmptyFile}
	}
	if err := checkFile(abs); err != nil {
		return nil, err
	}
	db, err := openBolt(abs, &bolt.Options{Timeout: o.Timeout, ReadOnly: true})
	if err != nil {
		return nil, err
	}
	s := &Store{db: db, path: abs, opt: o, readOnly: true}
	if _, err := checkLastSave(abs, db); err != nil {
		_ = db.Close()
		return nil, err
	}
	err = s.view(func(tx *bolt.Tx) error {
		version, fresh, err := readSchema(tx)
		switch {
		case err != nil:
			return err
		case fresh || version < 1:
			return fmt.Errorf("%w: not a plan database", ErrCorrupt)
		case version > SchemaVersion:
			return &SchemaError{File: version, Supported: SchemaVersion}
		case tx.Bucket(bucketPlans) == nil:
			return fmt.Errorf("%w: plans are missing", ErrCorrupt)
		}
		return nil
	})
	if err != nil {
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
	var id int
	err := protect(func() error {
		return s.db.Update(func(tx *bolt.Tx) error { id = tx.ID(); return fn(tx) })
	})
	if err == nil {
		s.saved(id)
	}
	return err
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
