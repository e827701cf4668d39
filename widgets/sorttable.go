// Package widgets holds reusable Fyne widgets. They know nothing of the
// database: callers hand them plain rows.
package widgets

import (
	"sort"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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

	table *widget.Table
}

// NewSortTable returns an empty table with the given columns.
func NewSortTable(cols []Column) *SortTable {
	t := &SortTable{cols: cols, sortCol: -1}
	t.table = widget.NewTableWithHeaders(
		func() (int, int) { return len(t.shown), len(t.cols) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(id widget.TableCellID, o fyne.CanvasObject) {
			l := o.(*widget.Label)
			if id.Row < len(t.shown) && id.Col < len(t.shown[id.Row].Cells) {
				l.SetText(t.shown[id.Row].Cells[id.Col])
			} else {
				l.SetText("")
			}
			l.Truncation = fyne.TextTruncateEllipsis
			if t.cols[id.Col].Numeric {
				l.Alignment = fyne.TextAlignTrailing
			} else {
				l.Alignment = fyne.TextAlignLeading
			}
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
	t.all = rows
	t.apply()
}

// SetFilter keeps only rows in which every space-separated word of text
// appears in some cell (case-insensitive).
func (t *SortTable) SetFilter(text string) {
	t.filter = strings.ToLower(strings.TrimSpace(text))
	t.apply()
}

// SortBy sorts by column col, reversing the order if it already was.
func (t *SortTable) SortBy(col int) {
	if col == t.sortCol {
		t.desc = !t.desc
	} else {
		t.sortCol, t.desc = col, false
	}
	t.apply()
}

// Shown returns the rows as displayed, after filter and sort.
func (t *SortTable) Shown() []Row { return t.shown }

// SortState returns the sort column (-1 for none) and whether it is reversed.
func (t *SortTable) SortState() (int, bool) { return t.sortCol, t.desc }

func (t *SortTable) apply() {
	words := strings.Fields(t.filter)
	shown := make([]Row, 0, len(t.all))
	for _, r := range t.all {
		if matches(r, words) {
			shown = append(shown, r)
		}
	}
	if c := t.sortCol; c >= 0 && c < len(t.cols) {
		numeric := t.cols[c].Numeric
		sort.SliceStable(shown, func(i, j int) bool {
			a, b := cell(shown[i], c), cell(shown[j], c)
			if t.desc {
				a, b = b, a
			}
			return less(a, b, numeric)
		})
	}
	t.shown = shown
	t.table.UnselectAll()
	t.table.Refresh()
}

func cell(r Row, c int) string {
	if c < len(r.Cells) {
		return r.Cells[c]
	}
	return ""
}

func matches(r Row, words []string) bool {
	for _, w := range words {
		found := false
		for _, c := range r.Cells {
			if strings.Contains(strings.ToLower(c), w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// less orders numbers by value (blank last) and text by Unicode order, which
// for Chinese names keeps equal names together.
func less(a, b string, numeric bool) bool {
	if numeric {
		fa, errA := strconv.ParseFloat(leadingNumber(a), 64)
		fb, errB := strconv.ParseFloat(leadingNumber(b), 64)
		switch {
		case errA == nil && errB == nil:
			return fa < fb
		case errA == nil:
			return true
		case errB == nil:
			return false
		}
	}
	return a < b
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
