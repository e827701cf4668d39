//go:build !linux

package export

import "testing"

// asUnprivileged runs fn; outside Linux the tests are not run as root.
func asUnprivileged(t *testing.T, fn func() error) error {
	t.Helper()
	return fn()
}
