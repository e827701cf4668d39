// Package export writes a plan to the files admins hand on: the staffing
// table (人员配置明细表), the roster (花名册) as xlsx and CSV, and the
// position descriptions (岗位说明书). It knows nothing of the user interface.
package export

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode"
	"unicode/utf8"

	"staffplan/data/i18n"
	"staffplan/data/model"
)

// Options tune an export.
type Options struct {
	// Lang chooses the language of headings and labels: "zh" (the default)
	// or "en". Data from the plan is written as it is.
	Lang string
	// Date is printed in titles. The zero value means today.
	Date time.Time
	// OmitLeft leaves people who have left out of the roster; otherwise
	// they are on a sheet of their own (离职 / Left).
	OmitLeft bool
}

func (o Options) date() time.Time {
	if o.Date.IsZero() {
		return time.Now()
	}
	return o.Date
}

func (o Options) dateText() string {
	return o.date().Format(i18n.T(exportLang(o.Lang), "export.date_layout", nil))
}

// Kinds of export, as passed to KindLabel.
const (
	KindStaffing     = "staffing"
	KindRoster       = "roster"
	KindDescriptions = "descriptions"
	KindPlanPDF      = "plan"
)

// KindLabel returns the word for a kind of export used in file names and
// titles, e.g. "人员配置明细" for KindStaffing in Chinese. Unknown kinds are
// returned unchanged.
func KindLabel(kind, lang string) string {
	l := labelsFor(lang)
	switch kind {
	case KindStaffing:
		return l.staffingKind
	case KindRoster:
		return l.rosterKind
	case KindDescriptions:
		return l.descKind
	case KindPlanPDF:
		return l.planKind
	}
	return kind
}

// labels holds every fixed text an export writes in one language, read
// from the translation files (export.*, enum.*) so exports say what the
// window says.
type labels struct {
	lang string

	staffingKind, rosterKind, descKind string

	staffingSheet, staffingTitle, rosterSheet          string
	leftSheet                                          string
	remarkSep, listSep                                 string
	no, unit, post, planned, actual, vacancy, note     string
	total                                              string
	footerPage                                         string
	empNo, name, unitPath, fte, grade, hire, status    string
	employment                                         string
	personStatus                                       []string // by model.PersonStatus
	employ                                             []string // by model.EmploymentType
	indexSheet, descTitle, backToIndex                 string
	reportsTo, directReports, mission, duties, reqs    string
	education, years, certs, other, salary             string
	shift, holders, descPlanned, salaryUnit, unitNames string

	// The plan PDF (PlanPDF).
	planKind, planDoc, organisation, dateLabel, effective string
	contents, continued                                   string
	vacantOnly, overOnly                                  string
	partChart, partStaffing, partDescs, partCost          string
}

// exportLang is the language of an export: Chinese unless "en" is asked for.
func exportLang(lang string) string {
	if lang == "" {
		return i18n.Zh
	}
	return i18n.Norm(lang)
}

func newLabels(lang string) *labels {
	t := func(key string) string { return i18n.T(lang, key, nil) }
	return &labels{lang: lang,
		staffingKind: t("export.kind.staffing"), rosterKind: t("export.kind.roster"), descKind: t("export.kind.descriptions"),
		staffingSheet: t("export.staffing.sheet"), staffingTitle: t("export.staffing.title"),
		rosterSheet: t("export.roster.sheet"), leftSheet: t("export.roster.left_sheet"),
		remarkSep: t("export.remark_sep"), listSep: t("export.list_sep"),
		no: t("export.col.no"), unit: t("export.col.unit"), post: t("export.col.post"), planned: t("export.col.planned"),
		actual: t("export.col.actual"), vacancy: t("export.col.vacancy"), note: t("export.col.note"),
		total: t("export.total"), footerPage: t("export.footer_page"),
		empNo: t("export.col.emp_no"), name: t("export.col.name"), unitPath: t("export.col.unit_path"), fte: t("export.col.fte"),
		grade: t("export.col.grade"), hire: t("export.col.hire"), status: t("export.col.status"), employment: t("export.col.employment"),
		personStatus: i18n.PersonStatuses.Labels(lang), employ: i18n.Employments.Labels(lang),
		indexSheet: t("export.desc.index_sheet"), descTitle: t("export.desc.title"), backToIndex: t("export.desc.back"),
		reportsTo: t("export.desc.reports_to"), directReports: t("export.desc.direct_reports"), mission: t("export.desc.mission"),
		duties: t("export.desc.duties"), reqs: t("export.desc.requirements"), education: t("export.desc.education"),
		years: t("export.desc.years"), certs: t("export.desc.certificates"), other: t("export.desc.other"), salary: t("export.desc.salary"),
		shift: t("export.desc.shift"), holders: t("export.desc.holders"), descPlanned: t("export.desc.planned"),
		salaryUnit: t("export.desc.salary_unit"), unitNames: t("export.desc.unit"),
		planKind: t("export.kind.plan"), planDoc: t("export.pdf.doc"), organisation: t("export.pdf.organisation"),
		dateLabel: t("export.pdf.date"), effective: t("export.pdf.effective"), contents: t("export.pdf.contents"),
		continued: t("export.pdf.continued"), vacantOnly: t("export.pdf.vacant"), overOnly: t("export.pdf.over"),
		partChart: t("export.pdf.part.chart"), partStaffing: t("export.pdf.part.staffing"),
		partDescs: t("export.pdf.part.descriptions"), partCost: t("export.pdf.part.cost"),
	}
}

// allLabels holds the labels of both languages, read once.
var allLabels = sync.OnceValue(func() map[string]*labels {
	return map[string]*labels{i18n.Zh: newLabels(i18n.Zh), i18n.En: newLabels(i18n.En)}
})

func labelsFor(lang string) *labels { return allLabels()[exportLang(lang)] }

// titled is "title(date)", or "2(暂不设置)": a text with a remark in brackets.
func (l *labels) titled(title, date string) string {
	return i18n.T(l.lang, "export.title_date", map[string]any{"title": title, "date": date})
}

// subtotal is a subtotal's label: "生产部 (9人)".
func (l *labels) subtotal(name, count string) string {
	return i18n.T(l.lang, "export.subtotal", map[string]any{"name": name, "count": count})
}

// pdfPage is the page number in a plan PDF's footer: "第 2 页,共 23 页".
func (l *labels) pdfPage(n, total int) string {
	return i18n.T(l.lang, "export.pdf.page", map[string]any{"n": n, "total": total})
}

// postCount is the number of posts on a plan PDF's cover: "21 个岗位".
func (l *labels) postCount(n int) string {
	return i18n.T(l.lang, "export.pdf.post_count", map[string]any{"n": n})
}

// yearsText is a requirement of years of experience: "3年以上".
func (l *labels) yearsText(years string) string {
	return i18n.T(l.lang, "export.desc.years_value", map[string]any{"years": years})
}

func (l *labels) personStatusText(s model.PersonStatus) string {
	return i18n.PersonStatus(l.lang, s)
}

func (l *labels) employText(e model.EmploymentType) string {
	return i18n.Employment(l.lang, e)
}

// positionStatusText names a post's status where it matters: "" for an
// active post.
func (l *labels) positionStatusText(s model.PositionStatus) string {
	if s == model.StatusActive {
		return ""
	}
	return i18n.PositionStatus(l.lang, s)
}

// fmtNum writes a headcount the way people write it: "9", "8.5", "0.25".
func fmtNum(f float64) string {
	return strconv.FormatFloat(roundTo(f, 2), 'f', -1, 64)
}

// roundTo removes float noise such as 8.499999999 left by summing FTE.
func roundTo(f float64, places int) float64 {
	p := math.Pow10(places)
	return math.Round(f*p) / p
}

// decimals is how many decimals a headcount needs: 0 for whole numbers,
// 1 where one is enough, else 2. Spreadsheet formats like "0.##" print a
// bare "9." for whole numbers, so the format is chosen per cell instead.
func decimals(f float64) int {
	f = math.Abs(roundTo(f, 2))
	switch {
	case f == math.Trunc(f):
		return 0
	case roundTo(f*10, 6) == math.Trunc(roundTo(f*10, 6)):
		return 1
	}
	return 2
}

// textWidth estimates the width of s in spreadsheet column units, where a
// digit is one unit and an East Asian wide character two.
func textWidth(s string) float64 {
	w, best := 0.0, 0.0
	for _, r := range s {
		if r == '\n' {
			best, w = max(best, w), 0
			continue
		}
		w += runeWidth(r)
	}
	return max(best, w)
}

func runeWidth(r rune) float64 {
	switch {
	case r < 0x1100:
		return 1
	case unicode.Is(unicode.Han, r), unicode.Is(unicode.Hangul, r),
		unicode.Is(unicode.Hiragana, r), unicode.Is(unicode.Katakana, r),
		r >= 0x3000 && r <= 0x303F,                             // CJK punctuation
		r >= 0xFF00 && r <= 0xFF60, r >= 0xFFE0 && r <= 0xFFE6, // full-width forms
		r >= 0x2E80 && r <= 0x2FDF, r >= 0x3100 && r <= 0x33FF:
		return 2
	}
	return 1
}

// lines estimates how many lines s takes when wrapped in a column width wide.
func lines(s string, width float64) int {
	n := 0
	for _, part := range strings.Split(s, "\n") {
		n += max(1, int(math.Ceil(textWidth(part)/width)))
	}
	return n
}

// neutralise guards a CSV cell against formula injection: spreadsheet
// programs run text starting with these characters as a formula. Invisible
// characters in front (zero-width spaces, word joiners, soft hyphens,
// direction marks, a byte-order mark, other spaces) do not hide the
// formula from every program, so they are looked through; the full-width
// forms count too, as Excel with an East Asian input method reads ＝ as =.
func neutralise(s string) string {
	for _, r := range s {
		switch r {
		case '=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠':
			return "'" + s
		}
		if !invisible(r) {
			return s
		}
	}
	return s
}

// invisible reports whether r shows nothing in a cell: format characters
// (Cf: U+200B–U+200F, U+202A–U+202E, U+2060–U+2064, U+00AD, U+FEFF …),
// spaces, other controls and the Hangul fillers.
func invisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Zs, r), unicode.IsControl(r):
		return true
	case r == 0x115F, r == 0x1160, r == 0x3164, r == 0xFFA0, r == 0x034F, r == 0x180E:
		return true
	case r >= 0xFE00 && r <= 0xFE0F: // variation selectors
		return true
	}
	return false
}

// DefaultFileName proposes a file name such as
// "康飞塑业_人员配置明细_2026-11-27.xlsx". Characters Windows forbids in file
// names are replaced, and a reserved device name (CON, NUL, …) is avoided.
// Spaces become hyphens ("org-chart"), so that the name needs no quoting
// on a command line.
func DefaultFileName(kind, planOrg string, date time.Time, ext string) string {
	var parts []string
	for _, p := range []string{planOrg, kind} {
		if p = strings.Join(strings.Fields(cleanName(p)), "-"); p != "" {
			parts = append(parts, p)
		}
	}
	if !date.IsZero() {
		parts = append(parts, date.Format("2006-01-02"))
	}
	name := strings.Join(parts, "_")
	if name == "" {
		name = "export"
	}
	if upper := strings.ToUpper(name); reservedName(upper) {
		name = "_" + name
	}
	ext = strings.TrimLeft(cleanName(ext), ".")
	if ext != "" {
		name += "." + ext
	}
	return name
}

// cleanName makes s safe as part of a Windows file name and keeps it short
// enough that the whole name stays well under the 255-character limit.
func cleanName(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r < 0x20 || r == 0x7F || strings.ContainsRune(`<>:"/\|?*`, r):
			b.WriteRune('_')
		case r == utf8.RuneError:
		default:
			b.WriteRune(r)
		}
	}
	out := strings.TrimSpace(b.String())
	if utf8.RuneCountInString(out) > 80 {
		out = string([]rune(out)[:80])
	}
	// Windows drops trailing dots and spaces silently.
	return strings.TrimRight(out, ". ")
}

func reservedName(upper string) bool {
	switch upper {
	case "CON", "PRN", "AUX", "NUL":
		return true
	}
	if len(upper) == 4 && (strings.HasPrefix(upper, "COM") || strings.HasPrefix(upper, "LPT")) &&
		upper[3] >= '0' && upper[3] <= '9' {
		return true
	}
	return false
}

// excelDate is the spreadsheet serial number of t's calendar day (1900
// date system). Writing the number with a date format is what makes a real
// date cell, and it is much cheaper than excelize's time.Time path.
func excelDate(t time.Time) float64 {
	y, m, d := t.Date()
	day := time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
	return float64(day.Sub(excelEpoch) / (24 * time.Hour))
}

var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// planTitle is the name to print for a plan.
func planTitle(d *model.PlanData) string {
	if d.Plan.Name != "" {
		return d.Plan.Name
	}
	return d.Plan.Organisation
}

// footerText escapes s for an Excel header or footer, where & starts a code.
func footerText(s string) string { return strings.ReplaceAll(s, "&", "&&") }

// titleWith joins a plan's name and the name of a document without saying
// a word twice: "康飞塑业 人员配置" and "人员配置明细表" give "康飞塑业
// 人员配置明细表", not "康飞塑业 人员配置 人员配置明细表". The overlap is
// the longest end of the plan name that starts the document name (compared
// case-insensitively, for English names).
func titleWith(plan, doc, lang string) string {
	plan, doc = strings.TrimSpace(plan), strings.TrimSpace(doc)
	if plan == "" {
		return doc
	}
	lp, ld := strings.ToLower(plan), strings.ToLower(doc)
	if doc == "" || strings.Contains(lp, ld) {
		return plan
	}
	pr := []rune(lp)
	for i := range pr {
		tail := string(pr[i:])
		// A whole word at the start of the tail, not the end of one.
		if i > 0 && lang == "en" && !unicode.IsSpace(pr[i-1]) {
			continue
		}
		if strings.HasPrefix(ld, tail) && strings.TrimSpace(tail) != "" {
			return plan + string([]rune(doc)[len([]rune(tail)):])
		}
	}
	return plan + " " + doc
}
