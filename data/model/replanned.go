package model

import (
	"cmp"
	"maps"
	"slices"
)

// RecomputePlanned is Compute after a change that wrote only the posts
// given, each of which existed before and after (old: the plan before it)
// in the same unit, under the same manager and at the same place: their
// headcount, status or texts may differ. Only those posts and the units
// above them are derived again, with the sums taken in Compute's order so
// that the figures are Compute's to the last bit; the rest is shared with
// prev, which is left as it was. On a 10,000-post plan this is what keeps
// an edit of a post's headcount well under the frame budget. It reports
// false, having derived nothing, for a change it cannot follow.
func RecomputePlanned(d, old *PlanData, prev *Figures, posts []ID) (*Figures, bool) {
	if prev == nil || old == nil || len(d.Positions) != len(old.Positions) || len(d.Units) != len(old.Units) ||
		!postsInIDOrder(d) || !postsInIDOrder(old) {
		return nil, false
	}
	f := *prev
	f.Positions = maps.Clone(prev.Positions)
	f.Units = maps.Clone(prev.Units)
	units := map[ID]bool{}
	for _, id := range posts {
		p, q := findPost(d, id), findPost(old, id)
		pf := prev.Positions[id]
		if p == nil || q == nil || pf == nil || p.Unit != q.Unit || p.ReportsTo != q.ReportsTo || p.Order != q.Order {
			return nil, false
		}
		n := *pf
		n.Planned = p.Planned
		n.Vacancy = 0
		if p.Counts() {
			n.Vacancy = n.Planned - n.Actual
		}
		f.Positions[id] = &n
		units[p.Unit] = true
	}
	parent := make(map[ID]ID, len(d.Units))
	for i := range d.Units {
		parent[d.Units[i].ID] = d.Units[i].Parent
	}
	redo := map[ID]bool{} // the units whose total is derived again
	for u := range units {
		if prev.Units[u] == nil {
			continue // a post in no unit counts toward none
		}
		// What Compute adds: the posts of the unit in the order of the
		// plan's slice, which is id order.
		in := slices.Clone(prev.PostsIn[u])
		slices.Sort(in)
		uf := *prev.Units[u]
		uf.PlannedDirect = 0
		for _, id := range in {
			if p := findPost(d, id); p != nil && p.Counts() {
				uf.PlannedDirect += p.Planned
			}
		}
		f.Units[u] = &uf
		for steps, a := 0, u; a != 0 && prev.Units[a] != nil; steps, a = steps+1, parent[a] {
			if steps > len(d.Units) {
				return nil, false // a loop of units, which Compute leaves out
			}
			redo[a] = true
		}
	}
	// Totals bottom up: a unit's once every unit below it that changed has
	// its own. Compute adds a unit's direct figure and then its sub-units'
	// totals, last sub-unit first.
	var total func(a ID)
	total = func(a ID) {
		kids := prev.Children[a]
		for _, c := range kids {
			if redo[c] {
				total(c)
			}
		}
		uf := f.Units[a]
		if uf == prev.Units[a] {
			c := *uf
			uf = &c
			f.Units[a] = uf
		}
		uf.PlannedTotal = 0 + uf.PlannedDirect
		for i := len(kids) - 1; i >= 0; i-- {
			if c := f.Units[kids[i]]; c != nil {
				uf.PlannedTotal += c.PlannedTotal
			}
		}
		delete(redo, a)
	}
	for a := range redo {
		// Start at the top of each chain: a root or a unit whose parent
		// counts nowhere.
		if p := parent[a]; p == 0 || prev.Units[p] == nil || !redo[p] {
			total(a)
		}
	}
	if len(redo) > 0 {
		return nil, false // a unit unreachable from the top: Compute's totals differ
	}
	return &f, true
}

func postsInIDOrder(d *PlanData) bool {
	return slices.IsSortedFunc(d.Positions, func(a, b Position) int { return cmp.Compare(a.ID, b.ID) })
}

// findPost is the post id of d, whose posts are in id order.
func findPost(d *PlanData, id ID) *Position {
	i, ok := slices.BinarySearchFunc(d.Positions, id, func(p Position, id ID) int { return cmp.Compare(p.ID, id) })
	if !ok {
		return nil
	}
	return &d.Positions[i]
}
