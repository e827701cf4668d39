package export

import (
	"bytes"
	"io/fs"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"staffplan/assets"
	"staffplan/data/calc"
)

func callCentreSheet(t *testing.T) *calc.Sheet {
	t.Helper()
	raw, err := fs.ReadFile(assets.CalcRules(), "call-centre.json")
	if err != nil {
		t.Fatal(err)
	}
	s, err := calc.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// resultRow finds the results row of a post (column C).
func resultRow(t *testing.T, f *excelize.File, sheet, post string) int {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range rows {
		if len(r) > 2 && r[2] == post {
			return i + 1
		}
	}
	t.Fatalf("no row for %s in %q", post, rows)
	return 0
}

// The report rounds what it shows (缺口 1.54, not 1.54037379785882) and
// keeps the detail in the arithmetic; seats and per-seat factors show what
// they count and no 编制 or gap; every table cell has a border.
func TestCalcReportRoundsAndFrames(t *testing.T) {
	d := kangfei(t)
	s := callCentreSheet(t)
	s.Rules = append(s.Rules, calc.Rule{ID: "acct", Kind: calc.KindFixed, Count: 2.54037379785882,
		Rounding: calc.Rounding{Mode: calc.None}, Target: calc.Target{Unit: "财务部", Position: "会计"}})
	var buf bytes.Buffer
	if err := CalcReportWorkbook(&buf, d, s, Options{Date: testDate}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "测算结果"
	raw := func(cell string) string {
		v, err := f.GetCellValue(sh, cell, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	r := strconv.Itoa(resultRow(t, f, sh, "会计"))
	for col, want := range map[string]string{"D": "2.54", "E": "2.54", "F": "人", "G": "1", "H": "1", "I": "1.54"} {
		if got := raw(col + r); got != want {
			t.Errorf("会计 %s = %q, want %q", col, got, want)
		}
	}
	if got := raw("J" + r); !strings.Contains(got, "2.5404") {
		t.Errorf("the arithmetic lost its detail: %q", got)
	}
	r = strconv.Itoa(resultRow(t, f, sh, "每座席人数"))
	if got := raw("F" + r); got != "人/座席" {
		t.Errorf("per-seat factor counts %q", got)
	}
	for _, col := range []string{"G", "H", "I"} {
		if got := raw(col + r); got != "" {
			t.Errorf("the per-seat factor has %s = %q: it is no post's 编制", col, got)
		}
	}
	if got := raw("F" + strconv.Itoa(resultRow(t, f, sh, "座席"))); got != "个座席" {
		t.Errorf("seats count %q", got)
	}
	for _, cell := range []string{"A3", "A" + r, "E" + r, "J" + r, "K" + r} {
		id, _ := f.GetCellStyle(sh, cell)
		st, err := f.GetStyle(id)
		if err != nil || len(st.Border) < 4 || st.Font == nil || st.Font.Size < 10 {
			t.Errorf("%s has no frame or a small font: %+v", cell, st)
		}
	}
	if v := raw("A1"); v != "康飞塑业 人员配置 编制测算(2026年11月27日)" {
		t.Errorf("title %q", v)
	}
	checkPrint(t, f, sh, "$1:$3", false)
}

// Printed, the report is readable: its Chinese text is at least 8.5 pt
// (fitting 200 character widths to the page printed it at about 5.5 pt).
func TestLibreOfficePrintsCalcReportReadably(t *testing.T) {
	soffice(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir := loConverted(t) // the call-centre report of the sample, as PDF
	out, err := exec.Command("pdftotext", "-bbox", filepath.Join(dir, "calc.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	// A CJK character is as wide as its font size: the median width per
	// character of the all-CJK words is the size the report prints at.
	var sizes []float64
	for _, line := range strings.Split(string(out), "\n") {
		if !strings.Contains(line, "<word") {
			continue
		}
		attr := func(name string) float64 {
			i := strings.Index(line, name+`="`)
			if i < 0 {
				return 0
			}
			rest := line[i+len(name)+2:]
			v, _ := strconv.ParseFloat(rest[:strings.IndexByte(rest, '"')], 64)
			return v
		}
		word := line[strings.Index(line, ">")+1 : strings.LastIndex(line, "</word>")]
		n, cjk := utf8.RuneCountInString(word), true
		for _, r := range word {
			cjk = cjk && runeWidth(r) == 2
		}
		if cjk && n >= 2 {
			sizes = append(sizes, (attr("xMax")-attr("xMin"))/float64(n))
		}
	}
	if len(sizes) < 20 {
		t.Fatalf("only %d Chinese words in the PDF", len(sizes))
	}
	sort.Float64s(sizes)
	if med := sizes[len(sizes)/2]; med < 8.5 {
		t.Errorf("the report prints at %.1f pt", med)
	}
}
