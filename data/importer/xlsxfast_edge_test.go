package importer

import (
	"archive/zip"
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
)

// bothAgree reads path both ways: whatever the fast reader returns must
// be what excelize returns; where excelize fails, the fast reader must
// decline. The fast reader must take the file unless the test is named in
// fastDeclines, and must decline those: a case whose verdict changes
// fails, so the list says exactly what the fast path leaves to excelize.
func bothAgree(t *testing.T, path string) {
	t.Helper()
	fast, slow, err := readBoth(t, path)
	dump := func(w *Workbook) string {
		if w == nil {
			return "<nil>"
		}
		var b strings.Builder
		for _, s := range w.Sheets {
			fmt.Fprintf(&b, "[%s rows=%q merges=%v] ", s.Name, s.Rows, s.Merges)
		}
		return b.String()
	}
	declines := fastDeclines[t.Name()]
	switch {
	case fast == nil && !declines:
		t.Errorf("the fast reader declined a file it must take (excelize err=%v slow=%s)", err, dump(slow))
	case fast == nil:
		t.Logf("fast declined, as listed; excelize err=%v", err)
	case err != nil:
		t.Errorf("fast returned %s but excelize failed: %v", dump(fast), err)
	case declines:
		t.Errorf("the fast reader took a file listed in fastDeclines: %s", dump(fast))
	default:
		if d := sameSheets(fast, slow, true); d != "" {
			t.Errorf("%s\nfast %s\nslow %s", d, dump(fast), dump(slow))
		}
	}
}

// fastDeclines are the tests whose file the fast reader leaves to
// excelize: constructs it does not handle exactly, and files excelize
// refuses.
var fastDeclines = map[string]bool{
	// TestFastReaderSheets
	"TestFastReaderSheets/strict_ns_url_in_sst_text":                 true,
	"TestFastReaderSheets/two_is_elements":                           true,
	"TestFastReaderSheets/two_is_elements,_t_then_r":                 true,
	"TestFastReaderSheets/prefixed_s_before_s":                       true,
	"TestFastReaderSheets/bad_s_then_good_s":                         true,
	"TestFastReaderSheets/row_xmlns:r_then_r":                        true,
	"TestFastReaderSheets/row_bad_r_then_r":                          true,
	"TestFastReaderSheets/row_after_sheetData":                       true,
	"TestFastReaderSheets/second_sst_root":                           true,
	"TestFastReaderSheets/second_worksheet_root":                     true,
	"TestFastReaderSheets/si_nested":                                 true,
	"TestFastReaderSheets/charref_surrogate":                         true,
	"TestFastReaderSheets/rPr_typed_attr_on_non-rPr_b":               true,
	"TestFastReaderSheets/no_sheetData_end_tag_name_prefix_mismatch": true,
	"TestFastReaderSheets/row_r_>_TotalRows":                         true,
	"TestFastReaderSheets/sst_count_bad":                             true,
	// TestFastReaderPackages
	"TestFastReaderPackages/part_name_case_differs_from_rels_target":   true,
	"TestFastReaderPackages/workbook_part_name_case":                   true,
	"TestFastReaderPackages/no_officeDocument_rel":                     true,
	"TestFastReaderPackages/officeDocument_rel_with_other_type_prefix": true,
	"TestFastReaderPackages/workbook_without_namespace":                true,
	"TestFastReaderPackages/workbook_bad_sheetId":                      true,
	"TestFastReaderPackages/duplicate_zip_entry":                       true,
	"TestFastReaderPackages/duplicate_sheet_names":                     true,
	"TestFastReaderPackages/sheet_names_differing_in_case":             true,
	"TestFastReaderPackages/duplicate_rel_id,_first_missing":           true,
	// TestFastReaderLargeSST
	"TestFastReaderLargeSST": true,
	// TestFastReaderXMLDetails
	"TestFastReaderXMLDetails/decl_myversion":            true,
	"TestFastReaderXMLDetails/decl_xencoding_latin1":     true,
	"TestFastReaderXMLDetails/decl_version_inside_value": true,
	"TestFastReaderXMLDetails/decl_mid-document_bad":     true,
	"TestFastReaderXMLDetails/sst_decl_myversion":        true,
	"TestFastReaderXMLDetails/sst_decl_xencoding":        true,
	"TestFastReaderXMLDetails/inline_b_val_space":        true,
	"TestFastReaderXMLDetails/inline_b_child":            true,
	"TestFastReaderXMLDetails/sst_b_val_space":           true,
	"TestFastReaderXMLDetails/sst_b_child":               true,
	"TestFastReaderXMLDetails/uppercase_X_charref":       true,
	"TestFastReaderXMLDetails/long_entity":               true,
	"TestFastReaderXMLDetails/entity_in_attr_name":       true,
	"TestFastReaderXMLDetails/digit_name":                true,
	"TestFastReaderXMLDetails/non-ascii_name":            true,
	"TestFastReaderXMLDetails/s_empty":                   true,
	"TestFastReaderXMLDetails/s_plus_sign":               true,
	"TestFastReaderXMLDetails/row_r_space":               true,
	"TestFastReaderXMLDetails/ref_A0":                    true,
	"TestFastReaderXMLDetails/ref_AAAA1":                 true,
	"TestFastReaderXMLDetails/ref_A1048577":              true,
	"TestFastReaderXMLDetails/ref_space":                 true,
	"TestFastReaderXMLDetails/ref_XFE1":                  true,
	"TestFastReaderXMLDetails/ref_col_only":              true,
	"TestFastReaderXMLDetails/ref_row_only":              true,
	"TestFastReaderXMLDetails/ref_fullwidth":             true,
	"TestFastReaderXMLDetails/sst_not_xml":               true,
	"TestFastReaderXMLDetails/sst_trailing_garbage":      true,
	"TestFastReaderXMLDetails/sst_rph_bad_sb":            true,
	// TestFastReaderPackageDetails
	"TestFastReaderPackageDetails/sheet_name_with_slash":             true,
	"TestFastReaderPackageDetails/sheet_name_32_chars":               true,
	"TestFastReaderPackageDetails/sheet_name_empty":                  true,
	"TestFastReaderPackageDetails/sheet_name_quoted":                 true,
	"TestFastReaderPackageDetails/workbookPr_bad_bool":               true,
	"TestFastReaderPackageDetails/workbook_rels_no_namespace":        true,
	"TestFastReaderPackageDetails/root_rels_no_namespace":            true,
	"TestFastReaderPackageDetails/root_rels_odd_officeDocument_type": true,
	"TestFastReaderPackageDetails/zero-byte_sst":                     true,
	"TestFastReaderPackageDetails/rid_to_non-worksheet":              true,
	"TestFastReaderPackageDetails/sheet_listed_twice_different_rid":  true,
	// TestFastReaderMore
	"TestFastReaderMore/rels_target_backslash_dotdot":          true,
	"TestFastReaderMore/rels_target_absolute_backslash_dotdot": true,
	// TestFastReaderZipHeaders
	"TestFastReaderZipHeaders/declared_sizes_wrap_around": true,
}

// writeZipFiles writes a zip with these parts, in order.
func writeZipFiles(t *testing.T, path string, files ...[2]string) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, f := range files {
		w, err := zw.Create(f[0])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(f[1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

const pkgCT = `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>`
const pkgRootRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`
const pkgWB = `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`
const pkgWBRels = `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`
const pkgSheet = sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row>` + sheetTail

func sstOf(items string) string {
	return `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + items + `</sst>`
}

func TestFastReaderSheets(t *testing.T) {
	cases := []struct{ name, sst, sheet string }{
		{"strict ns url in sst text", sstOf(`<si><t>see http://purl.oclc.org/ooxml/spreadsheetml/main</t></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`},
		{"two is elements", testSST,
			sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><r><t>a</t></r></is><is><r><t>b</t></r></is></c></row></sheetData></worksheet>`},
		{"two is elements, t then r", testSST,
			sheetHead + `<row r="1"><c r="A1" t="inlineStr"><is><t>a</t></is><is><r><t>b</t></r></is></c></row></sheetData></worksheet>`},
		{"prefixed s before s", testSST,
			sheetHead + `<row r="1"><c r="A1" xmlns:s="urn:x" s="0"><v>5</v></c><c r="B1"><v>6</v></c></row></sheetData></worksheet>`},
		{"bad s then good s", testSST,
			sheetHead + `<row r="1"><c r="A1" s="x" s="0"><v>5</v></c></row></sheetData></worksheet>`},
		{"row xmlns:r then r", testSST,
			sheetHead + `<row xmlns:r="urn:x" r="3"><c><v>5</v></c></row></sheetData></worksheet>`},
		{"row bad r then r", testSST,
			sheetHead + `<row r="x" r="3"><c><v>5</v></c></row></sheetData></worksheet>`},
		{"prefixed mergeCell", testSST,
			`<?xml version="1.0" encoding="UTF-8"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:v>m</x:v></x:c></x:row><x:row r="2"/></x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:B2"/></x:mergeCells></x:worksheet>`},
		{"single-quoted merge ref", testSST,
			sheetHead + `<row r="1"><c r="A1" t="str"><v>m</v></c></row><row r="2"/></sheetData><mergeCells count="1"><mergeCell ref='A1:B2'/></mergeCells></worksheet>`},
		{"merge ref with entity", testSST,
			sheetHead + `<row r="1"><c r="A1" t="str"><v>m</v></c></row><row r="2"/></sheetData><mergeCells count="1"><mergeCell ref="A1:B&#50;"/></mergeCells></worksheet>`},
		{"mergeCell newline after name", testSST,
			sheetHead + `<row r="1"><c r="A1" t="str"><v>m</v></c></row><row r="2"/></sheetData><mergeCells count="1"><mergeCell` + "\n" + `ref="A1:B2"/></mergeCells></worksheet>`},
		{"mergeCells before sheetData", testSST,
			`<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells><sheetData><row r="1"><c r="A1" t="str"><v>m</v></c></row><row r="2"/></sheetData></worksheet>`},
		{"mergeCell text in CDATA", testSST,
			sheetHead + `<row r="1"><c r="A1" t="str"><v>m</v></c><c r="B1" t="str"><v><![CDATA[<mergeCell ref="A1:A2"/>]]></v></c></row><row r="2"/></sheetData></worksheet>`},
		{"row after sheetData", testSST,
			sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row></sheetData><extLst><ext uri="x"><row r="3"><c r="B3"><v>9</v></c></row></ext></extLst></worksheet>`},
		{"second sst root", sstOf(`<si><t>a</t></si>`) + `<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><si><t>extra</t></si></sst>`,
			sheetHead + `<row r="1"><c r="A1" t="s"><v>1</v></c><c r="B1"><v>2</v></c></row></sheetData></worksheet>`},
		{"second worksheet root", testSST,
			sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet><worksheet><sheetData><row r="2"><c><v>2</v></c></row></sheetData></worksheet>`},
		{"si nested", sstOf(`<si><t>a</t></si><extLst><si><t>no</t></si></extLst><si><t>b</t></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>1</v></c></row></sheetData></worksheet>`},
		{"cell after row end", testSST,
			sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row><c r="C1"><v>3</v></c><row r="2"><c><v>2</v></c></row></sheetData></worksheet>`},
		{"charref surrogate", testSST,
			sheetHead + `<row r="1"><c r="A1" t="str"><v>&#xD800;</v></c></row></sheetData></worksheet>`},
		{"charref CR", testSST,
			sheetHead + `<row r="1"><c r="A1" t="str"><v>a&#13;` + "\n" + `b` + "\r" + `&#10;c</v></c></row></sheetData></worksheet>`},
		{"bom", testSST,
			"\ufeff" + sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row></sheetData></worksheet>`},
		{"t=s index with nbsp", testSST,
			sheetHead + `<row r="1"><c r="A1" t="s"><v>` + "\u00a01\u3000" + `</v></c><c r="B1" t="s"><v>-1</v></c><c r="C1" t="s"><v>+2</v></c><c r="D1" t="s"><v>1e0</v></c></row></sheetData></worksheet>`},
		{"t=s empty sst", "",
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><f>x</f><v>0</v></c></row></sheetData></worksheet>`},
		{"uppercase tag names", testSST,
			sheetHead + `<row r="1"><C r="A1"><V>1</V></C></row></sheetData></worksheet>`},
		{"rich run without t, rPh in run", sstOf(`<si><r><rPr/></r><r><t>x</t><rPh sb="0" eb="1"><t>p</t></rPh></r></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`},
		{"bstr split across runs", sstOf(`<si><r><t>a_x00</t></r><r><t>41_b</t></r></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`},
		{"bstr surrogate", sstOf(`<si><t>a_xD800_b_x005f_x0041_</t></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`},
		{"rPr typed attr on non-rPr b", sstOf(`<si><t>a</t><b val="zz"/></si>`),
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`},
		{"f with typed attr in namespace", testSST,
			sheetHead + `<row r="1"><c r="A1"><f x:ca="1" xmlns:x="u">1</f><v>2</v></c></row></sheetData></worksheet>`},
		{"v with attr and nested", testSST,
			sheetHead + `<row r="1"><c r="A1"><v a="1">1<x>2</x>3</v></c></row></sheetData></worksheet>`},
		{"no sheetData end tag name prefix mismatch", testSST,
			sheetHead + `<row r="1"><c r="A1"><v>1</v></c></row></sheetData><x:sheetData xmlns:x="u"><row r="4"><c><v>4</v></c></row></x:sheetData></worksheet>`},
		{"cell col beyond", testSST,
			sheetHead + `<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row></sheetData></worksheet>`},
		{"row r > TotalRows", testSST,
			sheetHead + `<row r="1048577"><c><v>1</v></c></row></sheetData></worksheet>`},
		{"sst count bad", `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="x"><si><t>a</t></si></sst>`,
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`},
		{"sst unknown root attr typed count on si ancestor", `<?xml version="1.0"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count=" 1 "><si><t>a</t></si></sst>`,
			sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bothAgree(t, writeParts(t, tempPath(t, "r.xlsx"), c.sst, c.sheet))
		})
	}
}

func TestFastReaderPackages(t *testing.T) {
	sh2 := sheetHead + `<row r="1"><c r="A1"><v>2</v></c></row></sheetData></worksheet>`
	wbRels2 := `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet2.xml"/></Relationships>`
	wbWith := func(sheets string) string {
		return `<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>` + sheets + `</sheets></workbook>`
	}
	cases := []struct {
		name  string
		files [][2]string
	}{
		{"baseline", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}}},
		{"part name case differs from rels target", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/Sheet1.xml", pkgSheet}}},
		{"workbook part name case", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/Workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}}},
		{"SST part name case", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", sheetHead + `<row r="1"><c r="A1" t="s"><v>0</v></c></row></sheetData></worksheet>`}, {"XL/SharedStrings.XML", sstOf(`<si><t>x</t></si>`)}}},
		{"no officeDocument rel", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"></Relationships>`}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}}},
		{"officeDocument rel with other type prefix", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://purl.oclc.org/ooxml/officeDocument/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}}},
		{"workbook without namespace", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", strings.Replace(pkgWB, `xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" `, "", 1)}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}}},
		{"workbook bad sheetId", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", strings.Replace(pkgWB, `sheetId="1"`, `sheetId="one"`, 1)}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}}},
		{"duplicate zip entry", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {"xl/worksheets/sheet1.xml", pkgSheet}, {"xl/worksheets/sheet1.xml", sh2}}},
		{"duplicate sheet names", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", wbWith(`<sheet name="S" sheetId="1" r:id="rId1"/><sheet name="S" sheetId="2" r:id="rId2"/>`)}, {"xl/_rels/workbook.xml.rels", wbRels2}, {"xl/worksheets/sheet1.xml", pkgSheet}, {"xl/worksheets/sheet2.xml", sh2}}},
		{"sheet names differing in case", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", wbWith(`<sheet name="s" sheetId="1" r:id="rId1"/><sheet name="S" sheetId="2" r:id="rId2"/>`)}, {"xl/_rels/workbook.xml.rels", wbRels2}, {"xl/worksheets/sheet1.xml", pkgSheet}, {"xl/worksheets/sheet2.xml", sh2}}},
		{"hidden and visible, states", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", wbWith(`<sheet name="A" sheetId="1" state="hidden" r:id="rId1"/><sheet name="B" sheetId="2" state="visible" r:id="rId2"/>`)}, {"xl/_rels/workbook.xml.rels", wbRels2}, {"xl/worksheets/sheet1.xml", pkgSheet}, {"xl/worksheets/sheet2.xml", sh2}}},
		{"rels target absolute and dotdot", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", wbWith(`<sheet name="A" sheetId="1" r:id="rId1"/><sheet name="B" sheetId="2" r:id="rId2"/>`)}, {"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="../xl/worksheets/sheet2.xml"/></Relationships>`}, {"xl/worksheets/sheet1.xml", pkgSheet}, {"xl/worksheets/sheet2.xml", sh2}}},
		{"sheet part not named sheetN", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", strings.Replace(pkgWBRels, "worksheets/sheet1.xml", "worksheets/data.xml", 1)}, {"xl/worksheets/data.xml", pkgSheet}}},
		{"backslash zip name", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", pkgWBRels}, {`xl\worksheets\sheet1.xml`, pkgSheet}}},
		{"duplicate rel id, first missing", [][2]string{{"[Content_Types].xml", pkgCT}, {"_rels/.rels", pkgRootRels}, {"xl/workbook.xml", pkgWB}, {"xl/_rels/workbook.xml.rels", `<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Target="worksheets/sheet1.xml"/><Relationship Id="rId1" Target="worksheets/missing.xml"/></Relationships>`}, {"xl/worksheets/sheet1.xml", pkgSheet}}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			bothAgree(t, writeZipFiles(t, tempPath(t, "p.xlsx"), c.files...))
		})
	}
}

func TestFastReaderBufferBoundaries(t *testing.T) {
	pieces := []string{"a&amp;b", "x\r\ny", "中文字", "&#x4E00;", "<![CDATA[c<d]]>", "_x000D_", "&lt;&gt;", "\r", "𝄞", " "}
	for _, seed := range []int{1, 13} {
		var sb strings.Builder
		sb.WriteString(sheetHead)
		var sst strings.Builder
		sst.WriteString(`<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">`)
		n := seed
		next := func(m int) int { n = (n*1103515245 + 12345) & 0x7fffffff; return n % m }
		for r := 1; r <= 120; r++ {
			fmt.Fprintf(&sb, `<row r="%d" spans="1:4" x14ac:dyDescent="0.25" xmlns:x14ac="u">`, r)
			for c := 0; c < 4; c++ {
				var txt strings.Builder
				l := next(3000)
				if next(50) == 0 {
					l = 60000 + next(300000)
				}
				for txt.Len() < l {
					txt.WriteString(pieces[next(len(pieces))])
				}
				col := string(rune('A' + c))
				switch next(4) {
				case 0:
					fmt.Fprintf(&sb, `<c r="%s%d" t="str" foo='a>b'><v>%s</v></c>`, col, r, txt.String())
				case 1:
					fmt.Fprintf(&sb, `<c r="%s%d" t="inlineStr"><is><r><rPr><sz val="11"/></rPr><t xml:space="preserve">%s</t></r><r><t>%s</t></r></is></c>`, col, r, txt.String(), pieces[next(len(pieces))])
				case 2:
					fmt.Fprintf(&sst, `<si><t>%s</t><rPh sb="0" eb="1"><t>p</t></rPh></si>`, txt.String())
					fmt.Fprintf(&sb, `<c r="%s%d" t="s"><v>%d</v></c>`, col, r, strings.Count(sst.String(), "<si>")-1)
				case 3:
					fmt.Fprintf(&sb, `<c r="%s%d"`+"\r\n"+` s="0"><f>SUM(A1:A2)</f><v>%d</v></c>`, col, r, next(1000))
				}
			}
			sb.WriteString(`</row>`)
		}
		sb.WriteString(`</sheetData><mergeCells count="1"><mergeCell ref="A1:B2"/></mergeCells></worksheet>`)
		sst.WriteString(`</sst>`)
		t.Run(fmt.Sprint(seed), func(t *testing.T) {
			t.Logf("sheet %d bytes, sst %d bytes", sb.Len(), sst.Len())
			path := writeParts(t, tempPath(t, "big.xlsx"), sst.String(), sb.String())
			fast, slow, err := readBoth(t, path)
			if err != nil || fast == nil {
				t.Fatalf("fast %v err %v", fast != nil, err)
			}
			if d := sameSheets(fast, slow, true); d != "" {
				t.Errorf("%.300s", d)
			}
		})
	}
}

func TestFastReaderLargeSST(t *testing.T) {
	pad := strings.Repeat("<si><t>"+strings.Repeat("p", 1000)+"</t></si>", 17000)
	sst := sstOf(`<si><t>a</t></si><extLst><si><t>nested</t></si></extLst><si><t>b</t></si>` + pad)
	sheet := sheetHead + `<row r="1"><c r="A1" t="s"><v>1</v></c></row></sheetData></worksheet>`
	bothAgree(t, writeParts(t, tempPath(t, "big.xlsx"), sst, sheet))
}

// TestFastReaderDamagedStyles: a raw read needs no styles, so a workbook
// whose styles.xml is damaged (which excelize refuses to open) imports.
func TestFastReaderDamagedStyles(t *testing.T) {
	path := writeZipFiles(t, tempPath(t, "styles.xlsx"),
		[2]string{"[Content_Types].xml", pkgCT}, [2]string{"_rels/.rels", pkgRootRels}, [2]string{"xl/workbook.xml", pkgWB},
		[2]string{"xl/_rels/workbook.xml.rels", pkgWBRels}, [2]string{"xl/worksheets/sheet1.xml", pkgSheet},
		[2]string{"xl/styles.xml", `<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><fonts count="x"/></styleSheet>`})
	fast, _, err := readBoth(t, path)
	if err == nil {
		t.Fatal("excelize opened a workbook with a damaged styles part; the test's premise is gone")
	}
	if fast == nil || len(fast.Sheets) != 1 || fast.Sheets[0].Rows[0][0] != "1" {
		t.Fatalf("fast reader: %+v", fast)
	}
}
