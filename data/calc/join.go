package calc

import "staffplan/data/model"

// Row is a result joined with the plan: the posts its target names and
// their planned (编制) and actual (在岗) figures.
type Row struct {
	Result
	Positions []model.ID `json:"positions"` // several when the same title sits in like-named units
	Planned   float64    `json:"planned"`
	Actual    float64    `json:"actual"`
	// Gap is Required − Actual: people still to find by the rule
	// (negative: more in post than the rule asks).
	Gap float64 `json:"gap"`
	// Change is Required − Planned: what applying the rule does to 编制.
	Change float64 `json:"change"`
}

// Found reports whether the target names at least one post of the plan.
func (r *Row) Found() bool { return len(r.Positions) > 0 }

// Join matches each result's target with the plan's posts by title and, if
// given, unit name. f may be nil, then it is computed. Share checks and
// failed rules are kept, unmatched.
func Join(d *model.PlanData, f *model.Figures, results []Result) []Row {
	if f == nil {
		f = model.Compute(d)
	}
	// Only the posts the results name are indexed: the pane joins again
	// after every edit, and a plan has 10,000 posts where a sheet names a few.
	byTitle := make(map[string][]*model.Position)
	for _, res := range results {
		if !res.IsCheck() && res.Problem == nil && res.Target.Position != "" {
			byTitle[res.Target.Position] = nil
		}
	}
	unitName := make(map[model.ID]string)
	if len(byTitle) > 0 {
		for _, u := range d.Units {
			unitName[u.ID] = u.Name
		}
		for i := range d.Positions {
			p := &d.Positions[i]
			if ps, ok := byTitle[p.Title]; ok {
				byTitle[p.Title] = append(ps, p)
			}
		}
	}
	rows := make([]Row, len(results))
	for i, res := range results {
		rows[i].Result = res
		if res.IsCheck() || res.Problem != nil || res.Target.Position == "" {
			continue
		}
		var actual, planned float64
		for _, p := range byTitle[res.Target.Position] {
			if res.Target.Unit != "" && unitName[p.Unit] != res.Target.Unit {
				continue
			}
			rows[i].Positions = append(rows[i].Positions, p.ID)
			planned += p.Planned
			if pf := f.Positions[p.ID]; pf != nil {
				actual += pf.Actual
			}
		}
		rows[i].Planned, rows[i].Actual = planned, actual
		rows[i].Gap = res.Required - actual
		rows[i].Change = res.Required - planned
	}
	return rows
}
