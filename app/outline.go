package app

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/data/model"
)

// outline is the left-hand tree: units, their sub-units and their posts,
// each line with its 编制 / 在岗 / 缺编 figures.
type outline struct {
	u       *UI
	tree    *widget.Tree
	toolbar *widget.Toolbar
	legend  *widget.Label // what the three figures of a line are
}

func unitUID(id model.ID) widget.TreeNodeID { return "u" + strconv.FormatUint(uint64(id), 10) }
func postUID(id model.ID) widget.TreeNodeID { return "p" + strconv.FormatUint(uint64(id), 10) }

func parseUID(uid widget.TreeNodeID) (kind byte, id model.ID) {
	if len(uid) < 2 {
		return 0, 0
	}
	n, err := strconv.ParseUint(uid[1:], 10, 64)
	if err != nil {
		return 0, 0
	}
	return uid[0], model.ID(n)
}

func newOutline(u *UI) *outline {
	o := &outline{u: u}
	o.tree = widget.NewTree(o.children, o.isBranch, o.create, o.update)
	o.tree.OnSelected = o.selected
	o.legend = widget.NewLabel(lang.X("outline.legend", "planned / in post / vacant (-) or over (+)"))
	o.legend.Alignment = fyne.TextAlignTrailing
	o.legend.Importance = widget.LowImportance
	o.legend.Truncation = fyne.TextTruncateEllipsis
	o.toolbar = widget.NewToolbar(
		widget.NewToolbarAction(theme.FolderNewIcon(), u.addUnitDialog),
		widget.NewToolbarAction(theme.ContentAddIcon(), u.addPosition),
		widget.NewToolbarAction(theme.DeleteIcon(), u.deleteSelected),
		widget.NewToolbarSeparator(),
		widget.NewToolbarAction(theme.ContentUndoIcon(), u.Undo),
		widget.NewToolbarAction(theme.ContentRedoIcon(), u.Redo),
	)
	return o
}

func (o *outline) children(uid widget.TreeNodeID) []widget.TreeNodeID {
	f := o.u.fig
	if f == nil {
		return nil
	}
	if uid == "" {
		var out []widget.TreeNodeID
		for _, id := range f.Children[0] {
			out = append(out, unitUID(id))
		}
		return out
	}
	kind, id := parseUID(uid)
	if kind != 'u' {
		return nil
	}
	var out []widget.TreeNodeID
	for _, p := range f.PostsIn[id] {
		out = append(out, postUID(p))
	}
	for _, c := range f.Children[id] {
		out = append(out, unitUID(c))
	}
	return out
}

func (o *outline) isBranch(uid widget.TreeNodeID) bool {
	if uid == "" {
		return true
	}
	kind, _ := parseUID(uid)
	return kind == 'u'
}

func (o *outline) create(bool) fyne.CanvasObject {
	name := widget.NewLabel("")
	name.Truncation = fyne.TextTruncateEllipsis
	figs := widget.NewLabel("")
	figs.Alignment = fyne.TextAlignTrailing
	return container.NewBorder(nil, nil, widget.NewIcon(nil), figs, name)
}

func (o *outline) update(uid widget.TreeNodeID, _ bool, obj fyne.CanvasObject) {
	c := obj.(*fyne.Container)
	name := c.Objects[0].(*widget.Label)
	icon := c.Objects[1].(*widget.Icon)
	figs := c.Objects[2].(*widget.Label)
	kind, id := parseUID(uid)
	u := o.u
	switch kind {
	case 'u':
		unit := u.units[id]
		uf := u.fig.Units[id]
		if unit == nil || uf == nil {
			return
		}
		name.SetText(unit.Name)
		icon.SetResource(theme.FolderIcon())
		figs.SetText(shortFigureText(uf.PlannedTotal, uf.ActualTotal))
		figs.Importance = gapImportance(uf.PlannedTotal - uf.ActualTotal)
	case 'p':
		p := u.posts[id]
		pf := u.fig.Positions[id]
		if p == nil || pf == nil {
			return
		}
		name.SetText(p.Title)
		icon.SetResource(theme.AccountIcon())
		if !p.Counts() {
			figs.SetText(StatusText(p.Status) + " · " + FormatFTE(p.Planned))
			figs.Importance = widget.LowImportance
		} else {
			figs.SetText(shortFigureText(pf.Planned, pf.Actual))
			figs.Importance = gapImportance(pf.Vacancy)
		}
	}
	name.Refresh()
	figs.Refresh()
}

// figureText is "编制 9 / 在岗 8.5 / 缺编 0.5".
func figureText(planned, actual float64) string {
	return lang.X("fig.line", "planned {{.planned}} / in post {{.actual}} / {{.gap}}",
		map[string]any{"planned": FormatFTE(planned), "actual": FormatFTE(actual), "gap": GapText(planned, actual)})
}

// shortFigureText is figureText for the outline, "9 / 7.5 / -1.5": the
// long form took more than half of a 1024-pixel window's outline and cut the
// names off. The legend above the tree names the three figures.
func shortFigureText(planned, actual float64) string {
	gap := lang.X("fig.short.full", "full")
	if math.Round(planned*100) == 0 && math.Round(actual*100) == 0 {
		gap = "–"
	}
	switch r := math.Round((planned-actual)*100) / 100; {
	case r > 0:
		gap = lang.X("fig.short.vacant", "-{{.n}}", map[string]any{"n": FormatFTE(r)})
	case r < 0:
		gap = lang.X("fig.short.over", "+{{.n}}", map[string]any{"n": FormatFTE(-r)})
	}
	return FormatFTE(planned) + " / " + FormatFTE(actual) + " / " + gap
}

// gapImportance colours vacancies red and over-establishment amber.
func gapImportance(gap float64) widget.Importance {
	switch {
	case gap > 0.005:
		return widget.DangerImportance
	case gap < -0.005:
		return widget.WarningImportance
	}
	return widget.MediumImportance
}

func (o *outline) selected(uid widget.TreeNodeID) {
	kind, id := parseUID(uid)
	u := o.u
	switch kind {
	case 'u':
		u.selUnit = id
	case 'p':
		if p := u.posts[id]; p != nil {
			u.selUnit = p.Unit
		}
		if u.editor.id == id {
			u.tabs.Select(u.posTab)
			return
		}
		u.editor.confirmLeave(func() {
			u.editor.load(id)
			u.tabs.Select(u.posTab)
		})
	}
}

// refresh redraws the tree after the data changed, keeping the selection
// visible.
func (o *outline) refresh() {
	o.tree.Refresh()
	if id := o.u.editor.id; id != 0 {
		o.reveal(id)
	}
}

// reveal opens the branches above a post and selects it without reloading
// the editor.
func (o *outline) reveal(post model.ID) {
	p := o.u.posts[post]
	if p == nil {
		return
	}
	for id := p.Unit; id != 0; {
		o.tree.OpenBranch(unitUID(id))
		unit := o.u.units[id]
		if unit == nil {
			break
		}
		id = unit.Parent
	}
	handler := o.tree.OnSelected
	o.tree.OnSelected = nil
	o.tree.Select(postUID(post))
	o.tree.OnSelected = handler
}

// OpenAll expands every unit, for a first look at a small plan.
func (o *outline) openAll() {
	if len(o.u.data.Units) <= 60 {
		o.tree.OpenAllBranches()
	} else {
		for _, id := range o.u.fig.Children[0] {
			o.tree.OpenBranch(unitUID(id))
		}
	}
}

// StatusText names a post status.
func StatusText(s model.PositionStatus) string {
	switch s {
	case model.StatusNotSetUp:
		return lang.X("status.not_set_up", "not set up yet")
	case model.StatusFrozen:
		return lang.X("status.frozen", "frozen")
	}
	return lang.X("status.active", "active")
}

// PersonStatusText names a person's status.
func PersonStatusText(s model.PersonStatus) string {
	switch s {
	case model.PersonProbation:
		return lang.X("person.probation", "on probation")
	case model.PersonLeft:
		return lang.X("person.left", "left")
	}
	return lang.X("person.active", "active")
}

// EmploymentText names an employment type.
func EmploymentText(e model.EmploymentType) string {
	switch e {
	case model.EmployPartTime:
		return lang.X("employ.part_time", "part-time")
	case model.EmployAgency:
		return lang.X("employ.agency", "agency")
	case model.EmployIntern:
		return lang.X("employ.intern", "intern")
	case model.EmployRetiree:
		return lang.X("employ.retiree", "retiree rehired")
	}
	return lang.X("employ.full_time", "full-time")
}

// UnitKindText names a unit kind.
func UnitKindText(k model.UnitKind) string {
	switch k {
	case model.UnitCompany:
		return lang.X("unitkind.company", "company")
	case model.UnitTeam:
		return lang.X("unitkind.team", "team")
	case model.UnitSiteOffice:
		return lang.X("unitkind.site", "site office")
	}
	return lang.X("unitkind.department", "department")
}

// unitPathText is "康飞塑业 / 生产部".
func (u *UI) unitPathText(id model.ID) string {
	return strings.Join(model.UnitPathIn(u.units, id), " / ")
}
