package template

import (
	"io/fs"
	"reflect"
	"slices"
	"time"

	"staffplan/data/model"
)

// Unchanged reports whether plan d holds exactly what template name would
// create: the same plan settings, units, posts, people and assignments,
// whatever IDs the store gave them. The window uses it to tell the untouched
// sample of a first start from a plan the user has made their own: the first
// roster imported over the untouched sample becomes a plan of its own
// instead of being merged into the demo company.
func Unchanged(d *model.PlanData, fsys fs.FS, name string) bool {
	if d == nil {
		return false
	}
	t, err := Load(fsys, name)
	if err != nil {
		return false
	}
	return sameContent(d, t)
}

// sameContent compares two plans with every ID replaced by the record's
// rank among its kind, which is what survives store.CreatePlan's remapping
// (it hands out new IDs in the order of the records).
func sameContent(a, b *model.PlanData) bool {
	pa, pb := a.Plan, b.Plan
	if pa.Name != pb.Name || pa.Organisation != pb.Organisation || pa.Notes != pb.Notes ||
		!sameDay(pa.Effective, pb.Effective) || pa.Basis != pb.Basis {
		return false
	}
	ca, cb := canonical(a), canonical(b)
	return reflect.DeepEqual(ca, cb)
}

func sameDay(a, b time.Time) bool {
	if a.IsZero() || b.IsZero() {
		return a.IsZero() == b.IsZero()
	}
	ay, am, ad := a.Date()
	by, bm, bd := b.Date()
	return ay == by && am == bm && ad == bd
}

// canonicalPlan is a plan's records with IDs as ranks and times as days.
type canonicalPlan struct {
	Units       []model.Unit
	Positions   []model.Position
	People      []model.Person
	Assignments []model.Assignment
	HireDays    []string
}

func canonical(d *model.PlanData) canonicalPlan {
	rank := func(ids []model.ID) map[model.ID]model.ID {
		s := slices.Clone(ids)
		slices.Sort(s)
		m := make(map[model.ID]model.ID, len(s))
		for i, id := range s {
			m[id] = model.ID(i + 1)
		}
		return m
	}
	ids := func(n int, id func(int) model.ID) []model.ID {
		out := make([]model.ID, n)
		for i := range out {
			out[i] = id(i)
		}
		return out
	}
	units := rank(ids(len(d.Units), func(i int) model.ID { return d.Units[i].ID }))
	posts := rank(ids(len(d.Positions), func(i int) model.ID { return d.Positions[i].ID }))
	people := rank(ids(len(d.People), func(i int) model.ID { return d.People[i].ID }))
	assigns := rank(ids(len(d.Assignments), func(i int) model.ID { return d.Assignments[i].ID }))
	var c canonicalPlan
	for _, u := range d.Units {
		u.ID, u.Parent = units[u.ID], units[u.Parent]
		c.Units = append(c.Units, u)
	}
	for _, p := range d.Positions {
		p.ID, p.Unit, p.ReportsTo = posts[p.ID], units[p.Unit], posts[p.ReportsTo]
		dotted := make([]model.ID, len(p.Dotted))
		for i, x := range p.Dotted {
			dotted[i] = posts[x]
		}
		p.Dotted = dotted
		if len(p.Duties) == 0 {
			p.Duties = nil
		}
		c.Positions = append(c.Positions, p)
	}
	for _, p := range d.People {
		p.ID = people[p.ID]
		day := ""
		if !p.HireDate.IsZero() {
			day = p.HireDate.Format(time.DateOnly)
		}
		p.HireDate = time.Time{}
		c.People = append(c.People, p)
		c.HireDays = append(c.HireDays, day)
	}
	for _, a := range d.Assignments {
		a.ID, a.Person, a.Position = assigns[a.ID], people[a.Person], posts[a.Position]
		c.Assignments = append(c.Assignments, a)
	}
	slices.SortFunc(c.Units, func(x, y model.Unit) int { return int(x.ID) - int(y.ID) })
	slices.SortFunc(c.Positions, func(x, y model.Position) int { return int(x.ID) - int(y.ID) })
	slices.SortFunc(c.Assignments, func(x, y model.Assignment) int { return int(x.ID) - int(y.ID) })
	// People and their hire days move together.
	order := make([]int, len(c.People))
	for i := range order {
		order[i] = i
	}
	slices.SortFunc(order, func(i, j int) int { return int(c.People[i].ID) - int(c.People[j].ID) })
	ps, hd := make([]model.Person, len(order)), make([]string, len(order))
	for k, i := range order {
		ps[k], hd[k] = c.People[i], c.HireDays[i]
	}
	c.People, c.HireDays = ps, hd
	return c
}
