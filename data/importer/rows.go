package importer

import (
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"staffplan/data/i18n"
	"staffplan/data/model"
)

// cell returns the normalised text of column col of row.
func cell(row []string, col int) string {
	if col < 0 || col >= len(row) {
		return ""
	}
	if c := row[col]; c != "" && c[0] == '#' && isErrorValue(c) {
		return ""
	}
	return Normalize(row[col])
}

// errorValues are the values a formula shows when it fails; they are
// never data (a check sheet copied with broken references is full of
// #REF!).
var errorValues = map[string]bool{"#NULL!": true, "#DIV/0!": true, "#VALUE!": true, "#REF!": true, "#NAME?": true, "#NUM!": true,
	"#N/A": true, "#GETTING_DATA": true, "#SPILL!": true, "#CALC!": true, "#FIELD!": true, "#BLOCKED!": true, "#UNKNOWN!": true,
	"#CONNECT!": true, "#BUSY!": true}

// isErrorValue reports whether a cell holds a formula's error value.
func isErrorValue(c string) bool {
	c = strings.TrimSpace(c)
	return len(c) > 2 && len(c) < 16 && c[0] == '#' && errorValues[strings.ToUpper(c)]
}

// blankRow reports whether a row holds nothing: blank cells and error
// values only.
func blankRow(row []string) bool {
	for _, c := range row {
		if c != "" && c[0] == '#' && isErrorValue(c) {
			continue
		}
		for i := 0; i < len(c); i++ {
			if b := c[i]; b > ' ' && b < 0x80 {
				return false // the common case, decided without allocating
			}
		}
		if strings.TrimSpace(c) != "" && Normalize(c) != "" {
			return false
		}
	}
	return true
}

var subtotalWords = []string{"小计", "合计", "总计", "共计", "总数", "汇总", "subtotal", "total", "sum"}

// isSubtotal reports whether a row is a subtotal or total line: one of its
// first cells is, or ends in, 小计/合计/总计 (or Total).
func isSubtotal(row []string) bool {
	for i := 0; i < len(row) && i < 8; i++ {
		if !mayBeSubtotal(row[i]) {
			continue
		}
		v := strings.ToLower(strings.ReplaceAll(Normalize(row[i]), " ", ""))
		v = strings.TrimRight(v, ":：")
		if v == "" {
			continue
		}
		for _, w := range subtotalWords {
			if v == w || (strings.HasSuffix(v, w) && len(w) > 3) || strings.HasPrefix(v, w+"(") {
				return true
			}
		}
	}
	return false
}

// mayBeSubtotal is a cheap first test for isSubtotal: every subtotal
// word has 计, 总 or (in English) a t or an s, and is short.
func mayBeSubtotal(c string) bool {
	if c == "" || len(c) > 64 {
		return false
	}
	return strings.Contains(c, "计") || strings.Contains(c, "总") || strings.ContainsAny(c, "tTsS")
}

// sectionRe matches a department heading with its count, "行政人事部 (9人)".
var sectionRe = regexp.MustCompile(`^(.*?)\s*[(（]\s*(?:共|合计)?\s*\d+(?:\.\d+)?\s*(?:人|名)\s*[)）]\s*$`)

// sectionName returns the department of a "行政人事部 (9人)" heading.
func sectionName(s string) (string, bool) {
	m := sectionRe.FindStringSubmatch(Normalize(s))
	if m == nil {
		return "", false
	}
	return strings.TrimSpace(m[1]), true
}

// pathSeps are the separators a department path may use, in order of
// preference when several appear.
var pathSeps = []string{"/", ">", "\\", "|", "-"}

// pathSep picks the separator a column of paths uses: the one found in
// the most cells, if it is in at least half of them (any, for a column
// headed as a path). '-' is tried last since names contain it
// ("南京-王志刚组").
func pathSep(values []string, isPath bool) string {
	best, bestN, total := "", 0, 0
	counts := make([]int, len(pathSeps))
	for _, v := range values {
		if v == "" {
			continue
		}
		total++
		for i, s := range pathSeps {
			if strings.Contains(v, s) {
				counts[i]++
			}
		}
	}
	for i, n := range counts {
		if n > bestN {
			best, bestN = pathSeps[i], n
		}
	}
	if bestN == 0 || (!isPath && 2*bestN < total) {
		return ""
	}
	return best
}

// deptColumns are a sheet's department columns, the path column and the
// level columns from the top, each with the separator its cells use.
type deptColumns []deptColumn

type deptColumn struct {
	col int
	sep string
}

// levelFields are the unit fields in the order of their levels, the path
// first.
var levelFields = []Field{FieldDeptPath, FieldDept1, FieldDept, FieldDept2, FieldDept3, FieldDept4,
	FieldDept5, FieldDept6, FieldDept7, FieldDept8, FieldDept9}

func deptColumnsOf(s *Sheet) deptColumns {
	var d deptColumns
	var levels []int // of d, the columns of one unit name each
	for _, f := range levelFields {
		for col, g := range s.Mapping {
			if g != f {
				continue
			}
			sep := pathSep(columnValues(s, col), f == FieldDeptPath)
			if sep == "" && f != FieldDeptPath {
				levels = append(levels, len(d))
			}
			d = append(d, deptColumn{col, sep})
		}
	}
	orderLevels(s, d, levels)
	return d
}

// orderLevels puts the level columns in the order the data shows, the
// way a roster written person, team, department, region from left to
// right needs: the top level is the one with the fewest distinct values
// that contains the others (each value of a lower level sits under one
// value of the level above). When the data do not show such an order the
// columns keep the order of their headings.
func orderLevels(s *Sheet, d deptColumns, levels []int) {
	if len(levels) < 2 {
		return
	}
	vals := make([][]string, len(levels))
	distinct := make([]int, len(levels))
	for k, li := range levels {
		vals[k] = columnValues(s, d[li].col)
		seen := map[string]bool{}
		for _, v := range vals[k] {
			if v = Normalize(v); v != "" {
				seen[v] = true
			}
		}
		distinct[k] = len(seen)
	}
	order := make([]int, len(levels))
	for i := range order {
		order[i] = i
	}
	// contains: every value of lower sits under one value of upper, and
	// upper has fewer values.
	contains := func(upper, lower int) bool {
		if distinct[upper] >= distinct[lower] {
			return false
		}
		up := map[string]string{}
		for r := range vals[lower] {
			lv := Normalize(vals[lower][r])
			if lv == "" {
				continue
			}
			uv := ""
			if r < len(vals[upper]) {
				uv = Normalize(vals[upper][r])
			}
			if uv == "" {
				return false
			}
			if prev, ok := up[lv]; ok && prev != uv {
				return false
			}
			up[lv] = uv
		}
		return true
	}
	chain := func(o []int) bool {
		for i := 1; i < len(o); i++ {
			if !contains(o[i-1], o[i]) {
				return false
			}
		}
		return true
	}
	slices.SortStableFunc(order, func(a, b int) int { return distinct[a] - distinct[b] })
	if slices.IsSorted(order) || !chain(order) {
		return
	}
	headings := make([]int, len(levels))
	for i := range headings {
		headings[i] = i
	}
	if chain(headings) {
		return
	}
	cols := make([]deptColumn, len(levels))
	for k, o := range order {
		cols[k] = d[levels[o]]
	}
	for k, li := range levels {
		d[li] = cols[k]
	}
}

// path reads a row's department path from the columns in order. A level
// the next column repeats counts once: 二级部门 often repeats 一级部门
// where there is no sub-level. clean, if set, rewrites each cell first.
func (d deptColumns) path(row []string, clean func(string) string) []string {
	var path []string
	for _, c := range d {
		v := collapseSpaces(cell(row, c.col))
		if clean != nil {
			v = clean(v)
		}
		for _, part := range splitPath(v, c.sep) {
			if n := len(path); n == 0 || path[n-1] != part {
				path = append(path, part)
			}
		}
	}
	return path
}

func splitPath(v, sep string) []string {
	if sep == "" {
		if v == "" {
			return nil
		}
		return []string{v}
	}
	var out []string
	for _, p := range strings.Split(v, sep) {
		if p = collapseSpaces(strings.TrimSpace(p)); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// parseStatus reads a person's status: the program's own labels in either
// language (what its exports and template write), then the words HR
// systems use.
func parseStatus(v string) (model.PersonStatus, bool) {
	if x, ok := i18n.PersonStatuses.Parse(v); ok {
		return model.PersonStatus(x), true
	}
	v = strings.ToLower(strings.ReplaceAll(v, " ", ""))
	switch {
	case v == "":
		return model.PersonActive, false
	case strings.Contains(v, "试用") || v == "probation":
		return model.PersonProbation, true
	case strings.Contains(v, "离职") || strings.Contains(v, "辞职") || strings.Contains(v, "辞退") || strings.Contains(v, "解除") ||
		strings.Contains(v, "退休") || v == "left" || v == "resigned" || v == "terminated" || v == "inactive":
		return model.PersonLeft, true
	case strings.Contains(v, "在职") || strings.Contains(v, "正式") || strings.Contains(v, "转正") || strings.Contains(v, "在岗") ||
		v == "active" || v == "employed":
		return model.PersonActive, true
	}
	return model.PersonActive, false
}

// parseEmployment reads an employment type: the program's own labels in
// either language, then the words HR systems use.
func parseEmployment(v string) (model.EmploymentType, bool) {
	if x, ok := i18n.Employments.Parse(v); ok {
		return model.EmploymentType(x), true
	}
	v = strings.ToLower(strings.ReplaceAll(v, " ", ""))
	switch {
	case v == "":
		return model.EmployFullTime, false
	case strings.Contains(v, "返聘") || strings.Contains(v, "退休") || strings.Contains(v, "retire"):
		return model.EmployRetiree, true
	case strings.Contains(v, "派遣") || strings.Contains(v, "外包") || strings.Contains(v, "劳务") || strings.Contains(v, "agency") ||
		strings.Contains(v, "dispatch") || strings.Contains(v, "contractor"):
		return model.EmployAgency, true
	case strings.Contains(v, "实习") || strings.Contains(v, "intern"):
		return model.EmployIntern, true
	case strings.Contains(v, "兼职") || strings.Contains(v, "非全日制") || strings.Contains(v, "part"):
		return model.EmployPartTime, true
	case strings.Contains(v, "全职") || strings.Contains(v, "正式") || strings.Contains(v, "合同") || strings.Contains(v, "全日制") ||
		strings.Contains(v, "full") || strings.Contains(v, "permanent"):
		return model.EmployFullTime, true
	}
	return model.EmployFullTime, false
}

// columnValues collects one column below the header, for per-column
// decisions (date order, path separator).
func columnValues(s *Sheet, col int) []string {
	if col < 0 {
		return nil
	}
	out := make([]string, 0, len(s.Rows))
	for _, row := range s.Rows[s.HeaderRow+1:] {
		if col < len(row) {
			out = append(out, row[col])
		}
	}
	return out
}

// dateColumn reads the dates of one column with one order for all of it.
type dateColumn struct {
	col      int
	order    DateOrder
	date1904 bool
}

func newDateColumn(s *Sheet, col int) (dateColumn, bool) {
	if col < 0 {
		return dateColumn{col: -1}, false
	}
	vals := columnValues(s, col)
	order := DateOrderOf(vals)
	ambiguous := false
	if order == OrderUnknown {
		for _, v := range vals {
			if p, ok := dateParts(v); ok && len(p) == 3 && p[2] >= 1000 && p[0] <= 12 {
				ambiguous = true
				break
			}
		}
		order = DayFirst
	}
	return dateColumn{col: col, order: order, date1904: s.Date1904}, ambiguous
}

// date1904Epoch is day 0 of the 1904 date system.
var date1904Epoch = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)

func (d dateColumn) parse(v string) (time.Time, bool) {
	if d.date1904 {
		if f, ok := dateSerial(Normalize(v)); ok {
			if f < 0 || f >= 2958466-1462 {
				return time.Time{}, false
			}
			return date1904Epoch.AddDate(0, 0, int(f)), true
		}
	}
	return ParseDate(v, d.order)
}

// isColumnNumbers reports whether a row numbers the columns (1 2 3 …),
// as import templates of HR systems put between the headings and the
// data.
func isColumnNumbers(row []string) bool {
	n, next := 0, 0
	for _, c := range row {
		if c == "" {
			continue
		}
		if b := c[0]; (b < '0' || b > '9') && b != ' ' && b < 0x80 {
			return false // the common case, decided without allocating
		}
		v := cleanCode(c)
		if v == "" {
			continue
		}
		k, ok := ParseNumber(v)
		if !ok || k != float64(int(k)) {
			return false
		}
		if n == 0 {
			if k != 0 && k != 1 {
				return false
			}
			next = int(k)
		}
		if int(k) != next {
			return false
		}
		next++
		n++
	}
	return n >= 3
}

// sampleWords mark a template's sample row.
var sampleWords = []string{"示例", "样例", "举例", "例", "例子", "范例", "example", "sample", "e.g."}

// isSample reports whether a cell marks its row as a sample: it is one
// of sampleWords, or starts with one and a colon or bracket ("示例:",
// "【示例】", "(例)"). A unit called 示例集团 is not a sample.
func isSample(c string) bool {
	if len(c) > 40 {
		return false
	}
	if b := c[0] | 0x20; b != 'e' && b != 's' && !strings.Contains(c, "例") {
		return false
	}
	v := strings.ToLower(Normalize(c))
	v = strings.TrimLeft(v, "(（【[<《")
	for _, w := range sampleWords {
		if v == w {
			return true
		}
		if rest, ok := strings.CutPrefix(v, w); ok && rest != "" && strings.ContainsRune(":：)）】]>》", []rune(rest)[0]) {
			return true
		}
	}
	return false
}

// placeholder skips, with a warning, a row that repeats the sheet's
// headings or is a template's sample row.
func (st *staged) placeholder(s *Sheet, row []string, rowNo int) bool {
	same, n := 0, 0
	sample := false
	for col, c := range row {
		if c == "" {
			continue
		}
		n++
		if col < len(s.Columns) && sameHeading(c, s.Columns[col].Header) {
			same++
		}
		sample = sample || isSample(c)
	}
	if n == 0 || (!sample && (same < 2 || 2*same < n)) {
		return false
	}
	why := "the headings repeated"
	if sample {
		why = "a sample row"
	}
	st.skipRow(s.Name, rowNo, KeySkipPlaceholder, why)
	st.warn(rowProblem(KeyPlaceholder, s.Name, rowNo, "the row is a sample or repeats the headings and was not imported."))
	return true
}

// sameHeading reports whether cell c repeats heading h (as detectColumns
// cleaned it), comparing first runes before cleaning anything.
func sameHeading(c, h string) bool {
	if h == "" {
		return false
	}
	if c == h {
		return true
	}
	t := strings.TrimLeft(c, " \u3000")
	r, _ := utf8.DecodeRuneInString(t)
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if hr, _ := utf8.DecodeRuneInString(h); r != hr {
		return false
	}
	return collapseSpaces(Normalize(c)) == h
}

// serialOnly reports whether a row holds nothing but a serial number:
// a blank form's numbered lines.
func serialOnly(s *Sheet, row []string) bool {
	n := 0
	for col, c := range row {
		v := Normalize(c)
		if v == "" {
			continue
		}
		f := s.Mapping.Field(col)
		if _, ok := ParseNumber(v); !ok || (f != FieldSeq && (col != 0 || f != FieldIgnore)) {
			return false
		}
		n++
	}
	return n == 1
}
