package core

import (
	"errors"
	"fmt"
	"os"
	"syscall"

	"staffplan/data/model"
	"staffplan/data/store"
)

// InternalError is the error a panic outside an import becomes.
func InternalError(r any) error {
	return &model.Problem{Key: "err.internal", Text: "The program met a case it does not handle ({{.detail}}). Nothing was changed.",
		Args: map[string]any{"detail": fmt.Sprint(r)}}
}

// storeErrText translates the store's errors that carry a path or times,
// which the generic knownErrors table cannot fill in.
func storeErrText(err error) (string, bool) {
	var oe *store.OlderError
	if errors.As(err, &oe) {
		return X("err.older_than_last_save",
			"This plan file is older than the last save; restore the newest backup? ({{.path}} holds save {{.file}}, but save {{.saved}} was made on {{.time}}. See staffplan backups and staffplan restore, or File › Restore backup.)",
			map[string]any{"path": oe.Path, "file": oe.FileTx, "saved": oe.SavedTx,
				"time": oe.SavedTime.Local().Format("2006-01-02 15:04:05")}), true
	}
	var fe *store.FileError
	if !errors.As(err, &fe) {
		return "", false
	}
	args := map[string]any{"path": fe.Path}
	switch {
	case errors.Is(err, store.ErrNoDatabase):
		return X("err.no_db", "There is no plan database at {{.path}}.", args), true
	case errors.Is(err, store.ErrEmptyFile):
		return X("err.empty_db", "{{.path}} is an empty file, not a plan database. Give the path of a plan database, or delete the empty file.", args), true
	case errors.Is(err, store.ErrNotRegular):
		return X("err.not_regular", "{{.path}} is not a regular file (it is a folder, device or pipe), so it cannot be a plan database. Give the path of a .db file.", args), true
	}
	return "", false
}

// ExportWriteErr names the user's path, not the temporary file, when the
// export could not be written.
func ExportWriteErr(path string, err error) error {
	if err == nil {
		return nil
	}
	reason := err.Error()
	var pe *os.PathError
	var le *os.LinkError
	var errno syscall.Errno
	switch {
	case errors.As(err, &errno):
		reason = errno.Error()
	case errors.As(err, &pe):
		reason = pe.Err.Error()
	case errors.As(err, &le):
		reason = le.Err.Error()
	}
	return errors.New(X("err.export_write", "Could not write {{.path}}: {{.reason}}. Check that the folder is writable and the disk has space.",
		map[string]any{"path": path, "reason": reason}))
}
