package export

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/template"
)

var testDate = time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC)

func kangfei(t testing.TB) *model.PlanData {
	t.Helper()
	d, err := template.Load(assets.Templates(), "kangfei")
	if err != nil {
		t.Fatal(err)
	}
	return d
}

// build runs an export into memory and opens the result with excelize.
func build(t testing.TB, fn func(io.Writer, *model.PlanData, Options) error, d *model.PlanData, opt Options) (*excelize.File, []byte) {
	t.Helper()
	var buf bytes.Buffer
	if err := fn(&buf, d, opt); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f, buf.Bytes()
}

func get(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	v, err := f.GetCellValue(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func numFmtOf(t testing.TB, f *excelize.File, sheet, cell string) string {
	t.Helper()
	id, err := f.GetCellStyle(sheet, cell)
	if err != nil {
		t.Fatal(err)
	}
	st, err := f.GetStyle(id)
	if err != nil {
		t.Fatal(err)
	}
	if st.CustomNumFmt != nil {
		return *st.CustomNumFmt
	}
	return fmt.Sprint(st.NumFmt)
}

// rowsByLabel indexes the staffing table by the text of column C (posts)
// or column A (subtotal and total rows).
func staffingRows(t testing.TB, f *excelize.File, sheet string) (posts, subtotals map[string]int, total int) {
	t.Helper()
	rows, err := f.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	posts, subtotals = map[string]int{}, map[string]int{}
	for i, r := range rows {
		if i < 2 || len(r) == 0 {
			continue
		}
		switch {
		case strings.HasPrefix(r[0], "合计"):
			total = i + 1
		case len(r) > 2 && r[2] != "" && r[0] != "":
			posts[r[2]] = i + 1
		case r[0] != "":
			subtotals[r[0]] = i + 1
		}
	}
	return posts, subtotals, total
}

func TestStaffingWorkbookKangfei(t *testing.T) {
	d := kangfei(t)
	fig := model.Compute(d)
	f, _ := build(t, StaffingWorkbook, d, Options{Date: testDate})
	const sh = "人员配置明细表"
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Fatalf("sheets %v", got)
	}
	if got, want := get(t, f, sh, "A1"), "康飞塑业 人员配置明细表(2026年11月27日)"; got != want {
		t.Errorf("title %q, want %q", got, want)
	}
	header := []string{"序号", "部门", "岗位名称", "编制", "在岗", "缺编/超编", "备注"}
	for i, h := range header {
		cell, _ := excelize.CoordinatesToCellName(i+1, 2)
		if got := get(t, f, sh, cell); got != h {
			t.Errorf("%s = %q, want %q", cell, got, h)
		}
	}

	posts, subs, total := staffingRows(t, f, sh)
	if len(posts) != len(d.Positions) {
		t.Fatalf("%d post rows, want %d: %v", len(posts), len(d.Positions), posts)
	}
	units := map[string]model.ID{}
	for _, u := range d.Units {
		units[u.Name] = u.ID
	}
	// Every department's subtotal equals the model's figures.
	for _, name := range []string{"行政人事部", "财务部", "采购部", "外贸部", "生产部"} {
		uf := fig.Units[units[name]]
		label := fmt.Sprintf("%s (%s人)", name, fmtNum(uf.PlannedTotal))
		r, ok := subs[label]
		if !ok {
			t.Errorf("no subtotal %q in %v", label, subs)
			continue
		}
		if got, want := get(t, f, sh, fmt.Sprintf("D%d", r)), fmtNum(uf.PlannedTotal); got != want {
			t.Errorf("%s 编制 %s, want %s", name, got, want)
		}
		if got, want := get(t, f, sh, fmt.Sprintf("E%d", r)), fmtNum(uf.ActualTotal); got != want {
			t.Errorf("%s 在岗 %s, want %s", name, got, want)
		}
		if got, want := get(t, f, sh, fmt.Sprintf("F%d", r)), fmtNum(uf.Vacancy()); got != want {
			t.Errorf("%s 缺编 %s, want %s", name, got, want)
		}
	}
	if _, ok := subs["行政人事部 (9人)"]; !ok {
		t.Errorf("the source's own figure 行政人事部 (9人) is missing: %v", subs)
	}
	// The company's own posts: 总经理 counts, 副总经理 (暂不设置) does not.
	if _, ok := subs["康飞塑业 (1人)"]; !ok {
		t.Errorf("company block subtotal missing: %v", subs)
	}
	root := fig.Units[units["康飞塑业"]]
	if total == 0 {
		t.Fatal("no grand total row")
	}
	if got, want := get(t, f, sh, fmt.Sprintf("A%d", total)), fmt.Sprintf("合计 (%s人)", fmtNum(root.PlannedTotal)); got != want {
		t.Errorf("total label %q, want %q", got, want)
	}
	for col, want := range map[string]float64{"D": root.PlannedTotal, "E": root.ActualTotal, "F": root.Vacancy()} {
		if got := get(t, f, sh, fmt.Sprintf("%s%d", col, total)); got != fmtNum(want) {
			t.Errorf("total %s = %s, want %s", col, got, fmtNum(want))
		}
	}

	// 副总经理: 编制 shown, 备注 暂不设置, vacancy left empty.
	r := posts["副总经理"]
	if got := get(t, f, sh, fmt.Sprintf("D%d", r)); got != "2" {
		t.Errorf("副总经理 编制 %q", got)
	}
	if got := get(t, f, sh, fmt.Sprintf("G%d", r)); got != "暂不设置" {
		t.Errorf("副总经理 备注 %q", got)
	}
	if got := get(t, f, sh, fmt.Sprintf("F%d", r)); got != "" {
		t.Errorf("副总经理 缺编 %q, want empty", got)
	}
	// 保洁员 has 0.5 in post: one decimal there, none on whole numbers.
	r = posts["保洁员"]
	if got := numFmtOf(t, f, sh, fmt.Sprintf("E%d", r)); got != "0.0" {
		t.Errorf("保洁员 在岗 format %q, want 0.0", got)
	}
	if got := get(t, f, sh, fmt.Sprintf("E%d", r)); got != "0.5" {
		t.Errorf("保洁员 在岗 %q", got)
	}
	if got := numFmtOf(t, f, sh, fmt.Sprintf("D%d", r)); got != "0" {
		t.Errorf("保洁员 编制 format %q, want 0", got)
	}

	// Department cells are merged down their rows, titles across the table.
	merged, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	ranges := map[string]string{}
	for _, m := range merged {
		ranges[m.GetStartAxis()+":"+m.GetEndAxis()] = m.GetCellValue()
	}
	if ranges["A1:G1"] == "" {
		t.Errorf("title not merged over A1:G1: %v", ranges)
	}
	first := posts["行政人事部经理"]
	last := posts["厨工"]
	if got := ranges[fmt.Sprintf("B%d:B%d", first, last)]; got != "行政人事部" {
		t.Errorf("行政人事部 not merged over B%d:B%d: %v", first, last, ranges)
	}
	if got := ranges[fmt.Sprintf("A%d:C%d", subs["行政人事部 (9人)"], subs["行政人事部 (9人)"])]; got != "行政人事部 (9人)" {
		t.Errorf("subtotal label not merged over A:C: %v", ranges)
	}

	// Frozen header, print setup.
	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 2 || panes.TopLeftCell != "A3" {
		t.Errorf("panes %+v", panes)
	}
	checkPrint(t, f, sh, "$1:$2", false)
	// Columns wide enough for their longest text (CJK counted double).
	for col, text := range map[string]string{"B": "行政人事部", "C": "行政人事部经理"} {
		w, err := f.GetColWidth(sh, col)
		if err != nil {
			t.Fatal(err)
		}
		if w < textWidth(text) {
			t.Errorf("column %s width %.1f < %.1f for %q", col, w, textWidth(text), text)
		}
	}
}

// checkPrint asserts A4, fit to one page wide (and tall when onePage), the
// repeated title rows and the footer.
func checkPrint(t *testing.T, f *excelize.File, sheet, titles string, onePage bool) {
	t.Helper()
	pl, err := f.GetPageLayout(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if pl.Size == nil || *pl.Size != 9 || pl.FitToWidth == nil || *pl.FitToWidth != 1 {
		t.Errorf("%s: page layout size %v fit width %v", sheet, pl.Size, pl.FitToWidth)
	}
	wantTall := 0
	if onePage {
		wantTall = 1
	}
	if pl.FitToHeight == nil || *pl.FitToHeight != wantTall {
		t.Errorf("%s: fit to height %v, want %d", sheet, pl.FitToHeight, wantTall)
	}
	props, err := f.GetSheetProps(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if props.FitToPage == nil || !*props.FitToPage {
		t.Errorf("%s: fitToPage not set", sheet)
	}
	hf, err := f.GetHeaderFooter(sheet)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(hf.OddFooter, "&P") || !strings.Contains(hf.OddFooter, "&N") || !strings.Contains(hf.OddFooter, "康飞塑业 人员配置") {
		t.Errorf("%s: footer %q", sheet, hf.OddFooter)
	}
	if titles == "" {
		return
	}
	found := false
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Titles" && dn.Scope == sheet && strings.HasSuffix(dn.RefersTo, "!"+titles) {
			found = true
		}
	}
	if !found {
		t.Errorf("%s: no print titles %s in %+v", sheet, titles, f.GetDefinedName())
	}
}

func TestStaffingEnglishAndNestedUnits(t *testing.T) {
	d, err := template.Load(assets.Templates(), "service-centre")
	if err != nil {
		t.Fatal(err)
	}
	fig := model.Compute(d)
	f, _ := build(t, StaffingWorkbook, d, Options{Lang: "en", Date: testDate})
	const sh = "Staffing"
	if got := get(t, f, sh, "B2"); got != "Department" {
		t.Errorf("B2 %q", got)
	}
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	var sawTeamPost bool
	for _, r := range rows {
		if len(r) > 2 && strings.HasPrefix(r[2], "业务受理组/") {
			sawTeamPost = true
		}
	}
	if !sawTeamPost {
		t.Errorf("posts of a team below a department should carry the team name: %q", rows)
	}
	var want float64
	for _, root := range fig.Children[0] {
		want += fig.Units[root].PlannedTotal
	}
	last := rows[len(rows)-1]
	if !strings.HasPrefix(last[0], "Total") || last[3] != fmtNum(want) {
		t.Errorf("last row %q, want Total with %s", last, fmtNum(want))
	}
}

func TestRosterWorkbook(t *testing.T) {
	d := kangfei(t)
	f, _ := build(t, RosterWorkbook, d, Options{Date: testDate})
	const sh = "花名册"
	rows, err := f.GetRows(sh)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"工号", "姓名", "部门", "岗位名称", "FTE", "职级", "入职日期", "在职状态", "用工形式"}
	if fmt.Sprint(rows[0]) != fmt.Sprint(want) {
		t.Errorf("header %q", rows[0])
	}
	// 25 assignments; KF008 holds two posts, everyone else one; KF024 has
	// left and is on a sheet of its own.
	if len(rows)-1 != len(d.Assignments)-1 {
		t.Errorf("%d lines, want %d", len(rows)-1, len(d.Assignments)-1)
	}
	if got := fmt.Sprint(rows[1]); got != "[KF001 周建国 康飞塑业 总经理 1 M5 2006-03-01 在职 全职]" {
		t.Errorf("first line %s", got)
	}
	var kf008 [][]string
	for _, r := range rows {
		if r[0] == "KF008" {
			kf008 = append(kf008, r)
		}
	}
	if len(kf008) != 2 || kf008[0][3] != "保洁员" || kf008[0][4] != "0.5" || kf008[1][3] != "厨工" ||
		kf008[0][2] != "康飞塑业/行政人事部" || kf008[0][8] != "兼职" {
		t.Errorf("KF008 lines %q", kf008)
	}
	// The hire date is a number with a date format, not text.
	raw, err := f.GetCellValue(sh, "G2", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if raw != "38777" { // 2006-03-01
		t.Errorf("G2 raw %q, want serial 38777", raw)
	}
	typ, err := f.GetCellType(sh, "G2")
	if err != nil {
		t.Fatal(err)
	}
	if typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("G2 type %v", typ)
	}
	if got := numFmtOf(t, f, sh, "G2"); got != "yyyy-mm-dd" {
		t.Errorf("G2 format %q", got)
	}
	panes, err := f.GetPanes(sh)
	if err != nil {
		t.Fatal(err)
	}
	if !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes %+v", panes)
	}
	checkPrint(t, f, sh, "$1:$1", false)
	for _, r := range rows[1:] {
		if r[7] == "离职" {
			t.Errorf("%q has left but is on the roster of today", r)
		}
	}
	left, err := f.GetRows("离职")
	if err != nil {
		t.Fatalf("no sheet of people who left: %v (sheets %v)", err, f.GetSheetList())
	}
	if len(left) != 2 || fmt.Sprint(left[0]) != fmt.Sprint(want) || left[1][0] != "KF024" || left[1][7] != "离职" {
		t.Errorf("left sheet %q", left)
	}
	checkPrint(t, f, "离职", "$1:$1", false)
	// Left out by choice: no second sheet, and nobody who left.
	f, _ = build(t, RosterWorkbook, d, Options{Date: testDate, OmitLeft: true})
	if got := f.GetSheetList(); len(got) != 1 || got[0] != sh {
		t.Errorf("sheets without the people who left: %v", got)
	}
	en, _ := build(t, RosterWorkbook, d, Options{Lang: "en"})
	if got := en.GetSheetList(); fmt.Sprint(got) != "[Roster Left]" {
		t.Errorf("English sheets %v", got)
	}
	var csv bytes.Buffer
	if err := RosterCSV(&csv, d, Options{}); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(csv.String()), "\r\n")
	if !strings.HasPrefix(lines[len(lines)-1], "KF024,") || len(lines) != 26 {
		t.Errorf("CSV: %d lines, last %q", len(lines), lines[len(lines)-1])
	}
	csv.Reset()
	if err := RosterCSV(&csv, d, Options{OmitLeft: true}); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(csv.String(), "KF024") {
		t.Error("CSV without the people who left still has KF024")
	}
}

func TestExcelDate(t *testing.T) {
	for _, c := range []struct {
		t    time.Time
		want float64
	}{
		{time.Date(1900, 3, 1, 0, 0, 0, 0, time.UTC), 61},
		{time.Date(2026, 11, 27, 23, 59, 0, 0, time.FixedZone("CST", 8*3600)), 46353},
	} {
		if got := excelDate(c.t); got != c.want {
			t.Errorf("excelDate(%v) = %v, want %v", c.t, got, c.want)
		}
	}
}

// hostile text that spreadsheets would run as formulas.
var hostile = []string{"=1+2", "+SUM(A1:A2)", "-2+3", "@SUM(A1)", "\t=cmd", "\r=x", "=HYPERLINK(\"http://x\",\"y\")",
	"\u2060=1+2", "\u00AD=1+2", "\u202E=1+2", "\u200B@SUM(A1)", "\uFEFF=1+2"}

func hostilePlan(t testing.TB) *model.PlanData {
	d := kangfei(t)
	for i, h := range hostile {
		d.People[i].Name = h
		d.People[i].EmpNo = fmt.Sprintf("H%d", i)
	}
	d.Positions[0].Title = "=1+2"
	d.Positions[0].Note = "@SUM(A1)"
	d.Units[1].Name = "-部门"
	return d
}

func TestCSVFormulaInjection(t *testing.T) {
	d := hostilePlan(t)
	var buf bytes.Buffer
	if err := RosterCSV(&buf, d, Options{}); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if !bytes.HasPrefix(b, []byte("\xEF\xBB\xBF")) {
		t.Fatalf("no UTF-8 BOM: % x", b[:3])
	}
	text := string(b[3:])
	if !strings.HasPrefix(text, "工号,姓名,部门,岗位名称,FTE,职级,入职日期,在职状态,用工形式\r\n") {
		t.Errorf("header line: %q", strings.SplitN(text, "\n", 2)[0])
	}
	for _, h := range hostile {
		quoted := "'" + h
		if strings.ContainsAny(h, "\"\r") {
			// encoding/csv with CRLF line ends drops a bare CR inside a field.
			quoted = `"'` + strings.ReplaceAll(strings.ReplaceAll(h, `"`, `""`), "\r", "") + `"`
		}
		if !strings.Contains(text, ","+quoted+",") {
			t.Errorf("%q not neutralised in CSV", h)
		}
	}
	if !strings.Contains(text, ",康飞塑业/-部门,") && !strings.Contains(text, ",'=1+2,") {
		t.Errorf("post and unit fields: %q", text[:200])
	}
	if !strings.Contains(text, "'=1+2") {
		t.Errorf("post title not neutralised")
	}
	// A leading minus inside a path is harmless; only the first character counts.
	if !strings.Contains(text, ",康飞塑业/-部门,") {
		t.Errorf("unit path changed: %q", text)
	}
	// Ordinary values are untouched.
	if !strings.Contains(text, "\r\nKF023,袁芳,康飞塑业/生产部,仓管,1,S2,2009-10-12,在职,全职\r\n") {
		t.Errorf("ordinary line changed:\n%s", text)
	}
}

func TestXLSXStoresHostileTextAsStrings(t *testing.T) {
	d := hostilePlan(t)
	check := func(f *excelize.File, sheet, cell, want string) {
		t.Helper()
		formula, err := f.GetCellFormula(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if formula != "" {
			t.Errorf("%s!%s holds formula %q", sheet, cell, formula)
		}
		if got := get(t, f, sheet, cell); got != want {
			t.Errorf("%s!%s = %q, want literal %q", sheet, cell, got, want)
		}
		typ, err := f.GetCellType(sheet, cell)
		if err != nil {
			t.Fatal(err)
		}
		if typ != excelize.CellTypeInlineString && typ != excelize.CellTypeSharedString {
			t.Errorf("%s!%s type %v, want a string", sheet, cell, typ)
		}
	}
	f, _ := build(t, RosterWorkbook, d, Options{})
	names, _ := f.GetCols("花名册")
	for _, h := range hostile {
		row := 0
		for i, v := range names[1] {
			if v == h {
				row = i + 1
			}
		}
		check(f, "花名册", fmt.Sprintf("B%d", row), h)
	}
	check(f, "花名册", "D2", "=1+2")
	f, _ = build(t, StaffingWorkbook, d, Options{})
	check(f, "人员配置明细表", "C3", "=1+2")
	check(f, "人员配置明细表", "G3", "@SUM(A1)")
	posts, _, _ := staffingRows(t, f, "人员配置明细表")
	check(f, "人员配置明细表", fmt.Sprintf("B%d", posts["行政人事部经理"]), "-部门")
	f, _ = build(t, DescriptionsWorkbook, d, Options{})
	check(f, "目录", "B4", "=1+2")
	check(f, "=1+2", "B3", "=1+2")
}

func TestNeutralise(t *testing.T) {
	for in, want := range map[string]string{
		"": "", "a=b": "a=b", "=a": "'=a", "+1": "'+1", "-1": "'-1", "@x": "'@x", "\tx": "'\tx", "\rx": "'\rx", "张三": "张三",
		// Invisible characters in front do not hide a formula (issue 12).
		"\u2060=1+1": "'\u2060=1+1", "\u00AD=1+1": "'\u00AD=1+1", "\u202E=1+1": "'\u202E=1+1",
		"\u200B\u200B+1": "'\u200B\u200B+1", "\uFEFF-1": "'\uFEFF-1", "\u200D@x": "'\u200D@x",
		"\u00A0=x": "'\u00A0=x", "\u3000=x": "'\u3000=x", " =x": "' =x", "\u3164=x": "'\u3164=x",
		"＝1+1": "'＝1+1", "\u2060张三": "\u2060张三", "\u200Ba=b": "\u200Ba=b",
	} {
		if got := neutralise(in); got != want {
			t.Errorf("neutralise(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestDecimals(t *testing.T) {
	for f, want := range map[float64]int{9: 0, 0: 0, 8.5: 1, 0.1 + 0.2: 1, 0.25: 2, -1.5: 1, 4.42: 2, 2.999999999: 0} {
		if got := decimals(f); got != want {
			t.Errorf("decimals(%v) = %d, want %d", f, got, want)
		}
	}
}

func TestTextWidth(t *testing.T) {
	for s, want := range map[string]float64{"abc": 3, "行政人事部": 10, "行政(9人)": 9, "Ａ１": 4, "a\n行政人事部经理": 14} {
		if got := textWidth(s); got != want {
			t.Errorf("textWidth(%q) = %v, want %v", s, got, want)
		}
	}
}

func TestDefaultFileName(t *testing.T) {
	for _, c := range []struct {
		kind, org string
		date      time.Time
		ext, want string
	}{
		{"人员配置明细", "康飞塑业", testDate, "xlsx", "康飞塑业_人员配置明细_2026-11-27.xlsx"},
		{"roster", "A/B:C*D?", testDate, ".csv", "A_B_C_D__roster_2026-11-27.csv"},
		{"岗位说明书", `"x"<y>|z\ .`, time.Time{}, "xlsx", "_x__y__z__岗位说明书.xlsx"},
		{"", "CON", time.Time{}, "xlsx", "_CON.xlsx"},
		{"", "", time.Time{}, "csv", "export.csv"},
		{"staffing", "tab\there", testDate, "xlsx", "tab_here_staffing_2026-11-27.xlsx"},
		// Spaces would need quoting on a command line.
		{"org chart", "Acme  Plastics Ltd", testDate, "pdf", "Acme-Plastics-Ltd_org-chart_2026-11-27.pdf"},
		{"组织架构图", "康飞塑业", testDate, "pdf", "康飞塑业_组织架构图_2026-11-27.pdf"},
	} {
		if got := DefaultFileName(c.kind, c.org, c.date, c.ext); got != c.want {
			t.Errorf("DefaultFileName(%q, %q) = %q, want %q", c.kind, c.org, got, c.want)
		}
	}
	if got := KindLabel(KindStaffing, "zh"); got != "人员配置明细" {
		t.Errorf("KindLabel %q", got)
	}
}
