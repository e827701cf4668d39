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

// unitForm is the dialog content for adding or editing a unit.
type unitForm struct {
	name    *dialogEntry // Escape-aware, as are the other fields: Escape cancels while typing
	kind    *widget.Select
	parent  *widget.Select
	code    *dialogEntry // 部门编码, by which imports find the unit
	note    *dialogEntry
	starts  *dialogEntry // a new unit's first month, for the projection
	parents []model.ID
}

// onEscape makes Escape in any field run hide.
func (f *unitForm) onEscape(hide func()) {
	f.name.onEscape, f.code.onEscape, f.note.onEscape, f.starts.onEscape = hide, hide, hide, hide
}

func (u *UI) newUnitForm() *unitForm {
	f := &unitForm{name: newDialogEntry(), code: newDialogEntry(), note: newDialogEntry(), starts: newDialogEntry()}
	f.starts.SetPlaceHolder(lang.X("pos.starts_hint", "a month such as 2027-06; blank: exists now"))
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
		widget.NewFormItem(lang.X("unit.code", "Code"), f.code),
		widget.NewFormItem(lang.X("unit.note", "Note"), f.note),
		widget.NewFormItem(lang.X("unit.starts", "Set up from"), f.starts),
	}
	d := dialog.NewForm(lang.X("dlg.add_unit", "Add unit"), lang.X("btn.add", "Add"), lang.X("btn.cancel", "Cancel"),
		items, func(ok bool) {
			if ok {
				u.addUnit(f)
			}
		}, u.win)
	f.onEscape(d.Hide)
	d.Resize(fyne.NewSize(420, 300))
	d.Show()
	u.win.Canvas().Focus(f.name)
}

func (u *UI) addUnit(f *unitForm) {
	name := strings.TrimSpace(f.name.Text)
	unit := model.Unit{Name: name, Kind: model.UnitKinds[max(0, f.kind.SelectedIndex())],
		Parent: f.parents[max(0, f.parent.SelectedIndex())], Code: strings.TrimSpace(f.code.Text), Note: strings.TrimSpace(f.note.Text)}
	if t := strings.TrimSpace(f.starts.Text); t != "" {
		m, ok := model.ParseMonth(t)
		if !ok {
			u.showError(fmt.Errorf("%s", lang.X("err.month_text", "“{{.text}}” is not a month such as 2027-03.", map[string]any{"text": t})))
			return
		}
		unit.Starts = m
	}
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

// editUnitDialog changes the name, kind, code and note of a unit (its
// place in the tree changes by dragging it in the chart).
func (u *UI) editUnitDialog(id model.ID) {
	unit := u.units[id]
	if unit == nil {
		return
	}
	f := u.newUnitForm()
	f.name.SetText(unit.Name)
	f.kind.SetSelectedIndex(int(unit.Kind))
	f.code.SetText(unit.Code)
	f.note.SetText(unit.Note)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("unit.name", "Name"), f.name),
		widget.NewFormItem(lang.X("unit.kind", "Kind"), f.kind),
		widget.NewFormItem(lang.X("unit.code", "Code"), f.code),
		widget.NewFormItem(lang.X("unit.note", "Note"), f.note),
	}
	d := dialog.NewForm(lang.X("dlg.edit_unit", "Edit unit"), lang.X("btn.save", "Save"), lang.X("btn.cancel", "Cancel"),
		items, func(ok bool) {
			if ok {
				u.saveUnit(id, f)
			}
		}, u.win)
	f.onEscape(d.Hide)
	d.Resize(fyne.NewSize(420, 300))
	d.Show()
	u.onKeys(nil, d.Hide)
}

// saveUnit writes the edit form of unit id as one undoable change.
func (u *UI) saveUnit(id model.ID, f *unitForm) {
	name := strings.TrimSpace(f.name.Text)
	err := u.apply(lang.X("change.edit_unit", "change unit “{{.name}}”", map[string]any{"name": name}),
		func(tx *store.Tx) error {
			un, err := tx.Unit(id)
			if err != nil {
				return err
			}
			un.Name, un.Kind = name, model.UnitKinds[max(0, f.kind.SelectedIndex())]
			un.Code, un.Note = strings.TrimSpace(f.code.Text), strings.TrimSpace(f.note.Text)
			return tx.PutUnit(&un)
		})
	if err != nil {
		u.showError(err)
	}
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
