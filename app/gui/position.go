package gui

import (
	"errors"
	"fmt"
	"image/color"
	"math"
	"slices"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/model"
	"staffplan/data/ops"
	"staffplan/data/store"
	"staffplan/widgets"
)

// positionEditor is the 岗位说明书 form of one post. It holds the edited
// values until Save, which writes them as one undoable change. Holders are
// changed at once, each as its own undoable change.
type positionEditor struct {
	u  *UI
	id model.ID // the post being edited; 0 when none

	heading    *widget.Label
	title      *formEntry
	unit       *widget.Select
	reports    *widgets.Picker
	dotted     *fyne.Container // one button per dotted-line manager
	dottedAdd  *widgets.Picker
	grade      *formEntry
	planned    *formEntry
	status     *widget.Select
	employment *widget.Select
	shift      *formEntry
	salaryMin  *formEntry
	salaryMax  *formEntry
	mission    *formEntry
	duties     *fyne.Container // one row per duty
	education  *formEntry
	years      *formEntry
	certs      *formEntry
	other      *formEntry
	note       *formEntry
	pay        *payFields // pay, months, allowances, planned changes

	figures     *widget.Label
	reportsList *fyne.Container // direct reports as buttons
	// holderList shows the holders, a line each, made as they scroll into
	// view: a post on a production line has 250 holders, and a row of
	// widgets each took seconds to lay out.
	holderList *widget.List
	holderRows []model.Holder // what holderList shows
	noHolders  *widget.Label  // "nobody yet", instead of an empty list
	holderBox  *fyne.Container
	// reportIDs are the direct reports reportsList shows as buttons.
	reportIDs []model.ID
	assign    *widgets.Picker

	message *widget.Label
	save    *widget.Button
	revert  *widget.Button
	del     *widget.Button
	form    *widget.Form
	empty   *widget.Label
	// emptyScroll holds the plan summary shown when no post is open; it is
	// stacked over the form, so it must be hidden with the label or it takes
	// the form's scroll events.
	emptyScroll *container.Scroll
	formScroll  *container.Scroll
	body        *fyne.Container
	content     *fyne.Container

	unitIDs   []model.ID // parallel to unit.Options
	postIDs   []model.ID // parallel to reports options; 0 first for "none"
	dottedIDs []model.ID // the dotted-line managers being edited
	dutyTexts []*formEntry
	assignIDs []model.ID // parallel to assign options
	// assignGen is the generation of the plan's people (UI.peopleGen) the
	// assign options were made for; they are made again when it moves.
	assignGen int
	assignSet bool // the options for assignGen are set
	// choicesGen and choicesFor are the units and posts (UI.postsGen) and
	// the post the unit and manager choices were made for.
	choicesGen int
	choicesFor model.ID

	holderRowH float32 // see holderRowHeight

	loading bool // true while fields are set from the store
	dirty   bool
}

func newPositionEditor(u *UI) *positionEditor {
	e := &positionEditor{u: u}
	e.heading = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	changed := func() {
		if !e.loading {
			e.markDirty()
			e.validate()
		}
	}
	entry := func(multi bool) *formEntry {
		f := newFormEntry(u.Redo)
		f.reveal = e.reveal
		if multi {
			f.MultiLine = true
			f.Wrapping = fyne.TextWrapWord
			f.SetMinRowsVisible(3)
		}
		f.OnChanged = func(string) { changed() }
		return f
	}
	e.title, e.grade, e.planned, e.shift = entry(false), entry(false), entry(false), entry(false)
	e.salaryMin, e.salaryMax = entry(false), entry(false)
	e.salaryMin.SetPlaceHolder(lang.X("pos.salary_min", "from"))
	e.salaryMax.SetPlaceHolder(lang.X("pos.salary_max", "to"))
	e.mission, e.other, e.note = entry(true), entry(true), entry(true)
	e.note.SetMinRowsVisible(2)
	e.education, e.years, e.certs = entry(false), entry(false), entry(false)
	e.years.SetPlaceHolder(lang.X("pos.years_hint", "years, e.g. 3"))

	e.unit = widget.NewSelect(nil, func(string) { changed() })
	e.reports = widgets.NewPicker(nil, func(int) { changed() })
	e.reports.SearchHint = lang.X("pos.search_post", "Type to search posts")
	e.dotted = container.NewHBox()
	e.dottedAdd = widgets.NewPicker(nil, func(i int) {
		if i > 0 {
			e.dottedIDs = append(e.dottedIDs, e.postIDs[i])
			e.showDotted()
			changed()
		}
		e.dottedAdd.SetSelectedIndex(-1)
	})
	e.dottedAdd.PlaceHolder = lang.X("pos.add_dotted", "Add…")
	e.dottedAdd.SearchHint = lang.X("pos.search_post", "Type to search posts")
	e.status = widget.NewSelect(nil, func(string) { changed() })
	for _, s := range model.PositionStatuses {
		e.status.Options = append(e.status.Options, core.StatusText(s))
	}
	e.employment = widget.NewSelect(nil, func(string) { changed() })
	for _, t := range model.EmploymentTypes {
		e.employment.Options = append(e.employment.Options, core.EmploymentText(t))
	}
	e.duties = container.NewVBox()
	addDuty := widget.NewButtonWithIcon(lang.X("pos.add_duty", "Add duty"), theme.ContentAddIcon(), func() {
		e.setDuties(append(e.dutyValues(), ""))
		changed()
		if n := len(e.dutyTexts); n > 0 {
			e.u.win.Canvas().Focus(e.dutyTexts[n-1])
		}
	})

	e.figures = widget.NewLabel("")
	e.reportsList = container.NewHBox()
	e.holderList = widget.NewList(func() int { return len(e.holderRows) }, e.newHolderRow, e.updateHolderRow)
	e.holderList.HideSeparators = true
	e.noHolders = widget.NewLabel(lang.X("pos.no_holders", "nobody yet"))
	e.holderBox = container.New(&holderLayout{e: e}, e.holderList, e.noHolders)
	e.assign = widgets.NewPicker(nil, func(i int) {
		e.assign.SetSelectedIndex(-1)
		if i >= 0 && i < len(e.assignIDs) {
			e.assignPerson(e.assignIDs[i])
		}
	})
	e.assign.PlaceHolder = lang.X("pos.assign", "Assign someone…")
	e.assign.SearchHint = lang.X("pos.search_person", "Type a name or emp. no.")

	e.message = widget.NewLabel("")
	e.message.Importance = widget.DangerImportance
	e.message.Wrapping = fyne.TextWrapWord

	item := widget.NewFormItem
	salary := container.NewGridWithColumns(2, e.salaryMin, e.salaryMax)
	dottedScroll, reportsScroll := container.NewHScroll(e.dotted), container.NewHScroll(e.reportsList)
	e.pay = newPayFields(e, entry, changed)
	e.form = widget.NewForm(
		item(lang.X("pos.title", "Title"), e.title),
		item(lang.X("pos.unit", "Unit"), e.unit),
		item(lang.X("pos.reports_to", "Reports to"), e.reports),
		item(lang.X("pos.dotted", "Dotted line to"), container.NewBorder(nil, nil, nil, e.dottedAdd, dottedScroll)),
		item(lang.X("pos.grade", "Grade"), e.grade),
		item(lang.X("pos.planned", "Planned (FTE)"), e.planned),
		item(lang.X("pos.status", "Status"), e.status),
		item(lang.X("pos.employment", "Employment"), e.employment),
		item(lang.X("pos.shift", "Shift"), e.shift),
		item(lang.X("pos.salary", "Monthly salary"), salary),
		item(lang.X("pos.mission", "Mission"), e.mission),
		item(lang.X("pos.duties", "Duties"), container.NewBorder(nil, addDuty, nil, nil, e.duties)),
		item(lang.X("pos.education", "Education"), e.education),
		item(lang.X("pos.years", "Years of experience"), e.years),
		item(lang.X("pos.certificates", "Certificates"), e.certs),
		item(lang.X("pos.other_req", "Other requirements"), e.other),
		item(lang.X("pos.note", "Note"), e.note),
		item(lang.X("pos.figures", "In post"), e.figures),
		item(lang.X("pos.direct_reports", "Direct reports"), reportsScroll),
		item(lang.X("pos.holders", "Holders"), container.NewBorder(nil, e.assign, nil, nil, e.holderBox)),
		e.pay.datesItem(),
	)
	// The budget lines follow the salary band.
	for i, it := range e.form.Items {
		if it.Widget == salary {
			e.form.Items = slices.Insert(e.form.Items, i+1, e.pay.items()...)
			break
		}
	}
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
	top := container.NewVBox(container.NewBorder(nil, nil, nil, buttons, e.heading), e.message)
	e.formScroll = container.NewVScroll(e.form)
	wheel := newWheelCatcher(e.formScroll, dottedScroll, reportsScroll)
	wheel.lists = []*widget.List{e.holderList}
	e.body = container.NewBorder(top, nil, nil, nil, container.NewStack(e.formScroll, wheel))
	e.emptyScroll = container.NewVScroll(e.empty)
	e.content = container.NewStack(e.body, e.emptyScroll)
	e.clear()
	return e
}

// wheelCatcher lies over the form and takes the mouse wheel for it. The
// driver gives a wheel event to the innermost scrollable under the pointer,
// and the form is full of them (every multi-line entry scrolls its own text,
// the dotted-line and direct-report strips scroll sideways), so without it
// the form stops moving whenever the pointer is over a field. A sideways
// wheel over a strip still scrolls the strip.
type wheelCatcher struct {
	widget.BaseWidget
	target *container.Scroll
	strips []*container.Scroll
	// lists scroll on their own under the pointer until they reach an
	// end; then the form moves on.
	lists []*widget.List
}

// reveal scrolls the form the least that shows o whole (its top if it is
// taller than the form's view), as the focus reaches it.
func (e *positionEditor) reveal(o fyne.CanvasObject) {
	s := e.formScroll
	if s == nil || !s.Visible() {
		return
	}
	d := fyne.CurrentApp().Driver()
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y
	view := s.Size().Height
	off := s.Offset
	switch {
	case top < 0 || o.Size().Height > view:
		off.Y += top
	case top+o.Size().Height > view:
		off.Y += top + o.Size().Height - view
	default:
		return
	}
	off.Y = max(0, min(off.Y, s.Content.MinSize().Height-view))
	s.ScrollToOffset(off)
}

func newWheelCatcher(target *container.Scroll, strips ...*container.Scroll) *wheelCatcher {
	w := &wheelCatcher{target: target, strips: strips}
	w.ExtendBaseWidget(w)
	return w
}

// CreateRenderer implements fyne.Widget; the catcher draws nothing.
func (w *wheelCatcher) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}

// Scrolled implements fyne.Scrollable.
func (w *wheelCatcher) Scrolled(ev *fyne.ScrollEvent) {
	if ev.Scrolled.DY == 0 && ev.Scrolled.DX != 0 {
		d := fyne.CurrentApp().Driver()
		for _, s := range w.strips {
			p, size := d.AbsolutePositionForObject(s), s.Size()
			a := ev.AbsolutePosition
			if s.Visible() && a.X >= p.X && a.Y >= p.Y && a.X < p.X+size.Width && a.Y < p.Y+size.Height {
				s.Scrolled(ev)
				return
			}
		}
	}
	if ev.Scrolled.DY != 0 {
		d := fyne.CurrentApp().Driver()
		for _, l := range w.lists {
			p, size := d.AbsolutePositionForObject(l), l.Size()
			a := ev.AbsolutePosition
			if l.Visible() && a.X >= p.X && a.Y >= p.Y && a.X < p.X+size.Width && a.Y < p.Y+size.Height {
				before := l.GetScrollOffset()
				l.ScrollToOffset(before - ev.Scrolled.DY)
				if l.GetScrollOffset() != before {
					return
				}
			}
		}
	}
	w.target.Scrolled(ev)
}

// clear shows no post.
func (e *positionEditor) clear() {
	e.id = 0
	e.dirty = false
	e.body.Hide()
	e.heading.SetText("")
	e.message.SetText("")
	e.empty.SetText(e.u.planSummary())
	e.emptyScroll.Show()
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
// Unsaved edits survive; only the choices and derived figures follow.
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
		return
	}
	e.loading = true
	defer func() { e.loading = false }()
	unit, reports := e.selectedUnit(), e.selectedManager()
	e.fillChoices(p)
	e.selectUnit(unit)
	e.selectManager(reports)
	e.fillDerived(p)
	e.pay.followChanges(p) // stored apart from the form's edits
}

func (e *positionEditor) selectedUnit() model.ID {
	if i := e.unit.SelectedIndex(); i >= 0 && i < len(e.unitIDs) {
		return e.unitIDs[i]
	}
	return 0
}

func (e *positionEditor) selectedManager() model.ID {
	if i := e.reports.SelectedIndex(); i > 0 && i < len(e.postIDs) {
		return e.postIDs[i]
	}
	return 0
}

// selectUnit and selectManager set a choice only when it changes: each
// setting draws the choice's text again.
func (e *positionEditor) selectUnit(id model.ID) {
	want := slices.Index(e.unitIDs, id)
	if e.unit.SelectedIndex() == want {
		return
	}
	if want < 0 {
		e.unit.ClearSelected()
		return
	}
	e.unit.SetSelectedIndex(want)
}

func (e *positionEditor) selectManager(id model.ID) {
	want := max(0, slices.Index(e.postIDs, id))
	if e.reports.SelectedIndex() != want {
		e.reports.SetSelectedIndex(want)
	}
}

// postLabel is "title · unit", how posts are named in pickers.
func (u *UI) postLabel(id model.ID) string {
	p := u.posts[id]
	if p == nil {
		return "?"
	}
	if unit := u.units[p.Unit]; unit != nil {
		return p.Title + " · " + unit.Name
	}
	return p.Title
}

func (e *positionEditor) fillChoices(p *model.Position) {
	u := e.u
	defer e.fillAssign()
	// The units and posts to choose from are made again only when the plan
	// or the post changed: 10,000 labels on a large plan.
	if e.choicesGen == u.postsGen && e.choicesFor == p.ID && e.unitIDs != nil {
		return
	}
	e.choicesGen, e.choicesFor = u.postsGen, p.ID
	// Units in outline order, shown by path.
	e.unitIDs = e.unitIDs[:0]
	var unitNames []string
	var walk func(parent model.ID)
	walk = func(parent model.ID) {
		for _, id := range u.fig.Children[parent] {
			e.unitIDs = append(e.unitIDs, id)
			unitNames = append(unitNames, u.unitPathText(id))
			walk(id)
		}
	}
	walk(0)
	e.unit.Options = unitNames
	e.unit.Refresh()
	// Any post but itself and those under it can be its manager.
	under := map[model.ID]bool{p.ID: true}
	queue := []model.ID{p.ID}
	for len(queue) > 0 {
		id := queue[0]
		queue = queue[1:]
		for _, c := range u.fig.Reports[id] {
			if !under[c] {
				under[c] = true
				queue = append(queue, c)
			}
		}
	}
	e.postIDs = []model.ID{0}
	names := []string{lang.X("pos.no_manager", "— none —")}
	for _, uid := range e.unitIDs {
		for _, pid := range u.fig.PostsIn[uid] {
			if !under[pid] {
				e.postIDs = append(e.postIDs, pid)
				names = append(names, u.postLabel(pid))
			}
		}
	}
	e.reports.SetOptions(names)
	e.dottedAdd.SetOptions(names)
}

// fillAssign lists the people who can be assigned: anyone in post or on
// probation. The list is made again only when the people or their posts
// changed (100,000 labels on a large plan).
func (e *positionEditor) fillAssign() {
	u := e.u
	if e.assignGen == u.peopleGen && e.assignSet {
		return
	}
	e.assignGen, e.assignSet = u.peopleGen, true
	e.assignIDs = nil
	// Made when the picker opens: 100,000 labels on a large plan.
	e.assign.SetOptionsFunc(e.assignOptions)
}

// assignOptions are the labels of the people who can be assigned, and
// sets assignIDs to their ids.
func (e *positionEditor) assignOptions() []string {
	u := e.u
	// The sentence is translated once, with a mark where each person's
	// share goes.
	const mark = "\x00"
	inAll := " · " + lang.X("pos.in_all", "{{.fte}} FTE in all", map[string]any{"fte": mark})
	e.assignIDs = make([]model.ID, 0, len(u.data.People))
	people := make([]string, 0, len(u.data.People))
	for i := range u.data.People {
		person := &u.data.People[i]
		if person.InPost() {
			e.assignIDs = append(e.assignIDs, person.ID)
			label := strings.TrimSpace(person.Name + " " + person.EmpNo)
			if u.personFTE[person.ID] > 0 {
				label += strings.Replace(inAll, mark, u.totalFTEText(person.ID), 1)
			}
			people = append(people, label)
		}
	}
	return people
}

func (e *positionEditor) fill(p *model.Position) {
	e.loading = true
	defer func() { e.loading = false }()
	e.fillChoices(p)
	setLabel(e.heading, p.Title)
	setEntry(e.title, p.Title)
	e.selectUnit(p.Unit)
	e.selectManager(p.ReportsTo)
	e.dottedIDs = append([]model.ID(nil), p.Dotted...)
	e.showDotted()
	setEntry(e.grade, p.Grade)
	setEntry(e.planned, core.FormatFTE(p.Planned))
	if e.status.SelectedIndex() != int(p.Status) {
		e.status.SetSelectedIndex(int(p.Status))
	}
	if e.employment.SelectedIndex() != int(p.Employment) {
		e.employment.SetSelectedIndex(int(p.Employment))
	}
	setEntry(e.shift, p.Shift)
	setEntry(e.salaryMin, amountText(p.SalaryMin))
	setEntry(e.salaryMax, amountText(p.SalaryMax))
	setEntry(e.mission, p.Mission)
	if !slices.Equal(e.dutyValues(), p.Duties) || len(p.Duties) == 0 {
		e.setDuties(p.Duties)
	}
	setEntry(e.education, p.Req.Education)
	setEntry(e.years, amountText(p.Req.Years))
	setEntry(e.certs, p.Req.Certificates)
	setEntry(e.other, p.Req.Other)
	setEntry(e.note, p.Note)
	e.pay.fill(p)
	e.fillDerived(p)
	e.showMessage("")
	e.dirty = false
	e.emptyScroll.Hide()
	e.body.Show()
	e.save.Enable()
}

// setEntry shows text in a field unless it already does: setting the same
// text shapes it again, and the form is filled after every saved edit.
func setEntry(f *formEntry, text string) {
	if f.Text != text {
		f.SetText(text)
	}
}

// setLabel is setEntry for a label.
func setLabel(l *widget.Label, text string) {
	if l.Text != text {
		l.SetText(text)
	}
}

// amountText prints a number a user typed, leaving zero blank.
func amountText(f float64) string {
	if f == 0 {
		return ""
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// fillDerived shows what follows from the plan: figures, direct reports and
// holders.
func (e *positionEditor) fillDerived(p *model.Position) {
	u := e.u
	pf := u.fig.Positions[p.ID]
	if pf == nil {
		return
	}
	e.figures.SetText(core.FigureText(pf.Planned, pf.Actual))
	e.figures.Importance = gapImportance(pf.Vacancy)
	e.figures.Refresh()

	// The direct reports are buttons; made again only when they changed.
	reports := u.fig.Reports[p.ID]
	if e.reportIDs == nil || !slices.Equal(e.reportIDs, reports) || len(e.reportsList.Objects) == 0 {
		e.reportIDs = append([]model.ID{}, reports...)
		e.reportsList.RemoveAll()
		for _, id := range reports {
			id := id
			e.reportsList.Add(widget.NewButton(u.postLabel(id), func() {
				e.confirmLeave(func() { e.load(id) })
			}))
		}
		if len(e.reportsList.Objects) == 0 {
			e.reportsList.Add(widget.NewLabel(lang.X("pos.no_reports", "none")))
		}
	} else {
		for i, id := range reports {
			if b, ok := e.reportsList.Objects[i].(*widget.Button); ok && b.Text != u.postLabel(id) {
				b.SetText(u.postLabel(id))
			}
		}
	}

	// The form lays itself out again when the list's height changes.
	relayout := min(len(e.holderRows), 10) != min(len(pf.Holders), 10)
	e.holderRows = pf.Holders
	e.pay.fillHolders(p.ID)
	defer func() {
		if relayout {
			e.form.Refresh()
		}
	}()
	if len(pf.Holders) == 0 {
		e.holderList.Hide()
		e.noHolders.Show()
	} else {
		e.noHolders.Hide()
		e.holderList.Show()
		e.holderList.Refresh()
	}
	e.holderBox.Refresh()
}

// holderLayout gives the holders list the height of its lines, up to ten
// (then it scrolls), or shows "nobody yet".
type holderLayout struct{ e *positionEditor }

func (h *holderLayout) Layout(objects []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objects {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

func (h *holderLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	e := h.e
	if len(e.holderRows) == 0 {
		return e.noHolders.MinSize()
	}
	row := e.holderRowHeight()
	n := min(len(e.holderRows), 10)
	return fyne.NewSize(e.holderList.MinSize().Width, float32(n)*row)
}

// holderRowHeight is the height of one line of the holders list.
func (e *positionEditor) holderRowHeight() float32 {
	if e.holderRowH == 0 {
		e.holderRowH = e.newHolderRow().MinSize().Height + theme.Padding()
	}
	return e.holderRowH
}

// newHolderRow is a holder's line: her name, an editable FTE and a remove
// button.
func (e *positionEditor) newHolderRow() fyne.CanvasObject {
	label := widget.NewLabel("")
	label.Truncation = fyne.TextTruncateEllipsis
	fte := widget.NewEntry()
	set := widget.NewButtonWithIcon("", theme.ConfirmIcon(), nil)
	remove := widget.NewButtonWithIcon("", theme.DeleteIcon(), nil)
	right := container.NewHBox(container.NewGridWrap(fyne.NewSize(70, fte.MinSize().Height), fte), set, remove)
	return container.NewBorder(nil, nil, nil, right, label)
}

// holderRowParts are the widgets of a holder's line.
func holderRowParts(o fyne.CanvasObject) (label *widget.Label, fte *widget.Entry, set, remove *widget.Button) {
	c := o.(*fyne.Container)
	label = c.Objects[0].(*widget.Label)
	right := c.Objects[1].(*fyne.Container)
	fte = right.Objects[0].(*fyne.Container).Objects[0].(*widget.Entry)
	return label, fte, right.Objects[1].(*widget.Button), right.Objects[2].(*widget.Button)
}

// updateHolderRow shows holder i on a line.
func (e *positionEditor) updateHolderRow(i widget.ListItemID, o fyne.CanvasObject) {
	if i < 0 || i >= len(e.holderRows) {
		return
	}
	h := e.holderRows[i]
	label, fte, set, remove := holderRowParts(o)
	name := h.Name + holderDates(e.u.people[h.Person])
	if h.Concurrent {
		name += " " + lang.X("pos.concurrent", "(concurrent)") + " · " +
			lang.X("pos.in_all", "{{.fte}} FTE in all", map[string]any{"fte": e.u.totalFTEText(h.Person)})
	}
	imp := widget.MediumImportance
	if model.OverFullTime(e.u.personFTE[h.Person]) {
		imp = widget.WarningImportance
	}
	width := float32(0)
	if lw := e.holderList.Size().Width; lw > 0 {
		right := o.(*fyne.Container).Objects[1]
		width = lw - right.MinSize().Width - 4*theme.Padding() - 12
	}
	trunc := fitTruncation(name, width)
	if label.Text != name || label.Importance != imp || label.Truncation != trunc {
		label.Text, label.Importance, label.Truncation = name, imp, trunc
		label.Refresh()
	}
	if t := core.FormatFTE(h.FTE); fte.Text != t {
		fte.SetText(t)
	}
	assignment := h.Assignment
	fte.OnSubmitted = func(s string) { e.setFTE(assignment, s) }
	set.OnTapped = func() { e.setFTE(assignment, fte.Text) }
	remove.OnTapped = func() { e.unassign(assignment, h.Name) }
}

func (e *positionEditor) showDotted() {
	e.dotted.RemoveAll()
	for i, id := range e.dottedIDs {
		i := i
		b := widget.NewButtonWithIcon(e.u.postLabel(id), theme.CancelIcon(), func() {
			e.dottedIDs = append(e.dottedIDs[:i:i], e.dottedIDs[i+1:]...)
			e.showDotted()
			if !e.loading {
				e.markDirty()
				e.validate()
			}
		})
		b.IconPlacement = widget.ButtonIconTrailingText
		e.dotted.Add(b)
	}
}

func (e *positionEditor) dutyValues() []string {
	out := make([]string, len(e.dutyTexts))
	for i, d := range e.dutyTexts {
		out[i] = d.Text
	}
	return out
}

// setDuties shows the numbered duty rows, each with move and remove buttons.
func (e *positionEditor) setDuties(duties []string) {
	loading := e.loading
	e.loading = true
	defer func() { e.loading = loading }()
	e.duties.RemoveAll()
	e.dutyTexts = e.dutyTexts[:0]
	for i, d := range duties {
		i := i
		t := newFormEntry(e.u.Redo)
		t.reveal = e.reveal
		t.MultiLine = true
		t.Wrapping = fyne.TextWrapWord
		t.SetText(d)
		t.SetMinRowsVisible(e.dutyRows(d))
		t.OnChanged = func(s string) {
			if n := e.dutyRows(s); n != t.rows() {
				t.SetMinRowsVisible(n)
				e.form.Refresh()
			}
			if !e.loading {
				e.markDirty()
				e.validate()
			}
		}
		e.dutyTexts = append(e.dutyTexts, t)
		move := func(to int) func() {
			return func() {
				v := e.dutyValues()
				if to < 0 || to >= len(v) {
					return
				}
				v[i], v[to] = v[to], v[i]
				e.setDuties(v)
				e.markDirty()
				e.validate()
			}
		}
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), move(i-1))
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), move(i+1))
		del := widget.NewButtonWithIcon("", theme.DeleteIcon(), func() {
			v := e.dutyValues()
			e.setDuties(append(v[:i:i], v[i+1:]...))
			e.markDirty()
			e.validate()
		})
		num := widget.NewLabel(strconv.Itoa(i+1) + ".")
		e.duties.Add(container.NewBorder(nil, nil, num, container.NewHBox(up, down, del), t))
	}
}

// dutyRows is how many rows a duty's entry shows: enough for its text as
// wrapped at the entry's width (up to four), so a long duty is not cut to
// its first line. The width is the form's less the row's label and buttons.
func (e *positionEditor) dutyRows(text string) int {
	width := e.formScroll.Size().Width - 330
	if width < 150 {
		width = 500
	}
	rows := 0
	for _, line := range strings.Split(text, "\n") {
		w := fyne.MeasureText(line, theme.TextSize(), fyne.TextStyle{}).Width
		rows += max(1, int(math.Ceil(float64(w/width))))
	}
	return min(max(rows, 1), 4)
}

// parseAmount reads a non-negative number; blank is zero.
func parseAmount(s string) (float64, bool) { return core.ParseFTE(s) }

// validate checks the fields as typed and shows the first problem.
func (e *positionEditor) validate() bool {
	msg := ""
	minS, okMin := parseAmount(e.salaryMin.Text)
	maxS, okMax := parseAmount(e.salaryMax.Text)
	_, okYears := parseAmount(e.years.Text)
	switch {
	case strings.TrimSpace(e.title.Text) == "":
		msg = lang.X("err.title_required", "A post needs a title.")
	case e.unit.SelectedIndex() < 0:
		msg = lang.X("err.unit_required", "Choose the unit the post belongs to.")
	default:
		if _, ok := core.ParseFTE(e.planned.Text); !ok {
			msg = lang.X("err.planned_number", "Planned headcount must be a number of zero or more, such as 1 or 0.5.")
		} else if !okMin || !okMax || (maxS > 0 && minS > maxS) {
			msg = lang.X("err.salary_band", "The salary band must be two amounts, the first not above the second.")
		} else if !okYears {
			msg = lang.X("err.years", "Years of experience must be a number, such as 3.")
		} else {
			msg = e.pay.validate()
		}
	}
	e.showMessage(msg)
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
	id := e.id
	var duties []string
	for _, d := range e.dutyValues() {
		if d = strings.TrimSpace(d); d != "" {
			duties = append(duties, d)
		}
	}
	planned, _ := core.ParseFTE(e.planned.Text)
	minS, _ := parseAmount(e.salaryMin.Text)
	maxS, _ := parseAmount(e.salaryMax.Text)
	years, _ := parseAmount(e.years.Text)
	edit := func(p *model.Position) {
		p.Title = strings.TrimSpace(e.title.Text)
		p.Unit = e.selectedUnit()
		p.ReportsTo = e.selectedManager()
		p.Dotted = append([]model.ID(nil), e.dottedIDs...)
		p.Grade = strings.TrimSpace(e.grade.Text)
		p.Planned = planned
		p.Status = model.PositionStatuses[max(0, e.status.SelectedIndex())]
		p.Employment = model.EmploymentTypes[max(0, e.employment.SelectedIndex())]
		p.Shift = strings.TrimSpace(e.shift.Text)
		p.SalaryMin, p.SalaryMax = minS, maxS
		p.Mission = strings.TrimSpace(e.mission.Text)
		p.Duties = duties
		p.Req = model.Requirements{Education: strings.TrimSpace(e.education.Text), Years: years,
			Certificates: strings.TrimSpace(e.certs.Text), Other: strings.TrimSpace(e.other.Text)}
		p.Note = strings.TrimSpace(e.note.Text)
		e.pay.save(p)
	}
	label := lang.X("change.edit_post", "edit “{{.name}}”", map[string]any{"name": strings.TrimSpace(e.title.Text)})
	// Not dirty from here on, so the refresh that follows the change fills
	// the form from what was stored, once.
	e.dirty = false
	err := e.u.apply(label, func(tx *store.Tx) error { return ops.EditPosition(tx, id, edit) })
	if err != nil {
		e.dirty = true
		e.showMessage(core.ErrText(err))
		return false
	}
	return true
}

// assignPerson puts a person in this post; the share defaults to what the
// person has left of a full-time post (ops.Assign). Someone who already
// works full time is asked whether to split her time or to keep both posts
// in full.
func (e *positionEditor) assignPerson(person model.ID) {
	u := e.u
	err := e.putAssignment(person, e.id, ops.AssignOptions{FullTime: ops.AskFirst})
	if errors.Is(err, ops.ErrFullTime) {
		var current []model.Assignment
		for _, a := range u.data.Assignments {
			if a.Person == person {
				current = append(current, a)
			}
		}
		e.askSplit(person, current)
		return
	}
	if err != nil {
		u.showError(err)
	}
}

// putAssignment stores a new assignment and changed shares of the person's
// other posts as one undoable step.
func (e *positionEditor) putAssignment(person, post model.ID, opt ops.AssignOptions) error {
	u := e.u
	name := u.people[person].Name
	return u.apply(lang.X("change.assign", "assign {{.name}}", map[string]any{"name": name}),
		func(tx *store.Tx) error {
			_, err := ops.Assign(tx, person, post, opt)
			return err
		})
}

// askSplit asks how a person who already works full time takes on this
// post: split her time (her posts scaled so that all of them make one
// full-time post, model.SplitTime), or keep both at the share typed, which
// puts her past 100 % and is flagged wherever she is listed. A share the
// operation refuses is explained in the dialog, which stays open.
func (e *positionEditor) askSplit(person model.ID, current []model.Assignment) {
	u := e.u
	name := u.people[person].Name
	var posts []string
	for _, a := range current {
		posts = append(posts, u.postLabel(a.Position)+": "+core.FormatFTE(a.FTE))
	}
	text := widget.NewLabel(lang.X("dlg.split.text",
		"{{.name}} already works full time ({{.posts}}). Split her time with “{{.post}}”, or keep both and work past 100 %?",
		map[string]any{"name": name, "posts": strings.Join(posts, "、"), "post": e.heading.Text}))
	text.Wrapping = fyne.TextWrapWord
	share := widget.NewEntry()
	share.SetText(core.FormatFTE(model.DefaultSplitShare(len(current))))
	msg := widget.NewLabel("")
	msg.Importance = widget.DangerImportance
	msg.Wrapping = fyne.TextWrapWord
	msg.Hide()
	var d dialog.Dialog
	postID := e.id
	answer := func(choice ops.FullTimeChoice) {
		f, ok := core.ParseFTE(share.Text)
		if !ok {
			f = -1 // refused by the operation with its message
		}
		if err := e.putAssignment(person, postID, ops.AssignOptions{FullTime: choice, Share: f}); err != nil {
			msg.SetText(core.ErrText(err))
			msg.Show()
			return
		}
		d.Hide()
	}
	split := func() { answer(ops.SplitTime) }
	keep := func() { answer(ops.KeepBoth) }
	share.OnSubmitted = func(string) { split() }
	splitBtn := widget.NewButton(lang.X("btn.split", "Split her time"), split)
	splitBtn.Importance = widget.HighImportance
	keepBtn := widget.NewButton(lang.X("btn.keep_both", "Keep both (over 100 %)"), keep)
	cancel := widget.NewButton(lang.X("btn.cancel", "Cancel"), func() { d.Hide() })
	form := widget.NewForm(widget.NewFormItem(lang.X("dlg.split.share", "Share of this post"), share))
	body := container.NewVBox(text, form, msg, container.NewHBox(layout.NewSpacer(), cancel, keepBtn, splitBtn))
	d = dialog.NewCustomWithoutButtons(lang.X("dlg.split.title", "A second post"), body, u.win)
	d.Resize(fyne.NewSize(min(u.win.Canvas().Size().Width-40, 520), 260))
	d.Show()
	u.onKeys(split, func() { d.Hide() })
}

func (e *positionEditor) setFTE(assignment model.ID, text string) {
	fte, ok := core.ParseFTE(text)
	if !ok {
		fte = -1 // refused by the operation with its message
	}
	err := e.u.apply(lang.X("change.fte", "change FTE"), func(tx *store.Tx) error { return ops.SetFTE(tx, assignment, fte) })
	if err != nil {
		e.u.showError(err)
		e.refresh() // the share typed goes back to the stored one
	}
}

func (e *positionEditor) unassign(assignment model.ID, name string) {
	err := e.u.apply(lang.X("change.unassign", "remove {{.name}} from the post", map[string]any{"name": name}),
		func(tx *store.Tx) error { return ops.Unassign(tx, assignment) })
	if err != nil {
		e.u.showError(err)
	}
}

// showMessage shows a problem above the form, or hides the line when there
// is none so the form does not jump down by an empty row.
func (e *positionEditor) showMessage(msg string) {
	e.message.SetText(msg)
	if msg == "" {
		e.message.Hide()
	} else {
		e.message.Show()
	}
}

// markDirty notes unsaved typing; Edit › Undo then offers to drop it, as
// Ctrl+Z does, so the menu item must not stay greyed out.
func (e *positionEditor) markDirty() {
	if !e.dirty {
		e.dirty = true
		e.u.refreshUndo()
	}
}

// discard drops unsaved edits.
func (e *positionEditor) discard() {
	e.dirty = false
	e.refresh()
	e.u.refreshUndo()
}

// confirmLeave runs next once unsaved edits are saved or discarded, asking
// the user which.
func (e *positionEditor) confirmLeave(next func()) {
	if !e.dirty || e.id == 0 {
		next()
		return
	}
	// Three ways out: back to the form (Escape), discard, save (Enter).
	// A confirm dialog's Hide would answer "discard", so this one is
	// built with its own buttons.
	d := dialog.NewCustomWithoutButtons(lang.X("dlg.unsaved.title", "Unsaved changes"),
		widget.NewLabel(lang.X("dlg.unsaved.text", "Save the changes to “{{.name}}”?",
			map[string]any{"name": e.heading.Text})), e.u.win)
	save := func() {
		d.Hide()
		if e.Save() {
			next()
		}
	}
	keep := widget.NewButton(lang.X("btn.keep_editing", "Keep editing"), d.Hide)
	discard := widget.NewButtonWithIcon(lang.X("btn.discard", "Discard"), theme.CancelIcon(), func() {
		d.Hide()
		e.discard()
		next()
	})
	saveBtn := widget.NewButtonWithIcon(lang.X("btn.save", "Save"), theme.ConfirmIcon(), save)
	saveBtn.Importance = widget.HighImportance
	d.SetButtons([]fyne.CanvasObject{keep, discard, saveBtn})
	d.Show()
	e.u.onKeys(save, d.Hide) // Enter saves, as the default button
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
		// A new post reports to the unit's first post, its usual head.
		p := model.Position{Title: lang.X("pos.new_title", "New post"), Unit: unit, Planned: 1}
		err := u.apply(lang.X("change.add_post", "add post"), func(tx *store.Tx) error {
			return ops.AddPosition(tx, &p)
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
		u.deleteHeldPosition(p, pf.Holders)
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
				func(tx *store.Tx) error {
					_, err := ops.DeletePosition(tx, id, ops.Holders{Choice: ops.KeepHolders})
					return err
				})
			if err != nil {
				u.showError(err)
				return
			}
			u.editor.clear()
		}, u.win)
}

// deleteHeldPosition asks what to do with the holders of a post being
// deleted: they can leave the post (they stay on the roster, in their other
// posts if any) as part of the same undoable step, or the delete is called
// off.
func (u *UI) deleteHeldPosition(p *model.Position, holders []model.Holder) {
	var names []string
	for _, h := range holders {
		names = append(names, h.Name+" ("+core.FormatFTE(h.FTE)+")")
	}
	id, title := p.ID, p.Title
	text := widget.NewLabel(lang.X("dlg.delete_held.text",
		"“{{.name}}” is held by {{.holders}}. Deleting it takes them out of this post; they stay on the roster. Its direct reports will report to its manager. You can undo this.",
		map[string]any{"name": title, "holders": strings.Join(names, "、")}))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(lang.X("dlg.delete_post.title", "Delete post"),
		lang.X("btn.unassign_delete", "Unassign and delete"), lang.X("btn.cancel", "Cancel"), text,
		func(ok bool) {
			if !ok {
				return
			}
			err := u.apply(lang.X("change.delete_post", "delete “{{.name}}”", map[string]any{"name": title}),
				func(tx *store.Tx) error {
					_, err := ops.DeletePosition(tx, id, ops.Holders{Choice: ops.UnassignHolders})
					return err
				})
			if err != nil {
				u.showError(err)
				return
			}
			u.editor.clear()
		}, u.win)
	d.Resize(fyne.NewSize(480, 220))
	d.Show()
	u.onKeys(nil, d.Hide) // Enter does not delete
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
		map[string]any{"units": len(u.data.Units), "posts": len(u.data.Positions), "people": model.CountPeople(u.data.People)}))
	if p.Notes != "" {
		lines = append(lines, "", p.Notes)
	}
	lines = append(lines, "", lang.X("pos.none", "Choose a post in the outline, or add one with +."))
	return strings.Join(lines, "\n")
}
