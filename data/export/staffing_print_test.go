package export

import (
	"bytes"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"staffplan/data/model"
)

// The English staffing table speaks English: no Chinese status word after
// the English one, a space before the date, the plan name not repeated.
func TestStaffingEnglishWording(t *testing.T) {
	d := kangfei(t)
	f, _ := build(t, StaffingWorkbook, d, Options{Lang: "en", Date: testDate})
	const sh = "Staffing"
	if got := get(t, f, sh, "A1"); got != "康飞塑业 人员配置 staffing table (27 November 2026)" {
		t.Errorf("title %q", got)
	}
	posts, _, _ := staffingRows(t, f, sh)
	if got := get(t, f, sh, fmt.Sprintf("G%d", posts["副总经理"])); got != "not set up yet" {
		t.Errorf("副总经理 remark %q", got)
	}
	zh, _ := build(t, StaffingWorkbook, d, Options{Date: testDate})
	posts, _, _ = staffingRows(t, zh, "人员配置明细表")
	if got := get(t, zh, "人员配置明细表", fmt.Sprintf("G%d", posts["副总经理"])); got != "暂不设置" {
		t.Errorf("副总经理 备注 %q", got)
	}
	desc, _ := build(t, DescriptionsWorkbook, d, Options{Lang: "en", Date: testDate})
	if got := get(t, desc, "副总经理", "B6"); got != "2 (not set up yet)" {
		t.Errorf("English description: planned %q", got)
	}
	p := model.Position{Status: model.StatusFrozen, Note: "待定"}
	if got := remark(&p, labelsFor("en")); got != "frozen; 待定" {
		t.Errorf("remark with a note %q", got)
	}
}

// longPlan is the sample with 生产部 grown to 90 posts, so it runs over
// several printed pages.
func longPlan(t *testing.T) *model.PlanData {
	t.Helper()
	d := kangfei(t)
	var prod, next model.ID
	for _, u := range d.Units {
		if u.Name == "生产部" {
			prod = u.ID
		}
		next = max(next, u.ID)
	}
	for _, p := range d.Positions {
		next = max(next, p.ID)
	}
	for i := range 90 {
		next++
		d.Positions = append(d.Positions, model.Position{ID: next, Title: fmt.Sprintf("工位%02d", i+1), Unit: prod, Planned: 1, Order: 100 + i})
	}
	return d
}

// A department that runs onto a new page is broken there by the table
// itself, and its merged 部门 cell is split so the page's first row names it.
func TestStaffingBreaksPagesWithTheDepartmentName(t *testing.T) {
	d := longPlan(t)
	var buf bytes.Buffer
	if err := StaffingWorkbook(&buf, d, Options{Date: testDate}); err != nil {
		t.Fatal(err)
	}
	raw := append([]byte(nil), buf.Bytes()...)
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "人员配置明细表"
	breaks := rowBreaks(t, raw)
	if len(breaks) < 2 {
		t.Fatalf("row breaks %v for a table of %d posts", breaks, len(d.Positions))
	}
	merges, _ := f.GetMergeCells(sh)
	for _, br := range breaks {
		for _, m := range merges {
			_, r1, _ := excelize.CellNameToCoordinates(m.GetStartAxis())
			_, r2, _ := excelize.CellNameToCoordinates(m.GetEndAxis())
			if r1 < br && r2 >= br {
				t.Errorf("merge %s–%s runs over the page break before row %d", m.GetStartAxis(), m.GetEndAxis(), br)
			}
		}
		if got := get(t, f, sh, fmt.Sprintf("B%d", br)); got == "" {
			t.Errorf("the page starting at row %d shows no department", br)
		}
	}
}

// rowBreaks reads the manual row breaks of the first sheet: the rows that
// start a page (excelize's ID is the row before, zero-based: the last row
// of the page above).
func rowBreaks(t *testing.T, xlsx []byte) []int {
	t.Helper()
	part := sheetPartBytes(t, xlsx, "xl/worksheets/sheet1.xml")
	var out []int
	for _, m := range brkRe.FindAllSubmatch(part, -1) {
		var id int
		fmt.Sscan(string(m[1]), &id)
		out = append(out, id+1)
	}
	return out
}

// In LibreOffice the department's name is at the top of every page it
// continues on, and the breaks are where the table put them.
func TestLibreOfficeStaffingPagesNameTheirDepartment(t *testing.T) {
	soffice(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext is not installed")
	}
	dir := loConverted(t) // holds longPlan's staffing table as staffing-long
	d := longPlan(t)
	out, err := exec.Command("pdftotext", "-layout", filepath.Join(dir, "staffing-long.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Split(strings.TrimRight(string(out), "\f\n "), "\f")
	if len(pages) < 3 {
		t.Fatalf("%d pages for %d posts", len(pages), len(d.Positions))
	}
	for i, page := range pages[1:] {
		// The first data line after the repeated title and header rows.
		var first string
		for _, line := range strings.Split(page, "\n") {
			if strings.Contains(line, "工位") || strings.Contains(line, "合计") {
				first = line
				break
			}
		}
		if first == "" {
			continue
		}
		if !strings.Contains(firstLines(page, first, 2), "生产部") {
			t.Errorf("page %d starts without its department:\n%s", i+2, firstLines(page, first, 3))
		}
	}
	keepExports(t, dir, map[string]string{"staffing-long.pdf": "staffing-long.pdf"})
}

// firstLines is the line first and the n−1 lines around it, where a merged
// cell's centred name prints.
func firstLines(page, first string, n int) string {
	lines := strings.Split(page, "\n")
	for i, l := range lines {
		if l == first {
			return strings.Join(lines[max(0, i-1):min(len(lines), i+n)], "\n")
		}
	}
	return ""
}
