package gui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/template"
)

// templateRow is one line of the template chooser: an industry heading or
// a template under it.
type templateRow struct {
	heading string
	info    *template.Info
}

// templateRows lays the templates out under their industry headings, in
// the order of template.Groups.
func templateRows(infos []template.Info) []templateRow {
	var rows []templateRow
	for _, g := range template.Groups(infos) {
		rows = append(rows, templateRow{heading: core.IndustryText(g.Industry)})
		for i := range g.Templates {
			rows = append(rows, templateRow{info: &g.Templates[i]})
		}
	}
	return rows
}

// templateDialog is File › New from template: the templates grouped by
// industry, the chosen one's one-line description and the rule set that
// comes with it. Create makes the plan (one undoable change) and loads the
// rule set into its calculator (a second, named one).
func (u *UI) templateDialog() {
	infos, err := template.List(assets.Templates())
	if err != nil {
		u.showError(err)
		return
	}
	_, sheets, err := core.RuleSets()
	if err != nil {
		u.showError(err)
		return
	}
	rows := templateRows(infos)
	desc := widget.NewLabel("")
	desc.Wrapping = fyne.TextWrapWord
	chosen := -1
	list := newKeyList(u, func() int { return len(rows) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			// Headings in bold and the theme's primary colour: the CJK
			// fallback font has no bold face, so the colour is what
			// tells a heading from a template.
			if r := rows[i]; r.info == nil {
				l.TextStyle, l.Importance = fyne.TextStyle{Bold: true}, widget.HighImportance
				l.SetText(r.heading)
			} else {
				l.TextStyle, l.Importance = fyne.TextStyle{}, widget.MediumImportance
				l.SetText("    " + core.Pick(r.info.Title))
			}
		})
	list.OnSelected = func(i widget.ListItemID) {
		if rows[i].info == nil {
			// A heading is not a template: keep the last choice.
			list.Unselect(i)
			if chosen >= 0 {
				list.Select(chosen)
			}
			return
		}
		chosen = i
		in := rows[i].info
		text := core.Pick(in.Description)
		if s := sheets[in.Rules]; s != nil {
			text += "\n" + lang.X("dlg.template.rules", "Rule set: {{.name}}", map[string]any{"name": core.Pick(s.Title)})
		}
		desc.SetText(text)
	}
	// Most of the height for the list: a dozen templates and their
	// headings, the description below.
	content := container.NewVSplit(list, container.NewVScroll(desc))
	content.Offset = 0.7
	d := dialog.NewCustomConfirm(lang.X("dlg.template", "New plan from template"),
		lang.X("btn.create", "Create"), lang.X("btn.cancel", "Cancel"), content, func(ok bool) {
			if !ok || chosen < 0 {
				return
			}
			in := *rows[chosen].info
			data, err := template.Load(assets.Templates(), in.Name)
			if err != nil {
				u.showError(err)
				return
			}
			u.createPlanThen(data, lang.X("change.new_plan", "new plan “{{.name}}”", map[string]any{"name": data.Plan.Name}), func() {
				if s := sheets[in.Rules]; s != nil {
					u.calc.load(s)
				}
			})
		}, u.win)
	d.Resize(fyne.NewSize(600, 600))
	for i, r := range rows {
		if r.info != nil {
			list.Select(i)
			break
		}
	}
	d.Show()
	u.onKeys(d.Confirm, d.Hide)
}
