package importer

import (
	"regexp"
	"strings"
	"time"

	"staffplan/data/model"
)

// cell returns the normalised text of column col of row.
func cell(row []string, col int) string {
	if col < 0 || col >= len(row) {
		return ""
	}
	return Normalize(row[col])
}

func blankRow(row []string) bool {
	for _, c := range row {
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

func deptColumnsOf(s *Sheet) deptColumns {
	var d deptColumns
	for _, f := range []Field{FieldDeptPath, FieldDept, FieldDept1, FieldDept2, FieldDept3, FieldDept4} {
		if col := s.Mapping.Col(f); col >= 0 {
			d = append(d, deptColumn{col, pathSep(columnValues(s, col), f == FieldDeptPath)})
		}
	}
	return d
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

func parseStatus(v string) (model.PersonStatus, bool) {
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

func parseEmployment(v string) (model.EmploymentType, bool) {
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
