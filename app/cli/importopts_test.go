package cli

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// writeRows writes one sheet of rows with excelize.
func writeRows(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// postsShown is title → 编制 of the plan's posts, from `show --json`.
func postsShown(t *testing.T, db string) map[string]float64 {
	t.Helper()
	_, out, _ := run(t, "show", "--db", db, "--json")
	var s struct {
		Positions []struct {
			Title   string  `json:"title"`
			Planned float64 `json:"planned"`
		} `json:"positions"`
	}
	if err := json.Unmarshal([]byte(out), &s); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	m := map[string]float64{}
	for _, p := range s.Positions {
		m[p.Title] = p.Planned
	}
	return m
}

// TestCLIImportRangeBound: a headcount written as a range takes the lower
// bound by default and the upper with --range upper, as the window's
// mapping step offers; anything else is a usage error.
func TestCLIImportRangeBound(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "编制表.xlsx")
	writeRows(t, file, [][]any{
		{"部门", "岗位", "编制", "备注"},
		{"财务部", "会计", "1-2人", ""},
		{"生产部", "操作工", "10名左右", ""},
	})
	for _, c := range []struct {
		args []string
		want map[string]float64
	}{
		{nil, map[string]float64{"会计": 1, "操作工": 10}},
		{[]string{"--range", "lower"}, map[string]float64{"会计": 1, "操作工": 10}},
		{[]string{"--range", "upper"}, map[string]float64{"会计": 2, "操作工": 10}},
	} {
		db := filepath.Join(t.TempDir(), "plans.db")
		if code, _, errs := run(t, append([]string{"import", file, "--db", db}, c.args...)...); code != 0 {
			t.Fatalf("%v: exit %d %s", c.args, code, errs)
		}
		got := postsShown(t, db)
		for title, n := range c.want {
			if got[title] != n {
				t.Errorf("%v: %s 编制 %v, want %v (all %v)", c.args, title, got[title], n, got)
			}
		}
	}
	db := filepath.Join(dir, "plans.db")
	if code, _, errs := run(t, "--lang", "en", "import", file, "--db", db, "--range", "middle"); code != 2 || !strings.Contains(errs, "--range") {
		t.Errorf("--range middle: exit %d %q, want 2 naming the flag", code, errs)
	}
}

// TestCLIImportFirstTable: a second table lower down the sheet is
// imported by default and left out with --first-table.
func TestCLIImportFirstTable(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "两表.xlsx")
	writeRows(t, file, [][]any{
		{"部门", "岗位", "编制", "备注"},
		{"财务部", "会计", 2, ""},
		{"生产部", "操作工", 10, ""},
		{},
		{"序号", "职位", "人数", "备注"},
		{1, "司机", 2, ""},
		{2, "保安", 3, ""},
	})
	both := filepath.Join(t.TempDir(), "plans.db")
	if code, _, errs := run(t, "import", file, "--db", both); code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	if got := postsShown(t, both); len(got) != 4 || got["保安"] != 3 {
		t.Errorf("by default: posts %v, want both tables", got)
	}
	first := filepath.Join(t.TempDir(), "plans.db")
	code, _, errs := run(t, "--lang", "en", "import", file, "--db", first, "--first-table")
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	if got := postsShown(t, first); len(got) != 2 || got["会计"] != 2 || got["操作工"] != 10 {
		t.Errorf("--first-table: posts %v, want 会计 2 and 操作工 10 only", got)
	}
	if !strings.Contains(errs, "left out") {
		t.Errorf("no warning that the second table is left out: %q", errs)
	}
}
