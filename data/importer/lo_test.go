package importer

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// traitFiles are made-up workbooks with the traits of real rosters, org
// files and staffing tables, each with the figures a correct import gives.
// testdata/lo-NAME.xlsx is the same workbook saved by LibreOffice (see
// TestWriteLibreOfficeTraits), a file another program wrote.
var traitFiles = []struct {
	name   string
	sheets []fixSheet
	want   figures
}{
	{"relational", []fixSheet{
		{name: "employees", rows: [][]any{
			{"emp_id", "first_name", "last_name", "dept_id", "reports_to", "hire_date"},
			{1, "Ann", "Lee", "0012", "", "2020-01-02"},
			{2, "Bob", "Ray", 13.0, 1, "2021-02-03"},
			{3, "Cy", "Fox", "１３ ", 2, "2022-02-03"},
			{4, "Di", "Ng", "14", 1, "2022-02-03"},
		}},
		{name: "departments", rows: [][]any{
			{"dept_id", "dept_name", "parent_dept_id", "manager_emp_id"},
			{11, "Acme", "", 1}, {12, "Board", 11, 1}, {13, "Engineering", "11", 2}, {14, "Finance", 11.0, 4}, {15, "Legal", 11, ""},
		}}}, figures{people: 4, units: 5, posts: 3, planned: 4}},
	{"teams", []fixSheet{
		{name: "people", rows: [][]any{
			{"name", "job_title", "home_team"},
			{"Ann Lee", "Lead", "core"}, {"Bob Ray", "Engineer", "core"}, {"Cy Fox", "Designer", "ux"},
			{"Di Ng", "Analyst", "Data Team"}, {"Ed Wu", "Engineer", "ux"}, {"Flo Oz", "Director", "eng"},
		}},
		{name: "teams", rows: [][]any{
			{"short_name", "full_name", "parent"},
			{"eng", "Engineering", ""}, {"core", "Core Platform", "eng"}, {"ux", "User Experience", "eng"}, {"data", "Data Team", "eng"},
		}},
		{name: "team_roles", rows: [][]any{{"name", "job_title", "home_team"}, {"Lead", "Lead", "core"}}},
	}, figures{people: 6, units: 4, posts: 6, planned: 6}},
	{"orgchart", []fixSheet{{name: "chart", rows: [][]any{
		{"id", "parentId", "name", "office", "positionName"},
		{1, "", "Ann Lee", "Head Office", "CEO"}, {2, 1, "Bob Ray", "Head Office", "CFO"}, {3, 1, "Cy Fox", "Plant", "Plant Manager"},
		{4, 3, "Di Ng", "Plant", "Operator"}, {5, 3, "Ed Wu", "Plant", "Operator"},
	}}}, figures{people: 5, units: 2, posts: 4, planned: 5}},
	{"hr-dataset", []fixSheet{{name: "data", rows: [][]any{
		{"EmployeeNumber", "Department", "JobRole", "grade", "hire_date", "exit_date"},
		{1001, "Sales", "Sales Executive", "G2", "2019-03-01", ""}, {1002, "Sales", "Sales Executive", "G2", "2020-05-11", ""},
		{1003, "Research & Development", "Research Scientist", "G1", "2021-01-04", "2023-06-30"},
		{1004, "Human Resources", "Manager", "G4", "2015-09-01", ""},
	}}}, figures{people: 4, units: 3, posts: 3, planned: 3}},
	{"levels", []fixSheet{{name: "业务员", rows: [][]any{
		{"业务员", "所属战队", "所属部门", "大区"},
		{"张一", "雄鹰队", "销售一部", "华东大区"}, {"张二", "猛虎队", "销售一部", "华东大区"},
		{"张三", "飞龙队", "销售二部", "华东大区"}, {"张四", "蛟龙队", "销售三部", "华南大区"},
	}}}, figures{people: 4, units: 9, posts: 4, planned: 4}},
	{"multirow", []fixSheet{{name: "导入", merges: []string{"A1:C1", "D1:F1"}, rows: [][]any{
		{"基本信息", nil, nil, "任职信息", nil, nil},
		{1, 2, 3, 4, 5, 6},
		{"工号", "姓名", "性别", "部门", "职位", "入职日期"},
		{"E01", "赵一", "男", "财务部", "会计", "2020-01-01"},
		{"E02", "钱二", "女", "财务部", "出纳", "2021-01-01"},
	}}}, figures{people: 2, units: 1, posts: 2, planned: 2}},
	{"staffing", []fixSheet{{name: "需求", merges: []string{"A2:A4"}, rows: [][]any{
		{"模块", "职位", "人员数量", "已入职", "待入职", "备注"},
		{"财务", "会计", "1-2人", 1, 0, "11010519491231002X"},
		{nil, "出纳", "2人(财务和出纳各1名)", 1, 1, ""},
		{nil, "主管", 1, 0, 1, ""},
		{"生产", "操作工", "10名左右", 5, 5, "两班"},
		{},
		{"序号", "职位", "人数", "备注"},
		{1, "司机", 2, ""},
		{2, "保安", 3, ""},
	}}}, figures{units: 3, posts: 6, planned: 19}},
}

// TestLibreOfficeWrittenTraits imports each trait workbook as LibreOffice
// wrote it and checks the figures.
func TestLibreOfficeWrittenTraits(t *testing.T) {
	for _, tf := range traitFiles {
		t.Run(tf.name, func(t *testing.T) {
			for _, path := range []string{writeXLSX(t, tempPath(t, tf.name+".xlsx"), tf.sheets...), filepath.Join("testdata", "lo-"+tf.name+".xlsx")} {
				d, p := importNew(t, path, nil)
				if got := figuresOf(d); got != tf.want {
					t.Errorf("%s: figures %+v, want %+v; warnings %v", filepath.Base(path), got, tf.want, p.Warnings)
				}
			}
		})
	}
}

// TestWriteLibreOfficeTraits writes testdata/lo-*.xlsx again through
// LibreOffice: STAFFPLAN_WRITE_TESTDATA=1 go test -run WriteLibreOffice.
func TestWriteLibreOfficeTraits(t *testing.T) {
	if os.Getenv("STAFFPLAN_WRITE_TESTDATA") == "" {
		t.Skip("set STAFFPLAN_WRITE_TESTDATA=1 to write testdata/lo-*.xlsx")
	}
	bin, err := exec.LookPath("soffice")
	if err != nil {
		t.Skip("LibreOffice (soffice) is not installed")
	}
	src, out := t.TempDir(), t.TempDir()
	var files []string
	for _, tf := range traitFiles {
		files = append(files, writeXLSX(t, filepath.Join(src, "lo-"+tf.name+".xlsx"), tf.sheets...))
	}
	args := append([]string{"-env:UserInstallation=file://" + filepath.ToSlash(filepath.Join(out, "profile")),
		"--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", out}, files...)
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "HOME="+out)
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("soffice: %v\n%s", err, b)
	}
	for _, f := range files {
		b, err := os.ReadFile(filepath.Join(out, filepath.Base(f)))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join("testdata", filepath.Base(f)), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
