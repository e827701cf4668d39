package deps

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TopLevel is what the repository root holds, besides dot-folders such as
// .ci and .git: a newcomer finds the rooms by these names.
var TopLevel = []string{"cmd", "app", "widgets", "data", "assets", "FyneApp.toml", "go.mod", "go.sum", "README.md"}

// TestTopLevelLayout fails on anything else at the root, so a new package
// goes into one of the rooms (app/internal, data/internal…) rather than
// beside them.
func TestTopLevelLayout(t *testing.T) {
	goBin, err := exec.LookPath("go")
	if err != nil {
		t.Fatalf("no go command: %v", err)
	}
	out, err := exec.Command(goBin, "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		t.Fatalf("go list -m: %v", err)
	}
	root := strings.TrimSpace(string(out))
	// Only what git tracks counts: builds and editors leave files behind.
	tracked, err := exec.Command("git", "-C", root, "ls-files").Output()
	var names []string
	if err == nil && len(tracked) > 0 {
		seen := map[string]bool{}
		for _, f := range strings.Split(strings.TrimSpace(string(tracked)), "\n") {
			top, _, _ := strings.Cut(f, "/")
			if !seen[top] {
				seen[top] = true
				names = append(names, top)
			}
		}
	} else { // not a git checkout (an unpacked archive): the folder itself
		entries, err := os.ReadDir(root)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			names = append(names, e.Name())
		}
	}
	allowed := map[string]bool{}
	for _, n := range TopLevel {
		allowed[n] = true
	}
	for _, n := range names {
		if !allowed[n] && !strings.HasPrefix(n, ".") {
			t.Errorf("%s at the repository root: the root holds only %v and dot-folders", filepath.Join(root, n), TopLevel)
		}
	}
}
