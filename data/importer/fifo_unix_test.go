//go:build unix

package importer

import (
	"context"
	"errors"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestNonRegularFilesAreRefused: a device, a pipe or a folder is refused
// before it is read (import /dev/zero read until memory ran out; a pipe
// would wait for a writer).
func TestNonRegularFilesAreRefused(t *testing.T) {
	fifo := filepath.Join(t.TempDir(), "pipe.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/dev/zero", fifo, t.TempDir()} {
		done := make(chan error, 1)
		go func() {
			_, err := Read(context.Background(), path, nil)
			done <- err
		}()
		select {
		case err := <-done:
			if !errors.Is(err, ErrNotSpreadsheet) || !strings.Contains(err.Error(), "not a regular file") {
				t.Errorf("%s: err = %v", path, err)
			}
		case <-time.After(5 * time.Second):
			t.Fatalf("%s: Read did not return", path)
		}
	}
}
