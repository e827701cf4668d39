package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/budget"
	"staffplan/data/model"
)

// unitMonths is the Budget tab's units × months table: one figure at a
// time (编制, expected in post, planned or expected cost), a unit's own
// posts on its row, the total under them; tapping a unit shows its posts.
type unitMonths struct {
	fig     *widget.Select
	table   *widget.Table
	data    *budget.UnitsByMonth
	rows    []*budget.RowMonths // the rows shown, units and their posts if open
	open    map[model.ID]bool   // units whose posts are shown
	content fyne.CanvasObject
}

// The figures the table shows, in the order of the choice.
const (
	figPlanned = iota
	figInPost
	figPlanCost
	figCost
)

func newUnitMonths() *unitMonths {
	v := &unitMonths{open: map[model.ID]bool{}}
	v.fig = widget.NewSelect([]string{
		lang.X("budget.units.planned", "Planned headcount"),
		lang.X("budget.units.in_post", "Expected in post"),
		lang.X("budget.units.plan_cost", "Cost of the planned headcount"),
		lang.X("budget.units.cost", "Expected cost"),
	}, func(string) {
		if v.table != nil {
			v.table.Refresh()
		}
	})
	v.fig.SetSelectedIndex(figCost)
	v.table = widget.NewTable(func() (int, int) {
		if v.data == nil {
			return 1, 2
		}
		return len(v.rows) + 2, len(v.data.Total.Months) + 2
	}, newCell, func(id widget.TableCellID, o fyne.CanvasObject) { setCell(o, id, v.cell(id.Row, id.Col)) })
	v.table.SetColumnWidth(0, 200)
	v.table.OnSelected = func(id widget.TableCellID) {
		v.table.UnselectAll()
		v.toggle(id.Row)
	}
	hint := widget.NewLabel(lang.X("budget.units.hint", "Each unit's row holds its own posts (sub-units have their own rows); tap a unit to show or hide its posts."))
	hint.Wrapping = fyne.TextWrapWord
	top := container.NewBorder(nil, hint, widget.NewLabel(lang.X("budget.units.show", "Show:")), nil, v.fig)
	v.content = container.NewBorder(top, nil, nil, nil, v.table)
	return v
}

// show puts a new table on screen, keeping the units that were open.
func (v *unitMonths) show(um *budget.UnitsByMonth) {
	v.data = um
	for c := 1; c <= len(um.Total.Months)+1; c++ {
		v.table.SetColumnWidth(c, 110)
	}
	v.layoutRows()
}

func (v *unitMonths) layoutRows() {
	v.rows = v.rows[:0]
	if v.data == nil {
		return
	}
	for i := range v.data.Units {
		u := &v.data.Units[i]
		v.rows = append(v.rows, u)
		if v.open[u.Unit] {
			posts := v.data.Posts[u.Unit]
			for j := range posts {
				v.rows = append(v.rows, &posts[j])
			}
		}
	}
	v.table.Refresh()
}

// toggle opens or closes the posts of the unit on table row row.
func (v *unitMonths) toggle(row int) {
	if row < 1 || row > len(v.rows) {
		return
	}
	r := v.rows[row-1]
	if r.Post != 0 || len(v.data.Posts[r.Unit]) == 0 {
		return
	}
	v.open[r.Unit] = !v.open[r.Unit]
	v.layoutRows()
}

// cell is the text of a cell: the header of months, the rows, the total.
func (v *unitMonths) cell(row, col int) string {
	if v.data == nil {
		if row == 0 && col == 0 {
			return lang.X("budget.col.unit_post", "Unit / post")
		}
		return ""
	}
	n := len(v.data.Total.Months)
	if row == 0 {
		switch {
		case col == 0:
			return lang.X("budget.col.unit_post", "Unit / post")
		case col <= n:
			return (v.data.From + model.Month(col-1)).String()
		}
		if v.fig.SelectedIndex() >= figPlanCost {
			return lang.X("budget.total", "Total")
		}
		return ""
	}
	var r *budget.RowMonths
	switch {
	case row <= len(v.rows):
		r = v.rows[row-1]
	case row == len(v.rows)+1:
		r = &v.data.Total
	default:
		return ""
	}
	if col == 0 {
		switch {
		case r == &v.data.Total:
			return lang.X("budget.total", "Total")
		case r.Post != 0:
			return strings.Repeat("  ", r.Depth) + "· " + r.Title
		}
		mark := "  "
		if len(v.data.Posts[r.Unit]) > 0 {
			mark = map[bool]string{true: "▾ ", false: "▸ "}[v.open[r.Unit]]
		}
		return strings.Repeat("  ", r.Depth) + mark + r.Name
	}
	fig := v.fig.SelectedIndex()
	if col > n {
		switch fig {
		case figPlanCost:
			return r.PlanCost.Yuan()
		case figCost:
			return r.Cost.Yuan()
		}
		return ""
	}
	c := r.Months[col-1]
	switch fig {
	case figPlanned:
		return core.FormatFTE(c.Planned)
	case figInPost:
		return core.FormatFTE(c.InPost)
	case figPlanCost:
		return c.PlanCost.Yuan()
	}
	return c.Cost.Yuan()
}
