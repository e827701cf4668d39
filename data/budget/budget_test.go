package budget

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"staffplan/data/model"
)

// beijing25 is the example profile of REFERENCE.md §9: base 7,162–35,811,
// pension 16 %, medical 9.8 %, unemployment 0.5 %, injury 0.4 %, housing
// fund 12 %; the rates add up to 38.7 %.
func beijing25() model.ContributionProfile {
	return model.ContributionProfile{Name: "test", Year: 2025,
		Rates:     [model.NumContributions]model.Rate{160000, 98000, 5000, 4000, 120000},
		BaseFloor: 7162_00, BaseCeiling: 35811_00}
}

// testPlan: 公司 (总经理 C; 司机 D, frozen) → 财务部 (会计 A, 出纳 B).
// 张三 holds A full time; 李四 holds A and B half each (兼任); 王五 holds C;
// 赵六 is expected to start in A (待入职) and so not counted today.
func testPlan() *model.PlanData {
	return &model.PlanData{
		Plan: model.Plan{Name: "2027", Budget: model.Budget{Profile: beijing25(), Revenue: 5_000_000_00}},
		Units: []model.Unit{
			{ID: 1, Name: "公司"},
			{ID: 2, Name: "财务部", Parent: 1},
		},
		Positions: []model.Position{
			{ID: 10, Title: "总经理", Unit: 1, Planned: 1, SalaryMin: 40000, SalaryMax: 50000, MonthsPaid: 1450},
			{ID: 11, Title: "司机", Unit: 1, Planned: 3, MonthlyPay: 6000_00, Status: model.StatusFrozen},
			{ID: 12, Title: "会计", Unit: 2, Planned: 2, MonthlyPay: 8000_00, Order: 1},
			{ID: 13, Title: "出纳", Unit: 2, Planned: 1, MonthlyPay: 5000_00, MonthsPaid: 1300, Allowances: 300_00, Order: 2},
		},
		People: []model.Person{
			{ID: 20, Name: "张三"}, {ID: 21, Name: "李四"}, {ID: 22, Name: "王五"},
			{ID: 23, Name: "赵六", ExpectedStart: time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)},
		},
		Assignments: []model.Assignment{
			{ID: 30, Person: 20, Position: 12, FTE: 1},
			{ID: 31, Person: 21, Position: 12, FTE: 0.5},
			{ID: 32, Person: 21, Position: 13, FTE: 0.5},
			{ID: 33, Person: 22, Position: 10, FTE: 1},
			{ID: 34, Person: 23, Position: 12, FTE: 1},
		},
	}
}

func post(t *testing.T, s *Summary, title string) PostCost {
	t.Helper()
	for _, p := range s.Posts {
		if p.Title == title {
			return p
		}
	}
	t.Fatalf("no post %s", title)
	return PostCost{}
}

func unit(t *testing.T, s *Summary, path string) UnitCost {
	t.Helper()
	for _, u := range s.Units {
		if u.Path == path {
			return u
		}
	}
	t.Fatalf("no unit %s", path)
	return UnitCost{}
}

func TestPostCosts(t *testing.T) {
	s := Costs(testPlan())

	// 会计: 8,000 × 12 = 96,000; base 8,000 (inside 7,162–35,811)
	// × 38.7 % × 12 = 37,152; per FTE 133,152. 编制 2 → 266,304; in post
	// 张三 1 + 李四 0.5 = 1.5 (赵六 not yet) → 199,728; vacant 0.5 → 66,576.
	a := post(t, s, "会计")
	if a.PerFTE != 133152_00 || a.PlannedCost != 266304_00 || a.ActualCost != 199728_00 || a.VacancyCost != 66576_00 {
		t.Errorf("会计: per FTE %s planned %s actual %s vacancy %s", a.PerFTE.Yuan(), a.PlannedCost.Yuan(), a.ActualCost.Yuan(), a.VacancyCost.Yuan())
	}
	text := Render(a.Steps, nil)
	for _, want := range []string{"8,000 × 12 = 96,000", "base 8,000 × (16 % + 9.8 % + 0.5 % + 0.4 % + 12 %) × 12 = 37,152", "planned 2 × 133,152 = 266,304"} {
		if !strings.Contains(text, want) {
			t.Errorf("会计 arithmetic %q lacks %q", text, want)
		}
	}

	// 出纳: pay 5,000 is below the floor, so the base is 7,162.
	// 5,000 × 13 = 65,000; 7,162 × 38.7 % × 12 = 33,260.328; allowances
	// 300 × 12 = 3,600; per FTE 101,860.328 → 101,860.33. In post 0.5
	// (李四's other half) → 50,930.164 → 50,930.16.
	b := post(t, s, "出纳")
	if b.PerFTE != 101860_33 || b.PlannedCost != 101860_33 || b.ActualCost != 50930_16 || b.VacancyCost != 50930_16 {
		t.Errorf("出纳: per FTE %s planned %s actual %s vacancy %s", b.PerFTE.Yuan(), b.PlannedCost.Yuan(), b.ActualCost.Yuan(), b.VacancyCost.Yuan())
	}
	if text := Render(b.Steps, nil); !strings.Contains(text, "below the base floor → base 7,162") || !strings.Contains(text, "= ≈33,260.33") {
		t.Errorf("出纳 arithmetic %q", text)
	}

	// 总经理: no pay set, band 40,000–50,000 → 45,000, above the ceiling,
	// so the base is 35,811. 45,000 × 14.5 = 652,500; 35,811 × 38.7 % × 12
	// = 166,306.284; per FTE 818,806.284 → 818,806.28.
	c := post(t, s, "总经理")
	if c.MonthlyPay != 45000_00 || c.PerFTE != 818806_28 || c.PlannedCost != 818806_28 || c.ActualCost != 818806_28 || c.VacancyCost != 0 {
		t.Errorf("总经理: pay %s per FTE %s planned %s actual %s", c.MonthlyPay.Yuan(), c.PerFTE.Yuan(), c.PlannedCost.Yuan(), c.ActualCost.Yuan())
	}
	if text := Render(c.Steps, nil); !strings.Contains(text, "middle of the band (40,000 + 50,000) ÷ 2 = 45,000") ||
		!strings.Contains(text, "above the base ceiling → base 35,811") || !strings.Contains(text, "45,000 × 14.5 = 652,500") {
		t.Errorf("总经理 arithmetic %q", text)
	}

	// 司机 is frozen: its 编制 costs nothing.
	if d := post(t, s, "司机"); d.PlannedCost != 0 || d.Planned != 0 {
		t.Errorf("frozen post costs %s", d.PlannedCost.Yuan())
	}

	// 财务部: 266,304 + 101,860.33 = 368,164.33 planned; 199,728 + 50,930.16
	// = 250,658.16 actual; the company adds 总经理: 1,186,970.61 and
	// 1,069,464.44 — the sums of the rows shown.
	f := unit(t, s, "公司/财务部")
	if f.PlannedCostDirect != 368164_33 || f.ActualCostTotal != 250658_16 || f.VacancyCostTotal != 117506_16 {
		t.Errorf("财务部 %+v", f)
	}
	co := unit(t, s, "公司")
	if co.PlannedCostDirect != 818806_28 || co.PlannedCostTotal != 1186970_61 || co.ActualCostTotal != 1069464_44 {
		t.Errorf("公司 %+v", co)
	}
	if s.PlannedCost != 1186970_61 || s.ActualCost != 1069464_44 || s.Planned != 4 || s.InPost != 3 {
		t.Errorf("totals %s %s %v %v", s.PlannedCost.Yuan(), s.ActualCost.Yuan(), s.Planned, s.InPost)
	}
	// 人工成本占比: 1,186,970.61 ÷ 5,000,000 = 23.739 % → 23.74 %;
	// 1,069,464.44 ÷ 5,000,000 = 21.389 % → 21.39 %.
	if s.PlannedShare != 2374 || s.ActualShare != 2139 || ShareText(s.PlannedShare) != "23.74 %" {
		t.Errorf("shares %d %d", s.PlannedShare, s.ActualShare)
	}
}

// TestNoProfile: without a profile only pay and allowances count, and the
// arithmetic says contributions were left out; a rate not set is named.
func TestNoProfile(t *testing.T) {
	d := testPlan()
	d.Plan.Budget.Profile = model.ContributionProfile{}
	a := post(t, Costs(d), "会计")
	if a.PerFTE != 96000_00 || !strings.Contains(Render(a.Steps, nil), "no contribution profile") {
		t.Errorf("no profile: %s %q", a.PerFTE.Yuan(), Render(a.Steps, nil))
	}
	p := beijing25()
	p.Rates[model.Injury] = model.NoRate
	// 8,000 × 38.3 % × 12 = 36,768; + 96,000 = 132,768.
	a = post(t, CostsWith(d, &p), "会计")
	if a.PerFTE != 132768_00 || !strings.Contains(Render(a.Steps, nil), "work injury rate not set: counted as 0") {
		t.Errorf("missing injury rate: %s %q", a.PerFTE.Yuan(), Render(a.Steps, nil))
	}
	// A post with no pay and no band costs nothing, not contributions on
	// the base floor.
	free := model.Position{Title: "x", Planned: 1}
	if r := PostRates(&free, &p); r.Annual.Sign() != 0 {
		t.Errorf("unpriced post costs %s", r.Annual.FloatString(2))
	}
}

// projPlan adds to testPlan what the projection reads: 会计 goes from 2 to
// 3 from 2027-03; 王五 (总经理) leaves on 2027-04-30; 司机 is set up again
// from 2027-06; a 销售部 with one 销售 (10,000 a month) starts in 2027-05.
func projPlan() *model.PlanData {
	d := testPlan()
	d.Positions[2].Changes = []model.PlannedChange{{From: model.MonthOf(2027, 3), Kind: model.ChangePlanned, Planned: 3}}
	d.People[2].ExpectedLeave = time.Date(2027, 4, 30, 0, 0, 0, 0, time.UTC)
	d.Positions[1].Changes = []model.PlannedChange{{From: model.MonthOf(2027, 6), Kind: model.ChangeStatus, Status: model.StatusActive}}
	d.Units = append(d.Units, model.Unit{ID: 3, Name: "销售部", Parent: 1, Starts: model.MonthOf(2027, 5)})
	d.Positions = append(d.Positions, model.Position{ID: 14, Title: "销售", Unit: 3, Planned: 1, MonthlyPay: 10000_00})
	return d
}

func TestProjection(t *testing.T) {
	pr := Project(projPlan(), model.MonthOf(2027, 1), 6)
	// Monthly cost per FTE: 会计 133,152 ÷ 12 = 11,096; 出纳 101,860.328 ÷ 12
	// = 8,488.36067; 总经理 818,806.284 ÷ 12 = 68,233.857; 司机 (6,000,
	// base the floor 7,162) 105,260.328 ÷ 12 = 8,771.694; 销售 (10,000)
	// 166,440 ÷ 12 = 13,870.
	want := []struct {
		month                   string
		planned, inPost, vacant float64
		cost, plan              Fen
		hires                   float64
	}{
		// Jan: 编制 2+1+1; in post 会计 1.5, 出纳 0.5, 总经理 1;
		// 16,644 + 4,244.18 + 68,233.857 = 89,122.04.
		{"2027-01", 4, 3, 1, 89122_04, 98914_22, 1},
		// Feb: 赵六 starts: 会计 2.5 → 27,740 + 4,244.18 + 68,233.857.
		{"2027-02", 4, 4, 0.5, 100218_04, 98914_22, 0},
		// Mar: 会计 编制 3: planned 33,288 + 8,488.36 + 68,233.857.
		{"2027-03", 5, 4, 1, 100218_04, 110010_22, 0},
		{"2027-04", 5, 4, 1, 100218_04, 110010_22, 0},
		// May: 王五 gone, 销售部 set up: 27,740 + 4,244.18.
		{"2027-05", 6, 3, 3, 31984_18, 123880_22, 2},
		// Jun: 司机 3 set up again: + 3 × 8,771.694 = 26,315.082.
		{"2027-06", 9, 3, 6, 31984_18, 150195_30, 3},
	}
	if len(pr.Months) != len(want) {
		t.Fatalf("%d months", len(pr.Months))
	}
	for i, w := range want {
		m := pr.Months[i]
		if m.Month.String() != w.month || m.Planned != w.planned || m.InPost != w.inPost || m.Vacant != w.vacant ||
			m.Cost != w.cost || m.PlanCost != w.plan || m.Hires != w.hires {
			t.Errorf("%s: got %+v, want %+v", w.month, m, w)
		}
	}
	// 编制执行率 in May: 3 ÷ 6 = 50 %.
	if r := pr.Months[4].Rate(); r != 5000 {
		t.Errorf("rate %d", r)
	}
	// 89,122.04 + 3 × 100,218.04 + 2 × 31,984.18 = 453,744.52.
	if pr.AnnualCost != 453744_52 {
		t.Errorf("annual %s", pr.AnnualCost.Yuan())
	}
	// Hiring plan: Jan 会计 0.5 (× 11,096 × 6 = 33,288) and 出纳 0.5
	// (× 8,488.36 × 6 = 25,465.08); May 总经理 1 (× 68,233.857 × 2 =
	// 136,467.71) and 销售 1 (13,870 × 2 = 27,740); Jun 司机 3
	// (× 8,771.694 = 26,315.08). Total 249,275.87.
	type h struct {
		month, title string
		fte          float64
		cost         Fen
	}
	wantH := []h{{"2027-01", "会计", 0.5, 33288_00}, {"2027-01", "出纳", 0.5, 25465_08},
		{"2027-05", "总经理", 1, 136467_71}, {"2027-05", "销售", 1, 27740_00}, {"2027-06", "司机", 3, 26315_08}}
	if len(pr.Hiring) != len(wantH) {
		t.Fatalf("hiring %+v", pr.Hiring)
	}
	for i, w := range wantH {
		g := pr.Hiring[i]
		if g.Month.String() != w.month || g.Title != w.title || g.FTE != w.fte || g.Cost != w.cost {
			t.Errorf("hire %d: %+v, want %+v", i, g, w)
		}
	}
	if pr.HiringCost != 249275_87 {
		t.Errorf("hiring cost %s", pr.HiringCost.Yuan())
	}
}

func TestCompare(t *testing.T) {
	a := testPlan()
	b := testPlan()
	b.Positions[2].Planned = 3                                // 会计 2 → 3
	b.Positions[3].MonthlyPay = 5500_00                       // 出纳 5,000 → 5,500
	b.Positions = append(b.Positions[:1], b.Positions[2:]...) // 司机 removed
	b.Positions = append(b.Positions, model.Position{ID: 15, Title: "审计", Unit: 2, Planned: 1, MonthlyPay: 9000_00, Order: 3})
	c := Compare(a, b)
	// 财务部 after: 会计 3 × 133,152 = 399,456; 出纳 5,500 × 13 = 71,500 +
	// 33,260.328 (base still the floor) + 3,600 = 108,360.33; 审计 9,000 ×
	// 12 = 108,000 + 9,000 × 38.7 % × 12 = 41,796 → 149,796. Sum 657,612.33,
	// before 368,164.33: +289,448.
	var fin UnitDiff
	for _, u := range c.Units {
		if u.Path == "公司/财务部" {
			fin = u
		}
	}
	if fin.PlannedBefore != 3 || fin.PlannedAfter != 5 || fin.CostBefore != 368164_33 || fin.CostAfter != 657612_33 || fin.Difference() != 289448_00 {
		t.Errorf("财务部 %+v", fin)
	}
	if c.CostBefore != 1186970_61 || c.CostAfter != 1476418_61 {
		t.Errorf("totals %s → %s", c.CostBefore.Yuan(), c.CostAfter.Yuan())
	}
	if len(c.Added) != 1 || c.Added[0].Title != "审计" || len(c.Removed) != 1 || c.Removed[0].Title != "司机" {
		t.Errorf("added %v removed %v", c.Added, c.Removed)
	}
	got := map[string]string{}
	for _, ch := range c.Changed {
		got[ch.Title+" "+ch.Field] = ch.Before + " → " + ch.After
	}
	if len(got) != 2 || got["会计 planned"] != "2 → 3" || got["出纳 pay"] != "5,000 → 5,500" {
		t.Errorf("changed %v", got)
	}
}

func TestPlannedIn(t *testing.T) {
	p := model.Position{Planned: 2, Starts: model.MonthOf(2027, 2), Changes: []model.PlannedChange{
		{From: model.MonthOf(2027, 9), Kind: model.ChangeStatus, Status: model.StatusFrozen},
		{From: model.MonthOf(2027, 3), Kind: model.ChangePlanned, Planned: 4},
		{From: model.MonthOf(2027, 6), Kind: model.ChangePlanned, Planned: 5},
	}}
	for _, c := range []struct {
		m      model.Month
		fte    float64
		st     model.PositionStatus
		exists bool
	}{
		{model.MonthOf(2027, 1), 0, model.StatusActive, false},
		{model.MonthOf(2027, 2), 2, model.StatusActive, true},
		{model.MonthOf(2027, 4), 4, model.StatusActive, true},
		{model.MonthOf(2027, 7), 5, model.StatusActive, true},
		{model.MonthOf(2027, 10), 5, model.StatusFrozen, true},
	} {
		fte, st, ok := p.PlannedIn(c.m)
		if fte != c.fte || st != c.st || ok != c.exists {
			t.Errorf("%s: %v %v %v", c.m, fte, st, ok)
		}
	}
	if m, ok := model.ParseMonth("2027年3月"); !ok || m.String() != "2027-03" {
		t.Errorf("parse %v %v", m, ok)
	}
}

func TestReportJSON(t *testing.T) {
	r := Report(projPlan(), nil, model.MonthOf(2027, 1), 6, nil)
	b, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	// Money as yuan with two decimals, written exactly; the figures are
	// TestProjection's and TestPostCosts'. With 销售部's 166,440 the planned
	// cost is 1,353,410.61: ÷ 5,000,000 = 27.07 %.
	for _, want := range []string{`"annual_cost":453744.52`, `"month":"2027-01"`, `"cost":89122.04`,
		`"planned_cost":266304.00`, `"labour_cost_share":0.2707`, `"months_paid":14.5`} {
		if !strings.Contains(s, want) {
			t.Errorf("report lacks %s:\n%s", want, s)
		}
	}
	var back map[string]any
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	// The comparison names its fields as the command line documents them.
	a, after := testPlan(), testPlan()
	after.Positions[2].Planned = 3
	cb, _ := json.Marshal(CompareReport(a, after))
	if !strings.Contains(string(cb), `"changed":[{"unit":"公司/财务部","title":"会计","field":"planned","before":"2","after":"3"}]`) {
		t.Errorf("compare JSON %s", cb)
	}
}

// TestProjectPosts: the per-post months add up to the projection's.
func TestProjectPosts(t *testing.T) {
	d := projPlan()
	from := model.MonthOf(2027, 1)
	pr := Project(d, from, 6)
	var ids []model.ID
	for _, p := range d.Positions {
		ids = append(ids, p.ID)
	}
	pm := ProjectPosts(d, ids, from, 6)
	for k, m := range pr.Months {
		var planned, in float64
		for _, p := range pm {
			planned += p.Planned[k]
			in += p.InPost[k]
		}
		if planned != m.Planned || in != m.InPost {
			t.Errorf("%s: posts add up to %v / %v, projection %v / %v", m.Month, planned, in, m.Planned, m.InPost)
		}
	}
}

// TestScaledFast: the integer path gives the exact path's figure.
func TestScaledFast(t *testing.T) {
	prof := beijing25()
	for _, p := range testPlan().Positions {
		fast, ok := scaledFast(&p, &prof)
		exact := scaled(PostRates(&p, &prof).Annual)
		if !ok || !exact.IsUint64() || fast != exact.Uint64() {
			t.Errorf("%s: fast %d, exact %s", p.Title, fast, exact)
		}
	}
	empty := model.ContributionProfile{}
	p := testPlan().Positions[0]
	if fast, _ := scaledFast(&p, &empty); fast != scaled(PostRates(&p, &empty).Annual).Uint64() {
		t.Error("no profile differs")
	}
	huge := model.Position{MonthlyPay: model.MaxFen}
	if _, ok := scaledFast(&huge, &prof); ok {
		t.Error("the fast path took a pay it cannot hold")
	}
}

func TestPlannedChanges(t *testing.T) {
	got := PlannedChanges(projPlan())
	var lines []string
	for _, c := range got {
		lines = append(lines, c.Month.String()+" "+c.Title+" "+c.What.English())
	}
	want := "2027-03 会计 headcount → 3|2027-05  unit set up|2027-06 司机 in force"
	if s := strings.Join(lines, "|"); s != want {
		t.Errorf("changes %q, want %q", s, want)
	}
}

// TestTurnover: 12 % a year of 会计's 1.5 in post (and the 0.5 hired in
// January, 2 in all) is 2 × 0.12 ÷ 12 = 0.02 replacements a month; they
// cost nothing more, as they keep the headcount.
func TestTurnover(t *testing.T) {
	d := testPlan()
	d.People[3].ExpectedStart = time.Time{} // 赵六 in post: 会计 2.5, 编制 2
	d.Assignments[4].FTE = 0.5              // now 2 in post, no vacancy
	d.Positions[2].Turnover = 1200
	base := Project(testPlan(), model.MonthOf(2027, 1), 3)
	pr := Project(d, model.MonthOf(2027, 1), 3)
	var repl []Hire
	for _, h := range pr.Hiring {
		if h.Replacement {
			repl = append(repl, h)
		}
	}
	if len(repl) != 3 || repl[0].FTE != 0.02 || repl[0].Title != "会计" || repl[0].Cost != 0 {
		t.Fatalf("replacements %+v", repl)
	}
	// 出纳's half vacancy is still hired in January.
	if pr.Months[0].Hires != 0.52 || pr.Months[1].Hires != 0.02 {
		t.Errorf("hires %v, %v", pr.Months[0].Hires, pr.Months[1].Hires)
	}
	if pr.HiringCost >= base.HiringCost {
		t.Errorf("replacements added cost: %s vs %s", pr.HiringCost.Yuan(), base.HiringCost.Yuan())
	}
}
