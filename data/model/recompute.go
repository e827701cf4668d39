package model

import "sort"

// Recompute is Compute after a change, with old the plan before it, prev
// its figures and persons the people the change touched: those whose
// record it wrote and those of every assignment it wrote (before and
// after). Only the holders of the posts those people hold, held before, or
// share with them are derived again; the rest are prev's, since a holder's
// line follows from her record, her assignments and the number of her
// posts alone. Everything not about holders is derived again in full. A
// large set of people, or anything Recompute cannot follow, falls back to
// Compute, whose result Recompute always equals.
func Recompute(d *PlanData, old *PlanData, prev *Figures, persons []ID) *Figures {
	if prev == nil || old == nil {
		return Compute(d)
	}
	if len(persons) == 0 {
		return RecomputePosts(d, prev)
	}
	if len(persons) > 256 || !inIDOrder(d) || !inIDOrder(old) {
		return Compute(d)
	}
	f, ok := compute(d, func(f *Figures, _ map[ID]*Position) bool {
		keepHolders(f, prev)
		return recomputeHolders(d, old, prev, f, persons)
	})
	if !ok {
		return Compute(d)
	}
	return f
}

// inIDOrder reports whether the people and posts of d are in id order, as
// the store reads them, so that they can be searched.
func inIDOrder(d *PlanData) bool {
	return sort.SliceIsSorted(d.People, func(i, j int) bool { return d.People[i].ID < d.People[j].ID }) &&
		sort.SliceIsSorted(d.Positions, func(i, j int) bool { return d.Positions[i].ID < d.Positions[j].ID })
}

// recomputeHolders derives again the holders of the posts the people
// touched hold or held, in f, which holds prev's. It reports false when it
// meets what it cannot follow.
func recomputeHolders(d, old *PlanData, prev, f *Figures, persons []ID) bool {
	touched := make(map[ID]bool, len(persons))
	lo, hi := persons[0], persons[0]
	for _, p := range persons {
		touched[p] = true
		lo, hi = min(lo, p), max(hi, p)
	}
	isTouched := func(p ID) bool { return p >= lo && p <= hi && touched[p] }

	// The posts whose holders may differ: every post a touched person held
	// before or holds now.
	posts := map[ID]bool{}
	wasInPost := map[ID]bool{} // touched people counted in prev.PeopleInPost
	for _, a := range old.Assignments {
		if isTouched(a.Person) {
			posts[a.Position] = true
			if p := findPerson(old.People, a.Person); p != nil && p.CountsToday() && prev.Positions[a.Position] != nil {
				wasInPost[a.Person] = true
			}
		}
	}
	postsOf := map[ID]int{} // of touched people, as Compute counts them
	for _, a := range d.Assignments {
		if isTouched(a.Person) {
			posts[a.Position] = true
			if p := findPerson(d.People, a.Person); p != nil && p.CountsToday() && f.Positions[a.Position] != nil {
				postsOf[a.Person]++
			}
		}
	}
	f.PeopleInPost = prev.PeopleInPost - len(wasInPost) + len(postsOf)

	// Their holders again, in assignment order as Compute makes them.
	fresh := map[ID]bool{}
	var loP, hiP ID
	for id := range posts {
		if pf := f.Positions[id]; pf != nil {
			pf.Actual, pf.Holders = 0, nil
			if len(fresh) == 0 {
				loP, hiP = id, id
			}
			fresh[id] = true
			loP, hiP = min(loP, id), max(hiP, id)
		}
	}
	if len(fresh) == 0 {
		return true
	}
	before := map[ID]Holder{} // by assignment, of the posts made again
	for id := range fresh {
		if pp := prev.Positions[id]; pp != nil {
			for _, h := range pp.Holders {
				before[h.Assignment] = h
			}
		}
	}
	for _, a := range d.Assignments {
		if a.Position < loP || a.Position > hiP || !fresh[a.Position] {
			continue
		}
		pf := f.Positions[a.Position]
		var h Holder
		if isTouched(a.Person) {
			person := findPerson(d.People, a.Person)
			if person == nil || !person.CountsToday() {
				continue
			}
			h = Holder{Person: person.ID, Assignment: a.ID, Name: person.Name, FTE: a.FTE,
				Concurrent: postsOf[a.Person] > 1}
		} else {
			// Someone the change did not touch holds the post as before, or
			// did not count then and does not now.
			var ok bool
			if h, ok = before[a.ID]; !ok {
				if p := findPerson(d.People, a.Person); p != nil && p.CountsToday() {
					return false // not a change Recompute can follow
				}
				continue
			}
		}
		pf.Actual += a.FTE
		pf.Holders = append(pf.Holders, h)
	}
	return true
}

// findPerson is the person id in people, which is in id order, or nil.
func findPerson(people []Person, id ID) *Person {
	i := sort.Search(len(people), func(i int) bool { return people[i].ID >= id })
	if i < len(people) && people[i].ID == id {
		return &people[i]
	}
	return nil
}
