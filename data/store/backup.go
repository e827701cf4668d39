package store

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"
	"unicode"

	bolt "go.etcd.io/bbolt"
)

// backupStamp is the time part of a backup's name; it sorts as it reads.
const backupStamp = "20060102-150405.000"

// BackupInfo describes one backup file.
type BackupInfo struct {
	Path   string
	Time   time.Time
	Reason string
	Size   int64
}

func backupDir(dbPath string) string { return filepath.Join(filepath.Dir(dbPath), "backups") }

func baseName(dbPath string) string {
	b := filepath.Base(dbPath)
	return strings.TrimSuffix(b, filepath.Ext(b))
}

// cleanReason keeps a reason safe as part of a file name.
func cleanReason(r string) string {
	r = strings.Map(func(c rune) rune {
		if c == '-' || c == '_' || unicode.IsLetter(c) || unicode.IsDigit(c) {
			return c
		}
		return '_'
	}, strings.TrimSpace(r))
	if r == "" {
		return "backup"
	}
	return r
}

// Backup copies the database into the backups folder beside it, named
// <db>-YYYYMMDD-HHMMSS.mmm-<reason>.db, and deletes the oldest backups beyond
// Options.BackupKeep. It returns the new backup's path.
func (s *Store) Backup(reason string) (string, error) {
	dir := backupDir(s.path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", err
	}
	reason = cleanReason(reason)
	t := s.opt.Now()
	var dest string
	for {
		dest = filepath.Join(dir, fmt.Sprintf("%s-%s-%s.db", baseName(s.path), t.Format(backupStamp), reason))
		// Two backups in one millisecond must not overwrite each other.
		if _, err := os.Lstat(dest); errors.Is(err, os.ErrNotExist) {
			break
		}
		t = t.Add(time.Millisecond)
	}
	if err := s.copyTo(dest); err != nil {
		return "", err
	}
	if err := prune(s.path, s.opt.BackupKeep); err != nil {
		return dest, err
	}
	return dest, nil
}

// copyTo writes a consistent snapshot of the database to dest through a
// temporary file, so dest is either absent or complete.
func (s *Store) copyTo(dest string) error {
	return writeAtomic(dest, func(w io.Writer) error {
		return s.view(func(tx *bolt.Tx) error {
			_, err := tx.WriteTo(w)
			return err
		})
	})
}

// writeAtomic writes a 0600 file by way of a temporary file in the same
// folder, synced before the rename so a crash leaves no half file at dest.
func writeAtomic(dest string, write func(w io.Writer) error) (err error) {
	f, err := os.CreateTemp(filepath.Dir(dest), "."+filepath.Base(dest)+".*.tmp")
	if err != nil {
		return err
	}
	defer func() {
		if err != nil {
			_ = f.Close()
			_ = os.Remove(f.Name())
		}
	}()
	if err = f.Chmod(0o600); err != nil {
		return err
	}
	if err = write(f); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(f.Name(), dest)
}

// prune deletes the oldest backups so at most keep remain.
func prune(dbPath string, keep int) error {
	if keep < 0 {
		return nil
	}
	list, err := ListBackups(dbPath)
	if err != nil || len(list) <= keep {
		return err
	}
	var errs []error
	for _, b := range list[keep:] {
		if err := os.Remove(b.Path); err != nil && !errors.Is(err, os.ErrNotExist) {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Backups lists this database's backups, newest first.
func (s *Store) Backups() ([]BackupInfo, error) { return ListBackups(s.path) }

// ListBackups lists the backups of the database at dbPath, newest first. It
// needs no open Store, so a damaged database can still be restored.
func ListBackups(dbPath string) ([]BackupInfo, error) {
	dir := backupDir(dbPath)
	ents, err := os.ReadDir(dir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	prefix := baseName(dbPath) + "-"
	var out []BackupInfo
	for _, e := range ents {
		name := e.Name()
		rest, ok := strings.CutPrefix(name, prefix)
		if !ok || !e.Type().IsRegular() || !strings.HasSuffix(rest, ".db") || len(rest) < len(backupStamp)+len("-x.db") {
			continue
		}
		t, err := time.ParseInLocation(backupStamp, rest[:len(backupStamp)], time.Local)
		if err != nil || rest[len(backupStamp)] != '-' {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue // deleted meanwhile
		}
		out = append(out, BackupInfo{
			Path:   filepath.Join(dir, name),
			Time:   t,
			Reason: strings.TrimSuffix(rest[len(backupStamp)+1:], ".db"),
			Size:   info.Size(),
		})
	}
	slices.SortFunc(out, func(a, b BackupInfo) int {
		if c := b.Time.Compare(a.Time); c != 0 {
			return c
		}
		return strings.Compare(b.Path, a.Path)
	})
	return out, nil
}

// SaveCopy writes a consistent copy of the database to dest ("save as").
// dest is replaced only once the copy is complete.
func (s *Store) SaveCopy(dest string) error {
	abs, err := filepath.Abs(dest)
	if err != nil {
		return err
	}
	if abs == s.path {
		return errors.New("store: cannot save a copy over the open database")
	}
	return s.copyTo(abs)
}

// Restore replaces the database at dbPath with the backup at backupPath and
// opens it. The caller must have closed its Store. The backup is checked
// first (ErrCorrupt and nothing changed if it is not a good plan database)
// and the database being replaced is itself backed up with reason
// "restore".
func Restore(dbPath, backupPath string, opt *Options) (*Store, error) {
	o := opt.withDefaults()
	abs, err := filepath.Abs(dbPath)
	if err != nil {
		return nil, err
	}
	if err := verifyPlanFile(backupPath, o.Timeout); err != nil {
		return nil, err
	}
	if fi, err := os.Stat(abs); err == nil && !fi.Mode().IsRegular() {
		return nil, notRegular(abs, fi)
	}
	if err := os.MkdirAll(filepath.Dir(abs), 0o700); err != nil {
		return nil, err
	}
	// Stage the backup beside the database first: pruning the "restore"
	// backup below may delete the very file being restored.
	src, err := os.Open(backupPath)
	if err != nil {
		return nil, err
	}
	stage, err := os.CreateTemp(filepath.Dir(abs), "."+filepath.Base(abs)+".restore.*.tmp")
	if err != nil {
		src.Close()
		return nil, err
	}
	staged := stage.Name()
	_, err = io.Copy(stage, src)
	src.Close()
	if err == nil {
		err = stage.Chmod(0o600)
	}
	if err == nil {
		err = stage.Sync()
	}
	if cerr := stage.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		os.Remove(staged)
		return nil, err
	}
	if err := backupReplaced(abs, &o); err != nil {
		os.Remove(staged)
		return nil, err
	}
	if err := os.Rename(staged, abs); err != nil {
		os.Remove(staged)
		return nil, err
	}
	// The restored file is older than the last save on purpose.
	if err := ForgetLastSave(abs); err != nil {
		return nil, err
	}
	return Open(abs, &o)
}

// backupReplaced backs up the database Restore is about to replace. A
// database that cannot be opened (damaged, or from a newer version) is
// copied byte for byte instead: it is most likely why the user restores.
func backupReplaced(dbPath string, o *Options) error {
	fi, err := os.Stat(dbPath)
	if errors.Is(err, os.ErrNotExist) || (err == nil && fi.Size() == 0) {
		return nil
	}
	if err != nil {
		return err
	}
	s, err := Open(dbPath, o)
	if err == nil {
		_, err = s.Backup("restore")
		if cerr := s.Close(); err == nil {
			err = cerr
		}
		return err
	}
	if !errors.Is(err, ErrCorrupt) && !errors.Is(err, ErrNewerSchema) && !errors.Is(err, ErrOlderThanLastSave) {
		return err
	}
	dir := backupDir(dbPath)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	dest := filepath.Join(dir, fmt.Sprintf("%s-%s-restore.db", baseName(dbPath), o.Now().Format(backupStamp)))
	err = writeAtomic(dest, func(w io.Writer) error {
		f, err := os.Open(dbPath)
		if err != nil {
			return err
		}
		defer f.Close()
		_, err = io.Copy(w, f)
		return err
	})
	if err != nil {
		return err
	}
	return prune(dbPath, o.BackupKeep)
}
