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
	for _, pl := range []string{"trait-wps-like", "openpyxl-roster"} {
		if _, err := showNamed(t, db, pl); err == nil {
			t.Errorf("a plan %q was made, though the plan shown was no longer the untouched sample", pl)
		}
	}
}
