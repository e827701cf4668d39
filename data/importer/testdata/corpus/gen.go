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
		`<cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/></cellXfs></styleSheet>`
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
			serial := v.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24
			fmt.Fprintf(&b, `<c r="%s" s="1"><v>%v</v></c>`, ref, serial)
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
	return t
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
