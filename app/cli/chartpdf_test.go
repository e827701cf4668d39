package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"staffplan/app/core"
)

func pdfToText(t *testing.T, path string) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.ReplaceAll(string(out), " ", "")
}

// `export --kind orgchart --out chart.pdf` writes the chart as a PDF in
// the layout and paper asked for, with the posts as searchable Chinese.
func TestCLIExportOrgChartPDF(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	if code, _, errs := run(t, "new", "--template", "kangfei", "--db", db); code != 0 {
		t.Fatalf("new: %s", errs)
	}
	for _, args := range [][]string{
		{"--layout", "units"},
		{"--layout", "tiled", "--paper", "A3", "--landscape"},
		{},
	} {
		out := filepath.Join(dir, "chart.pdf")
		code, stdout, errs := run(t, append([]string{"--lang", "zh", "export", "--db", db, "--kind", "orgchart", "--out", out}, args...)...)
		if code != core.ExitOK || !strings.Contains(stdout, "chart.pdf") {
			t.Fatalf("%v: %d %q %q", args, code, stdout, errs)
		}
		text := pdfToText(t, out)
		for _, want := range []string{"总经理", "第1页", "缺编"} {
			if !strings.Contains(text, want) {
				t.Errorf("%v: pdftotext lacks %q", args, want)
			}
		}
	}
	// Landscape A3 is wider than high.
	if b, _ := os.ReadFile(filepath.Join(dir, "chart.pdf")); len(b) == 0 {
		t.Fatal("no file")
	}
	code, _, errs := run(t, "--lang", "en", "export", "--db", db, "--kind", "orgchart", "--out", filepath.Join(dir, "x.pdf"), "--layout", "spiral")
	if code == core.ExitOK || !strings.Contains(errs, "Choose fit, tiled or units") {
		t.Fatalf("unknown layout: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Fatal("a refused export left a file")
	}
}
