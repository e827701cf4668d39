package gui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/model"
	"staffplan/widgets"
)

// rosterView lists people with their posts: one line per assignment, and
// one line for a person with no post. Tapping a line opens the post.
type rosterView struct {
	u        *UI
	table    *widgets.SortTable
	filter   *widget.Entry
	showLeft *widget.Check
	count    *widget.Label
	content  *fyne.Container
	people   int // listed before filtering
}

// Roster columns.
const (
	colEmpNo = iota
	colName
	colUnit
	colPost
	colFTE
	colTotal // the person's FTE over all her posts
	colStatus
	colEmployment
	colGrade
)

func newRosterView(u *UI) *rosterView {
	r := &rosterView{u: u}
	r.table = widgets.NewSortTable([]widgets.Column{
		{Title: lang.X("roster.empno", "Emp. no."), Width: 80},
		{Title: lang.X("roster.name", "Name"), Width: 90},
		{Title: lang.X("roster.unit", "Unit"), Width: 180},
		{Title: lang.X("roster.post", "Post"), Width: 140},
		{Title: lang.X("roster.fte", "FTE"), Width: 60, Numeric: true},
		{Title: lang.X("roster.total_fte", "Total FTE"), Width: 120, Numeric: true},
		{Title: lang.X("roster.status", "Status"), Width: 80},
		{Title: lang.X("roster.employment", "Employment"), Width: 90},
		{Title: lang.X("roster.grade", "Grade"), Width: 60},
	})
	r.table.OnSelected = func(key any) {
		if k, ok := key.(rosterKey); ok && k.post != 0 {
			id := k.post
			u.editor.confirmLeave(func() {
				u.editor.load(id)
				u.tabs.Select(u.posTab)
			})
		}
	}
	r.filter = widget.NewEntry()
	r.filter.SetPlaceHolder(lang.X("roster.filter", "Filter: name, emp. no., unit or post"))
	r.filter.OnChanged = func(s string) {
		r.table.SetFilter(s)
		r.showCount()
	}
	r.showLeft = widget.NewCheck(lang.X("roster.show_left", "Show people who left"), func(bool) { r.refresh() })
	r.count = widget.NewLabel("")
	top := container.NewBorder(nil, nil, nil, container.NewHBox(r.showLeft, r.count), r.filter)
	r.content = container.NewBorder(top, nil, nil, nil, r.table)
	return r
}

// refresh follows a change of the plan. The count is cheap and always
// right; the lines (one per assignment, 100,000 on a large plan) are made
// now only when the roster is on screen, otherwise when it is next shown or
// read.
func (r *rosterView) refresh() {
	d := r.u.data
	people := 0
	for i := range d.People {
		if d.People[i].InPost() || r.showLeft.Checked {
			people++
		}
	}
	r.people = people
	if r.u.tabs != nil && r.u.tabs.Selected() == r.u.rosterTab {
		r.table.SetRows(r.rows())
	} else {
		r.table.SetRowsFunc(r.rows)
	}
	r.showCount()
}

// rows are the roster's lines.
func (r *rosterView) rows() []widgets.Row {
	u := r.u
	d := u.data
	byPerson := make(map[model.ID][]model.Assignment, len(d.People))
	for _, a := range d.Assignments {
		byPerson[a.Person] = append(byPerson[a.Person], a)
	}
	// With a single top unit (the company) its name on every line is noise.
	paths := make(map[model.ID]string, len(d.Units))
	unitPath := func(id model.ID) string {
		if s, ok := paths[id]; ok {
			return s
		}
		path := model.UnitPathIn(u.units, id)
		if len(u.fig.Children[0]) == 1 && len(path) > 1 {
			path = path[1:]
		}
		s := strings.Join(path, " / ")
		paths[id] = s
		return s
	}
	// Labels translated once, not once per line.
	status := map[model.PersonStatus]string{}
	for _, s := range model.PersonStatuses {
		status[s] = core.PersonStatusText(s)
	}
	employ := map[model.EmploymentType]string{}
	for _, e := range model.EmploymentTypes {
		employ[e] = core.EmploymentText(e)
	}
	rows := make([]widgets.Row, 0, len(d.Assignments)+len(d.People)/4)
	for i := range d.People {
		p := &d.People[i]
		if !p.InPost() && !r.showLeft.Checked {
			continue
		}
		st, ok := status[p.Status]
		if !ok {
			st = core.PersonStatusText(p.Status)
		}
		em, ok := employ[p.Employment]
		if !ok {
			em = core.EmploymentText(p.Employment)
		}
		base := []string{p.EmpNo, p.Name, "", "", "", u.totalFTEText(p.ID), st, em, p.Grade}
		as := byPerson[p.ID]
		if len(as) == 0 {
			rows = append(rows, widgets.Row{Key: rosterKey{person: p.ID}, Cells: base})
			continue
		}
		for _, a := range as {
			cells := append([]string(nil), base...)
			if pos := u.posts[a.Position]; pos != nil {
				cells[colUnit] = unitPath(pos.Unit)
				cells[colPost] = pos.Title
			}
			cells[colFTE] = core.FormatFTE(a.FTE)
			rows = append(rows, widgets.Row{Key: rosterKey{person: p.ID, post: a.Position}, Cells: cells})
		}
	}
	return rows
}

// shown brings the lines up to date when the roster comes on screen.
func (r *rosterView) shown() {
	if r.table.Pending() {
		r.table.SetRows(r.rows())
	}
}

// rosterKey is a roster line's person and post (0 for no post).
type rosterKey struct{ person, post model.ID }

// showCount says how many people are listed, counted as everywhere else
// (model.CountPeople, or with the leavers when they are shown), and how
// many of them the filter keeps: "12 / 711 people".
func (r *rosterView) showCount() {
	if strings.TrimSpace(r.filter.Text) == "" {
		r.count.SetText(lang.X("roster.count", "{{.n}} people", map[string]any{"n": r.people}))
		return
	}
	seen := map[model.ID]bool{}
	for _, row := range r.table.Shown() {
		if k, ok := row.Key.(rosterKey); ok {
			seen[k.person] = true
		}
	}
	r.count.SetText(lang.X("roster.count_filtered", "{{.shown}} / {{.n}} people", map[string]any{"shown": len(seen), "n": r.people}))
}
