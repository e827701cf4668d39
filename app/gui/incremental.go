package gui

import (
	"cmp"
	"slices"
	"sort"

	"staffplan/data/model"
	"staffplan/data/store"
)

// bulkChange is the number of records from which a change is followed by
// reading the plan again rather than record by record: an import or a
// whole plan undone.
const bulkChange = 2000

// changed brings the window up to date after ch was stored (reverted: after
// it was undone). The plan in memory takes the records ch wrote, exactly
// as the store now holds them, and the figures are derived again; reading
// the whole plan back and rebuilding every pane took a quarter of a second
// per edit on a 10,000-post plan. A change of another plan, of the plan
// record's existence or of thousands of records reads the plan again.
func (u *UI) changed(ch *store.Change, reverted bool) {
	if ch == nil {
		u.refresh() // nothing stored; the panes show what is stored
		return
	}
	if !u.applyRecords(ch, reverted) {
		u.reload()
		return
	}
	u.refresh()

}

// applyRecords applies the records of ch to u.data and derives the figures
// again. It reports false, having changed nothing, when the change is one
// to follow by reading the plan again.
func (u *UI) applyRecords(ch *store.Change, reverted bool) bool {
	if u.data == nil || ch.PlanID != u.planID || u.data.Plan.ID != u.planID || ch.Len() > bulkChange {
		return false
	}
	recs, err := ch.Records(reverted)
	if err != nil {
		return false
	}
	for _, r := range recs {
		if r.Kind == store.RecordPlan && (r.Deleted || r.ID != u.planID) {
			return false
		}
	}
	// The records go into copies of the slices they change: a pointer taken
	// into the plan before the change keeps seeing the record it pointed
	// at, as it did when the plan was read anew.
	old := u.data
	d := &model.PlanData{Plan: old.Plan, Units: old.Units, Positions: old.Positions,
		People: old.People, Assignments: old.Assignments}
	var copied [store.RecordOther]bool
	own := func(k store.RecordKind) bool {
		if copied[k] {
			return false
		}
		copied[k] = true
		return true
	}
	var persons []model.ID // whose record or assignments the change wrote
	var posts []model.ID   // the posts written, if the change wrote posts alone
	onlyPosts := true
	figures := false // whether the change wrote what the figures derive from
	for _, r := range recs {
		if r.Kind == store.RecordPosition {
			posts = append(posts, r.ID)
		} else {
			onlyPosts = false
		}
		figures = figures || (r.Kind != store.RecordPlan && r.Kind != store.RecordOther)
		switch r.Kind {
		case store.RecordPlan:
			d.Plan = *r.Plan
			// The plan picker names the plans.
			if plans, err := u.st.Plans(); err == nil {
				u.plans = plans
			}
		case store.RecordUnit:
			if choicesChange(u.units[r.ID], r.Unit, func(x *model.Unit) [4]any { return [4]any{x.Name, x.Parent, x.Order, x.Kind} }) {
				u.postsGen++
			}
			if own(r.Kind) {
				d.Units = slices.Clone(d.Units)
			}
			d.Units = upsert(d.Units, r.ID, r.Unit, func(x *model.Unit) model.ID { return x.ID })
		case store.RecordPosition:
			if choicesChange(u.posts[r.ID], r.Position, func(x *model.Position) [4]any { return [4]any{x.Title, x.Unit, x.ReportsTo, x.Order} }) {
				u.postsGen++
			}
			if own(r.Kind) {
				d.Positions = slices.Clone(d.Positions)
			}
			d.Positions = upsert(d.Positions, r.ID, r.Position, func(x *model.Position) model.ID { return x.ID })
		case store.RecordPerson:
			if own(r.Kind) {
				d.People = slices.Clone(d.People)
			}
			d.People = upsert(d.People, r.ID, r.Person, func(x *model.Person) model.ID { return x.ID })
			persons = append(persons, r.ID)
		case store.RecordAssignment:
			if own(r.Kind) {
				d.Assignments = slices.Clone(d.Assignments)
			}
			if i, ok := slices.BinarySearchFunc(old.Assignments, r.ID, func(a model.Assignment, id model.ID) int { return cmp.Compare(a.ID, id) }); ok {
				persons = append(persons, old.Assignments[i].Person)
			}
			if r.Assignment != nil {
				persons = append(persons, r.Assignment.Person)
			}
			d.Assignments = upsert(d.Assignments, r.ID, r.Assignment, func(x *model.Assignment) model.ID { return x.ID })
		}
	}
	u.data = d
	// The plan record and the plan's documents (the calculator's sheet)
	// change no figure.
	fig, ok := u.fig, !figures
	if onlyPosts && figures {
		// A post's headcount, status or texts: its units' sums alone.
		fig, ok = model.RecomputePlanned(d, old, u.fig, posts)
	}
	if !ok {
		fig = model.Recompute(d, old, u.fig, persons)
	}
	u.fig = fig
	switch {
	case copied[store.RecordPerson]:
		u.indexPeople() // the people moved
	case len(persons) > 0:
		u.refreshShares(persons)
	}
	// The indexes point into the slices, which may have moved.
	u.units = d.UnitIndex()
	u.posts = d.PositionIndex()
	return true
}

// choicesChange reports whether a record written changes what is made from
// the units and posts (the form's unit and manager choices, 10,000 labels
// on a large plan): a record added or removed, or one of the fields key
// picks. A change of a post's headcount leaves them as they are.
func choicesChange[T any](before, after *T, key func(*T) [4]any) bool {
	return before == nil || after == nil || key(before) != key(after)
}

// refreshShares sets again the total shares of the people given, after
// their assignments changed; the people themselves did not.
func (u *UI) refreshShares(persons []model.ID) {
	u.peopleGen++
	touched := make(map[model.ID]bool, len(persons))
	lo, hi := persons[0], persons[0]
	for _, p := range persons {
		touched[p] = true
		lo, hi = min(lo, p), max(hi, p)
		delete(u.personFTE, p)
	}
	// Summed in assignment order, as indexPeople sums them.
	for _, a := range u.data.Assignments {
		if a.Person >= lo && a.Person <= hi && touched[a.Person] {
			u.personFTE[a.Person] += a.FTE
		}
	}
}

// upsert puts rec (nil: removes the record) into records, kept in id order
// as the store reads them. It changes records in place.
func upsert[T any](records []T, id model.ID, rec *T, idOf func(*T) model.ID) []T {
	i := sort.Search(len(records), func(i int) bool { return idOf(&records[i]) >= id })
	found := i < len(records) && idOf(&records[i]) == id
	switch {
	case rec == nil && found:
		return append(records[:i], records[i+1:]...)
	case rec == nil:
		return records
	case found:
		records[i] = *rec
		return records
	}
	var zero T
	records = append(records, zero)
	copy(records[i+1:], records[i:])
	records[i] = *rec
	return records
}
