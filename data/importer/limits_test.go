package importer

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMergesApplyToCellsThatExist: a merge A1:IV1048576 (and 100,000 of
// them) in a small file fills the cells the sheet has, no further: it
// took 6.7 GB and 18 s.
func TestMergesApplyToCellsThatExist(t *testing.T) {
	rows := `<row r="1"><c r="A1" t="str"><v>部门</v></c><c r="B1" t="str"><v>x</v></c><c r="C1" t="str"><v>y</v></c></row>` +
		`<row r="2"><c r="B2" t="str"><v>b</v></c></row><row r="5"><c r="B5" t="str"><v>e</v></c></row>`
	for _, n := range []int{1, 100000} {
		merges := strings.Repeat(`<mergeCell ref="A1:IV1048576"/>`, n)
		path := writeParts(t, tempPath(t, "m.xlsx"), "", sheetHead+rows+`</sheetData><mergeCells count="1">`+merges+`</mergeCells></worksheet>`)
		for _, slow := range []bool{false, true} {
			start := time.Now()
			w, err := Read(context.Background(), path, &Options{slowOnly: slow, fastAlways: !slow})
			if err != nil {
				t.Fatalf("%d merges, slow=%v: %v", n, slow, err)
			}
			if d := time.Since(start); d > 10*time.Second {
				t.Errorf("%d merges, slow=%v: %v", n, slow, d)
			}
			got := w.Sheets[0].Rows
			if len(got) != 5 || len(got[0]) != 3 || strings.Join(got[1], ",") != "部门,部门,部门" || len(got[2]) != 0 || len(got[3]) != 0 || strings.Join(got[4], ",") != "部门,部门,部门" {
				t.Errorf("%d merges, slow=%v: rows %q", n, slow, got)
			}
		}
	}
}

// TestCellLimit: one cell at column XFD on every row makes each row
// 16,384 cells wide; past the cell limit the file is refused, by either
// reader, naming the row (10,000 such rows took 2.5 GB; 100,000 ran out of
// memory). One such row reads.
func TestCellLimit(t *testing.T) {
	var b strings.Builder
	for r := 1; r <= 200; r++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="XFD%d"><v>%d</v></c></row>`, r, r, r)
	}
	wide := writeParts(t, tempPath(t, "wide.xlsx"), "", sheetHead+b.String()+`</sheetData></worksheet>`)
	one := writeParts(t, tempPath(t, "one.xlsx"), "", sheetHead+`<row r="1"><c r="A1" t="str"><v>工号</v></c><c r="XFD1"><v>1</v></c></row></sheetData></worksheet>`)
	for _, slow := range []bool{false, true} {
		_, err := Read(context.Background(), wide, &Options{slowOnly: slow, fastAlways: !slow, maxCells: 1 << 20})
		if !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "row 65") {
			t.Errorf("slow=%v: err = %v, want too many cells at row 65", slow, err)
		}
		w, err := Read(context.Background(), one, &Options{slowOnly: slow, fastAlways: !slow, maxCells: 1 << 20})
		if err != nil || len(w.Sheets[0].Rows[0]) != 16384 {
			t.Errorf("slow=%v: one wide row: %v", slow, err)
		}
	}
}

// TestTextTableLimits: a CSV row of more columns than Excel has, more rows
// than Excel has, or more cells than the limit, is refused where it passes
// the limit (200 MB of commas was one 25.7 GB allocation).
func TestTextTableLimits(t *testing.T) {
	commas := writeBytes(t, "commas.csv", []byte("工号,姓名\n"+strings.Repeat(",", 40000)+"\n"))
	lines := writeBytes(t, "lines.csv", []byte(strings.Repeat("a\n", maxRows+1)))
	for _, path := range []string{commas, lines} {
		if _, err := Read(context.Background(), path, nil); !errors.Is(err, ErrTooLarge) {
			t.Errorf("%s: err = %v, want too large", filepath.Base(path), err)
		}
	}
	cells := writeBytes(t, "cells.csv", []byte(strings.Repeat("a,b,c,d\n", 1000)))
	if _, err := Read(context.Background(), cells, &Options{maxCells: 3999}); !errors.Is(err, ErrTooLarge) || !strings.Contains(err.Error(), "row 1000") {
		t.Errorf("cells: err = %v", err)
	}
	if _, err := Read(context.Background(), cells, &Options{maxCells: 4000}); err != nil {
		t.Errorf("cells at the limit: %v", err)
	}
	// Quoted separators and line ends are not columns.
	quoted := writeBytes(t, "quoted.csv", []byte("工号,备注\nA1,\""+strings.Repeat(",", 40000)+"\n\"\n"))
	if _, err := Read(context.Background(), quoted, nil); err != nil {
		t.Errorf("quoted commas: %v", err)
	}
}

// TestHugeTextIsRefused: one shared string or inline string of more than
// 4 MB (no cell holds more than 32,767 characters) is refused, by either
// reader: a 1.9 GB shared string took 10 GB and 5 minutes.
func TestHugeTextIsRefused(t *testing.T) {
	big := strings.Repeat("长", (maxToken/3)+10)
	cases := map[string]string{
		"shared": writeParts(t, tempPath(t, "sst.xlsx"), sstOf(`<si><t>`+big+`</t></si>`), sheetHead+`<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`),
		"inline": writeParts(t, tempPath(t, "inline.xlsx"), "", sheetHead+`<row r="1"><c r="A1" t="inlineStr"><is><t>`+big+`</t></is></c></row></sheetData></worksheet>`),
	}
	for name, path := range cases {
		for _, slow := range []bool{false, true} {
			if _, err := Read(context.Background(), path, &Options{slowOnly: slow, fastAlways: !slow}); !errors.Is(err, ErrTooLarge) {
				t.Errorf("%s slow=%v: err = %v, want too large", name, slow, err)
			}
		}
	}
}

// TestLongTextNamesTheCell: a name longer than 200 characters or a note
// longer than 4,000 is an error naming the cell, and nothing is imported
// (a 20-million-character name was stored).
func TestLongTextNamesTheCell(t *testing.T) {
	path := writeXLSX(t, tempPath(t, "long.xlsx"), fixSheet{name: "花名册", rows: [][]any{
		{"工号", "姓名", "部门", "备注"},
		{"E1", strings.Repeat("名", 201), "财务部", ""},
		{"E2", strings.Repeat("名", 200), "财务部", strings.Repeat("注", 4000)},
		{"E3", "丙", "财务部", strings.Repeat("注", 4001)},
	}})
	w := mustRead(t, path, nil)
	// Prepared twice, as after a change of the mapping: the same cells are
	// refused both times.
	for range 2 {
		p, err := Prepare(context.Background(), w, nil, nil)
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, e := range p.Errors {
			if e.Key == KeyTextTooLong {
				got = append(got, fmt.Sprint(e.Args["cell"]))
			}
		}
		if strings.Join(got, ",") != "B2,D4" {
			t.Errorf("text errors at %v, want B2,D4; errors %v", got, p.Errors)
		}
		if _, err := Commit(openStore(t), 0, p, nil); err == nil {
			t.Error("Commit took a preview with too long texts")
		}
	}
}

// TestOldXLSFromLibreOffice: .xls workbooks LibreOffice 7.4 wrote (from
// generated rosters of made-up people, 20 and 400 rows: soffice --headless
// --convert-to xls) are refused with the save-as message, also under an
// .xlsx name: the format is told by the first bytes. The pure-Go readers
// tried (extrame/xls v0.0.1, shakinm/xlsReader v0.9.12) misread or panic
// on the 400-row file's shared strings, which span CONTINUE records.
func TestOldXLSFromLibreOffice(t *testing.T) {
	for _, name := range []string{"libreoffice-roster-small.xls", "libreoffice-roster-400.xls"} {
		b := fileBytes(t, filepath.Join("testdata", name))
		for _, as := range []string{name, "saved-as.xlsx"} {
			_, err := Read(context.Background(), writeBytes(t, as, b), nil)
			if !errors.Is(err, ErrOldXLS) || !strings.Contains(err.Error(), as) || !strings.Contains(err.Error(), "Save As") {
				t.Errorf("%s as %s: err = %v", name, as, err)
			}
		}
	}
}

// TestTextFilesStreamed: a UTF-8 table is checked in chunks and parsed
// from the file; a character cut by a chunk's end, a BOM, GB18030 and
// binary data read as they did when the whole file was decoded at once.
func TestTextFilesStreamed(t *testing.T) {
	var b strings.Builder
	b.WriteString("工号,姓名,部门\n")
	for i := 0; b.Len() < 300<<10; i++ {
		fmt.Fprintf(&b, "E%d,张%d,\"销售部\n华东\"\n", i, i)
	}
	text := b.String()
	want, _, err := ParseTable(text, ".csv")
	if err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string][]byte{"plain.csv": []byte(text), "bom.csv": append([]byte{0xEF, 0xBB, 0xBF}, text...)} {
		w, err := Read(context.Background(), writeBytes(t, name, data), nil)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if got := w.Sheets[0].Rows; fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("%s: %d rows, want %d", name, len(got), len(want))
		}
	}
	gbk := writeGBK(t, tempPath(t, "gbk.csv"), text)
	if w, err := Read(context.Background(), gbk, nil); err != nil || w.Encoding != "GB18030" || fmt.Sprint(w.Sheets[0].Rows) != fmt.Sprint(want) {
		t.Errorf("GB18030: %v", err)
	}
	for name, data := range map[string][]byte{
		"control.csv": []byte(strings.Repeat("a,b\n", 30000) + "\x01"),
		"bombad.csv":  append([]byte{0xEF, 0xBB, 0xBF, 'a', ','}, 0xFF, 0xFE),
		"utf16.csv":   {0xFF, 0xFE, 'a', 0},
	} {
		if _, err := Read(context.Background(), writeBytes(t, name, data), nil); !errors.Is(err, ErrNotSpreadsheet) {
			t.Errorf("%s: err = %v, want not a table", name, err)
		}
	}
}
