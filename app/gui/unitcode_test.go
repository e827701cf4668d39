package gui

import (
	"testing"

	"staffplan/data/model"
)

// TestUnitCodeInTheUnitDialogs: the code (部门编码) typed when adding a
// unit is stored, the edit dialog shows it, and changing it there (with a
// rename) is stored as one undoable change.
func TestUnitCodeInTheUnitDialogs(t *testing.T) {
	u := newTestUI(t)
	f := u.newUnitForm()
	f.name.SetText("质检组")
	f.code.SetText(" QC01 ")
	f.kind.SetSelectedIndex(int(model.UnitTeam))
	u.addUnit(f)
	q := u.unitByName(t, "质检组")
	if q.Code != "QC01" {
		t.Fatalf("added unit has code %q, want QC01", q.Code)
	}
	id := q.ID
	u.editUnitDialog(id)
	e := u.newUnitForm()
	e.name.SetText("质量组")
	e.kind.SetSelectedIndex(int(model.UnitTeam))
	e.code.SetText("QC02")
	u.saveUnit(id, e)
	d, err := u.st.LoadPlan(u.planID)
	if err != nil {
		t.Fatal(err)
	}
	var got model.Unit
	for _, x := range d.Units {
		if x.ID == id {
			got = x
		}
	}
	if got.Name != "质量组" || got.Code != "QC02" || got.Kind != model.UnitTeam {
		t.Errorf("stored unit %+v, want 质量组 with code QC02", got)
	}
	u.Undo()
	if q := u.unitByName(t, "质检组"); q.Code != "QC01" {
		t.Errorf("after undo the code is %q, want QC01", q.Code)
	}
}
