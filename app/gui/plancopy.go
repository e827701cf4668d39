package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"
)

// copyPlanDialog asks for a name and makes a full copy of the plan shown
// (新方案: "2027 扩编方案"), to change and compare with the first in the
// Budget tab. One undoable step.
func (u *UI) copyPlanDialog() {
	if u.planID == 0 || u.data == nil {
		return
	}
	name := newDialogEntry()
	name.SetText(lang.X("plan.copy_name", "{{.name}} (copy)", map[string]any{"name": u.data.Plan.Name}))
	items := []*widget.FormItem{widget.NewFormItem(lang.X("plan.name", "Plan name"), name)}
	d := dialog.NewForm(lang.X("dlg.copy_plan", "New plan from this one"), lang.X("btn.create", "Create"), lang.X("btn.cancel", "Cancel"),
		items, func(ok bool) {
			if ok {
				u.copyPlan(strings.TrimSpace(name.Text))
			}
		}, u.win)
	d.Resize(fyne.NewSize(420, 160))
	d.Show()
	name.OnSubmitted = func(string) { d.Submit() }
	name.onEscape = d.Hide
	u.onKeys(d.Submit, d.Hide)
	u.win.Canvas().Focus(name)
}

// copyPlan stores a copy of the plan shown under another name and shows it.
func (u *UI) copyPlan(name string) {
	if name == "" {
		name = lang.X("plan.copy_name", "{{.name}} (copy)", map[string]any{"name": u.data.Plan.Name})
	}
	c := *u.data // CreatePlan reads the records and gives them new IDs; u.data is left alone
	c.Plan.Name = name
	u.createPlan(&c, lang.X("change.copy_plan", "new plan “{{.name}}” from this one", map[string]any{"name": name}))
}
