package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"staffplan/app/core"
	"staffplan/widgets/orgchart"
)

// The org-chart PNG draws Chinese with the shipped font: on a computer
// without any font of its own it is written with no warning.
func TestCLIExportPNGNeedsNoSystemFont(t *testing.T) {
	savedDirs := orgchart.FallbackFontDirs
	orgchart.FallbackFontDirs = nil
	defer func() { orgchart.FallbackFontDirs = savedDirs }()
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
	if errs != "" {
		t.Errorf("stderr = %q, want no warning", errs)
	}
	if !strings.Contains(stdout, "o.png") {
		t.Errorf("stdout = %q, want the file written", stdout)
	}
	if b, err := os.ReadFile(out); err != nil || !strings.HasPrefix(string(b), "\x89PNG") {
		t.Errorf("no PNG written: %v", err)
	}
	core.InitLang("en")
}
