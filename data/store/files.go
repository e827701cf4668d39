package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// Problems with the path itself, before any database is read.
var (
	// ErrNoDatabase means there is no file at the path.
	ErrNoDatabase = errors.New("there is no plan database at this path")
	// ErrEmptyFile means the file is empty, so it holds no plan.
	ErrEmptyFile = errors.New("the file is empty")
	// ErrNotRegular means the path is a folder, device, FIFO or socket, which
	// bbolt would block on or refuse with a bare "invalid argument".
	ErrNotRegular = errors.New("not a regular file")
)

// FileError is one of the errors above for a path.
type FileError struct {
	Path string
	Err  error
}

// Error names the path.
func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }

// Unwrap returns the reason.
func (e *FileError) Unwrap() error { return e.Err }

func notRegular(path string, fi os.FileInfo) error {
	return &FileError{Path: path, Err: fmt.Errorf("%w (%s)", ErrNotRegular, fi.Mode().Type())}
}

// mkdirAllTracked makes dir and its missing parents, returning those it
// made, deepest first, so a failure can take them away again.
func mkdirAllTracked(dir string) ([]string, error) {
	var missing []string
	for d := dir; ; d = filepath.Dir(d) {
		if _, err := os.Stat(d); err == nil {
			break
		} else if !errors.Is(err, os.ErrNotExist) {
			return nil, err
		}
		missing = append(missing, d)
		if filepath.Dir(d) == d {
			break
		}
	}
	var made []string
	for i := len(missing) - 1; i >= 0; i-- {
		if err := os.Mkdir(missing[i], 0o700); err != nil && !errors.Is(err, os.ErrExist) {
			removeMade(made)
			return nil, err
		}
		made = append([]string{missing[i]}, made...)
	}
	return made, nil
}

// removeMade removes folders mkdirAllTracked made, if still empty.
func removeMade(made []string) {
	for _, d := range made {
		_ = os.Remove(d)
	}
}

// staleTempAge is how old a temporary file must be before it counts as
// left over by a killed process rather than being written right now.
const staleTempAge = time.Minute

// cleanStaleTemps removes temporary files a killed backup, restore or
// last-save note left behind. Only the holder of the write lock calls it,
// so no other process of this program is writing them.
func cleanStaleTemps(dbPath string) {
	base := baseName(dbPath)
	clean := func(dir string, match func(name string) bool) {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return
		}
		for _, e := range ents {
			name := e.Name()
			if !e.Type().IsRegular() || !strings.HasSuffix(name, ".tmp") || !match(name) {
				continue
			}
			if info, err := e.Info(); err == nil && time.Since(info.ModTime()) >= staleTempAge {
				_ = os.Remove(filepath.Join(dir, name))
			}
		}
	}
	clean(backupDir(dbPath), func(name string) bool {
		return strings.HasPrefix(name, "."+base+"-")
	})
	clean(filepath.Dir(dbPath), func(name string) bool {
		return strings.HasPrefix(name, "."+filepath.Base(dbPath)+".restore.") ||
			strings.HasPrefix(name, "."+filepath.Base(dbPath)+".last.")
	})
}
