package deps

import (
	"os/exec"
	"sort"
	"strings"
	"testing"
)

// pkgInfo is what go list says of one package.
type pkgInfo struct {
	path        string
	direct, all []string // its own imports; those and all they depend on
	testDirect  []string // its tests' imports
	testAll     []string // those and all they depend on
}

// goList lists every package of the module with the given build tags.
func goList(t *testing.T, tags string) []pkgInfo {
	t.Helper()
	// go test puts its own go first on PATH.
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command: %v", err)
	}
	// Deps lists what the package itself needs; what the imports of its
	// tests depend on comes from a second call.
	format := `{{.ImportPath}}|{{join .Imports " "}}|{{join .Deps " "}}|{{join .TestImports " "}} {{join .XTestImports " "}}`
	out, err := exec.Command(goBin, "list", "-tags", tags, "-f", format, "staffplan/...").Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok {
			t.Fatalf("go list: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("go list: %v", err)
	}
	var pkgs []pkgInfo
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		parts := strings.SplitN(line, "|", 4)
		if len(parts) != 4 {
			t.Fatalf("go list printed %q", line)
		}
		p := pkgInfo{path: parts[0], direct: strings.Fields(parts[1]), testDirect: strings.Fields(parts[3])}
		p.all = append(append(p.all, p.direct...), strings.Fields(parts[2])...)
		pkgs = append(pkgs, p)
	}
	if len(pkgs) < 5 {
		t.Fatalf("go list found only %d packages: %q", len(pkgs), out)
	}
	// What the tests' imports depend on in turn.
	var testOnly []string
	seen := map[string]bool{}
	for _, p := range pkgs {
		for _, d := range p.testDirect {
			if !seen[d] {
				seen[d] = true
				testOnly = append(testOnly, d)
			}
		}
	}
	sort.Strings(testOnly)
	args := append([]string{"list", "-tags", tags, "-deps", "-f", `{{.ImportPath}}|{{join .Deps " "}}`}, testOnly...)
	out, err = exec.Command(goBin, args...).Output()
	if err != nil {
		t.Fatalf("go list -deps: %v", err)
	}
	deps := map[string][]string{}
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		path, list, _ := strings.Cut(line, "|")
		deps[path] = strings.Fields(list)
	}
	for i := range pkgs {
		for _, d := range pkgs[i].testDirect {
			pkgs[i].testAll = append(append(pkgs[i].testAll, d), deps[d]...)
		}
	}
	return pkgs
}

// violations lists, for each rule, the packages that break it and through
// which import.
func violations(rules []Rule, pkgs []pkgInfo) []string {
	var bad []string
	for _, r := range rules {
		for _, p := range pkgs {
			if !Match(r.From, p.path) || contains(r.Except, p.path) {
				continue
			}
			list := p.all
			if r.Direct {
				list = p.direct
			}
			if r.Tests && r.Direct {
				list = append(append([]string(nil), list...), p.testDirect...)
			} else if r.Tests {
				list = append(append([]string(nil), list...), p.testAll...)
			}
			var hits []string
			for _, imp := range list {
				if Match(r.Forbidden, imp) && !contains(hits, imp) {
					hits = append(hits, imp)
				}
			}
			if len(hits) > 0 {
				sort.Strings(hits)
				bad = append(bad, p.path+" must not import "+r.Forbidden+" ("+r.Why+"), but imports "+strings.Join(hits, ", "))
			}
		}
	}
	return bad
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// TestPackageDependencies checks the module against Rules, with and without
// the e2e tag.
func TestPackageDependencies(t *testing.T) {
	for _, tags := range []string{"", "e2e"} {
		pkgs := goList(t, tags)
		for _, v := range violations(Rules, pkgs) {
			t.Errorf("tags %q: %s", tags, v)
		}
		// The rules must bind something: a renamed package would make
		// them pass vacuously.
		for _, r := range Rules {
			n := 0
			for _, p := range pkgs {
				if Match(r.From, p.path) && !contains(r.Except, p.path) {
					n++
				}
			}
			if n == 0 {
				t.Errorf("rule %s ↛ %s matches no package", r.From, r.Forbidden)
			}
		}
	}
}

// TestViolationsSeen checks the checker itself reports a direct and a
// transitive break.
func TestViolationsSeen(t *testing.T) {
	pkgs := []pkgInfo{
		{path: "staffplan/data/x", direct: []string{"staffplan/data/y"}, all: []string{"staffplan/data/y", "fyne.io/fyne/v2"}},
		{path: "staffplan/app", testDirect: []string{"fyne.io/fyne/v2/app"}, testAll: []string{"fyne.io/fyne/v2/app"}},
		{path: "staffplan/cmd/staffplan", direct: []string{"fyne.io/fyne/v2/app"}, all: []string{"fyne.io/fyne/v2/app"}},
		// The calculator's tests may use a real store; the calculator not.
		{path: "staffplan/data/calc", testDirect: []string{"staffplan/data/store"}, testAll: []string{"staffplan/data/store"}},
		{path: "staffplan/widgets/w", all: []string{"staffplan/data/store", "go.etcd.io/bbolt"}},
	}
	got := violations(Rules, pkgs)
	want := []string{"staffplan/data/x must not import fyne.io/...", "staffplan/widgets/w must not import go.etcd.io/bbolt/...", "staffplan/app must not import fyne.io/fyne/v2/app", "staffplan/app must not import fyne.io/fyne/v2/app"}
	if len(got) != len(want) {
		t.Fatalf("violations = %q, want %d", got, len(want))
	}
	for i, w := range want {
		if !strings.HasPrefix(got[i], w) {
			t.Errorf("violation %d = %q, want prefix %q", i, got[i], w)
		}
	}
	for _, v := range got {
		if strings.HasPrefix(v, "staffplan/cmd/staffplan ") || strings.HasPrefix(v, "staffplan/data/calc ") {
			t.Errorf("allowed import reported: %q", v)
		}
	}
	if !Match("fyne.io/...", "fyne.io/fyne/v2") || Match("fyne.io/...", "fyne.iox/a") || !Match("staffplan/data/calc", "staffplan/data/calc") || Match("staffplan/data/calc", "staffplan/data/calcx") {
		t.Error("Match")
	}
}

// TestAppRoomsSeen checks the rules of app/'s three packages catch what
// they forbid: the command line or core reaching the window (even through
// another package), the window reaching the command line, and core or the
// command line importing a Fyne widget package themselves.
func TestAppRoomsSeen(t *testing.T) {
	pkgs := []pkgInfo{
		{path: "staffplan/app/cli", direct: []string{"staffplan/app/core"}, all: []string{"staffplan/app/core", "staffplan/widgets/orgchart", "fyne.io/fyne/v2/widget"},
			testDirect: []string{"staffplan/app/internal/x"}, testAll: []string{"staffplan/app/internal/x", "staffplan/app/gui"}},
		{path: "staffplan/app/core", direct: []string{"fyne.io/fyne/v2/lang", "fyne.io/fyne/v2/dialog"}, all: []string{"fyne.io/fyne/v2/lang", "fyne.io/fyne/v2/dialog", "staffplan/app/cli"}},
		{path: "staffplan/app/gui", direct: []string{"staffplan/app/core", "fyne.io/fyne/v2/widget"}, all: []string{"staffplan/app/core", "staffplan/app/cli"}},
		{path: "staffplan/app/cli/sub", direct: []string{"fyne.io/fyne/v2/container"}, all: []string{"fyne.io/fyne/v2/container"}},
	}
	got := strings.Join(violations(Rules, pkgs), "\n")
	for _, want := range []string{
		"staffplan/app/core must not import staffplan/app/cli/...",
		"staffplan/app/cli must not import staffplan/app/gui/...",
		"staffplan/app/gui must not import staffplan/app/cli/...",
		"staffplan/app/core must not import fyne.io/fyne/v2/dialog/...",
		"staffplan/app/cli/sub must not import fyne.io/fyne/v2/container/...",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("not reported: %s\nreported:\n%s", want, got)
		}
	}
	// The command line reaches widgets only through core's use of
	// widgets/orgchart; the window may import widgets.
	if strings.Contains(got, "staffplan/app/cli must not import fyne.io/fyne/v2/widget") || strings.Contains(got, "staffplan/app/gui must not import fyne.io/fyne/v2/widget") {
		t.Errorf("allowed import reported:\n%s", got)
	}
	if n := strings.Count(got, "\n") + 1; n != 5 {
		t.Errorf("%d violations, want 5:\n%s", n, got)
	}
}
