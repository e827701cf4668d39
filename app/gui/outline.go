package gui

import (
	"math"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
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
	var text, figText string
	var res fyne.Resource
	var imp widget.Importance
	switch kind {
	case 'u':
		unit := u.units[id]
		uf := u.fig.Units[id]
		if unit == nil || uf == nil {
			return
		}
		text, res = unit.Name, theme.FolderIcon()
		figText = shortFigureText(uf.PlannedTotal, uf.ActualTotal)
		imp = gapImportance(uf.PlannedTotal - uf.ActualTotal)
	case 'p':
		p := u.posts[id]
		pf := u.fig.Positions[id]
		if p == nil || pf == nil {
			return
		}
		text, res = p.Title, theme.AccountIcon()
		if !p.Counts() {
			figText = core.StatusText(p.Status) + " · " + core.FormatFTE(p.Planned)
			imp = widget.LowImportance
		} else {
			figText = shortFigureText(pf.Planned, pf.Actual)
			imp = gapImportance(pf.Vacancy)
		}
	default:
		return
	}
	// A line that shows what it showed is left alone: setting a label
	// shapes its text again, and the tree updates every visible line on
	// each refresh.
	trunc := fitTruncation(text, o.nameWidth(kind, id, figText))
	if name.Text != text || name.Truncation != trunc {
		name.Truncation = trunc
		name.SetText(text)
	}
	if icon.Resource != res {
		icon.SetResource(res)
	}
	if figs.Text != figText || figs.Importance != imp {
		figs.Text, figs.Importance = figText, imp
		figs.Refresh()
	}
}

// nameWidth is about how wide the name of a line is, a little less to be
// safe: the tree's width less the indent of the line's depth, the icons
// and the figures. Zero when the tree has no size yet.
func (o *outline) nameWidth(kind byte, id model.ID, figText string) float32 {
	w := o.tree.Size().Width
	if w <= 0 {
		return 0
	}
	depth := 0
	unit := id
	if kind == 'p' {
		depth++
		if p := o.u.posts[id]; p != nil {
			unit = p.Unit
		}
	}
	for steps := 0; unit != 0 && steps <= len(o.u.units); steps++ {
		un := o.u.units[unit]
		if un == nil {
			break
		}
		depth++
		unit = un.Parent
	}
	pad, icon := theme.Padding(), theme.IconInlineSize()
	figs := fyne.MeasureText(figText, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding()
	// The tree's own padding and expander icon, its indent per level
	// beyond the first, our icon, the border's gaps and a margin.
	return w - float32(depth)*(icon+pad) - 2*icon - 6*pad - figs - 12
}

// fitTruncation is how a label cut to width shows text: with an ellipsis
// only when it is wider. Fyne finds where to cut with a text shaper made
// afresh for each label on each refresh, while a text's width is measured
// once and remembered, so a line that fits is drawn without cutting.
func fitTruncation(text string, width float32) fyne.TextTruncation {
	if width <= 0 || text == "" {
		return fyne.TextTruncateEllipsis
	}
	if fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width+2*theme.InnerPadding()+2 <= width {
		return fyne.TextTruncateOff
	}
	return fyne.TextTruncateEllipsis
}

// shortFigureText is core.FigureText for the outline, "9 / 7.5 / -1.5": the
// long form took more than half of a 1024-pixel window's outline and cut the
// names off. The legend above the tree names the three figures.
func shortFigureText(planned, actual float64) string {
	gap := lang.X("fig.short.full", "full")
	if math.Round(planned*100) == 0 && math.Round(actual*100) == 0 {
		gap = "–"
	}
	switch r := math.Round((planned-actual)*100) / 100; {
	case r > 0:
		gap = lang.X("fig.short.vacant", "-{{.n}}", map[string]any{"n": core.FormatFTE(r)})
	case r < 0:
		gap = lang.X("fig.short.over", "+{{.n}}", map[string]any{"n": core.FormatFTE(-r)})
	}
	return core.FormatFTE(planned) + " / " + core.FormatFTE(actual) + " / " + gap
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
	// Opening an open branch or selecting the selected line still lays the
	// tree out again, so each is done only when it changes something.
	for id := p.Unit; id != 0; {
		if uid := unitUID(id); !o.tree.IsBranchOpen(uid) {
			o.tree.OpenBranch(uid)
		}
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

// unitPathText is "康飞塑业 / 生产部".
func (u *UI) unitPathText(id model.ID) string {
	return strings.Join(model.UnitPathIn(u.units, id), " / ")
}
