package importer

import (
	"errors"
	"fmt"
	"regexp"
	"testing"

	"staffplan/data/i18n"
	"staffplan/data/model"
)

// figures are what a user checks after an import.
type figures struct {
	people, units, posts int
	planned              float64
}

func figuresOf(d *model.PlanData) figures {
	f := figures{people: len(d.People), units: len(d.Units), posts: len(d.Positions)}
	for _, p := range d.Positions {
		f.planned += p.Planned
	}
	return f
}

// importNew reads, previews and commits a file into a new plan.
func importNew(t *testing.T, path string, setup func(w *Workbook)) (*model.PlanData, *Preview) {
	t.Helper()
	w := mustRead(t, path, nil)
	if setup != nil {
		setup(w)
	}
	p := mustPrepare(t, w, nil)
	d, _ := commitNew(t, openStore(t), p)
	return d, p
}

func unitPaths(d *model.PlanData) map[string]bool {
	out := map[string]bool{}
	for _, u := range d.Units {
		out[join(model.UnitPath(d, u.ID))] = true
	}
	return out
}

func TestEnglishHeadings(t *testing.T) {
	cases := map[string]Field{
		"Empl No": FieldEmpNo, "EmployeeNumber": FieldEmpNo, "employee_id": FieldEmpNo, "emp_id": FieldEmpNo, "Emp. no.": FieldEmpNo,
		"JobRole": FieldPosition, "job_title": FieldPosition, "positionName": FieldPosition, "Department": FieldDept, "office": FieldDept,
		"Unit": FieldDept, "parentId": FieldParentID, "reports_to": FieldReportsTo, "grade": FieldGrade, "hire_date": FieldHireDate,
		"exit_date": FieldLeaveDate, "required_headcount": FieldPlanned, "filled_positions": FieldActual, "vacancy_count": FieldVacancy,
		"First": FieldGivenName, "Last": FieldFamilyName, "first_name": FieldGivenName, "Last Name": FieldFamilyName, "姓": FieldFamilyName,
		"名": FieldGivenName, "EMPLOYEE-ID": FieldEmpNo, "Hire Date": FieldHireDate, "模块": FieldDept, "已入职": FieldActual,
		"待入职": FieldVacancy, "所属战队": FieldDept4, "大区": FieldDept1, "业务员": FieldName, "In post": FieldActual,
		// Short words inside other headings are not those fields.
		"Last updated": FieldIgnore, "First day": FieldIgnore, "Employee count": FieldIgnore, "Unfilled": FieldIgnore,
		"Employee ID Number": FieldEmpNo, "ID No": FieldPersonal, "区域经理": FieldReportsTo, "待入职日期": FieldStartDate,
	}
	for h, want := range cases {
		if got, _ := MatchHeader(h); got != want {
			t.Errorf("MatchHeader(%q) = %q, want %q", h, got, want)
		}
	}
}

// An HR data set keyed by EmployeeNumber, without names: every row is a
// person, named by the number until a file gives the name.
func TestRosterWithoutNames(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "hr.xlsx"), fixSheet{name: "data", rows: [][]any{
		{"EmployeeNumber", "Department", "JobRole", "grade", "hire_date", "exit_date"},
		{1001, "Sales", "Sales Executive", "G2", "2019-03-01", ""},
		{1002, "Sales", "Sales Executive", "G2", "2020-05-11", ""},
		{1003, "Research & Development", "Research Scientist", "G1", "2021-01-04", "2023-06-30"},
		{1004, "Human Resources", "Manager", "G4", "2015-09-01", ""},
	}})
	d, p := importNew(t, path, nil)
	if got := figuresOf(d); got.people != 4 || got.units != 3 || got.posts != 3 {
		t.Errorf("figures %+v, want 4 people, 3 units, 3 posts; warnings %v", got, p.Warnings)
	}
	if pp := personBy(t, d, "1003"); pp.EmpNo != "1003" || pp.Status != model.PersonLeft {
		t.Errorf("1003 = %+v, want left (exit_date)", pp)
	}
	// A later file with the names renames them; one without keeps them.
	st := openStore(t)
	d1, _ := commitNew(t, st, mustPrepare(t, mustRead(t, path, nil), nil))
	named := writeXLSX(t, tempPath(t, "names.xlsx"), fixSheet{name: "data", rows: [][]any{
		{"employee_id", "First", "Last", "Department", "JobRole"},
		{1001, "Ann", "Lee", "Sales", "Sales Executive"},
	}})
	p2 := mustPrepare(t, mustRead(t, named, nil), d1)
	if _, err := Commit(st, d1.Plan.ID, p2, nil); err != nil {
		t.Fatal(err)
	}
	d2, _ := st.LoadPlan(d1.Plan.ID)
	if pp := personBy(t, d2, "Ann Lee"); pp.EmpNo != "1001" {
		t.Errorf("Ann Lee = %+v", pp)
	}
	if len(d2.People) != 4 {
		t.Errorf("people = %d after the names, want 4", len(d2.People))
	}
	p3 := mustPrepare(t, mustRead(t, path, nil), d2)
	for _, r := range p3.People {
		if r.Person.EmpNo == "1001" && r.Person.Name != "Ann Lee" {
			t.Errorf("a file without names renamed Ann Lee to %q", r.Person.Name)
		}
	}
}

// A bare "id" beside a name and a unit is the person's number.
func TestBareIDIsThePersons(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "ids.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"ID", "Name", "Department"}, {7, "Ann Lee", "Sales"}, {8, "Ann Lee", "Sales"}}})
	d, _ := importNew(t, path, nil)
	if len(d.People) != 2 || d.People[0].EmpNo == "" {
		t.Errorf("people %+v, want two namesakes keyed by ID", d.People)
	}
}

func TestSplitNames(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "split.xlsx"),
		fixSheet{name: "cn", rows: [][]any{{"工号", "姓", "名", "部门"}, {"E1", "张", "三丰", "武当"}, {"E2", "欧阳", "修", "武当"}}},
		fixSheet{name: "en", rows: [][]any{{"First", "Last", "Department"}, {"Ann", "Lee", "Sales"}, {"Bob", "Ray", "Sales"}}})
	d, _ := importNew(t, path, nil)
	for _, n := range []string{"张三丰", "欧阳修", "Ann Lee", "Bob Ray"} {
		personBy(t, d, n)
	}
	if len(d.People) != 4 {
		t.Errorf("people %d", len(d.People))
	}
}

// person, team, department, region from left to right.
func TestUnitLevelsInEitherOrder(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "sales.xlsx"), fixSheet{name: "业务员", rows: [][]any{
		{"业务员", "所属战队", "所属部门", "大区"},
		{"张一", "雄鹰队", "销售一部", "华东大区"},
		{"张二", "猛虎队", "销售一部", "华东大区"},
		{"张三", "飞龙队", "销售二部", "华东大区"},
		{"张四", "蛟龙队", "销售三部", "华南大区"},
	}})
	d, _ := importNew(t, path, nil)
	u := unitPaths(d)
	for _, want := range []string{"华东大区/销售一部/雄鹰队", "华东大区/销售二部/飞龙队", "华南大区/销售三部/蛟龙队"} {
		if !u[want] {
			t.Errorf("no unit %s in %v", want, u)
		}
	}
	if len(d.Units) != 2+3+4 {
		t.Errorf("units %d, want 9", len(d.Units))
	}
	// The same columns under generic headings, in the other order: the
	// data decide.
	path = writeXLSX(t, tempPath(t, "levels.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"姓名", "小组", "二级部门", "一级部门"},
		{"李一", "A组", "甲部", "东区"},
		{"李二", "B组", "甲部", "东区"},
		{"李三", "C组", "乙部", "西区"},
	}})
	d, _ = importNew(t, path, nil)
	if u := unitPaths(d); !u["东区/甲部/A组"] || !u["西区/乙部/C组"] {
		t.Errorf("units %v", u)
	}
}

// A merged group row, a row of column numbers, then the names row, as
// HR systems' import templates have.
func TestHeadersOnSeveralRows(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "模板.xlsx"), fixSheet{name: "导入", merges: []string{"A1:C1", "D1:F1"}, rows: [][]any{
		{"基本信息", nil, nil, "任职信息", nil, nil},
		{1, 2, 3, 4, 5, 6},
		{"工号", "姓名", "性别", "部门", "职位", "入职日期"},
		{1, 2, 3, 4, 5, 6},
		{"E01", "赵一", "男", "财务部", "会计", "2020-01-01"},
		{"E02", "钱二", "女", "财务部", "出纳", "2021-01-01"},
	}})
	d, p := importNew(t, path, nil)
	if p.HeaderRows["导入"] != 3 {
		t.Errorf("header row %d, want 3", p.HeaderRows["导入"])
	}
	if got := figuresOf(d); got.people != 2 || got.units != 1 || got.posts != 2 {
		t.Errorf("figures %+v", got)
	}
}

// People keyed by ids plus a departments sheet, found without --kind; ids
// written as numbers in one sheet and as text in the other.
func TestRelationalWorkbooks(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "rel.xlsx"),
		fixSheet{name: "employees", rows: [][]any{
			{"emp_id", "first_name", "last_name", "dept_id", "reports_to", "hire_date"},
			{1, "Ann", "Lee", "0012", "", "2020-01-02"},
			{2, "Bob", "Ray", 13.0, 1, "2021-02-03"},
			{3, "Cy", "Fox", "１３ ", 2, "2022-02-03"},
			{4, "Di", "Ng", "14", 1, "2022-02-03"},
		}},
		fixSheet{name: "departments", rows: [][]any{
			{"dept_id", "dept_name", "parent_dept_id", "manager_emp_id"},
			{11, "Acme", "", 1},
			{12, "Board", 11, 1},
			{13, "Engineering", "11", 2},
			{14, "Finance", 11.0, 4},
			{15, "Legal", 11, ""},
		}})
	for _, kind := range []Kind{KindUnknown, KindPeopleDepts} {
		d, p := importNew(t, path, func(w *Workbook) {
			if w.Kind != KindPeopleDepts || w.Sheet("departments").Role != RoleDepts {
				t.Errorf("kind %q, departments role %q", w.Kind, w.Sheet("departments").Role)
			}
			if kind != KindUnknown {
				w.SetKind(kind)
			}
		})
		if got := figuresOf(d); got.people != 4 || got.units != 5 {
			t.Errorf("figures %+v, want 4 people, 5 units", got)
		}
		for _, w := range p.Warnings {
			if w.Key == KeyUnknownDept {
				t.Errorf("warning %v", w)
			}
		}
		if got := postOf(d, personBy(t, d, "Cy Fox").ID); got != "Acme/Engineering/"+i18n.T(i18n.Zh, untitledPostKey, nil) {
			t.Errorf("Cy Fox in %q", got)
		}
	}
}

// name, job_title, home_team + short_name, full_name, parent: the team is
// referred to by its short name.
func TestTeamsSheetByShortName(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "teams.xlsx"),
		fixSheet{name: "people", rows: [][]any{
			{"name", "job_title", "home_team"},
			{"Ann Lee", "Lead", "core"},
			{"Bob Ray", "Engineer", "core"},
			{"Cy Fox", "Designer", "ux"},
			{"Di Ng", "Analyst", "Data Team"},
			{"Ed Wu", "Engineer", "ux"},
			{"Flo Oz", "Director", "eng"},
		}},
		fixSheet{name: "teams", rows: [][]any{
			{"short_name", "full_name", "parent"},
			{"eng", "Engineering", ""},
			{"core", "Core Platform", "eng"},
			{"ux", "User Experience", "eng"},
			{"data", "Data Team", "eng"},
		}},
		fixSheet{name: "team_roles", rows: [][]any{
			{"name", "job_title", "home_team"},
			{"Lead", "Lead", "core"},
		}})
	d, _ := importNew(t, path, nil)
	if got := figuresOf(d); got.people != 6 || got.units != 4 {
		t.Errorf("figures %+v, want 6 people, 4 units; units %v", got, unitPaths(d))
	}
	if got := postOf(d, personBy(t, d, "Cy Fox").ID); got != "Engineering/User Experience/Designer" {
		t.Errorf("Cy Fox in %q", got)
	}
	if got := postOf(d, personBy(t, d, "Di Ng").ID); got != "Engineering/Data Team/Analyst" {
		t.Errorf("Di Ng in %q (by the team's name)", got)
	}
}

func TestLookupSheetsAreNotPeople(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "book.xlsx"),
		fixSheet{name: "花名册", rows: [][]any{{"工号", "姓名", "部门", "岗位"}, {"E1", "赵一", "财务部", "会计"}}},
		fixSheet{name: "下拉选项", rows: [][]any{{"姓名", "部门", "岗位"}, {"x", "财务部", "会计"}, {"y", "行政部", "文员"}}},
		fixSheet{name: "字典", rows: [][]any{{"工号", "姓名"}, {"E9", "示"}}},
		fixSheet{name: "填写说明", rows: [][]any{{"姓名", "部门"}, {"必填", "必填"}}},
		fixSheet{name: "部门", rows: [][]any{{"部门名称", "上级部门"}, {"财务部", ""}, {"行政部", ""}}},
		fixSheet{name: "岗位列表", rows: [][]any{{"岗位名称", "岗位编码"}, {"会计", "P1"}}},
	)
	d, p := importNew(t, path, nil)
	if len(d.People) != 1 {
		t.Errorf("people %d (sheets %v), want 1", len(d.People), p.Sheets)
	}
	roles := p.Summary().Roles
	for sheet, want := range map[string]Role{"花名册": RolePeople, "部门": RoleDepts, "下拉选项": "skipped", "字典": "skipped", "填写说明": "skipped", "岗位列表": "skipped"} {
		if roles[sheet] != want {
			t.Errorf("sheet %s read as %q, want %q", sheet, roles[sheet], want)
		}
	}
}

// An org chart by person id and parent id: office is the unit, parentId
// the manager.
func TestOrgChartByParentID(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "chart.xlsx"), fixSheet{name: "chart", rows: [][]any{
		{"id", "parentId", "name", "office", "positionName"},
		{1, "", "Ann Lee", "Head Office", "CEO"},
		{2, 1, "Bob Ray", "Head Office", "CFO"},
		{3, 1, "Cy Fox", "Plant", "Plant Manager"},
		{4, 3, "Di Ng", "Plant", "Operator"},
		{5, 3, "Ed Wu", "Plant", "Operator"},
	}})
	d, _ := importNew(t, path, nil)
	if got := figuresOf(d); got.people != 5 || got.units != 2 || got.posts != 4 {
		t.Errorf("figures %+v", got)
	}
	title := map[model.ID]string{}
	for _, q := range d.Positions {
		title[q.ID] = q.Title
	}
	for _, q := range d.Positions {
		if q.Title == "Operator" && title[q.ReportsTo] != "Plant Manager" {
			t.Errorf("Operator reports to %q", title[q.ReportsTo])
		}
	}
}

// 模块 · 职位 · 人员数量 · 已入职 · 待入职, the module merged down its rows;
// a second table lower down; headcounts as ranges.
func TestStaffingTableTraits(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "招聘.xlsx"), fixSheet{name: "需求", merges: []string{"A2:A4"}, rows: [][]any{
		{"模块", "职位", "人员数量", "已入职", "待入职", "备注"},
		{"财务", "会计", "1-2人", 1, 0, ""},
		{nil, "出纳", "2人(财务和出纳各1名)", 1, 1, ""},
		{nil, "主管", 1, 0, 1, ""},
		{"生产", "操作工", "10名左右", 5, 5, "两班"},
		{},
		{"序号", "职位", "人数", "备注"},
		{1, "司机", 2, ""},
		{2, "保安", 3, ""},
	}})
	d, p := importNew(t, path, nil)
	got := map[string]string{}
	for _, q := range d.Positions {
		got[join(append(model.UnitPath(d, q.Unit), q.Title))] = fmt.Sprintf("%v|%s", q.Planned, q.Note)
	}
	want := map[string]string{
		"财务/会计": "1|1-2人", "财务/出纳": "2|2人(财务和出纳各1名)", "财务/主管": "1|", "生产/操作工": "10|两班；10名左右",
		"招聘/司机": "2|", "招聘/保安": "3|",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("posts %v\nwant  %v", got, want)
	}
	second := false
	for _, w := range p.Warnings {
		if w.Key == KeySecondTable && w.Args["row"] == 7 {
			second = true
		}
	}
	if !second {
		t.Errorf("no warning for the second table at row 7: %v", p.Warnings)
	}
}

func TestParseHeadcountRange(t *testing.T) {
	cases := map[string][2]float64{"1-2人": {1, 2}, "1～2名": {1, 2}, "10名左右": {10, 10}, "约5人": {5, 5}, "3人以上": {3, 3},
		"2人(财务和出纳各1名)": {2, 2}, "２-３": {2, 3}, "1.5至2人": {1.5, 2}}
	for s, want := range cases {
		if lo, hi, ok := ParseHeadcountRange(s); !ok || lo != want[0] || hi != want[1] {
			t.Errorf("ParseHeadcountRange(%q) = %v %v %v, want %v", s, lo, hi, ok, want)
		}
	}
	for _, s := range []string{"若干", "abc", "暂不设置", "-2", "1-2-3人"} {
		if _, _, ok := ParseHeadcountRange(s); ok {
			t.Errorf("ParseHeadcountRange(%q) took it", s)
		}
	}
	path := writeXLSX(t, tempPath(t, "r.xlsx"), fixSheet{name: "s", rows: [][]any{{"部门", "岗位", "编制"}, {"财务部", "会计", "1-2人"}}})
	p, err := Prepare(t.Context(), mustRead(t, path, nil), nil, &PreviewOptions{RangeUpper: true})
	if err != nil || len(p.Positions) != 1 || p.Positions[0].Planned != 2 || p.Positions[0].Note != "1-2人" {
		t.Errorf("upper bound: %v %+v", err, p)
	}
}

// Without a unit column the posts go under the plan's top unit.
func TestStaffingWithoutUnitsGoesUnderTop(t *testing.T) {
	st := openStore(t)
	first := writeXLSX(t, tempPath(t, "org.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"部门", "岗位", "编制"}, {"康飞塑业", "总经理", 1}}})
	d0, _ := commitNew(t, st, mustPrepare(t, mustRead(t, first, nil), nil))
	second := writeXLSX(t, tempPath(t, "posts.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"职位", "人员数量"}, {"司机", 2}, {"保安", 3}}})
	p := mustPrepare(t, mustRead(t, second, nil), d0)
	if _, err := Commit(st, d0.Plan.ID, p, nil); err != nil {
		t.Fatal(err)
	}
	d, _ := st.LoadPlan(d0.Plan.ID)
	if got := figuresOf(d); got.units != 1 || got.posts != 3 || got.planned != 6 {
		t.Errorf("figures %+v, want the posts under 康飞塑业", got)
	}
}

func TestBlankFormsAndSamples(t *testing.T) {
	blank := writeXLSX(t, tempPath(t, "空表.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"序号", "部门", "岗位", "编制", "备注"}, {1}, {2}, {3}}})
	w := mustRead(t, blank, nil)
	_, err := Prepare(t.Context(), w, nil, nil)
	var pr *model.Problem
	if err == nil || !asProblem(err, &pr) || pr.Key != KeyNoData {
		t.Errorf("blank form: %v, want %s", err, KeyNoData)
	}
	sample := writeXLSX(t, tempPath(t, "模板.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"工号", "姓名", "部门", "岗位"},
		{"示例", "张三", "财务部", "会计"},
		{"工号", "姓名", "部门", "岗位"},
		{"E1", "赵一", "财务部", "会计"},
	}})
	d, p := importNew(t, sample, nil)
	if len(d.People) != 1 {
		t.Errorf("people %d, want 1", len(d.People))
	}
	n := 0
	for _, w := range p.Warnings {
		if w.Key == KeyPlaceholder {
			n++
		}
	}
	if n != 2 {
		t.Errorf("placeholder warnings %d, want 2: %v", n, p.Warnings)
	}
}

func TestEmptyMessageNamesTheKind(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "x.xlsx"), fixSheet{name: "s", rows: [][]any{{"工号", "姓名", "部门"}, {"E1", "赵一", "财务部"}}})
	for _, k := range []Kind{KindUnknown, KindStaffing, KindOrg} {
		w := mustRead(t, path, nil)
		w.SetKind(k)
		_, err := Prepare(t.Context(), w, nil, nil)
		var pr *model.Problem
		if err == nil || !asProblem(err, &pr) {
			t.Fatalf("kind %q: %v", k, err)
		}
		// Every argument the message names is there and not empty.
		for _, m := range regexp.MustCompile(`{{\.(\w+)}}`).FindAllStringSubmatch(pr.Text, -1) {
			if v, ok := pr.Args[m[1]]; !ok || fmt.Sprint(v) == "" {
				t.Errorf("kind %q: %s %q has no %s", k, pr.Key, pr.Text, m[1])
			}
		}
	}
}

func asProblem(err error, p **model.Problem) bool { return errors.As(err, p) }

// Within one import a unit code names one unit: rows that give the code
// with another spelling of the name land in the same unit; a units sheet
// with a level column is still units.
func TestUnitsByCodeBeforeName(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "codes.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"工号", "姓名", "部门编码", "部门", "岗位"},
		{"E1", "赵一", "D01", "财务部", "会计"},
		{"E2", "钱二", "D01", "财务中心", "出纳"},
		{"E3", "孙三", "D02", "行政部", "文员"},
		{"E4", "李四", "D02", "", "司机"},
	}})
	d, _ := importNew(t, path, nil)
	if u := unitPaths(d); len(u) != 2 || !u["财务部"] || !u["行政部"] {
		t.Errorf("units %v, want 财务部 and 行政部", u)
	}
	path = writeXLSX(t, tempPath(t, "units.xlsx"),
		fixSheet{name: "people", rows: [][]any{{"emp_id", "name", "dept_id", "job_title"}, {1, "Ann", "A", "Lead"}, {2, "Bob", "B", "Dev"}}},
		fixSheet{name: "org", rows: [][]any{{"id", "name", "parent_id", "level"}, {"A", "Acme", "", 1}, {"B", "Build", "A", 2}}})
	d, _ = importNew(t, path, nil)
	if got := figuresOf(d); got.people != 2 || got.units != 2 {
		t.Errorf("figures %+v, want 2 people, 2 units", got)
	}
	if got := postOf(d, personBy(t, d, "Bob").ID); got != "Acme/Build/Dev" {
		t.Errorf("Bob in %q", got)
	}
}

// A roster with department levels beside an org sheet that has the same
// units under the company: one tree, not two.
func TestRosterLevelsWithOrgSheet(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "book.xlsx"),
		fixSheet{name: "花名册", rows: [][]any{{"工号", "姓名", "一级部门", "二级部门", "岗位"},
			{"E1", "赵一", "销售部", "华东区", "销售代表"}, {"E2", "钱二", "财务部", "", "会计"}}},
		fixSheet{name: "组织架构", rows: [][]any{{"部门名称", "上级部门"},
			{"康飞塑业", ""}, {"销售部", "康飞塑业"}, {"华东区", "销售部"}, {"财务部", "康飞塑业"}}})
	d, _ := importNew(t, path, nil)
	if u := unitPaths(d); len(u) != 4 || !u["康飞塑业/销售部/华东区"] || !u["康飞塑业/财务部"] {
		t.Errorf("units %v", u)
	}
	if got := postOf(d, personBy(t, d, "赵一").ID); got != "康飞塑业/销售部/华东区/销售代表" {
		t.Errorf("赵一 in %q", got)
	}
}
