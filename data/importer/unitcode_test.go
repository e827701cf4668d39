package importer

import (
	"testing"

	"staffplan/data/model"
	"staffplan/data/store"
)

// orgWithCodes is an org structure that gives every unit a code (部门编码)
// and its parent by code, as HR systems export it.
func orgWithCodes(t testing.TB) string {
	return writeXLSX(t, tempPath(t, "组织架构.xlsx"), fixSheet{name: "组织架构", rows: [][]any{
		{"部门编码", "部门名称", "上级部门编码"},
		{"D1", "示例公司", ""},
		{"D10", "销售部", "D1"},
		{"D11", "华东组", "D10"},
		{"D20", "财务部", "D1"},
	}})
}

// rosterByCode names units only by the codes the org file gave.
func rosterByCode(t testing.TB) string {
	return writeXLSX(t, tempPath(t, "花名册.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门编码", "岗位"},
		{"E1", "张三", "D11", "销售代表"},
		{"E2", "李四", "d20 ", "会计"},
		{"E3", "王五", "D10", "销售经理"},
	}})
}

func codesOf(d *model.PlanData) map[string]string {
	out := map[string]string{}
	for _, u := range d.Units {
		out[join(model.UnitPath(d, u.ID))] = u.Code
	}
	return out
}

// importInto prepares path against the stored plan and commits it.
func importInto(t *testing.T, st *store.Store, planID model.ID, path string) (*Preview, *model.PlanData) {
	t.Helper()
	before, err := st.LoadPlan(planID)
	if err != nil {
		t.Fatal(err)
	}
	p := mustPrepare(t, mustRead(t, path, nil), before)
	if !p.OK() {
		t.Fatalf("preview errors: %v", p.Errors)
	}
	if _, err := Commit(st, planID, p, nil); err != nil {
		t.Fatal(err)
	}
	after, err := st.LoadPlan(planID)
	if err != nil {
		t.Fatal(err)
	}
	return p, after
}

// TestUnitCodesAcrossImports: the codes an org structure gave are kept
// with the units, and a later roster that names units only by code puts
// people in those units, not in new units named like the codes.
func TestUnitCodesAcrossImports(t *testing.T) {
	st := openStore(t)
	org, ch := commitNew(t, st, mustPrepare(t, mustRead(t, orgWithCodes(t), nil), nil))
	want := map[string]string{"示例公司": "D1", "示例公司/销售部": "D10", "示例公司/销售部/华东组": "D11", "示例公司/财务部": "D20"}
	if got := codesOf(org); len(got) != len(want) || got["示例公司/销售部/华东组"] != "D11" || got["示例公司/财务部"] != "D20" || got["示例公司"] != "D1" {
		t.Fatalf("units and codes after the org import: %v, want %v", got, want)
	}
	p, d := importInto(t, st, ch.PlanID, rosterByCode(t))
	if len(p.NewUnits) != 0 || len(d.Units) != 4 {
		t.Errorf("the roster made units %v; units now %v", p.NewUnits, codesOf(d))
	}
	for name, post := range map[string]string{"张三": "示例公司/销售部/华东组/销售代表", "李四": "示例公司/财务部/会计", "王五": "示例公司/销售部/销售经理"} {
		if got := postOf(d, personBy(t, d, name).ID); got != post {
			t.Errorf("%s in %q, want %q", name, got, post)
		}
	}
}

// TestRenamedUnitMatchedByCode: a unit renamed in the program after the
// org import is still the unit its code names, for a roster and for the
// org file imported again (which neither duplicates nor renames it).
func TestRenamedUnitMatchedByCode(t *testing.T) {
	st := openStore(t)
	org, ch := commitNew(t, st, mustPrepare(t, mustRead(t, orgWithCodes(t), nil), nil))
	var sales model.Unit
	for _, u := range org.Units {
		if u.Code == "D10" {
			sales = u
		}
	}
	if sales.ID == 0 {
		t.Fatalf("no unit has code D10: %v", codesOf(org))
	}
	sales.Name = "销售中心"
	if _, err := st.Update(ch.PlanID, "rename", func(tx *store.Tx) error { return tx.PutUnit(&sales) }); err != nil {
		t.Fatal(err)
	}
	_, d := importInto(t, st, ch.PlanID, rosterByCode(t))
	if got := postOf(d, personBy(t, d, "张三").ID); got != "示例公司/销售中心/华东组/销售代表" {
		t.Errorf("张三 in %q", got)
	}
	if got := postOf(d, personBy(t, d, "王五").ID); got != "示例公司/销售中心/销售经理" {
		t.Errorf("王五 in %q", got)
	}
	p, d := importInto(t, st, ch.PlanID, orgWithCodes(t))
	if len(p.NewUnits) != 0 || len(d.Units) != 4 {
		t.Errorf("the org file again made units %v; units now %v", p.NewUnits, codesOf(d))
	}
}

// TestUnitCodeFromRoster: a roster that gives a unit's code beside its
// name stores the code, so a later file with the code alone finds it.
func TestUnitCodeFromRoster(t *testing.T) {
	st := openStore(t)
	first := writeXLSX(t, tempPath(t, "v1.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "部门编码", "岗位"},
		{"E1", "甲", "财务部", "F01", "会计"},
	}})
	d, ch := commitNew(t, st, mustPrepare(t, mustRead(t, first, nil), nil))
	if got := codesOf(d); got["财务部"] != "F01" {
		t.Fatalf("codes %v", got)
	}
	second := writeXLSX(t, tempPath(t, "v2.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门编码", "岗位"},
		{"E2", "乙", "F01", "出纳"},
	}})
	_, d = importInto(t, st, ch.PlanID, second)
	if got := postOf(d, personBy(t, d, "乙").ID); got != "财务部/出纳" {
		t.Errorf("乙 in %q; units %v", got, codesOf(d))
	}
}

// TestOrgCodesOntoExistingUnits: an org structure with codes imported over
// the same units made earlier by name gives them the codes, makes no unit,
// and the preview counts the units it updates.
func TestOrgCodesOntoExistingUnits(t *testing.T) {
	st := openStore(t)
	byName := writeXLSX(t, tempPath(t, "架构.xlsx"), fixSheet{name: "组织架构", rows: [][]any{
		{"部门名称", "上级部门"},
		{"示例公司", ""},
		{"销售部", "示例公司"},
		{"华东组", "销售部"},
		{"财务部", "示例公司"},
	}})
	_, ch := commitNew(t, st, mustPrepare(t, mustRead(t, byName, nil), nil))
	p, d := importInto(t, st, ch.PlanID, orgWithCodes(t))
	if len(p.NewUnits) != 0 || p.Updated != 4 || p.Created != 0 {
		t.Errorf("new units %v, updated %d, created %d; want 0, 4, 0", p.NewUnits, p.Updated, p.Created)
	}
	if got := codesOf(d); got["示例公司/销售部/华东组"] != "D11" || got["示例公司"] != "D1" || len(got) != 4 {
		t.Errorf("codes %v", got)
	}
}

// TestUnitColumnByCodeAcrossFiles: a teams file by short name and parent,
// then a people file whose unit column gives those short names: the people
// land in the teams the first file made, not in new units named like the
// codes. A value that is a unit's name stays that unit.
func TestUnitColumnByCodeAcrossFiles(t *testing.T) {
	st := openStore(t)
	teams := writeXLSX(t, tempPath(t, "teams.xlsx"), fixSheet{name: "teams", rows: [][]any{
		{"short_name", "full_name", "parent"},
		{"ops", "Operations", ""},
		{"web", "Web Team", "ops"},
		{"data", "Data Team", "ops"},
	}})
	w := mustRead(t, teams, nil)
	if w.Kind != KindOrg {
		t.Fatalf("teams read as %q", w.Kind)
	}
	org, ch := commitNew(t, st, mustPrepare(t, w, nil))
	if got := codesOf(org); got["Operations/Web Team"] != "web" {
		t.Fatalf("teams and codes %v", got)
	}
	people := writeXLSX(t, tempPath(t, "people.xlsx"), fixSheet{name: "people", rows: [][]any{
		{"name", "job_title", "home_team"},
		{"Ann", "Lead", "web"},
		{"Bob", "Analyst", "data"},
		{"Cat", "Manager", "Operations"},
	}})
	p, d := importInto(t, st, ch.PlanID, people)
	if len(p.NewUnits) != 0 {
		t.Errorf("the people file made units %v", p.NewUnits)
	}
	for name, post := range map[string]string{"Ann": "Operations/Web Team/Lead", "Bob": "Operations/Data Team/Analyst", "Cat": "Operations/Manager"} {
		if got := postOf(d, personBy(t, d, name).ID); got != post {
			t.Errorf("%s in %q, want %q", name, got, post)
		}
	}
}
