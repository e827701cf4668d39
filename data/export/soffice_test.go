package export

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

// soffice finds LibreOffice, skipping the test when it is not installed.
func soffice(t *testing.T) string {
	t.Helper()
	for _, name := range []string{"soffice", "libreoffice"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	t.Skip("LibreOffice (soffice) is not installed")
	return ""
}

// convert runs LibreOffice on files with a profile of its own, so the test
// neither touches nor waits for the user's LibreOffice.
func convert(t *testing.T, bin, dir, to string, files ...string) {
	t.Helper()
	args := append([]string{
		"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "lo-profile")),
		"--headless", "--norestore", "--convert-to", to, "--outdir", dir,
	}, files...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	start := time.Now()
	out, err := cmd.CombinedOutput()
	t.Logf("soffice --convert-to %s of %d files: %v", to, len(files), time.Since(start).Round(time.Millisecond))
	if err != nil {
		t.Fatalf("soffice %v: %v\n%s", args, err, out)
	}
	for _, f := range files {
		ext := to[:strings.IndexAny(to+":", ":")]
		if _, err := os.Stat(strings.TrimSuffix(f, filepath.Ext(f)) + "." + ext); err != nil {
			t.Fatalf("soffice wrote no %s for %s:\n%s", ext, f, out)
		}
	}
}

func writeFile(t *testing.T, path string, fn func(io.Writer, *model.PlanData, Options) error, d *model.PlanData, opt Options) {
	t.Helper()
	if err := WriteFileAtomic(path, func(w io.Writer) error { return fn(w, d, opt) }); err != nil {
		t.Fatal(err)
	}
}

func readCSV(t *testing.T, path string) [][]string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(b, []byte("\xEF\xBB\xBF"))))
	r.FieldsPerRecord = -1
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

// compareWithExcelize checks that LibreOffice shows every cell as excelize
// reads it, formats applied: numbers, dates and merged text alike.
func compareWithExcelize(t *testing.T, xlsx, sheet string, lo [][]string) {
	t.Helper()
	f, err := excelize.OpenFile(xlsx)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	want, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	trim := func(r []string) []string {
		for len(r) > 0 && r[len(r)-1] == "" {
			r = r[:len(r)-1]
		}
		return r
	}
	for len(lo) > 0 && len(trim(lo[len(lo)-1])) == 0 {
		lo = lo[:len(lo)-1]
	}
	if len(lo) != len(want) {
		t.Errorf("%s: LibreOffice has %d rows, excelize %d", filepath.Base(xlsx), len(lo), len(want))
	}
	bad := 0
	for i := 0; i < min(len(lo), len(want)) && bad < 10; i++ {
		if a, b := trim(lo[i]), trim(want[i]); fmt.Sprintf("%q", a) != fmt.Sprintf("%q", b) {
			t.Errorf("%s row %d:\nLibreOffice %q\nexcelize    %q", filepath.Base(xlsx), i+1, a, b)
			bad++
		}
	}
}

var pdfPage = regexp.MustCompile(`/Type\s*/Page[^s]`)

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return len(pdfPage.FindAll(b, -1))
}

// TestLibreOfficeOpensExports opens each workbook the way a user would, in
// LibreOffice, and compares what it shows with what was written. Set
// STAFFPLAN_KEEP_EXPORTS to a folder to keep the files and PDFs for a look.
func TestLibreOfficeOpensExports(t *testing.T) {
	dir := loConverted(t)
	d := kangfei(t)
	staffing := filepath.Join(dir, "staffing.xlsx")
	roster := filepath.Join(dir, "roster.xlsx")
	desc := filepath.Join(dir, "descriptions.xlsx")

	compareWithExcelize(t, staffing, "人员配置明细表", readCSV(t, filepath.Join(dir, "staffing.csv")))
	compareWithExcelize(t, roster, "花名册", readCSV(t, filepath.Join(dir, "roster.csv")))
	compareWithExcelize(t, desc, "目录", readCSV(t, filepath.Join(dir, "descriptions.csv")))

	// The figures a reader checks first, as LibreOffice shows them.
	st := readCSV(t, filepath.Join(dir, "staffing.csv"))
	joined := fmt.Sprint(st)
	for _, s := range []string{"行政人事部 (9人)", "暂不设置", "0.5"} {
		if !strings.Contains(joined, s) {
			t.Errorf("LibreOffice staffing table lacks %q", s)
		}
	}
	if r := readCSV(t, filepath.Join(dir, "roster.csv")); len(r) < 2 || r[1][6] != "2006-03-01" {
		t.Errorf("LibreOffice roster hire date: %q", r[1])
	}

	// The sample fits one page: fit to width keeps all seven columns on it.
	if n := pdfPages(t, filepath.Join(dir, "staffing.pdf")); n != 1 {
		t.Errorf("staffing table prints on %d pages, want 1", n)
	}
	// One page for the index and exactly one per post.
	if n, want := pdfPages(t, filepath.Join(dir, "descriptions.pdf")), 1+len(d.Positions); n != want {
		t.Errorf("descriptions print on %d pages, want %d", n, want)
	}

	keepExports(t, dir, map[string]string{"staffing.xlsx": "staffing.xlsx", "roster.xlsx": "roster.xlsx",
		"descriptions.xlsx": "descriptions.xlsx", "staffing.pdf": "staffing.pdf", "descriptions.pdf": "descriptions.pdf"})
}

// The import template and the calculator report open in LibreOffice with
// the values excelize wrote: the sheet a user sees first of each.
func TestLibreOfficeOpensTemplateAndCalcReport(t *testing.T) {
	dir := loConverted(t)
	tmpl := filepath.Join(dir, "template.xlsx")
	report := filepath.Join(dir, "calc.xlsx")
	compareWithExcelize(t, tmpl, "花名册", readCSV(t, filepath.Join(dir, "template.csv")))
	compareWithExcelize(t, report, "测算结果", readCSV(t, filepath.Join(dir, "calc.csv")))
	if got := fmt.Sprint(readCSV(t, filepath.Join(dir, "calc.csv"))); !strings.Contains(got, "向下取整") {
		t.Errorf("LibreOffice calc report lacks the arithmetic: %s", got)
	}
}
