package importer

import (
	"errors"
	"io"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

// Limits that hold for every file under the size limits, so that any file
// imports or is refused in bounded memory and time.
const (
	// DefaultMaxCells bounds the cells a workbook or text file may hold,
	// counting each row as wide as its last cell with a value: 16.7
	// million, 160 columns of 100,000 people, about 400 MB in memory at
	// the most. A file with more is refused; the rows of a hostile file
	// (one cell at column XFD on every row, a sheet-wide merge) stop
	// there instead of taking gigabytes.
	DefaultMaxCells = 1 << 24
	// maxRows and maxColumns are Excel's own, for text files too.
	maxRows    = excelize.TotalRows
	maxColumns = excelize.MaxColumns
)

// cellsError: the workbook holds more cells than the limit; the row is
// where the count ran over.
type cellsError struct {
	sheet string
	row   int
	limit int
}

func (e *cellsError) Error() string { return "importer: too many cells" }

// spend takes n cells from the workbook's budget.
func (o *Options) spend(n int, sheet string, row int) error {
	if o.cellsLeft -= n; o.cellsLeft < 0 {
		return &cellsError{sheet, row, o.maxCells}
	}
	return nil
}

// errTableShape: a text file has a row of more than maxColumns fields or
// more than maxRows rows.
var errTableShape = errors.New("importer: table too wide or too long")

// fieldGuard watches a CSV or TSV stream as it is read and fails once a
// line has more than maxColumns separators outside quotes: encoding/csv
// would otherwise build the whole record (200 MB of commas is 200 million
// fields) before returning it.
type fieldGuard struct {
	r      io.Reader
	sep    byte
	quoted bool
	fields int
}

func (g *fieldGuard) Read(b []byte) (int, error) {
	n, err := g.r.Read(b)
	for _, c := range b[:n] {
		switch {
		case c == '"':
			g.quoted = !g.quoted
		case g.quoted:
		case c == '\n':
			g.fields = 0
		case c == g.sep:
			if g.fields++; g.fields >= maxColumns {
				return n, errTableShape
			}
		}
	}
	return n, err
}

// Text limits: the longest text a field takes, in characters. A note may
// be long; a name, title, code or unit is short. Longer cells are errors
// naming the cell, and nothing is imported.
const (
	maxFieldRunes = model.MaxNameRunes
	maxPathRunes  = 1000 // a unit column may hold a whole path
	maxNoteRunes  = 4000
)

func maxRunes(f Field) int {
	switch f {
	case FieldNote:
		return maxNoteRunes
	case FieldDept, FieldDeptPath:
		return maxPathRunes
	}
	return maxFieldRunes
}

// checkTextLengths refuses cells of mapped columns whose text is longer
// than their field takes. The cells are left as they are: the workbook
// outlives the preview (the user may change the mapping and prepare
// again), and a cut text would then pass.
func checkTextLengths(p *Preview, sheets []*Sheet) {
	for _, s := range sheets {
		// A mapping may name columns the header row has no text for.
		for i := range max(len(s.Columns), len(s.Mapping)) {
			f := s.Mapping.Field(i)
			if f == FieldIgnore || f == FieldPersonal {
				continue
			}
			limit := maxRunes(f)
			for r := s.HeaderRow + 1; r < len(s.Rows); r++ {
				row := s.Rows[r]
				if i >= len(row) || len(row[i]) <= limit {
					continue // at most limit bytes: at most limit characters
				}
				n := utf8.RuneCountInString(row[i])
				if n <= limit || bannerRow(row) {
					continue // a page's signature line is not read
				}
				header := ColumnName(i)
				if i < len(s.Columns) && s.Columns[i].Header != "" {
					header = s.Columns[i].Header
				}
				p.Errors = append(p.Errors, cellProblem(KeyTextTooLong, s.Name, r+1, i, header, firstRunes(row[i], 40)+"…",
					"the text in column {{.column}} is {{.length}} characters long; it may have at most {{.limit}}.", "length", n, "limit", limit))
			}
		}
	}
}

// firstRunes is the first n characters of s.
func firstRunes(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}
