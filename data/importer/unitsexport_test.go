package importer

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"testing"

	"staffplan/data/export"
	"staffplan/data/model"
	"staffplan/data/store"
)

// unitLinesOf is every unit as path, code and note: what the org
// structure export must carry.
func unitLinesOf(d *model.PlanData) []string {
	var out []string
	for _, u := range d.Units {
		out = append(out, fmt.Sprintf("%s|%s|%s", join(model.UnitPath(d, u.ID)), u.Code, u.Note))
	}
	slices.Sort(out)
	return out
}

// TestUnitsExportRoundTrip: the org structure export (部门编码, 部门路径,
// 备注), in either language, imports back as an org structure giving the
// same units with the same codes and notes; imported into the plan it came
// from after a coded unit was renamed there, it makes no unit.
func TestUnitsExportRoundTrip(t *testing.T) {
	plan := &model.PlanData{Plan: model.Plan{Name: "示例"}, Units: []model.Unit{
		{ID: 1, Name: "示例公司", Kind: model.UnitCompany, Code: "0001"},
		{ID: 2, Name: "销售部", Kind: model.UnitDepartment, Parent: 1, Code: "D10", Note: "华东与华南"},
		{ID: 3, Name: "华东组", Kind: model.UnitTeam, Parent: 2, Code: "D11"},
		{ID: 4, Name: "财务部", Kind: model.UnitDepartment, Parent: 1, Order: 1},
		{ID: 5, Name: "出纳组", Kind: model.UnitTeam, Parent: 4, Code: "F01"},
	}}
	for _, lang := range []string{"zh", "en"} {
		t.Run(lang, func(t *testing.T) {
			st := openStore(t)
			srcID, _, err := st.CreatePlan(plan, "test")
			if err != nil {
				t.Fatal(err)
			}
			src, err := st.LoadPlan(srcID)
			if err != nil {
				t.Fatal(err)
			}
			var buf bytes.Buffer
			if err := export.UnitsWorkbook(&buf, src, export.Options{Lang: lang}); err != nil {
				t.Fatal(err)
			}
			path := tempPath(t, "组织架构.xlsx")
			if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			w := mustRead(t, path, nil)
			if w.Kind != KindOrg {
				t.Fatalf("read as %q, want an org structure", w.Kind)
			}
			got, _ := commitNew(t, openStore(t), mustPrepare(t, w, nil))
			if a, b := unitLinesOf(src), unitLinesOf(got); !slices.Equal(a, b) {
				t.Errorf("round trip:\n%v\nbecame\n%v", a, b)
			}
			// Back into the plan it came from, after a rename there.
			for _, u := range src.Units {
				if u.Code == "D10" {
					u.Name = "销售中心"
					if _, err := st.Update(srcID, "rename", func(tx *store.Tx) error { return tx.PutUnit(&u) }); err != nil {
						t.Fatal(err)
					}
				}
			}
			before, _ := st.LoadPlan(srcID)
			p := mustPrepare(t, mustRead(t, path, nil), before)
			if len(p.NewUnits) != 0 || !p.OK() {
				t.Errorf("into the plan it came from: new units %v, errors %v", p.NewUnits, p.Errors)
			}
		})
	}
}
