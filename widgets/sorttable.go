// Package widgets holds reusable Fyne widgets. They know nothing of the
// database: callers hand them plain rows.
package widgets

import (
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// Column describes one column of a SortTable.
type Column struct {
	Title string
	Width float32
	// Numeric columns sort by value and align right.
	Numeric bool
}

// Row is one line of a SortTable: its cells and a key handed back on
// selection.
type Row struct {
	Key   any
	Cells []string
}

// SortTable is a table with a header row that sorts by a column when its
// header is tapped (again to reverse) and a filter that keeps rows
// containing every word typed.
type SortTable struct {
	widget.BaseWidget

	// OnSelected is called with the key of the row the user selects.
	OnSelected func(key any)

	cols    []Column
	all     []Row
	shown   []Row
	filter  string
	sortCol int // -1: input order
	desc    bool

	// build makes the rows when they are first needed (SetRowsFunc); nil
	// once they are made.
	build func() []Row
	// hay is each row of all in lower case, its cells joined by a NUL, made
	// on the first filter: lower-casing every cell on every keystroke cost
	// most of a keystroke on a 10,000-person roster.
	hay []string

	table *widget.Table
}

// NewSortTable returns an empty table with the given columns.
func NewSortTable(cols []Column) *SortTable {
	t := &SortTable{cols: cols, sortCol: -1}
	t.table = widget.NewTableWithHeaders(
		// Rows still to be made are not made here: Fyne lays out a table
		// in a hidden tab too. Whoever shows it calls Shown or SetRows.
		func() (int, int) { return len(t.shown), len(t.cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			text := ""
			if id.Row < len(t.shown) && id.Col < len(t.shown[id.Row].Cells) {
				text = t.shown[id.Row].Cells[id.Col]
			}
			align := fyne.TextAlignLeading
			if t.cols[id.Col].Numeric {
				align = fyne.TextAlignTrailing
			}
			trunc := t.truncation(text, id.Col)
			// Setting a label shapes its text again; a cell that shows what
			// it showed is left alone, so a refresh costs the cells that
			// changed.
			if l.Text == text && l.Alignment == align && l.Truncation == trunc {
				return
			}
			l.Truncation = trunc
			l.Alignment = align
			l.SetText(text)
		})
	t.table.ShowHeaderColumn = false
	t.table.CreateHeader = func() fyne.CanvasObject {
		return widget.NewButton("", nil)
	}
	t.table.UpdateHeader = func(id widget.TableCellID, o fyne.CanvasObject) {
		b := o.(*widget.Button)
		if id.Col < 0 || id.Col >= len(t.cols) {
			b.SetText("")
			b.OnTapped = nil
			return
		}
		title := t.cols[id.Col].Title
		if id.Col == t.sortCol {
			if t.desc {
				title += " ▼"
			} else {
				title += " ▲"
			}
		}
		b.SetText(title)
		col := id.Col
		b.OnTapped = func() { t.SortBy(col) }
	}
	t.table.OnSelected = func(id widget.TableCellID) {
		if id.Row >= 0 && id.Row < len(t.shown) && t.OnSelected != nil {
			t.OnSelected(t.shown[id.Row].Key)
		}
	}
	for i, c := range cols {
		if c.Width > 0 {
			t.table.SetColumnWidth(i, c.Width)
		}
	}
	t.ExtendBaseWidget(t)
	return t
}

// SetRows replaces the data, keeping the sort column and the filter.
func (t *SortTable) SetRows(rows []Row) {
	t.build = nil
	t.all, t.hay = rows, nil
	t.apply()
}

// SetRowsFunc replaces the data with the rows build makes, made when they
// are first needed: when the table is drawn, filtered, sorted or read. A
// pane that is not on screen so costs nothing until it is shown.
func (t *SortTable) SetRowsFunc(build func() []Row) {
	t.build = build
	t.all, t.hay, t.shown = nil, nil, nil
}

// truncation is how a cell's text is cut: with an ellipsis only when it is
// wider than the column. Fyne finds where to cut with a text shaper made
// afresh for each label on each refresh (a sort redrew every visible cell
// that way), while the width of a text is measured once and remembered.
func (t *SortTable) truncation(text string, col int) fyne.TextTruncation {
	w := t.cols[col].Width
	if w <= 0 || text == "" {
		return fyne.TextTruncateEllipsis
	}
	need := fyne.MeasureText(text, theme.TextSize(), fyne.TextStyle{}).Width + 2*theme.InnerPadding() + 2
	if need <= w {
		return fyne.TextTruncateOff
	}
	return fyne.TextTruncateEllipsis
}

// Pending reports whether rows set by SetRowsFunc are still to be made.
func (t *SortTable) Pending() bool { return t.build != nil }

// ensure makes the rows SetRowsFunc asked for.
func (t *SortTable) ensure() {
	if b := t.build; b != nil {
		t.build = nil
		t.all, t.hay = b(), nil
		t.filterAndSort()
	}
}

// SetFilter keeps only rows in which every space-separated word of text
// appears in some cell (case-insensitive).
func (t *SortTable) SetFilter(text string) {
	t.filter = strings.ToLower(strings.TrimSpace(text))
	t.ensure()
	t.apply()
}

// SortBy sorts by column col, reversing the order if it already was.
func (t *SortTable) SortBy(col int) {
	if col == t.sortCol {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, false
	}
	t.ensure()
	t.apply()
}

// Shown returns the rows as displayed, after filter and sort.
func (t *SortTable) Shown() []Row {
	t.ensure()
	return t.shown
}

// SortState returns the sort column (-1 for none) and whether it is reversed.
func (t *SortTable) SortState() (int, bool) { return t.sortCol, t.desc }

func (t *SortTable) apply() {
	if t.build != nil {
		return // made, filtered and sorted when first needed
	}
	t.filterAndSort()
	t.table.UnselectAll()
	t.table.Refresh()
}

// filterAndSort sets shown from all.
func (t *SortTable) filterAndSort() {
	words := strings.Fields(t.filter)
	shown := make([]Row, 0, len(t.all))
	if len(words) == 0 {
		shown = append(shown, t.all...)
	} else {
		if t.hay == nil {
			t.hay = make([]string, len(t.all))
			for i, r := range t.all {
				t.hay[i] = strings.ToLower(strings.Join(r.Cells, "\x00"))
			}
		}
		for i, r := range t.all {
			if matchesHay(t.hay[i], words) {
				shown = append(shown, r)
			}
		}
	}
	if c := t.sortCol; c >= 0 && c < len(t.cols) {
		t.sortRows(shown, c)
	}
	t.shown = shown
}

// sortRows sorts rows by column c, stably. The numbers of a numeric column
// are read once, not at each of the n log n comparisons.
func (t *SortTable) sortRows(rows []Row, c int) {
	type keyed struct {
		row Row
		num float64
		ok  bool // num was read
	}
	ks := make([]keyed, len(rows))
	numeric := t.cols[c].Numeric
	for i, r := range rows {
		ks[i].row = r
		if numeric {
			f, err := strconv.ParseFloat(leadingNumber(cell(r, c)), 64)
			ks[i].num, ks[i].ok = f, err == nil
		}
	}
	// Numbers by value (blank last), text by Unicode order, which for
	// Chinese names keeps equal names together.
	lessK := func(a, b *keyed) bool {
		if numeric && (a.ok || b.ok) {
			switch {
			case a.ok && b.ok:
				return a.num < b.num
			case a.ok:
				return true
			}
			return false
		}
		return cell(a.row, c) < cell(b.row, c)
	}
	sort.SliceStable(ks, func(i, j int) bool {
		if t.desc {
			return lessK(&ks[j], &ks[i])
		}
		return lessK(&ks[i], &ks[j])
	})
	for i := range ks {
		rows[i] = ks[i].row
	}
}

func cell(r Row, c int) string {
	if c < len(r.Cells) {
		return r.Cells[c]
	}
	return ""
}

// matchesHay reports whether every word is in some cell of a row's hay.
// Words hold no NUL, so none matches across two cells.
func matchesHay(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return true
}

// leadingNumber is the number a numeric cell starts with, so a flagged
// figure ("1.5 (over 100 %)") sorts by its value.
func leadingNumber(s string) string {
	if i := strings.IndexByte(s, ' '); i > 0 {
		return s[:i]
	}
	return s
}

// CreateRenderer implements fyne.Widget.
func (t *SortTable) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(t.table))
}
