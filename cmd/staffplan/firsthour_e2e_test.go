//go:build e2e

package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The walk below drives the window at its default size; the coordinates
// of what it clicks are relative to the window's top-left corner and hold
// for the Chinese interface at 1180×760.
const walkW, walkH = 1180, 760

// geometry is the window's position and size on the screen.
type geometry struct{ x, y, w, h int }

func windowGeometry(t *testing.T, win string) geometry {
	t.Helper()
	out, err := xdo("getwindowgeometry", "--shell", win)
	if err != nil {
		t.Fatalf("xdotool getwindowgeometry: %v", err)
	}
	var g geometry
	for _, l := range strings.Split(out, "\n") {
		k, v, _ := strings.Cut(l, "=")
		n := 0
		fmt.Sscan(v, &n)
		switch k {
		case "X":
			g.x = n
		case "Y":
			g.y = n
		case "WIDTH":
			g.w = n
		case "HEIGHT":
			g.h = n
		}
	}
	return g
}

// rect is a part of the window, relative to its top-left corner.
type rect struct{ x, y, w, h int }

// grab reads the pixels of r on the screen (raw RGB).
func grab(t *testing.T, g geometry, r rect) []byte {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "import", "-display", display, "-window", "root",
		"-crop", fmt.Sprintf("%dx%d+%d+%d", r.w, r.h, g.x+r.x, g.y+r.y), "-depth", "8", "rgb:-")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("import -crop: %v", err)
	}
	return out
}

// waitChange waits until r shows none of before and returns how long
// that took; d bounds the wait.
func waitChange(t *testing.T, a *instance, g geometry, r rect, d time.Duration, what string, before ...[]byte) time.Duration {
	t.Helper()
	began := time.Now()
	for time.Since(began) < d {
		now, same := grab(t, g, r), false
		for _, b := range before {
			same = same || bytes.Equal(now, b)
		}
		if !same {
			return time.Since(began)
		}
		select {
		case <-a.done:
			t.Fatalf("the program exited (%v) while waiting for %s; stderr:\n%s", a.err, what, a.stderr.String())
		default:
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("%s: the window did not change within %v", what, d)
	return 0
}

// waitSettled waits until r stays the same for quiet and returns when it
// last changed, measured from began.
func waitSettled(t *testing.T, g geometry, r rect, began time.Time, quiet, d time.Duration) time.Duration {
	t.Helper()
	last, lastAt := grab(t, g, r), time.Since(began)
	for time.Since(began) < d {
		time.Sleep(20 * time.Millisecond)
		now := grab(t, g, r)
		if !bytes.Equal(now, last) {
			last, lastAt = now, time.Since(began)
			continue
		}
		if time.Since(began)-lastAt >= quiet {
			return lastAt
		}
	}
	t.Fatalf("the window kept changing for %v", d)
	return 0
}

func click(t *testing.T, g geometry, x, y int) {
	t.Helper()
	for _, s := range [][]string{{"mousemove", fmt.Sprint(g.x + x), fmt.Sprint(g.y + y)}, {"click", "1"}} {
		if _, err := xdo(s...); err != nil {
			t.Fatalf("xdotool %v: %v", s, err)
		}
		time.Sleep(150 * time.Millisecond)
	}
}

// wheel turns the mouse wheel n notches down (n < 0: up) over (x, y).
func wheel(t *testing.T, g geometry, x, y, n int) {
	t.Helper()
	if _, err := xdo("mousemove", fmt.Sprint(g.x+x), fmt.Sprint(g.y+y)); err != nil {
		t.Fatal(err)
	}
	button := "5"
	if n < 0 {
		button, n = "4", -n
	}
	for i := 0; i < n; i++ {
		_, _ = xdo("click", button)
		time.Sleep(15 * time.Millisecond)
	}
}

// libreOfficeRoster writes a roster as LibreOffice Calc saves it: the CSV
// is converted by soffice, so the workbook's XML is another program's.
// 操作工 has 240 holders; 员工0002 holds 行政专员 full time.
func libreOfficeRoster(t *testing.T, dir, name string) string {
	t.Helper()
	if _, err := exec.LookPath("soffice"); err != nil {
		t.Skip("soffice (LibreOffice) is not installed")
	}
	var b strings.Builder
	b.WriteString("工号,姓名,部门,岗位,入职日期\n")
	n := 0
	add := func(dept, post string, k int) {
		for i := 0; i < k; i++ {
			n++
			fmt.Fprintf(&b, "H%04d,员工%04d,%s,%s,2023-05-01\n", n, n, dept, post)
		}
	}
	add("行政部", "行政经理", 1)
	add("行政部", "行政专员", 2)
	add("生产部", "生产经理", 1)
	add("生产部", "班组长", 4)
	add("生产部", "操作工", 240)
	add("销售部", "销售代表", 10)
	csv := filepath.Join(dir, name+".csv")
	if err := os.WriteFile(csv, []byte(b.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	soffice(t, dir, "xlsx", "--infilter=CSV:44,34,76,1", csv)
	return filepath.Join(dir, name+".xlsx")
}

// soffice converts file to format into dir with a LibreOffice profile of
// its own, so that a LibreOffice running elsewhere does not take the job.
func soffice(t *testing.T, dir, format string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Second)
	defer cancel()
	profile := "file://" + filepath.Join(t.TempDir(), "lo")
	all := append([]string{"-env:UserInstallation=" + profile, "--headless"}, args[:len(args)-1]...)
	all = append(all, "--convert-to", format, "--outdir", dir, args[len(args)-1])
	if out, err := exec.CommandContext(ctx, "soffice", all...).CombinedOutput(); err != nil {
		t.Fatalf("soffice --convert-to %s: %v %s", format, err, out)
	}
}

// planJSON is what `staffplan show --json` says about a plan.
type planJSON struct {
	Plan      string `json:"plan"`
	People    int    `json:"people"`
	Positions []struct {
		Title   string   `json:"title"`
		Unit    string   `json:"unit"`
		Planned float64  `json:"planned"`
		Actual  float64  `json:"actual"`
		Holders []string `json:"holders"`
	} `json:"positions"`
	Units []struct {
		Name         string  `json:"name"`
		Path         string  `json:"path"`
		PlannedTotal float64 `json:"planned_total"`
	} `json:"units"`
}

func showPlan(t *testing.T, db string) planJSON {
	t.Helper()
	out, err := exec.Command(binary, "show", "--db", db, "--json").Output()
	if err != nil {
		t.Fatalf("staffplan show: %v", err)
	}
	var p planJSON
	if err := json.Unmarshal(out, &p); err != nil {
		t.Fatalf("staffplan show --json: %v\n%s", err, out)
	}
	return p
}

// TestNewUsersFirstHour walks what a new user does in the first hour, in
// the real window: the first-start choice, a roster written by LibreOffice
// dropped as a new plan, a post with 240 holders opened and scrolled with
// the wheel, a second post for someone already full time (the split
// question), a rule set loaded and applied in the calculator, and the
// staffing table exported and printed to PDF. The database, read by the
// command line after quitting, is the truth about what the window did.
// Two timings of the real window are reported with t.Logf.
func TestNewUsersFirstHour(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "plans.db")
	const planName = "华东工厂花名册"
	roster := libreOfficeRoster(t, t.TempDir(), planName)

	a := start(t, home, "--db", db)
	t.Cleanup(func() {
		if t.Failed() {
			path := filepath.Join(artefacts, "firsthour-failed.png")
			_ = exec.Command("import", "-display", display, "-window", "root", path).Run()
			t.Logf("screenshot at failure: %s", path)
		}
	})
	win, name := window(t, a, "岗位编制规划", 30*time.Second)
	if strings.Contains(name, "康飞") {
		t.Fatalf("a new database shows %q before the user chose how to start", name)
	}
	if _, err := xdo("windowsize", "--sync", win, fmt.Sprint(walkW), fmt.Sprint(walkH)); err != nil {
		t.Logf("xdotool windowsize: %v", err)
	}
	time.Sleep(1500 * time.Millisecond) // the first paint
	g := windowGeometry(t, win)
	if g.w != walkW || g.h != walkH {
		t.Fatalf("window is %d×%d, the walk needs %d×%d", g.w, g.h, walkW, walkH)
	}
	screenshot(t, "firsthour-01-choice.png")

	// 1. The first-start choice is up; the user drops her roster instead
	// of choosing, which takes the choice away and previews the file.
	status := rect{0, g.h - 38, 600, 36}
	emptyStatus := grab(t, g, status)
	stop := drop(t, win, roster)
	waitTitle(t, a, win, func(s string) bool { return strings.Contains(s, planName+".xlsx") })
	stop()
	time.Sleep(500 * time.Millisecond)
	screenshot(t, "firsthour-02-preview.png")
	// The preview dims the status line and fades out when it closes, so
	// the import is done when the line last changed and shows something
	// else than the empty plan's.
	key(t, win, "Return")
	began := time.Now()
	importTook := waitSettled(t, g, status, began, time.Second, 30*time.Second)
	if bytes.Equal(grab(t, g, status), emptyStatus) {
		t.Fatal("the status line still shows the empty database after the import")
	}
	waitTitle(t, a, win, func(s string) bool { return strings.HasSuffix(s, planName) })
	time.Sleep(500 * time.Millisecond)
	screenshot(t, "firsthour-03-imported.png")
	t.Logf("TIMING import of 258 people confirmed with Enter → status line shows the plan: %v (screen polled every ~30 ms)",
		importTook.Round(time.Millisecond))

	// 2. Open 操作工 (240 holders) from the outline: 行政部, 行政经理,
	// 行政专员, 生产部, 生产经理, 班组长, 操作工 → the seventh line.
	form := rect{410, 150, 760, 550}
	outlineRow := func(i int) int { return 168 + 39*i }
	chart := grab(t, g, form)
	click(t, g, 150, outlineRow(6))
	opened := time.Now()
	firstPaint := waitChange(t, a, g, form, 20*time.Second, "opening 操作工", chart)
	settled := waitSettled(t, g, form, opened, 400*time.Millisecond, 20*time.Second)
	screenshot(t, "firsthour-04-post.png")
	t.Logf("TIMING open 操作工 with 240 holders from the outline → form drawn: first change %v, settled %v (screen polled every ~30 ms)",
		firstPaint.Round(time.Millisecond), settled.Round(time.Millisecond))

	// 3. The wheel over the form scrolls it down to 在岗 and 任职人员:
	// each holder's line ends in a ✓ and a bin button, white icons at the
	// form's right edge where the fields above have none.
	top := grab(t, g, form)
	buttons := rect{1095, 150, 80, 550}
	iconsBefore := whitePixels(grab(t, g, buttons))
	wheel(t, g, 800, 500, 30) // past the pay and planned-change fields
	time.Sleep(700 * time.Millisecond)
	if bytes.Equal(grab(t, g, form), top) {
		t.Fatal("the mouse wheel over the position form did not scroll it")
	}
	screenshot(t, "firsthour-05-scrolled.png")
	if after := whitePixels(grab(t, g, buttons)); after < iconsBefore+60 {
		t.Errorf("after the wheel no holder lines are in view: %d white pixels at the buttons' place, %d before", after, iconsBefore)
	}

	// 4. 销售代表 gets 员工0002, who holds 行政专员 full time: the split
	// question comes up, Enter splits her time.
	click(t, g, 150, outlineRow(8))
	time.Sleep(1200 * time.Millisecond)
	wheel(t, g, 800, 500, 60) // to the bottom: the "安排人员…" picker
	time.Sleep(800 * time.Millisecond)
	screenshot(t, "firsthour-06-bottom.png")
	click(t, g, 540, g.h-136) // the picker, above the 待入职 / 待离职 row
	time.Sleep(800 * time.Millisecond)
	if _, err := xdo("type", "--delay", "60", "H0002"); err != nil {
		t.Fatal(err)
	}
	time.Sleep(800 * time.Millisecond)
	before := grab(t, g, rect{330, 250, 520, 260})
	key(t, win, "Return")
	waitChange(t, a, g, rect{330, 250, 520, 260}, 10*time.Second, "the split question", before)
	time.Sleep(500 * time.Millisecond)
	screenshot(t, "firsthour-07-split.png")
	key(t, win, "Return")
	time.Sleep(1200 * time.Millisecond)
	screenshot(t, "firsthour-08-split-done.png")

	// 5. The calculator: load the call-centre rule set, apply it choosing
	// the Erlang C figure for 话务员 where the two rules disagree.
	click(t, g, 582, 90)
	time.Sleep(800 * time.Millisecond)
	click(t, g, 462, 129) // 载入规则…
	time.Sleep(1000 * time.Millisecond)
	click(t, g, 600, 357) // the rule-set drop-down
	time.Sleep(800 * time.Millisecond)
	click(t, g, 445, 394) // 呼叫中心(座席与人员), first of nine rule sets
	time.Sleep(500 * time.Millisecond)
	screenshot(t, "firsthour-09-load.png")
	click(t, g, 626, 437) // 载入
	time.Sleep(1500 * time.Millisecond)
	screenshot(t, "firsthour-10-loaded.png")
	click(t, g, 748, 129) // 应用到方案…
	time.Sleep(1200 * time.Millisecond)
	click(t, g, 340, 337) // 话务员(Erlang C): 20
	time.Sleep(400 * time.Millisecond)
	screenshot(t, "firsthour-11-apply.png")
	click(t, g, 626, 572) // 应用
	time.Sleep(1500 * time.Millisecond)
	screenshot(t, "firsthour-12-applied.png")

	// 6. File › Export › 人员配置明细表: the save dialog opens in the home
	// folder with a name; Enter saves, Enter closes the "saved" message.
	click(t, g, 30, 15)
	time.Sleep(500 * time.Millisecond)
	if _, err := xdo("mousemove", fmt.Sprint(g.x+60), fmt.Sprint(g.y+286)); err != nil { // Export, below Print plan…
		t.Fatal(err)
	}
	time.Sleep(700 * time.Millisecond)
	click(t, g, 230, 286)
	time.Sleep(1500 * time.Millisecond)
	screenshot(t, "firsthour-13-save.png")
	key(t, win, "Return")
	var exported string
	deadline := time.Now().Add(20 * time.Second)
	for exported == "" && time.Now().Before(deadline) {
		m, _ := filepath.Glob(filepath.Join(home, "*.xlsx"))
		if len(m) > 0 {
			exported = m[0]
		}
		time.Sleep(200 * time.Millisecond)
	}
	if exported == "" {
		t.Fatalf("no staffing table was saved in %s", home)
	}
	time.Sleep(800 * time.Millisecond)
	screenshot(t, "firsthour-14-saved.png")
	key(t, win, "Return")
	time.Sleep(300 * time.Millisecond)
	key(t, win, "ctrl+q")
	if code := a.exitCode(t, 15*time.Second); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; stderr:\n%s", code, a.stderr.String())
	}

	// What the window did, as the database has it.
	p := showPlan(t, db)
	if p.Plan != planName || p.People != 258 {
		t.Errorf("plan %q with %d people, want %q with 258 (a new plan named after the file)", p.Plan, p.People, planName)
	}
	post := func(title string) (planned, actual float64, holders []string, ok bool) {
		for _, ps := range p.Positions {
			if ps.Title == title {
				return ps.Planned, ps.Actual, ps.Holders, true
			}
		}
		return 0, 0, nil, false
	}
	if _, actual, _, _ := post("行政专员"); actual != 1.5 {
		t.Errorf("行政专员 in post %v after the split, want 1.5 (员工0002 at 0.5)", actual)
	}
	if _, actual, holders, _ := post("销售代表"); actual != 10.5 || !contains(holders, "员工0002") {
		t.Errorf("销售代表: in post %v, holders %v; want 10.5 with 员工0002", actual, holders)
	}
	if planned, _, _, ok := post("话务员"); !ok || planned != 20 {
		t.Errorf("话务员 planned %v (exists %v), want 20 from the Erlang C rule", planned, ok)
	}
	for _, ps := range p.Positions {
		switch ps.Title {
		case "座席", "座席(初期)", "每座席人数", "中继线路":
			t.Errorf("a result that is not people became a post: %s (%v)", ps.Title, ps.Planned)
		}
	}

	// The exported staffing table, printed by LibreOffice.
	pdfDir := t.TempDir()
	soffice(t, pdfDir, "pdf", exported)
	pdf := filepath.Join(pdfDir, strings.TrimSuffix(filepath.Base(exported), ".xlsx")+".pdf")
	text, err := exec.Command("pdftotext", "-layout", pdf, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext %s: %v", pdf, err)
	}
	for _, want := range []string{planName, "人员配置明细表", "行政部", "生产部", "销售部", "客户服务中心", "操作工", "话务员"} {
		if !strings.Contains(string(text), want) {
			t.Errorf("the printed staffing table lacks %q:\n%s", want, text)
		}
	}
	if testing.Verbose() {
		_ = os.WriteFile(filepath.Join(artefacts, "firsthour-staffing.txt"), text, 0o644)
	}
}

// whitePixels counts the near-white pixels of raw RGB.
func whitePixels(rgb []byte) int {
	n := 0
	for i := 0; i+2 < len(rgb); i += 3 {
		if rgb[i] > 200 && rgb[i+1] > 200 && rgb[i+2] > 200 {
			n++
		}
	}
	return n
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
