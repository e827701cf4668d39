// Package gui is the staffing planner's window: its panes, menus and
// dialogs. It never imports fyne.io/fyne/v2/app, so it runs headless in
// tests with fyne.io/fyne/v2/test; cmd/staffplan supplies the real app.
// What it shares with the command line is in app/core.
package gui

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/model"
	"staffplan/data/store"
)

// UI is the main window's state: the open database, the plan shown, the
// derived figures and the panes that show them.
type UI struct {
	app   fyne.App
	win   fyne.Window
	st    *store.Store
	hist  History
	opens func(path string) (*store.Store, error)

	planID model.ID
	plans  []model.Plan
	data   *model.PlanData
	fig    *model.Figures
	units  map[model.ID]*model.Unit
	posts  map[model.ID]*model.Position
	people map[model.ID]*model.Person
	// personFTE is each person's share of a full-time post over all her
	// posts, shown wherever she is listed.
	personFTE map[model.ID]float64
	// peopleGen moves whenever people or assignments may have changed, so
	// what is made from them (the assign picker's 100,000 labels) is made
	// again only then.
	peopleGen int
	// postsGen moves whenever units or posts may have changed, for what is
	// made from them (the form's 10,000 manager choices).
	postsGen int

	selUnit model.ID

	// pendingImport is the import preview on screen, if any.
	pendingImport *importPreview

	planSelect *widget.Select
	outline    *outline
	org        *orgPane
	calc       *calcPane
	editor     *positionEditor
	roster     *rosterView
	budget     *budgetPane
	budgetTab  *container.TabItem
	tabs       *container.AppTabs
	orgTab     *container.TabItem
	calcTab    *container.TabItem
	posTab     *container.TabItem
	rosterTab  *container.TabItem
	status     *widget.Label
	undoItem   *fyne.MenuItem
	redoItem   *fyne.MenuItem
	mainMenu   *fyne.MainMenu
	split      *container.Split // outline | panes

	// keyActions are what Enter and Escape do in the dialogs on screen.
	keyActions map[fyne.CanvasObject]keyAction
	// firstStart is the first-start choice while it is on screen.
	firstStart dialog.Dialog

	// background runs long work off the UI goroutine; tests replace it with
	// a synchronous call.
	background func(work func())
	// do runs a job's result on the UI goroutine: fyne.Do, which the race
	// tests wrap to stand for the one UI goroutine of a real driver.
	do func(fn func())
}

// New builds the main window over an open store and shows planID (or the
// first plan when planID is zero). It does not show the window.
func New(a fyne.App, w fyne.Window, st *store.Store, planID model.ID) *UI {
	u := &UI{app: a, win: w, st: st, planID: planID, hist: History{limit: 200},
		background: runInBackground, do: fyne.Do,
		opens: func(path string) (*store.Store, error) { return store.Open(path, nil) },
	}
	u.planSelect = widget.NewSelect(nil, u.onPlanSelected)
	u.planSelect.PlaceHolder = lang.X("plan.choose", "Choose a plan")
	u.outline = newOutline(u)
	u.editor = newPositionEditor(u)
	u.roster = newRosterView(u)
	u.org = newOrgPane(u)
	u.calc = newCalcPane(u)
	u.budget = newBudgetPane(u)
	u.status = widget.NewLabel("")
	u.status.Truncation = fyne.TextTruncateEllipsis

	u.posTab = container.NewTabItem(lang.X("tab.position", "Position"), u.editor.content)
	u.rosterTab = container.NewTabItem(lang.X("tab.roster", "Roster"), u.roster.content)
	u.orgTab = container.NewTabItem(lang.X("tab.org", "Org chart"), u.org.content)
	u.calcTab = container.NewTabItem(lang.X("tab.calc", "Calculator"), u.calc.content)
	u.budgetTab = container.NewTabItem(lang.X("tab.budget", "Budget"), u.budget.content)
	u.tabs = container.NewAppTabs(u.orgTab, u.posTab, u.calcTab, u.rosterTab, u.budgetTab)
	u.tabs.OnSelected = u.tabShown

	left := container.NewBorder(container.NewVBox(u.outline.toolbar, u.outline.legend), nil, nil, nil, u.outline.tree)
	split := container.NewHSplit(left, u.tabs)
	split.Offset = a.Preferences().FloatWithFallback(prefSplit, 0.34)
	u.split = split
	top := container.NewBorder(nil, nil, widget.NewLabel(lang.X("plan.label", "Plan:")), nil, u.planSelect)
	w.SetContent(container.NewBorder(top, u.status, nil, nil, split))
	u.buildMenus()
	w.SetCloseIntercept(u.Quit)
	w.SetOnDropped(func(_ fyne.Position, uris []fyne.URI) { u.Dropped(uris) })
	// Enter confirms an import preview and the dialogs that ask for it, as
	// their default button would.
	w.Canvas().SetOnTypedKey(u.typedKey)
	u.reload()
	return u
}

// Store returns the database the window shows.
func (u *UI) Store() *store.Store { return u.st }

// PlanID returns the plan shown.
func (u *UI) PlanID() model.ID { return u.planID }

// reload reads the current plan from the store and refreshes every pane.
func (u *UI) reload() {
	plans, err := u.st.Plans()
	if err != nil {
		u.showError(err)
		return
	}
	u.plans = plans
	found := false
	for _, p := range plans {
		found = found || p.ID == u.planID
	}
	if !found {
		u.planID = 0
		if len(plans) > 0 {
			u.planID = plans[0].ID
		}
	}
	if u.planID == 0 {
		u.data = &model.PlanData{}
	} else if u.data, err = u.st.LoadPlan(u.planID); err != nil {
		u.showError(err)
		u.data = &model.PlanData{}
	}
	u.index()
	u.refresh()
}

func (u *UI) index() {
	d := u.data
	u.postsGen++
	u.fig = model.Compute(d)
	u.units = d.UnitIndex()
	u.posts = d.PositionIndex()
	u.indexPeople()
}

// indexPeople indexes the people and their total shares.
func (u *UI) indexPeople() {
	d := u.data
	u.peopleGen++
	u.people = make(map[model.ID]*model.Person, len(d.People))
	for i := range d.People {
		u.people[d.People[i].ID] = &d.People[i]
	}
	u.personFTE = make(map[model.ID]float64, len(d.People))
	for _, a := range d.Assignments {
		u.personFTE[a.Person] += a.FTE
	}
}

// totalFTEText is a person's total share, flagged when it is past full time.
func (u *UI) totalFTEText(person model.ID) string {
	total := u.personFTE[person]
	if model.OverFullTime(total) {
		return lang.X("fte.over_full", "{{.fte}} (over 100 %)", map[string]any{"fte": core.FormatFTE(total)})
	}
	return core.FormatFTE(total)
}

func (u *UI) refresh() {
	names := make([]string, len(u.plans))
	sel := ""
	for i, p := range u.plans {
		names[i] = planLabel(p, u.plans)
		if p.ID == u.planID {
			sel = names[i]
		}
	}
	u.planSelect.Options = names
	u.planSelect.Selected = sel
	u.planSelect.Refresh()

	u.setTitle()
	u.outline.refresh()
	u.org.refresh()
	u.calc.refresh()
	u.editor.refresh()
	u.roster.refresh()
	u.budget.refresh()
	u.refreshStatus()
	u.refreshUndo()
}

// tabShown brings a pane that was off screen up to date with the plan.
func (u *UI) tabShown(t *container.TabItem) {
	switch t {
	case u.orgTab:
		u.org.shownTab()
	case u.rosterTab:
		u.roster.shown()
	case u.budgetTab:
		u.budget.shown()
	}
}

// setTitle names the program and the plan, and an import waiting for
// confirmation, so the task bar says what the window is doing.
func (u *UI) setTitle() {
	title := lang.X("app.title", "Staffing Planner")
	if u.data != nil && u.data.Plan.Name != "" {
		title += " — " + u.data.Plan.Name
	}
	if ip := u.pendingImport; ip != nil {
		title = lang.X("title.importing", "Import {{.file}}", map[string]any{"file": core.BaseName(ip.wb.Path)}) + " · " + title
	}
	u.win.SetTitle(title)
}

func (u *UI) refreshStatus() {
	var planned, actual float64
	for _, id := range u.fig.Children[0] {
		planned += u.fig.Units[id].PlannedTotal
		actual += u.fig.Units[id].ActualTotal
	}
	u.status.SetText(lang.X("status.line",
		"Planned {{.planned}} · in post {{.actual}} · {{.gap}} · {{.people}} people · {{.path}}",
		map[string]any{"planned": core.FormatFTE(planned), "actual": core.FormatFTE(actual),
			"gap": core.GapText(planned, actual), "people": model.CountPeople(u.data.People), "path": u.st.Path()}))
}

func planLabel(p model.Plan, all []model.Plan) string {
	n := 0
	for _, q := range all {
		if q.Name == p.Name {
			n++
		}
	}
	if n > 1 {
		return fmt.Sprintf("%s (#%d)", p.Name, p.ID)
	}
	return p.Name
}

func (u *UI) onPlanSelected(label string) {
	for _, p := range u.plans {
		if planLabel(p, u.plans) == label && p.ID != u.planID {
			id := p.ID
			u.editor.confirmLeave(func() { u.ShowPlan(id) })
			return
		}
	}
}

// ShowPlan switches the window to another plan of the same database.
func (u *UI) ShowPlan(id model.ID) {
	u.planID = id
	u.selUnit = 0
	u.org.shown = false
	u.editor.clear()
	u.reload()
	u.app.Preferences().SetInt(prefPlanKey(u.st.Path()), int(id))
}

func prefPlanKey(dbPath string) string { return "plan:" + dbPath }

// Preferences that keep the window as the user left it.
const (
	prefWidth  = "window.width"
	prefHeight = "window.height"
	prefSplit  = "window.split"
)

// defaultWindow is the window's size on a first start.
var defaultWindow = fyne.NewSize(1180, 760)

// savedWindowSize is the size the window had when the program last quit.
func savedWindowSize(p fyne.Preferences) fyne.Size {
	w, h := p.FloatWithFallback(prefWidth, 0), p.FloatWithFallback(prefHeight, 0)
	if w < 400 || h < 300 {
		return defaultWindow
	}
	return fyne.NewSize(float32(w), float32(h))
}

// saveLayout remembers the window's size and where the user put the split
// between the outline and the panes.
func (u *UI) saveLayout() {
	p := u.app.Preferences()
	if s := u.win.Canvas().Size(); s.Width >= 400 && s.Height >= 300 {
		p.SetFloat(prefWidth, float64(s.Width))
		p.SetFloat(prefHeight, float64(s.Height))
	}
	if u.split != nil && u.split.Offset > 0.05 && u.split.Offset < 0.95 {
		p.SetFloat(prefSplit, u.split.Offset)
	}
}

// apply runs one edit as one transaction and records it for undo. Nothing is
// written on error; callers show the error where it belongs.
func (u *UI) apply(label string, fn func(tx *store.Tx) error) error {
	if u.planID == 0 {
		return fmt.Errorf("%s", lang.X("err.no_plan", "There is no plan to change. Create one with File › New plan."))
	}
	ch, err := u.st.Update(u.planID, label, fn)
	if err != nil {
		return err
	}
	u.hist.Push(ch)
	u.changed(ch, false)
	return nil
}

// Undo first drops unsaved edits in the form, if any; otherwise it reverts
// the last stored change.
func (u *UI) Undo() {
	if u.editor.dirty {
		u.editor.discard()
		return
	}
	ch, err := u.hist.Undo(u.st)
	if err != nil {
		u.showError(err)
		return
	}
	u.afterHistory(ch, true)
}

// Redo reapplies the last undone change.
func (u *UI) Redo() {
	u.editor.discard()
	ch, err := u.hist.Redo(u.st)
	if err != nil {
		u.showError(err)
		return
	}
	u.afterHistory(ch, false)
}

func (u *UI) afterHistory(ch *store.Change, reverted bool) {
	if ch != nil && ch.PlanID != u.planID {
		u.planID = ch.PlanID // reload falls back to the first plan if it is gone
		u.reload()
		return
	}
	u.changed(ch, reverted)
}

func (u *UI) refreshUndo() {
	if u.undoItem == nil {
		return
	}
	// Undo with unsaved typing drops the typing (see Undo), so it is
	// available then even with an empty history.
	typing := u.editor != nil && u.editor.dirty && u.editor.id != 0
	u.undoItem.Disabled = !u.hist.CanUndo() && !typing
	u.redoItem.Disabled = !u.hist.CanRedo()
	u.undoItem.Label = lang.X("menu.undo", "Undo")
	if typing {
		u.undoItem.Label += " " + lang.X("menu.undo_typing", "typing in “{{.name}}”", map[string]any{"name": u.editor.heading.Text})
	} else if l := u.hist.UndoLabel(); l != "" {
		u.undoItem.Label += " " + l
	}
	u.redoItem.Label = lang.X("menu.redo", "Redo")
	if l := u.hist.RedoLabel(); l != "" {
		u.redoItem.Label += " " + l
	}
	if u.mainMenu != nil {
		u.mainMenu.Refresh()
	}
}

func (u *UI) showError(err error) {
	if err == nil {
		return
	}
	u.showDismissable(u.errorDialog(err))
}

// errorDialog is an error message as the user reads it. Fyne's own error
// dialog upper-cases the first letter, which turns "corrupt.xlsx 已损坏…"
// into "Corrupt.xlsx 已损坏…", naming a file that does not exist.
func (u *UI) errorDialog(err error) dialog.Dialog {
	msg := widget.NewLabel(core.ErrText(err))
	msg.Wrapping = fyne.TextWrapWord
	width := min(u.win.Canvas().Size().Width-40, 520)
	// A wrapped label's height follows its width; lay it out at the width it
	// will have so the dialog is tall enough for every line.
	msg.Resize(fyne.NewSize(width-80, msg.MinSize().Height))
	content := container.NewBorder(nil, nil, container.NewVBox(widget.NewIcon(theme.ErrorIcon())), nil, msg)
	d := dialog.NewCustom(lang.X("dlg.error", "Error"), lang.X("btn.ok", "OK"), content, u.win)
	d.Resize(fyne.NewSize(width, msg.MinSize().Height+120))
	return d
}

// showInfo shows a message that Enter or Escape closes.
func (u *UI) showInfo(title, text string) {
	u.showDismissable(dialog.NewInformation(title, text, u.win))
}

// showDismissable shows a dialog with one button, which Enter and Escape
// press.
func (u *UI) showDismissable(d dialog.Dialog) {
	d.Show()
	u.onKeys(d.Hide, d.Hide)
}

// keyAction is what Enter and Escape do while a dialog is on top.
type keyAction struct{ enter, escape func() }

// onKeys makes Enter and Escape run enter and escape while the dialog just
// shown is the top overlay. Fyne's dialogs take no keys, and with no widget
// focused the keys reach the window's canvas, where New looks them up.
func (u *UI) onKeys(enter, escape func()) {
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		return
	}
	if u.keyActions == nil {
		u.keyActions = map[fyne.CanvasObject]keyAction{}
	}
	u.keyActions[top] = keyAction{enter, escape}
	u.win.Canvas().Unfocus()
}

// typedKey handles a key no widget took: Enter and Escape for the dialog on
// top, Enter and Escape for an import preview.
func (u *UI) typedKey(k *fyne.KeyEvent) {
	enter := k.Name == fyne.KeyReturn || k.Name == fyne.KeyEnter
	top := u.win.Canvas().Overlays().Top()
	// Forget dialogs closed with the mouse.
	open := map[fyne.CanvasObject]bool{}
	for _, o := range u.win.Canvas().Overlays().List() {
		open[o] = true
	}
	for o := range u.keyActions {
		if !open[o] {
			delete(u.keyActions, o)
		}
	}
	if a, ok := u.keyActions[top]; ok && top != nil {
		fn := a.escape
		if enter {
			fn = a.enter
		}
		if fn != nil && (enter || k.Name == fyne.KeyEscape) {
			delete(u.keyActions, top)
			fn()
		}
		return
	}
	switch {
	case enter:
		u.ConfirmPendingImport()
	case k.Name == fyne.KeyEscape && u.pendingImport != nil:
		u.pendingImport.d.Hide() // answers Cancel, as the button does
	}
}
