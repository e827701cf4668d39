package budget

import (
	"slices"
	"strings"

	"staffplan/data/model"
)

// UnitDiff is one unit of two plans side by side: 编制 and planned cost
// before (plan A) and after (plan B). A unit only in one plan has zeros on
// the other side.
type UnitDiff struct {
	Path                  string
	PlannedBefore         float64
	PlannedAfter          float64
	CostBefore, CostAfter Fen
	OnlyBefore, OnlyAfter bool
}

// Difference returns after − before.
func (u UnitDiff) Difference() Fen { return u.CostAfter - u.CostBefore }

// PostChange is one field of a post that differs between the plans.
type PostChange struct {
	Unit   string `json:"unit"`
	Title  string `json:"title"`
	Field  string `json:"field"` // "planned", "status", "pay", "months_paid", "allowances", "reports_to"
	Before string `json:"before"`
	After  string `json:"after"`
}

// PostRef names a post added or removed.
type PostRef struct {
	Unit  string `json:"unit"`
	Title string `json:"title"`
}

// Comparison is plan A against plan B (变更对照表). Units and posts are
// matched by their unit path and title, since the two plans' IDs differ.
type Comparison struct {
	Units          []UnitDiff
	Added, Removed []PostRef
	Changed        []PostChange
	// Totals are sums of the unit rows shown for the top-level units.
	PlannedBefore, PlannedAfter float64
	CostBefore, CostAfter       Fen
}

// Compare sets plan a beside plan b, each costed under its own profile.
func Compare(a, b *model.PlanData) *Comparison {
	ca, cb := Costs(a), Costs(b)
	c := &Comparison{}
	before := map[string]*UnitCost{}
	for i := range ca.Units {
		before[ca.Units[i].Path] = &ca.Units[i]
	}
	seen := map[string]bool{}
	add := func(path string, ub, ua *UnitCost) {
		d := UnitDiff{Path: path, OnlyBefore: ua == nil, OnlyAfter: ub == nil}
		if ub != nil {
			d.PlannedBefore, d.CostBefore = ub.PlannedTotal, ub.PlannedCostTotal
		}
		if ua != nil {
			d.PlannedAfter, d.CostAfter = ua.PlannedTotal, ua.PlannedCostTotal
		}
		c.Units = append(c.Units, d)
		if !strings.Contains(path, "/") {
			c.PlannedBefore += d.PlannedBefore
			c.PlannedAfter += d.PlannedAfter
			c.CostBefore += d.CostBefore
			c.CostAfter += d.CostAfter
		}
	}
	// Plan B's order, with units only in A where they stood in A.
	for i := range cb.Units {
		u := &cb.Units[i]
		seen[u.Path] = true
		add(u.Path, before[u.Path], u)
	}
	for i := range ca.Units {
		if u := &ca.Units[i]; !seen[u.Path] {
			add(u.Path, u, nil)
		}
	}
	key := func(unit, title string) string { return unit + "\x00" + title }
	postsA := map[string]*model.Position{}
	pathsA := map[model.ID]string{}
	for _, pc := range ca.Posts {
		pathsA[pc.Post] = pc.UnitPath
	}
	ia := a.PositionIndex()
	for _, pc := range ca.Posts {
		postsA[key(pc.UnitPath, pc.Title)] = ia[pc.Post]
	}
	ib := b.PositionIndex()
	pathsB := map[model.ID]string{}
	for _, pc := range cb.Posts {
		pathsB[pc.Post] = pc.UnitPath
	}
	manager := func(idx map[model.ID]*model.Position, paths map[model.ID]string, id model.ID) string {
		if p := idx[id]; p != nil {
			return paths[id] + "/" + p.Title
		}
		return ""
	}
	matched := map[string]bool{}
	for _, pb := range cb.Posts {
		k := key(pb.UnitPath, pb.Title)
		pa := postsA[k]
		if pa == nil {
			c.Added = append(c.Added, PostRef{pb.UnitPath, pb.Title})
			continue
		}
		matched[k] = true
		p := ib[pb.Post]
		ch := func(field, before, after string) {
			if before != after {
				c.Changed = append(c.Changed, PostChange{Unit: pb.UnitPath, Title: pb.Title, Field: field, Before: before, After: after})
			}
		}
		ch("planned", FTEText(pa.Planned), FTEText(p.Planned))
		ch("status", statusName(pa.Status), statusName(p.Status))
		ch("pay", roundRat(PostRates(pa, &ca.Profile).MonthlyPay).Short(), pb.MonthlyPay.Short())
		ch("months_paid", MonthsText(orDefault(pa.MonthsPaid)), MonthsText(orDefault(p.MonthsPaid)))
		ch("allowances", Fen(pa.Allowances).Short(), Fen(p.Allowances).Short())
		ch("reports_to", manager(ia, pathsA, pa.ReportsTo), manager(ib, pathsB, p.ReportsTo))
	}
	for _, pa := range ca.Posts {
		if !matched[key(pa.UnitPath, pa.Title)] {
			c.Removed = append(c.Removed, PostRef{pa.UnitPath, pa.Title})
		}
	}
	slices.SortStableFunc(c.Removed, func(x, y PostRef) int { return strings.Compare(x.Unit, y.Unit) })
	return c
}

func orDefault(m int32) int32 {
	if m == 0 {
		return model.DefaultMonthsPaid
	}
	return m
}

// statusName is a status's key ("active", "not_set_up", "frozen"); the
// interface translates it as "status." + it.
func statusName(s model.PositionStatus) string {
	switch s {
	case model.StatusNotSetUp:
		return "not_set_up"
	case model.StatusFrozen:
		return "frozen"
	}
	return "active"
}
