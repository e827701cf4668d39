package cli

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"staffplan/data/importer"
)

// TestCLIUnitsExportImportsBack: `export --kind units` writes the org
// structure with the unit codes an import gave, and `import` of that file
// into a new database gives the same units with their codes, so a roster
// by code then lands in them.
func TestCLIUnitsExportImportsBack(t *testing.T) {
	dir := t.TempDir()
	org := filepath.Join(dir, "组织架构.xlsx")
	writeRows(t, org, [][]any{
		{"部门编码", "部门名称", "上级部门编码"},
		{"D1", "示例公司", ""},
		{"D10", "销售部", "D1"},
		{"D11", "华东组", "D10"},
	})
	a := filepath.Join(dir, "a.db")
	if code, _, errs := run(t, "import", org, "--db", a); code != 0 {
		t.Fatalf("org import: %d %s", code, errs)
	}
	for _, lng := range []string{"zh", "en"} {
		out := filepath.Join(t.TempDir(), "units.xlsx")
		if code, _, errs := run(t, "--lang", lng, "export", "--db", a, "--kind", "units", "--out", out); code != 0 {
			t.Fatalf("%s: export: %d %s", lng, code, errs)
		}
		b := filepath.Join(t.TempDir(), "b.db")
		code, stdout, errs := run(t, "import", out, "--db", b, "--json")
		if code != 0 {
			t.Fatalf("%s: import of the export: %d %s", lng, code, errs)
		}
		var sum importer.Summary
		if err := json.Unmarshal([]byte(stdout), &sum); err != nil {
			t.Fatal(err)
		}
		if sum.Kind != importer.KindOrg || sum.Units != 3 {
			t.Errorf("%s: the export read back as %+v, want an org structure of 3 units", lng, sum)
		}
		roster := filepath.Join(t.TempDir(), "花名册.xlsx")
		writeRows(t, roster, [][]any{{"工号", "姓名", "部门编码", "岗位"}, {"E1", "张三", "D11", "销售代表"}})
		if code, stdout, errs := run(t, "import", roster, "--db", b, "--json"); code != 0 {
			t.Fatalf("%s: roster: %d %s", lng, code, errs)
		} else if err := json.Unmarshal([]byte(stdout), &sum); err != nil || sum.Units != 0 || sum.People != 1 {
			t.Errorf("%s: the roster by code made units or lost its person: %+v", lng, sum)
		}
		if got := postsShown(t, b); got["销售代表"] != 1 {
			t.Errorf("%s: posts %v", lng, got)
		}
	}
}
