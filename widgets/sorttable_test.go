package widgets

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func names(rows []Row) []string {
	var out []string
	for _, r := range rows {
		out = append(out, r.Cells[0])
	}
	return out
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func newTable() *SortTable {
	t := NewSortTable([]Column{{Title: "姓名"}, {Title: "FTE", Numeric: true}})
	t.SetRows([]Row{
		{Key: 1, Cells: []string{"乙", "10"}},
		{Key: 2, Cells: []string{"甲", "9"}},
		{Key: 3, Cells: []string{"丙", ""}},
		{Key: 4, Cells: []string{"Anna", "0.5"}},
	})
	return t
}

func TestSortTableSortsNumbersByValue(t *testing.T) {
	tb := newTable()
	tb.SortBy(1)
	if got := names(tb.Shown()); !equal(got, []string{"Anna", "甲", "乙", "丙"}) {
		t.Errorf("ascending by FTE: %v (blank last, 9 before 10)", got)
	}
	tb.SortBy(1)
	if col, desc := tb.SortState(); col != 1 || !desc {
		t.Errorf("second tap should reverse: %d %v", col, desc)
	}
	if got := names(tb.Shown()); got[0] != "丙" && got[0] != "乙" {
		t.Errorf("descending by FTE: %v", got)
	}
	tb.SortBy(0)
	if got := names(tb.Shown()); !equal(got, []string{"Anna", "丙", "乙", "甲"}) {
		t.Errorf("by name: %v", got)
	}
}

func TestSortTableFilterKeepsSortAndSurvivesNewRows(t *testing.T) {
	tb := newTable()
	tb.SortBy(0)
	tb.SetFilter("ANNA")
	if got := names(tb.Shown()); !equal(got, []string{"Anna"}) {
		t.Errorf("case-insensitive filter: %v", got)
	}
	tb.SetFilter("甲 9")
	if got := names(tb.Shown()); !equal(got, []string{"甲"}) {
		t.Errorf("every word must match some cell: %v", got)
	}
	tb.SetRows(append(tb.all, Row{Key: 5, Cells: []string{"甲", "9"}}))
	if n := len(tb.Shown()); n != 2 {
		t.Errorf("new rows go through the filter: %d shown", n)
	}
}

func TestSortTableHeaderTapSortsAndSelectReportsKey(t *testing.T) {
	tb := newTable()
	w := test.NewWindow(tb)
	defer w.Close()
	w.Resize(fyne.NewSize(400, 300))
	header := tb.table.CreateHeader().(*widget.Button)
	tb.table.UpdateHeader(widget.TableCellID{Row: -1, Col: 1}, header)
	test.Tap(header)
	if col, _ := tb.SortState(); col != 1 {
		t.Fatalf("tapping the FTE header sorts by it, got column %d", col)
	}
	tb.table.UpdateHeader(widget.TableCellID{Row: -1, Col: 1}, header)
	if header.Text != "FTE ▲" {
		t.Errorf("header shows %q", header.Text)
	}
	var got any
	tb.OnSelected = func(k any) { got = k }
	tb.table.Select(widget.TableCellID{Row: 0, Col: 0})
	if got != 4 {
		t.Errorf("selected key %v, want 4 (Anna, first by FTE)", got)
	}
}

func TestSortTableRowsFuncBuildsWhenNeeded(t *testing.T) {
	test.NewTempApp(t)
	tab := NewSortTable([]Column{{Title: "姓名"}, {Title: "FTE", Numeric: true}})
	tab.SortBy(1)
	built := 0
	tab.SetRowsFunc(func() []Row {
		built++
		return []Row{{Key: 1, Cells: []string{"乙", "1.5 (over)"}}, {Key: 2, Cells: []string{"甲", "0.5"}}}
	})
	if built != 0 {
		t.Fatalf("rows made %d times before anything needed them", built)
	}
	if got := names(tab.Shown()); !equal(got, []string{"甲", "乙"}) {
		t.Errorf("shown %v, want sorted by FTE", got)
	}
	tab.SetFilter("乙")
	tab.Shown()
	if built != 1 {
		t.Errorf("rows made %d times, want once", built)
	}
	if got := names(tab.Shown()); !equal(got, []string{"乙"}) {
		t.Errorf("filtered %v", got)
	}
}
