package importer

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"staffplan/data/model"
)

var rosterHeader = []any{"序号", "工号", "姓名", "一级部门", "二级部门", "组别", "岗位名称", "直属上级", "入职日期", "职级", "身份证号", "手机号码", "银行账号", "家庭住址"}

func rosterRow(i int, emp, name, d1, d2, team, post, mgr string, hire any, grade string) []any {
	return []any{i, emp, name, d1, d2, team, post, mgr, hire, grade, "110101199001011234", "13800000000", "6222000000000000", "某市某路1号"}
}

// rosterFixture has a padded title merged across the header, a blank row
// between header and data, department levels, dates in every form,
// grade codes, full-width digits, personal data columns and sheets named
// 在职 / 实习生 / 劳务派遣 / 离职员工 / 退休员工.
func rosterFixture(t testing.TB) string {
	title := []any{"   示例公司员工花名册   "}
	active := fixSheet{name: "在职", merges: []string{"A1:N1"}, rows: [][]any{
		title,
		{},
		rosterHeader,
		{},
		rosterRow(1, "E001", "赵 一", "总经办", "总经办", "", "总经理", "", 43208, "L9"),
		rosterRow(2, "Ｅ００２", "钱二", "销售部", "华东区", "一组", "销售经理", "E001", "2018-04-18", "C1- 4"),
		rosterRow(3, "E003", "孙三", "销售部", "华东区", "一组", "销售代表", "钱二", "2018/4/18", "3C(10)"),
		rosterRow(4, "E004", "李四", "销售部", "华东区", "一组", "销售代表", "E002", "2018年4月18日", "L3"),
		{"小计", "", "", "", "", "", "", "", "", "", "", "", "", ""},
	}}
	interns := fixSheet{name: "实习生", rows: [][]any{rosterHeader,
		rosterRow(1, "I001", "周五", "销售部", "华东区", "一组", "销售助理", "E002", "2024-07-01", ""),
	}}
	agency := fixSheet{name: "劳务派遣", rows: [][]any{rosterHeader,
		rosterRow(1, "A001", "吴六", "行政部", "", "", "保安", "E001", "2023-01-09", ""),
	}}
	left := fixSheet{name: "离职员工", rows: [][]any{rosterHeader,
		rosterRow(1, "E009", "郑七", "销售部", "华东区", "一组", "销售代表", "E002", "2015-03-02", "L2"),
	}}
	retired := fixSheet{name: "退休员工", rows: [][]any{rosterHeader,
		rosterRow(1, "E010", "王八", "行政部", "", "", "司机", "", "2001-06-30", ""),
	}}
	return writeXLSX(t, tempPath(t, "示例花名册.xlsx"), active, interns, agency, left, retired)
}

func TestRosterTraits(t *testing.T) {
	w := mustRead(t, rosterFixture(t), nil)
	if w.Kind != KindRoster {
		t.Fatalf("kind = %q", w.Kind)
	}
	s := w.Sheet("在职")
	if s.HeaderRow != 2 {
		t.Fatalf("header row = %d, want 2 (after the merged title and a blank row)", s.HeaderRow)
	}
	wantMeaning := map[string]SheetMeaning{"在职": MeaningNone, "实习生": MeaningIntern, "劳务派遣": MeaningAgency, "离职员工": MeaningLeft, "退休员工": MeaningRetired}
	for _, sh := range w.Sheets {
		if sh.Meaning != wantMeaning[sh.Name] || sh.Role != RolePeople {
			t.Errorf("sheet %s: meaning %q role %q", sh.Name, sh.Meaning, sh.Role)
		}
	}
	p := mustPrepare(t, w, nil)
	if len(p.People) != 8 {
		t.Fatalf("people = %d, want 8", len(p.People))
	}
	personal := 0
	for _, c := range p.Ignored {
		if c.Personal {
			personal++
			if len(c.Sheets) != 5 {
				t.Errorf("%s lists sheets %v, want all 5", c.Header, c.Sheets)
			}
		}
	}
	if personal != 4 {
		t.Errorf("personal columns ignored = %d, want 4, once for the 5 sheets that share them: %+v", personal, p.Ignored)
	}
	if len(p.Skipped) != 1 || p.Skipped[0].Row != 9 || p.Skipped[0].Key != KeySubtotal {
		t.Errorf("skipped = %+v, want the 小计 row 9", p.Skipped)
	}
	st := openStore(t)
	d, _ := commitNew(t, st, p)
	if d.Plan.Name != "示例花名册" {
		t.Errorf("plan name = %q", d.Plan.Name)
	}
	day := time.Date(2018, 4, 18, 0, 0, 0, 0, time.UTC)
	for _, n := range []string{"赵一", "钱二", "孙三", "李四"} {
		if got := personBy(t, d, n).HireDate; !got.Equal(day) {
			t.Errorf("%s hired %v, want 2018-04-18 (serial, ISO, slashes, 年月日)", n, got)
		}
	}
	if p := personBy(t, d, "钱二"); p.EmpNo != "E002" || p.Grade != "C1- 4" {
		t.Errorf("钱二 = %+v: full-width 工号 not folded or grade changed", p)
	}
	if got := postOf(d, personBy(t, d, "孙三").ID); got != "销售部/华东区/一组/销售代表" {
		t.Errorf("孙三 in %q", got)
	}
	if got := postOf(d, personBy(t, d, "赵一").ID); got != "总经办/总经理" {
		t.Errorf("赵一 in %q: a repeated level should collapse", got)
	}
	checks := map[string][2]int{"周五": {int(model.PersonActive), int(model.EmployIntern)}, "吴六": {int(model.PersonActive), int(model.EmployAgency)},
		"郑七": {int(model.PersonLeft), int(model.EmployFullTime)}, "王八": {int(model.PersonLeft), int(model.EmployRetiree)}}
	for n, want := range checks {
		p := personBy(t, d, n)
		if int(p.Status) != want[0] || int(p.Employment) != want[1] {
			t.Errorf("%s: status %d employment %d, want %v", n, p.Status, p.Employment, want)
		}
	}
	// Reporting lines by 工号 and by name become post lines.
	title := map[model.ID]string{}
	for _, q := range d.Positions {
		title[q.ID] = q.Title
	}
	lines := map[string]string{}
	for _, q := range d.Positions {
		lines[q.Title] = title[q.ReportsTo]
	}
	if lines["销售代表"] != "销售经理" || lines["销售经理"] != "总经理" || lines["销售助理"] != "销售经理" {
		t.Errorf("lines = %v", lines)
	}
	// Personal data never reaches the store.
	all := fmt.Sprintf("%+v", *d)
	for _, secret := range []string{"110101199001011234", "13800000000", "6222000000000000", "某市某路"} {
		if strings.Contains(all, secret) {
			t.Errorf("stored plan contains %q", secret)
		}
	}
	// The new posts start balanced: 编制 = people in post (郑七 left).
	for _, q := range d.Positions {
		if q.Title == "销售代表" && q.Planned != 2 {
			t.Errorf("销售代表 planned %v, want 2", q.Planned)
		}
	}
}

func TestDateColumns(t *testing.T) {
	cases := []struct {
		vals []string
		want []string
	}{
		{[]string{"16/04/2009", "03/05/2010"}, []string{"2009-04-16", "2010-05-03"}},
		{[]string{"04/16/2009", "03/05/2010"}, []string{"2009-04-16", "2010-03-05"}},
		{[]string{"2018-04-18", "2018/4/18", "2018年4月18日", "43208", "20180418", "2018.4.18", "２０１８－０４－１８"}, nil},
	}
	for _, c := range cases {
		order := DateOrderOf(c.vals)
		for i, v := range c.vals {
			got, ok := ParseDate(v, order)
			want := "2018-04-18"
			if c.want != nil {
				want = c.want[i]
			}
			if !ok || got.Format("2006-01-02") != want {
				t.Errorf("ParseDate(%q, %d) = %v %v, want %s", v, order, got, ok, want)
			}
		}
	}
	for _, bad := range []string{"2019-13-01", "31/02/2020", "abc", "0", "2020-02-30", "12/2020/1"} {
		if got, ok := ParseDate(bad, DayFirst); ok {
			t.Errorf("ParseDate(%q) = %v, want no date", bad, got)
		}
	}
}

func TestBadDateCell(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "r.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "岗位", "职级", "备注"},
		{"E1", "甲", "财务部", "会计", "", ""},
	}})
	// Column F is 入职日期 in the message format the issue asks for.
	path = writeXLSX(t, path, fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "岗位", "职级", "入职日期"},
		{"E1", "甲", "财务部", "会计", "", "2019-03-01"},
		{"E2", "乙", "财务部", "会计", "", "2019-13-01"},
	}})
	p := mustPrepare(t, mustRead(t, path, nil), nil)
	if len(p.Warnings) != 1 {
		t.Fatalf("warnings = %v", p.Warnings)
	}
	if got, want := p.Warnings[0].Error(), `花名册!F3: 入职日期 "2019-13-01" is not a date`; got != want {
		t.Errorf("warning = %q, want %q", got, want)
	}
	if !errors.Is(p.Warnings[0], &model.Problem{Key: KeyBadDate}) {
		t.Errorf("key = %s", p.Warnings[0].Key)
	}
	if len(p.Skipped) != 1 || p.Skipped[0].Column != "F" || p.Skipped[0].Row != 3 {
		t.Errorf("skipped = %+v", p.Skipped)
	}
}

func TestDepartmentPath(t *testing.T) {
	for _, sep := range []string{"/", ">"} {
		path := writeXLSX(t, tempPath(t, "p.xlsx"), fixSheet{name: "人员", rows: [][]any{
			{"员工编号", "员工姓名", "部门路径", "职务"},
			{"1001", "甲", strings.Join([]string{"公司", "猎头业务", "南京", "南京-王志刚组"}, sep), "顾问"},
			{"1002", "乙", strings.Join([]string{"公司", "猎头业务", "上海"}, sep), "顾问"},
		}})
		d, _ := commitNew(t, openStore(t), mustPrepare(t, mustRead(t, path, nil), nil))
		if got := postOf(d, personBy(t, d, "甲").ID); got != "公司/猎头业务/南京/南京-王志刚组/顾问" {
			t.Errorf("sep %q: 甲 in %q", sep, got)
		}
		for _, u := range d.Units {
			if u.Name == "公司" && u.Kind != model.UnitCompany {
				t.Errorf("公司 kind %d", u.Kind)
			}
		}
	}
}

func TestPeopleAndDepartments(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "hr.xlsx"),
		fixSheet{name: "people", rows: [][]any{
			{"emp_id", "name", "dept_id", "position", "reports_to", "start_date", "phone"},
			{"100", "Ann Lee", 2, "Manager", "", "2020-01-02", "555"},
			{"101", "Bob  Ray", 3, "Engineer", "100", "2021-02-03", "556"},
		}},
		fixSheet{name: "departments", rows: [][]any{
			{"dept_id", "dept_name", "parent_dept_id"},
			{1, "Acme Ltd", ""},
			{2, "Engineering", 1},
			{3, "Platform", 2},
			{4, "Empty team", 2},
		}})
	w := mustRead(t, path, nil)
	if w.Kind != KindPeopleDepts || w.Sheet("departments").Role != RoleDepts {
		t.Fatalf("kind %q, roles %q %q", w.Kind, w.Sheet("people").Role, w.Sheet("departments").Role)
	}
	d, _ := commitNew(t, openStore(t), mustPrepare(t, w, nil))
	if got := postOf(d, personBy(t, d, "Bob Ray").ID); got != "Acme Ltd/Engineering/Platform/Engineer" {
		t.Errorf("Bob in %q", got)
	}
	if len(d.Units) != 4 {
		t.Errorf("units = %d, want 4 (empty departments too)", len(d.Units))
	}
}

// staffingFixture is the source documents' table: merged department
// cells, a heading with a count, subtotals, 暂不设置, numbers as text.
func staffingFixture(t testing.TB) string {
	return writeXLSX(t, tempPath(t, "编制表.xlsx"), fixSheet{name: "人员配置明细", merges: []string{"A1:E1", "B3:B5"}, rows: [][]any{
		{"康飞塑业人员配置明细"},
		{"序号", "部门", "岗位名称", "人员数量", "备注"},
		{1, "生产部", "生产经理", 1, ""},
		{2, nil, "班长", "３", ""},
		{3, nil, "操作工", "12人", "随着业务量的逐步提高再考虑增加人数"},
		{"", "小计", "", 16, ""},
		{"", "行政人事部 (9人)", "", "", ""},
		{4, "", "行政经理", 1, ""},
		{5, "", "副总经理", 2, "暂不设置"},
		{6, "", "文员", "abc", ""},
		{"", "合计", "", 25, ""},
	}})
}

func TestStaffingTable(t *testing.T) {
	w := mustRead(t, staffingFixture(t), nil)
	if w.Kind != KindStaffing {
		t.Fatalf("kind = %q", w.Kind)
	}
	p := mustPrepare(t, w, nil)
	d, _ := commitNew(t, openStore(t), p)
	got := map[string]string{}
	for _, q := range d.Positions {
		got[join(append(model.UnitPath(d, q.Unit), q.Title))] = fmt.Sprintf("%v/%d", q.Planned, q.Status)
	}
	want := map[string]string{
		"生产部/生产经理": "1/0", "生产部/班长": "3/0", "生产部/操作工": "12/0",
		"行政人事部/行政经理": "1/0", "行政人事部/副总经理": "2/1", "行政人事部/文员": "0/0",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("posts = %v\nwant %v", got, want)
	}
	subtotals := 0
	for _, s := range p.Skipped {
		if s.Key == KeySubtotal {
			subtotals++
		}
	}
	if subtotals != 3 {
		t.Errorf("skipped %+v, want 3 subtotal/heading rows", p.Skipped)
	}
	if len(p.Warnings) != 1 || p.Warnings[0].Key != KeyBadNumber || p.Warnings[0].Args["cell"] != "D10" {
		t.Errorf("warnings = %v", p.Warnings)
	}
}

func TestOrgStructure(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "架构.xlsx"), fixSheet{name: "组织架构", rows: [][]any{
		{"部门名称", "上级部门", "编制", "负责人"},
		{"示例集团", "", 30, "赵一"},
		{"财务部", "示例集团", 5, "钱二"},
		{"出纳组", "财务部", 2, ""},
	}})
	w := mustRead(t, path, nil)
	if w.Kind != KindOrg {
		t.Fatalf("kind = %q", w.Kind)
	}
	d, _ := commitNew(t, openStore(t), mustPrepare(t, w, nil))
	paths := map[string]string{}
	for _, u := range d.Units {
		paths[u.Name] = join(model.UnitPath(d, u.ID)) + "|" + u.Note
	}
	if paths["出纳组"] != "示例集团/财务部/出纳组|编制 2" {
		t.Errorf("units = %v", paths)
	}
	if got := postOf(d, personBy(t, d, "钱二").ID); got != "示例集团/财务部/负责人" {
		t.Errorf("钱二 in %q", got)
	}
}

func TestTextFiles(t *testing.T) {
	const table = "工号,姓名,部门,岗位,入职日期\r\nE1,张三,财务部,会计,2018/4/18\r\nE2,李四,财务部,出纳,16/04/2009\r\n"
	cases := map[string]struct {
		write func(path string) string
		enc   string
		fmt   Format
	}{
		"gbk.csv":  {func(p string) string { return writeGBK(t, p, table) }, "GB18030", FormatCSV},
		"bom.csv":  {func(p string) string { return writeRaw(t, p, "\ufeff"+table) }, "UTF-8 BOM", FormatCSV},
		"utf8.csv": {func(p string) string { return writeRaw(t, p, table) }, "UTF-8", FormatCSV},
		"tabs.txt": {func(p string) string { return writeRaw(t, p, strings.ReplaceAll(table, ",", "\t")) }, "UTF-8", FormatTSV},
	}
	for name, c := range cases {
		w := mustRead(t, c.write(tempPath(t, name)), nil)
		if w.Encoding != c.enc || w.Format != c.fmt {
			t.Errorf("%s: encoding %q format %q", name, w.Encoding, w.Format)
		}
		d, _ := commitNew(t, openStore(t), mustPrepare(t, w, nil))
		p := personBy(t, d, "李四")
		if p.EmpNo != "E2" || p.HireDate.Format("2006-01-02") != "2009-04-16" || postOf(d, p.ID) != "财务部/出纳" {
			t.Errorf("%s: 李四 = %+v in %q", name, p, postOf(d, p.ID))
		}
	}
}

func TestMergeByEmpNoAndUndo(t *testing.T) {
	st := openStore(t)
	first := writeXLSX(t, tempPath(t, "v1.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "岗位", "职级"},
		{"E1", "甲", "财务部", "会计", "P1"},
		{"E2", "乙", "财务部", "出纳", "P1"},
		{"E3", "丙", "财务部", "出纳", "P1"},
	}})
	_, ch := commitNew(t, st, mustPrepare(t, mustRead(t, first, nil), nil))
	planID := ch.PlanID
	before, _ := st.LoadPlan(planID)
	second := writeXLSX(t, tempPath(t, "v2.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "岗位", "职级"},
		{"E1", "甲", "财务部", "会计", "P2"},
		{"E2", "乙", "财务部", "会计", "P1"},
		{"E4", "丁", "人事部", "专员", "P1"},
	}})
	p := mustPrepare(t, mustRead(t, second, nil), before)
	if p.Created != 1 || p.Updated != 2 || p.Unchanged != 0 || len(p.Missing) != 1 || p.Missing[0].Name != "丙" {
		t.Fatalf("created %d updated %d unchanged %d missing %v", p.Created, p.Updated, p.Unchanged, p.Missing)
	}
	if ch := p.People[0].Changes; len(ch) != 1 || ch[0] != (Change{FieldGrade, "P1", "P2"}) {
		t.Errorf("甲 changes = %+v", ch)
	}
	change, err := Commit(st, planID, p, &CommitOptions{MarkMissingAsLeft: true})
	if err != nil {
		t.Fatal(err)
	}
	after, _ := st.LoadPlan(planID)
	if len(after.People) != 4 || personBy(t, after, "丙").Status != model.PersonLeft || personBy(t, after, "甲").Grade != "P2" {
		t.Errorf("after = %+v", after.People)
	}
	if got := postOf(after, personBy(t, after, "乙").ID); got != "财务部/会计" {
		t.Errorf("乙 moved to %q", got)
	}
	if ids := personBy(t, after, "甲").ID; ids != personBy(t, before, "甲").ID {
		t.Errorf("甲 was recreated, not updated")
	}
	// Importing the same file again changes nothing.
	again := mustPrepare(t, mustRead(t, second, nil), after)
	if again.Unchanged != 3 || again.Created != 0 || again.Updated != 0 {
		t.Errorf("second run: created %d updated %d unchanged %d", again.Created, again.Updated, again.Unchanged)
	}
	if err := st.Revert(change); err != nil {
		t.Fatal(err)
	}
	undone, _ := st.LoadPlan(planID)
	if !reflect.DeepEqual(undone, before) {
		t.Errorf("undo did not restore the plan:\n%+v\n%+v", undone, before)
	}
	backups, err := st.Backups()
	if err != nil || len(backups) == 0 || !strings.Contains(backups[len(backups)-1].Reason, "import") {
		t.Errorf("backups = %+v, %v", backups, err)
	}
}

func TestMergeByNameAndUnit(t *testing.T) {
	st := openStore(t)
	mk := func(name string, rows ...[]any) string {
		return writeXLSX(t, tempPath(t, name), fixSheet{name: "名单", rows: append([][]any{{"姓名", "部门", "岗位", "职级"}}, rows...)})
	}
	_, ch := commitNew(t, st, mustPrepare(t, mustRead(t, mk("a.xlsx", []any{"张三", "财务部", "会计", "P1"}, []any{"张三", "人事部", "专员", "P1"}), nil), nil))
	before, _ := st.LoadPlan(ch.PlanID)
	p := mustPrepare(t, mustRead(t, mk("b.xlsx", []any{"张三", "人事部", "专员", "P3"}), nil), before)
	if p.Updated != 1 || p.Created != 0 || len(p.Missing) != 1 {
		t.Fatalf("updated %d created %d missing %d", p.Updated, p.Created, len(p.Missing))
	}
	found := false
	for _, w := range p.Warnings {
		found = found || strings.HasPrefix(w.Key, KeyNoEmpNo)
	}
	if !found {
		t.Errorf("no warning about matching without 工号: %v", p.Warnings)
	}
	if _, err := Commit(st, ch.PlanID, p, nil); err != nil {
		t.Fatal(err)
	}
	after, _ := st.LoadPlan(ch.PlanID)
	for _, q := range after.People {
		want := "P1"
		if postOf(after, q.ID) == "人事部/专员" {
			want = "P3"
		}
		if q.Grade != want {
			t.Errorf("%s in %s grade %s, want %s", q.Name, postOf(after, q.ID), q.Grade, want)
		}
	}
}

func TestBlockingErrorsLeaveDatabase(t *testing.T) {
	st := openStore(t)
	_, ch := commitNew(t, st, mustPrepare(t, mustRead(t, writeXLSX(t, tempPath(t, "base.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"工号", "姓名", "部门", "岗位"}, {"E1", "甲", "财务部", "会计"},
	}}), nil), nil))
	before := fileBytes(t, st.Path())
	d, _ := st.LoadPlan(ch.PlanID)
	cases := map[string]struct {
		rows [][]any
		key  string
	}{
		"duplicate": {[][]any{{"工号", "姓名", "部门", "岗位"}, {"E7", "乙", "财务部", "会计"}, {"E7", "丙", "财务部", "出纳"}}, KeyDuplicateEmpNo},
		"cycle": {[][]any{{"工号", "姓名", "部门", "岗位", "直属上级"}, {"E7", "乙", "财务部", "会计", "E8"},
			{"E8", "丙", "财务部", "出纳", "E9"}, {"E9", "丁", "财务部", "主管", "乙"}}, KeyReportsCycle},
	}
	for name, c := range cases {
		p := mustPrepare(t, mustRead(t, writeXLSX(t, tempPath(t, name+".xlsx"), fixSheet{name: "s", rows: c.rows}), nil), d)
		if p.OK() || p.Errors[0].Key != c.key {
			t.Fatalf("%s: errors = %v", name, p.Errors)
		}
		if _, err := Commit(st, ch.PlanID, p, nil); !errors.Is(err, &model.Problem{Key: c.key}) {
			t.Errorf("%s: Commit = %v", name, err)
		}
		if _, err := Commit(st, 0, p, nil); err == nil {
			t.Errorf("%s: Commit into a new plan went through", name)
		}
	}
	if !reflect.DeepEqual(fileBytes(t, st.Path()), before) {
		t.Error("the database changed")
	}
}

func TestCancel(t *testing.T) {
	rows := [][]any{{"工号", "姓名", "部门", "岗位"}}
	for i := range 10000 {
		rows = append(rows, []any{fmt.Sprintf("E%05d", i), fmt.Sprintf("员工%d", i), "部门", "岗位"})
	}
	path := writeXLSX(t, tempPath(t, "big.xlsx"), fixSheet{name: "s", rows: rows})
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	_, err := Read(ctx, path, &Options{Progress: func(done, total int) {
		calls++
		if total != 0 && total != 10001 { // excelize itself writes no full dimension
			t.Errorf("total = %d", total)
		}
		cancel()
	}})
	if !errors.Is(err, ErrCancelled) || calls == 0 {
		t.Fatalf("Read after cancel = %v (%d progress calls)", err, calls)
	}
	w := mustRead(t, path, nil)
	ctx, cancel = context.WithCancel(context.Background())
	cancel()
	if _, err := Prepare(ctx, w, nil, nil); !errors.Is(err, ErrCancelled) {
		t.Fatalf("Prepare after cancel = %v", err)
	}
}

func TestMergesMatchExcelize(t *testing.T) {
	path := staffingFixture(t)
	w := mustRead(t, path, nil)
	got := w.Sheets[0].Merges
	want := []mergeRange{{R0: 0, C0: 0, R1: 0, C1: 4}, {R0: 2, C0: 1, R1: 4, C1: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("merges = %v, want %v", got, want)
	}
	for r := 2; r <= 4; r++ {
		if v := w.Sheets[0].Rows[r][1]; v != "生产部" {
			t.Errorf("row %d department %q: merge not applied", r+1, v)
		}
	}
}

func TestMappingKey(t *testing.T) {
	a := MappingKey([]string{"工号", "姓名 ", "部门", ""})
	b := MappingKey([]string{" 工号", "姓名", "部门"})
	c := MappingKey([]string{"姓名", "工号", "部门"})
	if a != b || a == c {
		t.Errorf("keys %s %s %s", a, b, c)
	}
	w := mustRead(t, rosterFixture(t), nil)
	if w.Sheet("在职").MappingKey() != w.Sheet("实习生").MappingKey() {
		t.Error("sheets with the same headers have different keys")
	}
}

func TestHeaderMatching(t *testing.T) {
	cases := map[string]Field{
		"姓名": FieldName, "员工姓名": FieldName, "Name": FieldName, "工号": FieldEmpNo, "员工编号": FieldEmpNo, "emp_id": FieldEmpNo,
		"部门": FieldDept, "所属部门": FieldDept, "一级部门": FieldDept1, "二级部门": FieldDept2, "三级部门": FieldDept3, "组别": FieldDept4,
		"部门路径": FieldDeptPath, "岗位": FieldPosition, "岗位名称": FieldPosition, "职位": FieldPosition, "职务": FieldPosition,
		"position": FieldPosition, "直属上级": FieldReportsTo, "reports_to": FieldReportsTo, "直属上级工号": FieldReportsTo,
		"入职日期": FieldHireDate, "入职时间": FieldHireDate, "start_date": FieldHireDate, "入职日期(yyyy-mm-dd)": FieldHireDate,
		"在职状态": FieldStatus, "员工状态": FieldStatus, "用工形式": FieldEmployment, "员工类型": FieldEmployment,
		"职级": FieldGrade, "grade": FieldGrade, "编制": FieldPlanned, "人数": FieldPlanned, "人员数量": FieldPlanned, "定编": FieldPlanned,
		"备注": FieldNote, "dept_id": FieldDeptID, "parent_dept_id": FieldParentID, "上级部门": FieldParentDept,
		"身份证号": FieldPersonal, "银行账号": FieldPersonal, "手机": FieldPersonal, "联系电话": FieldPersonal, "现住址": FieldPersonal,
		"紧急联系人": FieldPersonal, "民族": FieldPersonal, "政治面貌": FieldPersonal, "户籍所在地": FieldPersonal, "婚姻状况": FieldPersonal,
		"员工性别": FieldPersonal, "ＩＤ　Ｎｏ": FieldPersonal,
	}
	for h, want := range cases {
		if got, conf := MatchHeader(h); got != want || conf <= 0 {
			t.Errorf("MatchHeader(%q) = %q %.2f, want %q", h, got, conf, want)
		}
	}
}

func TestSummaryJSON(t *testing.T) {
	p := mustPrepare(t, mustRead(t, rosterFixture(t), nil), nil)
	b, err := json.Marshal(p.Summary())
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for k := range m {
		keys = append(keys, k)
	}
	want := []string{"created", "header_row", "ignored_columns", "kind", "people", "positions", "roles", "sheets", "skipped", "unchanged", "units", "updated"}
	if strings.Join(sortStrings(keys), ",") != strings.Join(want, ",") {
		t.Errorf("keys = %v", keys)
	}
	var skipped []map[string]any
	_ = json.Unmarshal(m["skipped"], &skipped)
	if len(skipped) != 1 || skipped[0]["sheet"] != "在职" || skipped[0]["row"] != 9.0 || skipped[0]["reason"] == "" {
		t.Errorf("skipped = %s", m["skipped"])
	}
	if _, ok := skipped[0]["column"]; !ok {
		t.Errorf("skip has no column: %s", m["skipped"])
	}
}

func sortStrings(s []string) []string {
	for i := range s {
		for j := i + 1; j < len(s); j++ {
			if s[j] < s[i] {
				s[i], s[j] = s[j], s[i]
			}
		}
	}
	return s
}

// The preview's first rows show each person as they will be stored.
func TestSampleShowsPeopleAsStored(t *testing.T) {
	dir := t.TempDir()
	path := dir + "/s.csv"
	if err := os.WriteFile(path, []byte("工号,姓名,部门,岗位,入职日期\nD001,测试甲,生产部,操作工,2023-01-02\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	p := mustPrepare(t, mustRead(t, path, nil), nil)
	if len(p.Sample) != 1 || p.Sample[0][0] != "D001" || p.Sample[0][1] != "测试甲" || p.Sample[0][5] != "2023-01-02" {
		t.Errorf("sample %q", p.Sample)
	}
}

// A roster lists someone holding two posts (兼任) on two rows with the same
// 工号 and name: one person, two assignments, the time split between them.
func TestConcurrentPostsOnTwoRows(t *testing.T) {
	dir := t.TempDir()
	path := writeXLSX(t, dir+"/兼任.xlsx", fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "岗位"},
		{"E1", "郑一", "行政部", "保洁员"},
		{"E1", "郑一", "行政部", "厨工"},
		{"E2", "王二", "行政部", "厨工"},
	}})
	p := mustPrepare(t, mustRead(t, path, nil), nil)
	if !p.OK() {
		t.Fatalf("errors %v", p.Errors)
	}
	st := openStore(t)
	ch, err := Commit(st, 0, p, nil)
	if err != nil {
		t.Fatal(err)
	}
	d, _ := st.LoadPlan(ch.PlanID)
	if len(d.People) != 2 {
		t.Fatalf("%d people, want 2", len(d.People))
	}
	var zheng model.ID
	for _, pp := range d.People {
		if pp.Name == "郑一" {
			zheng = pp.ID
		}
	}
	var shares []float64
	for _, a := range d.Assignments {
		if a.Person == zheng {
			shares = append(shares, a.FTE)
		}
	}
	if len(shares) != 2 || shares[0] != 0.5 || shares[1] != 0.5 {
		t.Errorf("郑一's posts %v, want two at 0.5", shares)
	}
	f := model.Compute(d)
	concurrent := false
	for _, pf := range f.Positions {
		for _, h := range pf.Holders {
			concurrent = concurrent || (h.Name == "郑一" && h.Concurrent)
		}
	}
	if !concurrent {
		t.Error("郑一 is not shown as 兼任")
	}
}
