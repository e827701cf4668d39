package xlsxfast

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"reflect"
	"testing"
)

const ns = `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"`

// book makes a one-sheet workbook (and a hidden second sheet) in memory.
func book(t *testing.T, sheet string) *zip.Reader {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, p := range [][2]string{
		{"[Content_Types].xml", `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`},
		{"_rels/.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`},
		{"xl/workbook.xml", `<workbook ` + ns + ` xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="名单" sheetId="1" r:id="rId1"/><sheet name="Lists" sheetId="2" state="hidden" r:id="rId2"/></sheets></workbook>`},
		{"xl/_rels/workbook.xml.rels", `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/></Relationships>`},
		{"xl/sharedStrings.xml", `<sst ` + ns + `><si><t>工号</t></si><si><r><t>姓</t></r><r><t>名</t></r></si></sst>`},
		{"xl/worksheets/sheet1.xml", sheet},
		{"xl/worksheets/sheet2.xml", `<worksheet ` + ns + `><sheetData/></worksheet>`},
	} {
		w, err := zw.Create(p[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(p[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	return zr
}

type visited struct {
	row   int
	cells []string
}

func read(t *testing.T, zr *zip.Reader, visit func(int, []string) error) ([]visited, []Range, error) {
	t.Helper()
	b, err := Open(zr, Options{MaxUnzipSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	var got []visited
	merges, err := b.ReadSheet(context.Background(), "名单", func(row int, cells []string) error {
		got = append(got, visited{row, cells})
		if visit != nil {
			return visit(row, cells)
		}
		return nil
	})
	return got, merges, err
}

// TestReadSheet: rows come to visit with their numbers (a row the file
// leaves out is skipped), shared and rich strings resolved, and the
// merges are returned; Sheets lists hidden sheets with their parts and
// sizes.
func TestReadSheet(t *testing.T) {
	sheet := `<worksheet ` + ns + `><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="s"><v>1</v></c></row>` +
		`<row r="3"><c r="B3"><v>7</v></c></row><row r="4"/></sheetData><mergeCells><mergeCell ref="A3:B4"/></mergeCells></worksheet>`
	zr := book(t, sheet)
	b, err := Open(zr, Options{MaxUnzipSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	want := []Sheet{{Name: "名单", Part: "xl/worksheets/sheet1.xml", Size: uint64(len(sheet))}, {Name: "Lists", State: "hidden", Part: "xl/worksheets/sheet2.xml", Size: uint64(len(`<worksheet ` + ns + `><sheetData/></worksheet>`))}}
	if got := b.Sheets(); !reflect.DeepEqual(got, want) {
		t.Fatalf("Sheets() = %+v", got)
	}
	got, merges, err := read(t, zr, nil)
	if err != nil {
		t.Fatal(err)
	}
	wantRows := []visited{{1, []string{"工号", "", "姓名"}}, {3, []string{"", "7"}}, {4, nil}}
	if !reflect.DeepEqual(got, wantRows) || !reflect.DeepEqual(merges, []Range{{R0: 2, C0: 0, R1: 3, C1: 1}}) {
		t.Fatalf("rows %v merges %v", got, merges)
	}
}

// TestReadSheetStops: visit's error ends the read and comes back as it
// is; a panic in it comes back as a *PanicError naming the row; XML the
// reader leaves to excelize gives ErrDecline.
func TestReadSheetStops(t *testing.T) {
	sheet := `<worksheet ` + ns + `><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="2"><c r="A2"><v>2</v></c></row></sheetData></worksheet>`
	stop := errors.New("stop")
	got, _, err := read(t, book(t, sheet), func(int, []string) error { return stop })
	if err != stop || len(got) != 1 {
		t.Fatalf("err %v after %d rows", err, len(got))
	}
	_, _, err = read(t, book(t, sheet), func(row int, _ []string) error {
		if row == 2 {
			panic("boom")
		}
		return nil
	})
	var pe *PanicError
	if !errors.As(err, &pe) || pe.Row != 2 || pe.Value != "boom" {
		t.Fatalf("err %v", err)
	}
	_, _, err = read(t, book(t, `<worksheet `+ns+`><sheetData><!-- x --><row r="1"/></sheetData></worksheet>`), nil)
	if !errors.Is(err, ErrDecline) {
		t.Fatalf("comment: err %v, want ErrDecline", err)
	}
}
