package cli

import (
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"text/tabwriter"
	"time"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/budget"
	"staffplan/data/export"
	"staffplan/data/model"
)

// budgetUsage is the budget commands' part of the usage text.
func budgetUsage(w io.Writer) {
	fmt.Fprint(w, core.X("cli.usage.budget", `  staffplan budget --db PATH [--plan NAME] [--profile NAME] [--from 2027-01] [--months 12|2027-01..2027-12] [--compare PLAN] [--json]
                                                labour cost per unit and month by month, hiring plan
  staffplan compare --db PATH --plan A --with B [--json]   two plans side by side (change table)
  staffplan profiles [--json]                   the shipped contribution profiles (social insurance, housing fund)
  staffplan copy --db PATH --plan NAME --as NEWNAME        a new plan from this one
  staffplan export --db PATH --kind budget --out FILE.xlsx   the budget workbook, with formulas
`))
}

// rateWarning is said wherever contribution rates are used.
func rateWarning() string {
	return core.X("budget.rates_warning", "Contribution rates and bases change every year (usually in July): check them against the local notice.")
}

// monthsFlag reads --months as a count (12) or a range (2027-01..2027-12).
type monthsFlag struct {
	n    int
	from model.Month
}

func (m *monthsFlag) String() string { return "" }

func (m *monthsFlag) Set(s string) error {
	if a, b, ok := strings.Cut(s, ".."); ok {
		from, ok1 := model.ParseMonth(a)
		to, ok2 := model.ParseMonth(b)
		if !ok1 || !ok2 || to < from || int(to-from)+1 > budget.MaxMonths {
			return errors.New(core.X("err.months_range", "not a range of months such as 2027-01..2027-12 (at most 120 months)"))
		}
		m.from, m.n = from, int(to-from)+1
		return nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > budget.MaxMonths {
		return errors.New(core.X("err.months_count", "not a number of months from 1 to 120"))
	}
	m.n = n
	return nil
}

type monthFlag struct{ m model.Month }

func (m *monthFlag) String() string { return "" }

func (m *monthFlag) Set(s string) error {
	v, ok := model.ParseMonth(s)
	if !ok {
		return errors.New(core.X("err.month", "not a month such as 2027-01"))
	}
	m.m = v
	return nil
}

// shippedProfile finds a shipped profile by name.
func shippedProfile(name string) (*budget.Profile, error) {
	ps, err := budget.LoadProfiles(assets.BudgetProfiles())
	if err != nil {
		return nil, err
	}
	var names []string
	for _, p := range ps {
		if p.Name == name {
			return p, nil
		}
		names = append(names, p.Name)
	}
	return nil, errors.New(core.X("err.unknown_profile", "There is no contribution profile named {{.name}}. Profiles: {{.list}}",
		map[string]any{"name": name, "list": strings.Join(names, ", ")}))
}

func cmdBudget(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("budget", stderr)
	db := dbFlag(fs)
	plan := planFlag(fs)
	profileName := fs.String("profile", "", core.X("cli.flag.profile", "a shipped contribution profile instead of the plan's (see staffplan profiles)"))
	var from monthFlag
	fs.Var(&from, "from", core.X("cli.flag.from", "first month of the projection (default: this month)"))
	months := monthsFlag{n: 12}
	fs.Var(&months, "months", core.X("cli.flag.months", "months to project: a count or a range such as 2027-01..2027-12"))
	other := fs.String("compare", "", core.X("cli.flag.compare", "another plan of the database to compare with, as the base"))
	asJSON := fs.Bool("json", false, core.X("cli.flag.json", "print JSON"))
	if err := parse(fs, args, stderr, "db"); err != nil {
		return err
	}
	st, d, err := openPlan(*db, *plan)
	if err != nil {
		return err
	}
	defer st.Close()
	if *other != "" {
		p, err := findPlan(st, *other)
		if err != nil {
			return err
		}
		b, err := st.LoadPlan(p.ID)
		if err != nil {
			return err
		}
		// The other plan is the base, as in the window: OTHER → PLAN.
		return printCompare(b, d, *asJSON, stdout)
	}
	profile := &d.Plan.Budget.Profile
	if *profileName != "" {
		p, err := shippedProfile(*profileName)
		if err != nil {
			return err
		}
		c := p.Contribution(core.Lang())
		profile = &c
	}
	start := from.m
	if months.from != 0 {
		start = months.from
	}
	if start == 0 {
		start = model.MonthOfTime(time.Now())
	}
	r := budget.Report(d, profile, start, months.n, core.BudgetText)
	if *asJSON {
		if !profile.Empty() {
			fmt.Fprintln(stderr, rateWarning())
		}
		return writeJSON(stdout, r)
	}
	return printBudget(stdout, d, profile, r)
}

func printBudget(w io.Writer, d *model.PlanData, profile *model.ContributionProfile, r *budget.ReportJSON) error {
	if profile.Empty() {
		fmt.Fprintln(w, core.X("budget.no_profile", "No contribution profile: the costs below are pay and allowances only."))
	} else {
		year := ""
		if profile.Year != 0 {
			year = strconv.Itoa(profile.Year)
		}
		fmt.Fprintln(w, core.X("budget.profile_line", "Contribution profile: {{.name}} {{.year}}", map[string]any{"name": r.Profile, "year": year}))
		fmt.Fprintln(w, rateWarning())
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join([]string{core.X("budget.col.unit", "Unit"), core.X("budget.col.planned", "Planned"),
		core.X("budget.col.in_post", "In post"), core.X("budget.col.planned_cost", "Planned cost"),
		core.X("budget.col.actual_cost", "Actual cost")}, "\t")+"\t")
	for _, u := range r.Units {
		fmt.Fprintln(tw, strings.Join([]string{u.Path, string(u.Planned), string(u.InPost), yuan(u.PlannedCost), yuan(u.ActualCost)}, "\t")+"\t")
	}
	fmt.Fprintln(tw, strings.Join([]string{core.X("budget.total", "Total"), "", "", yuan(r.PlannedCost), yuan(r.ActualCost)}, "\t")+"\t")
	tw.Flush()
	if r.LabourShare != nil {
		s := budget.CostsWith(d, profile)
		fmt.Fprintln(w, core.X("budget.share", "Labour cost share: {{.share}} of revenue {{.rev}}",
			map[string]any{"share": budget.ShareText(s.PlannedShare), "rev": s.Revenue.Yuan()}))
	}
	fmt.Fprintln(w)
	tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join([]string{core.X("budget.col.month", "Month"), core.X("budget.col.planned", "Planned"),
		core.X("budget.col.expected", "Expected"), core.X("budget.col.vacancies", "Vacant"),
		core.X("budget.col.hires", "Hires"), core.X("budget.col.cost", "Cost")}, "\t")+"\t")
	for _, m := range r.Months {
		fmt.Fprintln(tw, strings.Join([]string{m.Month, string(m.Planned), string(m.ExpectedInPost), string(m.Vacancies),
			string(m.Hires), yuan(m.Cost)}, "\t")+"\t")
	}
	tw.Flush()
	fmt.Fprintln(w, core.X("budget.annual", "Cost of {{.n}} months from {{.from}}: {{.cost}}",
		map[string]any{"n": min(len(r.Months), 12), "from": r.From, "cost": yuan(r.AnnualCost)}))
	if len(r.Hiring) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, core.X("budget.hiring", "Hiring plan:"))
		for _, h := range r.Hiring {
			if h.Replacement {
				fmt.Fprintf(w, "  %s  %s / %s  %s  %s\n", h.Month, h.Unit, h.Title, h.FTE, core.X("budget.replacement", "replacement (turnover)"))
				continue
			}
			fmt.Fprintf(w, "  %s  %s / %s  %s  %s\n", h.Month, h.Unit, h.Title, h.FTE, yuan(h.Cost))
		}
		fmt.Fprintln(w, core.X("budget.hiring_total", "Cost of the hires to the end of the projection: {{.cost}}", map[string]any{"cost": yuan(r.HiringCost)}))
	}
	if ch := budget.PlannedChanges(d); len(ch) > 0 {
		fmt.Fprintln(w)
		fmt.Fprintln(w, core.X("budget.changes", "Planned changes:"))
		for _, c := range ch {
			who := c.UnitPath
			if c.Title != "" {
				who += " / " + c.Title
			}
			fmt.Fprintf(w, "  %s  %s: %s\n", c.Month, who, core.BudgetText(c.What))
		}
	}
	return nil
}

// yuan writes a JSON amount with thousands separators for the text output.
func yuan(n interface{ String() string }) string {
	s := n.String()
	whole, frac, _ := strings.Cut(s, ".")
	neg := strings.HasPrefix(whole, "-")
	whole = strings.TrimPrefix(whole, "-")
	var b strings.Builder
	if neg {
		b.WriteByte('-')
	}
	for i, c := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(c)
	}
	if frac != "" {
		b.WriteString("." + frac)
	}
	return b.String()
}

func printCompare(a, b *model.PlanData, asJSON bool, stdout io.Writer) error {
	c := budget.CompareReport(a, b)
	if asJSON {
		return writeJSON(stdout, c)
	}
	fmt.Fprintln(stdout, core.X("budget.compare_title", "{{.a}} → {{.b}}", map[string]any{"a": c.Before, "b": c.After}))
	tw := tabwriter.NewWriter(stdout, 0, 4, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, strings.Join([]string{core.X("budget.col.unit", "Unit"), core.X("budget.col.planned_before", "Planned before"),
		core.X("budget.col.planned_after", "Planned after"), core.X("budget.col.cost_before", "Cost before"),
		core.X("budget.col.cost_after", "Cost after"), core.X("budget.col.difference", "Difference")}, "\t")+"\t")
	for _, u := range c.Units {
		fmt.Fprintln(tw, strings.Join([]string{u.Path, string(u.PlannedBefore), string(u.PlannedAfter), yuan(u.CostBefore),
			yuan(u.CostAfter), yuan(u.Difference)}, "\t")+"\t")
	}
	tw.Flush()
	for _, p := range c.Added {
		fmt.Fprintln(stdout, core.X("budget.added", "+ {{.unit}} / {{.title}}", map[string]any{"unit": p.Unit, "title": p.Title}))
	}
	for _, p := range c.Removed {
		fmt.Fprintln(stdout, core.X("budget.removed", "− {{.unit}} / {{.title}}", map[string]any{"unit": p.Unit, "title": p.Title}))
	}
	for _, ch := range c.Changed {
		fmt.Fprintln(stdout, core.X("budget.changed", "~ {{.unit}} / {{.title}}: {{.field}} {{.before}} → {{.after}}",
			map[string]any{"unit": ch.Unit, "title": ch.Title, "field": fieldText(ch.Field), "before": ch.Before, "after": ch.After}))
	}
	return nil
}

// fieldText names a compared field.
func fieldText(f string) string {
	switch f {
	case "planned":
		return core.X("budget.field.planned", "planned headcount")
	case "status":
		return core.X("budget.field.status", "status")
	case "pay":
		return core.X("budget.field.pay", "monthly pay")
	case "months_paid":
		return core.X("budget.field.months_paid", "months paid")
	case "allowances":
		return core.X("budget.field.allowances", "allowances")
	case "reports_to":
		return core.X("budget.field.reports_to", "reports to")
	}
	return f
}

func cmdCompare(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("compare", stderr)
	db := dbFlag(fs)
	plan := planFlag(fs)
	with := fs.String("with", "", core.X("cli.flag.with", "the plan to compare with (after)"))
	asJSON := fs.Bool("json", false, core.X("cli.flag.json", "print JSON"))
	out := fs.String("out", "", core.X("cli.flag.compare_out", "also write the comparison (change table) to this .xlsx file"))
	if err := parse(fs, args, stderr, "db", "plan", "with"); err != nil {
		return err
	}
	if *out != "" {
		if err := checkExportPath(*out); err != nil {
			return err
		}
	}
	st, a, err := openPlan(*db, *plan)
	if err != nil {
		return err
	}
	defer st.Close()
	p, err := findPlan(st, *with)
	if err != nil {
		return err
	}
	b, err := st.LoadPlan(p.ID)
	if err != nil {
		return err
	}
	if *out != "" {
		write := func(w io.Writer) error { return export.CompareWorkbook(w, a, b, export.Options{Lang: core.Lang()}) }
		if err := export.WriteFileAtomic(*out, write); err != nil {
			return core.ExportWriteErr(*out, err)
		}
		fmt.Fprintln(stderr, core.X("cli.exported", "Wrote {{.path}}.", map[string]any{"path": *out}))
	}
	return printCompare(a, b, *asJSON, stdout)
}

func cmdProfiles(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("profiles", stderr)
	asJSON := fs.Bool("json", false, core.X("cli.flag.json", "print JSON"))
	if err := parse(fs, args, stderr); err != nil {
		return err
	}
	ps, err := budget.LoadProfiles(assets.BudgetProfiles())
	if err != nil {
		return err
	}
	out := make([]budget.ProfileJSON, 0, len(ps))
	for _, p := range ps {
		out = append(out, budget.ProfileReport(p, core.Lang()))
	}
	if *asJSON {
		fmt.Fprintln(stderr, rateWarning())
		return writeJSON(stdout, out)
	}
	fmt.Fprintln(stdout, rateWarning())
	notFound := core.X("budget.not_found", "not found — fill in")
	for _, p := range ps {
		c := p.Contribution(core.Lang())
		year := "?"
		if p.Year != 0 {
			year = strconv.Itoa(p.Year)
		}
		fmt.Fprintf(stdout, "\n%s (%s) %s\n", p.TitleIn(core.Lang()), p.Name, year)
		floor, ceil := notFound, notFound
		if p.BaseFloor.Set {
			floor = budget.Fen(c.BaseFloor).Short()
		}
		if p.BaseCeiling.Set {
			ceil = budget.Fen(c.BaseCeiling).Short()
		}
		fmt.Fprintf(stdout, "  %s: %s – %s\n", core.X("budget.base", "contribution base"), floor, ceil)
		for i, r := range c.Rates {
			v := notFound
			if r.Set() {
				v = budget.RateText(int64(r))
			}
			fmt.Fprintf(stdout, "  %s: %s\n", contribText(budget.ContributionKey(model.Contribution(i))), v)
		}
		fmt.Fprintf(stdout, "  %s\n  %s\n", p.SourceIn(core.Lang()), p.NoteIn(core.Lang()))
	}
	return nil
}

// contribText names a contribution in the interface language.
func contribText(k string) string {
	switch k {
	case "pension":
		return core.X("budget.contrib.pension", "Pension")
	case "medical":
		return core.X("budget.contrib.medical", "Medical (incl. maternity)")
	case "unemployment":
		return core.X("budget.contrib.unemployment", "Unemployment")
	case "injury":
		return core.X("budget.contrib.injury", "Work injury")
	}
	return core.X("budget.contrib.housing_fund", "Housing fund")
}

func cmdCopy(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("copy", stderr)
	db := dbFlag(fs)
	plan := planFlag(fs)
	as := fs.String("as", "", core.X("cli.flag.as", "name of the new plan"))
	if err := parse(fs, args, stderr, "db", "plan", "as"); err != nil {
		return err
	}
	st, err := openWrite(*db, stderr)
	if err != nil {
		return err
	}
	defer st.Close()
	if _, err := findPlan(st, *as); err == nil {
		return errors.New(core.X("err.plan_exists", "There is already a plan named {{.name}}.", map[string]any{"name": *as}))
	}
	p, err := findPlan(st, *plan)
	if err != nil {
		return err
	}
	d, err := st.LoadPlan(p.ID)
	if err != nil {
		return err
	}
	d.Plan.Name = *as
	if _, _, err := st.CreatePlan(d, "copy-plan"); err != nil {
		return err
	}
	fmt.Fprintln(stdout, core.X("cli.copied", "Copied {{.from}} to {{.to}}.", map[string]any{"from": p.Name, "to": *as}))
	return nil
}
