package export

import (
	"staffplan/data/model"
)

// staffing draws the staffing table (人员配置明细表): the lines of
// StaffingWorkbook, each department's name spanning its rows on each page,
// the header row repeated on every page.
func (p *planPDF) staffing() error {
	l, t := p.l, p.t
	lines := staffingLines(p.d, p.fig, l)
	w := p.contentW()
	const size = bodySize
	pad := 2*cellPad + 1*mm
	hw := func(s string) float64 { return t.width(s, size, true) + pad }
	noW := max(10*mm, hw(l.no))
	numW := max(14*mm, hw(l.planned), hw(l.actual))
	vacW := max(17*mm, hw(l.vacancy))
	var deptMax, titleMax, noteMax float64
	for _, sl := range lines {
		if sl.kind != linePost {
			continue
		}
		deptMax = max(deptMax, t.width(sl.dept, size, false))
		titleMax = max(titleMax, t.width(sl.title, size, false))
		noteMax = max(noteMax, t.width(sl.note, size, false))
	}
	rest := w - noW - 2*numW - vacW
	unitW := min(max(deptMax+pad, hw(l.unit), 20*mm), rest*0.25)
	rest -= unitW
	postW := min(max(titleMax+pad, hw(l.post), 30*mm), rest*0.6, 120*mm)
	noteW := rest - postW
	// A narrow note column gives its room back to the titles.
	if need := max(noteMax+pad, hw(l.note), 28*mm); need < noteW && postW < titleMax+pad {
		give := min(noteW-need, titleMax+pad-postW)
		postW, noteW = postW+give, noteW-give
	}
	// On wide paper the table keeps to what its text needs instead of
	// stretching an empty 备注 column over the page, and is centred.
	noteW = min(noteW, max(noteMax+pad, hw(l.note), 60*mm))
	widths := []float64{noW, unitW, postW, numW, numW, vacW, noteW}
	total := 0.0
	for _, cw := range widths {
		total += cw
	}

	tb := &table{p: p, x: marginSide + (w-total)/2}
	headCells := func() []cell {
		var cs []cell
		for i, h := range []string{l.no, l.unit, l.post, l.planned, l.actual, l.vacancy, l.note} {
			cs = append(cs, cell{w: widths[i], text: h, bold: true, fill: pdfHeadFill, align: alignCenter})
		}
		return cs
	}
	minH := lineH(size) + 2*cellPad
	tb.headH = tb.layout(headCells(), minH)
	tb.head = func() {
		cs := headCells()
		h := tb.layout(cs, minH)
		tb.drawRow(cs, h)
		p.y += h
	}

	// The 部门 cell of the rows of one department on one page.
	var seg struct {
		on, cont, drawn bool
		name            string
		y0              float64
	}
	xDept := tb.x + noW
	closeSeg := func() {
		if !seg.on || p.y <= seg.y0+0.01 {
			return
		}
		h := p.y - seg.y0
		p.pdf.SetDrawColor(0x80, 0x80, 0x80)
		p.pdf.SetLineWidth(0.2 * mm)
		p.pdf.Rect(xDept, seg.y0, unitW, h, "D")
		name := seg.name
		if seg.cont {
			name += l.continued
		}
		ls := t.wrap(name, unitW-2*cellPad, size, false)
		lh := lineH(size)
		if float64(len(ls))*lh+2*cellPad > h {
			ls = []string{fit(t, seg.name, unitW-2*cellPad, size)}
		}
		// Centred as in the source documents; a department continued
		// from the page before names itself at the top, where the
		// reader looks for it.
		ty := seg.y0 + (h-float64(len(ls))*lh)/2
		if seg.cont {
			ty = seg.y0 + cellPad
		}
		ty += (lh - size) / 2
		for _, ln := range ls {
			t.drawIn(xDept+cellPad, ty, unitW-2*cellPad, ln, size, false, black, alignCenter)
			ty += lh
		}
		seg.drawn = true
	}
	tb.before = closeSeg
	tb.after = func() {
		if seg.on {
			seg.cont = seg.cont || seg.drawn
			seg.y0 = p.y
		}
	}

	p.newPage()
	p.bookmark(p.part, 0, p.y)
	title := l.titled(titleWith(p.title, l.staffingTitle, p.opt.Lang), p.opt.dateText())
	for _, ln := range t.wrap(title, w, 15, true) {
		t.drawIn(marginSide, p.y, w, ln, 15, true, black, alignCenter)
		p.y += lineH(15)
	}
	p.y += 3 * mm
	tb.head()

	subH := minH
	for i, sl := range lines {
		switch sl.kind {
		case linePost:
			cs := []cell{
				{w: noW, text: itoa(sl.seq), align: alignCenter},
				{w: unitW, blank: true},
				{w: postW, text: sl.title},
			}
			if sl.counts {
				cs = append(cs,
					cell{w: numW, text: fmtNum(sl.planned), align: alignCenter},
					cell{w: numW, text: fmtNum(sl.actual), align: alignCenter},
					cell{w: vacW, text: fmtNum(sl.vacancy), align: alignCenter, color: toneColour(sl.vacancy)})
			} else {
				// Not set up or frozen: on record, out of every total.
				cs = append(cs,
					cell{w: numW, text: fmtNum(sl.planned), align: alignCenter, color: grey},
					cell{w: numW, text: fmtNum(sl.actual), align: alignCenter, color: grey},
					cell{w: vacW})
			}
			cs = append(cs, cell{w: noteW, text: sl.note})
			rowMin := minH
			if sl.first {
				// A page break here would leave the department's name
				// on a page where none of its rows are.
				if p.y+minH > p.bottom() {
					tb.pageBreak()
				}
				closeSeg()
				seg.on, seg.cont, seg.drawn, seg.name, seg.y0 = true, false, false, sl.dept, p.y
				rowMin = max(minH, float64(len(t.wrap(sl.dept, unitW-2*cellPad, size, false)))*lineH(size)+2*cellPad)
			}
			keep := 0.0
			if i+1 < len(lines) && lines[i+1].kind != linePost {
				keep = subH // the subtotal stays with the department's last post
			}
			tb.row(cs, rowMin, keep)
		case lineSubtotal, lineTotal:
			closeSeg()
			seg.on = false
			fill, a := subtotFill, alignLeft
			if sl.kind == lineTotal {
				fill, a = totalFillC, alignCenter
			}
			cs := []cell{
				{w: noW + unitW + postW, text: sl.label, bold: true, fill: fill, align: a},
				{w: numW, text: fmtNum(sl.planned), bold: true, fill: fill, align: alignCenter},
				{w: numW, text: fmtNum(sl.actual), bold: true, fill: fill, align: alignCenter},
				{w: vacW, text: fmtNum(sl.vacancy), bold: true, fill: fill, align: alignCenter, color: toneColour(sl.vacancy)},
				{w: noteW, fill: fill},
			}
			tb.row(cs, minH, 0)
		}
	}
	return p.pdf.Error()
}

// descriptions draws the 岗位说明书 of every post in the staffing table's
// order: each on a new page unless it fits whole below the one before.
func (p *planPDF) descriptions() error {
	l, t := p.l, p.t
	units := p.d.UnitIndex()
	posts := p.d.PositionIndex()
	unitName := func(id model.ID) string {
		if u := units[id]; u != nil {
			return u.Name
		}
		return ""
	}
	w := p.contentW()
	const size = bodySize
	labelW := 22 * mm
	for _, s := range []string{l.post, l.unitNames, l.reportsTo, l.grade, l.directReports, l.descPlanned, l.actual,
		l.shift, l.salary, l.holders, l.education, l.years, l.certs, l.other, l.note} {
		labelW = max(labelW, t.width(s, size, true)+2*cellPad+1*mm)
	}
	valW := (w - 2*labelW) / 2
	minH := lineH(size) + 2*cellPad
	label := func(s string) cell {
		return cell{w: labelW, text: s, bold: true, fill: labelFillC, align: alignCenter}
	}
	type frow struct {
		cells []cell
		minH  float64
	}
	form := func(df descForm) []frow {
		pair := func(l1, v1, l2, v2 string) frow {
			return frow{[]cell{label(l1), {w: valW, text: v1}, label(l2), {w: valW, text: v2}}, minH}
		}
		wide := func(c cell, v string) frow {
			return frow{[]cell{c, {w: w - labelW, text: v}}, minH}
		}
		section := func(s string) frow {
			return frow{[]cell{{w: w, text: s, bold: true, fill: sectionFillC}}, minH}
		}
		rows := []frow{
			pair(l.post, df.title, l.unitNames, df.unit),
			pair(l.reportsTo, df.manager, l.grade, df.grade),
			wide(label(l.directReports), df.reports),
			pair(l.descPlanned, df.planned, l.actual, df.actual),
			pair(l.shift, df.shift, l.salary, df.salary),
			wide(label(l.holders), df.holders),
			section(l.mission),
			{[]cell{{w: w, text: df.mission}}, 2 * minH},
			section(l.duties),
		}
		for i, duty := range df.duties {
			rows = append(rows, wide(cell{w: labelW, text: itoa(i + 1), align: alignCenter}, duty))
		}
		rows = append(rows, section(l.reqs),
			wide(label(l.education), df.education),
			wide(label(l.years), df.years),
			wide(label(l.certs), df.certs),
			wide(label(l.other), df.other))
		if df.note != "" {
			rows = append(rows, wide(label(l.note), df.note))
		}
		return rows
	}

	const titleSize, gap = 14.0, 10 * mm
	first := true
	for _, b := range blocks(p.d, p.fig) {
		for _, bp := range b.posts {
			df := describe(p.fig, bp.pos, posts, unitName, l)
			rows := form(df)
			heading := df.title + " " + l.descTitle
			titleLines := t.wrap(heading, w, titleSize, true)
			tb := &table{p: p, x: marginSide}
			total := float64(len(titleLines))*lineH(titleSize) + 3*mm
			for _, r := range rows {
				total += tb.layout(r.cells, r.minH)
			}
			if first || p.y+gap+total > p.bottom() {
				p.newPage()
				if first {
					p.bookmark(p.part, 0, p.y)
				}
				first = false
			} else {
				p.y += gap
			}
			p.bookmark(df.title, 1, p.y)
			for _, ln := range titleLines {
				t.drawIn(marginSide, p.y, w, ln, titleSize, true, black, alignCenter)
				p.y += lineH(titleSize)
			}
			p.y += 3 * mm
			// A form running onto the next page says whose it is there.
			cont := fit(t, df.title+" "+l.descTitle+l.continued, w, size)
			tb.after = func() {
				t.drawIn(marginSide, p.y, w, cont, size, true, grey, alignLeft)
				p.y += lineH(size) + 1*mm
			}
			tb.headH = lineH(size) + 1*mm
			for _, r := range rows {
				tb.row(r.cells, r.minH, 0)
			}
		}
	}
	return p.pdf.Error()
}
