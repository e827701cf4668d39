package importer

import (
	"fmt"
	"strings"
	"testing"

	"staffplan/data/model"
)

// Detection precision: traits of real workbooks from public repositories
// that were misread. Each file here is made up and only shares the trait.

// notImported reports whether preparing the workbook fails with a message
// that asks the user what the file holds (no known header, or choose the
// kind), as it must for a file that holds no people, units or posts.
func notImported(t *testing.T, path string) (bool, string) {
	t.Helper()
	w := mustRead(t, path, nil)
	p, err := Prepare(t.Context(), w, nil, nil)
	if err == nil {
		return false, "imported " + strings.Join(p.Sheets, ",")
	}
	var pr *model.Problem
	if !asProblem(err, &pr) {
		return false, err.Error()
	}
	return strings.HasPrefix(pr.Key, KeyNoHeader) || strings.HasPrefix(pr.Key, KeyEmpty), pr.Key
}

// A heading that merely contains a name word (标准中文名 of a chemical,
// 产品名称, "Model Name") is not a person's name, nor is "Unit Price" a
// unit; the name field is a whole heading or a known compound.
func TestNameHeadingNotBySubstring(t *testing.T) {
	for h, want := range map[string]Field{
		"姓名": FieldName, "员工姓名": FieldName, "姓名(中文)": FieldName, "姓名（中文）": FieldName,
		"*姓名": FieldName, "中文姓名": FieldName, "Employee Name": FieldName, "Full Name": FieldName, "Name": FieldName,
		"标准中文名": FieldIgnore, "产品名称": FieldIgnore, "Model Name": FieldIgnore, "INCI名": FieldIgnore,
		"Product Name": FieldIgnore, "客户姓名": FieldIgnore, "联系人姓名": FieldIgnore,
		"AM Reserve Unit Price": FieldIgnore, "Unit Price": FieldIgnore,
		"部门名称": FieldDept, "所在部门(全称)": FieldDept, "Employee Status": FieldStatus,
	} {
		if f, _ := MatchHeader(h); f != want {
			t.Errorf("MatchHeader(%q) = %q, want %q", h, f, want)
		}
	}
	chem := writeXLSX(t, tempPath(t, "配方.xlsx"), fixSheet{name: "测试配方", rows: [][]any{
		{"测试配方", "测试配方", "测试配方", "测试配方", "测试配方"},
		{"序号", "原料编号", "厂定名称", "标准中文名", "INCI名", "原料含量(%)"},
		{1, "M-001", "甲料", "甘油", "GLYCERIN", 5},
	}, merges: []string{"A1:F1"}})
	model := writeXLSX(t, tempPath(t, "mva.xlsx"), fixSheet{name: "MVA", rows: [][]any{
		{"Model Name", "MKO Item", "CSP Valid From", "EM Quote", "AM Reserve Unit Price"},
		{"OD-0001", "5J-01", 20220101, 37.2, -1.07},
	}})
	for _, path := range []string{chem, model} {
		if ok, why := notImported(t, path); !ok {
			t.Errorf("%s: %s, want no known header or choose the kind", path, why)
		}
	}
}

// Error values (#REF!, #N/A, …) are never data: a cell holding one is
// blank, and a check sheet full of them is not read.
func TestErrorValuesAreNotData(t *testing.T) {
	refs := func(n int) []any {
		r := make([]any, n)
		for i := range r {
			r[i] = "#REF!"
		}
		return r
	}
	check := [][]any{
		{"员工编码", "姓名", "单位", "#REF!", "#REF!", "#REF!", "31"},
		{"E1", "赵一", "财务部", 0, "#REF!", 0, 0},
	}
	for i := 0; i < 6; i++ {
		check = append(check, refs(7))
	}
	path := writeXLSX(t, tempPath(t, "报送.xlsx"),
		fixSheet{name: "Sheet1", rows: [][]any{
			{"员工编码", "姓名", "部门", "职务"},
			{"E1", "赵一", "财务部", "会计"},
			{"E2", "钱二", "#N/A", "#VALUE!"},
			{"#DIV/0!", "#NAME?", "#REF!", "#N/A"},
		}},
		fixSheet{name: "check", rows: check},
	)
	d, p := importNew(t, path, nil)
	if len(d.People) != 2 {
		t.Errorf("people %d, want 2 (赵一, 钱二)", len(d.People))
	}
	for _, u := range d.Units {
		if strings.HasPrefix(u.Name, "#") {
			t.Errorf("unit %q from an error value", u.Name)
		}
	}
	for _, ps := range d.Positions {
		if strings.HasPrefix(ps.Title, "#") {
			t.Errorf("post %q from an error value", ps.Title)
		}
	}
	if r := p.Summary().Roles["check"]; r != "skipped" {
		t.Errorf("sheet check read as %q, want skipped", r)
	}
}

// A heading with line breaks (岗位\n工种\n职称\n职务, as payroll ledgers
// write them) is matched by its lines too: it is the post, not the
// "岗位\n系数" beside it, which is a number.
func TestHeadingLinesAreMatched(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "台账.xlsx"), fixSheet{name: "台账", rows: [][]any{
		{"序号", "工号", "姓名", "部门", "岗位\n工种\n职称\n职务", "岗位\n系数", "备注"},
		{1, "E1", "赵一", "一队", "采煤工", 1.2, ""},
		{2, "E2", "钱二", "一队", "电工", 1.1, ""},
	}})
	d, _ := importNew(t, path, nil)
	titles := map[string]bool{}
	for _, ps := range d.Positions {
		titles[ps.Title] = true
	}
	if !titles["采煤工"] || !titles["电工"] || len(titles) != 2 {
		t.Errorf("posts %v, want 采煤工 and 电工", titles)
	}
}

// A list of customers, products, payments or projects is not a roster
// nor an org structure: without a 工号 a sheet needs a name and another
// sign of staff (unit, post, hire date, status…), and its other headings
// must not be mostly about something else.
func TestNotPeopleLists(t *testing.T) {
	note := "填写注意事项：\n1、请不要修改此表格的格式。\n2、带有星号（*）的字段为必填项。"
	customers := writeXLSX(t, tempPath(t, "customers.xlsx"), fixSheet{name: "客户信息导入模板", rows: [][]any{
		{note, note, note, note, note, note, note, note, note},
		{"*姓名", "*客户类型", "*手机", "*楼栋", "*门牌", "迁入日期", "性别", "职业", "工作单位"},
		{"甲某", "业主", "", "3栋", "101", "2020-01-01", "", "教师", "某中学"},
		{"乙某", "租户", "", "5栋", "202", "2021-06-01", "", "工程师", "某公司"},
	}, merges: []string{"A1:I1"}})
	payments := writeXLSX(t, tempPath(t, "payments.xlsx"), fixSheet{name: "项目支付情况", rows: [][]any{
		{"项目信息", "项目信息", "项目信息", "项目信息", "项目信息", "项目信息", "项目信息", "支付情况", "支付情况"},
		{"种类", "项目编号", "项目名称", "合同金额", "供应商名称", "领取部门", "负责人", "付款日期", "付款金额"},
		{"流量卡", "P-01", "示范项目", 136260, "某供应商", "综合部", "某人", 44472, 18144},
		{"流量卡", "P-02", "示范项目", 10800, "某供应商", "综合部", "某人", 43589, 7200},
	}, merges: []string{"A1:G1", "H1:I1"}})
	products := writeXLSX(t, tempPath(t, "products.xlsx"), fixSheet{name: "Sheet1", rows: [][]any{
		{"Product Name", "Department", "Unit Price", "Quantity", "Supplier"},
		{"Widget", "Hardware", 2.5, 10, "ACME"},
	}})
	names := writeXLSX(t, tempPath(t, "names.xlsx"), fixSheet{name: "Sheet1", rows: [][]any{
		{"姓名", "性别", "年龄", "鞋码"}, {"甲某", "", "", 41}, {"乙某", "", "", 38},
	}})
	students := writeXLSX(t, tempPath(t, "students.xlsx"), fixSheet{name: "导入数据", rows: [][]any{
		{"序号", "学籍号", "姓名", "性别", "家长姓名", "家长联系电话", "学号", "宿舍号", "学生联系电话", "状态", "备注"},
		{1, "G001", "甲某", "", "乙某", "", "S01", "3-101", "", "在读", ""},
	}})
	for _, path := range []string{customers, payments, products, names, students} {
		if ok, why := notImported(t, path); !ok {
			t.Errorf("%s: %s, want no known header or choose the kind", path, why)
		}
	}
	// Staff lists still are rosters: a 工号 alone, or a name and a unit.
	for _, rows := range [][][]any{
		{{"工号", "姓名"}, {"E1", "赵一"}},
		{{"工号", "姓名", "项目名称", "合同金额", "客户类型"}, {"E1", "赵一", "x", 1, "y"}},
		{{"姓名", "部门", "合同到期日"}, {"赵一", "财务部", "2030-01-01"}},
		{{"姓名", "状态"}, {"赵一", "在职"}},
	} {
		path := writeXLSX(t, tempPath(t, "staff.xlsx"), fixSheet{name: "花名册", rows: rows})
		d, _ := importNew(t, path, nil)
		if len(d.People) != 1 {
			t.Errorf("%v: people %d, want 1", rows[0], len(d.People))
		}
	}
}

// People listed on two sheets of one workbook without a 工号 are the same
// person when name and unit agree (or the name, where a sheet gives no
// unit); namesakes in other units, and the people of 在职/离职 sheets,
// stay apart.
func TestSamePersonAcrossSheets(t *testing.T) {
	roster := [][]any{{"姓名", "部门", "岗位"}, {"张三", "财务部", "会计"}, {"李四", "行政部", "文员"}}
	for _, tc := range []struct {
		name   string
		sheets []fixSheet
		want   int
	}{
		{"same two on two sheets", []fixSheet{{name: "Sheet1", rows: roster}, {name: "12", rows: roster}}, 2},
		{"no unit on one sheet", []fixSheet{
			{name: "A", rows: [][]any{{"姓名", "部门"}, {"张三", "财务部"}}},
			{name: "B", rows: [][]any{{"姓名", "入职日期"}, {"张三", "2020-01-01"}}}}, 1},
		{"namesakes in other units", []fixSheet{
			{name: "A", rows: [][]any{{"姓名", "部门"}, {"张三", "财务部"}}},
			{name: "B", rows: [][]any{{"姓名", "部门"}, {"张三", "行政部"}}}}, 2},
		{"status sheets", []fixSheet{
			{name: "在职", rows: [][]any{{"姓名", "部门"}, {"张三", "财务部"}}},
			{name: "离职", rows: [][]any{{"姓名", "部门"}, {"张三", "财务部"}}}}, 2},
	} {
		path := writeXLSX(t, tempPath(t, "book.xlsx"), tc.sheets...)
		d, _ := importNew(t, path, nil)
		if len(d.People) != tc.want {
			t.Errorf("%s: people %d, want %d", tc.name, len(d.People), tc.want)
		}
	}
}

// A payroll ledger printed page by page (after a blank WPS payroll
// template): each page has a title, a "单位： / 日期：" line, headings on
// three rows (the second page with 工号 and 姓名 swapped) and a signature
// line of two merged texts. Only the people are people.
func TestLedgerPagesHaveNoPhantoms(t *testing.T) {
	var rows [][]any
	var merges []string
	page := func(swap bool, people [][2]string) {
		at := len(rows) + 1
		cell := func(col string, r int) string { return col + fmt.Sprint(at+r) }
		rows = append(rows, []any{"某矿工资台账", "某矿工资台账", "某矿工资台账", "某矿工资台账", "某矿工资台账", "某矿工资台账", "某矿工资台账"})
		merges = append(merges, cell("A", 0)+":"+cell("G", 0))
		rows = append(rows, []any{"单位：", "单位：", "单位：", "", "日期：2025 年 10 月", "日期：2025 年 10 月", "单位：元、工、日"})
		merges = append(merges, cell("A", 1)+":"+cell("C", 1), cell("E", 1)+":"+cell("F", 1))
		a, b := "姓名", "工号"
		if swap {
			a, b = b, a
		}
		post := "岗位\n工种\n职称\n职务"
		rows = append(rows,
			[]any{"序号", a, b, "部门", "岗位工资", "出勤工数", "出勤工数"}, // a group row: other fields
			[]any{"序号", a, b, "部门", post, "出勤\n工数", "其中："},
			[]any{"序号", a, b, "部门", post, "出勤\n工数", "制度工日工数"})
		merges = append(merges, cell("F", 2)+":"+cell("G", 2))
		for i, p := range people {
			x, y := p[0], p[1]
			if swap {
				x, y = y, x
			}
			rows = append(rows, []any{i + 1, x, y, "一队", "采煤工", 22, 20})
		}
		// Spaced out to the width of the page: longer than any field takes.
		pad := strings.Repeat(" ", 60)
		sig := "分管领导：" + pad + "财务审核：" + pad + "人力资源中心审核：" + pad + "制表："
		rows = append(rows, []any{sig, sig, sig, sig, "2025 年 11 月 27 日", "2025 年 11 月 27 日", "2025 年 11 月 27 日"})
		merges = append(merges, cell("A", len(people)+5)+":"+cell("D", len(people)+5), cell("E", len(people)+5)+":"+cell("G", len(people)+5))
	}
	page(false, [][2]string{{"赵一", "E1"}, {"钱二", "E2"}})
	page(true, [][2]string{{"孙三", "E3"}, {"李四", "E4"}})
	page(true, [][2]string{{"周五", "E5"}})
	path := writeXLSX(t, tempPath(t, "台账.xlsx"), fixSheet{name: "payrollReport", rows: rows, merges: merges})
	d, _ := importNew(t, path, nil)
	got := map[string]string{}
	for _, p := range d.People {
		got[p.EmpNo] = p.Name
	}
	want := map[string]string{"E1": "赵一", "E2": "钱二", "E3": "孙三", "E4": "李四", "E5": "周五"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("people %v, want %v", got, want)
	}
}

// A blank payroll template, its rows numbered and their sums 0, holds no
// one: the import says the file holds no data rather than listing each
// row as nameless.
func TestBlankLedgerHoldsNoData(t *testing.T) {
	rows := [][]any{
		{"某矿工资台账", "某矿工资台账", "某矿工资台账", "某矿工资台账", "某矿工资台账"},
		{"序号", "工号", "姓名", "岗位\n工种\n职称\n职务", "出勤工数"},
		{"序号", "工号", "姓名", "岗位\n工种\n职称\n职务", "出勤\n工数"},
		{"队干小计", "队干小计", "队干小计", "队干小计", 0},
		{1, "", "", 0, 0}, {2, "", "", 0, 0}, {3, "", "", 0, 0},
		{"合计", "合计", "合计", "合计", 0},
		{"分管领导：     制表：", "分管领导：     制表：", "分管领导：     制表：", "2025 年 11 月 27 日", "2025 年 11 月 27 日"},
	}
	path := writeXLSX(t, tempPath(t, "空台账.xlsx"), fixSheet{name: "payrollReport", rows: rows, merges: []string{"A1:E1", "A9:C9", "D9:E9"}})
	w := mustRead(t, path, nil)
	_, err := Prepare(t.Context(), w, nil, nil)
	var pr *model.Problem
	if err == nil || !asProblem(err, &pr) || pr.Key != KeyNoData {
		t.Errorf("blank ledger: %v, want %s", err, KeyNoData)
	}
}

// What detection doubts the user can still say: a list of names on two
// sheets (after hutool's aaa.xlsx) is not taken for a roster by itself,
// and is one when the user chooses roster, its two people once each.
func TestChosenRosterTakesNameLists(t *testing.T) {
	names := [][]any{{"姓名", "性别", "年龄", "鞋码"}, {"张三", "", "", 41.5}, {"李四", "", "", 43}}
	path := writeXLSX(t, tempPath(t, "aaa.xlsx"),
		fixSheet{name: "Sheet1", rows: names}, fixSheet{name: "Sheet2", rows: [][]any{{"KK", "BB", "DD"}}}, fixSheet{name: "12", rows: names})
	if ok, why := notImported(t, path); !ok {
		t.Errorf("detected: %s, want choose the kind", why)
	}
	d, p := importNew(t, path, func(w *Workbook) { w.SetKind(KindRoster) })
	if len(d.People) != 2 {
		t.Errorf("people %d, want 2", len(d.People))
	}
	roles := p.Summary().Roles
	if roles["Sheet1"] != RolePeople || roles["12"] != RolePeople || roles["Sheet2"] != "skipped" {
		t.Errorf("roles %v", roles)
	}
}
