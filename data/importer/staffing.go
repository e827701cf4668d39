package importer

import (
	"math"
	"regexp"
	"strconv"
	"strings"

	"staffplan/data/model"
)

// notSetUp finds 暂不设置 (planned, not set up yet) in a cell.
func notSetUp(v string) bool {
	return strings.Contains(v, "暂不设") || strings.Contains(v, "暂缓") || strings.Contains(v, "暂不配置")
}

// staffing imports staffing tables: 部门 · 岗位 · 人数/编制 · 备注. The
// department cell is often merged down its rows (already filled in) or
// left blank under the first row, so a blank department repeats the one
// above; "行政人事部 (9人)" headings set the department of the rows below.
func (st *staged) staffing(sheets []*Sheet) error {
	for _, s := range sheets {
		m := s.Mapping
		cTitle, cPlanned, cNote := m.Col(FieldPosition), m.Col(FieldPlanned), m.Col(FieldNote)
		cPay := m.Col(FieldPay)
		depts := deptColumnsOf(s)
		header := func(col int) string {
			if col >= 0 && col < len(s.Columns) {
				return s.Columns[col].Header
			}
			return ""
		}
		var current []string
		if len(depts) == 0 {
			// No unit column: the posts go under the plan's top unit, or a
			// unit named after the plan.
			current = st.topPath()
		}
		seen := map[model.ID]int{} // post → row where the file first set it
		for i := s.HeaderRow + 1; i < len(s.Rows); i++ {
			if err := st.tick(s.Name, i+1); err != nil {
				return err
			}
			row := s.Rows[i]
			rowNo := i + 1
			if blankRow(row) || serialOnly(s, row) {
				continue
			}
			if isColumnNumbers(row) {
				st.skipRow(s.Name, rowNo, KeyHeaderRepeat, "column numbers")
				continue
			}
			if st.placeholder(s, row, rowNo) {
				continue
			}
			path := depts.path(row, func(v string) string {
				if name, ok := sectionName(v); ok {
					return name // "行政人事部 (9人)" names the department
				}
				return v
			})
			title := collapseSpaces(cell(row, cTitle))
			if isSubtotal(row) {
				st.skipRow(s.Name, rowNo, KeySubtotal, "subtotal or total row")
				continue
			}
			if _, ok := sectionName(title); ok || (len(depts) > 0 && title == cell(row, depts[len(depts)-1].col) && countedRe.MatchString(title)) {
				// "行政人事部 (9人)" merged across the row, as a subtotal
				// under its department: no post is called that.
				st.skipRow(s.Name, rowNo, KeySubtotal, "department subtotal with a count")
				continue
			}
			if title == "" {
				// A heading row: "行政人事部 (9人)" in any cell sets the
				// department; anything else without a post is skipped.
				if name, ok := sectionName(firstNonEmpty(row)); ok {
					current = splitPath(name, "")
					st.skipRow(s.Name, rowNo, KeySubtotal, "department heading with a count")
					continue
				}
				if len(path) > 0 && cell(row, cPlanned) == "" {
					current = path
					continue
				}
				st.skipRow(s.Name, rowNo, KeyBlankRow, "no post title")
				continue
			}
			if len(path) == 0 {
				path = current
			} else {
				current = path
			}
			if len(path) == 0 {
				st.warn(rowProblem(KeyNoUnit+".post", s.Name, rowNo, "post {{.name}} has no department and was not imported.", "name", title))
				st.skipRow(s.Name, rowNo, KeySkipNoUnit, "no department")
				continue
			}
			unit := st.unitFor(path)
			id := st.postFor(unit, title)
			p := st.post(id)
			status := p.Status
			planned := 0.0
			rawPlanned := cell(row, cPlanned)
			note := collapseSpaces(cell(row, cNote))
			f, ok := ParseNumber(rawPlanned)
			approx := false
			if !ok {
				var hi float64
				f, hi, ok = ParseHeadcountRange(rawPlanned)
				approx = ok
				if st.rangeUpper {
					f = hi
				}
			}
			switch {
			case ok && f >= 0:
				planned = f
				if approx {
					// "1-2人", "10名左右": the lower bound, and the text as written
					// in the note.
					if note == "" {
						note = rawPlanned
					} else if !strings.Contains(note, rawPlanned) {
						note += "；" + rawPlanned
					}
					st.warn(cellProblem(KeyApprox, s.Name, rowNo, cPlanned, header(cPlanned), truncate(rawPlanned, 40),
						"{{.column}} \"{{.value}}\" is a range or an approximation; {{.n}} was taken and the text kept in the note", "n", fmtNum(f)))
				}
			case rawPlanned == "":
			case notSetUp(rawPlanned):
				status = model.StatusNotSetUp
			default:
				st.warn(cellProblem(KeyBadNumber, s.Name, rowNo, cPlanned, header(cPlanned), truncate(rawPlanned, 40), "{{.column}} \"{{.value}}\" is not a number"))
				st.skip(Skip{Sheet: s.Name, Row: rowNo, Column: ColumnName(cPlanned), Key: KeySkipBadNumber, Reason: "not a number: " + truncate(rawPlanned, 40)})
			}
			if notSetUp(note) {
				status = model.StatusNotSetUp
			}
			if _, again := seen[id]; again {
				// The same post listed twice in one department: the rows add up.
				planned += p.Planned
				if note != "" && p.Note != "" && note != p.Note {
					note = p.Note + "；" + note
				} else if note == "" {
					note = p.Note
				}
			}
			seen[id] = rowNo
			st.plannedBy[id] = true
			pay := p.MonthlyPay
			if v := cell(row, cPay); v != "" {
				if fen, ok := parsePay(v); ok {
					pay = fen
					st.paidBy[id] = true
				} else {
					st.warn(cellProblem(KeyBadNumber+".pay", s.Name, rowNo, cPay, header(cPay), truncate(v, 40),
						"{{.column}} \"{{.value}}\" is not an amount in yuan; the post's pay is left as it was"))
					st.skip(Skip{Sheet: s.Name, Row: rowNo, Column: ColumnName(cPay), Key: KeySkipBadNumber, Reason: "not an amount: " + truncate(v, 40)})
				}
			}
			if p.Planned != planned || p.Note != note || p.Status != status || p.MonthlyPay != pay {
				p.Planned, p.Note, p.Status, p.MonthlyPay = planned, note, status, pay
				if !st.newPosts[id] {
					st.touchPost[id] = true
				}
			}
		}
	}
	return nil
}

// parsePay reads a monthly pay in yuan ("8000", "8,000元", "¥8000/月",
// 6250.5) as fen, rounded once to the fen; ok is false for anything else
// ("面议", a range).
func parsePay(v string) (int64, bool) {
	v = strings.TrimSpace(Normalize(v))
	for _, cut := range []string{"/月", "每月", "元", "¥", "￥", "rmb", "RMB"} {
		v = strings.ReplaceAll(v, cut, "")
	}
	x, ok := ParseNumber(v)
	if !ok || x < 0 || x*100 > float64(model.MaxFen) {
		return 0, false
	}
	return int64(math.Round(x * 100)), true
}

// countedRe matches a unit with its count and no word for people,
// "Sales (9)", as the English export writes its subtotals; only taken as a
// subtotal when merged across the unit and post cells.
var countedRe = regexp.MustCompile(`^.+?\s*[(（]\s*\d+(?:\.\d+)?\s*[)）]\s*$`)

// headcountRe reads a headcount written as a range or an approximation:
// "1-2人", "1～2名", "10名左右", "约5人", "3人以上", "2人(财务和出纳各1名)".
var headcountRe = regexp.MustCompile(`^(?:约|大约|预计)?\s*(\d+(?:\.\d+)?)\s*(?:(?:-|~|～|至|到|—|–)\s*(\d+(?:\.\d+)?))?\s*(?:人|名|个|位)?\s*(?:左右|上下|以上|以内|以下|起|余)?\s*(?:[(（【\[].*[)）】\]])?\s*$`)

// ParseHeadcount reads a headcount written as a range or approximation and
// returns its lower bound; ok is false when s is not one.
func ParseHeadcount(s string) (float64, bool) {
	lo, _, ok := ParseHeadcountRange(s)
	return lo, ok
}

// ParseHeadcountRange reads a headcount written as a range or
// approximation: its bounds ("1-2人" → 1, 2; "10名左右" → 10, 10).
func ParseHeadcountRange(s string) (lo, hi float64, ok bool) {
	m := headcountRe.FindStringSubmatch(Normalize(s))
	if m == nil {
		return 0, 0, false
	}
	lo, err := strconv.ParseFloat(m[1], 64)
	if err != nil {
		return 0, 0, false
	}
	hi = lo
	if m[2] != "" {
		if h, err := strconv.ParseFloat(m[2], 64); err == nil && h >= lo {
			hi = h
		}
	}
	return lo, hi, true
}

// topPath is the path of the unit posts without a unit go under: the
// plan's single top unit, or a new one named after the plan.
func (st *staged) topPath() []string {
	if st.rootUnit != 0 {
		return st.unitPath(st.rootUnit)
	}
	var roots []model.ID
	for _, u := range st.after.Units {
		if u.Parent == 0 {
			roots = append(roots, u.ID)
		}
	}
	if len(roots) == 1 {
		return st.unitPath(roots[0])
	}
	name := st.after.Plan.Name
	if name == "" {
		name = st.p.Name
	}
	if name == "" {
		name = "公司"
	}
	return []string{name}
}

// org imports an org structure: units by path, by levels, by name with a
// parent name, or by id with a parent id; optionally with 编制 (kept in
// the unit's note, as units have no headcount of their own) and a head
// (a post 负责人 in the unit, filled by that person).
func (st *staged) org(sheets []*Sheet) error {
	for _, s := range sheets {
		m := s.Mapping
		cID, cParentID, cParent := m.Col(FieldDeptID), m.Col(FieldParentID), m.Col(FieldParentDept)
		cPlanned, cHead, cNote := m.Col(FieldPlanned), m.Col(FieldHead), m.Col(FieldNote)
		depts := deptColumnsOf(s)
		type orgRow struct {
			row              int
			path             []string
			id, parent, name string
			planned, head    string
			note             string
		}
		var rows []orgRow
		byID := &deptTable{name: map[string]string{}, parent: map[string]string{}, codes: true}
		parentOf := map[string]string{}
		for i := s.HeaderRow + 1; i < len(s.Rows); i++ {
			if err := st.tick(s.Name, i+1); err != nil {
				return err
			}
			row := s.Rows[i]
			if blankRow(row) || serialOnly(s, row) {
				continue
			}
			if isColumnNumbers(row) {
				st.skipRow(s.Name, i+1, KeyHeaderRepeat, "column numbers")
				continue
			}
			if st.placeholder(s, row, i+1) {
				continue
			}
			if isSubtotal(row) {
				st.skipRow(s.Name, i+1, KeySubtotal, "subtotal or total row")
				continue
			}
			r := orgRow{row: i + 1, id: cleanCode(cell(row, cID)), parent: collapseSpaces(cell(row, cParent)),
				planned: cell(row, cPlanned), head: cleanName(cell(row, cHead)), note: collapseSpaces(cell(row, cNote))}
			r.path = depts.path(row, nil)
			if len(r.path) > 0 {
				r.name = r.path[len(r.path)-1]
			}
			if r.name == "" && r.id == "" {
				st.skipRow(s.Name, i+1, KeyBlankRow, "no department")
				continue
			}
			if r.id != "" {
				if r.name == "" {
					r.name = r.id
				}
				byID.order = append(byID.order, r.id)
				byID.name[r.id] = r.name
				byID.parent[r.id] = cleanCode(cell(row, cParentID))
			}
			if r.parent != "" && len(r.path) == 1 {
				parentOf[r.name] = r.parent
			}
			rows = append(rows, r)
		}
		for _, r := range rows {
			st.at(s.Name, r.row)
			path := r.path
			switch {
			case r.id != "" && cParentID >= 0:
				path = st.codedPath(byID, r.id)
				if path == nil {
					path = []string{r.name}
				}
			case r.parent != "" && len(r.path) == 1:
				// Walk up the parent names; a loop stops the walk.
				path = []string{r.name}
				seen := map[string]bool{r.name: true}
				for p := r.parent; p != "" && !seen[p]; p = parentOf[p] {
					seen[p] = true
					path = append([]string{p}, path...)
				}
			}
			if u, ok := st.byCode[canonID(r.id)]; ok && r.id != "" && cParentID < 0 {
				path = st.unitPath(u)
			}
			unit := st.unitFor(path)
			st.setCode(unit, r.id)
			u := st.unitIdx[unit]
			note := r.note
			if f, ok := ParseNumber(r.planned); ok {
				note = strings.TrimSpace("编制 " + fmtNum(f) + " " + note)
			}
			if note != "" && u.Note != note && st.newUnits[unit] {
				u.Note = note
			}
			if r.head != "" {
				post := st.postFor(unit, "负责人")
				hp := st.post(post)
				if hp.Planned < 1 {
					hp.Planned = 1
				}
				st.plannedBy[post] = true
				var person model.ID
				if c := st.byName[r.head]; len(c) == 1 {
					person = c[0]
				} else {
					person = st.newID()
					st.after.People = append(st.after.People, model.Person{ID: person, Name: r.head})
					st.perIdx[person] = len(st.after.People) - 1
					st.newPeople[person] = true
					st.byName[r.head] = append(st.byName[r.head], person)
				}
				st.placeIn(person, post)
			}
		}
		// Heads report to the head of the unit above.
		for i := range st.after.Positions {
			p := &st.after.Positions[i]
			if !st.newPosts[p.ID] || p.Title != "负责人" {
				continue
			}
			for up := st.unitIdx[p.Unit].Parent; up != 0; up = st.unitIdx[up].Parent {
				if mgr, ok := st.postKey[postKeyOf(up, "负责人")]; ok {
					p.ReportsTo = mgr
					break
				}
			}
		}
	}
	return nil
}
