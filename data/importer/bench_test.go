package importer

import (
	"archive/zip"
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"staffplan/data/store"
)

// benchRows is the size of the benchmark roster.
const benchRows = 100_000

var (
	benchOnce sync.Once
	benchFile string
	benchErr  error
)

// benchRoster returns a 100,000-row, 14-column roster in which every text
// is a shared string, as Excel and LibreOffice write them. excelize's
// StreamWriter writes inline strings, so its output is rewritten to use
// xl/sharedStrings.xml. The file is kept in the temporary folder between
// runs so a memory measurement of the import does not include making it.
func benchRoster(b testing.TB) string {
	benchOnce.Do(func() {
		benchFile = filepath.Join(os.TempDir(), fmt.Sprintf("staffplan-import-bench-%d-v1.xlsx", benchRows))
		if _, err := os.Stat(benchFile); err == nil {
			return
		}
		benchErr = makeBenchRoster(benchFile, benchRows)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchFile
}

func makeBenchRoster(dest string, nrows int) error {
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		return err
	}
	header := []any{"工号", "姓名", "一级部门", "二级部门", "岗位名称", "直属上级", "入职日期", "在职状态", "用工形式", "职级", "身份证号", "手机号码", "备注", "性别"}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	depts := []string{"销售部", "研发部", "生产部", "财务部", "行政人事部", "客户服务部", "工程维修部", "品质部"}
	posts := []string{"专员", "主管", "经理", "工程师", "操作工", "文员"}
	grades := []string{"P1", "P2", "P3", "C1- 4", "L3", "3C(10)"}
	hire := time.Date(2010, 1, 1, 0, 0, 0, 0, time.UTC)
	for i := 0; i < nrows; i++ {
		d := depts[i%len(depts)]
		team := fmt.Sprintf("%s%d组", d, i%50)
		mgr := ""
		if i%100 != 0 {
			mgr = fmt.Sprintf("E%06d", i-i%100)
		}
		post := posts[i%len(posts)]
		if i%100 == 0 {
			post = "组长"
		}
		row := []any{
			fmt.Sprintf("E%06d", i), fmt.Sprintf("员工%d", i), d, team, post, mgr,
			hire.AddDate(0, 0, i%5000).Format("2006-01-02"), "在职", "全职", grades[i%len(grades)],
			fmt.Sprintf("1101011990%08d", i), fmt.Sprintf("138%08d", i), "", []string{"男", "女"}[i%2],
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		if err := sw.SetRow(cell, row); err != nil {
			return err
		}
	}
	if err := sw.Flush(); err != nil {
		return err
	}
	tmp := dest + ".inline.xlsx"
	if err := f.SaveAs(tmp); err != nil {
		return err
	}
	defer os.Remove(tmp)
	return toSharedStrings(tmp, dest)
}

var inlineRe = regexp.MustCompile(`<c r="([A-Z]+[0-9]+)"((?: [a-z]+="[^"]*")*) t="inlineStr"><is><t(?: xml:space="preserve")?>([^<]*)</t></is></c>`)

// toSharedStrings rewrites inline strings of every sheet into a shared
// string table.
func toSharedStrings(src, dest string) error {
	zr, err := zip.OpenReader(src)
	if err != nil {
		return err
	}
	defer zr.Close()
	out, err := os.Create(dest + ".tmp")
	if err != nil {
		return err
	}
	zw := zip.NewWriter(out)
	index := map[string]int{}
	var sst []string
	count := 0
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			return err
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			return err
		}
		switch {
		case filepath.Dir(f.Name) == "xl/worksheets":
			data = inlineRe.ReplaceAllFunc(data, func(m []byte) []byte {
				sub := inlineRe.FindSubmatch(m)
				var text bytes.Buffer
				if err := xml.Unmarshal(append(append([]byte("<t>"), sub[3]...), "</t>"...), new(struct{})); err == nil {
					text.Write(sub[3]) // still escaped, which is how it goes into the table
				}
				s := text.String()
				i, ok := index[s]
				if !ok {
					i = len(sst)
					index[s] = i
					sst = append(sst, s)
				}
				count++
				return []byte(`<c r="` + string(sub[1]) + `"` + string(sub[2]) + ` t="s"><v>` + strconv.Itoa(i) + `</v></c>`)
			})
		case f.Name == "[Content_Types].xml" && !bytes.Contains(data, []byte("sharedStrings")):
			data = bytes.Replace(data, []byte("</Types>"), []byte(`<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`), 1)
		case f.Name == "xl/_rels/workbook.xml.rels" && !bytes.Contains(data, []byte("sharedStrings")):
			data = bytes.Replace(data, []byte("</Relationships>"), []byte(`<Relationship Id="rIdSST" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`), 1)
		case f.Name == "xl/sharedStrings.xml":
			continue
		}
		w, err := zw.Create(f.Name)
		if err != nil {
			return err
		}
		if _, err := w.Write(data); err != nil {
			return err
		}
	}
	w, err := zw.Create("xl/sharedStrings.xml")
	if err != nil {
		return err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`+"\n"+`<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="%d" uniqueCount="%d">`, count, len(sst))
	for _, s := range sst {
		b.WriteString("<si><t>" + s + "</t></si>")
	}
	b.WriteString("</sst>")
	if _, err := w.Write(b.Bytes()); err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Rename(dest+".tmp", dest)
}

// TestBenchRosterUsesSharedStrings guards the benchmark's premise.
func TestBenchRosterUsesSharedStrings(t *testing.T) {
	if testing.Short() {
		t.Skip("large file")
	}
	path := benchRoster(t)
	zr, err := zip.OpenReader(path)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			data, _ := io.ReadAll(rc)
			rc.Close()
			if bytes.Contains(data, []byte("inlineStr")) || !bytes.Contains(data, []byte(`t="s"`)) {
				t.Fatal("the sheet still has inline strings")
			}
		}
	}
	w := mustRead(t, path, nil)
	if n := len(w.Sheets[0].Rows); n != benchRows+1 || w.Sheets[0].Rows[5][1] != "员工4" {
		t.Fatalf("rows %d, row 6 = %v", n, w.Sheets[0].Rows[5])
	}
}

func BenchmarkBareRows(b *testing.B) {
	path := benchRoster(b)
	b.Run(fmt.Sprintf("rows=%d", benchRows), func(b *testing.B) {
		for b.Loop() {
			f, err := excelize.OpenFile(path)
			if err != nil {
				b.Fatal(err)
			}
			rows, err := f.Rows("Sheet1")
			if err != nil {
				b.Fatal(err)
			}
			n := 0
			for rows.Next() {
				cols, err := rows.Columns(excelize.Options{RawCellValue: true})
				if err != nil {
					b.Fatal(err)
				}
				n += len(cols)
			}
			rows.Close()
			f.Close()
			if n != (benchRows+1)*14 {
				b.Fatalf("%d cells", n)
			}
		}
	})
}

func BenchmarkImport(b *testing.B) {
	path := benchRoster(b)
	b.Run(fmt.Sprintf("rows=%d", benchRows), func(b *testing.B) {
		var peak uint64
		for b.Loop() {
			b.StopTimer()
			dir := b.TempDir()
			st, err := store.Open(filepath.Join(dir, "plans.db"), nil)
			if err != nil {
				b.Fatal(err)
			}
			stop := sampleHeap(&peak)
			b.StartTimer()
			w, err := Read(context.Background(), path, nil)
			if err != nil {
				b.Fatal(err)
			}
			p, err := Prepare(context.Background(), w, nil, nil)
			if err != nil {
				b.Fatal(err)
			}
			if !p.OK() || p.Created != benchRows {
				b.Fatalf("created %d, errors %v", p.Created, p.Errors[:min(3, len(p.Errors))])
			}
			if _, err := Commit(st, 0, p, nil); err != nil {
				b.Fatal(err)
			}
			b.StopTimer()
			stop()
			st.Close()
			b.StartTimer()
		}
		b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
	})
}

// sampleHeap records the largest heap in use until stop is called.
func sampleHeap(peak *uint64) (stop func()) {
	done := make(chan struct{})
	finished := make(chan struct{})
	go func() {
		defer close(finished)
		var m runtime.MemStats
		t := time.NewTicker(20 * time.Millisecond)
		defer t.Stop()
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > *peak {
				*peak = m.HeapInuse
			}
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	}()
	return func() { close(done); <-finished }
}

// BenchmarkSheetReaders times Read of rosters of several sizes with each
// reader, to place fastSheetBytes: the fast reader is used only for
// sheets whose XML is large enough for it to pay.
//
//	go test -run '^$' -bench '^BenchmarkSheetReaders$' ./data/importer
func BenchmarkSheetReaders(b *testing.B) {
	for _, n := range []int{100, 1_000, 10_000, 100_000} {
		path := filepath.Join(os.TempDir(), fmt.Sprintf("staffplan-import-bench-%d-v1.xlsx", n))
		if _, err := os.Stat(path); err != nil {
			if err := makeBenchRoster(path, n); err != nil {
				b.Fatal(err)
			}
		}
		size := sheetXMLSize(b, path)
		for _, reader := range []string{"excelize", "fast"} {
			b.Run(fmt.Sprintf("rows=%d/xml=%dKB/%s", n, size>>10, reader), func(b *testing.B) {
				for b.Loop() {
					w, err := Read(context.Background(), path, readerOptions(reader))
					if err != nil {
						b.Fatal(err)
					}
					if len(w.Sheets[0].Rows) != n+1 {
						b.Fatalf("%d rows", len(w.Sheets[0].Rows))
					}
				}
			})
		}
	}
}

// readerOptions makes Read use one reader for every sheet.
func readerOptions(reader string) *Options {
	if reader == "excelize" {
		return &Options{slowOnly: true}
	}
	return &Options{fastAlways: true}
}

// sheetXMLSize is the unpacked size of the first worksheet.
func sheetXMLSize(b testing.TB, path string) uint64 {
	zr, err := zip.OpenReader(path)
	if err != nil {
		b.Fatal(err)
	}
	defer zr.Close()
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			return f.UncompressedSize64
		}
	}
	b.Fatal("no sheet1.xml")
	return 0
}
