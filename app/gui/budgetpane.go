package gui

import (
	"io"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/assets"
	"staffplan/data/budget"
	"staffplan/data/export"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/widgets/monthchart"
)

// budgetPane is the Budget tab: the labour cost of every unit and post
// (the arithmetic of the one selected), the contribution profile it uses
// (a shipped city profile or the plan's own, editable), the plan month by
// month with its hiring plan, and the plan beside another. Figures are
// worked out off the UI goroutine and shown through fyne.Do.
type budgetPane struct {
	u       *UI
	content fyne.CanvasObject
	stale   bool
	gen     int // drops results of a computation overtaken by another
	// now is the clock the projection starts from by default; tests set it.
	now func() time.Time

	// The profile in use: the fields as typed; Save stores them on the plan.
	profiles   []*budget.Profile
	profileSel *widget.Select
	floor      *widget.Entry
	ceiling    *widget.Entry
	rates      [model.NumContributions]*widget.Entry
	revenue    *widget.Entry
	year       *widget.Entry
	source     *widget.Label
	message    *widget.Label
	saveBtn    *widget.Button
	loading    bool
	// profileName and profileTitle name the profile the fields came from
	// ("beijing", 北京), kept when the user edits a figure.
	profileName, profileTitle, profileSource string
	// loaded and loadedPlan are the stored profile the fields were last
	// filled from.
	loaded     model.Budget
	loadedPlan model.ID

	// Cost per unit and post.
	summary    *budget.Summary
	costRows   []costRow
	costTable  *widget.Table
	arithmetic *widget.Label
	totals     *widget.Label
	// selPost, selUnit name the row whose arithmetic is shown, so that
	// new figures (an edit, another profile) re-render it.
	selPost, selUnit model.ID

	// Month by month.
	from, months *widget.Entry
	proj         *budget.Projection
	projTable    *widget.Table
	chart        *monthchart.Chart
	hiring       *widget.Label
	// Units × months.
	units *unitMonths

	// Two plans compared.
	otherSel  *widget.Select
	otherIDs  []model.ID
	cmp       *budget.Comparison
	cmpWith   *model.PlanData // the plan cmp sets beside this one
	cmpTable  *widget.Table
	cmpDetail *widget.Label
}

// costRow is a line of the cost table: a unit (its totals) or a post.
type costRow struct {
	unit *budget.UnitCost
	post *budget.PostCost
}

func newBudgetPane(u *UI) *budgetPane {
	b := &budgetPane{u: u, now: time.Now}
	b.profiles, _ = budget.LoadProfiles(assets.BudgetProfiles())
	opts := []string{lang.X("budget.profile.plan", "This plan's profile")}
	for _, p := range b.profiles {
		opts = append(opts, p.TitleIn(core.Lang()))
	}
	b.profileSel = widget.NewSelect(opts, func(string) { b.pickProfile() })
	entry := func(hint string) *widget.Entry {
		e := widget.NewEntry()
		e.SetPlaceHolder(hint)
		e.OnChanged = func(string) {
			if !b.loading {
				b.fieldsChanged()
			}
		}
		return e
	}
	notSet := lang.X("budget.not_set", "not set")
	b.floor, b.ceiling = entry(notSet), entry(notSet)
	for i := range b.rates {
		b.rates[i] = entry(notSet)
	}
	b.revenue = entry(lang.X("budget.revenue_hint", "yuan a year; blank: none"))
	b.year = entry(lang.X("budget.year_hint", "e.g. 2025"))
	b.source = widget.NewLabel("")
	b.source.Wrapping = fyne.TextWrapWord
	b.message = widget.NewLabel("")
	b.message.Importance = widget.DangerImportance
	b.message.Wrapping = fyne.TextWrapWord
	b.saveBtn = widget.NewButton(lang.X("budget.save_profile", "Use for this plan"), b.saveProfile)
	warning := widget.NewLabel(lang.X("budget.rates_warning", "Contribution rates and bases change every year (usually in July): check them against the local notice."))
	warning.Wrapping = fyne.TextWrapWord
	warning.Importance = widget.WarningImportance

	item := widget.NewFormItem
	rateForm := widget.NewForm(
		item(lang.X("budget.base_floor", "Base floor (yuan)"), b.floor),
		item(lang.X("budget.base_ceiling", "Base ceiling (yuan)"), b.ceiling),
		item(lang.X("budget.contrib.pension", "Pension")+" %", b.rates[model.Pension]),
		item(lang.X("budget.contrib.medical", "Medical (incl. maternity)")+" %", b.rates[model.Medical]),
		item(lang.X("budget.contrib.unemployment", "Unemployment")+" %", b.rates[model.Unemployment]),
		item(lang.X("budget.contrib.injury", "Work injury")+" %", b.rates[model.Injury]),
		item(lang.X("budget.contrib.housing_fund", "Housing fund")+" %", b.rates[model.HousingFund]),
		item(lang.X("budget.year", "Year of the figures"), b.year),
		item(lang.X("budget.revenue", "Revenue a year (yuan)"), b.revenue),
	)
	profileBox := container.NewVBox(
		// The label above the list: beside it, it made the tab too wide
		// for a small window.
		widget.NewLabel(lang.X("budget.profile", "Contribution profile (social insurance, housing fund):")),
		container.NewBorder(nil, nil, nil, b.saveBtn, b.profileSel),
		warning, rateForm, b.source, b.message)

	// Cost per unit and post.
	b.costTable = widget.NewTable(func() (int, int) { return len(b.costRows) + 2, len(costCols()) },
		newCell,
		func(id widget.TableCellID, o fyne.CanvasObject) { setCell(o, id, b.costCell(id.Row, id.Col)) })
	fitColumns(b.costTable, costCols(), func(c int) float32 {
		switch {
		case c == 0:
			return 200
		case c < 4:
			return 82
		}
		return 115
	})
	b.arithmetic = widget.NewLabel(lang.X("budget.select_post", "Select a post to see its arithmetic."))
	b.arithmetic.Wrapping = fyne.TextWrapWord
	b.costTable.OnSelected = func(id widget.TableCellID) { b.showArithmetic(id.Row) }
	b.totals = widget.NewLabel("")
	b.totals.Wrapping = fyne.TextWrapWord
	costSplit := container.NewVSplit(b.costTable, container.NewVScroll(container.NewVBox(b.totals, b.arithmetic)))
	costSplit.Offset = 0.72
	costTab := costSplit

	// Month by month.
	b.from, b.months = widget.NewEntry(), widget.NewEntry()
	b.from.SetPlaceHolder("2027-01")
	b.months.SetText("12")
	b.from.OnSubmitted = func(string) { b.recompute() }
	b.months.OnSubmitted = func(string) { b.recompute() }
	b.projTable = widget.NewTable(func() (int, int) {
		if b.proj == nil {
			return 1, len(projCols())
		}
		return len(b.proj.Months) + 1, len(projCols())
	},
		newCell,
		func(id widget.TableCellID, o fyne.CanvasObject) { setCell(o, id, b.projCell(id.Row, id.Col)) })
	fitColumns(b.projTable, projCols(), func(c int) float32 {
		if c >= 1 && c <= 5 {
			return 80
		}
		return 115
	})
	b.hiring = widget.NewLabel("")
	b.hiring.Wrapping = fyne.TextWrapWord
	show := widget.NewButton(lang.X("budget.project", "Project"), b.recompute)
	rangeRow := container.NewHBox(widget.NewLabel(lang.X("budget.from", "From")), container.NewGridWrap(fyne.NewSize(110, b.from.MinSize().Height), b.from),
		widget.NewLabel(lang.X("budget.months", "months")), container.NewGridWrap(fyne.NewSize(70, b.months.MinSize().Height), b.months), show)
	b.chart = monthchart.New(lang.X("budget.chart.in_post", "expected in post"), lang.X("budget.chart.cost", "cost a month (yuan)"))
	tableSplit := container.NewVSplit(b.projTable, container.NewVScroll(b.hiring))
	tableSplit.Offset = 0.65
	projSplit := container.NewVSplit(b.chart, tableSplit)
	projSplit.Offset = 0.3
	projTab := container.NewBorder(rangeRow, nil, nil, nil, projSplit)

	b.units = newUnitMonths()

	// Two plans compared.
	b.otherSel = widget.NewSelect(nil, func(string) { b.recompute() })
	b.otherSel.PlaceHolder = lang.X("budget.compare_with", "Compare with…")
	b.cmpTable = widget.NewTable(func() (int, int) {
		if b.cmp == nil {
			return 1, len(cmpCols())
		}
		return len(b.cmp.Units) + 2, len(cmpCols())
	},
		newCell,
		func(id widget.TableCellID, o fyne.CanvasObject) { o.(*widget.Label).SetText(b.cmpCell(id.Row, id.Col)) })
	fitColumns(b.cmpTable, cmpCols(), func(c int) float32 {
		switch {
		case c == 0:
			return 200
		case c <= 2:
			return 110
		}
		return 115
	})
	b.cmpDetail = widget.NewLabel("")
	b.cmpDetail.Wrapping = fyne.TextWrapWord
	cmpSplit := container.NewVSplit(b.cmpTable, container.NewVScroll(b.cmpDetail))
	cmpSplit.Offset = 0.7
	exportCmp := widget.NewButton(lang.X("budget.export_compare", "Export…"), b.exportCompare)
	cmpTab := container.NewBorder(container.NewBorder(nil, nil, nil, exportCmp, b.otherSel), nil, nil, nil, cmpSplit)

	tabs := container.NewAppTabs(
		container.NewTabItem(lang.X("budget.tab.cost", "Cost"), costTab),
		container.NewTabItem(lang.X("budget.tab.months", "By month"), projTab),
		container.NewTabItem(lang.X("budget.tab.units", "Units by month"), b.units.content),
		container.NewTabItem(lang.X("budget.tab.compare", "Compare plans"), cmpTab),
		container.NewTabItem(lang.X("budget.tab.profile", "Contributions"), container.NewVScroll(profileBox)),
	)
	b.content = tabs
	return b
}

// fitColumns sets each column of t to its base width, widened where its
// heading (bold, as setCell draws it) would be cut: headings differ in
// length between the languages ("Planned before", 编制执行率).
func fitColumns(t *widget.Table, headings []string, base func(col int) float32) {
	for c, h := range headings {
		need := fyne.MeasureText(h, theme.TextSize(), fyne.TextStyle{Bold: true}).Width + 2*theme.InnerPadding() + 2
		t.SetColumnWidth(c, max(base(c), need))
	}
}

// newCell is a table cell: one line, cut with an ellipsis when narrow.
func newCell() fyne.CanvasObject {
	l := widget.NewLabel("")
	l.Truncation = fyne.TextTruncateEllipsis
	return l
}

// setCell shows text in a cell; figures are right-aligned under their
// heading, names left.
func setCell(o fyne.CanvasObject, id widget.TableCellID, text string) {
	l := o.(*widget.Label)
	align := fyne.TextAlignTrailing
	if id.Col == 0 {
		align = fyne.TextAlignLeading
	}
	bold := id.Row == 0
	if l.Alignment != align || l.TextStyle.Bold != bold {
		l.Alignment = align
		l.TextStyle.Bold = bold
	}
	l.SetText(text)
}

func costCols() []string {
	return []string{lang.X("budget.col.unit_post", "Unit / post"), lang.X("budget.col.planned", "Planned"),
		lang.X("budget.col.in_post", "In post"), lang.X("budget.col.vacancies", "Vacant"),
		lang.X("budget.col.planned_cost", "Planned cost"), lang.X("budget.col.actual_cost", "Actual cost"),
		lang.X("budget.col.vacancy_cost", "Vacancy cost")}
}

func projCols() []string {
	return []string{lang.X("budget.col.month", "Month"), lang.X("budget.col.planned", "Planned"),
		lang.X("budget.col.expected", "Expected"), lang.X("budget.col.vacancies", "Vacant"),
		lang.X("budget.col.rate", "Fill rate"), lang.X("budget.col.hires", "Hires"),
		lang.X("budget.col.cost", "Cost"), lang.X("budget.col.planned_cost", "Planned cost")}
}

func cmpCols() []string {
	return []string{lang.X("budget.col.unit", "Unit"), lang.X("budget.col.planned_before", "Planned before"),
		lang.X("budget.col.planned_after", "Planned after"), lang.X("budget.col.cost_before", "Cost before"),
		lang.X("budget.col.cost_after", "Cost after"), lang.X("budget.col.difference", "Difference")}
}

// refresh follows the plan: the profile fields show the plan's profile and
// the figures are worked out again, when the tab is on screen.
func (b *budgetPane) refresh() {
	u := b.u
	if u.data == nil {
		return
	}
	// The fields follow the stored profile when it changes (another plan,
	// an undo), not on every refresh, which would drop what is being typed.
	if u.planID != b.loadedPlan || u.data.Plan.Budget != b.loaded {
		b.loadProfile(&u.data.Plan.Budget)
		b.loadedPlan, b.loaded = u.planID, u.data.Plan.Budget
	}
	b.otherIDs = nil
	var names []string
	for _, p := range u.plans {
		if p.ID != u.planID {
			b.otherIDs = append(b.otherIDs, p.ID)
			names = append(names, planLabel(p, u.plans))
		}
	}
	sel := b.otherSel.Selected
	b.otherSel.Options = names
	if !containsString(names, sel) {
		b.otherSel.ClearSelected()
	}
	b.otherSel.Refresh()
	if u.tabs != nil && u.tabs.Selected() != u.budgetTab {
		b.stale = true
		return
	}
	b.recompute()
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// shown brings the tab up to date when it comes on screen.
func (b *budgetPane) shown() {
	if b.stale {
		b.recompute()
	}
}

// loadProfile shows a profile and revenue in the fields.
func (b *budgetPane) loadProfile(bg *model.Budget) {
	b.loading = true
	defer func() { b.loading = false }()
	c := &bg.Profile
	b.floor.SetText(budget.YuanText(c.BaseFloor))
	b.ceiling.SetText(budget.YuanText(c.BaseCeiling))
	for i, r := range c.Rates {
		if c.Empty() {
			b.rates[i].SetText("")
		} else {
			b.rates[i].SetText(budget.PercentText(r))
		}
	}
	year := ""
	if c.Year != 0 {
		year = strconv.Itoa(c.Year)
	}
	b.year.SetText(year)
	b.revenue.SetText(budget.YuanText(bg.Revenue))
	b.setSource(c.Source)
	b.message.SetText("")
	b.saveBtn.Disable()
	b.profileName, b.profileTitle = c.Name, c.Title
	if k := b.shippedIndex(c); !b.profileSel.Disabled() && b.profileSel.SelectedIndex() != k {
		b.profileSel.SetSelectedIndex(k)
	}
}

// shippedIndex is the picker's entry for c: the shipped city whose figures
// c still holds (so that after Use for this plan the picker names the
// city), else 0, the plan's own profile.
func (b *budgetPane) shippedIndex(c *model.ContributionProfile) int {
	if c.Name == "" {
		return 0
	}
	for i, p := range b.profiles {
		sc := p.Contribution(core.Lang())
		// Title and source are words, in whatever language was used when
		// it was applied; the figures decide.
		sc.Title, sc.Source = c.Title, c.Source
		if sc == *c {
			return i + 1
		}
	}
	return 0
}

// setSource shows where the profile's figures come from.
func (b *budgetPane) setSource(src string) {
	b.profileSource = src
	if src == "" {
		b.source.SetText("")
		return
	}
	b.source.SetText(lang.X("budget.source", "Source: {{.source}}", map[string]any{"source": src}))
}

// pickProfile fills the fields from the profile chosen: a shipped city's
// (figures nobody published stay blank for the user), or the plan's own.
// Nothing is stored until Use for this plan.
func (b *budgetPane) pickProfile() {
	if b.loading {
		return
	}
	i := b.profileSel.SelectedIndex()
	if i <= 0 || i > len(b.profiles) {
		b.loadProfile(&b.u.data.Plan.Budget)
		b.recompute()
		return
	}
	p := b.profiles[i-1]
	c := p.Contribution(core.Lang())
	bg := model.Budget{Profile: c, Revenue: b.u.data.Plan.Budget.Revenue}
	if rev, ok := budget.ParseYuan(b.revenue.Text); ok {
		bg.Revenue = rev
	}
	b.loading = true
	b.floor.SetText(budget.YuanText(c.BaseFloor))
	b.ceiling.SetText(budget.YuanText(c.BaseCeiling))
	for i, r := range c.Rates {
		b.rates[i].SetText(budget.PercentText(r))
	}
	year := ""
	if c.Year != 0 {
		year = strconv.Itoa(c.Year)
	}
	b.year.SetText(year)
	b.loading = false
	b.profileName, b.profileTitle = c.Name, c.Title
	src := p.SourceIn(core.Lang())
	if n := p.NoteIn(core.Lang()); n != "" {
		src += "\n" + n
	}
	b.setSource(src)
	b.fieldsChanged()
}

// profileFromFields reads the fields; msg names the first bad one.
func (b *budgetPane) profileFromFields() (bg model.Budget, msg string) {
	c := &bg.Profile
	c.Name, c.Title, c.Source = b.profileName, b.profileTitle, b.profileSource
	var ok bool
	if c.BaseFloor, ok = budget.ParseYuan(b.floor.Text); !ok {
		return bg, lang.X("err.base_text", "The contribution base must be amounts in yuan, such as 7162.")
	}
	if c.BaseCeiling, ok = budget.ParseYuan(b.ceiling.Text); !ok {
		return bg, lang.X("err.base_text", "The contribution base must be amounts in yuan, such as 7162.")
	}
	for i := range c.Rates {
		if c.Rates[i], ok = budget.ParsePercent(b.rates[i].Text); !ok {
			return bg, lang.X("err.rate_text", "A rate must be a percentage from 0 to 100, such as 16 or 9.8.")
		}
	}
	if t := strings.TrimSpace(b.year.Text); t != "" {
		y, err := strconv.Atoi(t)
		if err != nil || y < 1800 || y > 2500 {
			return bg, lang.X("err.year_text", "The year must be a year such as 2025.")
		}
		c.Year = y
	}
	if bg.Revenue, ok = budget.ParseYuan(b.revenue.Text); !ok {
		return bg, lang.X("err.revenue_text", "The revenue must be an amount in yuan a year.")
	}
	if err := model.CheckContributionProfile(c); err != nil {
		return bg, core.ErrText(err)
	}
	return bg, ""
}

// fieldsChanged works the figures out again with the profile as typed.
func (b *budgetPane) fieldsChanged() {
	_, msg := b.profileFromFields()
	b.message.SetText(msg)
	if msg != "" {
		b.saveBtn.Disable()
		return
	}
	b.saveBtn.Enable()
	b.recompute()
}

// saveProfile stores the profile and revenue as typed on the plan, one
// undoable step.
func (b *budgetPane) saveProfile() {
	bg, msg := b.profileFromFields()
	if msg != "" {
		b.message.SetText(msg)
		return
	}
	label := lang.X("change.profile", "contribution profile")
	err := b.u.apply(label, func(tx *store.Tx) error {
		p, err := tx.Plan()
		if err != nil {
			return err
		}
		p.Budget = bg
		return tx.PutPlan(p)
	})
	if err != nil {
		b.message.SetText(core.ErrText(err))
	}
}

// profile is the profile the figures use: the fields as typed when they
// read, else the plan's.
func (b *budgetPane) profile() *model.ContributionProfile {
	bg, msg := b.profileFromFields()
	if msg != "" {
		return &b.u.data.Plan.Budget.Profile
	}
	return &bg.Profile
}

// projectionRange reads the From and months fields (this month and 12 by
// default).
func (b *budgetPane) projectionRange() (model.Month, int) {
	from, ok := model.ParseMonth(b.from.Text)
	if !ok {
		from = model.MonthOfTime(b.now())
		b.from.SetText(from.String())
	}
	n, err := strconv.Atoi(strings.TrimSpace(b.months.Text))
	if err != nil || n < 1 || n > budget.MaxMonths {
		n = 12
		b.months.SetText("12")
	}
	return from, n
}

// recompute works out the figures off the UI goroutine and shows them.
func (b *budgetPane) recompute() {
	u := b.u
	if u.data == nil {
		return
	}
	// A hidden tab catches up when shown (shown): a change of plan or an
	// undo clears the compare picker, whose callback lands here, and the
	// window must not work out a budget nobody is looking at.
	if u.tabs != nil && u.tabs.Selected() != u.budgetTab {
		b.stale = true
		return
	}
	b.stale = false
	b.gen++
	gen := b.gen
	d := u.data
	profile := *b.profile()
	revenue := d.Plan.Budget.Revenue
	if bg, msg := b.profileFromFields(); msg == "" {
		revenue = bg.Revenue
	}
	from, n := b.projectionRange()
	var other *model.PlanData
	var otherID model.ID
	if i := b.otherSel.SelectedIndex(); i >= 0 && i < len(b.otherIDs) {
		otherID = b.otherIDs[i]
	}
	st := u.st
	j := u.newJob(lang.X("job.budget", "working out the budget"), nil, core.InternalError, u.showError)
	j.run(func() {
		dd := *d
		dd.Plan.Budget = model.Budget{Profile: profile, Revenue: revenue}
		s := budget.Costs(&dd)
		pr := budget.Project(&dd, from, n)
		um := budget.ProjectUnits(&dd, &dd.Plan.Budget.Profile, from, n)
		var cmp *budget.Comparison
		var err error
		if otherID != 0 {
			if other, err = st.LoadPlan(otherID); err == nil {
				// The plan chosen is the base, the plan shown the one
				// changed from it ("New plan from this one", then edited).
				cmp = budget.Compare(other, d)
			}
		}
		j.show(func() {
			if gen != b.gen {
				return // overtaken by a newer computation
			}
			if err != nil {
				u.showError(err)
			}
			b.cmpWith = other
			b.show(s, pr, cmp)
			b.units.show(um)
		})
	})
}

// show puts computed figures on screen.
func (b *budgetPane) show(s *budget.Summary, pr *budget.Projection, cmp *budget.Comparison) {
	b.summary, b.proj, b.cmp = s, pr, cmp
	byUnit := map[model.ID][]int{}
	for i := range s.Posts {
		byUnit[s.Posts[i].Unit] = append(byUnit[s.Posts[i].Unit], i)
	}
	b.costRows = b.costRows[:0]
	for i := range s.Units {
		b.costRows = append(b.costRows, costRow{unit: &s.Units[i]})
		for _, pi := range byUnit[s.Units[i].Unit] {
			b.costRows = append(b.costRows, costRow{post: &s.Posts[pi]})
		}
	}
	totals := lang.X("budget.totals", "Planned cost {{.planned}} · actual cost {{.actual}} · vacancies {{.vacancy}} a year",
		map[string]any{"planned": s.PlannedCost.Yuan(), "actual": s.ActualCost.Yuan(), "vacancy": s.VacancyCost.Yuan()})
	if s.Revenue > 0 {
		totals += "\n" + lang.X("budget.share", "Labour cost share: {{.share}} of revenue {{.rev}}",
			map[string]any{"share": budget.ShareText(s.PlannedShare), "rev": s.Revenue.Yuan()})
	}
	noPay := ""
	if noPaySet(s) {
		noPay = lang.X("budget.no_pay", "No post has pay set: enter the standard monthly pay (or the pay range) on the Position tab.")
		totals += "\n" + noPay
	}
	if s.Profile.Empty() {
		totals += "\n" + lang.X("budget.no_profile", "No contribution profile: the costs below are pay and allowances only.")
	}
	b.totals.SetText(totals)
	b.costTable.Refresh()
	b.projTable.Refresh()
	points := make([]monthchart.Point, len(pr.Months))
	for i, m := range pr.Months {
		points[i] = monthchart.Point{Label: m.Month.String(), Bar: m.InPost, Line: float64(m.Cost) / 100}
	}
	b.chart.SetPoints(points)
	var lines []string
	for _, h := range pr.Hiring {
		if h.Replacement {
			lines = append(lines, lang.X("budget.replace_line", "{{.month}}  {{.unit}} / {{.title}}: replace {{.fte}} (turnover)",
				map[string]any{"month": h.Month.String(), "unit": h.UnitPath, "title": h.Title, "fte": core.FormatFTE(h.FTE)}))
			continue
		}
		lines = append(lines, lang.X("budget.hire_line", "{{.month}}  {{.unit}} / {{.title}}: hire {{.fte}}, {{.cost}} to the end of the projection",
			map[string]any{"month": h.Month.String(), "unit": h.UnitPath, "title": h.Title, "fte": core.FormatFTE(h.FTE), "cost": h.Cost.Yuan()}))
	}
	hiring := lang.X("budget.hiring", "Hiring plan:")
	if len(lines) == 0 {
		hiring += " " + lang.X("budget.no_hires", "nobody to hire: every post is filled in every month.")
	} else {
		hiring += "\n" + strings.Join(lines, "\n") + "\n" + lang.X("budget.hiring_total", "Cost of the hires to the end of the projection: {{.cost}}",
			map[string]any{"cost": pr.HiringCost.Yuan()})
	}
	if ch := budget.PlannedChanges(b.u.data); len(ch) > 0 {
		var cl []string
		for _, c := range ch {
			who := c.UnitPath
			if c.Title != "" {
				who += " / " + c.Title
			}
			cl = append(cl, c.Month.String()+"  "+who+": "+core.BudgetText(c.What))
		}
		hiring += "\n\n" + lang.X("budget.changes", "Planned changes:") + "\n" + strings.Join(cl, "\n")
	}
	if noPay != "" {
		hiring = noPay + "\n\n" + hiring
	}
	b.hiring.SetText(lang.X("budget.annual", "Cost of {{.n}} months from {{.from}}: {{.cost}}",
		map[string]any{"n": min(len(pr.Months), 12), "from": pr.From.String(), "cost": pr.AnnualCost.Yuan()}) + "\n\n" + hiring)
	b.cmpTable.Refresh()
	b.cmpDetail.SetText(b.compareDetail())
	b.reshowArithmetic()
}

// reshowArithmetic shows again the arithmetic of the row selected before
// the figures changed, from the new figures; the row may have moved.
func (b *budgetPane) reshowArithmetic() {
	if b.selPost == 0 && b.selUnit == 0 {
		return
	}
	for i, r := range b.costRows {
		if (r.post != nil && r.post.Post == b.selPost) || (r.post == nil && b.selPost == 0 && r.unit.Unit == b.selUnit) {
			b.showArithmetic(i + 1)
			return
		}
	}
	b.selPost, b.selUnit = 0, 0
	b.arithmetic.SetText(lang.X("budget.select_post", "Select a post to see its arithmetic."))
}

// noPaySet tells whether no post of s costs anything per FTE (no pay,
// pay range or allowances), as in a plan just imported from a roster.
func noPaySet(s *budget.Summary) bool {
	for i := range s.Posts {
		if s.Posts[i].PerFTE != 0 {
			return false
		}
	}
	return len(s.Posts) > 0
}

// costCell is the text of a cell of the cost table: a header, the rows,
// then the total (the sums of the rows shown).
func (b *budgetPane) costCell(row, col int) string {
	if row == 0 {
		return costCols()[col]
	}
	if b.summary == nil {
		return ""
	}
	if row == len(b.costRows)+1 {
		s := b.summary
		return [...]string{lang.X("budget.total", "Total"), core.FormatFTE(s.Planned), core.FormatFTE(s.InPost),
			"", s.PlannedCost.Yuan(), s.ActualCost.Yuan(), s.VacancyCost.Yuan()}[col]
	}
	if row > len(b.costRows) {
		return ""
	}
	r := b.costRows[row-1]
	if u := r.unit; u != nil {
		return [...]string{strings.Repeat("  ", u.Depth) + u.Name, core.FormatFTE(u.PlannedTotal), core.FormatFTE(u.InPostTotal),
			core.FormatFTE(max(u.PlannedTotal-u.InPostTotal, 0)), u.PlannedCostTotal.Yuan(), u.ActualCostTotal.Yuan(), u.VacancyCostTotal.Yuan()}[col]
	}
	p := r.post
	depth := 0
	for _, c := range p.UnitPath {
		if c == '/' {
			depth++
		}
	}
	return [...]string{strings.Repeat("  ", depth+1) + "· " + p.Title, core.FormatFTE(p.Planned), core.FormatFTE(p.InPost),
		core.FormatFTE(p.Vacant), p.PlannedCost.Yuan(), p.ActualCost.Yuan(), p.VacancyCost.Yuan()}[col]
}

// showArithmetic shows how the figures of the selected row came about.
func (b *budgetPane) showArithmetic(row int) {
	if row < 1 || row > len(b.costRows) {
		return
	}
	r := b.costRows[row-1]
	if r.post == nil {
		u := r.unit
		b.selPost, b.selUnit = 0, u.Unit
		b.arithmetic.SetText(lang.X("budget.unit_arith", "{{.name}}: the sum of its posts and sub-units as shown: planned {{.planned}}, actual {{.actual}}",
			map[string]any{"name": u.Path, "planned": u.PlannedCostTotal.Yuan(), "actual": u.ActualCostTotal.Yuan()}))
		return
	}
	b.selPost, b.selUnit = r.post.Post, 0
	b.arithmetic.SetText(r.post.Title + ": " + budget.Render(r.post.Steps, core.BudgetText))
}

func (b *budgetPane) projCell(row, col int) string {
	if row == 0 {
		return projCols()[col]
	}
	if b.proj == nil || row > len(b.proj.Months) {
		return ""
	}
	m := b.proj.Months[row-1]
	rate := "—"
	if r := m.Rate(); r >= 0 {
		rate = budget.ShareText(r)
	}
	return [...]string{m.Month.String(), core.FormatFTE(m.Planned), core.FormatFTE(m.InPost), core.FormatFTE(m.Vacant),
		rate, core.FormatFTE(m.Hires), m.Cost.Yuan(), m.PlanCost.Yuan()}[col]
}

func (b *budgetPane) cmpCell(row, col int) string {
	if row == 0 {
		return cmpCols()[col]
	}
	c := b.cmp
	if c == nil {
		return ""
	}
	if row == len(c.Units)+1 {
		return [...]string{lang.X("budget.total", "Total"), core.FormatFTE(c.PlannedBefore), core.FormatFTE(c.PlannedAfter),
			c.CostBefore.Yuan(), c.CostAfter.Yuan(), (c.CostAfter - c.CostBefore).Yuan()}[col]
	}
	if row > len(c.Units) {
		return ""
	}
	x := c.Units[row-1]
	return [...]string{x.Path, core.FormatFTE(x.PlannedBefore), core.FormatFTE(x.PlannedAfter), x.CostBefore.Yuan(),
		x.CostAfter.Yuan(), x.Difference().Yuan()}[col]
}

// compareDetail lists the posts added, removed and changed.
func (b *budgetPane) compareDetail() string {
	c := b.cmp
	if c == nil {
		return lang.X("budget.compare_hint", "Choose another plan of this database to set beside this one.")
	}
	var lines []string
	for _, p := range c.Added {
		lines = append(lines, lang.X("budget.added", "+ {{.unit}} / {{.title}}", map[string]any{"unit": p.Unit, "title": p.Title}))
	}
	for _, p := range c.Removed {
		lines = append(lines, lang.X("budget.removed", "− {{.unit}} / {{.title}}", map[string]any{"unit": p.Unit, "title": p.Title}))
	}
	for _, ch := range c.Changed {
		lines = append(lines, lang.X("budget.changed", "~ {{.unit}} / {{.title}}: {{.field}} {{.before}} → {{.after}}",
			map[string]any{"unit": ch.Unit, "title": ch.Title, "field": compareField(ch.Field), "before": ch.Before, "after": ch.After}))
	}
	title := lang.X("budget.compare_title", "{{.a}} → {{.b}}", map[string]any{"a": b.cmpWith.Plan.Name, "b": b.u.data.Plan.Name})
	if len(lines) == 0 {
		return title + "\n" + lang.X("budget.no_differences", "The posts of the two plans are the same.")
	}
	return title + "\n" + strings.Join(lines, "\n")
}

// compareField names a compared field.
func compareField(f string) string {
	switch f {
	case "planned":
		return lang.X("budget.field.planned", "planned headcount")
	case "status":
		return lang.X("budget.field.status", "status")
	case "pay":
		return lang.X("budget.field.pay", "monthly pay")
	case "months_paid":
		return lang.X("budget.field.months_paid", "months paid")
	case "allowances":
		return lang.X("budget.field.allowances", "allowances")
	}
	return lang.X("budget.field.reports_to", "reports to")
}

// exportCompare saves the comparison on screen as a workbook (变更对照表).
func (b *budgetPane) exportCompare() {
	u := b.u
	if b.cmp == nil || b.cmpWith == nil {
		u.showInfo(lang.X("budget.tab.compare", "Compare plans"), b.compareDetail())
		return
	}
	a, other := b.cmpWith, u.data // before, after, as on screen
	save := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		_ = w.Close()
		b.writeCompare(path, a, other)
	}, u.win)
	save.SetFileName(export.DefaultFileName(lang.X("budget.compare_file", "changes"), a.Plan.Organisation, time.Now(), ".xlsx"))
	u.showFileDialog(save)
}

// writeCompare writes the comparison file in the background.
func (b *budgetPane) writeCompare(path string, a, other *model.PlanData) {
	u := b.u
	prog := u.newProgress(lang.X("dlg.exporting", "Saving…"), nil)
	lg := core.Lang()
	j := u.newJob(lang.X("job.export", "saving {{.file}}", map[string]any{"file": core.BaseName(path)}), prog.finish, core.InternalError, u.showError)
	j.run(func() {
		err := core.ExportWriteErr(path, export.WriteFileAtomic(path, func(w io.Writer) error {
			return export.CompareWorkbook(w, a, other, export.Options{Lang: lg})
		}))
		j.show(func() {
			if err != nil {
				u.showError(err)
				return
			}
			u.showInfo(lang.X("dlg.saved", "Saved"), lang.X("dlg.exported", "Saved to {{.path}}.", map[string]any{"path": path}))
		})
	})
}
