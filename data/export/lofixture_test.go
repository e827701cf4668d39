package export

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

// TestMain removes the LibreOffice fixture's folder after the tests.
func TestMain(m *testing.M) {
	code := m.Run()
	if lo.dir != "" {
		os.RemoveAll(lo.dir)
	}
	os.Exit(code)
}

// loFixture holds every workbook the LibreOffice tests read and what
// LibreOffice made of them, as CSV and as PDF: one soffice call per format
// for the whole package, since each call costs LibreOffice's start-up
// (about 2 s here, more on a busy machine) whatever it converts.
type loFixture struct {
	dir string // staffing, roster, descriptions, template, calc, staffing-long (.xlsx, .csv, .pdf)
	ok  bool
}

var (
	lo     loFixture
	loOnce sync.Once
)

const loCSV = "csv:Text - txt - csv (StarCalc):44,34,76,1" // comma, double quote, UTF-8, from row 1

// loConverted returns the fixture's folder, building it on first use;
// it skips the test when LibreOffice is not installed.
func loConverted(t *testing.T) string {
	t.Helper()
	bin := soffice(t)
	loOnce.Do(func() {
		dir, err := os.MkdirTemp("", "staffplan-lo-")
		if err != nil {
			t.Fatal(err)
		}
		lo.dir = dir
		d := kangfei(t)
		opt := Options{Date: testDate}
		path := func(name string) string { return filepath.Join(dir, name) }
		writeFile(t, path("staffing.xlsx"), StaffingWorkbook, d, opt)
		writeFile(t, path("roster.xlsx"), RosterWorkbook, d, opt)
		writeFile(t, path("descriptions.xlsx"), DescriptionsWorkbook, d, opt)
		writeFile(t, path("template.xlsx"), TemplateWorkbook, d, opt)
		writeFile(t, path("staffing-long.xlsx"), StaffingWorkbook, longPlan(t), opt)
		sheet := callCentreSheet(t)
		var buf bytes.Buffer
		if err := CalcReportWorkbook(&buf, d, sheet, opt); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path("calc.xlsx"), buf.Bytes(), 0o600); err != nil {
			t.Fatal(err)
		}
		convert(t, bin, dir, loCSV, path("staffing.xlsx"), path("roster.xlsx"), path("descriptions.xlsx"), path("template.xlsx"), path("calc.xlsx"))
		convert(t, bin, dir, "pdf", path("staffing.xlsx"), path("descriptions.xlsx"), path("calc.xlsx"), path("staffing-long.xlsx"))
		lo.ok = true
	})
	if !lo.ok {
		t.Fatal("building the LibreOffice fixture failed (see the first test that used it)")
	}
	return lo.dir
}

// keepExports copies files of the fixture to STAFFPLAN_KEEP_EXPORTS, when
// set, for a look.
func keepExports(t *testing.T, dir string, names map[string]string) {
	t.Helper()
	keep := os.Getenv("STAFFPLAN_KEEP_EXPORTS")
	if keep == "" {
		return
	}
	if err := os.MkdirAll(keep, 0o755); err != nil {
		t.Fatal(err)
	}
	for from, to := range names {
		b, err := os.ReadFile(filepath.Join(dir, from))
		if err == nil {
			err = os.WriteFile(filepath.Join(keep, to), b, 0o644)
		}
		if err != nil {
			t.Fatal(err)
		}
	}
}
