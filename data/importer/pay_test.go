package importer

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"staffplan/data/model"
)

// The pay headings of staffing tables and rosters mean the post's pay.
func TestPayHeadings(t *testing.T) {
	for _, h := range []string{"月薪", "基本工资", "薪资标准", "岗位工资", "salary", "Salary", "月薪(元)", "岗位工资标准"} {
		if f, _ := MatchHeader(h); f != FieldPay {
			t.Errorf("%q read as %q, want pay", h, f)
		}
	}
	// A pay grade is a grade, a salary card is a bank account.
	for h, want := range map[string]Field{"薪资等级": FieldGrade, "工资卡号": FieldPersonal, "工资卡": FieldPersonal} {
		if f, _ := MatchHeader(h); f != want {
			t.Errorf("%q read as %q, want %q", h, f, want)
		}
	}
}

func payOf(t *testing.T, d *model.PlanData, title string) int64 {
	t.Helper()
	for _, p := range d.Positions {
		if p.Title == title {
			return p.MonthlyPay
		}
	}
	t.Fatalf("no post %s", title)
	return 0
}

// A staffing table's pay column sets each post's standard monthly pay; a
// cell that is no amount says so, naming the cell, and sets nothing.
func TestStaffingPay(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "编制表.xlsx"), fixSheet{name: "人员配置明细", rows: [][]any{
		{"序号", "部门", "岗位名称", "人员数量", "月薪"},
		{1, "生产部", "生产经理", 1, 12000},
		{2, "生产部", "班长", 3, "8,000元"},
		{3, "生产部", "操作工", 12, 6250.5},
		{4, "生产部", "质检员", 2, "面议"},
	}})
	d, p := importNew(t, path, nil)
	for title, want := range map[string]int64{"生产经理": 12000_00, "班长": 8000_00, "操作工": 6250_50, "质检员": 0} {
		if got := payOf(t, d, title); got != want {
			t.Errorf("%s: pay %d fen, want %d", title, got, want)
		}
	}
	found := false
	for _, w := range p.Warnings {
		if strings.HasPrefix(w.Key, KeyBadNumber) && w.Args["cell"] == "E5" {
			found = true
		}
	}
	if !found {
		t.Errorf("no warning for E5 面议: %v", p.Warnings)
	}
}

// rosterWithPay is a roster whose 基本工资 column is a person's pay.
var rosterWithPay = [][]any{
	{"工号", "姓名", "部门", "岗位", "基本工资"},
	{"E1", "张一", "生产部", "操作工", 5000},
	{"E2", "张二", "生产部", "操作工", 6000},
	{"E3", "张三", "生产部", "操作工", 9100},
	{"E4", "李一", "生产部", "班长", 7000},
	{"E5", "李二", "生产部", "班长", "8,001"},
	{"E6", "王一", "生产部", "经理", ""},
}

// checkRosterPay: each post's pay is the median of its holders' pay
// (7,000 and 8,001 give 7,500.50), a post whose holders give none keeps
// none, and no one's own figure is anywhere in what the preview shows.
func checkRosterPay(t *testing.T, d *model.PlanData, p *Preview) {
	t.Helper()
	for title, want := range map[string]int64{"操作工": 6000_00, "班长": 7500_50, "经理": 0} {
		if got := payOf(t, d, title); got != want {
			t.Errorf("%s: pay %d fen, want %d", title, got, want)
		}
	}
	b, err := json.Marshal(struct {
		People []PersonRow
		Sample [][]string
		Header []Field
	}{p.People, p.Sample, p.SampleHeader})
	if err != nil {
		t.Fatal(err)
	}
	for _, personal := range []string{"5000", "9100", "8001", "8,001"} {
		if strings.Contains(string(b), personal) {
			t.Errorf("a person's pay %s is in the preview: %s", personal, b)
		}
	}
	said := false
	for _, w := range p.Warnings {
		if w.Key == KeyPayMedian {
			said = true
		}
	}
	if !said {
		t.Errorf("the preview does not say the pay became the posts' median: %v", p.Warnings)
	}
}

func TestRosterPayMedian(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "花名册.xlsx"), fixSheet{name: "在职", rows: rosterWithPay})
	w := mustRead(t, path, nil)
	if w.Kind != KindRoster {
		t.Fatalf("kind %q", w.Kind)
	}
	p := mustPrepare(t, w, nil)
	s := openStore(t)
	d, _ := commitNew(t, s, p)
	checkRosterPay(t, d, p)

	// Imported again with other pay, the existing post's pay changes, as
	// the preview lists.
	rows := append([][]any(nil), rosterWithPay...)
	rows[1] = []any{"E1", "张一", "生产部", "操作工", 6600}
	rows[3] = []any{"E3", "张三", "生产部", "操作工", 7000}
	w = mustRead(t, writeXLSX(t, tempPath(t, "花名册2.xlsx"), fixSheet{name: "在职", rows: rows}), nil)
	p2 := mustPrepare(t, w, d)
	var ch []Change
	for _, r := range p2.Positions {
		if r.Title == "操作工" {
			ch = r.Changes
		}
	}
	if len(ch) != 1 || ch[0].Field != FieldPay || ch[0].Old != "6000" || ch[0].New != "6600" {
		t.Fatalf("changes of 操作工 %+v", ch)
	}
	if _, err := Commit(s, d.Plan.ID, p2, nil); err != nil {
		t.Fatal(err)
	}
	d2, _ := s.LoadPlan(d.Plan.ID)
	if got := payOf(t, d2, "操作工"); got != 6600_00 {
		t.Errorf("after the second import 操作工 pay %d", got)
	}
}

// The same roster as LibreOffice writes it (from a CSV) gives the same
// pay.
func TestRosterPayLibreOffice(t *testing.T) {
	soffice, err := exec.LookPath("soffice")
	if err != nil || testing.Short() {
		t.Skip("no soffice")
	}
	dir := t.TempDir()
	var sb strings.Builder
	for _, r := range rosterWithPay {
		for i, c := range r {
			if i > 0 {
				sb.WriteByte(',')
			}
			v := strings.ReplaceAll(strings.TrimSpace(strings.Trim(jsonText(c), `"`)), ",", "")
			sb.WriteString(v)
		}
		sb.WriteByte('\n')
	}
	csv := filepath.Join(dir, "roster.csv")
	if err := os.WriteFile(csv, []byte(sb.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(soffice, "--headless", "-env:UserInstallation=file://"+filepath.Join(dir, "profile"),
		"--infilter=CSV:44,34,76,1", "--convert-to", "xlsx", "--outdir", dir, csv)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Skipf("soffice failed: %v %s", err, out)
	}
	d, p := importNew(t, filepath.Join(dir, "roster.xlsx"), nil)
	checkRosterPay(t, d, p)
}

func jsonText(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}
