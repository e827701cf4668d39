package export

import (
	"fmt"
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"staffplan/data/budget"
	"staffplan/data/model"
)

// KindBudget is the budget workbook.
const KindBudget = "budget"

var budgetText = map[string]struct {
	posts, units, months, rates, titleWord, note                        string
	postHead, unitHead, rateHead                                        []string
	rateNames                                                           [7]string
	monthPlanned, monthInPost, monthCost, monthPlanCost, total, inPostH string
}{
	"zh": {posts: "岗位成本", units: "部门汇总", months: "逐月预测", rates: "五险一金", titleWord: "人工成本预算",
		note:         "缴费比例和基数每年调整(通常在 7 月),请以当地官方通知为准核对;改动本表的比例或月薪,各合计随之更新。",
		postHead:     []string{"部门", "岗位", "编制", "在岗", "缺编", "月薪", "年发薪月数", "月津贴", "缴费基数", "每人年成本", "编制人工成本", "实际人工成本", "缺编成本"},
		unitHead:     []string{"部门", "编制", "在岗", "编制人工成本", "实际人工成本"},
		rateHead:     []string{"项目", "数值", "来源"},
		rateNames:    [7]string{"缴费基数下限", "缴费基数上限", "养老保险", "医疗保险(含生育)", "失业保险", "工伤保险", "住房公积金"},
		monthPlanned: "编制", monthInPost: "预计在岗", monthCost: "人工成本", monthPlanCost: "编制人工成本", total: "合计", inPostH: "预计在岗"},
	"en": {posts: "Posts", units: "Units", months: "By month", rates: "Contributions", titleWord: "labour cost budget",
		note:         "Contribution rates and bases change every year (usually in July): check them against the local notice. Change a rate or a pay figure here and the totals follow.",
		postHead:     []string{"Unit", "Post", "Planned", "In post", "Vacant", "Monthly pay", "Months paid", "Allowances a month", "Contribution base", "Annual cost per FTE", "Planned cost", "Actual cost", "Vacancy cost"},
		unitHead:     []string{"Unit", "Planned", "In post", "Planned cost", "Actual cost"},
		rateHead:     []string{"Item", "Value", "Source"},
		rateNames:    [7]string{"Base floor", "Base ceiling", "Pension", "Medical (incl. maternity)", "Unemployment", "Work injury", "Housing fund"},
		monthPlanned: "Planned", monthInPost: "Expected in post", monthCost: "Cost", monthPlanCost: "Planned cost", total: "Total", inPostH: "Expected in post"},
}

// BudgetWorkbook writes the plan's labour cost as a workbook that keeps its
// arithmetic as formulas: the contribution profile on a sheet of its own,
// each post's pay with its contribution base, cost per FTE and costs, the
// units' roll-ups and the projection by month, so a finance colleague can
// change a rate or a pay figure and the totals follow. Each figure is
// rounded once, to the fen (ROUND(…, 2)), as the program rounds; totals
// are sums of the rows. Money is in yuan.
func BudgetWorkbook(w io.Writer, d *model.PlanData, from model.Month, months int, opt Options) error {
	lang := opt.Lang
	if lang != "en" {
		lang = "zh"
	}
	t := budgetText[lang]
	s := budget.Costs(d)
	f := excelize.NewFile()
	defer f.Close()
	ps, us, ms, rs := t.posts, t.units, t.months, t.rates
	if err := f.SetSheetName("Sheet1", ps); err != nil {
		return err
	}
	for _, n := range []string{us, ms, rs} {
		if _, err := f.NewSheet(n); err != nil {
			return err
		}
	}
	st := newStyles(f)
	head, err := st.get(styleKey{role: roleHeader})
	if err != nil {
		return err
	}
	money, err := st.get(styleKey{role: roleNum, dec: 2})
	if err != nil {
		return err
	}
	fte, err := st.get(styleKey{role: roleNum, dec: 3})
	if err != nil {
		return err
	}
	pct, err := f.NewStyle(&excelize.Style{CustomNumFmt: strPtr("0.00##%")})
	if err != nil {
		return err
	}
	var errs []error
	set := func(sheet, cell string, v any) {
		if err := f.SetCellValue(sheet, cell, v); err != nil {
			errs = append(errs, err)
		}
	}
	formula := func(sheet, cell, fm string) {
		if err := f.SetCellFormula(sheet, cell, fm); err != nil {
			errs = append(errs, err)
		}
	}
	style := func(sheet, from, to string, id int) {
		if err := f.SetCellStyle(sheet, from, to, id); err != nil {
			errs = append(errs, err)
		}
	}
	title := titleWith(planTitle(d), t.titleWord, lang)

	// Contributions: B4 floor, B5 ceiling, B6–B10 the rates, B11 their sum.
	c := &s.Profile
	set(rs, "A1", title)
	set(rs, "A2", t.note)
	if err := f.SetSheetRow(rs, "A3", &t.rateHead); err != nil {
		return err
	}
	style(rs, "A3", "C3", head)
	src := c.Title
	if c.Year != 0 {
		src += " " + strconv.Itoa(c.Year)
	}
	if c.Source != "" {
		src += ": " + c.Source
	}
	for i, name := range t.rateNames {
		r := strconv.Itoa(4 + i)
		set(rs, "A"+r, name)
		switch {
		case i == 0 && c.BaseFloor > 0:
			set(rs, "B"+r, yuanValue(c.BaseFloor))
			style(rs, "B"+r, "B"+r, money)
		case i == 1 && c.BaseCeiling > 0:
			set(rs, "B"+r, yuanValue(c.BaseCeiling))
			style(rs, "B"+r, "B"+r, money)
		case i >= 2:
			if rate := c.Rates[i-2]; rate.Set() && !c.Empty() {
				set(rs, "B"+r, float64(rate)/model.RateScale)
			}
			style(rs, "B"+r, "B"+r, pct)
		}
		if i == 0 {
			set(rs, "C"+r, src)
		}
	}
	set(rs, "A11", t.total)
	formula(rs, "B11", "SUM(B6:B10)")
	style(rs, "B11", "B11", pct)
	floor, ceil, rate := "'"+rs+"'!$B$4", "'"+rs+"'!$B$5", "'"+rs+"'!$B$11"

	// Posts, from row 2; the total under them.
	if err := f.SetSheetRow(ps, "A1", &t.postHead); err != nil {
		return err
	}
	style(ps, "A1", "M1", head)
	first := 2
	last := first + len(s.Posts) - 1
	for i, p := range s.Posts {
		r := strconv.Itoa(first + i)
		row := []any{p.UnitPath, p.Title, p.Planned, p.InPost}
		if err := f.SetSheetRow(ps, "A"+r, &row); err != nil {
			return err
		}
		formula(ps, "E"+r, "MAX(C"+r+"-D"+r+",0)")
		// The pay as the program takes it: set, or the middle of the band.
		set(ps, "F"+r, ratYuan(p.Rates.MonthlyPay))
		set(ps, "G"+r, float64(p.Rates.MonthsPaid)/100)
		set(ps, "H"+r, yuanValue(p.Rates.Allowances))
		// The base: the pay between the floor and the ceiling (either may
		// be blank); no pay, no base.
		formula(ps, "I"+r, fmt.Sprintf("IF(F%[1]s<=0,0,IF(%[3]s>0,MIN(%[3]s,MAX(F%[1]s,%[2]s)),MAX(F%[1]s,%[2]s)))", r, floor, ceil))
		formula(ps, "J"+r, fmt.Sprintf("F%[1]s*G%[1]s+I%[1]s*%[2]s*12+H%[1]s*12", r, rate))
		formula(ps, "K"+r, "ROUND(C"+r+"*J"+r+",2)")
		formula(ps, "L"+r, "ROUND(D"+r+"*J"+r+",2)")
		formula(ps, "M"+r, "ROUND(E"+r+"*J"+r+",2)")
	}
	tr := strconv.Itoa(last + 1)
	set(ps, "A"+tr, t.total)
	if len(s.Posts) > 0 {
		for _, col := range []string{"C", "D", "E", "K", "L", "M"} {
			formula(ps, col+tr, fmt.Sprintf("SUM(%s%d:%s%d)", col, first, col, last))
		}
		style(ps, "C2", "E"+tr, fte)
		style(ps, "F2", "F"+tr, money)
		style(ps, "H2", "M"+tr, money)
	}
	for col, wd := range map[string]float64{"A": 24, "B": 18, "C": 8, "D": 8, "E": 8, "F": 12, "G": 8, "H": 10, "I": 12, "J": 14, "K": 14, "L": 14, "M": 14} {
		if err := f.SetColWidth(ps, col, col, wd); err != nil {
			return err
		}
	}
	if err := f.SetPanes(ps, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}

	// Units: a unit's figures are its posts' and its sub-units' posts'.
	if err := f.SetSheetRow(us, "A1", &t.unitHead); err != nil {
		return err
	}
	style(us, "A1", "E1", head)
	rng := func(col string) string {
		return fmt.Sprintf("'%s'!$%s$%d:$%s$%d", ps, col, first, col, max(last, first))
	}
	for i, u := range s.Units {
		r := strconv.Itoa(2 + i)
		set(us, "A"+r, u.Path)
		under := fmt.Sprintf("((%[1]s=A%[2]s)+(LEFT(%[1]s,LEN(A%[2]s)+1)=A%[2]s&\"/\"))", rng("A"), r)
		for col, src := range map[string]string{"B": "C", "C": "D", "D": "K", "E": "L"} {
			formula(us, col+r, fmt.Sprintf("SUMPRODUCT(%s*%s)", under, rng(src)))
		}
	}
	if n := len(s.Units); n > 0 {
		style(us, "B2", "C"+strconv.Itoa(n+1), fte)
		style(us, "D2", "E"+strconv.Itoa(n+1), money)
	}
	if err := f.SetColWidth(us, "A", "A", 30); err != nil {
		return err
	}
	if err := f.SetColWidth(us, "B", "E", 14); err != nil {
		return err
	}

	// By month: expected in post of each post (the rows of the posts
	// sheet, in order) and, under them, each month's figures from them.
	ids := make([]model.ID, len(s.Posts))
	for i, p := range s.Posts {
		ids[i] = p.Post
	}
	pm := budget.ProjectPosts(d, ids, from, months)
	set(ms, "A1", t.inPostH)
	set(ms, "B1", ps)
	for k := 0; k < months; k++ {
		col, _ := excelize.ColumnNumberToName(3 + k)
		set(ms, col+"1", (from + model.Month(k)).String())
	}
	style(ms, "A1", cellName(2+months, 1), head)
	for i, p := range s.Posts {
		r := first + i
		set(ms, "A"+strconv.Itoa(r), p.UnitPath)
		set(ms, "B"+strconv.Itoa(r), p.Title)
		for k := 0; k < months; k++ {
			set(ms, cellName(3+k, r), pm[i].InPost[k])
		}
	}
	sum := last + 2
	labels := []string{t.monthInPost, t.monthCost, t.monthPlanned, t.monthPlanCost}
	for j, l := range labels {
		set(ms, "A"+strconv.Itoa(sum+j), l)
	}
	// 编制 by month, on rows below the sums, for the planned cost.
	plannedFirst := sum + len(labels) + 1
	set(ms, "A"+strconv.Itoa(plannedFirst-1), t.monthPlanned)
	for i, p := range s.Posts {
		r := plannedFirst + i
		set(ms, "A"+strconv.Itoa(r), p.UnitPath)
		set(ms, "B"+strconv.Itoa(r), p.Title)
		for k := 0; k < months; k++ {
			set(ms, cellName(3+k, r), pm[i].Planned[k])
		}
	}
	plannedLast := plannedFirst + len(s.Posts) - 1
	perFTE := fmt.Sprintf("'%s'!$J$%d:$J$%d", ps, first, max(last, first))
	for k := 0; k < months && len(s.Posts) > 0; k++ {
		col, _ := excelize.ColumnNumberToName(3 + k)
		in := fmt.Sprintf("%s%d:%s%d", col, first, col, last)
		pl := fmt.Sprintf("%s%d:%s%d", col, plannedFirst, col, plannedLast)
		formula(ms, cellName(3+k, sum), "SUM("+in+")")
		formula(ms, cellName(3+k, sum+1), "ROUND(SUMPRODUCT("+in+","+perFTE+")/12,2)")
		formula(ms, cellName(3+k, sum+2), "SUM("+pl+")")
		formula(ms, cellName(3+k, sum+3), "ROUND(SUMPRODUCT("+pl+","+perFTE+")/12,2)")
	}
	if months > 0 {
		style(ms, cellName(3, sum+1), cellName(2+months, sum+1), money)
		style(ms, cellName(3, sum+3), cellName(2+months, sum+3), money)
	}
	if err := f.SetColWidth(ms, "A", "B", 18); err != nil {
		return err
	}
	if len(errs) > 0 {
		return errs[0]
	}
	if err := pageSetup(f, ps, labelsFor(lang), planTitle(d), true, false, 1); err != nil {
		return err
	}
	f.SetActiveSheet(0)
	return writeBook(f, w)
}

// yuanValue is fen as a number of yuan for a cell.
func yuanValue(fen int64) float64 { return float64(fen) / 100 }

// ratYuan is an exact amount of fen as yuan for a cell (half a fen, the
// middle of a band, is 0.005 yuan and survives as a float).
func ratYuan(r interface{ FloatString(int) string }) float64 {
	v, _ := strconv.ParseFloat(r.FloatString(6), 64)
	return v / 100
}
