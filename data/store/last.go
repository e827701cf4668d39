package store

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	bolt "go.etcd.io/bbolt"
)

// bbolt keeps two meta pages and falls back to the older one when the newer
// is damaged: the file then opens cleanly one save back, and the next write
// makes the loss permanent. So the store notes the last transaction it
// committed in a small file beside the backups (outside the database file,
// which is what may be damaged), and refuses a database older than that.

// ErrOlderThanLastSave matches an *OlderError: the file holds an older state
// than the last save this program made to it.
var ErrOlderThanLastSave = errors.New("this plan file is older than the last save")

// OlderError reports a database older than its last save.
type OlderError struct {
	Path      string
	FileTx    uint64    // transaction the file holds
	SavedTx   uint64    // transaction last committed to it
	SavedTime time.Time // when that was
}

// Error names both transactions.
func (e *OlderError) Error() string {
	return fmt.Sprintf("this plan file is older than the last save (it holds save %d, save %d was made %s); restore the newest backup?",
		e.FileTx, e.SavedTx, e.SavedTime.Local().Format("2006-01-02 15:04:05"))
}

// Is makes errors.Is(err, ErrOlderThanLastSave) match.
func (e *OlderError) Is(target error) bool { return target == ErrOlderThanLastSave }

// lastSavePath is where the last save of the database at dbPath is noted:
// beside it, as <name>.last.
func lastSavePath(dbPath string) string { return dbPath + ".last" }

type lastSave struct {
	tx   uint64
	time time.Time
}

// readLastSave returns the noted last save; ok is false when there is none
// or the note cannot be read (a torn note is no reason to refuse a file).
func readLastSave(dbPath string) (lastSave, bool) {
	f, err := os.Open(lastSavePath(dbPath))
	if err != nil {
		return lastSave{}, false
	}
	defer f.Close()
	var ls lastSave
	var haveTx bool
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), " ")
		switch k {
		case "tx":
			n, err := strconv.ParseUint(v, 10, 64)
			if err != nil {
				return lastSave{}, false
			}
			ls.tx, haveTx = n, true
		case "time":
			ls.time, _ = time.Parse(time.RFC3339Nano, v)
		}
	}
	return ls, haveTx && sc.Err() == nil
}

// writeLastSave notes a save, atomically (temporary file and rename) so a
// crash leaves the old note or the new one. Not synced: a lost note only
// loses the check, never refuses a good file, since it is written after the
// commit is on disk.
func writeLastSave(dbPath string, ls lastSave) error {
	f, err := os.CreateTemp(filepath.Dir(dbPath), "."+filepath.Base(dbPath)+".last.*.tmp")
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "staffplan last save\ntx %d\ntime %s\n", ls.tx, ls.time.UTC().Format(time.RFC3339Nano))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(f.Name(), lastSavePath(dbPath))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// fileTx returns the transaction the open database holds.
func fileTx(db *bolt.DB) (uint64, error) {
	var id uint64
	err := protect(func() error {
		return db.View(func(tx *bolt.Tx) error { id = uint64(tx.ID()); return nil })
	})
	return id, err
}

// checkLastSave refuses a database older than its noted last save.
func checkLastSave(path string, db *bolt.DB) (uint64, error) {
	id, err := fileTx(db)
	if err != nil {
		return 0, err
	}
	if ls, ok := readLastSave(path); ok && ls.tx > id {
		return id, &OlderError{Path: path, FileTx: id, SavedTx: ls.tx, SavedTime: ls.time}
	}
	return id, nil
}

// saved notes a committed transaction. A failure to write the note is not
// the user's problem at this point: the data is saved.
func (s *Store) saved(txid int) {
	s.lastMu.Lock()
	defer s.lastMu.Unlock()
	if uint64(txid) <= s.lastTx || s.readOnly {
		return
	}
	s.lastTx = uint64(txid)
	_ = writeLastSave(s.path, lastSave{tx: uint64(txid), time: time.Now()})
}

// ForgetLastSave drops the note of the last save of the database at dbPath,
// so an older file put there on purpose (a restored backup) opens.
func ForgetLastSave(dbPath string) error {
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return err
	}
	err = os.Remove(lastSavePath(abs))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	return err
}
