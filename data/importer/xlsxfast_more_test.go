package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

// More cases where the fast reader must read as excelize does or leave
// the file to it, from a second review.

// damagedElsewhere are packages damaged in parts a raw read of the sheets
// does not need. excelize refuses to open them; the fast reader reads
// the sheets, which are intact (see the note in xlsxfast.go).
var damagedElsewhere = map[string]bool{
	"damaged calcChain": true, "damaged theme": true, "bookViews bad int": true,
	"content types wrong namespace": true, "content types not xml": true,
}

// readsDespiteDamage asserts that excelize refuses a package and the fast
// reader reads its sheet.
func readsDespiteDamage(t *testing.T, path string) {
	t.Helper()
	fast, _, err := readBoth(t, path)
	if err == nil {
		t.Fatal("excelize read it; the case no longer shows a damaged package")
	}
	if fast == nil || len(fast.Sheets) != 1 || len(fast.Sheets[0].Rows) == 0 || fast.Sheets[0].Rows[0][0] != "1" {
		t.Fatalf("fast reader: %+v", fast)
	}
}

func TestFastReaderXMLDetails(t *testing.T) {
	c1 := `<row r="1"><c r="A1" t="str"><v>é</v></c></row></sheetData></worksheet>`
	body := `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`
	cases := []struct{ name, sst, sheet string }{
		// XML declaration: encoding/xml looks for "version=" / "encoding="
		// as substrings of the declaration.
		{"decl myversion", testSST, `<?xml myversion="2.0"?>` + body + c1},
		{"decl xencoding latin1", testSST, `<?xml version="1.0" xencoding="latin1"?>` + body + c1},
		{"decl version inside value", testSST, `<?xml a="version='9'" version="1.0"?>` + body + c1},
		{"decl spaced version", testSST, `<?xml version = "1.0"?>` + body + c1},
		{"decl mid-document", testSST, sheetHead + `<?xml version="1.0"?><row r="1"><c r="A1"><v>1</v></c></row>` + sheetTail},
		{"decl mid-document bad", testSST, sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><?xml myversion="3"?><row r="2"><c r="A2"><v>2</v></c></row>` + sheetTail},
		{"sst decl myversion", `<?xml myversion="2.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>a</t></si></sst>`,
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},
		{"sst decl xencoding", `<?xml xencoding="latin1"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>é</t></si></sst>`,
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},
		{"decl standalone odd spacing", testSST, `<?xml version="1.0"   standalone = 'yes'  ?>` + body + c1},
		{"text before root", testSST, "  \n" + body + c1},

		// attrValBool: ParseBool without TrimSpace, and no child elements.
		{"inline b val space", testSST,
			sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b val=" 1"/></rPr><t>hi</t></r></is></c><c r="B1"><v>2</v></c></row>` + sheetTail},
		{"inline b child", testSST,
			sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><r><rPr><b><x/></b></rPr><t>hi</t></r></is></c><c r="B1"><v>2</v></c></row>` + sheetTail},
		{"sst b val space", sstOf(`<si><r><rPr><i val="true "/></rPr><t>a</t></r></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},
		{"sst b child", sstOf(`<si><r><rPr><strike><q/></strike></rPr><t>a</t></r></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},
		{"sst b val empty", sstOf(`<si><r><rPr><b val=""/></rPr><t>a</t></r></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},

		// Tokenizer details.
		{"end tag space", testSST, sheetHead + `<row r="1"><c r="A1" ><v >1</v ></c	></row
></sheetData><mergeCells count="1"><mergeCell ref="A3:A4"/></mergeCells></worksheet>`},
		{"attrs without space", testSST, sheetHead + `<row r="1"><c r="A1"t="str"><v>x</v></c></row>` + sheetTail},
		{"uppercase X charref", testSST, sheetHead + `<row r="1"><c r="A1" t="str"><v>&#X41;</v></c></row>` + sheetTail},
		{"long entity", testSST, sheetHead + `<row r="1"><c r="A1" t="str"><v>&` + strings.Repeat("a", 5000) + `;</v></c></row>` + sheetTail},
		{"entity in attr name", testSST, sheetHead + `<row r="1"><c &amp;="1" r="A1"><v>1</v></c></row>` + sheetTail},
		{"digit name", testSST, sheetHead + `<row r="1"><c r="A1"><1v>1</1v><v>2</v></c></row>` + sheetTail},
		{"non-ascii name", testSST, sheetHead + `<row r="1"><c r="A1"><vé>1</vé><v>2</v></c></row>` + sheetTail},
		{"xmlns rebinding default", testSST, `<?xml version="1.0"?><worksheet xmlns="urn:other"><sheetData><row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`},
		{"xmlns prefix rebinding", testSST, `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData xmlns:x="urn:o"><x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c></x:row></x:sheetData></x:worksheet>`},
		{"many attrs", testSST, sheetHead + `<row r="1"><c r="A1"` + strings.Repeat(` a="1"`, 3000) + `><v>1</v></c></row>` + sheetTail},

		// Cell types and values.
		{"t=s with is", testSST, sheetHead + `<row r="1"><c r="A1" t="s"><is><t>x</t></is></c><c r="B1" t="s"><is><t>x</t></is><v>1</v></c></row>` + sheetTail},
		{"inlineStr without is", testSST, sheetHead + `<row r="1"><c r="A1" t="inlineStr"><v>v</v></c><c r="B1" t="inlineStr"/></row>` + sheetTail},
		{"v whitespace", testSST, sheetHead + "<row r=\"1\"><c r=\"A1\"><v> 1 \n</v></c><c r=\"B1\" t=\"str\" xml:space=\"preserve\"><v>\t a\r\n</v></c><c r=\"C1\" t=\"b\"><v> </v></c><c r=\"D1\" t=\"s\"><v>\n1\n</v></c></row>" + sheetTail},
		{"t with entity", testSST, sheetHead + `<row r="1"><c r="A1" t="&#115;"><v>1</v></c></row>` + sheetTail},
		{"t empty", testSST, sheetHead + `<row r="1"><c r="A1" t=""><v>1</v></c></row>` + sheetTail},
		{"s empty", testSST, sheetHead + `<row r="1"><c r="A1" s=""><v>1</v></c></row>` + sheetTail},
		{"s plus sign", testSST, sheetHead + `<row r="1"><c r="A1" s="+1"><v>1</v></c><c r="B1" s=" 1"><v>1</v></c></row>` + sheetTail},
		{"row r plus and zero pad", testSST, sheetHead + `<row r="+2"><c><v>1</v></c></row><row r="03"><c><v>3</v></c></row><row r="0"><c><v>4</v></c></row>` + sheetTail},
		{"row r space", testSST, sheetHead + `<row r=" 2"><c><v>1</v></c></row>` + sheetTail},

		// Cell references.
		{"ref A0", testSST, sheetHead + `<row r="1"><c r="A0"><v>1</v></c></row>` + sheetTail},
		{"ref A01", testSST, sheetHead + `<row r="1"><c r="B01"><v>1</v></c></row>` + sheetTail},
		{"ref AAAA1", testSST, sheetHead + `<row r="1"><c r="AAAA1"><v>1</v></c></row>` + sheetTail},
		{"ref $A$1", testSST, sheetHead + `<row r="1"><c r="$B$1"><v>1</v></c></row>` + sheetTail},
		{"ref A1048577", testSST, sheetHead + `<row r="1"><c r="A1048577"><v>1</v></c></row>` + sheetTail},
		{"ref lower", testSST, sheetHead + `<row r="1"><c r="c1"><v>1</v></c></row>` + sheetTail},
		{"ref space", testSST, sheetHead + `<row r="1"><c r=" C1"><v>1</v></c><c r="D1 "><v>1</v></c></row>` + sheetTail},
		{"ref XFE1", testSST, sheetHead + `<row r="1"><c r="XFE1"><v>1</v></c></row>` + sheetTail},
		{"ref col only", testSST, sheetHead + `<row r="1"><c r="C"><v>1</v></c></row>` + sheetTail},
		{"ref row only", testSST, sheetHead + `<row r="1"><c r="3"><v>1</v></c></row>` + sheetTail},
		{"ref fullwidth", testSST, sheetHead + `<row r="1"><c r="Ａ1"><v>1</v></c></row>` + sheetTail},
		{"ref backwards", testSST, sheetHead + `<row r="1"><c r="C1"><v>1</v></c><c r="A1"><v>2</v></c></row>` + sheetTail},

		// SST parts.
		{"sst empty part", "", sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row>` + sheetTail},
		{"sst not xml", "this is not xml", sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row>` + sheetTail},
		{"sst text before root and bom", "\ufeff \n" + sstOf(`<si><t>a</t></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},
		{"sst trailing garbage", sstOf(`<si><t>a</t></si>`) + `<<<`,
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},
		{"sst si other ns", `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si xmlns="urn:o"><t>a</t></si></sst>`,
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},
		{"sst rph bad sb", sstOf(`<si><t>a</t><rPh sb="-1" eb="1"><t>p</t></rPh></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row>` + sheetTail},
		{"zero-byte sheet", testSST, ""},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bothAgree(t, writeParts(t, tempPath(t, "r.xlsx"), c.sst, c.sheet))
		})
	}
}

func TestFastReaderPackageDetails(t *testing.T) {
	wbWith := func(sheets string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheets + `</sheets></workbook>`
	}
	wbRels2 := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`
	sh2 := sheetHead + `<row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>`
	base := func(extra ...[2]string) [][2]string {
		return append([][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}}, extra...)
	}
	with := func(name, body string) [][2]string {
		fs := base()
		for i := range fs {
			if fs[i][0] == name {
				fs[i][1] = body
				return fs
			}
		}
		return append(fs, [2]string{name, body})
	}
	cases := []struct {
		name  string
		files [][2]string
	}{
		{"sheet name with slash", with("xl/workbook.xml", wbWith(`<sheet name="a/b" sheetId="1" r:id="rId1"/>`))},
		{"sheet name 32 chars", with("xl/workbook.xml", wbWith(`<sheet name="`+strings.Repeat("x", 32)+`" sheetId="1" r:id="rId1"/>`))},
		{"sheet name empty", with("xl/workbook.xml", wbWith(`<sheet name="" sheetId="1" r:id="rId1"/>`))},
		{"sheet name quoted", with("xl/workbook.xml", wbWith(`<sheet name="'q'" sheetId="1" r:id="rId1"/>`))},
		{"damaged calcChain", base([2]string{"xl/calcChain.xml", `<calcChain xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><c r="A1" i="x"/></calcChain>`})},
		{"damaged theme", base([2]string{"xl/theme/theme1.xml", `<a:theme xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main"><a:themeElements>`})},
		{"workbookPr bad bool", with("xl/workbook.xml", strings.Replace(pkgWB, `<sheets>`, `<workbookPr date1904="maybe"/><sheets>`, 1))},
		{"bookViews bad int", with("xl/workbook.xml", strings.Replace(pkgWB, `<sheets>`, `<bookViews><workbookView activeTab="x"/></bookViews><sheets>`, 1))},
		{"workbook rels no namespace", with("xl/_rels/workbook.xml.rels", strings.Replace(pkgWBRels, ` xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`, "", 1))},
		{"root rels no namespace", with("_rels/.rels", strings.Replace(pkgRootRels, ` xmlns="http://schemas.openxmlformats.org/package/2006/relationships"`, "", 1))},
		{"root rels odd officeDocument type", with("_rels/.rels", strings.Replace(pkgRootRels, `http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument`, `urn:x/officeDocument`, 1))},
		{"content types wrong namespace", with("[Content_Types].xml", strings.Replace(pkgCT, `http://schemas.openxmlformats.org/package/2006/content-types`, `urn:x`, 1))},
		{"content types missing", func() [][2]string { fs := base(); return fs[1:] }()},
		{"content types not xml", with("[Content_Types].xml", "garbage<")},
		{"directory entries", base([2]string{"xl/", ""}, [2]string{"xl/worksheets/", ""})},
		{"zero-byte sst", base([2]string{"xl/sharedStrings.xml", ""})},
		{"rid to non-worksheet", with("xl/_rels/workbook.xml.rels", strings.Replace(pkgWBRels, "worksheets/sheet1.xml", "styles.xml", 1))},
		{"sheet listed twice different rid", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", wbWith(`<sheet name="A" sheetId="1" r:id="rId1"/><sheet name="A" sheetId="2" r:id="rId2"/>`)}, {"xl/_rels/workbook.xml.rels", wbRels2}, {"xl/worksheets/sheet1.xml", pkgSheet}, {"xl/worksheets/sheet2.xml", sh2}}},
		{"states", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", wbWith(`<sheet name="A" sheetId="1" state="Visible" r:id="rId1"/><sheet name="B" sheetId="2" state="veryHidden" r:id="rId2"/>`)}, {"xl/_rels/workbook.xml.rels", wbRels2}, {"xl/worksheets/sheet1.xml", pkgSheet}, {"xl/worksheets/sheet2.xml", sh2}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			path := writeZipFiles(t, tempPath(t, "p.xlsx"), c.files...)
			if damagedElsewhere[c.name] {
				readsDespiteDamage(t, path)
				return
			}
			bothAgree(t, path)
		})
	}
}

// TestFastReaderFoldedNames: "s" and "ſ" (U+017F) are equal under
// strings.EqualFold, which excelize uses to find a sheet's part, but not
// under strings.ToLower, which the fast reader's duplicate check uses.
func TestFastReaderFoldedNames(t *testing.T) {
	wb := `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="s" sheetId="1" r:id="rId1"/><sheet name="ſ" sheetId="2" r:id="rId2"/></sheets></workbook>`
	wbRels2 := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`
	sh2 := sheetHead + `<row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>`
	path := writeZipFiles(t, tempPath(t, "f.xlsx"), [2]string{"[Content_Types].xml", pkgCT}, [2]string{"_rels/.rels", pkgRootRels},
		[2]string{"xl/workbook.xml", wb}, [2]string{"xl/_rels/workbook.xml.rels", wbRels2},
		[2]string{"xl/worksheets/sheet1.xml", pkgSheet}, [2]string{"xl/worksheets/sheet2.xml", sh2})
	for i := 0; i < 20; i++ {
		fast, slow, err := readBoth(t, path)
		if fast == nil || err != nil {
			t.Logf("fast declined or excelize failed: %v", err)
			return
		}
		if d := sameSheets(fast, slow, true); d != "" {
			t.Fatalf("run %d: %s: fast %q / %q, slow %q / %q", i, d, fast.Sheets[0].Rows, fast.Sheets[1].Rows, slow.Sheets[0].Rows, slow.Sheets[1].Rows)
		}
	}
}

// TestFastReaderOptionSheets: Options.Sheets in another case, or naming a
// sheet excelize cannot name.
func TestFastReaderOptionSheets(t *testing.T) {
	wbWith := func(sheets string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheets + `</sheets></workbook>`
	}
	for _, c := range []struct{ sheetName, want string }{{"Data", "DATA"}, {"a/b", "a/b"}, {"Hid", "hid"}} {
		t.Run(c.sheetName, func(t *testing.T) {
			path := writeZipFiles(t, tempPath(t, "o.xlsx"), [2]string{"[Content_Types].xml", pkgCT}, [2]string{"_rels/.rels", pkgRootRels},
				[2]string{"xl/workbook.xml", wbWith(`<sheet name="` + c.sheetName + `" sheetId="1" state="hidden" r:id="rId1"/>`)}, [2]string{"xl/_rels/workbook.xml.rels", pkgWBRels},
				[2]string{"xl/worksheets/sheet1.xml", pkgSheet})
			fast, fastErr := Read(context.Background(), path, &Options{Sheets: []string{c.want}, fastAlways: true})
			slow, slowErr := Read(context.Background(), path, &Options{Sheets: []string{c.want}, slowOnly: true})
			if (fastErr == nil) != (slowErr == nil) {
				t.Fatalf("fast err %v, excelize err %v", fastErr, slowErr)
			}
			if fastErr == nil {
				if d := sameSheets(fast, slow, true); d != "" {
					t.Fatal(d)
				}
				t.Logf("same: %s", fast.Sheets[0].Name)
			} else {
				t.Logf("both fail: %v / %v", fastErr, slowErr)
			}
		})
	}
}

// TestFastReaderCancel: a context cancelled mid-sheet gives ErrCancelled,
// not a partial workbook.
func TestFastReaderCancel(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(sheetHead)
	for r := 1; r <= 10000; r++ {
		sb.WriteString(`<row><c><v>1</v></c></row>`)
	}
	sb.WriteString(sheetTail)
	path := writeParts(t, tempPath(t, "c.xlsx"), testSST, sb.String())
	ctx, cancel := context.WithCancel(context.Background())
	calls := 0
	w, err := Read(ctx, path, &Options{fastAlways: true, Progress: func(done, total int) {
		calls++
		if calls == 1 {
			cancel()
		}
	}})
	if w != nil || !errors.Is(err, ErrCancelled) {
		t.Fatalf("w=%v err=%v", w != nil, err)
	}
}

// TestFastReaderSheetTwice: a sheet named twice in Options.Sheets is
// unpacked twice by the fast reader, which counts both against
// MaxUnzipSize; excelize only checks the declared sizes.
func TestFastReaderSheetTwice(t *testing.T) {
	var sb strings.Builder
	sb.WriteString(sheetHead)
	for r := 1; r <= 400; r++ {
		sb.WriteString(`<row><c><v>1</v></c></row>`)
	}
	sb.WriteString(sheetTail)
	path := writeParts(t, tempPath(t, "b.xlsx"), "", sb.String())
	zr, f := openZip(t, path)
	defer f.Close()
	var total int64
	for _, zf := range zr.File {
		total += int64(zf.UncompressedSize64)
	}
	opts := func(slow bool) *Options {
		return &Options{Sheets: []string{"表1", "表1"}, MaxUnzipSize: total, slowOnly: slow, fastAlways: !slow}
	}
	_, fastErr := Read(context.Background(), path, opts(false))
	_, slowErr := Read(context.Background(), path, opts(true))
	if (fastErr == nil) != (slowErr == nil) {
		t.Fatalf("declared %d: fast err %v, excelize err %v", total, fastErr, slowErr)
	}
}

func openZip(t *testing.T, path string) (*zip.Reader, *os.File) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, _ := f.Stat()
	zr, err := zip.NewReader(f, fi.Size())
	if err != nil {
		t.Fatal(err)
	}
	return zr, f
}

func TestFastReaderMore(t *testing.T) {
	t.Run("merge inside cell", func(t *testing.T) {
		bothAgree(t, writeParts(t, tempPath(t, "m.xlsx"), testSST, sheetHead+`<row r="1"><c r="A1" t="str"><v>m</v><mergeCell ref="A1:B2"/></c></row><row r="2"/></sheetData></worksheet>`))
	})
	t.Run("merge inside v", func(t *testing.T) {
		bothAgree(t, writeParts(t, tempPath(t, "m.xlsx"), testSST, sheetHead+`<row r="1"><c r="A1" t="str"><v>m<mergeCell ref="A1:B2"/></v></c></row><row r="2"/></sheetData></worksheet>`))
	})
	t.Run("rels target backslash dotdot", func(t *testing.T) {
		rels := strings.Replace(pkgWBRels, `Target="worksheets/sheet1.xml"`, `Target="worksheets\..\sheet1.xml"`, 1)
		bothAgree(t, writeZipFiles(t, tempPath(t, "p.xlsx"), [2]string{"[Content_Types].xml", pkgCT}, [2]string{"_rels/.rels", pkgRootRels},
			[2]string{"xl/workbook.xml", pkgWB}, [2]string{"xl/_rels/workbook.xml.rels", rels}, [2]string{"xl/sheet1.xml", pkgSheet}))
	})
	t.Run("rels target absolute backslash dotdot", func(t *testing.T) {
		rels := strings.Replace(pkgWBRels, `Target="worksheets/sheet1.xml"`, `Target="/xl/worksheets/a\..\sheet1.xml"`, 1)
		bothAgree(t, writeZipFiles(t, tempPath(t, "p.xlsx"), [2]string{"[Content_Types].xml", pkgCT}, [2]string{"_rels/.rels", pkgRootRels},
			[2]string{"xl/workbook.xml", pkgWB}, [2]string{"xl/_rels/workbook.xml.rels", rels}, [2]string{"xl/worksheets/sheet1.xml", pkgSheet}))
	})
}

// writeZipRaw writes the usual package plus one extra raw entry.
func writeZipRaw(t *testing.T, path string, extra ...*zip.FileHeader) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}} {
		w, _ := zw.Create(f[0])
		w.Write([]byte(f[1]))
	}
	for _, h := range extra {
		w, err := zw.CreateRaw(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte("abc"))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestFastReaderZipHeaders(t *testing.T) {
	t.Run("unknown compression method", func(t *testing.T) {
		readsDespiteDamage(t, writeZipRaw(t, tempPath(t, "z.xlsx"), &zip.FileHeader{Name: "docProps/app.xml", Method: 99, CompressedSize64: 3, UncompressedSize64: 3}))
	})
	t.Run("declared sizes wrap around", func(t *testing.T) {
		bothAgree(t, writeZipRaw(t, tempPath(t, "z.xlsx"),
			&zip.FileHeader{Name: "a.bin", Method: zip.Store, CompressedSize64: 3, UncompressedSize64: 1 << 63},
			&zip.FileHeader{Name: "b.bin", Method: zip.Store, CompressedSize64: 3, UncompressedSize64: 1 << 63}))
	})
}

func TestFastReaderCorruptUnreadPart(t *testing.T) {
	// A deflate stream that is not valid, in a part the fast reader never
	// opens; excelize unpacks every part on open.
	readsDespiteDamage(t, writeZipRaw(t, tempPath(t, "z.xlsx"), &zip.FileHeader{Name: "docProps/app.xml", Method: zip.Deflate, CompressedSize64: 3, UncompressedSize64: 10, CRC32: 1}))
}

// TestDate1904 imports a roster from a workbook in the 1904 date system
// (old Mac Excel): its date serials count from 1 January 1904, 1,462 days
// later than the same serials in the 1900 system. Both readers must say so.
func TestDate1904(t *testing.T) {
	wb := strings.Replace(pkgWB, `<sheets>`, `<workbookPr date1904="1"/><sheets>`, 1)
	sheet := sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>工号</t></is></c><c r="B1" t="inlineStr"><is><t>姓名</t></is></c><c r="C1" t="inlineStr"><is><t>部门</t></is></c><c r="D1" t="inlineStr"><is><t>入职日期</t></is></c></row>` +
		`<row r="2"><c r="A2" t="inlineStr"><is><t>A001</t></is></c><c r="B2" t="inlineStr"><is><t>张三</t></is></c><c r="C2" t="inlineStr"><is><t>生产部</t></is></c><c r="D2" s="1"><v>40000</v></c></row>` +
		`</sheetData></worksheet>`
	for _, date1904 := range []bool{true, false} {
		w := pkgWB
		if date1904 {
			w = wb
		}
		path := writeZipFiles(t, tempPath(t, "mac.xlsx"), [2]string{"[Content_Types].xml", pkgCT}, [2]string{"_rels/.rels", pkgRootRels},
			[2]string{"xl/workbook.xml", w}, [2]string{"xl/_rels/workbook.xml.rels", pkgWBRels}, [2]string{"xl/worksheets/sheet1.xml", sheet})
		want := time.Date(2009, 7, 6, 0, 0, 0, 0, time.UTC) // serial 40000 in the 1900 system
		if date1904 {
			want = want.AddDate(0, 0, 1462)
		}
		for _, slow := range []bool{false, true} {
			p := mustPrepare(t, mustRead(t, path, &Options{slowOnly: slow, fastAlways: !slow}), nil)
			if len(p.People) != 1 || !p.People[0].Person.HireDate.Equal(want) {
				t.Errorf("date1904=%v slow=%v: hire date %v, want %v", date1904, slow, p.People[0].Person.HireDate, want)
			}
		}
	}
}
