// Package template reads plan templates: JSON data files that describe a
// whole plan (units, posts, people, assignments) by keys instead of ids.
package template

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"path"
	"slices"
	"sort"
	"strings"
	"time"

	"staffplan/assets"
	"staffplan/data/budget"
	"staffplan/data/model"
)

// Info describes a template for a chooser.
type Info struct {
	Name        string            // what to pass to --template
	Title       map[string]string // by language: "zh", "en"
	Description map[string]string // one line, by language
	Default     bool              // opened on first start
	// Industry groups templates in choosers; the UI translates
	// "industry."+Industry. See Industries for the order.
	Industry string
	// Rules names the calculator rule set (assets/calc/<Rules>.json) that
	// sizes this kind of organisation; empty when none applies.
	Rules string
}

// Industries lists the industry groups in the order choosers show them;
// a template of an industry not listed comes after these.
var Industries = []string{"manufacturing", "property", "healthcare", "energy",
	"customer_service", "after_sales", "sales", "finance"}

// Group is the templates of one industry, in List order.
type Group struct {
	Industry  string
	Templates []Info
}

// Groups sorts infos into industry groups in the order of Industries, then
// any other industry by key; within a group the order of infos is kept.
func Groups(infos []Info) []Group {
	rank := func(ind string) int {
		for i, x := range Industries {
			if x == ind {
				return i
			}
		}
		return len(Industries)
	}
	var out []Group
	for _, in := range infos {
		i := slices.IndexFunc(out, func(g Group) bool { return g.Industry == in.Industry })
		if i < 0 {
			out = append(out, Group{Industry: in.Industry})
			i = len(out) - 1
		}
		out[i].Templates = append(out[i].Templates, in)
	}
	sort.SliceStable(out, func(i, j int) bool {
		ri, rj := rank(out[i].Industry), rank(out[j].Industry)
		if ri != rj {
			return ri < rj
		}
		return out[i].Industry < out[j].Industry
	})
	return out
}

type file struct {
	Info
	Plan struct {
		Name         string `json:"name"`
		Organisation string `json:"organisation"`
		Effective    string `json:"effective"`
		Notes        string `json:"notes"`
	} `json:"plan"`
	// Budget names the contribution profile (assets/budget/<Profile>.json)
	// the plan starts with; Source and Assumption say why that city, as
	// for a post's figure.
	Budget struct {
		Profile    string
		Source     string
		Assumption bool
	} `json:"budget"`
	Units []struct {
		Key, Name, Kind, Parent, Note string
		Source                        string // where the unit comes from
	} `json:"units"`
	Positions []struct {
		Key, Title, Unit, ReportsTo string
		Dotted                      []string
		Grade                       string
		Planned                     float64
		// PlannedText is a headcount the source writes as a range or an
		// approximation ("1-2人", "15名左右"): Planned holds its lower
		// bound and the text goes to the note, as the importer does.
		PlannedText string
		// Source quotes or names the section of the source document the
		// figure comes from; Assumption marks a figure the source does not
		// give (the source text then says what was assumed).
		Source                    string
		Assumption                bool
		Status, Employment, Shift string
		SalaryMin, SalaryMax      float64
		// MonthlyPay (yuan a month) and MonthsPaid (months a year, 0 for
		// 12) are the post's pay; PaySource and PayAssumption mark where
		// they come from, as Source and Assumption do for the headcount.
		MonthlyPay, MonthsPaid float64
		PaySource              string
		PayAssumption          bool
		Mission                string
		Duties                 []string
		Requirements           model.Requirements
		Note                   string
	} `json:"positions"`
	People []struct {
		EmpNo, Name, Hire, Status, Employment, Grade string
	} `json:"people"`
	Assignments []struct {
		Person, Position string
		FTE              float64
	} `json:"assignments"`
}

// Enumerations as written in template files.
var (
	unitKinds = map[string]model.UnitKind{"": model.UnitDepartment, "company": model.UnitCompany,
		"department": model.UnitDepartment, "team": model.UnitTeam, "site": model.UnitSiteOffice}
	statuses = map[string]model.PositionStatus{"": model.StatusActive, "active": model.StatusActive,
		"not_set_up": model.StatusNotSetUp, "frozen": model.StatusFrozen}
	employments = map[string]model.EmploymentType{"": model.EmployFullTime, "full_time": model.EmployFullTime,
		"part_time": model.EmployPartTime, "agency": model.EmployAgency, "intern": model.EmployIntern,
		"retiree": model.EmployRetiree}
	personStatuses = map[string]model.PersonStatus{"": model.PersonActive, "active": model.PersonActive,
		"probation": model.PersonProbation, "left": model.PersonLeft}
)

func read(fsys fs.FS, p string) (*file, error) {
	b, err := fs.ReadFile(fsys, p)
	if err != nil {
		return nil, err
	}
	var f file
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		return nil, fmt.Errorf("%s: %w", p, err)
	}
	if f.Name == "" {
		f.Name = strings.TrimSuffix(path.Base(p), ".json")
	}
	return &f, nil
}

// List returns the templates in the root of fsys, default first, then by name.
func List(fsys fs.FS) ([]Info, error) {
	paths, err := fs.Glob(fsys, "*.json")
	if err != nil {
		return nil, err
	}
	var out []Info
	for _, p := range paths {
		f, err := read(fsys, p)
		if err != nil {
			return nil, err
		}
		out = append(out, f.Info)
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Default != out[j].Default {
			return out[i].Default
		}
		return out[i].Name < out[j].Name
	})
	return out, nil
}

// ErrUnknown is returned by Load for a template name that does not exist.
var ErrUnknown = errors.New("unknown template")

// Lookup returns the Info of the named template.
func Lookup(fsys fs.FS, name string) (Info, error) {
	infos, err := List(fsys)
	if err != nil {
		return Info{}, err
	}
	for _, in := range infos {
		if in.Name == name {
			return in, nil
		}
	}
	return Info{}, fmt.Errorf("%w: %q", ErrUnknown, name)
}

// Load reads the named template as plan data whose ids are local references,
// ready for store.CreatePlan.
func Load(fsys fs.FS, name string) (*model.PlanData, error) {
	infos, err := List(fsys)
	if err != nil {
		return nil, err
	}
	for _, in := range infos {
		if in.Name == name {
			f, err := read(fsys, name+".json")
			if err != nil {
				return nil, err
			}
			return f.build()
		}
	}
	return nil, fmt.Errorf("%w: %q", ErrUnknown, name)
}

func (f *file) build() (*model.PlanData, error) {
	d := &model.PlanData{}
	d.Plan.Name = f.Plan.Name
	d.Plan.Organisation = f.Plan.Organisation
	d.Plan.Notes = f.Plan.Notes
	if f.Plan.Effective != "" {
		t, err := time.Parse(time.DateOnly, f.Plan.Effective)
		if err != nil {
			return nil, fmt.Errorf("template %s: effective date: %w", f.Name, err)
		}
		d.Plan.Effective = t
	}
	if name := f.Budget.Profile; name != "" {
		profs, err := budget.LoadProfiles(assets.BudgetProfiles())
		if err != nil {
			return nil, fmt.Errorf("template %s: %w", f.Name, err)
		}
		i := slices.IndexFunc(profs, func(p *budget.Profile) bool { return p.Name == name })
		if i < 0 {
			return nil, fmt.Errorf("template %s: unknown contribution profile %q", f.Name, name)
		}
		// The plan is in Chinese, so is the profile's title.
		d.Plan.Budget.Profile = profs[i].Contribution("zh")
	}
	var next model.ID
	ids := map[string]model.ID{}
	key := func(kind, k string) (model.ID, error) {
		if k == "" {
			return 0, nil
		}
		id, ok := ids[kind+"/"+k]
		if !ok {
			return 0, fmt.Errorf("template %s: unknown %s %q", f.Name, kind, k)
		}
		return id, nil
	}
	define := func(kind, k string) (model.ID, error) {
		if _, dup := ids[kind+"/"+k]; dup || k == "" {
			return 0, fmt.Errorf("template %s: %s key %q missing or used twice", f.Name, kind, k)
		}
		next++
		ids[kind+"/"+k] = next
		return next, nil
	}
	for _, u := range f.Units {
		if _, err := define("unit", u.Key); err != nil {
			return nil, err
		}
	}
	for _, p := range f.Positions {
		if _, err := define("position", p.Key); err != nil {
			return nil, err
		}
	}
	for i, u := range f.Units {
		kind, ok := unitKinds[u.Kind]
		if !ok {
			return nil, fmt.Errorf("template %s: unit %q: unknown kind %q", f.Name, u.Key, u.Kind)
		}
		id, _ := key("unit", u.Key)
		parent, err := key("unit", u.Parent)
		if err != nil {
			return nil, err
		}
		d.Units = append(d.Units, model.Unit{ID: id, Name: u.Name, Kind: kind, Parent: parent, Order: i, Note: u.Note})
	}
	for i, p := range f.Positions {
		id, _ := key("position", p.Key)
		unit, err := key("unit", p.Unit)
		if err != nil {
			return nil, err
		}
		mgr, err := key("position", p.ReportsTo)
		if err != nil {
			return nil, err
		}
		status, ok1 := statuses[p.Status]
		emp, ok2 := employments[p.Employment]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("template %s: position %q: unknown status or employment", f.Name, p.Key)
		}
		pos := model.Position{ID: id, Title: p.Title, Unit: unit, ReportsTo: mgr, Grade: p.Grade,
			Planned: p.Planned, Status: status, Employment: emp, Shift: p.Shift,
			SalaryMin: p.SalaryMin, SalaryMax: p.SalaryMax, Mission: p.Mission,
			Duties: p.Duties, Req: p.Requirements, Note: p.Note, Order: i}
		if p.MonthlyPay < 0 || p.MonthlyPay*100 > float64(model.MaxFen) || p.MonthsPaid < 0 || p.MonthsPaid > 24 {
			return nil, fmt.Errorf("template %s: position %q: pay out of range", f.Name, p.Key)
		}
		pos.MonthlyPay = int64(math.Round(p.MonthlyPay * 100))
		pos.MonthsPaid = int32(math.Round(p.MonthsPaid * 100))
		if t := p.PlannedText; t != "" && !strings.Contains(pos.Note, t) {
			if pos.Note == "" {
				pos.Note = t
			} else {
				pos.Note += "；" + t
			}
		}
		for _, dk := range p.Dotted {
			m, err := key("position", dk)
			if err != nil {
				return nil, err
			}
			pos.Dotted = append(pos.Dotted, m)
		}
		d.Positions = append(d.Positions, pos)
	}
	for _, p := range f.People {
		id, err := define("person", p.EmpNo)
		if err != nil {
			return nil, err
		}
		st, ok1 := personStatuses[p.Status]
		emp, ok2 := employments[p.Employment]
		if !ok1 || !ok2 {
			return nil, fmt.Errorf("template %s: person %q: unknown status or employment", f.Name, p.EmpNo)
		}
		person := model.Person{ID: id, EmpNo: p.EmpNo, Name: p.Name, Status: st, Employment: emp, Grade: p.Grade}
		if p.Hire != "" {
			t, err := time.Parse(time.DateOnly, p.Hire)
			if err != nil {
				return nil, fmt.Errorf("template %s: person %q: hire date: %w", f.Name, p.EmpNo, err)
			}
			person.HireDate = t
		}
		d.People = append(d.People, person)
	}
	for _, a := range f.Assignments {
		person, err := key("person", a.Person)
		if err != nil {
			return nil, err
		}
		pos, err := key("position", a.Position)
		if err != nil {
			return nil, err
		}
		next++
		d.Assignments = append(d.Assignments, model.Assignment{ID: next, Person: person, Position: pos, FTE: a.FTE})
	}
	if err := d.Validate(); err != nil {
		return nil, fmt.Errorf("template %s: %w", f.Name, err)
	}
	return d, nil
}
