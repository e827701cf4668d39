package importer

import (
	"strings"
	"time"
)

// Shape is the kind of personal data a value looks like.
type Shape string

// Shapes of personal data recognised in values, whatever the column's
// heading says.
const (
	ShapeNone     Shape = ""
	ShapeIDCard   Shape = "id_card"   // 18-digit resident ID with a valid check digit, or a 15-digit old one
	ShapeMobile   Shape = "mobile"    // mainland mobile number, 1[3-9] and 9 digits, optionally +86
	ShapeBankCard Shape = "bank_card" // 13–19 digits passing the Luhn check
	ShapeEmail    Shape = "email"
)

// PersonalShape says whether v looks like personal data and which kind.
// Spaces and dashes inside numbers are ignored ("138 0013 8000").
func PersonalShape(v string) Shape {
	if !mayBePersonal(v) {
		return ShapeNone
	}
	v = Normalize(v)
	if len(v) < 5 || len(v) > 80 {
		return ShapeNone
	}
	if isEmail(v) {
		return ShapeEmail
	}
	d := strings.Map(func(r rune) rune {
		switch r {
		case ' ', '-':
			return -1
		}
		return r
	}, v)
	if strings.HasPrefix(d, "+86") {
		if isMobile(d[3:]) {
			return ShapeMobile
		}
		return ShapeNone
	}
	switch {
	case isResidentID(d):
		return ShapeIDCard
	case isMobile(d):
		return ShapeMobile
	case isBankCard(d):
		return ShapeBankCard
	}
	return ShapeNone
}

// mayBePersonal is a cheap first test for PersonalShape, run on every
// cell: personal shapes start with a digit or "+" (or a full-width digit,
// or spaces before one) unless they are e-mail addresses.
func mayBePersonal(v string) bool {
	if len(v) < 5 || len(v) > 240 {
		return false
	}
	switch c := v[0]; {
	case c >= '0' && c <= '9', c == '+', c == ' ', c == '\t', c == 0xEF, c == 0xE3, c == 0xC2:
		return true
	}
	return strings.IndexByte(v, '@') > 0
}

// isMobile matches 1[3-9]\d{9}.
func isMobile(d string) bool {
	return len(d) == 11 && allDigits(d) && d[0] == '1' && d[1] >= '3' && d[1] <= '9'
}

// idWeights and idCheck are GB 11643-1999's check digit: the weighted sum
// of the first 17 digits mod 11 indexes the check character.
var idWeights = [17]int{7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2}

const idCheck = "10X98765432"

// isResidentID matches an 18-digit resident ID with a valid birth date and
// check digit, or a 15-digit old ID (no check digit) with a valid date.
func isResidentID(d string) bool {
	switch len(d) {
	case 18:
		if !allDigits(d[:17]) {
			return false
		}
		last := d[17]
		if last == 'x' {
			last = 'X'
		}
		sum := 0
		for i := 0; i < 17; i++ {
			sum += int(d[i]-'0') * idWeights[i]
		}
		if idCheck[sum%11] != last {
			return false
		}
		return validBirth(d[6:10], d[10:12], d[12:14])
	case 15:
		return allDigits(d) && d[0] != '0' && validBirth("19"+d[6:8], d[8:10], d[10:12])
	}
	return false
}

func validBirth(y, m, d string) bool {
	t, err := time.Parse("20060102", y+m+d)
	return err == nil && t.Year() >= 1900 && t.Year() <= 2100
}

// isBankCard matches 13–19 digits passing the Luhn check.
func isBankCard(d string) bool {
	if len(d) < 13 || len(d) > 19 || !allDigits(d) {
		return false
	}
	return luhn(d)
}

func luhn(d string) bool {
	sum := 0
	double := false
	for i := len(d) - 1; i >= 0; i-- {
		n := int(d[i] - '0')
		if double {
			n *= 2
			if n > 9 {
				n -= 9
			}
		}
		sum += n
		double = !double
	}
	return sum%10 == 0
}

// isEmail matches local@domain.tld without spaces.
func isEmail(v string) bool {
	at := strings.IndexByte(v, '@')
	if at <= 0 || at != strings.LastIndexByte(v, '@') || strings.ContainsAny(v, " ,;<>()") {
		return false
	}
	dom := v[at+1:]
	dot := strings.LastIndexByte(dom, '.')
	return dot > 0 && dot < len(dom)-2
}

// longDigits reports whether v is a run of 13–19 digits: a bank card's
// length, and the length of some systems' employee or record numbers.
func longDigits(v string) bool {
	v = Normalize(v)
	return len(v) >= 13 && len(v) <= 19 && allDigits(v)
}

// shapeChecked are the fields whose values are stored as text; a value
// shaped like personal data is never stored in one of them.
var shapeChecked = map[Field]bool{
	FieldName: true, FieldEmpNo: true, FieldDept: true, FieldDeptPath: true, FieldDept1: true, FieldDept2: true,
	FieldDept3: true, FieldDept4: true, FieldDept5: true, FieldDept6: true, FieldDept7: true, FieldDept8: true, FieldDept9: true,
	FieldDeptID: true, FieldParentID: true, FieldParentDept: true, FieldPosition: true, FieldPositionCode: true,
	FieldReportsTo: true, FieldGrade: true, FieldNote: true, FieldHead: true, FieldStatus: true, FieldEmployment: true,
	FieldFamilyName: true, FieldGivenName: true,
}

// screenPersonal returns s with personal data taken out, for one
// preview: a column most of whose values are shaped like personal data
// is mapped as personal; single such values elsewhere are blanked, each
// with a warning naming the cell. s itself is not changed, so the
// caller's mapping and a second preview see the file as it is.
func (st *staged) screenPersonal(s *Sheet) *Sheet {
	c := *s
	c.Mapping = append(Mapping(nil), s.Mapping...)
	c.Rows = s.Rows
	copied := false
	for col, f := range c.Mapping {
		if !shapeChecked[f] {
			continue
		}
		n, shaped, long, longShaped := 0, 0, 0, 0
		for _, row := range s.Rows[s.HeaderRow+1:] {
			if col >= len(row) || row[col] == "" {
				continue
			}
			v := row[col]
			if !mayBePersonal(v) {
				n++
				continue
			}
			if v = Normalize(v); v == "" {
				continue
			}
			n++
			sh := PersonalShape(v)
			if sh != ShapeNone {
				shaped++
			}
			if longDigits(v) {
				long++
				if sh == ShapeBankCard {
					longShaped++
				}
			}
		}
		if n == 0 || shaped == 0 {
			continue
		}
		if 2*shaped > n {
			c.Mapping[col] = FieldPersonal
			st.warn(problem(KeyPersonalColumn, "{{.sheet}}: column {{.col}} ({{.column}}) holds personal data (ID, phone, bank card or e-mail numbers) and is not imported.",
				"sheet", s.Name, "col", ColumnName(col), "column", headerOf(s, col)))
			st.personalCols = append(st.personalCols, IgnoredColumn{Sheet: s.Name, Column: ColumnName(col), Header: headerOf(s, col), Personal: true})
			continue
		}
		// In a column of long numbers (record numbers), one in ten passes
		// the Luhn check by chance: those are not bank cards.
		luhnByChance := 2*long > n && 2*longShaped <= long
		for i := s.HeaderRow + 1; i < len(s.Rows); i++ {
			row := s.Rows[i]
			if col >= len(row) {
				continue
			}
			sh := PersonalShape(row[col])
			if sh == ShapeNone || (sh == ShapeBankCard && luhnByChance) {
				continue
			}
			if !copied {
				c.Rows = append([][]string(nil), s.Rows...)
				copied = true
			}
			row = append([]string(nil), c.Rows[i]...)
			row[col] = ""
			c.Rows[i] = row
			st.warn(cellProblem(KeyPersonalValue+"."+string(sh), s.Name, i+1, col, headerOf(s, col), "",
				"{{.column}} holds "+shapeText[sh]+"; the value was not imported."))
			st.skip(Skip{Sheet: s.Name, Row: i + 1, Column: ColumnName(col), Key: KeySkipPersonal, Reason: "personal data: " + string(sh)})
		}
	}
	return &c
}

// shapeText names a shape in the English fallback text.
var shapeText = map[Shape]string{
	ShapeIDCard: "an ID card number", ShapeMobile: "a mobile phone number", ShapeBankCard: "a bank card number", ShapeEmail: "an e-mail address",
}

func headerOf(s *Sheet, col int) string {
	if col >= 0 && col < len(s.Columns) {
		return s.Columns[col].Header
	}
	return ""
}
