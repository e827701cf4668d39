package importer

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"testing"

	"staffplan/data/export"
	"staffplan/data/model"
)

// rosterLinesOf is every person as the roster shows them, by 工号: the
// figures a round trip must keep.
func rosterLinesOf(d *model.PlanData) []string {
	var out []string
	for _, p := range d.People {
		var posts []string
		for _, a := range d.Assignments {
			if a.Person != p.ID {
				continue
			}
			for _, q := range d.Positions {
				if q.ID == a.Position {
					posts = append(posts, fmt.Sprintf("%s/%s@%v", join(model.UnitPath(d, q.Unit)), q.Title, a.FTE))
				}
			}
		}
		slices.Sort(posts)
		out = append(out, fmt.Sprintf("%s %s %v %d %d %s %v", p.EmpNo, p.Name, posts, p.Status, p.Employment, p.Grade, p.HireDate.Format("2006-01-02")))
	}
	slices.Sort(out)
	return out
}

// The roster exported in English (Emp. no., Name, Unit, active,
// full-time…) imports back with the same figures, in a new plan and into
// the plan it came from, and namesakes stay two people.
func TestEnglishRosterRoundTrip(t *testing.T) {
	for _, c := range []struct{ lang, ext string }{{"en", ".xlsx"}, {"zh", ".xlsx"}, {"en", ".csv"}} {
		lang := c.lang
		t.Run(lang+c.ext, func(t *testing.T) {
			src := writeXLSX(t, tempPath(t, "src.xlsx"), fixSheet{name: "花名册", rows: [][]any{
				{"工号", "姓名", "部门", "岗位", "FTE", "职级", "入职日期", "在职状态", "用工形式"},
				{"E1", "张伟", "康飞/生产部", "操作工", 1, "L1", "2020-01-02", "在职", "全职"},
				{"E2", "张伟", "康飞/生产部", "操作工", 1, "L1", "2021-03-04", "试用", "劳务派遣"},
				{"E3", "李娜", "康飞/行政部", "文员", 0.5, "L2", "2019-05-06", "在职", "兼职"},
				{"E3", "李娜", "康飞/行政部", "前台", 0.5, "L2", "2019-05-06", "在职", "兼职"},
				{"E4", "王强", "康飞/行政部", "司机", 1, "", "2010-07-08", "离职", "退休返聘"},
				{"E5", "赵敏", "康飞/生产部/一组", "班长", 1, "L3", "2018-09-10", "在职", "实习"},
			}})
			st := openStore(t)
			d1, _ := commitNew(t, st, mustPrepare(t, mustRead(t, src, nil), nil))
			var buf bytes.Buffer
			write := export.RosterWorkbook
			if c.ext == ".csv" {
				write = export.RosterCSV
			}
			if err := write(&buf, d1, export.Options{Lang: lang}); err != nil {
				t.Fatal(err)
			}
			out := tempPath(t, "roster-"+lang+c.ext)
			if err := os.WriteFile(out, buf.Bytes(), 0o600); err != nil {
				t.Fatal(err)
			}
			w := mustRead(t, out, nil)
			for _, s := range w.Sheets {
				if s.Role == RolePeople && !s.Mapping.Has(FieldEmpNo) {
					t.Errorf("sheet %s: no 工号 column found in %v", s.Name, s.Headers())
				}
			}
			p2 := mustPrepare(t, w, nil)
			d2, _ := commitNew(t, openStore(t), p2)
			if a, b := rosterLinesOf(d1), rosterLinesOf(d2); !slices.Equal(a, b) {
				t.Errorf("new plan differs:\n%v\n%v\nwarnings %v", a, b, p2.Warnings)
			}
			if a, b := figuresOf(d1), figuresOf(d2); a != b {
				t.Errorf("figures %+v, want %+v", b, a)
			}
			// Back into the plan it came from: nothing new, nothing changed.
			p3 := mustPrepare(t, mustRead(t, out, nil), d1)
			if p3.Created != 0 || p3.Updated != 0 || len(p3.Missing) != 0 {
				t.Errorf("re-import: %d new, %d updated, %d missing; %+v", p3.Created, p3.Updated, len(p3.Missing), p3.People)
			}
			if _, err := Commit(st, d1.Plan.ID, p3, nil); err != nil {
				t.Fatal(err)
			}
			d3, _ := st.LoadPlan(d1.Plan.ID)
			if a, b := rosterLinesOf(d1), rosterLinesOf(d3); !slices.Equal(a, b) {
				t.Errorf("same plan differs:\n%v\n%v", a, b)
			}
		})
	}
}
