package export

import (
	"io"
	"strconv"

	"github.com/xuri/excelize/v2"

	"staffplan/data/budget"
	"staffplan/data/model"
)

var compareText = map[string]struct {
	units, posts, titleWord, total, added, removed, changed string
	unitHead, postHead                                      []string
	fields                                                  map[string]string
}{
	"zh": {units: "变更对照表", posts: "岗位变更", titleWord: "变更对照表", total: "合计", added: "新增", removed: "撤销", changed: "调整",
		unitHead: []string{"部门", "调整前编制", "调整后编制", "调整前人工成本", "调整后人工成本", "差额"},
		postHead: []string{"变更", "部门", "岗位", "项目", "调整前", "调整后"},
		fields:   map[string]string{"planned": "编制", "status": "状态", "pay": "月薪", "months_paid": "年发薪月数", "allowances": "津贴", "reports_to": "直属上级"}},
	"en": {units: "Changes", posts: "Posts", titleWord: "changes", total: "Total", added: "added", removed: "removed", changed: "changed",
		unitHead: []string{"Unit", "Planned before", "Planned after", "Cost before", "Cost after", "Difference"},
		postHead: []string{"Change", "Unit", "Post", "Field", "Before", "After"},
		fields:   map[string]string{"planned": "planned headcount", "status": "status", "pay": "monthly pay", "months_paid": "months paid", "allowances": "allowances", "reports_to": "reports to"}},
}

// CompareWorkbook writes plan a beside plan b (变更对照表): per unit the
// headcount and the planned labour cost before and after with the
// difference (a formula), then every post added, removed or changed.
func CompareWorkbook(w io.Writer, a, b *model.PlanData, opt Options) error {
	lang := opt.Lang
	if lang != "en" {
		lang = "zh"
	}
	t := compareText[lang]
	c := budget.Compare(a, b)
	f := excelize.NewFile()
	defer f.Close()
	us, ps := t.units, t.posts
	if err := f.SetSheetName("Sheet1", us); err != nil {
		return err
	}
	if _, err := f.NewSheet(ps); err != nil {
		return err
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
	var errs []error
	check := func(err error) {
		if err != nil {
			errs = append(errs, err)
		}
	}
	check(f.SetCellValue(us, "A1", titleWith(planTitle(a)+" → "+planTitle(b), t.titleWord, lang)))
	check(f.SetSheetRow(us, "A2", &t.unitHead))
	check(f.SetCellStyle(us, "A2", "F2", head))
	for i, u := range c.Units {
		r := strconv.Itoa(3 + i)
		row := []any{u.Path, u.PlannedBefore, u.PlannedAfter, yuanValue(int64(u.CostBefore)), yuanValue(int64(u.CostAfter))}
		check(f.SetSheetRow(us, "A"+r, &row))
		check(f.SetCellFormula(us, "F"+r, "E"+r+"-D"+r))
	}
	last := 2 + len(c.Units)
	tr := strconv.Itoa(last + 1)
	row := []any{t.total, c.PlannedBefore, c.PlannedAfter, yuanValue(int64(c.CostBefore)), yuanValue(int64(c.CostAfter))}
	check(f.SetSheetRow(us, "A"+tr, &row))
	check(f.SetCellFormula(us, "F"+tr, "E"+tr+"-D"+tr))
	check(f.SetCellStyle(us, "D3", "F"+tr, money))
	check(f.SetColWidth(us, "A", "A", 30))
	check(f.SetColWidth(us, "B", "F", 14))

	check(f.SetSheetRow(ps, "A1", &t.postHead))
	check(f.SetCellStyle(ps, "A1", "F1", head))
	r := 2
	put := func(vals ...any) {
		check(f.SetSheetRow(ps, "A"+strconv.Itoa(r), &vals))
		r++
	}
	for _, p := range c.Added {
		put(t.added, p.Unit, p.Title)
	}
	for _, p := range c.Removed {
		put(t.removed, p.Unit, p.Title)
	}
	for _, ch := range c.Changed {
		put(t.changed, ch.Unit, ch.Title, t.fields[ch.Field], ch.Before, ch.After)
	}
	check(f.SetColWidth(ps, "A", "A", 10))
	check(f.SetColWidth(ps, "B", "C", 24))
	check(f.SetColWidth(ps, "D", "F", 16))
	if len(errs) > 0 {
		return errs[0]
	}
	f.SetActiveSheet(0)
	return writeBook(f, w)
}
