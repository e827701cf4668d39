package budget

import (
	"slices"
	"strings"

	"staffplan/data/model"
)

// ChangeLine is one planned change of the plan, for the list of them.
type ChangeLine struct {
	Month    model.Month
	UnitPath string
	Title    string
	What     Piece
}

// PlannedChanges lists the plan's planned changes by month: new units and
// posts, 编制 changes and status changes.
func PlannedChanges(d *model.PlanData) []ChangeLine {
	units := d.UnitIndex()
	path := func(id model.ID) string { return strings.Join(model.UnitPathIn(units, id), "/") }
	var out []ChangeLine
	for _, u := range d.Units {
		if u.Starts != 0 {
			out = append(out, ChangeLine{Month: u.Starts, UnitPath: path(u.ID),
				What: piece("budget.change.unit_starts", "unit set up")})
		}
	}
	for i := range d.Positions {
		p := &d.Positions[i]
		up := path(p.Unit)
		if p.Starts != 0 {
			out = append(out, ChangeLine{Month: p.Starts, UnitPath: up, Title: p.Title,
				What: piece("budget.change.post_starts", "new post, planned {{.fte}}", "fte", FTEText(p.Planned))})
		}
		for _, c := range p.Changes {
			l := ChangeLine{Month: c.From, UnitPath: up, Title: p.Title}
			switch {
			case c.Kind == model.ChangePlanned:
				l.What = piece("budget.change.planned", "headcount → {{.fte}}", "fte", FTEText(c.Planned))
			case c.Status == model.StatusFrozen:
				l.What = piece("budget.change.frozen", "frozen")
			case c.Status == model.StatusNotSetUp:
				l.What = piece("budget.change.not_set_up", "not set up")
			default:
				l.What = piece("budget.change.active", "in force")
			}
			out = append(out, l)
		}
	}
	slices.SortStableFunc(out, func(a, b ChangeLine) int { return int(a.Month - b.Month) })
	return out
}
