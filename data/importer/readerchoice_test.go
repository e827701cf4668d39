package importer

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

// readersUsed reads path with Read and reports which reader read each
// sheet, by the "sheet.fast" and "sheet.excelize" hooks.
func readersUsed(t *testing.T, path string, o *Options) (*Workbook, map[string]string) {
	t.Helper()
	used := map[string]string{}
	testHook = func(point, sheet string, _ int) {
		if r, ok := strings.CutPrefix(point, "sheet."); ok {
			used[sheet] = r
		}
	}
	defer func() { testHook = nil }()
	w, err := Read(context.Background(), path, o)
	if err != nil {
		t.Fatal(err)
	}
	return w, used
}

// bigSheet is a worksheet of n rows of three cells, with extra XML
// (such as a comment) after row at; some 50 bytes a row.
func bigSheet(n, at int, extra string) string {
	var b strings.Builder
	b.WriteString(sheetHead)
	for r := 1; r <= n; r++ {
		s := strconv.Itoa(r)
		b.WriteString(`<row r="` + s + `"><c r="A` + s + `" t="s"><v>` + strconv.Itoa(r%6) + `</v></c><c r="B` + s + `"><v>` + s + `</v></c></row>`)
		if r == at {
			b.WriteString(extra)
		}
	}
	b.WriteString(sheetTail)
	return b.String()
}

// TestReaderChoiceBySize: a sheet whose XML is under fastSheetBytes is
// read by excelize, a larger one by the fast reader, each sheet of a
// workbook by its own size, and the result is excelize's either way.
func TestReaderChoiceBySize(t *testing.T) {
	if testing.Short() {
		t.Skip("large sheets")
	}
	small := bigSheet(100, 0, "")
	big := bigSheet(fastSheetBytes/40, 0, "")
	if len(small) >= fastSheetBytes || len(big) < fastSheetBytes {
		t.Fatalf("sizes %d and %d do not straddle %d", len(small), len(big), fastSheetBytes)
	}
	path := writeParts(t, tempPath(t, "mixed.xlsx"), testSST, small, big, small)
	w, used := readersUsed(t, path, nil)
	want := map[string]string{"表1": "excelize", "表2": "fast", "表3": "excelize"}
	for s, r := range want {
		if used[s] != r {
			t.Errorf("sheet %s read by %q, want %s (all: %v)", s, used[s], r, used)
		}
	}
	slow := mustRead(t, path, &Options{slowOnly: true})
	if d := sameSheets(w, slow, true); d != "" {
		t.Fatalf("differs from excelize: %s", d)
	}
	// The tests' option takes every sheet through the fast reader.
	if _, used := readersUsed(t, path, &Options{fastAlways: true}); used["表1"] != "fast" || used["表3"] != "fast" {
		t.Errorf("fastAlways: %v", used)
	}
}

// TestLargeSheetDeclined: a large sheet the fast reader gives up on
// halfway (a comment, which it leaves to excelize) is read again by
// excelize alone: the rows the fast reader had taken are dropped and not
// counted against the cell budget twice.
func TestLargeSheetDeclined(t *testing.T) {
	if testing.Short() {
		t.Skip("large sheet")
	}
	n := fastSheetBytes / 40
	path := writeParts(t, tempPath(t, "declined.xlsx"), testSST, bigSheet(n, n-10, "<!-- a comment -->"))
	// Exactly the sheet's cells: two a row, and one for each row of the
	// merge A3:A4.
	w, used := readersUsed(t, path, &Options{maxCells: 2*n + 2})
	if used["表1"] != "excelize" {
		t.Fatalf("read by %q, want excelize after the fast reader declined", used["表1"])
	}
	rows := w.Sheets[0].Rows
	if len(rows) != n || rows[n-1][1] != strconv.Itoa(n) || rows[5][0] != "工号" {
		t.Fatalf("%d rows, last %v", len(rows), rows[len(rows)-1])
	}
}
