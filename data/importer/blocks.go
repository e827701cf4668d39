package importer

import "strings"

// splitRepeatedHeadings cuts a people sheet laid out for printing, whose
// headings come again further down in another column order (工号 and 姓名
// swapped on the next page, as payroll ledgers and rosters printed page by
// page have), into one sheet per block, each read with its own headings.
// Headings repeated in the same order need no cut: those rows are skipped
// as repeats. A sheet without a header row (the user said so) has nothing
// to repeat. Row numbers stay those of the file.
func splitRepeatedHeadings(s *Sheet) []*Sheet {
	want := fieldSet(s.Mapping)
	if len(want) < 2 || s.HeaderRow < 0 || s.HeaderRow >= len(s.Rows) {
		return []*Sheet{s}
	}
	// Headings are known by their text before the row is read as
	// headings: most rows hold no heading in any column read, and a
	// 100,000-row roster must not pay for matching each of its cells.
	headings := map[string]bool{}
	for i, c := range s.Rows[s.HeaderRow] {
		if f := s.Mapping.Field(i); f != FieldIgnore && f != FieldPersonal && c != "" {
			headings[c] = true
		}
	}
	var out []*Sheet
	cur := s
	for i := s.HeaderRow + 1; i < len(s.Rows) && len(out) < 64; i++ {
		if !holdsHeading(s.Rows[i], cur.Mapping, headings) {
			continue
		}
		cols := detectColumns(s.Rows[i])
		m := MappingOf(cols)
		if !sameSet(fieldSet(m), want) || sameOrder(m, cur.Mapping) {
			continue
		}
		refineMapping(m, cols)
		// Headings on several rows (a group row above the names): the
		// rows above that hold the same headings in the columns read are
		// the new block's too, not people of the last one.
		k := i
		for k-1 > cur.HeaderRow && sameHeadings(s.Rows[k-1], s.Rows[i], m) {
			k--
		}
		head := *cur
		head.Rows = s.Rows[:k]
		out = append(out, &head)
		next := *s
		next.HeaderRow, next.Columns, next.Mapping = i, cols, m
		cur = &next
	}
	if out == nil {
		return []*Sheet{s}
	}
	return append(out, cur)
}

// holdsHeading reports whether a column the mapping reads holds one of the
// headings.
func holdsHeading(row []string, m Mapping, headings map[string]bool) bool {
	for i, f := range m {
		if f != FieldIgnore && f != FieldPersonal && i < len(row) && row[i] != "" && headings[row[i]] {
			return true
		}
	}
	return false
}

// fieldSet is the set of fields a mapping reads, personal columns and
// ignored ones left out.
func fieldSet(m Mapping) map[Field]bool {
	set := map[Field]bool{}
	for _, f := range m {
		if f != FieldIgnore && f != FieldPersonal {
			set[f] = true
		}
	}
	return set
}

func sameSet(a, b map[Field]bool) bool {
	if len(a) != len(b) {
		return false
	}
	for f := range a {
		if !b[f] {
			return false
		}
	}
	return true
}

// sameOrder reports whether two mappings put each field they read in the
// same column.
func sameOrder(a, b Mapping) bool {
	for i, f := range a {
		if f != FieldIgnore && f != FieldPersonal && b.Field(i) != f {
			return false
		}
	}
	return true
}

// sameHeadings reports whether row holds the headings of header in the
// columns of the person's key (工号, name): no person's row does.
func sameHeadings(row, header []string, m Mapping) bool {
	same := 0
	for i, f := range m {
		switch f {
		case FieldEmpNo, FieldName, FieldFamilyName, FieldGivenName:
		default:
			continue
		}
		if i >= len(header) || header[i] == "" || i >= len(row) || row[i] != header[i] {
			return false
		}
		same++
	}
	return same > 0
}

// bannerRow reports whether a row is one text across the table, a page
// title or a signature line merged over the columns (and so filled into
// each of them), or two such texts side by side (a signature line and
// its date, "单位：" and "日期：…"), rather than a record.
func bannerRow(row []string) bool {
	if labelRow(row) {
		return true
	}
	var v [2]string
	var n [2]int
	for _, c := range row {
		switch {
		case c == "":
		case n[0] == 0 || c == v[0]:
			v[0] = c
			n[0]++
		case n[1] == 0 || c == v[1]:
			v[1] = c
			n[1]++
		default:
			return false
		}
	}
	if n[1] == 0 {
		return n[0] >= 3
	}
	return n[0] >= 2 && n[1] >= 2 && n[0]+n[1] >= 4
}

// labelRow reports whether every text of a row is a label and its value,
// "单位：", "日期：2025 年 10 月", "单位：元、工、日": the line under a
// printed page's title, not a record. The first text decides most rows.
func labelRow(row []string) bool {
	n := 0
	for _, c := range row {
		if c == "" {
			continue
		}
		i := strings.IndexAny(c, ":：")
		if i <= 0 || i > 24 || strings.ContainsAny(c[:i], "0123456789") {
			return false
		}
		n++
	}
	return n >= 2
}
