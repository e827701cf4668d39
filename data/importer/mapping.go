package importer

import (
	"strings"
)

// FieldNames are the names of fields a user maps columns to (the CLI's
// --map COLUMN=FIELD), in the order they are listed.
var FieldNames = []string{"emp_no", "name", "family_name", "given_name", "unit",
	"unit_level1", "unit_level2", "unit_level3", "unit_level4", "unit_level5", "unit_level6", "unit_level7", "unit_level8", "unit_level9",
	"unit_path", "unit_code", "parent_unit_code", "position", "position_code", "reports_to", "hire_date", "start_date", "leave_date",
	"status", "employment", "grade", "fte", "planned", "filled", "monthly_pay", "note", "ignore"}

var fieldByName = map[string]Field{
	"emp_no": FieldEmpNo, "name": FieldName, "family_name": FieldFamilyName, "given_name": FieldGivenName, "unit": FieldDept,
	"unit_level1": FieldDept1, "unit_level2": FieldDept2, "unit_level3": FieldDept3, "unit_level4": FieldDept4,
	"unit_level5": FieldDept5, "unit_level6": FieldDept6, "unit_level7": FieldDept7, "unit_level8": FieldDept8, "unit_level9": FieldDept9,
	"unit_path": FieldDeptPath, "unit_code": FieldDeptID, "parent_unit_code": FieldParentID, "position": FieldPosition,
	"position_code": FieldPositionCode, "reports_to": FieldReportsTo, "hire_date": FieldHireDate, "start_date": FieldStartDate,
	"leave_date": FieldLeaveDate, "status": FieldStatus, "employment": FieldEmployment, "grade": FieldGrade, "fte": FieldFTE,
	"planned": FieldPlanned, "filled": FieldActual, "monthly_pay": FieldPay, "note": FieldNote, "ignore": FieldIgnore,
}

// FieldByName returns the field a mapping name means ("unit_level2" →
// the second unit level); ok is false for an unknown name.
func FieldByName(name string) (Field, bool) {
	f, ok := fieldByName[strings.ToLower(strings.TrimSpace(name))]
	return f, ok
}

// ColumnMap is one COLUMN=FIELD of a mapping the user gives: Column is a
// column letter (A, B, … AA) or a heading's text.
type ColumnMap struct {
	Column string
	Field  Field
}

// ParseColumnMap reads "COLUMN=FIELD". The last "=" splits, so a heading
// may hold one.
func ParseColumnMap(arg string) (ColumnMap, error) {
	i := strings.LastIndexByte(arg, '=')
	if i <= 0 || strings.TrimSpace(arg[:i]) == "" {
		return ColumnMap{}, problem(KeyMap+".syntax", "--map {{.arg}}: write COLUMN=FIELD, such as B=name or 工号=emp_no.", "arg", arg)
	}
	f, ok := FieldByName(arg[i+1:])
	if !ok {
		return ColumnMap{}, problem(KeyMap+".field", "--map {{.arg}}: {{.field}} is not a field; use one of {{.fields}}.",
			"arg", arg, "field", strings.TrimSpace(arg[i+1:]), "fields", strings.Join(FieldNames, ", "))
	}
	return ColumnMap{Column: strings.TrimSpace(arg[:i]), Field: f}, nil
}

// columnLetters reads a column letter (A … XFD) as a 0-based index.
func columnLetters(s string) (int, bool) {
	if s == "" || len(s) > 3 {
		return 0, false
	}
	n := 0
	for _, r := range strings.ToUpper(s) {
		if r < 'A' || r > 'Z' {
			return 0, false
		}
		n = n*26 + int(r-'A'+1)
	}
	return n - 1, n-1 < 16384
}

// ColumnIndex finds a column of the sheet by its heading (as written, case,
// spacing and punctuation aside) or, failing that, by its letter.
func (s *Sheet) ColumnIndex(ref string) (int, bool) {
	k := punctKey(headerKey(ref))
	if k != "" {
		for i, c := range s.Columns {
			if c.Header != "" && punctKey(headerKey(c.Header)) == k && Normalize(c.Header) == Normalize(ref) {
				return i, true
			}
		}
		for i, c := range s.Columns {
			if c.Header != "" && punctKey(headerKey(c.Header)) == k {
				return i, true
			}
		}
	}
	return columnLetters(strings.TrimSpace(ref))
}

// SetNoHeader says the sheet has no header row: every row is data, the
// columns are known by their letters and mean nothing until mapped.
func (s *Sheet) SetNoHeader() {
	s.HeaderRow = -1
	width := 0
	for _, row := range s.Rows {
		width = max(width, len(row))
	}
	s.Columns = make([]Column, width)
	for i := range s.Columns {
		s.Columns[i] = Column{Index: i}
	}
	s.Mapping = make(Mapping, width)
	s.Kind = KindUnknown
}

// HasColumns reports whether the sheet's columns are settled: a header row
// was found or chosen, or the user said it has none.
func (s *Sheet) HasColumns() bool { return s.HeaderRow >= 0 || s.Columns != nil }

// MapOptions are what the user says about a workbook when detection
// cannot tell (the CLI's --header-row, --map and --kind).
type MapOptions struct {
	// HeaderRow, if set, is the 1-based header row of every sheet read;
	// 0 means the sheets have no header row.
	HeaderRow *int
	// Maps map columns to fields, on every sheet that has the column.
	Maps []ColumnMap
	// Kind, if set, is what the workbook holds; otherwise it is detected
	// again from the sheets as mapped.
	Kind Kind
}

// ApplyMapping applies what the user said to the workbook. A column that
// is on no sheet, or a header row past a sheet's end, is an error naming
// it.
func (w *Workbook) ApplyMapping(o MapOptions) error {
	for _, s := range w.Sheets {
		if o.HeaderRow == nil {
			if len(o.Maps) > 0 && !s.HasColumns() && len(s.Rows) > 0 {
				s.SetHeaderRow(0) // headings nobody knows: the first row's
			}
			continue
		}
		switch n := *o.HeaderRow; {
		case n < 0:
			return problem(KeyMap+".header_row", "--header-row {{.row}}: give the row number of the headings, or 0 for none.", "row", n)
		case n == 0:
			s.SetNoHeader()
		case n > len(s.Rows):
			return problem(KeyMap+".header_row_past", "--header-row {{.row}}: sheet {{.sheet}} of {{.file}} has {{.rows}} rows.",
				"row", n, "sheet", s.Name, "file", w.Name, "rows", len(s.Rows))
		default:
			s.SetHeaderRow(n - 1)
		}
	}
	for _, cm := range o.Maps {
		found := false
		for _, s := range w.Sheets {
			if !s.HasColumns() {
				continue
			}
			col, ok := s.ColumnIndex(cm.Column)
			if !ok {
				continue
			}
			found = true
			m := append(Mapping(nil), s.Mapping...)
			for len(m) <= col {
				m = append(m, FieldIgnore)
			}
			for len(s.Columns) <= col {
				s.Columns = append(s.Columns, Column{Index: len(s.Columns)})
			}
			if cm.Field != FieldIgnore {
				// One column per field: the one named replaces the one detected.
				for i := range m {
					if m[i] == cm.Field {
						m[i] = FieldIgnore
					}
				}
			}
			m[col] = cm.Field
			s.SetMapping(m)
		}
		if !found {
			return problem(KeyMap+".column", "--map {{.column}}: no sheet of {{.file}} has a column {{.column}} (give a letter such as B, or a heading).",
				"column", cm.Column, "file", w.Name)
		}
	}
	if o.Kind != KindUnknown {
		w.SetKind(o.Kind)
	} else if o.HeaderRow != nil || len(o.Maps) > 0 {
		w.DetectKind()
	}
	return nil
}
