//go:build ignore

// gen writes the corpus files made in Go: excelize-*.xlsx from data.json,
// and trait-*.xlsx, made-up workbooks whose XML is written by hand to have
// one trait of real files each (see README.md). From the repository root:
//
//	go run ./data/importer/testdata/corpus/gen.go OUT data.json
package main

import (
	"archive/zip"
	"encoding/json"
	"fmt"
	"html"
	"log"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

type table struct {
	Sheet  string    `json:"sheet"`
	Merges []string  `json:"merges"`
	Widths []float64 `json:"widths"`
	Rows   [][]any   `json:"rows"`
}

func main() {
	if len(os.Args) != 3 {
		log.Fatal("usage: go run gen.go OUT data.json")
	}
	out := os.Args[1]
	b, err := os.ReadFile(os.Args[2])
	if err != nil {
		log.Fatal(err)
	}
	var data map[string]table
	if err := json.Unmarshal(b, &data); err != nil {
		log.Fatal(err)
	}
	for key, t := range data {
		if err := writeExcelize(filepath.Join(out, "excelize-"+key+".xlsx"), t); err != nil {
			log.Fatal(err)
		}
	}
	for name, parts := range traits() {
		if err := writeParts(filepath.Join(out, "trait-"+name+".xlsx"), parts); err != nil {
			log.Fatal(err)
		}
	}
}

func writeExcelize(path string, t table) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", t.Sheet); err != nil {
		return err
	}
	dateStyle, _ := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	bold, _ := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	for r, row := range t.Rows {
		for c, v := range row {
			ref, _ := excelize.CoordinatesToCellName(c+1, r+1)
			switch v := v.(type) {
			case nil:
			case map[string]any:
				if d, ok := v["date"].(string); ok {
					tm, err := time.Parse("2006-01-02", d)
					if err != nil {
						return err
					}
					f.SetCellValue(t.Sheet, ref, tm)
					f.SetCellStyle(t.Sheet, ref, ref, dateStyle)
					continue
				}
				var runs []excelize.RichTextRun
				for _, run := range v["rich"].([]any) {
					run := run.([]any)
					rt := excelize.RichTextRun{Text: run[0].(string)}
					if run[1].(bool) {
						rt.Font = &excelize.Font{Bold: true}
					}
					runs = append(runs, rt)
				}
				if err := f.SetCellRichText(t.Sheet, ref, runs); err != nil {
					return err
				}
			default:
				f.SetCellValue(t.Sheet, ref, v)
			}
		}
	}
	for _, m := range t.Merges {
		a, b, _ := strings.Cut(m, ":")
		if err := f.MergeCell(t.Sheet, a, b); err != nil {
			return err
		}
	}
	for i, w := range t.Widths {
		col, _ := excelize.ColumnNumberToName(i + 1)
		f.SetColWidth(t.Sheet, col, col, w)
	}
	headerRow := 1
	if len(t.Merges) > 0 && strings.HasPrefix(t.Merges[0], "A1:") {
		headerRow = 2 // a title row above the headings
	}
	last, _ := excelize.CoordinatesToCellName(len(t.Rows[headerRow-1]), headerRow)
	f.SetCellStyle(t.Sheet, fmt.Sprintf("A%d", headerRow), last, bold)
	return f.SaveAs(path)
}

func ptr[T any](v T) *T { return &v }

// A trait workbook is its parts by name; writeParts adds the package parts
// every workbook needs unless the trait gives its own.
type parts map[string]string

const (
	nsMain = `http://schemas.openxmlformats.org/spreadsheetml/2006/main`
	nsRel  = `http://schemas.openxmlformats.org/officeDocument/2006/relationships`
)

// sheetSpec is one sheet of a trait workbook: its rows as XML, and its
// state (visible, hidden, veryHidden).
type sheetSpec struct {
	name, state, xml string
}

// workbook makes the parts of a workbook of these sheets, with a shared
// string table if sst is not empty.
func workbook(sst string, sheets ...sheetSpec) parts {
	p := parts{}
	var wbSheets, rels, types strings.Builder
	for i, s := range sheets {
		state := ""
		if s.state != "" {
			state = ` state="` + s.state + `"`
		}
		fmt.Fprintf(&wbSheets, `<sheet name="%s" sheetId="%d"%s r:id="rId%d"/>`, html.EscapeString(s.name), i+1, state, i+1)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/worksheet" Target="worksheets/sheet%d.xml"/>`, i+1, nsRel, i+1)
		fmt.Fprintf(&types, `<Override PartName="/xl/worksheets/sheet%d.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`, i+1)
		p[fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1)] = s.xml
	}
	n := len(sheets)
	fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/styles" Target="styles.xml"/>`, n+1, nsRel)
	if sst != "" {
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="%s/sharedStrings" Target="sharedStrings.xml"/>`, n+2, nsRel)
		types.WriteString(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>`)
		p["xl/sharedStrings.xml"] = sst
	}
	p["[Content_Types].xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
		`<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>` +
		`<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>` +
		types.String() + `</Types>`
	p["_rels/.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="` + nsRel + `/officeDocument" Target="xl/workbook.xml"/></Relationships>`
	p["xl/_rels/workbook.xml.rels"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` + rels.String() + `</Relationships>`
	p["xl/workbook.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<workbook xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheets>` + wbSheets.String() + `</sheets></workbook>`
	p["xl/styles.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<styleSheet xmlns="` + nsMain + `"><numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd"/></numFmts>` +
		`<fonts count="1"><font><sz val="11"/><name val="等线"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills>` +
		`<borders count="1"><border/></borders><cellStyleXfs count="1"><xf/></cellStyleXfs>` +
		`<cellXfs count="3"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="49" applyNumberFormat="1"/></cellXfs></styleSheet>`
	return p
}

// sheet wraps rows in a worksheet part.
func sheet(rows string) string {
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `"><sheetData>` + rows + `</sheetData></worksheet>`
}

// row writes one row of inline strings and numbers (a float64 is a number,
// a time.Time a date serial with the date style); nil leaves a cell out.
func row(r int, cells ...any) string {
	var b strings.Builder
	fmt.Fprintf(&b, `<row r="%d">`, r)
	for i, v := range cells {
		ref, _ := excelize.CoordinatesToCellName(i+1, r)
		switch v := v.(type) {
		case nil:
		case float64:
			fmt.Fprintf(&b, `<c r="%s"><v>%v</v></c>`, ref, v)
		case time.Time:
			fmt.Fprintf(&b, `<c r="%s" s="1"><v>%v</v></c>`, ref, serial(v))
		case string:
			fmt.Fprintf(&b, `<c r="%s" t="inlineStr"><is><t>%s</t></is></c>`, ref, html.EscapeString(v))
		}
	}
	b.WriteString(`</row>`)
	return b.String()
}

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// rosterRows is a small made-up roster from row first on.
func rosterRows(first int, people [][]any) string {
	var b strings.Builder
	b.WriteString(row(first, "工号", "姓名", "部门", "岗位", "入职日期"))
	for i, p := range people {
		b.WriteString(row(first+1+i, p...))
	}
	return b.String()
}

var (
	fourPeople = [][]any{
		{"A01", "马一鸣", "综合部", "主任", day("2018-03-01")},
		{"A02", "宋二丫", "综合部", "文员", day("2020-07-15")},
		{"A03", "唐三彩", "工程部", "工程师", day("2019-11-04")},
		{"A04", "韩四海", "工程部", "工程师", day("2022-01-10")},
	}
	leavers = [][]any{
		{"A05", "曹五洲", "工程部", "工程师", day("2017-05-02")},
		{"A06", "彭六顺", "综合部", "文员", day("2016-09-19")},
	}
)

func traits() map[string]parts {
	t := map[string]parts{}
	// An empty shared string table, one self-closing element, as some
	// writers leave it when every string is inline.
	t["empty-sst"] = workbook(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="`+nsMain+`" count="0" uniqueCount="0"/>`,
		sheetSpec{name: "花名册", xml: sheet(rosterRows(1, fourPeople))})
	// A sheet with no rows at all (<sheetData/>) before the roster.
	p := workbook("", sheetSpec{name: "封面", xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="` + nsMain + `"><dimension ref="A1"/><sheetData/></worksheet>`},
		sheetSpec{name: "花名册", xml: sheet(rosterRows(1, fourPeople))})
	t["no-rows"] = p
	// A heading row whose last cell is in column XFD, the 16,384th: a
	// stray note far to the right, as a sheet edited for years has.
	wide := rosterRows(1, fourPeople)
	wide = strings.Replace(wide, `</row>`, `<c r="XFD1" t="inlineStr"><is><t>版本 2024-01</t></is></c></row>`, 1)
	t["wide-row"] = workbook("", sheetSpec{name: "花名册", xml: sheet(wide)})
	// The headings in row 30, under a title and 28 lines of instructions.
	var top strings.Builder
	top.WriteString(row(1, "员工信息导入模板"))
	for i := 2; i < 30; i++ {
		top.WriteString(row(i, fmt.Sprintf("%d. 填写说明：第 %d 条，请按要求填写，不要改动表头。", i-1, i-1)))
	}
	t["header-row30"] = workbook("", sheetSpec{name: "导入", xml: sheet(top.String() + rosterRows(30, fourPeople))})
	// Hidden sheets: a drop-down list and an old roster (hidden, very
	// hidden), which are not what the user sees and not imported.
	lists := row(1, "部门") + row(2, "综合部") + row(3, "工程部") + row(4, "财务部")
	t["hidden-sheets"] = workbook("",
		sheetSpec{name: "花名册", xml: sheet(rosterRows(1, fourPeople))},
		sheetSpec{name: "下拉选项", state: "hidden", xml: sheet(lists)},
		sheetSpec{name: "旧花名册", state: "veryHidden", xml: sheet(rosterRows(1, leavers))})
	// 在职 and 离职 sheets: the people on 离职 have left.
	t["left-sheet"] = workbook("",
		sheetSpec{name: "在职", xml: sheet(rosterRows(1, fourPeople))},
		sheetSpec{name: "离职", xml: sheet(rosterRows(1, leavers))})
	// A roster laid out for printing, after a WPS-saved payroll ledger:
	// page blocks, each with a title merged across, its headings (the
	// second block with 工号 and 姓名 swapped), a subtotal row and a
	// signature line merged across.
	title, footer := "员工花名册（按页打印）", "制表：综合部　审核：　日期："
	across := func(r int, v string) string { return row(r, v, v, v, v, v, v) }
	pages := across(1, title) +
		row(2, "序号", "姓名", "工号", "部门", "岗位", "入职日期") +
		row(3, 1.0, "马一鸣", "A01", "综合部", "主任", day("2018-03-01")) +
		row(4, 2.0, "宋二丫", "A02", "综合部", "文员", day("2020-07-15")) +
		row(5, "综合部小计", nil, nil, nil, nil, nil) +
		across(6, footer) + across(7, title) +
		row(8, "序号", "工号", "姓名", "部门", "岗位", "入职日期") +
		row(9, 3.0, "A03", "唐三彩", "工程部", "工程师", day("2019-11-04")) +
		row(10, 4.0, "A04", "韩四海", "工程部", "工程师", day("2022-01-10")) +
		row(11, "工程部小计", nil, nil, nil, nil, nil) +
		across(12, footer)
	t["page-blocks"] = workbook("", sheetSpec{name: "花名册", xml: strings.Replace(sheet(pages), `</sheetData>`,
		`</sheetData><mergeCells count="4"><mergeCell ref="A1:F1"/><mergeCell ref="A6:F6"/><mergeCell ref="A7:F7"/><mergeCell ref="A12:F12"/></mergeCells>`, 1)})
	t["excel-like"] = excelLike()
	t["wps-like"] = wpsLike()
	t["prefixed-norefs"] = prefixedNoRefs()
	return t
}

// excelLike is a roster as Excel 2016 and later writes one (after a
// file of a .NET import library's tests): mc:Ignorable revision
// namespaces, xr:uid, x14ac:dyDescent, spans, styled empty cells, the
// table from column C (A and B empty but styled), and a shared string
// table whose every item carries <phoneticPr> and one a phonetic run.
func excelLike() parts {
	var sst []string
	idx := map[string]int{}
	str := func(s string) int {
		if i, ok := idx[s]; ok {
			return i
		}
		idx[s] = len(sst)
		si := `<si><t>` + html.EscapeString(s) + `</t><phoneticPr fontId="1" type="noConversion"/></si>`
		if s == "唐三彩" {
			si = `<si><r><rPr><b/><sz val="11"/><rFont val="等线"/><charset val="134"/></rPr><t>唐</t></r><r><rPr><sz val="11"/><rFont val="等线"/><charset val="134"/></rPr><t>三彩</t></r><rPh sb="0" eb="1"><t>タン</t></rPh><phoneticPr fontId="1" type="noConversion"/></si>`
		}
		sst = append(sst, si)
		return idx[s]
	}
	var rows strings.Builder
	all := append([][]any{{"工号", "姓名", "部门", "岗位", "入职日期"}}, fourPeople...)
	for r, p := range all {
		fmt.Fprintf(&rows, `<row r="%d" spans="1:7" x14ac:dyDescent="0.25">`, r+1)
		fmt.Fprintf(&rows, `<c r="A%d" s="2"/><c r="B%d" s="2"/>`, r+1, r+1)
		for c, v := range p {
			ref, _ := excelize.CoordinatesToCellName(c+3, r+1)
			switch v := v.(type) {
			case string:
				fmt.Fprintf(&rows, `<c r="%s" s="2" t="s"><v>%d</v></c>`, ref, str(v))
			case time.Time:
				fmt.Fprintf(&rows, `<c r="%s" s="1"><v>%v</v></c>`, ref, serial(v))
			}
		}
		rows.WriteString(`</row>`)
	}
	p := workbook(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\r\n"+
		`<sst xmlns="`+nsMain+`" count="`+fmt.Sprint(len(sst))+`" uniqueCount="`+fmt.Sprint(len(sst))+`">`+strings.Join(sst, "")+`</sst>`,
		sheetSpec{name: "花名册", xml: `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\r\n" +
			`<worksheet xmlns="` + nsMain + `" xmlns:r="` + nsRel + `" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr xr2 xr3" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision" xmlns:xr2="http://schemas.microsoft.com/office/spreadsheetml/2015/revision2" xmlns:xr3="http://schemas.microsoft.com/office/spreadsheetml/2016/revision3" xr:uid="{00000000-0001-0000-0000-000000000000}">` +
			`<dimension ref="A1:G5"/><sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="C1" sqref="C1"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="14.25" x14ac:dyDescent="0.2"/>` +
			`<cols><col min="1" max="2" width="4" style="2" customWidth="1"/><col min="3" max="7" width="12" style="2" customWidth="1"/></cols>` +
			`<sheetData>` + rows.String() + `</sheetData><phoneticPr fontId="1" type="noConversion"/><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
			`<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="0" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main"/></ext></extLst></worksheet>`})
	p["docProps/app.xml"] = appXML("Microsoft Excel", "16.0300")
	addDocProps(p)
	return p
}

// wpsLike is a roster as WPS 表格 writes one (after WPS-saved import
// templates): the etc namespace, a <col> range out to column 16,384, a
// title merged over the headings, 部门 from a drop-down whose list is on a
// hidden sheet, and KSOProductBuildVer in docProps/custom.xml.
func wpsLike() parts {
	ns := `xmlns="` + nsMain + `" xmlns:r="` + nsRel + `" xmlns:xdr="http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" xmlns:etc="http://www.wps.cn/officeDocument/2017/etCustomData"`
	rows := strings.Replace(row(1, "员工花名册"), `<row r="1">`, `<row r="1" spans="1:5" ht="28" customHeight="1">`, 1) +
		strings.ReplaceAll(rosterRows(2, fourPeople), `">`+`<c r=`, `" spans="1:5">`+`<c r=`)
	head := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + ns + `><sheetPr/><dimension ref="A1:E6"/>` +
		`<sheetViews><sheetView tabSelected="1" workbookViewId="0"><pane ySplit="2" topLeftCell="A3" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A3" sqref="A3"/></sheetView></sheetViews>` +
		`<sheetFormatPr defaultColWidth="9" defaultRowHeight="13.5" outlineLevelCol="4"/><cols><col min="1" max="4" width="12" style="1" customWidth="1"/><col min="5" max="16384" width="9" style="1"/></cols><sheetData>`
	tail := `</sheetData><mergeCells count="1"><mergeCell ref="A1:E1"/></mergeCells>` +
		`<dataValidations count="1"><dataValidation type="list" allowBlank="1" showErrorMessage="1" sqref="C3:C1048576"><formula1>hidden_部门!$A$1:$A$3</formula1></dataValidation></dataValidations>` +
		`<pageMargins left="0.75" right="0.75" top="1" bottom="1" header="0.5" footer="0.5"/><headerFooter/></worksheet>`
	lists := `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<worksheet ` + ns + `><sheetPr/><dimension ref="A1:A3"/><sheetData>` +
		row(1, "综合部") + row(2, "工程部") + row(3, "财务部") + `</sheetData></worksheet>`
	p := workbook("", sheetSpec{name: "花名册", xml: head + rows + tail}, sheetSpec{name: "hidden_部门", state: "hidden", xml: lists})
	p["docProps/app.xml"] = appXML("WPS 表格", "")
	p["docProps/custom.xml"] = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="KSOProductBuildVer"><vt:lpwstr>2052-12.1.0.00000</vt:lpwstr></property></Properties>`
	addDocProps(p)
	return p
}

// prefixedNoRefs is a roster in x:-prefixed SpreadsheetML (as writers
// built on the .NET Open XML SDK emit it) whose rows and cells carry no r:
// each row follows the one before, each cell the one before it.
func prefixedNoRefs() parts {
	var rows strings.Builder
	all := append([][]any{{"工号", "姓名", "部门", "岗位", "入职日期"}}, fourPeople...)
	for _, p := range all {
		rows.WriteString(`<x:row>`)
		for _, v := range p {
			switch v := v.(type) {
			case string:
				fmt.Fprintf(&rows, `<x:c t="inlineStr"><x:is><x:t>%s</x:t></x:is></x:c>`, html.EscapeString(v))
			case time.Time:
				fmt.Fprintf(&rows, `<x:c s="1"><x:v>%v</x:v></x:c>`, serial(v))
			}
		}
		rows.WriteString(`</x:row>`)
	}
	p := workbook("", sheetSpec{name: "花名册", xml: `<?xml version="1.0" encoding="utf-8"?><x:worksheet xmlns:x="` + nsMain + `"><x:sheetData>` + rows.String() + `</x:sheetData></x:worksheet>`})
	p["xl/workbook.xml"] = `<?xml version="1.0" encoding="utf-8"?><x:workbook xmlns:r="` + nsRel + `" xmlns:x="` + nsMain + `"><x:sheets><x:sheet name="花名册" sheetId="1" r:id="rId1"/></x:sheets></x:workbook>`
	return p
}

func serial(t time.Time) float64 {
	return t.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
}

func appXML(app, version string) string {
	v := ""
	if version != "" {
		v = `<AppVersion>` + version + `</AppVersion>`
	}
	return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>` + app + `</Application>` + v + `</Properties>`
}

// addDocProps lists docProps/app.xml (and custom.xml) in the package.
func addDocProps(p parts) {
	rels := `<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>`
	types := `<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>`
	if _, ok := p["docProps/custom.xml"]; ok {
		rels += `<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties" Target="docProps/custom.xml"/>`
		types += `<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-officedocument.custom-properties+xml"/>`
	}
	p["_rels/.rels"] = strings.Replace(p["_rels/.rels"], `</Relationships>`, rels+`</Relationships>`, 1)
	p["[Content_Types].xml"] = strings.Replace(p["[Content_Types].xml"], `</Types>`, types+`</Types>`, 1)
}

// writeParts writes a workbook's parts in a stable order, [Content_Types]
// first as Office does.
func writeParts(path string, p parts) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw := zip.NewWriter(f)
	names := []string{"[Content_Types].xml"}
	for name := range p {
		if name != names[0] {
			names = append(names, name)
		}
	}
	sort.Strings(names[1:])
	for _, name := range names {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)})
		if err != nil {
			return err
		}
		if _, err := w.Write([]byte(p[name])); err != nil {
			return err
		}
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}
