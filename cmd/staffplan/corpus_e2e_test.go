//go:build e2e

package main

import (
	"encoding/json"
	"fmt"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

// corpusDir holds workbooks other programs wrote (see its README.md).
const corpusDir = "../../data/importer/testdata/corpus"

// showNamed is showPlan for the plan called name.
func showNamed(t *testing.T, db, name string) (planJSON, error) {
	t.Helper()
	out, err := exec.Command(binary, "show", "--db", db, "--json", "--plan", name).Output()
	if err != nil {
		return planJSON{}, err
	}
	var p planJSON
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("staffplan show --json --plan %s: %v\n%s", name, err, out)
	}
	return p, nil
}

// holder reports whether person holds a post titled title in a unit
// whose name or path ends in unit.
func holder(p planJSON, person, title, unit string) bool {
	for _, ps := range p.Positions {
		if ps.Title == title && strings.HasSuffix(ps.Unit, unit) && contains(ps.Holders, person) {
			return true
		}
	}
	return false
}

func unitCount(p planJSON) int { return len(p.Units) }

// writeHeaderless writes a roster with no heading row, as rosters pasted
// out of another system are: 工号, 姓名, 部门, 岗位 from the first row on.
func writeHeaderless(t *testing.T, path string, rows [][]any) {
	t.Helper()
	f := excelize.NewFile()
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Sheet1", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// TestDropCorpusFilesAndMapAHeaderlessFile drops three workbooks other
// programs wrote (after Excel 2016, after WPS 表格, and openpyxl's own)
// onto the real window in one drop, confirms each preview with Enter, then
// drops a roster without a heading row and maps its columns on the
// preview's 工作表与列 step with the mouse and keyboard. The database, read
// by the command line after quitting, says what the window did.
func TestDropCorpusFilesAndMapAHeaderlessFile(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "plans.db")
	t.Cleanup(func() {
		if t.Failed() {
			path := filepath.Join(artefacts, "corpus-failed.png")
			_ = exec.Command("import", "-display", display, "-window", "root", path).Run()
			t.Logf("screenshot at failure: %s", path)
		}
	})
	a, win := startSample(t, home, db)
	if _, err := xdo("windowsize", "--sync", win, fmt.Sprint(walkW), fmt.Sprint(walkH)); err != nil {
		t.Logf("xdotool windowsize: %v", err)
	}
	time.Sleep(1500 * time.Millisecond)
	g := windowGeometry(t, win)
	if g.w != walkW || g.h != walkH {
		t.Fatalf("window is %d×%d, the walk needs %d×%d", g.w, g.h, walkW, walkH)
	}

	files := []string{"trait-excel-like.xlsx", "trait-wps-like.xlsx", "openpyxl-roster.xlsx"}
	var paths []string
	for _, f := range files {
		abs, err := filepath.Abs(filepath.Join(corpusDir, f))
		if err != nil {
			t.Fatal(err)
		}
		paths = append(paths, abs)
	}
	// One drop of three files: ImportFiles previews them one after
	// another, the next once the one before is imported.
	stop := drop(t, win, paths...)
	for i, f := range files {
		waitTitle(t, a, win, func(s string) bool { return strings.Contains(s, f) })
		if i == 0 {
			stop() // the window has fetched the list
		}
		time.Sleep(700 * time.Millisecond)
		screenshot(t, fmt.Sprintf("corpus-%d-preview.png", i+1))
		key(t, win, "Return")
		waitTitle(t, a, win, func(s string) bool { return !strings.Contains(s, f) })
	}
	time.Sleep(time.Second)
	screenshot(t, "corpus-4-imported.png")

	// A roster with no heading row: the preview opens on the mapping step.
	headerless := filepath.Join(home, "粘贴的名单.xlsx")
	writeHeaderless(t, headerless, [][]any{
		{"P001", "张三", "生产部", "操作工"},
		{"P002", "李四", "生产部", "操作工"},
		{"P003", "王五", "质检部", "质检员"},
	})
	stop = drop(t, win, headerless)
	waitTitle(t, a, win, func(s string) bool { return strings.Contains(s, "粘贴的名单.xlsx") })
	stop()
	time.Sleep(800 * time.Millisecond)
	screenshot(t, "corpus-5-mapping.png")
	mapHeaderless(t, a, win, g)

	key(t, win, "ctrl+q")
	if code := a.exitCode(t, 15*time.Second); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; stderr:\n%s", code, a.stderr.String())
	}
	if got := peopleIn(t, db, ""); got != 23 {
		t.Errorf("the sample has %d people after the drops, want its 23", got)
	}
	p, err := showNamed(t, db, "trait-excel-like")
	if err != nil {
		t.Fatalf("no plan trait-excel-like: %v", err)
	}
	t.Logf("plan %q: %d people, %d units, %d posts", p.Plan, p.People, unitCount(p), len(p.Positions))
	// Dropped onto the untouched sample, the first file became a plan named
	// after it; the other two merged into that plan, the one shown. The
	// figures are the corpus README's: the trait files are the same four
	// people (A01–A04: 2 units, 3 posts, 编制 4), so the WPS-written one
	// matches them by 工号 and adds nobody; openpyxl's roster adds 15
	// people of whom one has left (14 in post), 9 units, 10 posts, 编制 14.
	planned := 0.0
	for _, ps := range p.Positions {
		planned += ps.Planned
	}
	if p.People != 4+14 || unitCount(p) != 2+9 || len(p.Positions) != 3+10 || planned != 4+14 {
		t.Errorf("plan trait-excel-like: %d people, %d units, %d posts, 编制 %v; want 18, 11, 13, 18 (4 from the trait files, 14 in post from openpyxl's)",
			p.People, unitCount(p), len(p.Positions), planned)
	}
	for _, h := range []struct{ person, post, unit string }{
		{"马一鸣", "主任", "综合部"}, {"宋二丫", "文员", "综合部"}, {"唐三彩", "工程师", "工程部"}, {"韩四海", "工程师", "工程部"},
		{"郑浩然", "研发工程师", "研发组"}, {"许文斌", "销售代表", "华南销售组"}, {"陈志强", "总经理", "总经办"},
	} {
		if !holder(p, h.person, h.post, h.unit) {
			t.Errorf("%s does not hold %s in %s", h.person, h.post, h.unit)
		}
	}
	// The headerless roster, mapped by hand, as a plan of its own.
	m, err := showNamed(t, db, "粘贴的名单")
	if err != nil {
		t.Fatalf("no plan 粘贴的名单 from the headerless roster: %v", err)
	}
	t.Logf("plan %q: %d people, %d units, %d posts", m.Plan, m.People, unitCount(m), len(m.Positions))
	if m.People != 3 || unitCount(m) != 2 || len(m.Positions) != 2 {
		t.Errorf("plan 粘贴的名单: %d people, %d units, %d posts; want 3, 2 (生产部, 质检部), 2 (操作工, 质检员)",
			m.People, unitCount(m), len(m.Positions))
	}
	for _, h := range []struct{ person, post, unit string }{
		{"张三", "操作工", "生产部"}, {"李四", "操作工", "生产部"}, {"王五", "质检员", "质检部"},
	} {
		if !holder(m, h.person, h.post, h.unit) {
			t.Errorf("the headerless roster: %s does not hold %s in %s", h.person, h.post, h.unit)
		}
	}
	for _, pl := range []string{"trait-wps-like", "openpyxl-roster"} {
		if _, err := showNamed(t, db, pl); err == nil {
			t.Errorf("a plan %q was made, though the plan shown was no longer the untouched sample", pl)
		}
	}
}

// mapHeaderless drives the mapping step of the headerless roster's
// preview: "no header row", then A=工号, B=姓名, C=部门, D=岗位. Each
// choice prepares the preview again and the figures above the step grow
// by a line or two, moving the widgets below them; so only the first two
// Selects are found by where they are (before anything moved), the others
// by Tab from the one before, as the keyboard goes.
func mapHeaderless(t *testing.T, a *instance, win string, g geometry) {
	t.Helper()
	// choose picks option i (0-based) in the pop-up of the Select that has
	// just been opened: the pop-up's first Down marks option 0.
	choose := func(i int, shot string) {
		time.Sleep(400 * time.Millisecond)
		screenshot(t, shot)
		for range i + 1 {
			key(t, win, "Down")
		}
		key(t, win, "Return")
		time.Sleep(700 * time.Millisecond)
	}
	// The coordinates are those of corpus-5-mapping.png and
	// corpus-7-noheader.png: the Chinese interface at 1180×760.
	// Import as a new plan, so its people are counted on their own.
	click(t, g, 175, 172)
	time.Sleep(500 * time.Millisecond)
	click(t, g, 905, 329) // 表头行
	choose(0, "corpus-6-header-popup.png")
	screenshot(t, "corpus-7-noheader.png")
	// The columns' Selects list ignore, then importer.FieldNames in order:
	// emp_no 1, name 2, unit 5, position 18.
	click(t, g, 885, 369) // column A
	choose(1, "corpus-8-column-A.png")
	for _, c := range []struct {
		col   string
		field int
	}{{"B", 2}, {"C", 5}, {"D", 18}} {
		key(t, win, "Tab")   // the next column's Select
		key(t, win, "space") // opens its pop-up
		choose(c.field, "corpus-8-column-"+c.col+".png")
	}
	screenshot(t, "corpus-9-mapped.png")
	select {
	case <-a.done:
		t.Fatalf("the program exited while mapping; stderr:\n%s", a.stderr.String())
	default:
	}
	// Enter goes to the focused Select; the dialog's title takes the focus
	// away, and Enter then imports.
	click(t, g, 230, 84)
	key(t, win, "Return")
	waitTitle(t, a, win, func(s string) bool { return !strings.Contains(s, "粘贴的名单.xlsx") })
	time.Sleep(time.Second)
	screenshot(t, "corpus-10-imported.png")
}
