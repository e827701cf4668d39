package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"

	"staffplan/data/importer/internal/xlsxfast"
)

// readBoth reads a workbook with the fast reader alone and with excelize
// alone. fast is nil when the fast reader declined (errSlowPath).
func readBoth(t testing.TB, path string) (fast, slow *Workbook, slowErr error) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	fi, _ := f.Stat()
	o := (&Options{}).withDefaults()
	if zr, err := zip.NewReader(f, fi.Size()); err == nil {
		w := &Workbook{Path: path}
		err := readXLSXFast(context.Background(), w, zr, &o)
		switch {
		case err == nil:
			fast = w
		case !errors.Is(err, errSlowPath):
			t.Fatalf("fast reader: %v", err)
		}
	}
	o.slowOnly = true
	slow = &Workbook{Path: path}
	slowErr = readXLSX(context.Background(), slow, f, fi.Size(), &o)
	return fast, slow, slowErr
}

// readXLSXFast reads every sheet with the fast reader alone, whatever its
// size; errSlowPath when it declines the workbook or any sheet.
func readXLSXFast(ctx context.Context, w *Workbook, zr *zip.Reader, o *Options) error {
	book, err := xlsxfast.Open(zr, xlsxfast.Options{MaxUnzipSize: o.MaxUnzipSize})
	switch {
	case errors.Is(err, errSlowPath):
		return err
	case err != nil:
		return partProblem(err, filepath.Base(w.Path))
	}
	return readXLSXBook(ctx, w, nil, zr, book, o, true)
}

// sameSheets compares what both readers made of a workbook: sheet names,
// every row's cells (an empty row may be nil or empty) and merged ranges.
func sameSheets(a, b *Workbook, merges bool) string {
	if len(a.Sheets) != len(b.Sheets) {
		return "sheet count differs"
	}
	for i := range a.Sheets {
		sa, sb := a.Sheets[i], b.Sheets[i]
		if sa.Name != sb.Name {
			return "sheet name " + sa.Name + " vs " + sb.Name
		}
		if len(sa.Rows) != len(sb.Rows) {
			return sa.Name + ": row count differs"
		}
		for r := range sa.Rows {
			if len(sa.Rows[r]) == 0 && len(sb.Rows[r]) == 0 {
				continue
			}
			if !reflect.DeepEqual(sa.Rows[r], sb.Rows[r]) {
				return sa.Name + ": row " + strings.Join(sa.Rows[r], "|") + " vs " + strings.Join(sb.Rows[r], "|")
			}
		}
		if merges && !reflect.DeepEqual(sa.Merges, sb.Merges) {
			return sa.Name + ": merges differ"
		}
	}
	return ""
}

// checkFastReader requires the fast reader to take a workbook excelize
// wrote and to read it exactly as excelize does. writeXLSX calls it, so
// every generated fixture is a case.
func checkFastReader(t testing.TB, path string) {
	t.Helper()
	fast, slow, err := readBoth(t, path)
	if err != nil {
		t.Fatalf("excelize: %v", err)
	}
	if fast == nil {
		t.Fatalf("%s: the fast reader declined a workbook excelize wrote", filepath.Base(path))
	}
	if d := sameSheets(fast, slow, true); d != "" {
		t.Fatalf("%s: fast reader differs from excelize: %s", filepath.Base(path), d)
	}
}

// writeParts writes a minimal workbook: one sheet (or several) and an
// optional shared string table, as raw XML.
func writeParts(t testing.TB, path string, sst string, sheets ...string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, body string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(body))
	}
	ct := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>`
	for i := range sheets {
		ct += `<Override PartName="/xl/worksheets/sheet` + strconv.Itoa(i+1) + `.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`
	}
	if sst != "" {
		ct += `<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`
	}
	add("[Content_Types].xml", ct+`</Types>`)
	add("_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	wb := `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`
	rels := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`
	for i := range sheets {
		n := strconv.Itoa(i + 1)
		wb += `<sheet name="表` + n + `" sheetId="` + n + `" r:id="rId` + n + `"/>`
		rels += `<Relationship Id="rId` + n + `" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet` + n + `.xml"/>`
	}
	if sst != "" {
		rels += `<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>`
	}
	add("xl/workbook.xml", wb+`</sheets></workbook>`)
	add("xl/_rels/workbook.xml.rels", rels+`</Relationships>`)
	for i, s := range sheets {
		add("xl/worksheets/sheet"+strconv.Itoa(i+1)+".xml", s)
	}
	if sst != "" {
		add("xl/sharedStrings.xml", sst)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const sheetHead = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><dimension ref="A1:D4"/><sheetData>`

const sheetTail = `</sheetData><mergeCells count="1"><mergeCell ref="A3:A4"/></mergeCells></worksheet>`

const testSST = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` +
	`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="6" uniqueCount="6">` +
	`<si><t>工号</t></si>` +
	`<si><t xml:space="preserve"> 姓名 </t></si>` +
	`<si><r><rPr><b/><sz val="11"/></rPr><t>行政</t></r><r><t>人事部</t></r></si>` +
	`<si><t>张三</t><rPh sb="0" eb="1"><t>ちょう</t></rPh><phoneticPr fontId="1"/></si>` +
	`<si><t>a&amp;b &lt;c&gt; &#x4E00;&#19968;_x000D_x_x005F_y</t></si>` +
	`<si><t><![CDATA[<raw & text>]]></t></si>` +
	`</sst>`

// TestFastReaderMatchesExcelize reads hand-written worksheets with the
// constructs real files carry, and some they should not, with both
// readers.
func TestFastReaderMatchesExcelize(t *testing.T) {
	cases := map[string]struct {
		sheet string
		fast  bool // the fast reader must take it
	}{
		"shared strings, rich text, phonetic runs, escapes": {sheetHead +
			`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>` +
			`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2" t="s"><v> 3 </v></c><c r="D2" t="s"><v>4</v></c></row>` +
			`<row r="3"><c r="A3" t="s"><v>5</v></c><c r="B3" t="s"><v>99</v></c><c r="C3" t="s"><v>x</v></c></row>` +
			sheetTail, true},
		"numbers, booleans, errors, dates, formulas, inline strings": {sheetHead +
			`<row r="1"><c r="A1"><v>42</v></c><c r="B1" t="n"><v>3.50</v></c><c r="C1" t="b"><v>1</v></c><c r="D1" t="e"><v>#N/A</v></c></row>` +
			`<row r="2"><c r="A2" t="d"><v>2019-03-01T00:00:00Z</v></c><c r="B2" t="str"><f>A1&amp;"x"</f><v>42x</v></c><c r="C2"><f>1/0</f></c></row>` +
			`<row r="3"><c r="A3" t="inlineStr"><is><t>行内</t></is></c><c r="B3" t="inlineStr"><is><r><t>分</t></r><r><t>段</t></r></is></c><c r="C3" t="inlineStr"><v>v</v></c></row>` +
			sheetTail, true},
		"rows and cells without references, gaps, styles": {sheetHead +
			`<row><c t="s"><v>0</v></c><c/><c><v>7</v></c></row>` +
			`<row r="4" spans="1:3" ht="20" customHeight="1"><c r="C4" s="3"><v>8</v></c><c><v>9</v></c></row>` +
			`<row r="6"/>` +
			sheetTail, true},
		"prefixes, line ends, empty values, self-closing values": {`<?xml version="1.0" encoding="utf-8"?>` +
			`<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			"<x:row x:r=\"1\"><x:c r=\"A1\" t=\"str\"><x:v>line\r\nnext\rend</x:v></x:c><x:c r=\"B1\"><x:v></x:v></x:c><x:c r=\"C1\"><x:v/></x:c></x:row>" +
			`</x:sheetData></x:worksheet>`, true},
		"comment: slow path":          {sheetHead + `<!-- x --><row r="1"><c><v>1</v></c></row>` + sheetTail, false},
		"unknown entity: slow path":   {sheetHead + `<row r="1"><c t="str"><v>&nbsp;</v></c></row>` + sheetTail, false},
		"rows out of order":           {sheetHead + `<row r="3"><c><v>1</v></c></row><row r="2"><c><v>2</v></c></row>` + sheetTail, false},
		"mismatched end tag":          {sheetHead + `<row r="1"><c><v>1</v></c></rw>` + sheetTail, false},
		"bad style number":            {sheetHead + `<row r="1"><c s="x"><v>1</v></c><c><v>2</v></c></row>` + sheetTail, false},
		"lower-case cell reference":   {sheetHead + `<row r="1"><c r="b1"><v>1</v></c></row>` + sheetTail, true},
		"truncated worksheet":         {sheetHead + `<row r="1"><c><v>1</v></c></row><row r="2"><c><v>2`, false},
		"control character in a cell": {sheetHead + "<row r=\"1\"><c t=\"str\"><v>a\x01b</v></c></row>" + sheetTail, false},
	}
	for name, c := range cases {
		t.Run(name, func(t *testing.T) {
			path := writeParts(t, tempPath(t, "case.xlsx"), testSST, c.sheet)
			fast, slow, err := readBoth(t, path)
			if c.fast && fast == nil {
				t.Fatal("the fast reader declined")
			}
			if !c.fast && fast != nil {
				t.Fatal("the fast reader took a workbook it should leave to excelize")
			}
			if fast != nil && err == nil {
				if d := sameSheets(fast, slow, true); d != "" {
					t.Fatalf("differs from excelize: %s\nfast %q\nslow %q", d, fast.Sheets[0].Rows, slow.Sheets[0].Rows)
				}
			}
			// Read gives excelize's result either way.
			w, rerr := Read(context.Background(), path, nil)
			if (rerr == nil) != (err == nil) {
				t.Fatalf("Read error %v, excelize %v", rerr, err)
			}
			if err == nil {
				detectAll(slow)
				if d := sameSheets(w, slow, false); d != "" {
					t.Fatalf("Read differs from excelize: %s", d)
				}
			}
		})
	}
}

// TestFastReaderRows spells out what the fast reader makes of the rich
// cases, so a change that broke both readers the same way would show.
func TestFastReaderRows(t *testing.T) {
	path := writeParts(t, tempPath(t, "rows.xlsx"), testSST, sheetHead+
		`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c></row>`+
		`<row r="2"><c r="A2" t="s"><v>2</v></c><c r="C2" t="s"><v> 3 </v></c><c r="D2" t="s"><v>4</v></c></row>`+
		`<row r="4"><c r="B4" t="s"><v>5</v></c><c r="C4" t="inlineStr"><is><t>行内</t></is></c></row>`+sheetTail)
	fast, _, _ := readBoth(t, path)
	if fast == nil {
		t.Fatal("declined")
	}
	want := [][]string{
		{"工号", " 姓名 "},
		{"行政人事部", "", "张三", "a&b <c> 一一\rx_y"},
		nil,
		{"", "<raw & text>", "行内"},
	}
	got := fast.Sheets[0].Rows
	// A3:A4 is merged, and A3 is empty, so nothing is copied.
	if sameSheets(&Workbook{Sheets: []*Sheet{{Name: "表1", Rows: want}}}, fast, false) != "" {
		t.Fatalf("rows %q, want %q", got, want)
	}
}

// FuzzFastReader feeds worksheets to both readers: whatever the fast
// reader accepts, it must read exactly as excelize does, and find the
// same merged ranges as the scan the excelize path uses.
func FuzzFastReader(f *testing.F) {
	addCorpusSeeds(f)
	f.Add(`<row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1"><v>1.5</v></c></row><row r="3"><c t="inlineStr"><is><r><t>x</t></r></is></c></row>`)
	f.Add(`<row><c><f>1</f></c><c t="str"><v>a&amp;b</v></c></row>`)
	f.Add(`<row r="2"><c r="B2" t="s"><v>3</v></c></row>`)
	f.Add(`<row r="1"><c r="A1" t="b"><v>1</v></c><c r="B1" t="e"><v>#N/A</v></c><c r="C1" t="d"><v>2019-03-01</v></c></row>`)
	f.Add(`<row r="2"><c r="A2" t="str"><f aca="false" si="0">A1</f><v>a` + "\r\n" + `b&#x4E00;_x000D_</v></c><c r="B2" t="inlineStr"><is><t><![CDATA[<x>]]></t><rPh sb="0" eb="1"><t>p</t></rPh></is></c></row>`)
	f.Add(`<row r="1" spans="1:3"><c r="A1" s="2"/><c r="AB1"><v> 1 </v></c></row><row r="5"/>`)
	f.Add(`<row r="1"><c r="A1" t="str"><v>m</v></c></row><row r="2"/></sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><x:mergeCell xmlns:x="u" ref='C1:C&#50;'/></mergeCells><sheetData>`)
	// Self-closing and empty elements, as some writers leave them.
	f.Add(`<row/><row r="2"><c/><c r="B2" t="s"/><c r="C2"><v/></c><c r="D2" t="inlineStr"><is/></c><c r="E2"><f/></c></row><row r="3"><c r="A3" t="inlineStr"><is><t/></is></c></row></sheetData><mergeCells/><sheetData>`)
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, rows string) {
		path := writeParts(t, filepath.Join(dir, "fuzz.xlsx"), testSST, sheetHead+rows+sheetTail)
		fast, slow, err := readBoth(t, path)
		if fast == nil || err != nil {
			return
		}
		if d := sameSheets(fast, slow, true); d != "" {
			t.Fatalf("fast reader differs from excelize: %s\nfast %q %v\nslow %q %v", d, fast.Sheets[0].Rows, fast.Sheets[0].Merges, slow.Sheets[0].Rows, slow.Sheets[0].Merges)
		}
	})
}

// TestFastReaderLibreOffice reads a workbook LibreOffice Calc wrote (made
// from an excelize fixture with made-up people by soffice --convert-to
// xlsx): merges, dates, a formula, a boolean, a hidden sheet, text with
// line breaks and markup characters.
func TestFastReaderLibreOffice(t *testing.T) {
	path := filepath.Join("testdata", "libreoffice-roster.xlsx")
	checkFastReader(t, path)
	w := mustRead(t, path, nil)
	if len(w.Sheets) != 2 {
		t.Fatalf("sheets %d, want 2 (the hidden one left out)", len(w.Sheets))
	}
	rows := w.Sheets[0].Rows
	if got := rows[2][8]; got != "兼 A&B <测试>" {
		t.Errorf("I3 = %q", got)
	}
	if got := rows[3][2]; got != "行政人事部" {
		t.Errorf("C4 (merged with C3) = %q", got)
	}
	if got := rows[3][8]; got != "line1\nline2" {
		t.Errorf("I4 = %q", got)
	}
}
