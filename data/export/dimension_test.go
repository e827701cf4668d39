package export

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"testing"

	"github.com/xuri/excelize/v2"

	"staffplan/assets"
	"staffplan/data/calc"
	"staffplan/data/model"
)

// everyWorkbook is each xlsx export of the sample plan, by name.
func everyWorkbook(t *testing.T, opt Options) map[string][]byte {
	t.Helper()
	d := kangfei(t)
	raw, err := fs.ReadFile(assets.CalcRules(), "call-centre.json")
	if err != nil {
		t.Fatal(err)
	}
	sheet, err := calc.Parse(raw)
	if err != nil {
		t.Fatal(err)
	}
	out := map[string][]byte{}
	for name, fn := range map[string]func(io.Writer, *model.PlanData, Options) error{
		"staffing": StaffingWorkbook, "roster": RosterWorkbook, "descriptions": DescriptionsWorkbook,
		"template": TemplateWorkbook,
		"calc":     func(w io.Writer, d *model.PlanData, o Options) error { return CalcReportWorkbook(w, d, sheet, o) },
	} {
		var buf bytes.Buffer
		if err := fn(&buf, d, opt); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		out[name] = buf.Bytes()
	}
	return out
}

var sheetPart = regexp.MustCompile(`^xl/worksheets/sheet\d+\.xml$`)

// sheetXMLRange reads a worksheet part: its declared dimension and the
// bounding box of the cells that hold a value and of the merged ranges.
func sheetXMLRange(t *testing.T, part []byte) (declared, used string) {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(part))
	maxCol, maxRow := 0, 0
	grow := func(ref string) {
		c, r, err := excelize.CellNameToCoordinates(ref)
		if err != nil {
			t.Fatalf("cell %q: %v", ref, err)
		}
		maxCol, maxRow = max(maxCol, c), max(maxRow, r)
	}
	var cell string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		switch el := tok.(type) {
		case xml.StartElement:
			attr := func(name string) string {
				for _, a := range el.Attr {
					if a.Name.Local == name {
						return a.Value
					}
				}
				return ""
			}
			switch el.Name.Local {
			case "dimension":
				declared = attr("ref")
			case "c":
				cell = attr("r")
			case "v", "is":
				if cell != "" {
					grow(cell)
				}
			case "mergeCell":
				if ref := attr("ref"); ref != "" {
					if i := bytes.IndexByte([]byte(ref), ':'); i >= 0 {
						grow(ref[i+1:])
					}
				}
			}
		case xml.EndElement:
			if el.Name.Local == "c" {
				cell = ""
			}
		}
	}
	used, err := rangeRef(maxCol, maxRow)
	if err != nil {
		t.Fatal(err)
	}
	return declared, used
}

// Every sheet of every export declares the range its cells really use;
// excelize's default "A1" made readers that trust it see one cell.
func TestEverySheetDeclaresItsUsedRange(t *testing.T) {
	for _, lang := range []string{"zh", "en"} {
		for name, b := range everyWorkbook(t, Options{Lang: lang, Date: testDate}) {
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, zf := range zr.File {
				if !sheetPart.MatchString(zf.Name) {
					continue
				}
				rc, err := zf.Open()
				if err != nil {
					t.Fatal(err)
				}
				part, _ := io.ReadAll(rc)
				rc.Close()
				declared, used := sheetXMLRange(t, part)
				if declared != used {
					t.Errorf("%s (%s) %s: <dimension ref=%q>, cells use %s", name, lang, zf.Name, declared, used)
				}
				n++
			}
			if n == 0 {
				t.Errorf("%s: no worksheets", name)
			}
		}
	}
}

// pythonWithOpenpyxl finds a python3 that can import openpyxl, or skips.
func pythonWithOpenpyxl(t *testing.T) string {
	t.Helper()
	for _, p := range []string{"python3", "/usr/bin/python3"} {
		bin, err := exec.LookPath(p)
		if err != nil {
			continue
		}
		if exec.Command(bin, "-c", "import openpyxl").Run() == nil {
			return bin
		}
	}
	t.Skip("python3 with openpyxl is not installed")
	return ""
}

// openpyxl in read-only mode trusts the declared range: it must read as
// many rows and columns as a full load does (one row of the 26-row roster
// before the fix).
func TestOpenpyxlReadOnlyReadsEveryRow(t *testing.T) {
	py := pythonWithOpenpyxl(t)
	dir := t.TempDir()
	var files []string
	for name, b := range everyWorkbook(t, Options{Date: testDate}) {
		p := filepath.Join(dir, name+".xlsx")
		if err := os.WriteFile(p, b, 0o600); err != nil {
			t.Fatal(err)
		}
		files = append(files, p)
	}
	sort.Strings(files)
	const script = `
import json, sys, openpyxl
out = {}
for path in sys.argv[1:]:
    ro = openpyxl.load_workbook(path, read_only=True)
    full = openpyxl.load_workbook(path)
    for ws in full.worksheets:
        r = ro[ws.title]
        rows = [row for row in r.iter_rows(values_only=True)]
        last = max([i + 1 for i, row in enumerate(rows) if any(v is not None for v in row)] or [0])
        want = max([c.row for row in ws.iter_rows() for c in row if c.value is not None] or [0])
        out[path.rsplit("/", 1)[-1] + "!" + ws.title] = [last, want, r.max_row or 0]
print(json.dumps(out))
`
	cmd := exec.Command(py, append([]string{"-c", script}, files...)...)
	b, err := cmd.Output()
	if err != nil {
		t.Fatalf("openpyxl: %v", err)
	}
	var got map[string][3]int
	if err := json.Unmarshal(b, &got); err != nil {
		t.Fatalf("%v: %s", err, b)
	}
	if len(got) < 5 {
		t.Fatalf("openpyxl read %d sheets", len(got))
	}
	for sheet, v := range got {
		if v[0] != v[1] || v[2] < v[1] {
			t.Errorf("%s: read-only mode reads %d rows (declares %d), the sheet has %d", sheet, v[0], v[2], v[1])
		}
	}
	if v := got["roster.xlsx!花名册"]; v[0] != 25 {
		t.Errorf("roster in read-only mode: %d rows, want 25 (header and 24 staff)", v[0])
	}
}

var brkRe = regexp.MustCompile(`<brk id="(\d+)"[^>]*man="(?:1|true)"`)

// sheetPartBytes returns one part of an xlsx file.
func sheetPartBytes(t *testing.T, xlsx []byte, name string) []byte {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(xlsx), int64(len(xlsx)))
	if err != nil {
		t.Fatal(err)
	}
	for _, zf := range zr.File {
		if zf.Name == name {
			rc, err := zf.Open()
			if err != nil {
				t.Fatal(err)
			}
			defer rc.Close()
			b, _ := io.ReadAll(rc)
			return b
		}
	}
	t.Fatalf("no %s", name)
	return nil
}
