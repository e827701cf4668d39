package export

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"staffplan/data/budget"
	"staffplan/data/model"
)

// budgetPlan: 财务部 with 会计 (8,000 a month, 编制 2; 张三 full time, 李四
// half) and 出纳 (5,000 × 13 months + 300 allowances, below the base floor;
// 李四's other half; 赵六 expected from 2027-02), under the Beijing 2025
// example rates (38.7 % without maternity), base 7,162–35,811; 总经理 with
// no pay but a band of 40,000–50,000 (above the ceiling), 14.5 months.
func budgetPlan() *model.PlanData {
	return &model.PlanData{
		Plan: model.Plan{Name: "2027", Budget: model.Budget{Profile: model.ContributionProfile{Name: "t", Title: "北京", Year: 2025,
			Rates:     [model.NumContributions]model.Rate{160000, 98000, 5000, 4000, 120000},
			BaseFloor: 7162_00, BaseCeiling: 35811_00}}},
		Units: []model.Unit{{ID: 1, Name: "公司"}, {ID: 2, Name: "财务部", Parent: 1}},
		Positions: []model.Position{
			{ID: 10, Title: "总经理", Unit: 1, Planned: 1, SalaryMin: 40000, SalaryMax: 50000, MonthsPaid: 1450},
			{ID: 12, Title: "会计", Unit: 2, Planned: 2, MonthlyPay: 8000_00, Order: 1},
			{ID: 13, Title: "出纳", Unit: 2, Planned: 1, MonthlyPay: 5000_00, MonthsPaid: 1300, Allowances: 300_00, Order: 2},
		},
		People: []model.Person{{ID: 20, Name: "张三"}, {ID: 21, Name: "李四"}, {ID: 22, Name: "王五"},
			{ID: 23, Name: "赵六", ExpectedStart: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)}},
		Assignments: []model.Assignment{
			{ID: 30, Person: 20, Position: 12, FTE: 1}, {ID: 31, Person: 21, Position: 12, FTE: 0.5},
			{ID: 32, Person: 21, Position: 13, FTE: 0.5}, {ID: 33, Person: 22, Position: 10, FTE: 1},
			{ID: 34, Person: 23, Position: 13, FTE: 0.5},
		},
	}
}

// TestBudgetWorkbookFormulas: the workbook computes in LibreOffice to the
// program's figures, and after a rate is changed in it, to the program's
// figures under that rate: the totals follow.
func TestBudgetWorkbookFormulas(t *testing.T) {
	bin := soffice(t)
	dir := t.TempDir()
	d := budgetPlan()
	from := model.MonthOf(2027, 1)
	path := filepath.Join(dir, "budget.xlsx")
	if err := WriteFileAtomic(path, func(w io.Writer) error { return BudgetWorkbook(w, d, from, 3, Options{Lang: "en"}) }); err != nil {
		t.Fatal(err)
	}
	// A copy where the finance colleague set pension to 14 %.
	f, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := f.SetCellValue("Contributions", "B6", 0.14); err != nil {
		t.Fatal(err)
	}
	changed := filepath.Join(dir, "changed.xlsx")
	if err := f.SaveAs(changed); err != nil {
		t.Fatal(err)
	}
	f.Close()
	// Every sheet to a CSV of its own (the last token, -1), values as they
	// are, not as shown.
	args := []string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(dir, "lo-profile")),
		"--headless", "--norestore", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
		"--outdir", dir, path, changed}
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+dir)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, out)
	}

	check := func(name string, d *model.PlanData) {
		t.Helper()
		s := budget.Costs(d)
		posts := readCSV(t, filepath.Join(dir, name+"-Posts.csv"))
		for i, p := range s.Posts {
			row := posts[1+i]
			for col, want := range map[int]budget.Fen{9: p.PerFTE, 10: p.PlannedCost, 11: p.ActualCost, 12: p.VacancyCost} {
				if got := fenOf(t, row[col]); got != want && !(col == 9 && absFen(got-want) <= 1) {
					t.Errorf("%s %s column %d: LibreOffice %s, program %s", name, p.Title, col, row[col], want.Yuan())
				}
			}
		}
		total := posts[1+len(s.Posts)]
		if fenOf(t, total[10]) != s.PlannedCost || fenOf(t, total[11]) != s.ActualCost {
			t.Errorf("%s totals %s %s, program %s %s", name, total[10], total[11], s.PlannedCost.Yuan(), s.ActualCost.Yuan())
		}
		units := readCSV(t, filepath.Join(dir, name+"-Units.csv"))
		for i, u := range s.Units {
			if fenOf(t, units[1+i][3]) != u.PlannedCostTotal || fenOf(t, units[1+i][4]) != u.ActualCostTotal {
				t.Errorf("%s unit %s: %v, program %s %s", name, u.Path, units[1+i], u.PlannedCostTotal.Yuan(), u.ActualCostTotal.Yuan())
			}
		}
		pr := budget.Project(d, from, 3)
		months := readCSV(t, filepath.Join(dir, name+"-By month.csv"))
		costRow := months[1+len(s.Posts)+2]
		planRow := months[1+len(s.Posts)+4]
		for k, m := range pr.Months {
			if fenOf(t, costRow[2+k]) != m.Cost || fenOf(t, planRow[2+k]) != m.PlanCost {
				t.Errorf("%s %s: LibreOffice %s / %s, program %s / %s", name, m.Month, costRow[2+k], planRow[2+k], m.Cost.Yuan(), m.PlanCost.Yuan())
			}
		}
	}
	check("budget", d)
	d.Plan.Budget.Profile.Rates[model.Pension] = 140000
	check("changed", d)
}

func fenOf(t *testing.T, s string) budget.Fen {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatalf("not a number: %q", s)
	}
	return budget.Fen(int64(v*100 + 0.5))
}

func absFen(f budget.Fen) budget.Fen {
	if f < 0 {
		return -f
	}
	return f
}

func TestCompareWorkbook(t *testing.T) {
	a, b := budgetPlan(), budgetPlan()
	b.Plan.Name = "2027 扩编方案"
	b.Positions[1].Planned = 3 // 会计 2 → 3: + 133,152
	var buf bytes.Buffer
	if err := CompareWorkbook(&buf, a, b, Options{Lang: "zh"}); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, _ := f.GetRows("变更对照表")
	var fin []string
	for _, r := range rows {
		if len(r) > 0 && r[0] == "公司/财务部" {
			fin = r
		}
	}
	// Before: 266,304 + 101,860.33; after + 133,152.
	if len(fin) < 5 || fin[1] != "3" || fin[2] != "4" || fin[3] != "368164.33" || fin[4] != "501316.33" {
		t.Errorf("财务部 row %v", fin)
	}
	if fm, _ := f.GetCellFormula("变更对照表", "F4"); fm != "E4-D4" {
		t.Errorf("difference formula %q", fm)
	}
	posts, _ := f.GetRows("岗位变更")
	if len(posts) != 2 || posts[1][0] != "调整" || posts[1][2] != "会计" || posts[1][3] != "编制" || posts[1][4] != "2" || posts[1][5] != "3" {
		t.Errorf("post changes %v", posts)
	}
}
