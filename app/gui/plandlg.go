package gui

import (
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
	"staffplan/data/template"
)

// planForm edits a plan's own settings, the working-time basis among them.
type planForm struct {
	name, org, effective, days, hours *dialogEntry // Escape-aware: Escape cancels while typing
	notes                             *widget.Entry
	basis                             *widget.Select
}

func newPlanForm(p model.Plan) *planForm {
	f := &planForm{name: newDialogEntry(), org: newDialogEntry(), effective: newDialogEntry(),
		notes: widget.NewMultiLineEntry(), days: newDialogEntry(), hours: newDialogEntry()}
	f.name.SetText(p.Name)
	f.org.SetText(p.Organisation)
	f.effective.SetPlaceHolder("2026-01-01")
	if !p.Effective.IsZero() {
		f.effective.SetText(p.Effective.Format(time.DateOnly))
	}
	f.notes.SetText(p.Notes)
	f.notes.Wrapping = fyne.TextWrapWord
	f.notes.SetMinRowsVisible(4)
	f.basis = widget.NewSelect([]string{
		core.BasisText(model.WorkBasis{Kind: model.Basis2025}),
		core.BasisText(model.WorkBasis{Kind: model.Basis2008}),
		lang.X("basis.custom_choice", "custom…"),
	}, func(string) { f.customVisible() })
	f.basis.SetSelectedIndex(int(p.Basis.Kind))
	f.days.SetText(core.FormatFTE(p.Basis.DaysPerMonth()))
	f.hours.SetText(core.FormatFTE(p.Basis.HoursPerMonth()))
	f.customVisible()
	return f
}

func (f *planForm) customVisible() {
	if f.basis.SelectedIndex() == int(model.BasisCustom) {
		f.days.Enable()
		f.hours.Enable()
	} else {
		f.days.Disable()
		f.hours.Disable()
	}
}

// result checks the form and returns the edited plan.
func (f *planForm) result(p model.Plan) (model.Plan, error) {
	p.Name = strings.TrimSpace(f.name.Text)
	p.Organisation = strings.TrimSpace(f.org.Text)
	p.Notes = strings.TrimSpace(f.notes.Text)
	if p.Name == "" {
		return p, fmt.Errorf("%s", lang.X("err.plan_name", "A plan needs a name."))
	}
	p.Effective = time.Time{}
	if s := strings.TrimSpace(f.effective.Text); s != "" {
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return p, fmt.Errorf("%s", lang.X("err.plan_date", "The effective date must look like 2026-01-01."))
		}
		p.Effective = t
	}
	p.Basis = model.WorkBasis{Kind: model.BasisKind(max(0, f.basis.SelectedIndex()))}
	if p.Basis.Kind == model.BasisCustom {
		days, ok1 := core.ParseFTE(f.days.Text)
		hours, ok2 := core.ParseFTE(f.hours.Text)
		if !ok1 || !ok2 || days <= 0 || days > 31 || hours <= 0 || hours > 744 {
			return p, fmt.Errorf("%s", lang.X("err.basis", "Custom working time needs days (1–31) and hours (more than 0) a month."))
		}
		p.Basis.Days, p.Basis.Hours = days, hours
	}
	return p, nil
}

// planSettingsDialog edits the shown plan's name, organisation, date, notes
// and working-time basis as one undoable change.
func (u *UI) planSettingsDialog() {
	if u.planID == 0 {
		return
	}
	f := newPlanForm(u.data.Plan)
	items := []*widget.FormItem{
		widget.NewFormItem(lang.X("plan.name", "Plan name"), f.name),
		widget.NewFormItem(lang.X("plan.organisation", "Organisation"), f.org),
		widget.NewFormItem(lang.X("plan.effective", "Effective date"), f.effective),
		widget.NewFormItem(lang.X("plan.basis", "Working time"), f.basis),
		widget.NewFormItem(lang.X("plan.days", "Days a month"), f.days),
		widget.NewFormItem(lang.X("plan.hours", "Hours a month"), f.hours),
		widget.NewFormItem(lang.X("plan.notes", "Notes"), f.notes),
	}
	d := dialog.NewForm(lang.X("dlg.plan_settings", "Plan settings"), lang.X("btn.save", "Save"), lang.X("btn.cancel", "Cancel"),
		items, func(ok bool) {
			if ok {
				u.savePlanSettings(f)
			}
		}, u.win)
	for _, e := range []*dialogEntry{f.name, f.org, f.effective, f.days, f.hours} {
		e.onEscape = d.Hide
	}
	d.Resize(fyne.NewSize(560, 480))
	d.Show()
	u.onKeys(nil, d.Hide)
}

func (u *UI) savePlanSettings(f *planForm) {
	p, err := f.result(u.data.Plan)
	if err != nil {
		u.showError(err)
		return
	}
	err = u.apply(lang.X("change.plan_settings", "plan settings"), func(tx *store.Tx) error {
		return ops.EditPlan(tx, func(q *model.Plan) { *q = p }) // the form's record replaces the stored one
	})
	if err != nil {
		u.showError(err)
	}
}

// deletePlanDialog removes the shown plan after asking; a backup is taken
// and the step can be undone.
func (u *UI) deletePlanDialog() {
	if u.planID == 0 {
		return
	}
	name, id := u.data.Plan.Name, u.planID
	dialog.ShowConfirm(lang.X("dlg.delete_plan", "Delete plan"),
		lang.X("dlg.delete_plan.text", "Delete the plan “{{.name}}” with all its units, posts and people? A backup is made first and you can undo this.",
			map[string]any{"name": name}),
		func(ok bool) {
			if !ok {
				return
			}
			ch, err := u.st.DeletePlan(id)
			if err != nil {
				u.showError(err)
				return
			}
			if ch != nil {
				ch.Label = lang.X("change.delete_plan", "delete plan “{{.name}}”", map[string]any{"name": name})
			}
			u.hist.Push(ch)
			u.editor.clear()
			u.reload()
			u.outline.openAll()
		}, u.win)
}

// sampleTemplate is the template a first start offers: the default one.
func sampleTemplate() (template.Info, bool) {
	infos, err := template.List(assets.Templates())
	if err != nil || len(infos) == 0 {
		return template.Info{}, false
	}
	return infos[0], true
}

// firstStartDialog asks a new user how to begin: from the sample plan,
// with an empty plan of their own, or from their roster or staffing table.
// Enter takes the sample, so the first start still opens on it with one key.
func (u *UI) firstStartDialog() {
	info, ok := sampleTemplate()
	text := widget.NewLabel(lang.X("first.text", "This plan database is new. How do you want to start?"))
	text.Wrapping = fyne.TextWrapWord
	var d dialog.Dialog
	choose := func(next func()) func() {
		return func() {
			u.firstStart = nil
			d.Hide()
			next()
		}
	}
	sampleName := ""
	if ok {
		sampleName = core.Pick(info.Title)
	}
	sample := widget.NewButtonWithIcon(lang.X("first.sample", "Start from the sample: {{.name}}", map[string]any{"name": sampleName}),
		theme.DocumentIcon(), choose(func() { u.startFromTemplate(info.Name) }))
	sample.Importance = widget.HighImportance
	sample.Alignment = widget.ButtonAlignLeading
	empty := widget.NewButtonWithIcon(lang.X("first.empty", "Start with an empty plan…"), theme.ContentAddIcon(), choose(u.newPlanDialog))
	empty.Alignment = widget.ButtonAlignLeading
	imp := widget.NewButtonWithIcon(lang.X("first.import", "Import my roster or staffing table…"), theme.FolderOpenIcon(), choose(u.importDialog))
	imp.Alignment = widget.ButtonAlignLeading
	hint := widget.NewLabel(lang.X("first.hint", "Enter starts from the sample. A roster or staffing table dropped onto the window becomes a plan named after the file."))
	hint.Wrapping = fyne.TextWrapWord
	hint.Importance = widget.LowImportance
	if !ok {
		sample.Disable()
	}
	d = dialog.NewCustomWithoutButtons(lang.X("first.title", "Welcome"), container.NewVBox(text, sample, empty, imp, hint), u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 520), 300))
	d.Show()
	u.firstStart = d
	if ok {
		u.onKeys(choose(func() { u.startFromTemplate(info.Name) }), nil)
	}
}

// offerFirstStart brings the first-start choice back when the user
// cancelled the way she chose from it and the database still holds no
// plan: otherwise the window is empty with nothing saying how to begin.
func (u *UI) offerFirstStart() {
	if len(u.plans) == 0 && u.firstStart == nil && u.pendingImport == nil {
		u.firstStartDialog()
	}
}

// closeFirstStart takes the first-start choice away when the user began
// another way (dropped a file onto the window).
func (u *UI) closeFirstStart() {
	if d := u.firstStart; d != nil {
		u.firstStart = nil
		d.Hide()
	}
}

// startFromTemplate creates a plan from a template and shows it.
func (u *UI) startFromTemplate(name string) {
	d, err := template.Load(assets.Templates(), name)
	if err != nil {
		u.showError(err)
		return
	}
	u.createPlan(d, lang.X("change.new_plan", "new plan “{{.name}}”", map[string]any{"name": d.Plan.Name}))
}

// untouchedSample reports whether the plan shown is still exactly the
// sample a first start creates: an import then makes a plan of its own
// rather than merging a real roster into the demo company.
func (u *UI) untouchedSample() bool {
	info, ok := sampleTemplate()
	return ok && u.planID != 0 && template.Unchanged(u.data, assets.Templates(), info.Name)
}
