// Package deps holds the module's import rules, the one place that says
// which package may import which; its test checks them against `go list`
// and .ci/run runs that test.
package deps

// Rule forbids the packages under From to depend on the packages under
// Forbidden. Patterns are import paths, with a trailing "/..." for a
// package and everything under it.
type Rule struct {
	From      string
	Forbidden string
	// Except lists packages under From the rule does not bind.
	Except []string
	// Direct checks only the package's own imports; otherwise every
	// package it depends on counts too.
	Direct bool
	// Tests extends the rule to the package's test files.
	Tests bool
	// Why is printed when the rule is broken.
	Why string
}

// Rules are the module's import rules.
var Rules = []Rule{
	{From: "staffplan/data/...", Forbidden: "fyne.io/...", Tests: true,
		Why: "domain rules and storage run without a window (the CLI, tests)"},
	{From: "staffplan/widgets/...", Forbidden: "go.etcd.io/bbolt/...", Tests: true,
		Why: "widgets know nothing of the database"},
	{From: "staffplan/app/...", Forbidden: "fyne.io/fyne/v2/app", Tests: true,
		Why: "app/ tests run headless with fyne.io/fyne/v2/test; only main starts a driver"},
	{From: "staffplan/data/calc", Forbidden: "staffplan/data/store/...",
		Why: "the calculator knows nothing of storage; it reads and writes through its own small interfaces (its tests use a real store)"},
	{From: "staffplan/...", Forbidden: "fyne.io/fyne/v2/app", Direct: true, Tests: true,
		Except: []string{"staffplan/cmd/staffplan"},
		Why:    "cmd/staffplan is the only package that starts the Fyne driver"},
}

// Match reports whether import path p matches pattern, which is an import
// path or one with a trailing "/..." for the path and everything under it.
func Match(pattern, p string) bool {
	if base, ok := cutSuffix(pattern, "/..."); ok {
		return p == base || len(p) > len(base) && p[:len(base)] == base && p[len(base)] == '/'
	}
	return p == pattern
}

func cutSuffix(s, suffix string) (string, bool) {
	if len(s) >= len(suffix) && s[len(s)-len(suffix):] == suffix {
		return s[:len(s)-len(suffix)], true
	}
	return s, false
}
