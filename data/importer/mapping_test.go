package importer

import (
	"errors"
	"testing"

	"staffplan/data/model"
)

func mustMaps(t *testing.T, args ...string) []ColumnMap {
	t.Helper()
	var out []ColumnMap
	for _, a := range args {
		m, err := ParseColumnMap(a)
		if err != nil {
			t.Fatalf("ParseColumnMap(%q): %v", a, err)
		}
		out = append(out, m)
	}
	return out
}

func intp(n int) *int { return &n }

func TestParseColumnMap(t *testing.T) {
	good := map[string]ColumnMap{
		"A=emp_no":           {"A", FieldEmpNo},
		"aa=name":            {"aa", FieldName},
		"工号=emp_no":          {"工号", FieldEmpNo},
		"Team = unit_level3": {"Team", FieldDept3},
		"X=unit_level9":      {"X", FieldDept9},
		"C=filled":           {"C", FieldActual},
		"D=ignore":           {"D", FieldIgnore},
		"a=b=note":           {"a=b", FieldNote},
	}
	for arg, want := range good {
		if got, err := ParseColumnMap(arg); err != nil || got != want {
			t.Errorf("ParseColumnMap(%q) = %+v, %v; want %+v", arg, got, err, want)
		}
	}
	for _, arg := range []string{"A", "=name", "A=", "A=unit_level10", "A=unit_level0", "A=salary", "A=personal"} {
		if _, err := ParseColumnMap(arg); !errors.Is(err, &model.Problem{Key: KeyMap}) && err == nil {
			t.Errorf("ParseColumnMap(%q) took it", arg)
		}
	}
	for _, name := range FieldNames {
		if _, ok := FieldByName(name); !ok {
			t.Errorf("listed field %s is unknown", name)
		}
	}
}

func TestColumnLetters(t *testing.T) {
	for s, want := range map[string]int{"A": 0, "b": 1, "Z": 25, "AA": 26, "AZ": 51, "XFD": 16383} {
		if got, ok := columnLetters(s); !ok || got != want {
			t.Errorf("columnLetters(%q) = %d %v, want %d", s, got, ok, want)
		}
	}
	for _, s := range []string{"", "A1", "XFE", "ABCD", "工号"} {
		if _, ok := columnLetters(s); ok {
			t.Errorf("columnLetters(%q) took it", s)
		}
	}
}

// A file with no header row at all, mapped by letters.
func TestMapNoHeaderRow(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "raw.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"E1", "赵一", "东区", "甲部", "会计", "2020-01-01"},
		{"E2", "钱二", "东区", "甲部", "出纳", "2021-01-01"},
		{"E3", "孙三", "西区", "乙部", "会计", "2021-01-01"},
	}})
	w := mustRead(t, path, nil)
	if _, err := Prepare(t.Context(), w, nil, nil); err == nil {
		t.Fatal("a file without headings imported without a mapping")
	}
	// Levels mapped in the other order (D is the top): 1 = top.
	err := w.ApplyMapping(MapOptions{HeaderRow: intp(0), Kind: KindRoster,
		Maps: mustMaps(t, "A=emp_no", "B=name", "C=unit_level2", "D=unit_level1", "E=position", "F=hire_date")})
	if err != nil {
		t.Fatal(err)
	}
	d, _ := commitNew(t, openStore(t), mustPrepare(t, w, nil))
	if got := figuresOf(d); got.people != 3 || got.units != 4 || got.posts != 3 {
		t.Errorf("figures %+v, want 3 people, 4 units, 3 posts", got)
	}
	if got := postOf(d, personBy(t, d, "赵一").ID); got != "甲部/东区/会计" {
		t.Errorf("赵一 in %q", got)
	}
}

// Headings detection does not know, on the second row, mapped by their text;
// a detected column remapped.
func TestMapByHeading(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "odd.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"导出于 2026-01-01"},
		{"编号X", "人名", "科室", "级别", "说明"},
		{"P1", "Ann", "Ops", "G1", "G7"},
		{"P2", "Bob", "Ops", "G2", "G8"},
	}})
	w := mustRead(t, path, nil)
	err := w.ApplyMapping(MapOptions{HeaderRow: intp(2), Maps: mustMaps(t, "编号x=emp_no", "人名=name", "说明=grade")})
	if err != nil {
		t.Fatal(err)
	}
	if w.Kind != KindRoster {
		t.Fatalf("kind %q after the mapping", w.Kind)
	}
	d, _ := commitNew(t, openStore(t), mustPrepare(t, w, nil))
	if pp := personBy(t, d, "Ann"); pp.EmpNo != "P1" || pp.Grade != "G7" {
		t.Errorf("Ann = %+v, want P1 and grade G7 from 说明", pp)
	}
}

func TestMapStaffingTable(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "st.xlsx"), fixSheet{name: "s", rows: [][]any{
		{"a", "b", "c", "d"},
		{"财务部", "会计", 2, 1},
		{"财务部", "出纳", 1, 1},
	}})
	w := mustRead(t, path, nil)
	if err := w.ApplyMapping(MapOptions{Maps: mustMaps(t, "A=unit", "B=position", "C=planned", "D=filled")}); err != nil {
		t.Fatal(err)
	}
	if w.Kind != KindStaffing {
		t.Fatalf("kind %q", w.Kind)
	}
	d, _ := commitNew(t, openStore(t), mustPrepare(t, w, nil))
	if got := figuresOf(d); got.posts != 2 || got.planned != 3 {
		t.Errorf("figures %+v", got)
	}
}

func TestMapErrors(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "x.xlsx"), fixSheet{name: "s", rows: [][]any{{"工号", "姓名"}, {"E1", "赵一"}}})
	w := mustRead(t, path, nil)
	cases := []MapOptions{
		{HeaderRow: intp(5)},
		{HeaderRow: intp(-1)},
		{Maps: mustMaps(t, "部门=unit")},
	}
	for _, o := range cases {
		err := w.ApplyMapping(o)
		var p *model.Problem
		if !errors.As(err, &p) || p.Key[:len(KeyMap)] != KeyMap {
			t.Errorf("ApplyMapping(%+v) = %v", o, err)
		}
	}
}
