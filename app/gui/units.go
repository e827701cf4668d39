package gui

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
)

// unitForm is the dialog content for adding a unit.
type unitForm struct {
	name    *widget.Entry
	kind    *widget.Select
	parent  *widget.Select
	note    *widget.Entry
	parents []model.ID
}

func (u *UI) newUnitForm() *unitForm {
	f := &unitForm{name: widget.NewEntry(), note: widget.NewEntry()}
	f.kind = widget.NewSelect(nil, nil)
	for _, k := range model.UnitKinds {
		f.kind.Options = append(f.kind.Options, core.UnitKindText(k))
	}
	f.kind.SetSelectedIndex(int(model.UnitDepartment))
	f.parent = widget.NewSelect(nil, nil)
	f.parents = []model.ID{0}
	f.parent.Options = []string{lang.X("unit.top", "— top level —")}
	var walk func(parent model.ID)
	walk = func(parent model.ID) {
		for _, id := range u.fig.Children[parent] {
			f.parents = append(f.parents, id)
			f.parent.Options = append(f.parent.Options, u.unitPathText(id))
			walk(id)
		}
	}
	walk(0)
	f.parent.SetSelectedIndex(0)
	for i, id := range f.parents {
		if id == u.selUnit && id != 0 {
			f.parent.SetSelectedIndex(i)
		}
	}
	return f
}

// addUnitDialog asks for a unit's name, kind and parent and adds it.
func (u *UI) addUnitDialog() {
	if u.planID == 0 {
		u.showError(fmt.Errorf("%s", lang.X("err.no_plan", "There is no plan to change. Create one with File › New plan.")))
		return
	}
	f := u.newUnitForm()
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("unit.name", "Name"), f.name),
		widget.NewFormItem(lang.X("unit.kind", "Kind"), f.kind),
		widget.NewFormItem(lang.X("unit.parent", "Under"), f.parent),
		widget.NewFormItem(lang.X("unit.note", "Note"), f.note),
	}
	d := dialog.NewForm(lang.X("dlg.add_unit", "Add unit"), lang.X("btn.add", "Add"), lang.X("btn.cancel", "Cancel"),
		items, func(ok bool) {
			if ok {
				u.addUnit(f)
			}
		}, u.win)
	d.Resize(fyne.NewSize(420, 300))
	d.Show()
	u.win.Canvas().Focus(f.name)
}

func (u *UI) addUnit(f *unitForm) {
	name := strings.TrimSpace(f.name.Text)
	unit := model.Unit{Name: name, Kind: model.UnitKinds[max(0, f.kind.SelectedIndex())],
		Parent: f.parents[max(0, f.parent.SelectedIndex())], Note: strings.TrimSpace(f.note.Text)}
	err := u.apply(lang.X("change.add_unit", "add unit “{{.name}}”", map[string]any{"name": name}),
		func(tx *store.Tx) error { return ops.AddUnit(tx, &unit) })
	if err != nil {
		u.showError(err)
		return
	}
	u.selUnit = unit.ID
	u.outline.tree.OpenBranch(unitUID(unit.Parent))
	u.outline.tree.Select(unitUID(unit.ID))
}

// deleteUnit removes an empty unit after asking.
func (u *UI) deleteUnit(id model.ID) {
	unit := u.units[id]
	if unit == nil {
		return
	}
	name := unit.Name
	dialog.ShowConfirm(lang.X("dlg.delete_unit.title", "Delete unit"),
		lang.X("dlg.delete_unit.text", "Delete “{{.name}}”? You can undo this.", map[string]any{"name": name}),
		func(ok bool) {
			if !ok {
				return
			}
			err := u.apply(lang.X("change.delete_unit", "delete “{{.name}}”", map[string]any{"name": name}),
				func(tx *store.Tx) error { return ops.DeleteUnit(tx, id) })
			if err != nil {
				u.showError(err)
				return
			}
			u.selUnit = 0
		}, u.win)
}
