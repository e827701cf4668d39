package importer

import (
	"strings"
	"testing"
)

func TestPersonalShape(t *testing.T) {
	cases := []struct {
		v    string
		want Shape
	}{
		// Resident IDs: GB 11643 check digit and a real birth date.
		{"11010519491231002X", ShapeIDCard},
		{"11010519491231002x", ShapeIDCard},
		{"44030419900307123X", ShapeIDCard},
		{"320106198511204561", ShapeIDCard},
		{"１１０１０５２００００２２９００１３", ShapeIDCard}, // full-width, 29 Feb 2000
		{"110105194912310021", ShapeNone},   // wrong check digit
		{"320106198511204562", ShapeNone},   // wrong check digit
		{"110105194913310029", ShapeNone},   // month 13
		{"110105490101001", ShapeIDCard},    // 15-digit old ID, 1949-01-01
		{"110105491301001", ShapeNone},      // 15 digits, month 13
		// Mobiles.
		{"13800138000", ShapeMobile},
		{"+8613912345678", ShapeMobile},
		{"+86 139 1234 5678", ShapeMobile},
		{"139-1234-5678", ShapeMobile},
		{"12800138000", ShapeNone}, // 12x is not a mobile prefix
		{"1380013800", ShapeNone},  // 10 digits
		{"010-12345678", ShapeNone},
		// Bank cards: 13–19 digits passing Luhn.
		{"4111111111111111", ShapeBankCard},
		{"6228480402564890018", ShapeBankCard},
		{"621700123456789", ShapeNone}, // fails Luhn
		{"621700123456786", ShapeBankCard},
		{"4111111111111112", ShapeNone},
		{"123456789012", ShapeNone}, // 12 digits
		// E-mail.
		{"ann.lee@example.com", ShapeEmail},
		{"ann@example", ShapeNone},
		{"@example.com", ShapeNone},
		// Ordinary values.
		{"E0012", ShapeNone}, {"张三", ShapeNone}, {"财务部", ShapeNone}, {"2018-04-18", ShapeNone}, {"43210", ShapeNone},
	}
	for _, c := range cases {
		if got := PersonalShape(c.v); got != c.want {
			t.Errorf("PersonalShape(%q) = %q, want %q", c.v, got, c.want)
		}
	}
}

func TestPersonalHeadings(t *testing.T) {
	cases := map[string]Field{
		"工号（身份证号）": FieldPersonal, "职级(手机)": FieldPersonal, "备注(联系电话)": FieldPersonal, "员工手机号": FieldPersonal,
		"姓名(拼音)": FieldName, "工卡号": FieldEmpNo, "职级": FieldGrade, "薪资等级": FieldGrade, "入职日期(yyyy-mm-dd)": FieldHireDate,
		"劳动或劳务关系隶属": FieldIgnore, "隶属部门": FieldParentDept,
	}
	for h, want := range cases {
		if got, _ := MatchHeader(h); got != want {
			t.Errorf("MatchHeader(%q) = %q, want %q", h, got, want)
		}
	}
}

// A roster whose 工号 column holds ID numbers (headed 工号（身份证号）), a
// grade column of phone numbers, and one ID number in a post's note: none
// of it is stored.
func TestPersonalDataByShape(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "roster.xlsx"),
		fixSheet{name: "在职", rows: [][]any{
			{"工号（身份证号）", "姓名", "部门", "岗位", "职级(手机)", "级别", "劳动或劳务关系隶属"},
			{"11010519491231002X", "张三", "财务部", "会计", "13800138000", "13912345678", "康飞塑业"},
			{"44030419900307123X", "李四", "财务部", "出纳", "13800138001", "13912345679", "康飞塑业"},
		}},
		fixSheet{name: "离职", rows: [][]any{
			{"工号（身份证号）", "姓名", "部门", "岗位", "职级(手机)", "级别", "劳动或劳务关系隶属"},
			{"320106198511204561", "王五", "财务部", "会计", "13800138002", "M2", "康飞塑业"},
		}})
	w := mustRead(t, path, nil)
	p := mustPrepare(t, w, nil)
	d, _ := commitNew(t, openStore(t), p)
	for _, pp := range d.People {
		if pp.EmpNo != "" || strings.HasPrefix(pp.Grade, "13") {
			t.Errorf("stored personal data: %+v", pp)
		}
	}
	if g := personBy(t, d, "王五").Grade; g != "M2" {
		t.Errorf("王五 grade %q, want M2", g)
	}
	for _, u := range d.Units {
		if u.Name == "康飞塑业" && len(d.Units) != 1 {
			t.Errorf("劳动或劳务关系隶属 read as a unit: %v", d.Units)
		}
	}
	// 级别 on 在职 is a column of phone numbers: personal by its values.
	personal := map[string]int{}
	for _, c := range p.Ignored {
		if c.Personal {
			personal[c.Header]++
		}
	}
	if personal["工号(身份证号)"] != 1 || personal["职级(手机)"] != 1 || personal["级别"] != 1 {
		t.Errorf("personal columns listed %v, want each once: %+v", personal, p.Ignored)
	}
	for _, c := range p.Ignored {
		if c.Header == "工号(身份证号)" && len(c.Sheets) != 2 {
			t.Errorf("%s lists sheets %v, want both", c.Header, c.Sheets)
		}
	}
}

func TestPersonalValueInNote(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "编制.xlsx"), fixSheet{name: "编制", rows: [][]any{
		{"部门", "岗位", "编制", "备注"},
		{"财务部", "会计", 2, "11010519491231002X"},
		{"财务部", "出纳", 1, "联系 ann.lee@example.com"},
		{"财务部", "主管", 1, "新设"},
		{"行政部", "文员", 1, ""},
	}})
	p := mustPrepare(t, mustRead(t, path, nil), nil)
	d, _ := commitNew(t, openStore(t), p)
	notes := map[string]string{}
	for _, q := range d.Positions {
		notes[q.Title] = q.Note
	}
	if notes["会计"] != "" || notes["主管"] != "新设" {
		t.Errorf("notes %v", notes)
	}
	found := false
	for _, w := range p.Warnings {
		if w.Key == KeyPersonalValue+".id_card" && w.Args["cell"] == "D2" {
			found = true
		}
		if strings.Contains(w.Text, "11010519491231002X") || strings.Contains(w.Args["value"].(string), "1101") {
			t.Errorf("the warning repeats the ID number: %v", w)
		}
	}
	if !found {
		t.Errorf("no warning naming D2: %v", p.Warnings)
	}
}
