//go:build !linux

package testenv

import "testing"

// AsUnprivileged runs fn; outside Linux the tests are not run as root.
func AsUnprivileged(t testing.TB, fn func() error) error {
	t.Helper()
	return fn()
}
