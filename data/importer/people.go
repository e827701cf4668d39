package importer

import (
	"slices"
	"strings"
	"time"

	"staffplan/data/i18n"
	"staffplan/data/model"
)

// personRec is one person row as read.
type personRec struct {
	sheet     *Sheet
	row       int // 1-based
	empNo     string
	name      string
	path      []string
	deptID    string
	title     string
	mgr       string
	mgrCol    int
	hire      time.Time
	hasHire   bool
	status    model.PersonStatus
	hasStatus bool
	employ    model.EmploymentType
	hasEmploy bool
	grade     string
	unit      model.ID
	person    model.ID
	rowIdx    int // into Preview.People
	mgrPerson int // index into recs, -1 none
	mgrPost   model.ID
	mgrName   string
	// fte is the row's share of a full-time post, 0 when the file says none.
	fte float64
	// pay is the person's monthly pay in fen (hasPay: the row gives one).
	// It only counts toward the median pay of post, the post the row puts
	// the person in, and is never stored: a named person's pay is
	// personal data.
	pay    int64
	hasPay bool
	post   model.ID
	// nameFromKey says the file gives no name: name is the 工号 and does
	// not rename anyone.
	nameFromKey bool
	// alsoOf is 1 + the index of this person's first row when the row
	// repeats a 工号 with the same name: a second post (兼任), 0 otherwise.
	alsoOf int
}

// deptTable is a departments sheet: id → name and parent id. Ids are
// matched as the file writes them and as text: "0012", 12, 12.0,
// full-width digits and trailing spaces are one id.
type deptTable struct {
	name   map[string]string
	parent map[string]string
	order  []string
	canon  map[string]string   // canonID → id
	byName map[string][]string // unit name → ids
	// codes says the ids are unit codes (a dept_id column), not the names
	// standing in for them.
	codes bool
}

func newDeptTable() *deptTable {
	return &deptTable{name: map[string]string{}, parent: map[string]string{}, canon: map[string]string{}, byName: map[string][]string{}}
}

// canonID is an id as text: cleaned, and a number without its leading
// zeros.
func canonID(s string) string {
	s = cleanCode(s)
	if allDigits(s) {
		if t := strings.TrimLeft(s, "0"); t != "" {
			return t
		}
		return "0"
	}
	return strings.ToLower(s)
}

func (d *deptTable) add(id, name, parent string) {
	if _, dup := d.name[id]; !dup {
		d.order = append(d.order, id)
		d.byName[name] = append(d.byName[name], id)
	}
	d.name[id] = name
	d.parent[id] = parent
	if _, ok := d.canon[canonID(id)]; !ok {
		d.canon[canonID(id)] = id
	}
}

// lookup finds a unit by its id (as written, then as text) or, failing
// that, by its name when one unit has it: codes before names.
func (d *deptTable) lookup(v string) (string, bool) {
	if d == nil || v == "" {
		return "", false
	}
	if _, ok := d.name[v]; ok {
		return v, true
	}
	if id, ok := d.canon[canonID(v)]; ok {
		return id, true
	}
	if ids := d.byName[collapseSpaces(Normalize(v))]; len(ids) == 1 {
		return ids[0], true
	}
	return "", false
}

func (d *deptTable) path(id string) []string {
	var out []string
	for steps := 0; id != "" && steps < 64; steps++ {
		n, ok := d.name[id]
		if !ok {
			if alt, found := d.lookup(id); found && alt != id {
				id = alt
				n = d.name[id]
			} else {
				return nil
			}
		}
		out = append([]string{n}, out...)
		id = d.parent[id]
	}
	return out
}

// readDeptTable reads a units sheet: by id and parent id, or by name and
// parent name (the name is then the id).
func readDeptTable(st *staged, s *Sheet, d *deptTable) *deptTable {
	m := s.Mapping
	cID, cParent, cName := m.Col(FieldDeptID), m.Col(FieldParentID), m.Col(FieldDept)
	if cParent < 0 {
		cParent = m.Col(FieldParentDept)
	}
	if cName < 0 {
		cName = m.Col(FieldDeptPath)
	}
	if cName < 0 {
		for _, f := range levelFields {
			if cName = m.Col(f); cName >= 0 {
				break
			}
		}
	}
	if d == nil {
		d = newDeptTable()
	}
	d.codes = d.codes || cID >= 0
	first := len(d.order)
	for i := s.HeaderRow + 1; i < len(s.Rows); i++ {
		row := s.Rows[i]
		if blankRow(row) || isColumnNumbers(row) {
			continue
		}
		name := collapseSpaces(cell(row, cName))
		id := cleanCode(cell(row, cID))
		if cID < 0 {
			id = name
		}
		if id == "" {
			st.skipRow(s.Name, i+1, KeyBlankRow, "no dept_id")
			continue
		}
		if name == "" {
			name = id
		}
		parent := cleanCode(cell(row, cParent))
		if cID < 0 {
			parent = collapseSpaces(cell(row, cParent))
		}
		d.add(id, name, parent)
	}
	// A parent chain that loops would make a unit its own ancestor; cut it
	// where it closes.
	for _, id := range d.order[first:] {
		seen := map[string]bool{}
		for cur := id; cur != ""; cur = d.parent[cur] {
			if seen[cur] {
				st.fail(problem("err.import.dept_cycle", "Department {{.id}} ({{.name}}) is its own parent through parent_dept_id.",
					"sheet", s.Name, "id", cur, "name", d.name[cur]))
				d.parent[cur] = ""
				break
			}
			seen[cur] = true
		}
	}
	return d
}

// people imports rosters (and people + departments workbooks).
func (st *staged) people(w *Workbook, sheets []*Sheet) error {
	var depts *deptTable
	for _, s := range sheets {
		if s.Role == RoleDepts {
			depts = readDeptTable(st, s, depts)
		}
	}
	if depts != nil {
		for _, id := range depts.order {
			unit := st.unitFor(st.codedPath(depts, id))
			if depts.codes {
				st.setCode(unit, id)
			}
		}
	}
	var recs []personRec
	for _, s := range sheets {
		if s.Role != RolePeople {
			continue
		}
		var err error
		if recs, err = st.readPeople(s, depts, recs); err != nil {
			return err
		}
	}
	st.placePeople(recs)
	return nil
}

func (st *staged) readPeople(s *Sheet, depts *deptTable, recs []personRec) ([]personRec, error) {
	m := s.Mapping
	c := func(f Field) int { return m.Col(f) }
	cName, cEmp, cTitle, cMgr := c(FieldName), c(FieldEmpNo), c(FieldPosition), c(FieldReportsTo)
	cStatus, cEmploy, cGrade, cDeptID := c(FieldStatus), c(FieldEmployment), c(FieldGrade), c(FieldDeptID)
	cFTE, cFamily, cGiven := c(FieldFTE), c(FieldFamilyName), c(FieldGivenName)
	cPay := c(FieldPay)
	hireCol := c(FieldHireDate)
	if hireCol < 0 {
		hireCol = c(FieldStartDate) // an expected start is the hire date to be
	}
	hire, ambiguous := newDateColumn(s, hireCol)
	leave, _ := newDateColumn(s, c(FieldLeaveDate))
	if ambiguous {
		st.warn(problem(KeyAmbiguousDates, "{{.sheet}}: the dates in column {{.column}} could be day-first or month-first; they were read day first (16/04/2009 = 16 April).",
			"sheet", s.Name, "column", s.Columns[hire.col].Header))
	}
	deptCols := deptColumnsOf(s)
	if cEmp < 0 {
		st.warn(problem(KeyNoEmpNo+".column", "{{.sheet}} has no 工号 column; people are matched by name and department, which cannot tell namesakes apart.",
			"sheet", s.Name))
	}
	header := func(col int) string {
		if col >= 0 && col < len(s.Columns) {
			return s.Columns[col].Header
		}
		return ""
	}
	headerKeyName := ""
	if cName >= 0 {
		headerKeyName = headerKey(s.Columns[cName].Header)
	}
	recs = slices.Grow(recs, len(s.Rows)-s.HeaderRow)
	for i := s.HeaderRow + 1; i < len(s.Rows); i++ {
		if err := st.tick(s.Name, i+1); err != nil {
			return nil, err
		}
		row := s.Rows[i]
		rowNo := i + 1
		if blankRow(row) || serialOnly(s, row) {
			continue // blank (or only numbered) rows carry no meaning; not worth a line
		}
		if isSubtotal(row) {
			st.skipRow(s.Name, rowNo, KeySubtotal, "subtotal or total row")
			continue
		}
		if isColumnNumbers(row) {
			st.skipRow(s.Name, rowNo, KeyHeaderRepeat, "column numbers")
			continue
		}
		if bannerRow(row) {
			st.skipRow(s.Name, rowNo, KeyBlankRow, "one text across the row: a page title or signature line")
			continue
		}
		if st.placeholder(s, row, rowNo) {
			continue
		}
		r := personRec{sheet: s, row: rowNo, mgrCol: cMgr, mgrPerson: -1}
		r.name = cleanName(cell(row, cName))
		if headerKeyName != "" && headerKey(r.name) == headerKeyName {
			st.skipRow(s.Name, rowNo, KeyHeaderRepeat, "the header repeated")
			continue
		}
		if r.name == "" && (cFamily >= 0 || cGiven >= 0) {
			r.name = joinName(cleanName(cell(row, cFamily)), cleanName(cell(row, cGiven)))
		}
		r.empNo = cleanCode(cell(row, cEmp))
		if r.name == "" && r.empNo != "" {
			// A roster needs a key, not a name: the 工号 stands for the
			// name until a file gives one.
			r.name, r.nameFromKey = r.empNo, true
		}
		if r.name == "" {
			if _, ok := sectionName(firstNonEmpty(row)); ok {
				st.skipRow(s.Name, rowNo, KeySubtotal, "department heading with a count")
				continue
			}
			st.skip(Skip{Sheet: s.Name, Row: rowNo, Column: ColumnName(cName), Key: KeySkipNoName, Reason: "no name"})
			st.warn(rowProblem(KeyNoName, s.Name, rowNo, "the row has no name and was not imported."))
			continue
		}
		r.path = deptCols.path(row, nil)
		if depts != nil && len(r.path) > 0 {
			// The unit columns refer to the units sheet, by code or name:
			// one column by itself, levels by their lowest unit when the
			// sheet has it under the same units.
			if id, ok := depts.lookup(cell(row, deptCols[0].col)); ok && len(deptCols) == 1 {
				r.path = st.codedPath(depts, id)
			} else if id, ok := depts.lookup(r.path[len(r.path)-1]); ok {
				if full := st.codedPath(depts, id); len(full) >= len(r.path) && slices.Equal(full[len(full)-len(r.path):], r.path) {
					r.path = full
				}
			}
		}
		if depts == nil && cDeptID < 0 && len(deptCols) == 1 && len(r.path) == 1 && len(st.byCode) > 0 {
			// One unit column may give codes an earlier import stored
			// (home_team: web): a code that is no unit's name is its unit.
			if u, ok := st.byCode[canonID(r.path[0])]; ok && !st.unitNamed(r.path[0]) {
				r.path = st.unitPath(u)
			}
		}
		if cDeptID >= 0 {
			// Units by code before name: the code's unit wins over the
			// name beside it, and one code is one unit across the file.
			r.deptID = cleanCode(cell(row, cDeptID))
			if r.deptID != "" {
				if id, ok := depts.lookup(r.deptID); ok {
					r.path = st.codedPath(depts, id)
				} else if u, ok := st.byCode[canonID(r.deptID)]; ok {
					r.path = st.unitPath(u) // a code an earlier import or the user gave
				} else if p, ok := st.codePath[canonID(r.deptID)]; ok {
					r.path = p
				} else if len(r.path) > 0 {
					st.codePath[canonID(r.deptID)] = r.path
				} else if depts != nil {
					st.warn(cellProblem(KeyUnknownDept, s.Name, rowNo, cDeptID, header(cDeptID), r.deptID,
						"{{.column}} \"{{.value}}\" is not in the departments sheet."))
				}
			}
		}
		r.title = collapseSpaces(cell(row, cTitle))
		r.mgr = cell(row, cMgr)
		if v := cell(row, hire.col); v != "" {
			if t, ok := hire.parse(v); ok {
				r.hire, r.hasHire = t, true
			} else {
				st.warn(cellProblem(KeyBadDate, s.Name, rowNo, hire.col, header(hire.col), truncate(v, 40), "{{.column}} \"{{.value}}\" is not a date"))
				st.skip(Skip{Sheet: s.Name, Row: rowNo, Column: ColumnName(hire.col), Key: KeySkipBadDate, Reason: "not a date: " + truncate(v, 40)})
			}
		}
		if v := cell(row, leave.col); v != "" {
			if t, ok := leave.parse(v); ok && !t.After(time.Now()) {
				r.status, r.hasStatus = model.PersonLeft, true
			}
		}
		// The sheet's name sets the default; a cell that says otherwise wins.
		switch s.Meaning {
		case MeaningLeft:
			r.status, r.hasStatus = model.PersonLeft, true
		case MeaningRetired:
			r.status, r.hasStatus = model.PersonLeft, true
			r.employ, r.hasEmploy = model.EmployRetiree, true
		case MeaningIntern:
			r.employ, r.hasEmploy = model.EmployIntern, true
		case MeaningAgency:
			r.employ, r.hasEmploy = model.EmployAgency, true
		}
		if v := cell(row, cStatus); v != "" {
			if x, ok := parseStatus(v); ok {
				r.status, r.hasStatus = x, true
			} else {
				st.warn(cellProblem(KeyUnknownValue+".status", s.Name, rowNo, cStatus, header(cStatus), truncate(v, 40), "{{.column}} \"{{.value}}\" is not a known status; read as active"))
			}
		}
		if v := cell(row, cEmploy); v != "" {
			if x, ok := parseEmployment(v); ok {
				r.employ, r.hasEmploy = x, true
			} else {
				st.warn(cellProblem(KeyUnknownValue+".employment", s.Name, rowNo, cEmploy, header(cEmploy), truncate(v, 40), "{{.column}} \"{{.value}}\" is not a known employment type; read as full-time"))
			}
		}
		r.grade = collapseSpaces(cell(row, cGrade))
		if v := cell(row, cFTE); v != "" {
			if x, ok := ParseNumber(v); ok && x > 0 && x <= 1 {
				r.fte = x
			} else {
				st.warn(cellProblem(KeyBadNumber+".fte", s.Name, rowNo, cFTE, header(cFTE), truncate(v, 40), "{{.column}} \"{{.value}}\" is not a share between 0 and 1; the post is counted in full"))
			}
		}
		if v := cell(row, cPay); v != "" {
			if fen, ok := parsePay(v); ok {
				r.pay, r.hasPay = fen, true
			} else {
				// The value is not repeated: it is someone's pay.
				st.warn(cellProblem(KeyBadNumber+".person_pay", s.Name, rowNo, cPay, header(cPay), "",
					"{{.column}} is not an amount in yuan; it does not count toward the post's pay"))
			}
		}
		recs = append(recs, r)
	}
	return recs, nil
}

// joinName joins a name written in two columns: 姓 and 名 without a
// space, Latin names given name first.
func joinName(family, given string) string {
	switch {
	case family == "":
		return given
	case given == "":
		return family
	}
	for _, r := range family + given {
		if isHan(r) {
			return family + given
		}
	}
	return given + " " + family
}

func firstNonEmpty(row []string) string {
	for _, c := range row {
		if v := Normalize(c); v != "" {
			return v
		}
	}
	return ""
}

// placePeople matches people to the plan, places them in posts and sets
// reporting lines.
func (st *staged) placePeople(recs []personRec) {
	// Duplicated 工号 in the file block the import: which row is right is
	// for the user to say.
	firstRow := map[string]int{}
	for i := range recs {
		r := &recs[i]
		if r.empNo == "" {
			continue
		}
		if j, dup := firstRow[r.empNo]; dup {
			o := &recs[j]
			if o.name == r.name {
				// The same person on another row: one more post (兼任),
				// as rosters list a person once per post.
				r.alsoOf = j + 1
				continue
			}
			st.fail(problem(KeyDuplicateEmpNo, "Employee number {{.empno}} appears twice: {{.sheet1}}!{{.row1}} ({{.name1}}) and {{.sheet}}!{{.row}} ({{.name}}).",
				"empno", r.empNo, "sheet1", o.sheet.Name, "row1", o.row, "name1", o.name, "sheet", r.sheet.Name, "row", r.row, "name", r.name))
			continue
		}
		firstRow[r.empNo] = i
	}
	sameAcrossSheets(recs)
	// Units and posts first, so people can be matched by name + unit.
	for i := range recs {
		r := &recs[i]
		r.unit = st.unitFor(r.path)
		st.setCode(r.unit, r.deptID)
	}
	existingUnitsOf := func(person model.ID) map[model.ID]bool {
		out := map[model.ID]bool{}
		for _, ai := range st.assignOf[person] {
			a := st.after.Assignments[ai]
			if pi, ok := st.posIdx[a.Position]; ok {
				out[st.after.Positions[pi].Unit] = true
			}
		}
		return out
	}
	st.p.People = slices.Grow(st.p.People, len(recs))
	warnedNoEmp := map[*Sheet]bool{}
	rowsOf := map[model.ID]int{} // rows per person in the file
	for i := range recs {
		r := &recs[i]
		st.at(r.sheet.Name, r.row)
		if r.alsoOf > 0 {
			st.placeAlso(r, &recs[r.alsoOf-1])
			rowsOf[r.person]++
			continue
		}
		var id model.ID
		if r.empNo != "" {
			id = st.byEmpNo[r.empNo]
		}
		if id == 0 {
			// By name + unit, only among people the file has not already
			// claimed and who have no other 工号.
			var cands []model.ID
			for _, c := range st.byName[r.name] {
				if st.newPeople[c] || st.seen[c] {
					continue
				}
				pp := &st.after.People[st.perIdx[c]]
				if r.empNo != "" && pp.EmpNo != "" {
					continue
				}
				if r.unit == 0 || existingUnitsOf(c)[r.unit] {
					cands = append(cands, c)
				}
			}
			if len(cands) == 1 {
				id = cands[0]
				if r.empNo == "" && !warnedNoEmp[r.sheet] && r.sheet.Mapping.Has(FieldEmpNo) {
					warnedNoEmp[r.sheet] = true
					st.warn(rowProblem(KeyNoEmpNo+".row", r.sheet.Name, r.row, "{{.name}} has no 工号 and was matched by name and department.", "name", r.name))
				}
			}
		}
		row := PersonRow{Sheet: r.sheet.Name, Row: r.row}
		if id != 0 && !st.seen[id] && !st.newPeople[id] {
			st.seen[id] = true
			pp := &st.after.People[st.perIdx[id]]
			var ch []Change
			if r.name != pp.Name && !r.nameFromKey {
				ch = append(ch, Change{FieldName, pp.Name, r.name})
				pp.Name = r.name
			}
			if r.empNo != "" && r.empNo != pp.EmpNo {
				ch = append(ch, Change{FieldEmpNo, pp.EmpNo, r.empNo})
				pp.EmpNo = r.empNo
			}
			if r.hasHire && !r.hire.Equal(pp.HireDate) {
				ch = append(ch, Change{FieldHireDate, dateText(pp.HireDate), dateText(r.hire)})
				pp.HireDate = r.hire
			}
			if r.hasStatus && r.status != pp.Status {
				ch = append(ch, Change{FieldStatus, i18n.PersonStatus(st.lang, pp.Status), i18n.PersonStatus(st.lang, r.status)})
				pp.Status = r.status
			}
			if r.hasEmploy && r.employ != pp.Employment {
				ch = append(ch, Change{FieldEmployment, i18n.Employment(st.lang, pp.Employment), i18n.Employment(st.lang, r.employ)})
				pp.Employment = r.employ
			}
			if r.grade != "" && r.grade != pp.Grade {
				ch = append(ch, Change{FieldGrade, pp.Grade, r.grade})
				pp.Grade = r.grade
			}
			if len(ch) > 0 {
				st.touchPer[id] = true
			}
			row.Changes = ch
			r.person = id
		} else {
			id = st.newID()
			p := model.Person{ID: id, EmpNo: r.empNo, Name: r.name, HireDate: r.hire, Status: r.status, Employment: r.employ, Grade: r.grade}
			st.after.People = append(st.after.People, p)
			st.perIdx[id] = len(st.after.People) - 1
			st.newPeople[id] = true
			r.person = id
			row.Action = ActionNew
		}
		row.Unit = st.unitPath(r.unit)
		if r.unit == 0 {
			st.warn(rowProblem(KeyNoUnit+".person", r.sheet.Name, r.row, "{{.name}} has no department and is imported without a post.", "name", r.name))
		} else {
			title := r.title
			if title == "" {
				title = st.untitledPost(r.unit)
			}
			row.Position = title
			post := st.postFor(r.unit, title)
			r.post = post
			if ch, ok := st.placeIn(id, post); ok {
				row.Changes = append(row.Changes, ch...)
			}
		}
		if row.Action == "" {
			row.Action = ActionUnchanged
			if len(row.Changes) > 0 {
				row.Action = ActionUpdated
			}
		}
		if i, ok := st.perIdx[id]; ok && id != 0 {
			row.Person = st.after.People[i] // as it will be stored
		}
		r.rowIdx = len(st.p.People)
		st.p.People = append(st.p.People, row)
		rowsOf[id]++
	}
	st.shareAmongPosts(rowsOf, recs)
	st.applyRowShares(recs)
	st.medianPay(recs)
	st.reportLines(recs)
	// A new post's 編制 starts at the number of people placed in it, so
	// the plan opens balanced and the user adjusts from there.
	for i := range st.after.Assignments {
		a := &st.after.Assignments[i]
		if st.newPosts[a.Position] && !st.plannedBy[a.Position] {
			if pp := st.after.People[st.perIdx[a.Person]]; pp.InPost() {
				st.post(a.Position).Planned += a.FTE
			}
		}
	}
	for _, id := range sortedKeys(st.perIdx) {
		pp := st.after.People[st.perIdx[id]]
		if !st.newPeople[id] && !st.seen[id] && pp.Status != model.PersonLeft {
			st.p.Missing = append(st.p.Missing, pp)
		}
	}
}

// medianPay sets the monthly pay of each post to the median of the pay
// its holders' rows give (leavers left out), unless a staffing table of
// the same file gave the post's pay. The people's own figures go no
// further: the preview says once per sheet that they were used this way.
func (st *staged) medianPay(recs []personRec) {
	pays := map[model.ID][]int64{}
	sheets := map[*Sheet]bool{}
	var order []*Sheet
	for i := range recs {
		r := &recs[i]
		if !r.hasPay || r.post == 0 || st.paidBy[r.post] || (r.hasStatus && r.status == model.PersonLeft) {
			continue
		}
		pays[r.post] = append(pays[r.post], r.pay)
		if !sheets[r.sheet] {
			sheets[r.sheet] = true
			order = append(order, r.sheet)
		}
	}
	for _, post := range sortedKeys(pays) {
		v := pays[post]
		slices.Sort(v)
		med := v[len(v)/2]
		if len(v)%2 == 0 {
			a, b := v[len(v)/2-1], v[len(v)/2]
			med = a + (b-a+1)/2 // the mean of the middle two, half a fen up
		}
		p := st.post(post)
		if p.MonthlyPay != med {
			p.MonthlyPay = med
			if !st.newPosts[post] {
				st.touchPost[post] = true
			}
		}
	}
	for _, s := range order {
		col := s.Mapping.Col(FieldPay)
		st.warn(problem(KeyPayMedian, "{{.sheet}}: column {{.column}} gives people's pay; each post's monthly pay is set to the median of its holders' ({{.posts}} posts), and no one's own pay is stored.",
			"sheet", s.Name, "column", headerOf(s, col), "posts", len(pays)))
	}
}

// sameAcrossSheets makes a row without a 工号 the same person as one row
// of another sheet of the workbook with the same name and unit (or the
// same name, where either gives no unit): workbooks list their people on
// several sheets (by month, by view). Sheets that sort people by status
// (在职, 离职, 实习…) keep theirs apart, and so do namesakes when more than
// one row could be meant.
func sameAcrossSheets(recs []personRec) {
	byName := map[string][]int{}
	for i := range recs {
		r := &recs[i]
		if r.alsoOf == 0 && r.empNo == "" && !r.nameFromKey && r.name != "" && !statusSheet(r.sheet) {
			match := -1
			for _, j := range byName[r.name] {
				o := &recs[j]
				if o.sheet.Name == r.sheet.Name || (len(o.path) > 0 && len(r.path) > 0 && !slices.Equal(o.path, r.path)) {
					continue
				}
				if match >= 0 {
					match = -2 // namesakes: which one is meant cannot be told
					break
				}
				match = j
			}
			if match >= 0 {
				r.alsoOf = match + 1
				continue
			}
		}
		if r.alsoOf == 0 && r.name != "" && !statusSheet(r.sheet) {
			byName[r.name] = append(byName[r.name], i)
		}
	}
}

// statusSheet reports whether a sheet's name sorts people by status.
func statusSheet(s *Sheet) bool {
	if s.Meaning != MeaningNone {
		return true
	}
	n := strings.ToLower(Normalize(s.Name))
	for _, w := range []string{"在职", "在岗", "试用", "待入职", "active", "current"} {
		if strings.Contains(n, w) {
			return true
		}
	}
	return false
}

// placeIn puts a person in a post: an existing person with one post moves
// (keeping their share), one with none gets a full-time assignment.
func (st *staged) placeIn(person, post model.ID) ([]Change, bool) {
	idxs := st.assignOf[person]
	for _, ai := range idxs {
		if st.after.Assignments[ai].Position == post {
			return nil, false
		}
	}
	if len(idxs) > 0 {
		a := &st.after.Assignments[idxs[0]]
		from := st.post(a.Position)
		ch := []Change{{FieldPosition, strings.Join(append(st.unitPath(from.Unit), from.Title), "/"),
			strings.Join(append(st.unitPath(st.post(post).Unit), st.post(post).Title), "/")}}
		a.Position = post
		st.touchAsg[a.ID] = true
		return ch, true
	}
	id := st.newID()
	st.after.Assignments = append(st.after.Assignments, model.Assignment{ID: id, Person: person, Position: post, FTE: 1})
	st.assignOf[person] = append(st.assignOf[person], len(st.after.Assignments)-1)
	st.newAssign[id] = true
	if st.newPeople[person] {
		return nil, false
	}
	return []Change{{FieldPosition, "", strings.Join(append(st.unitPath(st.post(post).Unit), st.post(post).Title), "/")}}, true
}

// placeAlso puts the person of first in the post of row r too: a second
// post (兼任). The person's fields come from the first row.
func (st *staged) placeAlso(r, first *personRec) {
	r.person = first.person
	row := PersonRow{Sheet: r.sheet.Name, Row: r.row, Action: ActionUnchanged, Unit: st.unitPath(r.unit)}
	if i, ok := st.perIdx[r.person]; ok {
		row.Person = st.after.People[i]
	}
	if r.unit != 0 && r.person != 0 {
		title := r.title
		if title == "" {
			title = st.untitledPost(r.unit)
		}
		row.Position = title
		post := st.postFor(r.unit, title)
		r.post = post
		if !st.holds(r.person, post) {
			id := st.newID()
			st.after.Assignments = append(st.after.Assignments, model.Assignment{ID: id, Person: r.person, Position: post, FTE: 1})
			st.assignOf[r.person] = append(st.assignOf[r.person], len(st.after.Assignments)-1)
			st.newAssign[id] = true
			row.Changes = []Change{{FieldPosition, "", strings.Join(append(st.unitPath(r.unit), title), "/")}}
			row.Action = ActionUpdated
			if st.newPeople[r.person] {
				row.Action = ActionNew
			}
		}
	}
	r.rowIdx = len(st.p.People)
	st.p.People = append(st.p.People, row)
}

func (st *staged) holds(person, post model.ID) bool {
	for _, ai := range st.assignOf[person] {
		if st.after.Assignments[ai].Position == post {
			return true
		}
	}
	return false
}

// applyRowShares sets each assignment's share from the file's FTE column,
// where it has one.
func (st *staged) applyRowShares(recs []personRec) {
	for i := range recs {
		r := &recs[i]
		if r.fte == 0 || r.person == 0 || r.unit == 0 {
			continue
		}
		title := r.title
		if title == "" {
			title = st.untitledPost(r.unit)
		}
		post := st.postFor(r.unit, title)
		for _, ai := range st.assignOf[r.person] {
			if a := &st.after.Assignments[ai]; a.Position == post && a.FTE != r.fte {
				a.FTE = r.fte
				if !st.newAssign[a.ID] {
					st.touchAsg[a.ID] = true
				}
			}
		}
	}
}

// shareAmongPosts splits a person's time evenly over the posts the file
// lists them in, when it lists more than one (0.5 + 0.5 for two) and gives
// no FTE of its own.
func (st *staged) shareAmongPosts(rowsOf map[model.ID]int, recs []personRec) {
	for person, n := range rowsOf {
		if n < 2 {
			continue
		}
		listed := map[model.ID]bool{}
		for i := range recs {
			if recs[i].person == person && recs[i].unit != 0 {
				title := recs[i].title
				if title == "" {
					title = st.untitledPost(recs[i].unit)
				}
				listed[st.postFor(recs[i].unit, title)] = true
			}
		}
		share := 1 / float64(len(listed))
		for _, ai := range st.assignOf[person] {
			a := &st.after.Assignments[ai]
			if listed[a.Position] && a.FTE != share {
				a.FTE = share
				if !st.newAssign[a.ID] {
					st.touchAsg[a.ID] = true
				}
			}
		}
	}
}

// reportLines turns "X reports to Y" (by 工号 or name) into post lines:
// X's post reports to Y's post.
func (st *staged) reportLines(recs []personRec) {
	byEmp := map[string]int{}
	byName := map[string][]int{}
	for i := range recs {
		if recs[i].empNo != "" {
			if _, dup := byEmp[recs[i].empNo]; !dup {
				byEmp[recs[i].empNo] = i
			}
		}
		byName[recs[i].name] = append(byName[recs[i].name], i)
	}
	postOf := func(person model.ID) model.ID {
		if idx := st.assignOf[person]; len(idx) > 0 {
			return st.after.Assignments[idx[0]].Position
		}
		return 0
	}
	for i := range recs {
		r := &recs[i]
		if r.mgr == "" {
			continue
		}
		code := cleanCode(r.mgr)
		name := cleanName(r.mgr)
		// "张三(E001)" names both.
		if open := strings.IndexAny(r.mgr, "(（"); open > 0 {
			name = cleanName(r.mgr[:open])
			code = cleanCode(strings.TrimRight(r.mgr[open:], ")）"))
			code = strings.TrimLeft(code, "(（")
		}
		if j, ok := byEmp[code]; ok {
			r.mgrPerson = j
		} else if c := byName[name]; len(c) == 1 {
			r.mgrPerson = c[0]
		} else if len(c) > 1 {
			st.warn(cellProblem(KeyAmbiguousManager, r.sheet.Name, r.row, r.mgrCol, r.sheet.Columns[r.mgrCol].Header, r.mgr,
				"{{.column}} \"{{.value}}\" names several people; give the 工号 instead"))
			continue
		} else if id := st.byEmpNo[code]; id != 0 {
			r.mgrPost = postOf(id)
		} else if c := st.byName[name]; len(c) == 1 {
			r.mgrPost = postOf(c[0])
		} else {
			st.warn(cellProblem(KeyUnknownManager, r.sheet.Name, r.row, r.mgrCol, r.sheet.Columns[r.mgrCol].Header, r.mgr,
				"{{.column}} \"{{.value}}\" is not anyone on the roster"))
			continue
		}
		if r.mgrPerson >= 0 {
			r.mgrName = recs[r.mgrPerson].name
			st.p.People[r.rowIdx].ReportsTo = r.mgrName
		}
	}
	// A person-level cycle (A reports to B, B to A) is an error.
	state := make([]uint8, len(recs)) // 0 new, 1 on path, 2 done
	for i := range recs {
		if state[i] != 0 {
			continue
		}
		var path []int
		cur := i
		for cur >= 0 && state[cur] == 0 {
			state[cur] = 1
			path = append(path, cur)
			cur = recs[cur].mgrPerson
		}
		if cur >= 0 && state[cur] == 1 {
			var names []string
			start := 0
			for k, x := range path {
				if x == cur {
					start = k
				}
			}
			for _, x := range path[start:] {
				names = append(names, recs[x].name)
			}
			r := &recs[cur]
			st.fail(problem(KeyReportsCycle, "Reporting lines go round in a circle: {{.names}} (from {{.sheet}}!{{.row}}).",
				"names", strings.Join(append(names, names[0]), " → "), "sheet", r.sheet.Name, "row", r.row))
			for _, x := range path[start:] {
				recs[x].mgrPerson = -1 // so the post lines below stay a tree
			}
		}
		for _, x := range path {
			state[x] = 2
		}
	}
	// Post lines by majority of the people in each post.
	votes := map[model.ID]map[model.ID]int{}
	firstRec := map[model.ID]int{}
	for i := range recs {
		r := &recs[i]
		mp := r.mgrPost
		if r.mgrPerson >= 0 {
			mp = postOf(recs[r.mgrPerson].person)
		}
		own := postOf(r.person)
		if mp == 0 || own == 0 || mp == own {
			continue
		}
		if votes[own] == nil {
			votes[own] = map[model.ID]int{}
			firstRec[own] = i
		}
		votes[own][mp]++
	}
	for _, post := range sortedKeys(votes) {
		best, bestN := model.ID(0), 0
		for _, m := range sortedKeys(votes[post]) {
			if n := votes[post][m]; n > bestN {
				best, bestN = m, n
			}
		}
		if len(votes[post]) > 1 {
			r := &recs[firstRec[post]]
			st.warn(rowProblem(KeyManagerConflict+".majority", r.sheet.Name, r.row, "the people in post {{.post}} report to different posts; the post reports to {{.mgr}}, as most of them do.",
				"post", st.post(post).Title, "mgr", st.post(best).Title))
		}
		// Lines between posts must stay a tree with the plan's own lines.
		if st.wouldLoop(post, best) {
			r := &recs[firstRec[post]]
			st.warn(rowProblem(KeyManagerConflict+".cycle", r.sheet.Name, r.row, "post {{.post}} cannot report to {{.mgr}}: that post is under it; the line was left out.",
				"post", st.post(post).Title, "mgr", st.post(best).Title))
			continue
		}
		p := st.post(post)
		if p.ReportsTo != best {
			p.ReportsTo = best
			if !st.newPosts[post] {
				st.touchPost[post] = true
			}
		}
	}
}

func (st *staged) wouldLoop(post, mgr model.ID) bool {
	for cur, n := mgr, 0; cur != 0 && n <= len(st.after.Positions); n++ {
		if cur == post {
			return true
		}
		if _, ok := st.posIdx[cur]; !ok {
			return false
		}
		cur = st.post(cur).ReportsTo
	}
	return false
}
