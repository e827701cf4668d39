package export

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

func TestDescriptionsWorkbook(t *testing.T) {
	d := kangfei(t)
	f, _ := build(t, DescriptionsWorkbook, d, Options{Date: testDate})
	sheets := f.GetSheetList()
	if len(sheets) != 1+len(d.Positions) || sheets[0] != "目录" {
		t.Fatalf("sheets %v", sheets)
	}
	// Every index line links to its post's sheet, whose title names the post.
	for i := range d.Positions {
		row := 4 + i
		title := get(t, f, "目录", fmt.Sprintf("B%d", row))
		ok, link, err := f.GetCellHyperLink("目录", fmt.Sprintf("B%d", row))
		if err != nil || !ok {
			t.Fatalf("B%d %q: no link (%v)", row, title, err)
		}
		sheet := strings.TrimSuffix(strings.TrimPrefix(link, "'"), "'!A1")
		if got := get(t, f, sheet, "A1"); got != title+" 岗位说明书" {
			t.Errorf("link %q leads to a sheet titled %q", link, got)
		}
	}

	const sh = "行政人事部经理"
	want := map[string]string{
		"A3": "岗位名称", "B3": "行政人事部经理", "C3": "所属部门", "D3": "行政人事部",
		"A4": "直属上级", "B4": "总经理", "C4": "职级", "D4": "M3",
		"A5": "直属下级", "B5": "人事专员、行政专员、前台接待、司机、门卫兼保安、保洁员、厨工",
		"A6": "编制", "B6": "1", "C6": "在岗", "D6": "1",
		"A7": "班次", "B7": "早班 9:00–18:00", "C7": "薪酬范围",
		"A9": "职位使命", "A11": "工作职责",
		"A12": "1", "B12": "协助总经理制定公司人力资源管理制度和年度计划。",
		"A21": "10", "B21": "完成总经理交办的其他工作任务。",
		"A22": "任职要求", "A23": "学历", "A24": "工作年限", "A25": "证书", "A26": "其他",
	}
	for cell, v := range want {
		if got := get(t, f, sh, cell); got != v {
			t.Errorf("%s!%s = %q, want %q", sh, cell, got, v)
		}
	}
	if got := get(t, f, sh, "A10"); !strings.HasPrefix(got, "负责为公司管理层提供决策支持") {
		t.Errorf("mission %q", got)
	}
	ok, link, err := f.GetCellHyperLink(sh, "F1")
	if err != nil || !ok || link != "'目录'!A1" {
		t.Errorf("back link %v %q %v", ok, link, err)
	}
	merged, err := f.GetMergeCells(sh)
	if err != nil {
		t.Fatal(err)
	}
	ranges := map[string]bool{}
	for _, m := range merged {
		ranges[m.GetStartAxis()+":"+m.GetEndAxis()] = true
	}
	for _, r := range []string{"A1:D1", "B5:D5", "A10:D10", "B12:D12", "B21:D21"} {
		if !ranges[r] {
			t.Errorf("%s not merged: %v", r, ranges)
		}
	}
	// Long texts get rows tall enough for their lines: merged cells are
	// never grown by Excel or Calc on their own.
	h, err := f.GetRowHeight(sh, 16) // duty 5, two lines on A4
	if err != nil {
		t.Fatal(err)
	}
	if h < 30 {
		t.Errorf("two-line duty row is %.0fpt high", h)
	}
	checkPrint(t, f, sh, "", true)
	checkPrint(t, f, "目录", "$1:$3", false)
	var area string
	for _, dn := range f.GetDefinedName() {
		if dn.Name == "_xlnm.Print_Area" && dn.Scope == sh {
			area = dn.RefersTo
		}
	}
	if area != "'行政人事部经理'!$A$1:$D$27" {
		t.Errorf("print area %q", area)
	}
	// 暂不设置 is stated on the form.
	if got := get(t, f, "副总经理", "B6"); got != "2(暂不设置)" {
		t.Errorf("副总经理 编制 %q", got)
	}
}

func TestSheetNames(t *testing.T) {
	n := newSheetNamer("目录")
	long := strings.Repeat("很长的岗位名称", 6)
	got := []string{
		n.name("经理", "财务部", "岗位"),
		n.name("经理", "财务部", "岗位"),
		n.name("经理", "财务部", "岗位"),
		n.name("经理", "生产部", "岗位"),
		n.name("a/b:c*d?[e]\\f", "", "岗位"),
		n.name("'quoted'", "", "岗位"),
		n.name("目录", "", "岗位"),
		n.name("History", "", "岗位"),
		n.name("", "", "岗位"),
		n.name(long, "", "岗位"),
		n.name(long, "", "岗位"),
		n.name("MANAGER", "", "岗位"),
		n.name("manager", "", "岗位"),
	}
	want := []string{"经理", "经理(财务部)", "经理(2)", "经理(生产部)", "a_b_c_d__e__f", "quoted", "目录(2)", "History(2)",
		"岗位", long[:len("很长的岗位名称")*4+len("很长的")], "", "MANAGER", "manager(2)"}
	want[10] = truncate(long, 28) + "(2)"
	seen := map[string]bool{}
	for i := range got {
		if got[i] != want[i] {
			t.Errorf("name %d = %q, want %q", i, got[i], want[i])
		}
		if len(utf16.Encode([]rune(got[i]))) > maxSheetName || strings.ContainsAny(got[i], `[]:*?/\`) {
			t.Errorf("%q is not a valid sheet name", got[i])
		}
		if seen[strings.ToLower(got[i])] {
			t.Errorf("%q given twice", got[i])
		}
		seen[strings.ToLower(got[i])] = true
	}
	// excelize itself accepts every one of them.
	f := excelize.NewFile()
	defer f.Close()
	for _, s := range got {
		if _, err := f.NewSheet(s); err != nil {
			t.Errorf("excelize rejects %q: %v", s, err)
		}
	}
}
