// Package testenv holds helpers for tests that need something of the
// operating system.
package testenv

import (
	"os"
	"syscall"
	"testing"
)

// AsUnprivileged runs fn with the effective user "nobody" when the tests run
// as root (as CI does), because root writes into read-only folders anyway.
// The saved user id stays root, so the switch back is allowed.
func AsUnprivileged(t testing.TB, fn func() error) error {
	t.Helper()
	if os.Geteuid() != 0 {
		return fn()
	}
	const nobody = 65534
	if err := syscall.Setresuid(-1, nobody, -1); err != nil {
		t.Fatalf("dropping to uid %d: %v", nobody, err)
	}
	defer func() {
		if err := syscall.Setresuid(-1, 0, -1); err != nil {
			panic("cannot return to root: " + err.Error())
		}
	}()
	return fn()
}
