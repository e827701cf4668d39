package export

import (
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"unicode"

	"staffplan/assets"
	"staffplan/data/budget"
	"staffplan/data/model"
)

// shippedProfile is a city profile as the Budget tab puts it on a plan.
func shippedProfile(t *testing.T, name, lang string) model.ContributionProfile {
	t.Helper()
	ps, err := budget.LoadProfiles(assets.BudgetProfiles())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		if p.Name == name {
			return p.Contribution(lang)
		}
	}
	t.Fatalf("no profile %q", name)
	return model.ContributionProfile{}
}

// costPlan: 公司 (总经理, paid by the middle of its band) → 财务部 (会计 ×2
// at 8,000, 出纳 at 5,000 with 13 months and an allowance) and 生产部
// (操作工 ×5 at 6,000, 3 in post), with a city profile and revenue.
func costPlan(t *testing.T) *model.PlanData {
	d := &model.PlanData{
		Plan: model.Plan{ID: 1, Name: "2027 预算方案", Organisation: "测试公司",
			Budget: model.Budget{Profile: shippedProfile(t, "beijing", "zh"), Revenue: 9_000_000_00}},
		Units: []model.Unit{
			{ID: 1, Name: "测试公司", Kind: model.UnitCompany},
			{ID: 2, Name: "财务部", Parent: 1, Order: 1},
			{ID: 3, Name: "生产部", Parent: 1, Order: 2},
		},
		Positions: []model.Position{
			{ID: 10, Title: "总经理", Unit: 1, Planned: 1, SalaryMin: 40000, SalaryMax: 50000},
			{ID: 12, Title: "会计", Unit: 2, Planned: 2, MonthlyPay: 8000_00, Order: 1},
			{ID: 13, Title: "出纳", Unit: 2, Planned: 1, MonthlyPay: 5000_00, MonthsPaid: 1300, Allowances: 300_00, Order: 2},
			{ID: 14, Title: "操作工", Unit: 3, Planned: 5, MonthlyPay: 6000_00},
		},
	}
	for i, pos := range []model.ID{10, 12, 13, 14, 14, 14} {
		d.People = append(d.People, model.Person{ID: model.ID(100 + i), Name: fmt.Sprintf("员工%d", i)})
		d.Assignments = append(d.Assignments, model.Assignment{ID: model.ID(200 + i), Person: model.ID(100 + i), Position: pos, FTE: 1})
	}
	return d
}

// pdfLayoutText is the text of a PDF with pdftotext's -layout: a table's
// row on one line.
func pdfLayoutText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-layout", "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pdfPageTexts are the texts of the pages, squashed, first page first.
func pdfPageTexts(t *testing.T, path string) []string {
	t.Helper()
	ps := strings.Split(pdfToText(t, path), "\f")
	ps = ps[:len(ps)-1]
	for i := range ps {
		ps[i] = squash(ps[i])
	}
	return ps
}

// The cost part prints each department's figures from data/budget as the
// Budget tab shows them (yuan with separators and two decimals), the total
// as the sum of those rows, the profile with its year and source and the
// warning that rates change, 人工成本占比, and the twelve months.
func TestPlanPDFCost(t *testing.T) {
	d := costPlan(t)
	s := budget.Costs(d)
	staffing := writePlanPDF(t, d, PDFOptions{Parts: []string{PartStaffing}})
	path := writePlanPDF(t, d, PDFOptions{Parts: []string{PartStaffing, PartCost}})
	if a, b := pageCount(t, staffing), pageCount(t, path); b <= a {
		t.Errorf("pages: %d without the cost part, %d with it", a, b)
	}
	pages := pdfPageTexts(t, path)
	var cost string
	for i, pg := range pages[2:] {
		if !strings.Contains(pg, "人工成本汇总") {
			t.Errorf("page %d of the cost part has no header naming it: %q", i+3, pg)
		}
		cost += pg
	}
	// Hand-computed with Beijing 2025 (medical 9.8 % + maternity 0.8 %,
	// 39.5 % in all): 会计 8,000 × 12 + 8,000 × 39.5 % × 12 = 133,920 a
	// year, 2 planned → 267,840; 出纳 5,000 × 13 = 65,000, base 5,000
	// below the floor → 7,162 × 39.5 % × 12 = 33,947.88, allowance 300 × 12
	// = 3,600 → 102,547.88; 财务部 370,387.88 planned, 1 会计 vacant 133,920.
	layout := pdfLayoutText(t, writePlanPDF(t, d, PDFOptions{Parts: []string{PartCost}}))
	row := func(name string) string {
		for _, ln := range strings.Split(layout, "\n") {
			if f := strings.Fields(ln); len(f) > 0 && f[0] == name {
				return strings.Join(f, " ")
			}
		}
		t.Errorf("no row of %s in the cost table", name)
		return ""
	}
	if r := row("财务部"); r != "财务部 3 2 370,387.88 236,467.88 133,920.00" {
		t.Errorf("财务部's row reads %q", r)
	}
	// Each row as data/budget has it, and the rows add up to its total.
	var sum budget.Fen
	for _, u := range s.Units {
		pc, ac, vc, pl, in := u.PlannedCostTotal, u.ActualCostTotal, u.VacancyCostTotal, u.PlannedTotal, u.InPostTotal
		if u.Depth == 0 {
			// The company's own posts; the departments follow.
			pc, ac, vc, pl, in = u.PlannedCostDirect, u.ActualCostDirect, u.VacancyCostDirect, u.PlannedDirect, u.InPostDirect
		}
		sum += pc
		want := strings.Join([]string{u.Name, fmtNum(pl), fmtNum(in), pc.Yuan(), ac.Yuan(), vc.Yuan()}, " ")
		if r := row(u.Name); r != want {
			t.Errorf("row %q, want %q", r, want)
		}
	}
	if sum != s.PlannedCost {
		t.Fatalf("rows add up to %s, budget's total is %s", sum.Yuan(), s.PlannedCost.Yuan())
	}
	if r, want := row(labelsFor("zh").total), strings.Join([]string{"合计", fmtNum(s.Planned), fmtNum(s.InPost),
		s.PlannedCost.Yuan(), s.ActualCost.Yuan(), s.VacancyCost.Yuan()}, " "); r != want {
		t.Errorf("total row %q, want %q", r, want)
	}
	for _, want := range []string{"合计", s.PlannedCost.Yuan(), s.ActualCost.Yuan(), s.VacancyCost.Yuan(),
		"编制人工成本", "实际人工成本", "缺编成本", "人工成本占比", budget.ShareText(s.PlannedShare),
		s.Profile.Title, fmt.Sprint(s.Profile.Year), "每年调整", "16%", "12个月", "2026年11月", "2027年10月"} {
		if !strings.Contains(cost, squash(want)) {
			t.Errorf("the cost part lacks %q", want)
		}
	}
	if s.Profile.Source != "" && !strings.Contains(cost, squash(s.Profile.Source)[:12]) {
		t.Errorf("the profile's source %q is not named", s.Profile.Source)
	}
	if pr := budget.Project(d, model.MonthOfTime(testDate), 12); !strings.Contains(cost, pr.AnnualCost.Yuan()) {
		t.Errorf("the 12 months' cost %s is not in the part", pr.AnnualCost.Yuan())
	}
	// The cover lists the part.
	if !strings.Contains(pages[0], "人工成本汇总3") {
		t.Errorf("contents: %q", pages[0])
	}
}

// In English the part's labels are English; the plan's names are Latin,
// so any Chinese would be the program's.
func TestPlanPDFCostEnglish(t *testing.T) {
	d := latinPlan()
	d.Plan.Budget.Profile = shippedProfile(t, "shanghai", "en")
	d.Plan.Budget.Profile.Source = "Shanghai notice"
	path := writePlanPDF(t, d, PDFOptions{Options: Options{Lang: "en"}, Parts: []string{PartCost}})
	text := pdfToText(t, path)
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			t.Fatalf("English cost part has Chinese %q:\n%s", r, text)
		}
	}
	s := budget.Costs(d)
	flat := squash(text)
	for _, want := range []string{"Labour cost summary", "Planned cost", "Actual cost", "Vacancy cost", "Total",
		"Contribution profile", "change every year", "Shanghai notice", "Pension", s.PlannedCost.Yuan(), "Nov 2026"} {
		if !strings.Contains(flat, squash(want)) {
			t.Errorf("English cost part lacks %q:\n%s", want, text)
		}
	}
}

// A plan whose posts have no pay and no salary band prints the part with a
// line saying so instead of a table of noughts.
func TestPlanPDFCostNoPay(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		// The sample carries assumed pay; this plan is one whose posts
		// have none yet, as after an import.
		d := kangfei(t)
		d.Plan.Budget = model.Budget{}
		for i := range d.Positions {
			d.Positions[i].MonthlyPay, d.Positions[i].MonthsPaid = 0, 0
		}
		path := writePlanPDF(t, d, PDFOptions{Options: Options{Lang: lang}, Parts: []string{PartStaffing, PartCost}})
		pages := pdfPageTexts(t, path)
		last := pages[len(pages)-1]
		want := map[string]string{"zh": "尚未为任何岗位设置薪酬", "en": "Nopayisset"}[lang]
		if !strings.Contains(last, want) {
			t.Errorf("%s: the cost page does not say no pay is set: %q", lang, last)
		}
		if strings.Contains(last, "0.00") {
			t.Errorf("%s: the cost page prints figures without pay: %q", lang, last)
		}
	}
}

// A long cost table breaks over pages with its header row on each.
func TestPlanPDFCostLongTable(t *testing.T) {
	d := &model.PlanData{Plan: model.Plan{Name: "大集团", Budget: model.Budget{Profile: shippedProfile(t, "shenzhen", "zh")}},
		Units: []model.Unit{{ID: 1, Name: "集团", Kind: model.UnitCompany}}}
	for i := 0; i < 90; i++ {
		d.Units = append(d.Units, model.Unit{ID: model.ID(2 + i), Name: fmt.Sprintf("部门%02d", i), Parent: 1, Order: i})
		d.Positions = append(d.Positions, model.Position{ID: model.ID(100 + i), Title: "岗位", Unit: model.ID(2 + i),
			Planned: float64(1 + i%4), MonthlyPay: int64(5000_00 + 100_00*i)})
	}
	path := writePlanPDF(t, d, PDFOptions{Parts: []string{PartCost}})
	pages := pdfPageTexts(t, path)[1:]
	if len(pages) < 3 {
		t.Fatalf("90 departments and 12 months on %d pages", len(pages))
	}
	seen := 0
	for i, pg := range pages {
		for j := 0; j < 90; j++ {
			if strings.Contains(pg, fmt.Sprintf("部门%02d", j)) {
				seen++
			}
		}
		if strings.Contains(pg, "部门") && !strings.Contains(pg, squash("编制人工成本(元)")) {
			t.Errorf("page %d has rows but no header row", i+2)
		}
	}
	if seen != 90 {
		t.Errorf("%d of 90 departments printed", seen)
	}
	if n := strings.Count(pdfLayoutText(t, path), "编制人工成本(元)"); n < 2 {
		t.Errorf("the header row printed %d times", n)
	}
}
