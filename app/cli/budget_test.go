package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"staffplan/app/core"
	"staffplan/data/model"
	"staffplan/data/store"
)

// budgetDB holds one plan: 财务部 with 会计 (8,000 a month, 编制 2; 张三
// full time and 李四 half) and 出纳 (5,000 × 13 months, 300 allowances,
// 编制 1; 李四's other half), under the Beijing 2025 example profile.
func budgetDB(t *testing.T) string {
	t.Helper()
	db := filepath.Join(t.TempDir(), "b.db")
	st, err := store.Open(db, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d := &model.PlanData{
		Plan: model.Plan{Name: "2027", Budget: model.Budget{Profile: model.ContributionProfile{Name: "beijing", Title: "北京", Year: 2025,
			Rates:     [model.NumContributions]model.Rate{160000, 98000, 5000, 4000, 120000},
			BaseFloor: 7162_00, BaseCeiling: 35811_00}}},
		Units: []model.Unit{{ID: 1, Name: "财务部"}},
		Positions: []model.Position{
			{ID: 12, Title: "会计", Unit: 1, Planned: 2, MonthlyPay: 8000_00, Order: 1},
			{ID: 13, Title: "出纳", Unit: 1, Planned: 1, MonthlyPay: 5000_00, MonthsPaid: 1300, Allowances: 300_00, Order: 2},
		},
		People: []model.Person{{ID: 20, Name: "张三"}, {ID: 21, Name: "李四"}},
		Assignments: []model.Assignment{
			{ID: 30, Person: 20, Position: 12, FTE: 1},
			{ID: 31, Person: 21, Position: 12, FTE: 0.5},
			{ID: 32, Person: 21, Position: 13, FTE: 0.5},
		},
	}
	if _, _, err := st.CreatePlan(d, "test"); err != nil {
		t.Fatal(err)
	}
	return db
}

func TestCLIBudget(t *testing.T) {
	defer core.InitLang("en")
	db := budgetDB(t)
	code, out, errs := run(t, "--lang", "en", "budget", "--db", db, "--months", "2027-01..2027-12", "--json")
	if code != 0 {
		t.Fatalf("budget: %d %s", code, errs)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	// 会计 266,304 (2 × 133,152) + 出纳 101,860.33 = 368,164.33 planned; a
	// month in post costs 1.5 × 11,096 + 0.5 × 8,488.3607 = 20,888.18, so
	// twelve months 250,658.16.
	months, _ := r["months"].([]any)
	if r["planned_cost"] != 368164.33 || r["annual_cost"] != 250658.16 || len(months) != 12 || r["from"] != "2027-01" {
		t.Errorf("budget JSON: planned %v annual %v months %d from %v", r["planned_cost"], r["annual_cost"], len(months), r["from"])
	}
	if !strings.Contains(errs, "July") {
		t.Errorf("no warning that rates change: %q", errs)
	}
	// The text output in Chinese says the same, with the warning.
	code, out, _ = run(t, "--lang", "zh", "budget", "--db", db, "--from", "2027-01", "--months", "3")
	if code != 0 || !strings.Contains(out, "368,164.33") || !strings.Contains(out, "7 月") || !strings.Contains(out, "2027-03") {
		t.Errorf("budget text: %d\n%s", code, out)
	}
	// A shipped profile instead of the plan's: Shenzhen has no figures,
	// so only pay and allowances count: 2 × 96,000 + 65,000 + 3,600.
	code, out, errs = run(t, "--lang", "en", "budget", "--db", db, "--profile", "shenzhen", "--months", "1", "--json")
	if code != 0 || !strings.Contains(out, `"planned_cost": 260600.00`) {
		t.Errorf("budget --profile shenzhen: %d %s %s", code, errs, out)
	}
	code, _, errs = run(t, "--lang", "en", "budget", "--db", db, "--profile", "atlantis")
	if code != 1 || !strings.Contains(errs, "beijing") {
		t.Errorf("unknown profile: %d %q", code, errs)
	}
	code, _, _ = run(t, "--lang", "en", "budget", "--db", db, "--months", "2027-05..2027-01")
	if code != 2 {
		t.Errorf("backwards range: exit %d", code)
	}
}

func TestCLIProfilesCopyCompare(t *testing.T) {
	defer core.InitLang("en")
	code, out, _ := run(t, "--lang", "en", "profiles", "--json")
	var ps []map[string]any
	if err := json.Unmarshal([]byte(out), &ps); code != 0 || err != nil {
		t.Fatalf("profiles: %d %v %s", code, err, out)
	}
	got := map[string]map[string]any{}
	for _, p := range ps {
		got[p["name"].(string)] = p["rates"].(map[string]any)
	}
	if got["beijing"]["pension"] != 0.16 || got["beijing"]["medical"] != 0.106 || got["shenzhen"]["pension"] != nil {
		t.Errorf("profiles: %v", got)
	}

	db := budgetDB(t)
	code, out, errs := run(t, "--lang", "en", "copy", "--db", db, "--plan", "2027", "--as", "2027 扩编方案")
	if code != 0 || !strings.Contains(out, "2027 扩编方案") {
		t.Fatalf("copy: %d %s %s", code, out, errs)
	}
	code, _, _ = run(t, "--lang", "en", "copy", "--db", db, "--plan", "2027", "--as", "2027 扩编方案")
	if code != 1 {
		t.Errorf("copy onto an existing name: exit %d", code)
	}
	xlsx := filepath.Join(t.TempDir(), "cmp.xlsx")
	code, out, errs = run(t, "--lang", "en", "compare", "--db", db, "--plan", "2027", "--with", "2027 扩编方案", "--json", "--out", xlsx)
	var c map[string]any
	if err := json.Unmarshal([]byte(out), &c); code != 0 || err != nil {
		t.Fatalf("compare: %d %v %s %s", code, err, errs, out)
	}
	units := c["units"].([]any)
	u := units[0].(map[string]any)
	if len(c["changed"].([]any)) != 0 || len(c["added"].([]any)) != 0 || u["cost_before"] != 368164.33 || u["cost_after"] != 368164.33 {
		t.Errorf("a copy differs from its plan: %s", out)
	}
	if f, err := excelize.OpenFile(xlsx); err != nil {
		t.Errorf("no comparison workbook: %v", err)
	} else {
		f.Close()
	}
}

func TestCLIExportBudget(t *testing.T) {
	defer core.InitLang("en")
	db := budgetDB(t)
	out := filepath.Join(t.TempDir(), "budget.xlsx")
	code, _, errs := run(t, "--lang", "zh", "export", "--db", db, "--kind", "budget", "--out", out)
	if code != 0 {
		t.Fatalf("export: %d %s", code, errs)
	}
	f, err := excelize.OpenFile(out)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	// The cost is a formula over the pay and the rates, not a number.
	if fm, _ := f.GetCellFormula("岗位成本", "K2"); fm != "ROUND(C2*J2,2)" {
		t.Errorf("K2 formula %q", fm)
	}
	if v, _ := f.GetCellValue("五险一金", "B6"); v == "" {
		t.Error("no pension rate on the contributions sheet")
	}
}
