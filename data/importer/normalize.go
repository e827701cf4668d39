package importer

import (
	"math"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Normalize folds full-width ASCII (ＡＢＣ１２３) and odd spaces (U+3000,
// NBSP, tabs) to plain ASCII, drops control characters, replaces invalid
// UTF-8 and trims the result. Most cells need none of
// this, so they are returned without allocating.
func Normalize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 || c < 0x20 || c == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return strings.TrimSpace(s)
	}
	var b strings.Builder
	b.Grow(len(s))
	changed := false
	for i, r := range s {
		switch {
		case r == utf8.RuneError:
			// Invalid UTF-8 (a GBK byte in a file read as UTF-8): the
			// replacement character, which the store takes, not the byte.
			if _, w := utf8.DecodeRuneInString(s[i:]); w == 1 {
				changed = true
			}
		case r < 0x20 && r != '\t' && r != '\r' && r != '\n', r == 0x7f, r >= 0x80 && r <= 0x9f:
			// Control characters (Excel's _x0001_, stray bytes of HR
			// exports) carry nothing a plan needs, and the store refuses
			// text with them: one would block the whole import.
			changed = true
			continue
		case r >= 0xFF01 && r <= 0xFF5E:
			r -= 0xFEE0
			changed = true
		case r == 0x3000 || r == 0xA0 || r == '\t' || r == '\r' || r == '\n' || r == 0x2002 || r == 0x2003 || r == 0x200B || r == 0xFEFF:
			r = ' '
			changed = true
		}
		b.WriteRune(r)
	}
	if !changed {
		return strings.TrimSpace(s)
	}
	return strings.TrimSpace(b.String())
}

// collapseSpaces turns runs of spaces into one.
func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// cleanName removes the spaces people pad Chinese names with to align them
// ("张  三" → "张三") but keeps single spaces between Latin words.
func cleanName(s string) string {
	s = collapseSpaces(Normalize(s))
	if !strings.Contains(s, " ") {
		return s
	}
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		if r == ' ' && i > 0 && i < len(rs)-1 && (isHan(rs[i-1]) || isHan(rs[i+1])) {
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) || r == '·' }

// ParseNumber reads a number written as a number or as text: full-width
// digits, thousands separators, a trailing unit such as 人 or 名, a percent
// sign. ok is false when s holds no number.
func ParseNumber(s string) (float64, bool) {
	s = Normalize(s)
	s = strings.ReplaceAll(s, ",", "")
	s = strings.ReplaceAll(s, " ", "")
	pct := false
	for _, suf := range []string{"人", "名", "个", "位", "%"} {
		if strings.HasSuffix(s, suf) {
			pct = suf == "%"
			s = strings.TrimSuffix(s, suf)
			break
		}
	}
	if s == "" {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, false
	}
	if pct {
		f /= 100
	}
	return f, true
}

// DateOrder says how a column writes dates of the form a/b/yyyy.
type DateOrder uint8

// Date orders. DayFirst and MonthFirst only matter for a/b/yyyy dates;
// year-first dates are unambiguous.
const (
	OrderUnknown DateOrder = iota
	DayFirst
	MonthFirst
)

// excelEpoch is day 0 of Excel's 1900 date system, shifted by Excel's
// phantom 29 February 1900 so serials from 61 on come out right.
var excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)

// dateParts splits a date written with separators into its numbers; sep
// reports whether the parts were separated at all, and hanzi whether the
// 年月日 form was used.
func dateParts(s string) (parts []int, ok bool) {
	s = Normalize(s)
	// Drop a time of day: "2018-04-18 00:00:00", "2018-04-18T08:00".
	if i := strings.IndexAny(s, " T"); i > 0 {
		s = s[:i]
	}
	s = strings.TrimSuffix(s, "日")
	s = strings.TrimSuffix(s, "号")
	if s == "" {
		return nil, false
	}
	cur, digits := 0, 0
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			if digits >= 4 {
				return nil, false
			}
			cur = cur*10 + int(r-'0')
			digits++
		case r == '-' || r == '/' || r == '.' || r == '年' || r == '月':
			if digits == 0 {
				return nil, false
			}
			parts = append(parts, cur)
			cur, digits = 0, 0
		default:
			return nil, false
		}
		if len(parts) > 3 {
			return nil, false
		}
	}
	if digits == 0 {
		return nil, false
	}
	parts = append(parts, cur)
	return parts, len(parts) >= 2 && len(parts) <= 3
}

// DateOrderOf decides the order of a/b/yyyy dates for a whole column: if
// any value has a first part above 12 the column is day-first, if any has a
// second part above 12 it is month-first; otherwise it is unknown and the
// caller picks (this package reads such columns day-first and warns).
func DateOrderOf(values []string) DateOrder {
	day, month := false, false
	for _, v := range values {
		p, ok := dateParts(v)
		if !ok || len(p) != 3 || p[0] > 31 || p[2] < 100 {
			continue
		}
		if p[0] > 12 {
			day = true
		}
		if p[1] > 12 {
			month = true
		}
	}
	switch {
	case day && !month:
		return DayFirst
	case month && !day:
		return MonthFirst
	}
	return OrderUnknown
}

// dateSerial reads normalised text that is a number, as an Excel date
// serial would be ("20180418" is not one); the caller checks the range.
func dateSerial(s string) (float64, bool) {
	if len(s) == 8 && allDigits(s) && (s[0] == '1' || s[0] == '2') {
		return 0, false
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || strings.ContainsAny(s, "-/") || math.IsNaN(f) {
		return 0, false
	}
	return f, true
}

// ParseDate reads a date: an Excel serial (as written by Excel, the cell's
// raw value), ISO "2018-04-18", "2018/4/18", "2018.4.18", "2018年4月18日",
// "20180418", "2018-04" (first of the month) and a/b/yyyy in the order the
// column uses (OrderUnknown reads day first). The date is in UTC.
func ParseDate(s string, order DateOrder) (time.Time, bool) {
	s = Normalize(s)
	if s == "" {
		return time.Time{}, false
	}
	if len(s) == 8 && allDigits(s) && (s[0] == '1' || s[0] == '2') {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[4:6])
		d, _ := strconv.Atoi(s[6:])
		return makeDate(y, m, d)
	}
	if f, ok := dateSerial(s); ok {
		// Serials 1..2958465 are 1900-01-01..9999-12-31; a date column of
		// a roster has nothing earlier than 1900 anyway.
		if f < 1 || f >= 2958466 {
			return time.Time{}, false
		}
		days := int(f)
		if days < 61 {
			days++ // before Excel's phantom 1900-02-29
		}
		return excelEpoch.AddDate(0, 0, days), true
	}
	p, ok := dateParts(s)
	if !ok {
		return time.Time{}, false
	}
	switch {
	case p[0] >= 1000: // year first
		if len(p) == 2 {
			return makeDate(p[0], p[1], 1)
		}
		return makeDate(p[0], p[1], p[2])
	case len(p) == 3 && p[2] >= 1000:
		if order == MonthFirst {
			return makeDate(p[2], p[0], p[1])
		}
		return makeDate(p[2], p[1], p[0])
	}
	return time.Time{}, false
}

func makeDate(y, m, d int) (time.Time, bool) {
	if y < 1900 || y > 9999 || m < 1 || m > 12 || d < 1 || d > 31 {
		return time.Time{}, false
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d { // 31 April rolls over
		return time.Time{}, false
	}
	return t, true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// looksNumeric reports whether s is a plain number, as Excel writes numbers.
func looksNumeric(s string) bool {
	_, err := strconv.ParseFloat(s, 64)
	return err == nil
}

// cleanCode tidies an identifier (工号, dept_id): Excel turns "00123"-less
// numbers into 123 or "123.0" in CSV exports, and full-width digits are
// common in hand-typed sheets.
func cleanCode(s string) string {
	s = Normalize(s)
	if strings.HasSuffix(s, ".0") && allDigits(s[:len(s)-2]) {
		s = s[:len(s)-2]
	}
	if strings.ContainsAny(s, "eE") && looksNumeric(s) {
		// 1.2345E+5 from a number cell shown in scientific notation.
		if f, err := strconv.ParseFloat(s, 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1e15 {
			s = strconv.FormatInt(int64(f), 10)
		}
	}
	return strings.ReplaceAll(s, " ", "")
}

// truncate keeps messages short when a cell holds a long text.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n]) + "…"
}
