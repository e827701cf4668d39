//go:build unix

package cli

import (
	"fmt"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestCLIImportRefusesAPipe: `staffplan import` of a pipe or a device
// says so at once (a pipe waited for a writer; /dev/zero read until
// memory ran out).
func TestCLIImportRefusesAPipe(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.db")
	fifo := filepath.Join(dir, "roster.csv")
	if err := syscall.Mkfifo(fifo, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{fifo, "/dev/zero"} {
		done := make(chan string, 1)
		go func() {
			code, _, errs := run(t, "--lang", "en", "import", path, "--db", db)
			done <- fmt.Sprint(code, " ", errs)
		}()
		select {
		case got := <-done:
			if !strings.HasPrefix(got, "1 ") || !strings.Contains(got, "not a regular file") {
				t.Errorf("%s: %s", path, got)
			}
		case <-time.After(10 * time.Second):
			t.Fatalf("%s: the import did not return", path)
		}
	}
}
