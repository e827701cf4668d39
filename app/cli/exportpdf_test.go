package cli

import (
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"staffplan/app/core"
)

func pdfTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (poppler-utils)", name)
	}
	out, err := exec.Command(p, args...).Output()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return string(out)
}

func pdfPages(t *testing.T, path string) int {
	t.Helper()
	for _, ln := range strings.Split(pdfTool(t, "pdfinfo", path), "\n") {
		if v, ok := strings.CutPrefix(ln, "Pages:"); ok {
			n, _ := strconv.Atoi(strings.TrimSpace(v))
			return n
		}
	}
	t.Fatal("pdfinfo gave no page count")
	return 0
}

func TestCLIExportPlanPDF(t *testing.T) {
	defer core.InitLang("en")
	dir := t.TempDir()
	db := filepath.Join(dir, "p.db")
	if code, _, errs := run(t, "new", "--template", "kangfei", "--db", db); code != 0 {
		t.Fatal(errs)
	}
	out := filepath.Join(dir, "plan.pdf")
	code, stdout, errs := run(t, "--lang", "zh", "export", "--db", db, "--kind", "pdf", "--out", out)
	if code != 0 || !strings.Contains(stdout, out) {
		t.Fatalf("export: %d %q %q", code, stdout, errs)
	}
	text := strings.Join(strings.Fields(pdfTool(t, "pdftotext", out, "-")), "")
	for _, want := range []string{"康飞塑业人员配置", "组织架构图", "人员配置明细表", "行政人事部经理岗位说明书", "虚线汇报", "生产部经理"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q", want)
		}
	}
	all := pdfPages(t, out)

	staffing := filepath.Join(dir, "staffing.pdf")
	code, _, errs = run(t, "--lang", "en", "export", "--db", db, "--kind", "pdf", "--out", staffing,
		"--parts", "staffing", "--paper", "a3", "--landscape")
	if code != 0 {
		t.Fatalf("--parts staffing: %d %q", code, errs)
	}
	if n := pdfPages(t, staffing); n != 2 || all <= n {
		t.Errorf("pages: all %d, staffing only %d (want 2)", all, n)
	}
	if info := pdfTool(t, "pdfinfo", staffing); !strings.Contains(info, "1190.55 x 841.89 pts (A3)") {
		t.Errorf("not A3 landscape:\n%s", info)
	}
	if text := pdfTool(t, "pdftotext", staffing, "-"); !strings.Contains(text, "Staffing table") || strings.Contains(text, "人员配置明细表") {
		t.Errorf("English PDF labels: %q", text)
	}

	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"--parts", "staffing,budget"}, "budget"},
		{[]string{"--parts", ","}, "at least one part"},
		{[]string{"--paper", "B5"}, "B5"},
		{[]string{"--layout", "spiral"}, "spiral"},
	} {
		bad := filepath.Join(dir, "bad.pdf")
		args := append([]string{"--lang", "en", "export", "--db", db, "--kind", "pdf", "--out", bad}, c.args...)
		code, _, errs := run(t, args...)
		if code != core.ExitUser || !strings.Contains(errs, c.want) {
			t.Errorf("%v: %d %q, want exit 1 naming %q", c.args, code, errs, c.want)
		}
		if _, err := os.Stat(bad); err == nil {
			t.Errorf("%v: a file was written", c.args)
		}
	}
	code, _, errs = run(t, "--lang", "en", "export", "--db", db, "--kind", "pdf", "--out", filepath.Join(dir, "plan.xlsx"))
	if code != core.ExitUser || !strings.Contains(errs, ".pdf") {
		t.Errorf("pdf to .xlsx: %d %q", code, errs)
	}
}

// --parts cost adds the labour cost summary: the budget's figures as the
// Budget tab writes them (368,164.33 planned a year for budgetDB's plan),
// in the language asked for, on pages of its own.
func TestCLIExportPlanPDFCost(t *testing.T) {
	defer core.InitLang("en")
	db := budgetDB(t)
	dir := t.TempDir()
	staffing, cost := filepath.Join(dir, "s.pdf"), filepath.Join(dir, "c.pdf")
	if code, _, errs := run(t, "--lang", "en", "export", "--db", db, "--kind", "pdf", "--out", staffing, "--parts", "staffing"); code != 0 {
		t.Fatal(errs)
	}
	if code, _, errs := run(t, "--lang", "en", "export", "--db", db, "--kind", "pdf", "--out", cost, "--parts", "staffing,cost"); code != 0 {
		t.Fatal(errs)
	}
	if a, b := pdfPages(t, staffing), pdfPages(t, cost); b <= a {
		t.Errorf("pages: %d without the cost part, %d with it", a, b)
	}
	text := strings.Join(strings.Fields(pdfTool(t, "pdftotext", cost, "-")), " ")
	for _, want := range []string{"Labour cost summary", "财务部", "368,164.33", "Planned cost", "Contribution profile", "change every year"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF lacks %q: %s", want, text)
		}
	}
	if strings.Contains(text, "人工成本") {
		t.Error("Chinese labels in the English PDF")
	}
	// The same in Chinese, every part by default.
	all := filepath.Join(dir, "all.pdf")
	if code, _, errs := run(t, "--lang", "zh", "export", "--db", db, "--kind", "pdf", "--out", all); code != 0 {
		t.Fatal(errs)
	}
	if text := strings.Join(strings.Fields(pdfTool(t, "pdftotext", all, "-")), ""); !strings.Contains(text, "人工成本汇总") || !strings.Contains(text, "368,164.33") {
		t.Errorf("the default PDF lacks the cost summary: %s", text)
	}
}
