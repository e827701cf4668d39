package model

import (
	"cmp"
	"slices"
	"sort"
)

// Holder is one person in a post, as shown beside the post.
type Holder struct {
	Person     ID
	Assignment ID
	Name       string
	FTE        float64
	Concurrent bool // 兼任: the person also holds another post
}

// PositionFigures are the derived numbers of one post.
type PositionFigures struct {
	Planned       float64 // 编制 as recorded
	Actual        float64 // sum of FTE of people in post
	Vacancy       float64 // planned − actual; negative means over establishment
	Holders       []Holder
	DirectReports int
	TotalUnder    int
	Layer         int // 1 for a post that reports to no one
}

// UnitFigures are the "在职(直属/总共) / 编制(直属/总共)" figures of a unit.
// Posts not yet set up or frozen count toward neither.
type UnitFigures struct {
	PlannedDirect, PlannedTotal float64
	ActualDirect, ActualTotal   float64
}

// Vacancy returns planned minus actual over the unit and its sub-units.
func (f UnitFigures) Vacancy() float64 { return f.PlannedTotal - f.ActualTotal }

// Figures holds everything derived from a plan. It is never stored.
type Figures struct {
	Positions map[ID]*PositionFigures
	Units     map[ID]*UnitFigures
	// Children lists sub-units by parent (0 for top level) in display order.
	Children map[ID][]ID
	// PostsIn lists the posts directly in each unit in display order.
	PostsIn map[ID][]ID
	// Reports lists the direct reports of each post (0 for posts with no manager).
	Reports map[ID][]ID
	// PeopleInPost is the number of distinct people holding an active post.
	PeopleInPost int
}

// Compute derives the figures of a plan. It runs in time linear in the size
// of the plan (plus sorting siblings).
func Compute(d *PlanData) *Figures {
	f, _ := compute(d, func(f *Figures, posByID map[ID]*Position) bool {
		computeHolders(d, f, posByID)
		return true
	})
	return f
}

// RecomputePosts is Compute after a change that wrote units and posts but
// no person and no assignment, with prev the figures before it. The holders
// of each post and the people in post are prev's: they follow from people
// and assignments alone, because an assignment always names a post that
// exists (the store refuses deleting a post that has one). Everything else
// is derived again. On a large plan the holders are most of the work: this
// is what keeps an edit of a post quick.
func RecomputePosts(d *PlanData, prev *Figures) *Figures {
	f, _ := compute(d, func(f *Figures, _ map[ID]*Position) bool {
		keepHolders(f, prev)
		return true
	})
	return f
}

// keepHolders sets the holders, actual FTE and people in post of f as in
// prev.
func keepHolders(f, prev *Figures) {
	f.PeopleInPost = prev.PeopleInPost
	for id, pp := range prev.Positions {
		if pp.Actual == 0 && pp.Holders == nil {
			continue // as a new PositionFigures is
		}
		if pf := f.Positions[id]; pf != nil {
			pf.Actual, pf.Holders = pp.Actual, pp.Holders
		}
	}
}

// compute derives the figures of d, with holders setting the holders, the
// actual FTE of each post and the people in post; it reports false when it
// cannot, and compute then does too.
func compute(d *PlanData, holders func(f *Figures, posByID map[ID]*Position) bool) (*Figures, bool) {
	f := &Figures{
		Positions: make(map[ID]*PositionFigures, len(d.Positions)),
		Units:     make(map[ID]*UnitFigures, len(d.Units)),
		Children:  make(map[ID][]ID),
		PostsIn:   make(map[ID][]ID),
		Reports:   make(map[ID][]ID),
	}
	unitByID := make(map[ID]*Unit, len(d.Units))
	for i := range d.Units {
		u := &d.Units[i]
		unitByID[u.ID] = u
		f.Units[u.ID] = &UnitFigures{}
	}
	for i := range d.Units {
		u := &d.Units[i]
		parent := u.Parent
		if _, ok := unitByID[parent]; !ok {
			parent = 0
		}
		f.Children[parent] = append(f.Children[parent], u.ID)
	}
	posByID := make(map[ID]*Position, len(d.Positions))
	pfs := make([]PositionFigures, len(d.Positions)) // one allocation, not 10,000
	for i := range d.Positions {
		p := &d.Positions[i]
		posByID[p.ID] = p
		pfs[i].Planned = p.Planned
		f.Positions[p.ID] = &pfs[i]
	}
	// Posts in display order once, so that every list made from them is in
	// display order without sorting each (with a lookup per comparison).
	inOrder := make([]*Position, len(d.Positions))
	for i := range d.Positions {
		inOrder[i] = &d.Positions[i]
	}
	slices.SortFunc(inOrder, func(a, b *Position) int {
		if a.Order != b.Order {
			return cmp.Compare(a.Order, b.Order)
		}
		return cmp.Compare(a.ID, b.ID)
	})
	for _, p := range inOrder {
		f.PostsIn[p.Unit] = append(f.PostsIn[p.Unit], p.ID)
		mgr := p.ReportsTo
		if _, ok := posByID[mgr]; !ok {
			mgr = 0
		}
		f.Reports[mgr] = append(f.Reports[mgr], p.ID)
	}
	for _, ids := range f.Children {
		sort.SliceStable(ids, func(i, j int) bool {
			a, b := unitByID[ids[i]], unitByID[ids[j]]
			if a.Order != b.Order {
				return a.Order < b.Order
			}
			return a.ID < b.ID
		})
	}

	// Holders and actual FTE.
	if !holders(f, posByID) {
		return nil, false
	}
	for i := range d.Positions {
		pf, id := &pfs[i], d.Positions[i].ID
		if d.Positions[i].Counts() {
			pf.Vacancy = pf.Planned - pf.Actual
		} else {
			pf.Vacancy = 0
		}
		pf.DirectReports = len(f.Reports[id])
	}

	// Layers and totals under each post, iteratively so deep chains cannot
	// overflow the stack. The reports-to graph is a forest (validated).
	order := make([]ID, 0, len(d.Positions))
	for _, root := range f.Reports[0] {
		f.Positions[root].Layer = 1
		order = append(order, root)
	}
	for i := 0; i < len(order); i++ {
		id := order[i]
		for _, c := range f.Reports[id] {
			f.Positions[c].Layer = f.Positions[id].Layer + 1
			order = append(order, c)
		}
	}
	for i := len(order) - 1; i >= 0; i-- {
		id := order[i]
		if mgr := posByID[id].ReportsTo; mgr != 0 {
			if mf := f.Positions[mgr]; mf != nil {
				mf.TotalUnder += 1 + f.Positions[id].TotalUnder
			}
		}
	}

	// Unit figures: direct first, then roll up along the unit tree.
	for _, p := range d.Positions {
		uf := f.Units[p.Unit]
		if uf == nil {
			continue
		}
		if p.Counts() {
			uf.PlannedDirect += p.Planned
		}
		uf.ActualDirect += f.Positions[p.ID].Actual
	}
	units := make([]ID, 0, len(d.Units))
	units = append(units, f.Children[0]...)
	for i := 0; i < len(units); i++ {
		units = append(units, f.Children[units[i]]...)
	}
	for _, id := range units {
		uf := f.Units[id]
		uf.PlannedTotal += uf.PlannedDirect
		uf.ActualTotal += uf.ActualDirect
	}
	for i := len(units) - 1; i >= 0; i-- {
		id := units[i]
		if parent := unitByID[id].Parent; parent != 0 {
			if pf := f.Units[parent]; pf != nil {
				pf.PlannedTotal += f.Units[id].PlannedTotal
				pf.ActualTotal += f.Units[id].ActualTotal
			}
		}
	}
	return f, true
}

// computeHolders sets the holders and actual FTE of each post and the
// number of people in post.
func computeHolders(d *PlanData, f *Figures, posByID map[ID]*Position) {
	personByID := make(map[ID]*Person, len(d.People))
	for i := range d.People {
		personByID[d.People[i].ID] = &d.People[i]
	}
	postsOf := make(map[ID]int, len(d.People))
	for _, a := range d.Assignments {
		if p := personByID[a.Person]; p != nil && p.CountsToday() && posByID[a.Position] != nil {
			postsOf[a.Person]++
		}
	}
	f.PeopleInPost = len(postsOf)
	for _, a := range d.Assignments {
		pf := f.Positions[a.Position]
		person := personByID[a.Person]
		if pf == nil || person == nil || !person.CountsToday() {
			continue
		}
		pf.Actual += a.FTE
		pf.Holders = append(pf.Holders, Holder{
			Person: person.ID, Assignment: a.ID, Name: person.Name, FTE: a.FTE,
			Concurrent: postsOf[a.Person] > 1,
		})
	}
}

// UnitPath returns the names from the top unit down to id, e.g.
// ["康飞塑业", "生产部"].
func UnitPath(d *PlanData, id ID) []string {
	byID := d.UnitIndex()
	return UnitPathIn(byID, id)
}

// UnitPathIn is UnitPath over an index built once by the caller.
func UnitPathIn(byID map[ID]*Unit, id ID) []string {
	var path []string
	for steps := 0; id != 0 && steps <= len(byID); steps++ {
		u := byID[id]
		if u == nil {
			break
		}
		path = append([]string{u.Name}, path...)
		id = u.Parent
	}
	return path
}
