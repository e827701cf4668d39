package cli

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// childEnv names the variable that makes the test binary run Main with the
// arguments in childArgs instead of the tests: a process of its own, so
// the locale is read from the environment at start-up as the real program
// does (Fyne reads it in a package init, before any test could set it).
const (
	childEnv  = "STAFFPLAN_TEST_MAIN"
	childArgs = "STAFFPLAN_TEST_ARGS"
)

// runAsChild runs the test binary as the program when runChild started it
// so (called first by TestMain); otherwise it returns.
func runAsChild() {
	if os.Getenv(childEnv) == "1" {
		args := strings.Split(os.Getenv(childArgs), "\x1f")
		os.Exit(Main(args, nil, os.Stdout, os.Stderr))
	}
}

// runChild runs Main in a new process with args and the locale variables
// given in locale (all others of that kind removed).
func runChild(t *testing.T, home string, locale []string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(os.Args[0])
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch {
		case k == "LANG", k == "LANGUAGE", strings.HasPrefix(k, "LC_"), k == "STAFFPLAN_LANG", k == "HOME", strings.HasPrefix(k, "XDG_"):
			continue
		}
		cmd.Env = append(cmd.Env, kv)
	}
	cmd.Env = append(cmd.Env, locale...)
	cmd.Env = append(cmd.Env, "HOME="+home, childEnv+"=1", childArgs+"="+strings.Join(args, "\x1f"))
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("running %q: %v", args, err)
	}
	return o.String(), e.String(), code
}

// TestCLINoFyneLocaleMessage: under the C locales of servers and CI, and
// with no locale at all, no command prints Fyne's "Error parsing user
// locale C" (three lines of noise before every output), and help ends
// with a newline so the shell prompt starts on a line of its own.
func TestCLINoFyneLocaleMessage(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.db")
	commands := [][]string{
		{"version"},
		{"templates"},
		{"new", "--template", "kangfei", "--db", db},
		{"show", "--db", db},
		{"check", "--db", db},
		{"backups", "--db", db},
		{"calc", "--db", db, "--list-drivers"},
		{"erlang", "--traffic", "10", "--blocking", "0.02"},
		{"nosuchcommand"},
	}
	helps := [][]string{{"help"}, {"--help"}, {"-h"}}
	for _, sub := range []string{"templates", "new", "show", "import", "export", "erlang", "calc", "backups", "restore", "check"} {
		helps = append(helps, []string{sub, "-h"})
	}
	locales := [][]string{{"LANG=C"}, {"LANG=C.UTF-8"}, nil, {"LC_ALL=C.UTF-8"}, {"LANG=C.UTF-8", "STAFFPLAN_LANG=zh"}}
	for _, loc := range locales {
		for _, args := range append(append([][]string(nil), commands...), helps...) {
			stdout, stderr, code := runChild(t, dir, loc, args...)
			if strings.Contains(stderr, "Fyne error") || strings.Contains(stdout, "Fyne error") {
				t.Errorf("%q %q (exit %d) printed a Fyne message:\n%s", loc, args, code, stderr)
			}
			if code != 0 && args[0] != "nosuchcommand" && args[len(args)-1] != "-h" {
				t.Errorf("%q %q: exit %d, stderr:\n%s", loc, args, code, stderr)
			}
		}
		for _, args := range helps {
			stdout, stderr, _ := runChild(t, dir, loc, args...)
			out := stdout + stderr
			if !strings.Contains(out, "staffplan") && !strings.Contains(out, args[0]) || !strings.HasSuffix(out, "\n") {
				t.Errorf("%q %q: help should name the command and end with a newline, got %q", loc, args, tail(out))
			}
		}
	}
}

func TestMain(m *testing.M) {
	runAsChild()
	os.Exit(m.Run())
}

func tail(s string) string {
	if len(s) > 80 {
		return "…" + s[len(s)-80:]
	}
	return s
}
