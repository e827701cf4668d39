package model

import (
	"errors"
	"strings"
	"text/template"
	"unicode/utf8"
)

// Problem is a validation error. Key names the message for translation; Text
// is the English message as a text/template over Args, so a user interface
// can render the same message in another language with the same arguments.
type Problem struct {
	Key  string
	Text string
	Args map[string]any
}

// Error renders the English message.
func (p *Problem) Error() string {
	if p.Text == "" {
		return p.Key // a sentinel, used only for errors.Is
	}
	t, err := template.New(p.Key).Parse(p.Text)
	if err != nil {
		return p.Text
	}
	var b strings.Builder
	if err := t.Execute(&b, p.Args); err != nil {
		return p.Text
	}
	return b.String()
}

// Is lets errors.Is match problems by key; a sentinel also matches the
// more specific keys under it ("err.empty_name" matches "err.empty_name.unit").
func (p *Problem) Is(target error) bool {
	t, ok := target.(*Problem)
	return ok && (t.Key == p.Key || strings.HasPrefix(p.Key, t.Key+"."))
}

func problem(key, text string, kv ...any) *Problem {
	args := make(map[string]any, len(kv)/2)
	for i := 0; i+1 < len(kv); i += 2 {
		args[kv[i].(string)] = kv[i+1]
	}
	return &Problem{Key: key, Text: text, Args: args}
}

// Sentinel problems for errors.Is; their Args are empty.
var (
	ErrEmptyName       = &Problem{Key: "err.empty_name"}
	ErrUnitCycle       = &Problem{Key: "err.unit_cycle"}
	ErrUnknownParent   = &Problem{Key: "err.unknown_parent"}
	ErrUnknownUnit     = &Problem{Key: "err.unknown_unit"}
	ErrReportsCycle    = &Problem{Key: "err.reports_cycle"}
	ErrUnknownManager  = &Problem{Key: "err.unknown_manager"}
	ErrPlanned         = &Problem{Key: "err.planned"}
	ErrSalary          = &Problem{Key: "err.salary"}
	ErrDuplicateEmpNo  = &Problem{Key: "err.duplicate_empno"}
	ErrFTE             = &Problem{Key: "err.fte"}
	ErrUnknownPerson   = &Problem{Key: "err.unknown_person"}
	ErrUnknownPosition = &Problem{Key: "err.unknown_position"}
)

// Lookup answers "what is the parent of id" for cycle checks; ok is false
// when id does not exist.
type Lookup func(id ID) (parent ID, ok bool)

// findCycle walks up from start's proposed parent and reports whether it
// comes back to start. It stops after n steps so a damaged chain that loops
// elsewhere cannot hang the caller.
func findCycle(start, parent ID, up Lookup) bool {
	seen := 0
	for cur := parent; cur != 0; seen++ {
		if cur == start {
			return true
		}
		next, ok := up(cur)
		if !ok || seen > 1_000_000 {
			return seen > 1_000_000
		}
		cur = next
	}
	return false
}

// MaxNameRunes is the longest name of a unit or person, or title of a
// post: longer text is no name a plan needs (a pasted document), and one
// of millions of characters made the chart export take minutes.
const MaxNameRunes = 200

// nameTooLong is the problem for a name over MaxNameRunes characters; the
// name is shown cut short.
func nameTooLong(name string) error {
	return problem("err.name_too_long", "The name “{{.name}}…” is longer than {{.max}} characters.",
		"name", string([]rune(name)[:20]), "max", MaxNameRunes)
}

func longName(s string) bool {
	return len(s) > MaxNameRunes && utf8.RuneCountInString(s) > MaxNameRunes
}

// CheckUnit validates a unit against the others, which up describes.
func CheckUnit(u *Unit, up Lookup) error {
	if strings.TrimSpace(u.Name) == "" {
		return problem("err.empty_name.unit", "A unit needs a name.")
	}
	if longName(u.Name) {
		return nameTooLong(u.Name)
	}
	if longName(u.Code) {
		return nameTooLong(u.Code)
	}
	if u.Parent != 0 {
		if _, ok := up(u.Parent); !ok {
			return problem("err.unknown_parent", "The parent unit of {{.name}} does not exist.", "name", u.Name)
		}
		if u.Parent == u.ID || findCycle(u.ID, u.Parent, up) {
			return problem("err.unit_cycle", "{{.name}} cannot sit under itself or one of its own sub-units.", "name", u.Name)
		}
	}
	return nil
}

// CheckPosition validates a post. unitExists tells whether a unit exists;
// up describes the reports-to lines of the other posts.
func CheckPosition(p *Position, unitExists func(ID) bool, up Lookup) error {
	if strings.TrimSpace(p.Title) == "" {
		return problem("err.empty_name.position", "A position needs a title.")
	}
	if longName(p.Title) {
		return nameTooLong(p.Title)
	}
	if p.Unit == 0 || !unitExists(p.Unit) {
		return problem("err.unknown_unit", "The unit of {{.name}} does not exist.", "name", p.Title)
	}
	if !Finite(p.Planned) || p.Planned < 0 {
		return problem("err.planned", "The planned headcount of {{.name}} must be a number of zero or more.", "name", p.Title)
	}
	if !Finite(p.SalaryMin) || !Finite(p.SalaryMax) || p.SalaryMin < 0 || p.SalaryMax < 0 ||
		(p.SalaryMax > 0 && p.SalaryMin > p.SalaryMax) {
		return problem("err.salary", "The salary band of {{.name}} must run from a lower to a higher amount.", "name", p.Title)
	}
	if err := checkPay(p); err != nil {
		return err
	}
	for _, m := range append([]ID{p.ReportsTo}, p.Dotted...) {
		if m == 0 {
			continue
		}
		if _, ok := up(m); !ok {
			return problem("err.unknown_manager", "The manager of {{.name}} does not exist.", "name", p.Title)
		}
	}
	if p.ReportsTo != 0 && (p.ReportsTo == p.ID || findCycle(p.ID, p.ReportsTo, up)) {
		return problem("err.reports_cycle", "{{.name}} cannot report to itself or to a post under it.", "name", p.Title)
	}
	return nil
}

// CheckPerson validates a person's own fields; uniqueness of 工号 is checked
// where the whole roster is known.
func CheckPerson(p *Person) error {
	if strings.TrimSpace(p.Name) == "" {
		return problem("err.empty_name.person", "A person needs a name.")
	}
	if longName(p.Name) {
		return nameTooLong(p.Name)
	}
	if !p.ExpectedStart.IsZero() && !p.ExpectedLeave.IsZero() && p.ExpectedLeave.Before(p.ExpectedStart) {
		return problem("err.expected_dates", "{{.name}} cannot be expected to leave before she is expected to start.", "name", p.Name)
	}
	return nil
}

// DuplicateEmpNo is the problem for a 工号 used twice.
func DuplicateEmpNo(empNo string) error {
	return problem("err.duplicate_empno", "Employee number {{.empno}} is used twice.", "empno", empNo)
}

// CheckAssignment validates an assignment's share; a share is more than zero
// and at most one full-time equivalent.
func CheckAssignment(a *Assignment) error {
	if !Finite(a.FTE) || a.FTE <= 0 || a.FTE > 1 {
		return problem("err.fte", "An assignment's FTE must be more than 0 and at most 1.")
	}
	return nil
}

// UnknownRef is the problem for an assignment that names a missing record.
func UnknownRef(person bool) error {
	if person {
		return problem("err.unknown_person", "The person of an assignment does not exist.")
	}
	return problem("err.unknown_position", "The position of an assignment does not exist.")
}

// Validate checks a whole plan and returns every problem found, joined.
func (d *PlanData) Validate() error {
	var errs []error
	if err := CheckContributionProfile(&d.Plan.Budget.Profile); err != nil {
		errs = append(errs, err)
	}
	if d.Plan.Budget.Revenue < 0 {
		errs = append(errs, problem("err.revenue", "The yearly revenue must be an amount of zero or more."))
	}
	units := make(map[ID]ID, len(d.Units))
	for _, u := range d.Units {
		units[u.ID] = u.Parent
	}
	unitUp := func(id ID) (ID, bool) { p, ok := units[id]; return p, ok }
	for i := range d.Units {
		if err := CheckUnit(&d.Units[i], unitUp); err != nil {
			errs = append(errs, err)
		}
	}
	posts := make(map[ID]ID, len(d.Positions))
	for _, p := range d.Positions {
		posts[p.ID] = p.ReportsTo
	}
	postUp := func(id ID) (ID, bool) { p, ok := posts[id]; return p, ok }
	unitExists := func(id ID) bool { _, ok := units[id]; return ok }
	for i := range d.Positions {
		if err := CheckPosition(&d.Positions[i], unitExists, postUp); err != nil {
			errs = append(errs, err)
		}
	}
	people := make(map[ID]bool, len(d.People))
	empNos := make(map[string]bool, len(d.People))
	for i := range d.People {
		p := &d.People[i]
		people[p.ID] = true
		if err := CheckPerson(p); err != nil {
			errs = append(errs, err)
		}
		if p.EmpNo != "" {
			if empNos[p.EmpNo] {
				errs = append(errs, DuplicateEmpNo(p.EmpNo))
			}
			empNos[p.EmpNo] = true
		}
	}
	for i := range d.Assignments {
		a := &d.Assignments[i]
		if err := CheckAssignment(a); err != nil {
			errs = append(errs, err)
		}
		if !people[a.Person] {
			errs = append(errs, UnknownRef(true))
		}
		if _, ok := posts[a.Position]; !ok {
			errs = append(errs, UnknownRef(false))
		}
	}
	return errors.Join(errs...)
}

// MaxMonthsPaid bounds Position.MonthsPaid (hundredths): 100 months a year
// is no pay scheme, only a typing error.
const MaxMonthsPaid = 100_00

// MaxTurnover bounds Position.Turnover: everyone leaving once a year.
const MaxTurnover = 10_000

// MaxFen bounds money figures of a post or profile (fen): 10¹² yuan, as the
// salary band's limit.
const MaxFen = 100_000_000_000_000

// checkPay validates the pay and planned changes of a post.
func checkPay(p *Position) error {
	if p.MonthlyPay < 0 || p.MonthlyPay > MaxFen || p.Allowances < 0 || p.Allowances > MaxFen {
		return problem("err.pay", "The monthly pay and allowances of {{.name}} must be amounts of zero or more.", "name", p.Title)
	}
	if p.MonthsPaid < 0 || p.MonthsPaid > MaxMonthsPaid {
		return problem("err.months_paid", "The months paid a year of {{.name}} must be between 0 and 100.", "name", p.Title)
	}
	if p.Turnover < 0 || p.Turnover > MaxTurnover {
		return problem("err.turnover", "The expected turnover of {{.name}} must be between 0 and 100 %.", "name", p.Title)
	}
	if p.Starts < 0 {
		return problem("err.planned_change", "A planned change of {{.name}} has no valid month.", "name", p.Title)
	}
	for _, c := range p.Changes {
		bad := c.From <= 0
		switch c.Kind {
		case ChangePlanned:
			bad = bad || !Finite(c.Planned) || c.Planned < 0
		case ChangeStatus:
			bad = bad || c.Status > StatusFrozen
		default:
			bad = true
		}
		if bad {
			return problem("err.planned_change", "A planned change of {{.name}} has no valid month or value.", "name", p.Title)
		}
	}
	return nil
}

// CheckContributionProfile validates a contribution profile: rates from 0
// to 100 % or not set, and a floor not above the ceiling.
func CheckContributionProfile(c *ContributionProfile) error {
	for _, r := range c.Rates {
		if r < NoRate || r > RateScale {
			return problem("err.profile_rate", "A contribution rate must be between 0 and 100 %.")
		}
	}
	if c.BaseFloor < 0 || c.BaseCeiling < 0 || c.BaseFloor > MaxFen || c.BaseCeiling > MaxFen ||
		(c.BaseCeiling > 0 && c.BaseFloor > c.BaseCeiling) {
		return problem("err.profile_base", "The contribution base must run from a lower to a higher amount.")
	}
	return nil
}
