// Package deps holds the module's import rules, the one place that says
// which package may import which; its test checks them against `go list`
// and .ci/run runs that test.
package deps

import "slices"

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
var Rules = slices.Concat([]Rule{
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
	// app/ is three rooms: the window (gui), the command line (cli) and
	// what both need (core); cmd/staffplan wires gui into cli.Main.
	{From: "staffplan/app/core/...", Forbidden: "staffplan/app/gui/...", Tests: true,
		Why: "core is shared by the window and the command line, and knows neither"},
	{From: "staffplan/app/core/...", Forbidden: "staffplan/app/cli/...", Tests: true,
		Why: "core is shared by the window and the command line, and knows neither"},
	{From: "staffplan/app/cli/...", Forbidden: "staffplan/app/gui/...", Tests: true,
		Why: "the command line runs without a window; cmd/staffplan hands it gui.Run"},
	{From: "staffplan/app/gui/...", Forbidden: "staffplan/app/cli/...", Tests: true,
		Why: "the window shares code with the command line through app/core only"},
},
	noWidgets("staffplan/app/core/...", "core is shared with the command line, which draws nothing"),
	noWidgets("staffplan/app/cli/...", "the command line draws nothing"))

// widgetPackages are the Fyne packages that draw or drive a window.
var widgetPackages = []string{"fyne.io/fyne/v2/widget/...", "fyne.io/fyne/v2/container/...",
	"fyne.io/fyne/v2/dialog/...", "fyne.io/fyne/v2/canvas/...", "fyne.io/fyne/v2/driver/..."}

// noWidgets forbids from's own imports (and its tests') the widget
// packages. Only its own: the org chart's PNG and SVG writers, which
// `staffplan export --kind orgchart` uses through core, live in the
// widget package widgets/orgchart.
func noWidgets(from, why string) []Rule {
	var rules []Rule
	for _, w := range widgetPackages {
		rules = append(rules, Rule{From: from, Forbidden: w, Direct: true, Tests: true, Why: why})
	}
	return rules
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
