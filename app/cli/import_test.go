package cli

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"staffplan/app/core"
	"staffplan/app/internal/apptest"
	"staffplan/data/importer"
	"staffplan/data/store"
)

func TestCLIImportRosterIntoANewDatabase(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "花名册.xlsx")
	apptest.WriteRoster(t, file, [][]any{
		{"A001", "王一", "生产部", "班组长", "2019-03-01", "110101199001011234"},
		{"A002", "李二", "生产部", "操作工", "2020/5/6", "110101199001011235"},
		{"A003", "张三", "财务部", "会计", "2021年7月8日", "110101199001011236"},
	})
	db := filepath.Join(dir, "plans.db")
	code, out, errs := run(t, "import", file, "--db", db, "--json")
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	var sum map[string]any
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, k := range []string{"kind", "sheets", "header_row", "people", "units", "positions", "created", "updated", "unchanged", "skipped", "ignored_columns"} {
		if _, ok := sum[k]; !ok {
			t.Errorf("summary lacks %q", k)
		}
	}
	if sum["people"] != 3.0 || sum["created"] != 3.0 {
		t.Errorf("summary %v", sum)
	}
	if !strings.Contains(out, "身份证号") {
		t.Errorf("the ID-card column is not listed as ignored: %s", out)
	}
	_, out, _ = run(t, "show", "--db", db, "--json")
	var s ShowJSON
	_ = json.Unmarshal([]byte(out), &s)
	if s.Plan != "花名册" || s.People != 3 {
		t.Errorf("after import: plan %q, %d people", s.Plan, s.People)
	}
	// Nothing personal is stored: the ID numbers are nowhere in the file.
	b, _ := os.ReadFile(db)
	if strings.Contains(string(b), "110101199001011234") {
		t.Error("an ID-card number reached the database")
	}
}

func TestCLIImportDryRunAndBadFilesChangeNothing(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "plans.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	before, _ := os.ReadFile(db)
	file := filepath.Join(dir, "r.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"KF100", "新人", "生产部", "操作工", "2024-01-02", ""}})
	code, out, _ := run(t, "--lang", "en", "import", file, "--db", db, "--dry-run")
	if code != 0 || !strings.Contains(out, "1 new") {
		t.Errorf("dry run: %d %q", code, out)
	}
	junk := filepath.Join(dir, "roster.xlsx")
	os.WriteFile(junk, []byte("this is not a workbook at all, only text"), 0o600)
	code, _, errs := run(t, "--lang", "en", "import", junk, "--db", db)
	if code != core.ExitUser || !strings.Contains(errs, "roster.xlsx") {
		t.Errorf("renamed text file: %d %q", code, errs)
	}
	after, _ := os.ReadFile(db)
	if string(before) != string(after) {
		t.Error("a dry run or a failed import changed the database")
	}
	if code, _, _ := run(t, "import", file); code != core.ExitUsage {
		t.Errorf("import without --db: exit %d", code)
	}
}

// A staffing table exported by the program reads back with the same 编制
// per department: subtotal rows merged across the table are not posts.
func TestStaffingTableRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	file := filepath.Join(dir, "staffing.xlsx")
	if code, _, errs := run(t, "--lang", "zh", "export", "--db", db, "--kind", "staffing", "--out", file); code != 0 {
		t.Fatalf("export: %s", errs)
	}
	db2 := filepath.Join(dir, "b.db")
	if code, _, errs := run(t, "--lang", "zh", "import", file, "--db", db2, "--kind", "staffing"); code != 0 {
		t.Fatalf("import: %s", errs)
	}
	totals := func(db string) map[string]float64 {
		_, out, _ := run(t, "show", "--db", db, "--json")
		var s ShowJSON
		_ = json.Unmarshal([]byte(out), &s)
		m := map[string]float64{}
		for _, p := range s.Positions {
			if p.Status == "active" {
				m[p.Unit] += p.Planned
			}
			if strings.Contains(p.Title, "人)") {
				t.Errorf("a subtotal row became the post %q", p.Title)
			}
		}
		return m
	}
	a, b := totals(db), totals(db2)
	for unit, want := range a {
		if b[unit] != want {
			t.Errorf("%s: planned %v after the round trip, want %v", unit, b[unit], want)
		}
	}
	core.InitLang("en")
}

func TestCLIExportEveryKind(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	for _, c := range []struct{ kind, file, magic string }{
		{"staffing", "s.xlsx", "PK"}, {"roster", "r.xlsx", "PK"}, {"roster", "r.csv", "\xef\xbb\xbf"},
		{"descriptions", "d.xlsx", "PK"}, {"orgchart", "o.png", "\x89PNG"}, {"orgchart", "o.svg", "<"},
	} {
		out := filepath.Join(dir, c.file)
		if code, _, errs := run(t, "export", "--db", db, "--kind", c.kind, "--out", out); code != 0 {
			t.Errorf("%s %s: %s", c.kind, c.file, errs)
			continue
		}
		b, _ := os.ReadFile(out)
		if !strings.HasPrefix(string(b), c.magic) {
			t.Errorf("%s does not start like a %s file", c.file, c.file)
		}
	}
	svg, _ := os.ReadFile(filepath.Join(dir, "o.svg"))
	if !strings.Contains(string(svg), "行政人事部经理") {
		t.Error("the SVG chart lacks a post title")
	}
	code, _, errs := run(t, "--lang", "en", "export", "--db", db, "--kind", "staffing", "--out", filepath.Join(dir, "x.pdf"))
	if code != core.ExitUser || !strings.Contains(errs, "Cannot export") {
		t.Errorf("pdf: %d %q", code, errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "x.pdf")); err == nil {
		t.Error("a refused export left a file")
	}
}

// The import template, filled in, reads back with every column recognised
// and the plan's own departments and posts.
func TestImportTemplateFilledInImportsAsItIs(t *testing.T) {
	for _, lng := range []string{"zh", "en"} {
		dir := t.TempDir()
		db := filepath.Join(dir, "a.db")
		run(t, "new", "--template", "kangfei", "--db", db)
		file := filepath.Join(dir, "template.xlsx")
		if code, _, errs := run(t, "--lang", lng, "export", "--db", db, "--kind", "template", "--out", file); code != 0 {
			t.Fatalf("%s: export: %s", lng, errs)
		}
		f, err := excelize.OpenFile(file)
		if err != nil {
			t.Fatal(err)
		}
		sheet := f.GetSheetList()[0]
		dvs, _ := f.GetDataValidations(sheet)
		if len(dvs) != 4 {
			t.Errorf("%s: %d drop-down lists, want 4 (department, post, status, employment)", lng, len(dvs))
		}
		status, employ := "在职", "劳务派遣"
		if lng == "en" {
			status, employ = "active", "agency"
		}
		rows := [][]any{
			{"T001", "模板甲", "康飞塑业/生产部", "班组长", "M1", "2024-03-01", status, employ},
			{"T002", "模板乙", "康飞塑业/财务部", "出纳", "P2", "2024-04-01", status, employ},
		}
		for i, r := range rows {
			_ = f.SetSheetRow(sheet, fmt.Sprintf("A%d", i+2), &r)
		}
		if err := f.Save(); err != nil {
			t.Fatal(err)
		}
		f.Close()
		wb, err := core.ReadForImport(context.Background(), file, "", nil, "", nil)
		if err != nil {
			t.Fatal(err)
		}
		s := sheetShown(wb)
		for _, c := range s.Columns {
			if c.Field == "" || c.Confidence < 0.99 {
				t.Errorf("%s: column %q read as %q (%.2f)", lng, c.Header, c.Field, c.Confidence)
			}
		}
		st, err := store.Open(db, nil)
		if err != nil {
			t.Fatal(err)
		}
		plans, _ := st.Plans()
		before, _ := st.LoadPlan(plans[0].ID)
		p, err := importer.Prepare(context.Background(), wb, before, nil)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		if p.Created != 2 || len(p.NewUnits) != 0 || len(p.Warnings) != 0 || !p.OK() {
			t.Errorf("%s: created %d, new units %d, warnings %v, errors %v", lng, p.Created, len(p.NewUnits), p.Warnings, p.Errors)
		}
		for _, pos := range p.Positions {
			t.Errorf("%s: the import would create or change the post %+v", lng, pos)
		}
	}
	core.InitLang("en")
}

// Exporting a plan's roster and staffing table and importing them into a
// new database gives the same units, posts, 编制, people and assignments.
func TestExportImportRoundTrip(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "a.db")
	run(t, "new", "--template", "kangfei", "--db", db)
	roster, staffing := filepath.Join(dir, "roster.xlsx"), filepath.Join(dir, "staffing.xlsx")
	for kind, out := range map[string]string{"roster": roster, "staffing": staffing} {
		if code, _, errs := run(t, "--lang", "zh", "export", "--db", db, "--kind", kind, "--out", out); code != 0 {
			t.Fatalf("export %s: %s", kind, errs)
		}
	}
	db2 := filepath.Join(dir, "b.db")
	if code, _, errs := run(t, "--lang", "zh", "import", roster, "--db", db2); code != 0 {
		t.Fatalf("import roster: %s", errs)
	}
	if code, _, errs := run(t, "--lang", "zh", "import", staffing, "--db", db2, "--kind", "staffing"); code != 0 {
		t.Fatalf("import staffing: %s", errs)
	}
	show := func(db string) ShowJSON {
		_, out, _ := run(t, "show", "--db", db, "--json")
		var s ShowJSON
		if err := json.Unmarshal([]byte(out), &s); err != nil {
			t.Fatal(err)
		}
		sort.Slice(s.Positions, func(i, j int) bool {
			a, b := s.Positions[i], s.Positions[j]
			return a.Unit+a.Title < b.Unit+b.Title
		})
		return s
	}
	a, b := show(db), show(db2)
	if a.People != b.People || a.PeopleLeft != b.PeopleLeft {
		t.Errorf("people %d/%d left, after the round trip %d/%d", a.People, a.PeopleLeft, b.People, b.PeopleLeft)
	}
	units := func(s ShowJSON) string {
		var out []string
		for _, u := range s.Units {
			out = append(out, fmt.Sprintf("%s %v/%v %v/%v", u.Path, u.PlannedDirect, u.PlannedTotal, u.ActualDirect, u.ActualTotal))
		}
		sort.Strings(out)
		return strings.Join(out, "\n")
	}
	if ua, ub := units(a), units(b); ua != ub {
		t.Errorf("units differ:\n%s\n---\n%s", ua, ub)
	}
	posts := func(s ShowJSON) string {
		var out []string
		for _, p := range s.Positions {
			h := append([]string(nil), p.Holders...)
			sort.Strings(h)
			out = append(out, fmt.Sprintf("%s/%s %v %v %s %v", p.Unit, p.Title, p.Planned, p.Actual, p.Status, h))
		}
		return strings.Join(out, "\n")
	}
	if pa, pb := posts(a), posts(b); pa != pb {
		t.Errorf("posts differ:\n%s\n---\n%s", pa, pb)
	}
	core.InitLang("en")
}

// A file with no header row, mapped on the command line; a wrong field
// is bad usage, a column no sheet has is a data problem.
func TestCLIImportWithMapping(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "raw.xlsx")
	f := excelize.NewFile()
	for i, r := range [][]any{
		{"E1", "赵一", "财务部", "会计"},
		{"E2", "钱二", "财务部", "出纳"},
		{"E3", "孙三", "行政部", "文员"},
	} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = f.SetSheetRow("Sheet1", cell, &r)
	}
	if err := f.SaveAs(file); err != nil {
		t.Fatal(err)
	}
	db := filepath.Join(dir, "plans.db")
	if code, _, errs := run(t, "import", file, "--db", db, "--dry-run"); code != 1 {
		t.Errorf("without a mapping: exit %d (%s), want 1", code, errs)
	}
	if code, _, errs := run(t, "import", file, "--db", db, "--header-row", "0", "--map", "A=emp_no", "--map", "B=nom"); code != 2 || !strings.Contains(errs, "nom") {
		t.Errorf("unknown field: exit %d %q, want 2 naming it", code, errs)
	}
	if code, _, errs := run(t, "import", file, "--db", db, "--header-row", "0", "--map", "工号=emp_no"); code != 1 || !strings.Contains(errs, "工号") {
		t.Errorf("unknown column: exit %d %q, want 1 naming it", code, errs)
	}
	code, out, errs := run(t, "import", file, "--db", db, "--kind", "roster", "--header-row", "0",
		"--map", "A=emp_no", "--map", "B=name", "--map", "C=unit", "--map", "D=position", "--json")
	if code != 0 {
		t.Fatalf("import: %d %s", code, errs)
	}
	var sum importer.Summary
	if err := json.Unmarshal([]byte(out), &sum); err != nil {
		t.Fatal(err)
	}
	if sum.People != 3 || sum.Units != 2 || sum.Positions != 3 || sum.HeaderRow["Sheet1"] != 0 {
		t.Errorf("summary %+v", sum)
	}
}

// sheetShown is the sheet whose columns the window's mapping step shows
// (gui's mainSheet; the command line has no such step).
func sheetShown(wb *importer.Workbook) *importer.Sheet {
	for _, s := range wb.Sheets {
		if s.Role != importer.RoleSkip && s.HeaderRow >= 0 {
			return s
		}
	}
	if len(wb.Sheets) > 0 {
		return wb.Sheets[0]
	}
	return nil
}
