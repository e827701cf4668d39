package export

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"io/fs"
	"strings"
	"testing"
	"time"
	"unicode"

	"github.com/xuri/excelize/v2"

	"staffplan/assets"
	"staffplan/data/calc"
	"staffplan/data/model"
)

// latinPlan is a plan whose own text is all Latin, with every status,
// employment type and unit kind used: whatever Chinese an English export
// of it shows comes from the program, not the plan.
func latinPlan() *model.PlanData {
	d := &model.PlanData{Plan: model.Plan{ID: 1, Name: "Acme plan", Organisation: "Acme Ltd", Notes: "draft",
		Effective: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}}
	for i, k := range model.UnitKinds {
		u := model.Unit{ID: model.ID(1 + i), Name: fmt.Sprintf("Unit %d", i), Kind: k, Order: i}
		if i > 0 {
			u.Parent = 1
		}
		d.Units = append(d.Units, u)
	}
	id := model.ID(100)
	for si, st := range model.PositionStatuses {
		for ei, em := range model.EmploymentTypes {
			id++
			d.Positions = append(d.Positions, model.Position{ID: id, Title: fmt.Sprintf("Post %d-%d", si, ei),
				Unit: model.ID(1 + (si+ei)%len(model.UnitKinds)), Grade: "G1", Planned: float64(1 + ei%2), Status: st, Employment: em,
				Shift: "day", SalaryMin: 3000, SalaryMax: 5000, Mission: "Do the work", Duties: []string{"one", "two"},
				Req: model.Requirements{Education: "degree", Years: 2, Certificates: "none", Other: "-"}, Note: "n", Order: ei})
		}
	}
	pid, aid := model.ID(1000), model.ID(5000)
	for si, st := range model.PersonStatuses {
		for ei, em := range model.EmploymentTypes {
			pid++
			d.People = append(d.People, model.Person{ID: pid, EmpNo: fmt.Sprintf("E%d", pid), Name: fmt.Sprintf("Person %d-%d", si, ei),
				HireDate: time.Date(2020, 3, 1, 0, 0, 0, 0, time.UTC), Status: st, Employment: em, Grade: "G1"})
			aid++
			fte := 1.0
			if ei%2 == 1 {
				fte = 0.5
			}
			d.Assignments = append(d.Assignments, model.Assignment{ID: aid, Person: pid, Position: d.Positions[(si*5+ei)%len(d.Positions)].ID, FTE: fte})
		}
	}
	return d
}

// latinJSON replaces every string of a JSON document that holds Chinese
// with a Latin one, keeping identifiers and enumerations (all Latin).
func latinJSON(t *testing.T, raw []byte) []byte {
	t.Helper()
	var v any
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatal(err)
	}
	n := 0
	var walk func(any) any
	walk = func(x any) any {
		switch x := x.(type) {
		case string:
			if strings.ContainsFunc(x, isHan) {
				n++
				return fmt.Sprintf("text %d", n)
			}
		case []any:
			for i := range x {
				x[i] = walk(x[i])
			}
		case map[string]any:
			for k := range x {
				x[k] = walk(x[k])
			}
		}
		return x
	}
	b, err := json.Marshal(walk(v))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// hanCells lists the cells of every sheet that hold a Chinese character.
func hanCells(t *testing.T, f *excelize.File) []string {
	t.Helper()
	var out []string
	for _, sh := range f.GetSheetList() {
		if strings.ContainsFunc(sh, isHan) {
			out = append(out, fmt.Sprintf("sheet name %q", sh))
		}
		rows, err := f.GetRows(sh)
		if err != nil {
			t.Fatal(err)
		}
		for r, row := range rows {
			for c, v := range row {
				if strings.ContainsFunc(v, isHan) {
					cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
					out = append(out, fmt.Sprintf("%s!%s %q", sh, cell, v))
				}
			}
		}
	}
	return out
}

func isHan(r rune) bool { return unicode.Is(unicode.Han, r) }

// TestEnglishExportsHaveNoChinese: an English export of a plan written in
// English shows no Chinese — headings, sheet names, status, employment and
// unit-kind labels, remarks and totals all come in English.
func TestEnglishExportsHaveNoChinese(t *testing.T) {
	d := latinPlan()
	if err := d.Validate(); err != nil {
		t.Fatalf("the test plan is invalid: %v", err)
	}
	opt := Options{Lang: "en", Date: testDate}
	for _, c := range []struct {
		name string
		fn   func(io.Writer, *model.PlanData, Options) error
	}{
		{"staffing", StaffingWorkbook}, {"roster", RosterWorkbook}, {"descriptions", DescriptionsWorkbook}, {"template", TemplateWorkbook},
	} {
		f, _ := build(t, c.fn, d, opt)
		for _, h := range hanCells(t, f) {
			t.Errorf("%s: %s", c.name, h)
		}
		// The check sees the program's labels: in Chinese they are there.
		if zh, _ := build(t, c.fn, d, Options{Date: testDate}); len(hanCells(t, zh)) == 0 {
			t.Errorf("%s: the Chinese export has no Chinese either; is the check blind?", c.name)
		}
	}
	// The calculator report of every rule set, its own text made Latin:
	// the explanations and the figures' labels are the program's.
	names, err := fs.Glob(assets.CalcRules(), "*.json")
	if err != nil || len(names) == 0 {
		t.Fatalf("no rule sets: %v", err)
	}
	for _, name := range names {
		raw, err := fs.ReadFile(assets.CalcRules(), name)
		if err != nil {
			t.Fatal(err)
		}
		sheet, err := calc.Parse(latinJSON(t, raw))
		if err != nil {
			t.Fatal(err)
		}
		for _, lang := range []string{"en", ""} {
			var buf bytes.Buffer
			if err := CalcReportWorkbook(&buf, d, sheet, Options{Lang: lang, Date: testDate}); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			f, err := excelize.OpenReader(&buf)
			if err != nil {
				t.Fatal(err)
			}
			han := hanCells(t, f)
			f.Close()
			if lang == "" {
				if len(han) == 0 {
					t.Errorf("calc report %s: the Chinese report has no Chinese; is the check blind?", name)
				}
				continue
			}
			for _, h := range han {
				t.Errorf("calc report %s: %s", name, h)
			}
		}
	}
	var buf bytes.Buffer
	if err := RosterCSV(&buf, d, opt); err != nil {
		t.Fatal(err)
	}
	for i, line := range strings.Split(buf.String(), "\n") {
		if strings.ContainsFunc(line, isHan) {
			t.Errorf("roster CSV line %d: %q", i+1, line)
		}
	}
}
