package app

import (
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/data/model"
	"staffplan/data/store"
)

// positionEditor edits the core fields of one post. It holds the edited
// values until Save, which writes them as one undoable change.
type positionEditor struct {
	u  *UI
	id model.ID // the post being edited; 0 when none

	heading *widget.Label
	title   *formEntry
	unit    *widget.Select
	reports *widget.Select
	planned *formEntry
	status  *widget.Select
	note    *formEntry
	figures *widget.Label
	holders *widget.Label
	message *widget.Label
	save    *widget.Button
	revert  *widget.Button
	del     *widget.Button
	form    *widget.Form
	empty   *widget.Label
	body    *fyne.Container
	content *fyne.Container

	unitIDs []model.ID // parallel to unit.Options
	postIDs []model.ID // parallel to reports.Options; 0 first for "none"

	loading bool // true while fields are set from the store
	dirty   bool
}

func newPositionEditor(u *UI) *positionEditor {
	e := &positionEditor{u: u}
	e.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.title = newFormEntry(u.Redo)
	e.unit = widget.NewSelect(nil, nil)
	e.reports = widget.NewSelect(nil, nil)
	e.planned = newFormEntry(u.Redo)
	e.status = widget.NewSelect(nil, nil)
	for _, s := range model.PositionStatuses {
		e.status.Options = append(e.status.Options, StatusText(s))
	}
	e.note = newFormEntry(u.Redo)
	e.note.MultiLine = true
	e.note.Wrapping = fyne.TextWrapWord
	e.note.SetMinRowsVisible(2)
	e.figures = widget.NewLabel("")
	e.holders = widget.NewLabel("")
	e.holders.Wrapping = fyne.TextWrapWord
	e.message = widget.NewLabel("")
	e.message.Importance = widget.DangerImportance
	e.message.Wrapping = fyne.TextWrapWord

	changed := func() {
		if !e.loading {
			e.dirty = true
			e.validate()
		}
	}
	e.title.OnChanged = func(string) { changed() }
	e.planned.OnChanged = func(string) { changed() }
	e.unit.OnChanged = func(string) { changed() }
	e.reports.OnChanged = func(string) { changed() }
	e.status.OnChanged = func(string) { changed() }
	e.note.OnChanged = func(string) { changed() }

	e.form = widget.NewForm(
		widget.NewFormItem(lang.X("pos.title", "Title"), e.title),
		widget.NewFormItem(lang.X("pos.unit", "Unit"), e.unit),
		widget.NewFormItem(lang.X("pos.reports_to", "Reports to"), e.reports),
		widget.NewFormItem(lang.X("pos.planned", "Planned (FTE)"), e.planned),
		widget.NewFormItem(lang.X("pos.status", "Status"), e.status),
		widget.NewFormItem(lang.X("pos.note", "Note"), e.note),
		widget.NewFormItem(lang.X("pos.figures", "In post"), e.figures),
		widget.NewFormItem(lang.X("pos.holders", "Holders"), e.holders),
	)
	e.save = widget.NewButtonWithIcon(lang.X("btn.save", "Save"), theme.DocumentSaveIcon(), func() { e.Save() })
	e.save.Importance = widget.HighImportance
	e.revert = widget.NewButtonWithIcon(lang.X("btn.revert", "Revert"), theme.ContentUndoIcon(), e.discard)
	e.del = widget.NewButtonWithIcon(lang.X("btn.delete_post", "Delete post"), theme.DeleteIcon(), func() {
		if e.id != 0 {
			u.deletePosition(e.id)
		}
	})
	e.empty = widget.NewLabel(lang.X("pos.none", "Choose a post in the outline, or add one with +."))
	e.empty.Wrapping = fyne.TextWrapWord
	buttons := container.NewHBox(e.save, e.revert, e.del)
	e.body = container.NewVBox(e.heading, e.form, e.message, buttons)
	e.content = container.NewStack(container.NewVScroll(e.body), container.NewVScroll(e.empty))
	e.clear()
	return e
}

// clear shows no post.
func (e *positionEditor) clear() {
	e.id = 0
	e.dirty = false
	e.body.Hide()
	e.heading.SetText("")
	e.message.SetText("")
	e.empty.SetText(e.u.planSummary())
	e.empty.Show()
}

// load shows post id, discarding unsaved edits (callers ask first).
func (e *positionEditor) load(id model.ID) {
	p := e.u.posts[id]
	if p == nil {
		e.clear()
		return
	}
	e.id = id
	e.fill(p)
	e.u.outline.reveal(id)
}

// refresh re-reads the post after the data changed underneath the editor.
func (e *positionEditor) refresh() {
	if e.id == 0 {
		e.empty.SetText(e.u.planSummary())
		return
	}
	p := e.u.posts[e.id]
	if p == nil {
		e.clear()
		return
	}
	if !e.dirty {
		e.fill(p)
	} else {
		e.fillChoices(p)
	}
}

func (e *positionEditor) fillChoices(p *model.Position) {
	u := e.u
	// Units in outline order, shown by path.
	e.unitIDs = e.unitIDs[:0]
	e.unit.Options = e.unit.Options[:0]
	var walk func(parent model.ID)
	walk = func(parent model.ID) {
		for _, id := range u.fig.Children[parent] {
			e.unitIDs = append(e.unitIDs, id)
			e.unit.Options = append(e.unit.Options, u.unitPathText(id))
			walk(id)
		}
	}
	walk(0)
	// Any post but itself and those under it can be its manager.
	under := map[model.ID]bool{p.ID: true}
	var mark func(id model.ID)
	mark = func(id model.ID) {
		for _, c := range u.fig.Reports[id] {
			if !under[c] {
				under[c] = true
				mark(c)
			}
		}
	}
	if p.ID != 0 {
		mark(p.ID)
	}
	e.postIDs = []model.ID{0}
	e.reports.Options = []string{lang.X("pos.no_manager", "— none —")}
	for _, uid := range e.unitIDs {
		for _, pid := range u.fig.PostsIn[uid] {
			if under[pid] {
				continue
			}
			e.postIDs = append(e.postIDs, pid)
			e.reports.Options = append(e.reports.Options, u.posts[pid].Title+" · "+u.units[uid].Name)
		}
	}
	e.unit.Refresh()
	e.reports.Refresh()
}

func (e *positionEditor) fill(p *model.Position) {
	e.loading = true
	defer func() { e.loading = false }()
	e.fillChoices(p)
	e.heading.SetText(p.Title)
	e.title.SetText(p.Title)
	e.planned.SetText(FormatFTE(p.Planned))
	e.unit.ClearSelected()
	for i, id := range e.unitIDs {
		if id == p.Unit {
			e.unit.SetSelectedIndex(i)
		}
	}
	e.reports.SetSelectedIndex(0)
	for i, id := range e.postIDs {
		if id == p.ReportsTo {
			e.reports.SetSelectedIndex(i)
		}
	}
	e.status.SetSelectedIndex(int(p.Status))
	e.note.SetText(p.Note)
	pf := e.u.fig.Positions[p.ID]
	if pf != nil {
		e.figures.SetText(figureText(pf.Planned, pf.Actual))
		e.figures.Importance = gapImportance(pf.Vacancy)
		e.figures.Refresh()
		var names []string
		for _, h := range pf.Holders {
			s := h.Name + " (" + FormatFTE(h.FTE) + ")"
			if h.Concurrent {
				s += " " + lang.X("pos.concurrent", "(concurrent)")
			}
			names = append(names, s)
		}
		if len(names) == 0 {
			names = []string{lang.X("pos.no_holders", "nobody yet")}
		}
		e.holders.SetText(strings.Join(names, "、"))
	}
	e.message.SetText("")
	e.dirty = false
	e.empty.Hide()
	e.body.Show()
	e.save.Enable()
}

// validate checks the fields as typed and shows the first problem.
func (e *positionEditor) validate() bool {
	msg := ""
	if strings.TrimSpace(e.title.Text) == "" {
		msg = lang.X("err.title_required", "A post needs a title.")
	} else if _, ok := ParseFTE(e.planned.Text); !ok {
		msg = lang.X("err.planned_number", "Planned headcount must be a number of zero or more, such as 1 or 0.5.")
	} else if e.unit.SelectedIndex() < 0 {
		msg = lang.X("err.unit_required", "Choose the unit the post belongs to.")
	}
	e.message.SetText(msg)
	if msg != "" {
		e.save.Disable()
		return false
	}
	e.save.Enable()
	return true
}

// Save writes the edited fields as one undoable change. It reports whether
// the change was stored.
func (e *positionEditor) Save() bool {
	if e.id == 0 || !e.validate() {
		return false
	}
	planned, _ := ParseFTE(e.planned.Text)
	title := strings.TrimSpace(e.title.Text)
	unit := e.unitIDs[e.unit.SelectedIndex()]
	var reports model.ID
	if i := e.reports.SelectedIndex(); i > 0 {
		reports = e.postIDs[i]
	}
	status := model.PositionStatuses[max(0, e.status.SelectedIndex())]
	note := strings.TrimSpace(e.note.Text)
	id := e.id
	label := lang.X("change.edit_post", "edit “{{.name}}”", map[string]any{"name": title})
	err := e.u.apply(label, func(tx *store.Tx) error {
		p, err := tx.Position(id)
		if err != nil {
			return err
		}
		p.Title, p.Unit, p.ReportsTo, p.Planned, p.Status, p.Note = title, unit, reports, planned, status, note
		return tx.PutPosition(&p)
	})
	if err != nil {
		e.message.SetText(ErrText(err))
		return false
	}
	e.dirty = false
	e.refresh()
	return true
}

// discard drops unsaved edits.
func (e *positionEditor) discard() {
	e.dirty = false
	e.refresh()
}

// confirmLeave runs next once unsaved edits are saved or discarded, asking
// the user which.
func (e *positionEditor) confirmLeave(next func()) {
	if !e.dirty || e.id == 0 {
		next()
		return
	}
	d := dialog.NewCustomConfirm(lang.X("dlg.unsaved.title", "Unsaved changes"),
		lang.X("btn.save", "Save"), lang.X("btn.discard", "Discard"),
		widget.NewLabel(lang.X("dlg.unsaved.text", "Save the changes to “{{.name}}”?",
			map[string]any{"name": e.heading.Text})),
		func(save bool) {
			if save {
				if !e.Save() {
					return
				}
			} else {
				e.discard()
			}
			next()
		}, e.u.win)
	d.Show()
}

// addPosition creates a post in the selected unit and opens it.
func (u *UI) addPosition() {
	unit := u.selUnit
	if unit == 0 || u.units[unit] == nil {
		if len(u.fig.Children[0]) == 0 {
			u.showError(fmt.Errorf("%s", lang.X("err.need_unit", "Add a unit first.")))
			return
		}
		unit = u.fig.Children[0][0]
	}
	u.editor.confirmLeave(func() {
		p := model.Position{Title: lang.X("pos.new_title", "New post"), Unit: unit, Planned: 1,
			Order: len(u.fig.PostsIn[unit])}
		// A new post reports to the unit's first post, its usual head.
		if heads := u.fig.PostsIn[unit]; len(heads) > 0 {
			p.ReportsTo = heads[0]
		}
		err := u.apply(lang.X("change.add_post", "add post"), func(tx *store.Tx) error {
			return tx.PutPosition(&p)
		})
		if err != nil {
			u.showError(err)
			return
		}
		u.editor.load(p.ID)
		u.tabs.Select(u.posTab)
		u.win.Canvas().Focus(u.editor.title)
	})
}

// deletePosition removes a post after asking; a post with holders is
// refused with the reason.
func (u *UI) deletePosition(id model.ID) {
	p := u.posts[id]
	if p == nil {
		return
	}
	if pf := u.fig.Positions[id]; pf != nil && len(pf.Holders) > 0 {
		u.showError(fmt.Errorf("%s", lang.X("err.post_has_holders",
			"“{{.name}}” still has holders. Move or remove them in the roster first.", map[string]any{"name": p.Title})))
		return
	}
	title := p.Title
	dialog.ShowConfirm(lang.X("dlg.delete_post.title", "Delete post"),
		lang.X("dlg.delete_post.text", "Delete “{{.name}}”? Its direct reports will report to its manager. You can undo this.",
			map[string]any{"name": title}),
		func(ok bool) {
			if !ok {
				return
			}
			err := u.apply(lang.X("change.delete_post", "delete “{{.name}}”", map[string]any{"name": title}),
				func(tx *store.Tx) error { return tx.DeletePosition(id) })
			if err != nil {
				u.showError(err)
				return
			}
			u.editor.clear()
		}, u.win)
}

// deleteSelected deletes the post in the editor, or the selected unit.
func (u *UI) deleteSelected() {
	if u.editor.id != 0 {
		u.deletePosition(u.editor.id)
		return
	}
	if u.selUnit != 0 {
		u.deleteUnit(u.selUnit)
	}
}

// planSummary is shown when no post is chosen: what the plan is and how to
// start.
func (u *UI) planSummary() string {
	if u.data == nil || u.data.Plan.ID == 0 {
		return lang.X("pos.none", "Choose a post in the outline, or add one with +.")
	}
	p := u.data.Plan
	lines := []string{p.Name}
	if p.Organisation != "" && p.Organisation != p.Name {
		lines = append(lines, lang.X("plan.summary.org", "Organisation: {{.org}}", map[string]any{"org": p.Organisation}))
	}
	if !p.Effective.IsZero() {
		lines = append(lines, lang.X("plan.summary.effective", "Effective: {{.date}}", map[string]any{"date": p.Effective.Format("2006-01-02")}))
	}
	lines = append(lines, lang.X("plan.summary.counts", "{{.units}} units · {{.posts}} posts · {{.people}} people in post",
		map[string]any{"units": len(u.data.Units), "posts": len(u.data.Positions), "people": u.fig.PeopleInPost}))
	if p.Notes != "" {
		lines = append(lines, "", p.Notes)
	}
	lines = append(lines, "", lang.X("pos.none", "Choose a post in the outline, or add one with +."))
	return strings.Join(lines, "\n")
}
