package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"staffplan/app/core"
	"staffplan/widgets/orgchart"
)

// Without a Chinese font the org-chart PNG is still written and the
// warning goes to the command's own stderr (where a script or a test
// collects it), not the process's.
func TestCLIExportNoCJKFontWarnsOnItsStderr(t *testing.T) {
	// No font files and no folders to look for a fallback in.
	saved, savedDirs := orgchart.FontPaths, orgchart.FallbackFontDirs
	orgchart.FontPaths, orgchart.FallbackFontDirs = nil, nil
	defer func() { orgchart.FontPaths, orgchart.FallbackFontDirs = saved, savedDirs }()
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if code, _, errs := run(t, "new", "--template", "kangfei", "--db", db); code != 0 {
		t.Fatalf("new: %s", errs)
	}
	out := filepath.Join(dir, "o.png")
	code, stdout, errs := run(t, "--lang", "en", "export", "--db", db, "--kind", "orgchart", "--out", out)
	if code != core.ExitOK {
		t.Fatalf("export: %d %q", code, errs)
	}
	if !strings.Contains(errs, "No Chinese font was found") {
		t.Errorf("stderr given to the command = %q, want the missing-font warning", errs)
	}
	if !strings.Contains(stdout, "o.png") {
		t.Errorf("stdout = %q, want the file written", stdout)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("no PNG written: %v", err)
	}
	core.InitLang("en")
}
