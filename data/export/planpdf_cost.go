package export

import (
	"strconv"
	"strings"

	"staffplan/data/budget"
	"staffplan/data/i18n"
	"staffplan/data/model"
)

// costLabels are the texts of the plan PDF's cost part (export.cost.*).
type costLabels struct {
	plannedCost, actualCost, vacancyCost       string
	annualPlanned, annualActual, annualVacancy string
	noPay, noProfile, ratesNote, bandNote, how string
	noSource, notSet, rateSep, noContrib       string
	missingRates, monthsNote                   string
	month, expected, vacant, cost              string
	monthLayout                                string
	contrib                                    [model.NumContributions]string
}

func newCostLabels(lang string) costLabels {
	t := func(key string) string { return i18n.T(lang, key, nil) }
	return costLabels{
		plannedCost: t("export.cost.planned_cost"), actualCost: t("export.cost.actual_cost"), vacancyCost: t("export.cost.vacancy_cost"),
		annualPlanned: t("export.cost.annual_planned"), annualActual: t("export.cost.annual_actual"), annualVacancy: t("export.cost.annual_vacancy"),
		noPay: t("export.cost.no_pay"), noProfile: t("export.cost.no_profile"), ratesNote: t("export.cost.rates_note"),
		bandNote: t("export.cost.band_note"), how: t("export.cost.how"),
		noContrib: t("export.cost.no_contrib"), missingRates: t("export.cost.missing_rates"),
		monthsNote: t("export.cost.months_note"), noSource: t("export.cost.no_source"), notSet: t("export.cost.not_set"), rateSep: t("export.cost.rate_sep"),
		month: t("export.cost.col.month"), expected: t("export.cost.col.expected"), vacant: t("export.cost.col.vacant"),
		cost: t("export.cost.col.cost"), monthLayout: t("export.cost.month_layout"),
		contrib: [model.NumContributions]string{t("export.cost.contrib.pension"), t("export.cost.contrib.medical"),
			t("export.cost.contrib.unemployment"), t("export.cost.contrib.injury"), t("export.cost.contrib.housing_fund")},
	}
}

// costRow is one line of the cost table.
type costRow struct {
	name                                 string
	planned, inPost                      float64
	plannedCost, actualCost, vacancyCost budget.Fen
}

// costRows are the lines of the cost table: the same departments as the
// staffing table before it (blocks), with data/budget's figures, so that
// each post is counted in exactly one row and the total, data/budget's
// sum of the rounded rows, is the sum of the rows printed. A top unit
// with sub-units has a row for its own posts (when it has any), then one
// per sub-unit with everything below it.
func costRows(s *budget.Summary) []costRow {
	direct := map[model.ID]bool{}
	for _, p := range s.Posts {
		direct[p.Unit] = true
	}
	total := func(u budget.UnitCost) costRow {
		return costRow{u.Name, u.PlannedTotal, u.InPostTotal, u.PlannedCostTotal, u.ActualCostTotal, u.VacancyCostTotal}
	}
	var rows []costRow
	for i, u := range s.Units {
		if u.Depth != 0 {
			continue
		}
		var kids []budget.UnitCost
		for _, k := range s.Units[i+1:] {
			if k.Depth == 0 {
				break
			}
			if k.Depth == 1 {
				kids = append(kids, k)
			}
		}
		if len(kids) == 0 {
			rows = append(rows, total(u))
			continue
		}
		if direct[u.Unit] {
			rows = append(rows, costRow{u.Name, u.PlannedDirect, u.InPostDirect, u.PlannedCostDirect, u.ActualCostDirect, u.VacancyCostDirect})
		}
		for _, k := range kids {
			rows = append(rows, total(k))
		}
	}
	return rows
}

// hasPay reports whether any post has a pay to cost: its own or a salary
// band's.
func hasPay(s *budget.Summary) bool {
	for _, p := range s.Posts {
		if p.Rates.MonthlyPay.Sign() > 0 {
			return true
		}
	}
	return false
}

// textBlock is the width of the cost part's text: on wide paper lines as
// long as the page's would be hard to read beside the centred tables.
func (p *planPDF) textBlock() (x, w float64) {
	w = min(p.contentW(), 192*mm)
	return marginSide + (p.contentW()-w)/2, w
}

// paragraph draws wrapped text at p.y, breaking to a new page between lines.
func (p *planPDF) paragraph(s string, size float64, bold bool, c rgb) {
	x, w := p.textBlock()
	for _, ln := range p.t.wrap(s, w, size, bold) {
		if p.y+lineH(size) > p.bottom() {
			p.newPage()
		}
		p.t.drawIn(x, p.y, w, ln, size, bold, c, alignLeft)
		p.y += lineH(size)
	}
}

// cost draws the cost summary (人工成本汇总): the year's planned, actual
// and vacancy cost; per department 编制, 在岗 and the three costs with
// their total; 人工成本占比 where the plan has revenue; the contribution
// profile used, with its year, source and the warning that rates change
// every year; and the twelve months from the print date. Every figure is
// data/budget's (Costs, Project), rounded there once, as the Budget tab
// and the budget workbook show them. A plan without any pay gets the part
// with a line saying so: the contents promise the boss a cost page, and a
// page of noughts would read as "costs nothing".
func (p *planPDF) cost() error {
	l, t := p.l, p.t
	cl := newCostLabels(l.lang)
	s := budget.Costs(p.d)
	w := p.contentW()
	const size = bodySize

	p.newPage()
	p.bookmark(p.part, 0, p.y)
	title := l.titled(titleWith(p.title, l.partCost, p.opt.Lang), p.opt.dateText())
	for _, ln := range t.wrap(title, w, 15, true) {
		t.drawIn(marginSide, p.y, w, ln, 15, true, black, alignCenter)
		p.y += lineH(15)
	}
	p.y += 4 * mm
	if !hasPay(s) {
		p.y += 6 * mm
		p.paragraph(cl.noPay, 12, false, black)
		return p.pdf.Error()
	}

	// The three figures of the year.
	figs := []struct{ label, value string }{
		{cl.annualPlanned, s.PlannedCost.Yuan()},
		{cl.annualActual, s.ActualCost.Yuan()},
		{cl.annualVacancy, s.VacancyCost.Yuan()},
	}
	const gap = 6 * mm
	boxW := min((w-2*gap)/3, 60*mm)
	valSize := 16.0
	for _, f := range figs {
		for valSize > 9 && t.width(f.value, valSize, true) > boxW-2*cellPad {
			valSize--
		}
	}
	labSize := 9.0
	labLines := 1
	for _, f := range figs {
		labLines = max(labLines, len(t.wrap(f.label, boxW-2*cellPad, labSize, false)))
	}
	boxH := 3*mm + lineH(valSize) + float64(labLines)*lineH(labSize) + 3*mm
	x := marginSide + (w-3*boxW-2*gap)/2
	p.pdf.SetDrawColor(0x80, 0x80, 0x80)
	p.pdf.SetLineWidth(0.3 * mm)
	for _, f := range figs {
		p.pdf.SetFillColor(0xF2, 0xF2, 0xF2)
		p.pdf.Rect(x, p.y, boxW, boxH, "FD")
		t.drawIn(x, p.y+3*mm, boxW, f.value, valSize, true, black, alignCenter)
		ly := p.y + 3*mm + lineH(valSize)
		for _, ln := range t.wrap(f.label, boxW-2*cellPad, labSize, false) {
			t.drawIn(x+cellPad, ly, boxW-2*cellPad, ln, labSize, false, black, alignCenter)
			ly += lineH(labSize)
		}
		x += boxW + gap
	}
	p.y += boxH + 5*mm

	// Per department.
	rows := costRows(s)
	pad := 2*cellPad + 1*mm
	hw := func(s string) float64 { return t.width(s, size, true) + pad }
	money := func(f budget.Fen) float64 { return t.width(f.Yuan(), size, true) + pad }
	numW := max(14*mm, hw(l.planned), hw(l.actual))
	moneyW := max(26*mm, money(s.PlannedCost), money(s.ActualCost), money(s.VacancyCost))
	// The headers wrap onto two lines rather than widen the columns.
	for _, h := range []string{cl.plannedCost, cl.actualCost, cl.vacancyCost} {
		moneyW = max(moneyW, min(hw(h), 34*mm))
	}
	nameW := w - 2*numW - 3*moneyW
	var nameMax float64
	for _, r := range rows {
		nameMax = max(nameMax, t.width(r.name, size, false))
	}
	nameW = min(nameW, max(nameMax+pad, hw(l.unit), 40*mm))
	widths := []float64{nameW, numW, numW, moneyW, moneyW, moneyW}
	tot := 0.0
	for _, cw := range widths {
		tot += cw
	}
	tb := &table{p: p, x: marginSide + (w-tot)/2}
	minH := lineH(size) + 2*cellPad
	headCells := func(hs []string, ws []float64) []cell {
		var cs []cell
		for i, h := range hs {
			cs = append(cs, cell{w: ws[i], text: h, bold: true, fill: pdfHeadFill, align: alignCenter})
		}
		return cs
	}
	unitHead := []string{l.unit, l.planned, l.actual, cl.plannedCost, cl.actualCost, cl.vacancyCost}
	tb.headH = tb.layout(headCells(unitHead, widths), minH)
	tb.head = func() {
		cs := headCells(unitHead, widths)
		tb.drawRow(cs, tb.layout(cs, minH))
		p.y += tb.layout(cs, minH)
	}
	if p.y+tb.headH+2*minH > p.bottom() {
		p.newPage()
	}
	tb.head()
	numCell := func(w float64, s string, bold bool, fill *rgb) cell {
		return cell{w: w, text: s, bold: bold, fill: fill, align: alignRight}
	}
	for _, r := range rows {
		tb.row([]cell{{w: nameW, text: r.name},
			{w: numW, text: fmtNum(r.planned), align: alignCenter},
			{w: numW, text: fmtNum(r.inPost), align: alignCenter},
			numCell(moneyW, r.plannedCost.Yuan(), false, nil),
			numCell(moneyW, r.actualCost.Yuan(), false, nil),
			numCell(moneyW, r.vacancyCost.Yuan(), false, nil)}, minH, 0)
	}
	tb.row([]cell{{w: nameW, text: l.total, bold: true, fill: totalFillC, align: alignCenter},
		{w: numW, text: fmtNum(s.Planned), bold: true, fill: totalFillC, align: alignCenter},
		{w: numW, text: fmtNum(s.InPost), bold: true, fill: totalFillC, align: alignCenter},
		numCell(moneyW, s.PlannedCost.Yuan(), true, totalFillC),
		numCell(moneyW, s.ActualCost.Yuan(), true, totalFillC),
		numCell(moneyW, s.VacancyCost.Yuan(), true, totalFillC)}, minH, 0)
	p.y += 2 * mm

	// How the figures come about, and what they rest on.
	p.paragraph(cl.how, 8.5, false, grey)
	for _, pc := range s.Posts {
		if !pc.Rates.PaySet && pc.Rates.MonthlyPay.Sign() > 0 {
			p.paragraph(cl.bandNote, 8.5, false, grey)
			break
		}
	}
	if s.Revenue > 0 {
		p.y += 3 * mm
		p.paragraph(i18n.T(l.lang, "export.cost.share", map[string]any{
			"planned": budget.ShareText(s.PlannedShare), "actual": budget.ShareText(s.ActualShare), "rev": s.Revenue.Yuan()}), size+0.5, true, black)
	}
	p.y += 3 * mm
	p.profile(&s.Profile, cl)

	// The twelve months from the month printed.
	const months = 12
	from := model.MonthOfTime(p.opt.date())
	pr := budget.Project(p.d, from, months)
	p.y += 4 * mm
	heading := i18n.T(l.lang, "export.cost.months_title", map[string]any{"n": months, "from": from.First().Format(cl.monthLayout)})
	mw := []float64{max(24*mm, hw(cl.month)), numW, max(numW, hw(cl.expected)), max(numW, hw(cl.vacant)), moneyW, moneyW}
	mtot := 0.0
	for _, cw := range mw {
		mtot += cw
	}
	mt := &table{p: p, x: marginSide + (w-mtot)/2}
	monthHead := []string{cl.month, l.planned, cl.expected, cl.vacant, cl.cost, cl.plannedCost}
	mt.headH = mt.layout(headCells(monthHead, mw), minH)
	mt.head = func() {
		cs := headCells(monthHead, mw)
		h := mt.layout(cs, minH)
		mt.drawRow(cs, h)
		p.y += h
	}
	// The months stay on one page when they fit on one, else the heading
	// stays with the first rows.
	whole := lineH(11) + 2*mm + mt.headH + float64(len(pr.Months)+1)*minH
	if p.y+whole > p.bottom() && (whole <= p.bottom()-marginTop || p.y+lineH(11)+2*mm+mt.headH+3*minH > p.bottom()) {
		p.newPage()
	}
	// Over the table's left edge, as a caption.
	for _, ln := range t.wrap(heading, mtot, 11, true) {
		t.drawIn(mt.x, p.y, mtot, ln, 11, true, black, alignLeft)
		p.y += lineH(11)
	}
	p.y += 2 * mm
	mt.head()
	for _, m := range pr.Months {
		mt.row([]cell{{w: mw[0], text: m.Month.First().Format(cl.monthLayout), align: alignCenter},
			{w: mw[1], text: fmtNum(m.Planned), align: alignCenter},
			{w: mw[2], text: fmtNum(m.InPost), align: alignCenter},
			{w: mw[3], text: fmtNum(m.Vacant), align: alignCenter},
			numCell(mw[4], m.Cost.Yuan(), false, nil),
			numCell(mw[5], m.PlanCost.Yuan(), false, nil)}, minH, 0)
	}
	mt.row([]cell{{w: mw[0] + mw[1] + mw[2] + mw[3], text: i18n.T(l.lang, "export.cost.months_total", map[string]any{"n": len(pr.Months)}),
		bold: true, fill: totalFillC, align: alignCenter},
		numCell(mw[4], pr.AnnualCost.Yuan(), true, totalFillC),
		numCell(mw[5], pr.AnnualPlanCost.Yuan(), true, totalFillC)}, minH, 0)
	// Why the months' total need not be the year's figure above.
	p.y += 2 * mm
	p.paragraph(cl.monthsNote, 8.5, false, grey)
	return p.pdf.Error()
}

// profile writes the contribution profile the costs use: its name and
// year, the base's bounds, the employer rates, the source and the warning
// that the figures change every year.
func (p *planPDF) profile(c *model.ContributionProfile, cl costLabels) {
	const size = bodySize
	lang := p.l.lang
	name := c.Title
	if name == "" {
		name = c.Name
	}
	if c.Empty() && name == "" {
		p.paragraph(cl.noProfile, size, true, black)
		p.paragraph(cl.ratesNote, size, false, black)
		return
	}
	key := "export.cost.profile"
	if c.Year == 0 {
		key = "export.cost.profile_no_year"
	}
	p.paragraph(i18n.T(lang, key, map[string]any{"name": name, "year": strconv.Itoa(c.Year)}), size, true, black)
	bound := func(fen int64) string {
		if fen <= 0 {
			return cl.notSet
		}
		return i18n.T(lang, "export.cost.yuan", map[string]any{"amount": budget.Fen(fen).Yuan()})
	}
	p.paragraph(i18n.T(lang, "export.cost.base", map[string]any{"floor": bound(c.BaseFloor), "ceiling": bound(c.BaseCeiling)}), size, false, black)
	var rates []string
	missing := false
	for i, r := range c.Rates {
		v := cl.notSet
		if r.Set() {
			v = budget.RateText(int64(r))
		} else {
			missing = true
		}
		rates = append(rates, cl.contrib[i]+" "+v)
	}
	p.paragraph(i18n.T(lang, "export.cost.rates", map[string]any{"rates": strings.Join(rates, cl.rateSep)}), size, false, black)
	src := c.Source
	if strings.TrimSpace(src) == "" {
		src = cl.noSource
	}
	p.paragraph(i18n.T(lang, "export.cost.source", map[string]any{"source": src}), 8.5, false, grey)
	if c.Empty() {
		// A city chosen whose figures nobody has filled in yet.
		p.paragraph(cl.noContrib, size, true, black)
	} else if missing {
		p.paragraph(cl.missingRates, size, true, black)
	}
	p.paragraph(cl.ratesNote, size, true, black)
}
