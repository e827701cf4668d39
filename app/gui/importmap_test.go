package gui

import (
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/widget"
	"github.com/xuri/excelize/v2"

	"staffplan/app/core"
	"staffplan/data/importer"
	"staffplan/data/model"
)

// mapSheet is one sheet of a workbook made for a mapping test.
type mapSheet struct {
	name   string
	rows   [][]any
	merges [][2]string
}

func writeMapBook(t *testing.T, path string, sheets ...mapSheet) {
	t.Helper()
	f := excelize.NewFile()
	for i, s := range sheets {
		if i == 0 {
			_ = f.SetSheetName("Sheet1", s.name)
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			cell, _ := excelize.CoordinatesToCellName(1, r+1)
			if err := f.SetSheetRow(s.name, cell, &row); err != nil {
				t.Fatal(err)
			}
		}
		for _, m := range s.merges {
			if err := f.MergeCell(s.name, m[0], m[1]); err != nil {
				t.Fatal(err)
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// pickField chooses field f for column col in the mapping step, as the
// user does in the column's Select.
func pickField(t *testing.T, ms *mapStep, col int, f importer.Field) {
	t.Helper()
	if col >= len(ms.colSel) {
		t.Fatalf("column %s has no Select; %d listed", importer.ColumnName(col), len(ms.colSel))
	}
	ms.colSel[col].SetSelected(FieldText(f))
}

// people lists the plan's people as "工号 name unit/path post", sorted.
func peopleLines(d *model.PlanData) []string {
	post := map[model.ID]model.Position{}
	for _, p := range d.Positions {
		post[p.ID] = p
	}
	var out []string
	for _, per := range d.People {
		line := per.EmpNo + " " + per.Name
		for _, a := range d.Assignments {
			if a.Person == per.ID {
				p := post[a.Position]
				line += " " + strings.Join(model.UnitPath(d, p.Unit), "/") + " " + p.Title
			}
		}
		out = append(out, line)
	}
	sort.Strings(out)
	return out
}

// A file without a header row: detection finds nothing, so the preview
// opens on the mapping step instead of an error; the user says "no header
// row", maps four columns, and the import commits those people, units and
// posts.
func TestImportWithoutHeaderOpensOnMappingStep(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "无表头.xlsx")
	writeMapBook(t, file, mapSheet{name: "Sheet1", rows: [][]any{
		{"KF001", "周建国", "生产部", "操作工"},
		{"KF002", "钱多多", "质检部", "质检员"},
		{"KF003", "孙少少", "生产部", "班组长"},
	}})
	u.ImportFiles([]string{file})
	ip := u.pendingImport
	if ip == nil {
		t.Fatal("no preview for a file without a header row: the mapping step must open")
	}
	ms := ip.step
	if ip.tabs.SelectedIndex() != 1 {
		t.Errorf("the preview opens on tab %d, want the mapping step", ip.tabs.SelectedIndex())
	}
	if !ms.hint.Visible() || !strings.Contains(ms.hint.Text, "no header row") {
		t.Errorf("no hint on the mapping step: %q visible %v", ms.hint.Text, ms.hint.Visible())
	}
	if n, c := ms.grid.Length(); n != 3 || c != 4 {
		t.Errorf("the grid shows %d×%d cells, want the file's 3 rows × 4 columns", n, c)
	}
	if len(ms.header.Options) != 4 || ms.header.Options[0] != "no header row" {
		t.Errorf("header row choices %q", ms.header.Options)
	}
	// Import now says why nothing can be imported, and keeps the preview.
	u.ConfirmPendingImport()
	if len(u.data.People) != 0 && u.data.Plan.Name == "无表头" {
		t.Fatal("an unmapped file was imported")
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("Import on an unmapped file says nothing")
	}
	u.win.Canvas().Overlays().Remove(top)
	ip.d.Show()
	u.pendingImport = ip

	ms.header.SetSelectedIndex(0) // no header row
	if len(ms.colSel) != 4 {
		t.Fatalf("%d columns to map, want 4", len(ms.colSel))
	}
	pickField(t, ms, 0, importer.FieldEmpNo)
	pickField(t, ms, 1, importer.FieldName)
	pickField(t, ms, 2, importer.FieldDept)
	pickField(t, ms, 3, importer.FieldPosition)
	if ip.prepErr != nil {
		t.Fatalf("after the mapping: %s", core.ErrText(ip.prepErr))
	}
	if len(ip.p.People) != 3 || ip.p.Created != 3 {
		t.Errorf("preview: %d people, %d new; want 3", len(ip.p.People), ip.p.Created)
	}
	if !u.ConfirmPendingImport() {
		t.Fatal("no preview to confirm")
	}
	got := peopleLines(u.data)
	want := []string{"KF001 周建国 生产部 操作工", "KF002 钱多多 质检部 质检员", "KF003 孙少少 生产部 班组长"}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("people after import:\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if u.data.Plan.Name != "无表头" {
		t.Errorf("imported into plan %q, want a new plan named after the file", u.data.Plan.Name)
	}
}

// Headings on three rows, as HR import templates have them: a group row
// with merged cells, a row of column numbers, then the names. Picking the
// names row gives every column its own name, also those under a merged
// group cell.
func TestImportMultiRowHeaderPickNamesRow(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "模板.xlsx")
	writeMapBook(t, file, mapSheet{name: "导入", rows: [][]any{
		{"人员编码", "基本信息", nil, "任职信息", nil},
		{nil, 1, 2, 3, 4},
		{nil, "姓名", "性别", "任职机构", "任职岗位"},
		{"E01", "刘一", "男", "销售部", "销售代表"},
		{"E02", "陈二", "女", "财务部", "出纳"},
	}, merges: [][2]string{{"A1", "A3"}, {"B1", "C1"}, {"D1", "E1"}}})
	u.ImportFiles([]string{file})
	ip := u.pendingImport
	if ip == nil {
		t.Fatal("no preview")
	}
	ms := ip.step
	s := ms.cur
	ms.header.SetSelectedIndex(1) // row 1, the group row: the wrong one
	if s.HeaderRow != 0 {
		t.Fatalf("header row %d after picking row 1", s.HeaderRow+1)
	}
	ms.header.SetSelectedIndex(3) // row 3, the names
	if s.HeaderRow != 2 {
		t.Fatalf("header row %d after picking row 3", s.HeaderRow+1)
	}
	if got := strings.Join(s.Headers(), ","); got != "人员编码,姓名,性别,任职机构,任职岗位" {
		t.Errorf("headings of row 3: %s", got)
	}
	if len(ms.colSel) != 5 {
		t.Fatalf("%d columns listed, want 5", len(ms.colSel))
	}
	// The group cell B1:C1 shows over both columns in the grid.
	cell := func(r, c int) string {
		l := widget.NewLabel("")
		ms.grid.UpdateCell(widget.TableCellID{Row: r, Col: c}, l)
		return l.Text
	}
	if cell(0, 1) != "基本信息" || cell(0, 2) != "基本信息" {
		t.Errorf("group row reads %q %q", cell(0, 1), cell(0, 2))
	}
	pickField(t, ms, 0, importer.FieldEmpNo)
	pickField(t, ms, 3, importer.FieldDept)
	pickField(t, ms, 4, importer.FieldPosition)
	if ip.prepErr != nil {
		t.Fatalf("after the mapping: %s", core.ErrText(ip.prepErr))
	}
	u.ConfirmPendingImport()
	got := strings.Join(peopleLines(u.data), "\n")
	if want := "E01 刘一 销售部 销售代表\nE02 陈二 财务部 出纳"; got != want {
		t.Errorf("people:\n%s\nwant\n%s", got, want)
	}
	// The same headings again: picking the names row brings the user's
	// mapping back.
	u.ImportFiles([]string{file})
	ms = u.pendingImport.step
	ms.header.SetSelectedIndex(1)
	ms.header.SetSelectedIndex(3)
	if f := ms.cur.Mapping.Field(0); f != importer.FieldEmpNo {
		t.Errorf("column A after picking row 3 again: %q, want the remembered emp_no", f)
	}
	if ms.colSel[0].Selected != FieldText(importer.FieldEmpNo) {
		t.Errorf("column A's Select shows %q", ms.colSel[0].Selected)
	}
}

// The role "ignore" leaves a sheet out of the import.
func TestImportSheetRoleIgnoreSkipsSheet(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "两表.xlsx")
	head := []any{"工号", "姓名", "部门", "岗位"}
	writeMapBook(t, file,
		mapSheet{name: "在职", rows: [][]any{head, {"A1", "王一", "生产部", "操作工"}}},
		mapSheet{name: "外包", rows: [][]any{head, {"W1", "赵外", "保洁组", "保洁员"}}})
	u.ImportFiles([]string{file})
	ip := u.pendingImport
	if ip == nil {
		t.Fatal("no preview")
	}
	if len(ip.p.People) != 2 {
		t.Fatalf("detection reads %d people, want both sheets' 2", len(ip.p.People))
	}
	ms := ip.step
	ms.sheet.SetSelected("外包")
	if ms.cur.Name != "外包" {
		t.Fatalf("sheet shown %q", ms.cur.Name)
	}
	ms.role.SetSelected(RoleText(importer.RoleSkip))
	if len(ip.p.People) != 1 || ip.p.People[0].Sheet != "在职" {
		t.Errorf("with 外包 ignored the preview has %d people: %+v", len(ip.p.People), ip.p.People)
	}
	u.ConfirmPendingImport()
	if got := strings.Join(peopleLines(u.data), "\n"); got != "A1 王一 生产部 操作工" {
		t.Errorf("people:\n%s", got)
	}
}

// A staffing table with headcounts as ranges and a second table: the
// preview asks, and the answers change what is imported.
func TestImportRangeAndSecondTableChoices(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "编制.xlsx")
	writeMapBook(t, file, mapSheet{name: "需求", rows: [][]any{
		{"部门", "岗位", "编制", "备注"},
		{"财务部", "会计", "1-2人", ""},
		{},
		{"序号", "职位", "人数", "备注"},
		{1, "司机", 2, ""},
	}})
	u.ImportFiles([]string{file})
	ip := u.pendingImport
	if ip == nil {
		t.Fatal("no preview")
	}
	c := ip.choices
	if !c.rangeR.Visible() || !c.tableR.Visible() {
		t.Fatalf("questions shown: range %v, tables %v; want both", c.rangeR.Visible(), c.tableR.Visible())
	}
	planned := func() map[string]float64 {
		m := map[string]float64{}
		for _, p := range ip.p.Positions {
			m[p.Title] = p.Planned
		}
		return m
	}
	if m := planned(); m["会计"] != 1 || m["司机"] != 2 {
		t.Errorf("by default: %v", m)
	}
	c.ranges.SetSelected("upper bound")
	c.tables.SetSelected("only the first")
	if m := planned(); len(m) != 1 || m["会计"] != 2 {
		t.Errorf("upper bound, first table only: %v", m)
	}
	if !c.tableR.Visible() {
		t.Error("the table question went away after it was answered")
	}
	u.ConfirmPendingImport()
	titles := map[string]float64{}
	for _, p := range u.data.Positions {
		titles[p.Title] = p.Planned
	}
	if titles["会计"] != 2 || titles["司机"] != 0 {
		t.Errorf("committed posts %v", titles)
	}
}

// A workbook with nothing in it has nothing to map: its message, no
// mapping step.
func TestImportEmptyWorkbookIsAMessage(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "空.xlsx")
	writeMapBook(t, file, mapSheet{name: "Sheet1"})
	u.ImportFiles([]string{file})
	if u.pendingImport != nil {
		t.Error("an empty workbook opened the mapping step")
	}
	if u.win.Canvas().Overlays().Top() == nil {
		t.Error("no message for an empty workbook")
	}
}
