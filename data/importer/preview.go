package importer

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"staffplan/data/i18n"
	"staffplan/data/model"
)

// Action is what an import does to a record.
type Action string

// Actions.
const (
	ActionNew       Action = "new"
	ActionUpdated   Action = "updated"
	ActionUnchanged Action = "unchanged"
)

// Change is one field of an existing record that the import changes.
type Change struct {
	Field Field  `json:"field"`
	Old   string `json:"old"`
	New   string `json:"new"`
}

// PersonRow is one person of the file as it will be stored.
type PersonRow struct {
	Sheet     string       `json:"sheet"`
	Row       int          `json:"row"` // 1-based row in the file
	Action    Action       `json:"action"`
	Person    model.Person `json:"-"` // ID is 0 for a new person
	Unit      []string     `json:"unit"`
	Position  string       `json:"position"`
	ReportsTo string       `json:"reports_to"` // the manager's name
	Changes   []Change     `json:"changes,omitempty"`
}

// UnitRow is a unit the import creates.
type UnitRow struct {
	Path []string       `json:"path"`
	Kind model.UnitKind `json:"kind"`
	Note string         `json:"note,omitempty"`
}

// PositionRow is a post the import creates or changes.
type PositionRow struct {
	Unit    []string             `json:"unit"`
	Title   string               `json:"title"`
	Planned float64              `json:"planned"`
	Status  model.PositionStatus `json:"status"`
	Note    string               `json:"note,omitempty"`
	Action  Action               `json:"action"`
	Changes []Change             `json:"changes,omitempty"`
}

// Skip is a row or cell that was not imported, and why.
type Skip struct {
	Sheet  string `json:"sheet"`
	Row    int    `json:"row"`
	Column string `json:"column"` // letter, or "" for a whole row
	Key    string `json:"key"`
	Reason string `json:"reason"`
}

// IgnoredColumn is a column not imported. Personal data columns are
// never stored whatever the mapping says.
type IgnoredColumn struct {
	Sheet    string `json:"sheet"`
	Column   string `json:"column"` // letter
	Header   string `json:"header"`
	Personal bool   `json:"personal"`
	// Sheets names every sheet with this column when more than one has it.
	Sheets []string `json:"sheets,omitempty"`
}

// Preview is what an import will do, worked out without touching the
// database. Errors block Commit; warnings and skips do not.
type Preview struct {
	File       string
	Name       string // plan name for a new plan: the file name
	Kind       Kind
	Sheets     []string
	HeaderRows map[string]int // sheet → 1-based header row
	// Roles says what every sheet of the workbook was read as; RoleSkip
	// for sheets left out (lookup lists, instructions, empty sheets).
	Roles map[string]Role

	People           []PersonRow    // every person read, in file order
	Missing          []model.Person // people in the plan but not in the file
	NewUnits         []UnitRow
	Positions        []PositionRow // posts created or changed
	Created, Updated int
	Unchanged        int

	Errors   []*model.Problem
	Warnings []*model.Problem
	Skipped  []Skip
	Ignored  []IgnoredColumn

	// SampleHeader and Sample are the first rows as they will be stored:
	// the column meanings, and the rows' cells with one cell more, the
	// Action.
	SampleHeader []Field
	Sample       [][]string

	st *staged
}

// OK reports whether the preview can be committed.
func (p *Preview) OK() bool { return len(p.Errors) == 0 }

// PreviewOptions tune Prepare.
type PreviewOptions struct {
	// Progress, if set, is told how many rows have been worked through.
	Progress Progress
	// SampleRows is how many rows Sample holds; default 20.
	SampleRows int
	// RangeUpper takes the upper bound of a headcount written as a range
	// ("1-2人" → 2) instead of the lower.
	RangeUpper bool
	// FirstTableOnly leaves out the further tables of a sheet (below a
	// blank row, with headings of their own) instead of importing them.
	FirstTableOnly bool
	// Lang is the language of the labels in Sample and in the people's
	// Changes (statuses, employment types): "zh" (the default) or "en",
	// the interface's, so an English window shows no Chinese labels.
	Lang string
}

// untitledPostKey names the post of a person whose row names a department
// but no post, so the person still counts in that department.
const untitledPostKey i18n.Key = "import.untitled_post"

// untitledPost is the title of that post in unit: the one the unit already
// has in either language (an earlier import in the other language), else
// the interface language's.
func (st *staged) untitledPost(unit model.ID) string {
	for _, lang := range []string{st.lang, i18n.Zh, i18n.En} {
		title := i18n.T(lang, untitledPostKey, nil)
		if _, ok := st.postKey[postKeyOf(unit, title)]; ok {
			return title
		}
	}
	return i18n.T(st.lang, untitledPostKey, nil)
}

// localBase starts the IDs of records the import creates, far above any
// ID the store hands out, so new and existing IDs never meet.
const localBase model.ID = 1 << 62

// Prepare works out what importing w into the plan existing (nil or empty
// for a new plan) will do. It reads only the sheets whose Role is set and
// uses their Mapping. It never changes existing. Cancelling ctx returns
// ErrCancelled.
func Prepare(ctx context.Context, w *Workbook, existing *model.PlanData, opt *PreviewOptions) (_ *Preview, err error) {
	var st *staged
	defer func() {
		if r := recover(); r != nil {
			sheet, row := "", 0
			if st != nil {
				sheet, row = st.atSheet, st.atRow
			}
			err = PanicProblem(r, w.Path, sheet, row, -1)
		}
	}()
	var o PreviewOptions
	if opt != nil {
		o = *opt
	}
	if o.SampleRows <= 0 {
		o.SampleRows = 20
	}
	if existing == nil {
		existing = &model.PlanData{}
	}
	p := &Preview{File: w.Path, Name: w.Name, Kind: w.Kind, HeaderRows: map[string]int{}, Roles: map[string]Role{}}
	for _, s := range w.Sheets {
		p.Roles[s.Name] = s.Role
	}
	var used []*Sheet
	total := 0
	st = newStaged(existing)
	st.ctx, st.progress, st.rangeUpper, st.firstTableOnly = ctx, o.Progress, o.RangeUpper, o.FirstTableOnly
	st.lang = i18n.Zh
	if o.Lang != "" {
		st.lang = i18n.Norm(o.Lang)
	}
	st.p = p
	for _, s := range w.Sheets {
		if s.Role == RoleSkip {
			continue
		}
		st.at(s.Name, 0)
		if !s.HasColumns() {
			return nil, problem(KeyNoHeader+".sheet", "Sheet {{.sheet}} of {{.file}} has no header row with known column names (such as 姓名, 部门, 岗位).",
				"file", w.Name, "sheet", s.Name)
		}
		total += len(s.Rows) - s.HeaderRow - 1
		p.Sheets = append(p.Sheets, s.Name)
		p.HeaderRows[s.Name] = s.HeaderRow + 1
		for i, c := range s.Columns {
			f := s.Mapping.Field(i)
			if f == FieldIgnore || f == FieldPersonal || c.Personal() {
				if c.Header == "" && f == FieldIgnore {
					continue
				}
				p.addIgnored(IgnoredColumn{Sheet: s.Name, Column: ColumnName(i), Header: c.Header,
					Personal: f == FieldPersonal || (c.Personal() && f == FieldIgnore)})
			}
		}
		tables := []*Sheet{s}
		switch s.Role {
		case RoleStaffing:
			tables = st.splitTables(s)
		case RolePeople:
			tables = splitRepeatedHeadings(s)
		}
		for _, t := range tables {
			used = append(used, st.screenPersonal(t))
		}
		for _, c := range st.personalCols {
			p.addIgnored(c)
		}
		st.personalCols = nil
	}
	if len(used) == 0 {
		if len(w.Sheets) > 0 && allNoHeader(w) {
			return nil, problem(KeyNoHeader+".file", "No sheet of {{.file}} has a header row with known column names (such as 姓名, 部门, 岗位).", "file", w.Name)
		}
		if w.Kind == KindUnknown {
			return nil, problem(KeyEmpty+".choose", "Choose what {{.file}} holds: a roster, a staffing table or an org structure.", "file", w.Name)
		}
		return nil, problem(KeyEmpty+"."+string(w.Kind), emptyText[w.Kind], "file", w.Name)
	}
	if !hasData(used) {
		return nil, problem(KeyNoData, "{{.file}} holds no data: below the headings there are only blank or numbered rows, as in a blank form.", "file", w.Name)
	}
	st.at("", 0)
	st.total = total
	checkTextLengths(p, used)
	if testHook != nil {
		testHook("prepare", "", 0)
	}
	switch w.Kind {
	case KindRoster, KindPeopleDepts:
		err = st.people(w, used)
	case KindStaffing:
		err = st.staffing(used)
	case KindOrg:
		err = st.org(used)
	default:
		return nil, problem(KeyEmpty+".choose", "Choose what {{.file}} holds: a roster, a staffing table or an org structure.", "file", w.Name)
	}
	if err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, cancelled(err)
	}
	st.finish(o.SampleRows)
	p.st = st
	return p, nil
}

// emptyText says, per kind, that nothing in a file can be imported as it.
var emptyText = map[Kind]string{
	KindRoster:      "Nothing in {{.file}} can be imported as a roster: no sheet has people with a name or 工号.",
	KindStaffing:    "Nothing in {{.file}} can be imported as a staffing table: no sheet has posts with a headcount.",
	KindOrg:         "Nothing in {{.file}} can be imported as an org structure: no sheet has units.",
	KindPeopleDepts: "Nothing in {{.file}} can be imported as people and departments: no sheet has people.",
}

// hasData reports whether any sheet has a row below its headings with
// more than a serial number or column numbers.
func hasData(sheets []*Sheet) bool {
	for _, s := range sheets {
		var keys []int // a people row holds someone in one of these
		if s.Role == RolePeople {
			for i, f := range s.Mapping {
				switch f {
				case FieldEmpNo, FieldName, FieldFamilyName, FieldGivenName:
					keys = append(keys, i)
				}
			}
		}
		for _, row := range s.Rows[s.HeaderRow+1:] {
			if !blankRow(row) && !serialOnly(s, row) && !isColumnNumbers(row) && (keys == nil || holdsSomeone(row, keys)) {
				return true
			}
		}
	}
	return false
}

// holdsSomeone reports whether a people row has a 工号 or a name in one
// of the key columns: not blank, not a heading repeated (工号, 姓名), not a
// page's title, signature or subtotal line. A blank ledger's rows hold a
// serial number and sums of 0.
func holdsSomeone(row []string, keys []int) bool {
	if bannerRow(row) || isSubtotal(row) {
		return false
	}
	for _, k := range keys {
		if v := cell(row, k); v != "" {
			if _, c := MatchHeader(v); c < 1 {
				return true
			}
		}
	}
	return false
}

// splitTables cuts a sheet holding several tables, each below a blank row
// and a header of its own, into one sheet per table (the row numbers stay
// those of the file), with a warning naming each table after the first.
func (st *staged) splitTables(s *Sheet) []*Sheet {
	var starts []int
	for i := s.HeaderRow + 2; i < len(s.Rows) && len(starts) < 64; i++ {
		if !blankRow(s.Rows[i-1]) || blankRow(s.Rows[i]) {
			continue
		}
		cols := detectColumns(s.Rows[i])
		m := MappingOf(cols)
		if sheetKind(m) == KindStaffing && !isColumnNumbers(s.Rows[i]) {
			starts = append(starts, i)
		}
	}
	if len(starts) == 0 {
		return []*Sheet{s}
	}
	out := make([]*Sheet, 0, len(starts)+1)
	first := *s
	first.Rows = s.Rows[:starts[0]]
	out = append(out, &first)
	if st.firstTableOnly {
		for _, at := range starts {
			st.warn(rowProblem(KeySecondTableLeftOut, s.Name, at+1, "a second table starts here, below a blank row, with headings of its own; it is left out, as chosen."))
		}
		return out
	}
	for k, at := range starts {
		end := len(s.Rows)
		if k+1 < len(starts) {
			end = starts[k+1]
		}
		t := *s
		t.Rows = s.Rows[:end]
		t.HeaderRow = at
		t.Columns = detectColumns(s.Rows[at])
		t.Mapping = MappingOf(t.Columns)
		refineMapping(t.Mapping, t.Columns)
		out = append(out, &t)
		st.warn(rowProblem(KeySecondTable, s.Name, at+1, "a second table starts here, below a blank row, with headings of its own; it is imported too."))
	}
	return out
}

// addIgnored lists an ignored column once: sheets with the same headings
// (在职, 离职, 实习生) list their personal columns once, naming every sheet.
func (p *Preview) addIgnored(c IgnoredColumn) {
	for i := range p.Ignored {
		o := &p.Ignored[i]
		if o.Header == c.Header && o.Personal == c.Personal && (o.Header != "" || o.Column == c.Column) {
			if o.Sheet != c.Sheet && !slices.Contains(o.Sheets, c.Sheet) {
				if len(o.Sheets) == 0 {
					o.Sheets = []string{o.Sheet}
				}
				o.Sheets = append(o.Sheets, c.Sheet)
			}
			if o.Sheet == c.Sheet && o.Column != c.Column {
				break // two columns of one sheet with one heading: both listed
			}
			return
		}
	}
	p.Ignored = append(p.Ignored, c)
}

func allNoHeader(w *Workbook) bool {
	for _, s := range w.Sheets {
		if s.HasColumns() {
			return false
		}
	}
	return true
}

// staged is the plan after the import: existing records keep their IDs,
// new ones get IDs from localBase on.
type staged struct {
	ctx      context.Context
	progress Progress
	total    int
	done     int
	p        *Preview

	before *model.PlanData
	after  *model.PlanData
	next   model.ID

	unitIdx  map[model.ID]*model.Unit
	unitKey  map[string]model.ID // parent ID + "\x1f" + name → unit
	rootUnit model.ID            // the plan's single company, which file paths go under
	posIdx   map[model.ID]int    // index into after.Positions
	postKey  map[string]model.ID // unit + "\x1f" + title → post
	perIdx   map[model.ID]int    // index into after.People
	byEmpNo  map[string]model.ID
	byName   map[string][]model.ID
	assignOf map[model.ID][]int // person → indexes into after.Assignments

	newUnits  map[model.ID]bool
	newPosts  map[model.ID]bool
	touchPost map[model.ID]bool
	newPeople map[model.ID]bool
	touchPer  map[model.ID]bool
	newAssign map[model.ID]bool
	touchAsg  map[model.ID]bool
	plannedBy map[model.ID]bool // new posts whose 编制 the file gave
	paidBy    map[model.ID]bool // posts whose pay a staffing table of the file gave
	seen      map[model.ID]bool // existing people the file names
	pathCache map[model.ID][]string
	// personalCols are columns found personal by their values, for the
	// preview's list.
	personalCols []IgnoredColumn
	// codePath is the unit of each unit code (部门编码) met so far, so a
	// code names one unit whatever name the rows beside it give.
	codePath map[string][]string
	// byCode is the unit of each unit code the plan holds or this import
	// gave (by canonID), so units are found by code before name across
	// imports, also after a rename.
	byCode map[string]model.ID
	// touchUnit are existing units this import gives a code.
	touchUnit map[model.ID]bool
	unitNames map[string]bool // names of the plan's units, made by unitNamed
	// rangeUpper: see PreviewOptions.RangeUpper.
	rangeUpper bool
	// firstTableOnly: see PreviewOptions.FirstTableOnly.
	firstTableOnly bool
	// lang: see PreviewOptions.Lang.
	lang string
	// atSheet and atRow are where Prepare is working, set by at.
	atSheet string
	atRow   int
}

func newStaged(d *model.PlanData) *staged {
	after := &model.PlanData{Plan: d.Plan}
	after.Units = append([]model.Unit(nil), d.Units...)
	after.Positions = append([]model.Position(nil), d.Positions...)
	after.People = append([]model.Person(nil), d.People...)
	after.Assignments = append([]model.Assignment(nil), d.Assignments...)
	st := &staged{before: d, after: after, next: localBase,
		unitIdx: map[model.ID]*model.Unit{}, unitKey: map[string]model.ID{}, posIdx: map[model.ID]int{},
		postKey: map[string]model.ID{}, perIdx: map[model.ID]int{}, byEmpNo: map[string]model.ID{},
		byName: map[string][]model.ID{}, assignOf: map[model.ID][]int{},
		newUnits: map[model.ID]bool{}, newPosts: map[model.ID]bool{}, touchPost: map[model.ID]bool{},
		newPeople: map[model.ID]bool{}, touchPer: map[model.ID]bool{}, newAssign: map[model.ID]bool{},
		touchAsg: map[model.ID]bool{}, plannedBy: map[model.ID]bool{}, paidBy: map[model.ID]bool{}, seen: map[model.ID]bool{}, pathCache: map[model.ID][]string{}, codePath: map[string][]string{},
		byCode: map[string]model.ID{}, touchUnit: map[model.ID]bool{}}
	roots := 0
	for i := range after.Units {
		u := &after.Units[i]
		st.unitIdx[u.ID] = u
		st.unitKey[unitKeyOf(u.Parent, u.Name)] = u.ID
		if _, dup := st.byCode[canonID(u.Code)]; u.Code != "" && !dup {
			st.byCode[canonID(u.Code)] = u.ID
		}
		if u.Parent == 0 {
			roots++
			st.rootUnit = u.ID
		}
	}
	// The single top unit is the company when it says so or when the plan
	// already hangs departments under it (an imported company name such as
	// 康飞塑业 does not say "公司").
	hasChildren := false
	for i := range after.Units {
		hasChildren = hasChildren || (roots == 1 && after.Units[i].Parent == st.rootUnit)
	}
	if roots != 1 || (st.unitIdx[st.rootUnit].Kind != model.UnitCompany && !hasChildren) {
		st.rootUnit = 0
	}
	for i := range after.Positions {
		p := &after.Positions[i]
		st.posIdx[p.ID] = i
		st.postKey[postKeyOf(p.Unit, p.Title)] = p.ID
	}
	for i := range after.People {
		p := &after.People[i]
		st.perIdx[p.ID] = i
		if p.EmpNo != "" {
			st.byEmpNo[p.EmpNo] = p.ID
		}
		st.byName[p.Name] = append(st.byName[p.Name], p.ID)
	}
	for i, a := range after.Assignments {
		st.assignOf[a.Person] = append(st.assignOf[a.Person], i)
	}
	return st
}

func unitKeyOf(parent model.ID, name string) string {
	return fmt.Sprint(uint64(parent)) + "\x1f" + name
}
func postKeyOf(unit model.ID, title string) string { return fmt.Sprint(uint64(unit)) + "\x1f" + title }

func (st *staged) newID() model.ID { st.next++; return st.next }

// tick counts a row (row of sheet, 1-based), remembers where the work is
// and checks for cancellation now and then.
func (st *staged) tick(sheet string, row int) error {
	st.at(sheet, row)
	st.done++
	if st.done&4095 == 0 {
		if err := st.ctx.Err(); err != nil {
			return cancelled(err)
		}
		if st.progress != nil {
			st.progress(st.done, st.total)
		}
	}
	return nil
}

// at remembers where the work is: row (1-based; 0 for the sheet as a
// whole) of sheet ("" for the file as a whole), so a panic names it.
func (st *staged) at(sheet string, row int) {
	st.atSheet, st.atRow = sheet, row
	if testHook != nil {
		testHook("prepare.row", sheet, row)
	}
}

func (st *staged) warn(p *model.Problem) { st.p.Warnings = append(st.p.Warnings, p) }
func (st *staged) fail(p *model.Problem) { st.p.Errors = append(st.p.Errors, p) }
func (st *staged) skip(s Skip)           { st.p.Skipped = append(st.p.Skipped, s) }
func (st *staged) skipRow(sheet string, row int, key, reason string) {
	st.skip(Skip{Sheet: sheet, Row: row, Key: key, Reason: reason})
}

// unitFor finds or creates the unit at path (names from the top). A path
// that does not start at the plan's single company goes under it.
func (st *staged) unitFor(path []string) model.ID {
	if len(path) == 0 {
		return 0
	}
	parent := model.ID(0)
	if st.rootUnit != 0 && path[0] != st.unitIdx[st.rootUnit].Name {
		parent = st.rootUnit
	}
	for depth, name := range path {
		key := unitKeyOf(parent, name)
		id, ok := st.unitKey[key]
		if !ok {
			id = st.newID()
			kind := model.UnitTeam
			switch {
			case parent == 0 && depth == 0 && isCompanyName(name):
				kind = model.UnitCompany
			case parent == 0 || st.unitIdx[parent].Kind == model.UnitCompany:
				kind = model.UnitDepartment
			}
			order := 0
			for _, u := range st.after.Units {
				if u.Parent == parent {
					order++
				}
			}
			st.after.Units = append(st.after.Units, model.Unit{ID: id, Name: name, Kind: kind, Parent: parent, Order: order})
			st.unitKey[key] = id
			st.newUnits[id] = true
			st.reindexUnits()
		}
		parent = id
	}
	return parent
}

// setCode gives unit the code a file names it by, unless the unit has a
// code already or another unit has this one: one code is one unit.
func (st *staged) setCode(unit model.ID, code string) {
	code = cleanCode(code)
	if unit == 0 || code == "" {
		return
	}
	if _, taken := st.byCode[canonID(code)]; taken {
		return
	}
	u := st.unitIdx[unit]
	if u.Code != "" || len([]rune(code)) > model.MaxNameRunes {
		return
	}
	u.Code = code
	st.byCode[canonID(code)] = unit
	if !st.newUnits[unit] {
		st.touchUnit[unit] = true
	}
}

// unitNamed reports whether a unit of the plan has this name.
func (st *staged) unitNamed(name string) bool {
	if st.unitNames == nil {
		st.unitNames = map[string]bool{}
		for _, u := range st.before.Units {
			st.unitNames[u.Name] = true
		}
	}
	return st.unitNames[name]
}

// codedPath is d.path(id), except that from the first id up the parent
// chain that is a unit code the plan knows, the path is that unit's as
// the plan names it now: a renamed unit is still the unit of its code.
func (st *staged) codedPath(d *deptTable, id string) []string {
	if !d.codes {
		return d.path(id)
	}
	var below []string
	for steps := 0; id != "" && steps < 64; steps++ {
		if u, ok := st.byCode[canonID(id)]; ok {
			return append(slices.Clone(st.unitPath(u)), below...)
		}
		n, ok := d.name[id]
		if !ok {
			alt, found := d.lookup(id)
			if !found || alt == id {
				return nil
			}
			id, n = alt, d.name[alt]
		}
		below = append([]string{n}, below...)
		id = d.parent[id]
	}
	return below
}

// reindexUnits refreshes unitIdx after appending (the slice may move).
func (st *staged) reindexUnits() {
	for i := range st.after.Units {
		st.unitIdx[st.after.Units[i].ID] = &st.after.Units[i]
	}
}

func isCompanyName(n string) bool {
	l := strings.ToLower(n)
	for _, s := range []string{"公司", "集团", "总部", "有限", "company", "group", "inc", "ltd", "corp"} {
		if strings.HasSuffix(l, s) || strings.HasSuffix(l, s+".") {
			return true
		}
	}
	return n == "公司"
}

// postFor finds or creates the post title in unit.
func (st *staged) postFor(unit model.ID, title string) model.ID {
	key := postKeyOf(unit, title)
	if id, ok := st.postKey[key]; ok {
		return id
	}
	id := st.newID()
	order := len(st.after.Positions)
	st.after.Positions = append(st.after.Positions, model.Position{ID: id, Title: title, Unit: unit, Order: order})
	st.posIdx[id] = len(st.after.Positions) - 1
	st.postKey[key] = id
	st.newPosts[id] = true
	return id
}

func (st *staged) post(id model.ID) *model.Position { return &st.after.Positions[st.posIdx[id]] }

// unitPath returns the names from the top down to id. Paths are cached:
// every person row shows one, and most rows share a handful of units.
func (st *staged) unitPath(id model.ID) []string {
	if p, ok := st.pathCache[id]; ok {
		return p
	}
	// Clipped, so a caller's append copies instead of writing into the cache.
	p := slices.Clip(model.UnitPathIn(st.unitIdx, id))
	st.pathCache[id] = p
	return p
}

// finish fills the preview's lists from the staged plan and checks it.
func (st *staged) finish(sample int) {
	p := st.p
	for _, u := range st.after.Units {
		if st.newUnits[u.ID] {
			p.NewUnits = append(p.NewUnits, UnitRow{Path: st.unitPath(u.ID), Kind: u.Kind, Note: u.Note})
		}
	}
	oldPost := map[model.ID]*model.Position{}
	for i := range st.before.Positions {
		oldPost[st.before.Positions[i].ID] = &st.before.Positions[i]
	}
	title := func(id model.ID) string {
		if id == 0 {
			return ""
		}
		return st.post(id).Title
	}
	for i := range st.after.Positions {
		q := &st.after.Positions[i]
		switch {
		case st.newPosts[q.ID]:
			p.Positions = append(p.Positions, PositionRow{Unit: st.unitPath(q.Unit), Title: q.Title, Planned: q.Planned,
				Status: q.Status, Note: q.Note, Action: ActionNew})
		case st.touchPost[q.ID]:
			o := oldPost[q.ID]
			var ch []Change
			if o.Planned != q.Planned {
				ch = append(ch, Change{FieldPlanned, fmtNum(o.Planned), fmtNum(q.Planned)})
			}
			if o.Note != q.Note {
				ch = append(ch, Change{FieldNote, o.Note, q.Note})
			}
			if o.MonthlyPay != q.MonthlyPay {
				ch = append(ch, Change{FieldPay, fenText(o.MonthlyPay), fenText(q.MonthlyPay)})
			}
			if o.Status != q.Status {
				ch = append(ch, Change{"status", fmt.Sprint(o.Status), fmt.Sprint(q.Status)})
			}
			if o.ReportsTo != q.ReportsTo {
				ch = append(ch, Change{FieldReportsTo, title(o.ReportsTo), title(q.ReportsTo)})
			}
			if len(ch) == 0 {
				delete(st.touchPost, q.ID)
				continue
			}
			p.Positions = append(p.Positions, PositionRow{Unit: st.unitPath(q.Unit), Title: q.Title, Planned: q.Planned,
				Status: q.Status, Note: q.Note, Action: ActionUpdated, Changes: ch})
		}
	}
	for _, r := range p.People {
		switch r.Action {
		case ActionNew:
			p.Created++
		case ActionUpdated:
			p.Updated++
		default:
			p.Unchanged++
		}
	}
	if len(p.People) == 0 {
		for _, r := range p.Positions {
			if r.Action == ActionNew {
				p.Created++
			} else {
				p.Updated++
			}
		}
		p.Created += len(p.NewUnits)
		p.Updated += len(st.touchUnit) // existing units given a code
	}
	if err := st.after.Validate(); err != nil {
		for _, e := range splitJoined(err) {
			msg := e.Error()
			p.Errors = append(p.Errors, problem(KeyPlanInvalid, "The plan after the import would be invalid: {{.detail}}", "detail", msg))
		}
	}
	if len(p.People) > 0 {
		p.SampleHeader = []Field{FieldEmpNo, FieldName, FieldDeptPath, FieldPosition, FieldReportsTo, FieldHireDate, FieldStatus, FieldEmployment, FieldGrade}
		for _, r := range p.People {
			if len(p.Sample) >= sample {
				break
			}
			hire := ""
			if !r.Person.HireDate.IsZero() {
				hire = r.Person.HireDate.Format("2006-01-02")
			}
			p.Sample = append(p.Sample, []string{r.Person.EmpNo, r.Person.Name, strings.Join(r.Unit, "/"), r.Position,
				r.ReportsTo, hire, i18n.PersonStatus(st.lang, r.Person.Status), i18n.Employment(st.lang, r.Person.Employment), r.Person.Grade, string(r.Action)})
		}
	} else {
		p.SampleHeader = []Field{FieldDeptPath, FieldPosition, FieldPlanned, FieldNote}
		for _, r := range p.Positions {
			if len(p.Sample) >= sample {
				break
			}
			p.Sample = append(p.Sample, []string{strings.Join(r.Unit, "/"), r.Title, fmtNum(r.Planned), r.Note, string(r.Action)})
		}
		for _, u := range p.NewUnits {
			if len(p.Sample) >= sample {
				break
			}
			p.Sample = append(p.Sample, []string{strings.Join(u.Path, "/"), "", "", u.Note, string(ActionNew)})
		}
	}
}

func splitJoined(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}

// fenText writes fen as yuan, without decimals when whole (8000, 7500.5).
func fenText(fen int64) string {
	s := strconv.FormatInt(fen/100, 10)
	if r := fen % 100; r != 0 {
		s += strings.TrimRight(fmt.Sprintf(".%02d", r), "0")
	}
	return s
}

func fmtNum(f float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.4f", f), "0"), ".")
}

func dateText(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

// sortedKeys returns a map's keys in order, for deterministic output.
func sortedKeys[V any](m map[model.ID]V) []model.ID {
	out := make([]model.ID, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}
