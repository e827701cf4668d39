//go:build e2e

// End-to-end tests of the real binary under Xvfb, driven with xdotool as a
// user drives it. Run with `go test -tags e2e ./cmd/staffplan/`; they need
// Xvfb, xdotool and imagemagick (see .ci/run).
package main

import (
	"encoding/json"

	"bytes"
	"context"
	"fmt"
	"github.com/xuri/excelize/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

var (
	binary    string // the program under test
	display   string // the Xvfb display, e.g. ":93"
	artefacts string // screenshots kept for CI
)

func TestMain(m *testing.M) {
	code := func() int {
		dir, err := os.MkdirTemp("", "staffplan-e2e-")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			return 1
		}
		defer os.RemoveAll(dir)
		binary = filepath.Join(dir, "staffplan")
		// Built without -tags migrated_fynedo, which would turn Fyne's
		// thread checks off (internal/build.DisableThreadChecks): with them
		// on, a window call off the UI goroutine logs threadCheck, which
		// fails the test that ran the program (see start).
		build := exec.Command("go", "build", "-o", binary, ".")
		build.Stdout, build.Stderr = os.Stdout, os.Stderr
		if err := build.Run(); err != nil {
			fmt.Fprintln(os.Stderr, "build:", err)
			return 1
		}
		artefacts = os.Getenv("ARTEFACTS")
		if artefacts == "" {
			artefacts = filepath.Join(os.TempDir(), "staffplan-e2e-artefacts")
		}
		_ = os.MkdirAll(artefacts, 0o755)
		stop, err := startXvfb()
		if err != nil {
			fmt.Fprintln(os.Stderr, "Xvfb:", err)
			return 1
		}
		defer stop()
		return m.Run()
	}()
	os.Exit(code)
}

// startXvfb starts a virtual display. Xvfb picks a free display number
// itself (-displayfd), so stale lock files of earlier runs or a display
// another program holds cannot make the tests talk to the wrong server.
func startXvfb() (func(), error) {
	r, w, err := os.Pipe()
	if err != nil {
		return nil, err
	}
	// -noreset: by default Xvfb resets when its last client leaves, and a
	// program connecting during the reset fails to open the display.
	cmd := exec.Command("Xvfb", "-displayfd", "3", "-screen", "0", "1280x800x24", "-nolisten", "tcp", "-noreset")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	w.Close()
	// SIGTERM lets Xvfb remove its lock file; Kill would leave it behind.
	stop := func() { _ = cmd.Process.Signal(syscall.SIGTERM); _, _ = cmd.Process.Wait() }
	got := make(chan string, 1)
	go func() {
		var n int
		_, err := fmt.Fscan(r, &n)
		if err != nil {
			got <- ""
			return
		}
		got <- fmt.Sprintf(":%d", n)
	}()
	select {
	case display = <-got:
	case <-time.After(15 * time.Second):
	}
	if display == "" {
		stop()
		return nil, fmt.Errorf("Xvfb did not report its display")
	}
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if exec.Command("xdpyinfo", "-display", display).Run() == nil {
			return stop, nil
		}
		time.Sleep(100 * time.Millisecond)
	}
	stop()
	return nil, fmt.Errorf("Xvfb %s did not answer", display)
}

// instance is one running instance of the program.
type instance struct {
	cmd    *exec.Cmd
	stderr bytes.Buffer
	done   chan struct{}
	err    error
}

func start(t *testing.T, home string, args ...string) *instance {
	t.Helper()
	a := &instance{cmd: exec.Command(binary, args...), done: make(chan struct{})}
	// LANGUAGE= as well: this test binary links the app, whose clocale init
	// sets LANGUAGE=en_US in our own environment under LANG=C.UTF-8, and
	// LANGUAGE outranks LANG, so the window would come up in English.
	a.cmd.Env = append(os.Environ(), "HOME="+home, "DISPLAY="+display, "LANG=zh_CN.UTF-8", "LANGUAGE=",
		"XDG_CONFIG_HOME=", "XDG_DATA_HOME=", "XDG_CACHE_HOME=")
	a.cmd.Stderr = &a.stderr
	// Not in the repository: Fyne reads FyneApp.toml from the working
	// directory of a binary in the temp dir, and its [Migrations] fyneDo =
	// true would turn the thread checks off as the build tag does.
	a.cmd.Dir = home
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { a.err = a.cmd.Wait(); close(a.done) }()
	t.Cleanup(func() {
		select {
		case <-a.done:
		default:
			_ = a.cmd.Process.Kill()
			<-a.done
		}
		if s := a.stderr.String(); strings.Contains(s, threadCheck) {
			t.Errorf("the program called Fyne off the UI goroutine (a missing fyne.Do); stderr:\n%s", s)
		}
	})
	return a
}

// threadCheck starts what Fyne logs when the program calls the window from
// a goroutine other than the UI one, or fyne.DoAndWait from the UI one
// (fyne.io/fyne/v2/internal/async: EnsureMain, EnsureNotMain). Fyne then
// does the call on the right goroutine, so nothing else shows the mistake.
const threadCheck = "Error in Fyne call thread"

// exitCode waits up to d for the program to exit.
func (a *instance) exitCode(t *testing.T, d time.Duration) int {
	t.Helper()
	select {
	case <-a.done:
		return a.cmd.ProcessState.ExitCode()
	case <-time.After(d):
		t.Fatalf("still running after %v; stderr:\n%s", d, a.stderr.String())
		return -1
	}
}

func xdo(args ...string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, "xdotool", args...)
	cmd.Env = append(os.Environ(), "DISPLAY="+display)
	out, err := cmd.Output()
	return strings.TrimSpace(string(out)), err
}

// window waits for a visible window whose name matches the regular
// expression and returns its id and name.
func window(t *testing.T, a *instance, pattern string, d time.Duration) (string, string) {
	t.Helper()
	deadline := time.Now().Add(d)
	for time.Now().Before(deadline) {
		if out, err := xdo("search", "--onlyvisible", "--name", pattern); err == nil && out != "" {
			id := strings.Fields(out)[0]
			name, _ := xdo("getwindowname", id)
			return id, name
		}
		select {
		case <-a.done:
			t.Fatalf("exited (%v) before a window %q appeared; stderr:\n%s", a.err, pattern, a.stderr.String())
		default:
		}
		time.Sleep(150 * time.Millisecond)
	}
	t.Fatalf("no window %q within %v; stderr:\n%s", pattern, d, a.stderr.String())
	return "", ""
}

// waitTitle waits until the window's title satisfies ok.
func waitTitle(t *testing.T, a *instance, win string, ok func(string) bool) string {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	last := ""
	for time.Now().Before(deadline) {
		if name, err := xdo("getwindowname", win); err == nil {
			last = name
			if ok(name) {
				return name
			}
		}
		time.Sleep(150 * time.Millisecond)
	}
	t.Fatalf("window title stayed %q; stderr:\n%s", last, a.stderr.String())
	return ""
}

func key(t *testing.T, win string, keys ...string) {
	t.Helper()
	// Focus the window, then type as the keyboard does (XTEST): events
	// sent to a window id are synthetic and can land on the wrong one.
	if _, err := xdo("windowfocus", "--sync", win); err != nil {
		t.Logf("xdotool windowfocus %s: %v", win, err)
	}
	if _, err := xdo(append([]string{"key", "--clearmodifiers"}, keys...)...); err != nil {
		t.Logf("xdotool key %v: %v", keys, err)
	}
}

func screenshot(t *testing.T, name string) {
	t.Helper()
	path := filepath.Join(artefacts, name)
	cmd := exec.Command("import", "-display", display, "-window", "root", path)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("screenshot: %v %s", err, out)
	}
	t.Logf("screenshot %s", path)
}

// startSample starts the program on a database that holds the 康飞塑业
// sample, made by the command line so that the first-start choice does not
// come up, and returns it with its window.
func startSample(t *testing.T, home, db string) (*instance, string) {
	t.Helper()
	if out, err := exec.Command(binary, "new", "--template", "kangfei", "--db", db).CombinedOutput(); err != nil {
		t.Fatalf("staffplan new: %v %s", err, out)
	}
	a := start(t, home, "--db", db)
	win, _ := window(t, a, "康飞塑业", 30*time.Second)
	return a, win
}

func TestFirstStartAsksAndEnterOpensTheSample(t *testing.T) {
	home := t.TempDir()
	a := start(t, home)
	win, name := window(t, a, "岗位编制规划", 30*time.Second)
	if strings.Contains(name, "康飞塑业") {
		t.Errorf("first start shows %q before the user chose how to start", name)
	}
	time.Sleep(1500 * time.Millisecond) // the first paint
	screenshot(t, "first-start-choice.png")
	// The choice defaults to the sample: Enter opens it.
	key(t, win, "Return")
	waitTitle(t, a, win, func(s string) bool { return strings.Contains(s, "康飞塑业") })
	time.Sleep(500 * time.Millisecond)
	screenshot(t, "first-start.png")
	key(t, win, "ctrl+q")
	if code := a.exitCode(t, 10*time.Second); code != 0 {
		t.Fatalf("exit code %d after Ctrl+Q; stderr:\n%s", code, a.stderr.String())
	}
	if _, err := os.Stat(filepath.Join(home, ".config", "staffplan", "plans.db")); err != nil {
		t.Errorf("no database in the default place: %v", err)
	}
}

func TestSecondInstanceSaysAlreadyOpen(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "plans.db")
	first, firstWin := startSample(t, home, db)

	began := time.Now()
	second := start(t, home, "--db", db)
	// The second instance's own window has the bare title.
	win, _ := window(t, second, "^岗位编制规划$", 10*time.Second)
	screenshot(t, "already-open.png")
	key(t, win, "Return")
	if code := second.exitCode(t, 5*time.Second); code != 1 {
		t.Errorf("second instance exit code %d, want 1", code)
	}
	if took := time.Since(began); took > 3*time.Second {
		t.Errorf("the second instance took %v to show the message and exit", took)
	}
	if !strings.Contains(second.stderr.String(), "已在另一个窗口中打开") {
		t.Errorf("stderr %q lacks the message", second.stderr.String())
	}
	key(t, firstWin, "ctrl+q")
	if code := first.exitCode(t, 10*time.Second); code != 0 {
		t.Errorf("first instance exit code %d", code)
	}
}

// writeRoster makes a roster workbook as HR keeps them: a title row over the
// header, an ID column the program must ignore.
func writeRoster(t *testing.T, path string, people int) {
	t.Helper()
	f := excelize.NewFile()
	sh := "花名册"
	f.SetSheetName("Sheet1", sh)
	_ = f.SetSheetRow(sh, "A1", &[]any{"员工花名册"})
	_ = f.SetSheetRow(sh, "A2", &[]any{"工号", "姓名", "部门", "岗位", "入职日期", "身份证号"})
	for i := 0; i < people; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+3)
		_ = f.SetSheetRow(sh, cell, &[]any{fmt.Sprintf("E2E%03d", i), fmt.Sprintf("测试员%d", i), "生产部", "操作工", "2024-03-01", "110101199001011234"})
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// drop drags files from the GTK drag source onto the window, as a user
// drags them from the file manager. The source must live until the window
// has fetched the data, so drop returns the function that ends it.
func drop(t *testing.T, target string, files ...string) (stop func()) {
	t.Helper()
	src := exec.Command("/usr/bin/python3", append([]string{"../../.ci/dragsource.py"}, files...)...)
	src.Env = append(os.Environ(), "DISPLAY="+display)
	var srcErr bytes.Buffer
	src.Stderr = &srcErr
	t.Cleanup(func() {
		if srcErr.Len() > 0 {
			t.Logf("drag source: %s", srcErr.String())
		}
	})
	if err := src.Start(); err != nil {
		t.Fatalf("no GTK drag source (python3-gi, gir1.2-gtk-3.0): %v", err)
	}
	stop = func() { _ = src.Process.Kill(); _, _ = src.Process.Wait() }
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if out, _ := xdo("search", "--onlyvisible", "--name", "staffplan-drag-source"); out != "" {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(time.Second) // GTK maps the window before it handles the pointer
	geo, _ := xdo("getwindowgeometry", "--shell", target)
	x, y, w, h := 600, 400, 0, 0
	for _, l := range strings.Split(geo, "\n") {
		k, v, _ := strings.Cut(l, "=")
		n := 0
		fmt.Sscan(v, &n)
		switch k {
		case "X":
			x = n
		case "Y":
			y = n
		case "WIDTH":
			w = n
		case "HEIGHT":
			h = n
		}
	}
	cx, cy := x+w*2/3, y+h/2
	steps := [][]string{
		{"mousemove", "60", "40"}, {"mousedown", "1"}, {"mousemove", "100", "70"},
		{"mousemove", fmt.Sprint(cx - 100), fmt.Sprint(cy - 50)}, {"mousemove", fmt.Sprint(cx), fmt.Sprint(cy)},
	}
	for _, s := range steps {
		if _, err := xdo(s...); err != nil {
			stop()
			t.Fatalf("xdotool %v: %v", s, err)
		}
		time.Sleep(400 * time.Millisecond)
	}
	time.Sleep(500 * time.Millisecond)
	_, _ = xdo("mouseup", "1")
	return stop
}

// peopleIn asks the program itself how many people a database holds.
func peopleIn(t *testing.T, db, plan string) int {
	t.Helper()
	n, err := peopleInPlan(db, plan)
	if err != nil {
		t.Fatalf("staffplan show: %v", err)
	}
	return n
}

// peopleInPlan is peopleIn for a plan that may not exist ("" is the first).
func peopleInPlan(db, plan string) (int, error) {
	args := []string{"show", "--db", db, "--json"}
	if plan != "" {
		args = append(args, "--plan", plan)
	}
	out, err := exec.Command(binary, args...).Output()
	if err != nil {
		return 0, err
	}
	var s struct {
		People int `json:"people"`
	}
	err = json.Unmarshal(out, &s)
	return s.People, err
}

func TestDropRosterImportsAndUndoRestores(t *testing.T) {
	for _, undo := range []bool{false, true} {
		home := t.TempDir()
		db := filepath.Join(home, "plans.db")
		roster := filepath.Join(home, "新员工花名册.xlsx")
		writeRoster(t, roster, 5)
		a, win := startSample(t, home, db)
		stop := drop(t, win, roster)
		// The title names the file while its preview waits for confirmation.
		waitTitle(t, a, win, func(s string) bool { return strings.Contains(s, "新员工花名册.xlsx") })
		stop()
		screenshot(t, "import-preview.png")
		key(t, win, "Return")
		waitTitle(t, a, win, func(s string) bool { return !strings.Contains(s, "xlsx") })
		if undo {
			key(t, win, "ctrl+z")
			time.Sleep(500 * time.Millisecond)
		}
		key(t, win, "ctrl+q")
		if code := a.exitCode(t, 10*time.Second); code != 0 {
			t.Fatalf("exit %d; stderr:\n%s", code, a.stderr.String())
		}
		// Dropped onto the untouched sample, the roster becomes a plan of
		// its own named after the file; the sample keeps its 23 people.
		if got := peopleIn(t, db, ""); got != 23 {
			t.Errorf("undo=%v: the sample has %d people after the import, want 23", undo, got)
		}
		got, err := peopleInPlan(db, "新员工花名册")
		switch {
		case undo && err == nil:
			t.Errorf("after undo the imported plan is still there with %d people", got)
		case !undo && (err != nil || got != 5):
			t.Errorf("the imported plan 新员工花名册: %d people (%v), want 5", got, err)
		}
	}
}

func TestDropCorruptFileChangesNothing(t *testing.T) {
	home := t.TempDir()
	db := filepath.Join(home, "plans.db")
	a, win := startSample(t, home, db)
	before, err := os.ReadFile(db)
	if err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(home, "坏文件.xlsx")
	if err := os.WriteFile(bad, []byte("PK\x03\x04 this zip stops here"), 0o600); err != nil {
		t.Fatal(err)
	}
	stop := drop(t, win, bad)
	defer stop()
	deadline := time.Now().Add(20 * time.Second)
	for !strings.Contains(a.stderr.String(), "坏文件.xlsx") {
		if time.Now().After(deadline) {
			t.Fatalf("no message about the corrupt file; stderr:\n%s", a.stderr.String())
		}
		time.Sleep(150 * time.Millisecond)
	}
	screenshot(t, "import-corrupt.png")
	key(t, win, "Escape")
	key(t, win, "ctrl+q")
	if code := a.exitCode(t, 10*time.Second); code != 0 {
		t.Fatalf("exit %d", code)
	}
	after, _ := os.ReadFile(db)
	if !bytes.Equal(before, after) {
		t.Error("dropping a corrupt file changed the database")
	}
}

// TestKillDuringImport kills the program in the middle of committing a
// large import: the database must open afterwards with everything from
// before or everything from after, never a part.
func TestKillDuringImport(t *testing.T) {
	const rows = 60000
	for _, delay := range []time.Duration{0, 150 * time.Millisecond, 400 * time.Millisecond} {
		dir := t.TempDir()
		db := filepath.Join(dir, "plans.db")
		if out, err := exec.Command(binary, "new", "--template", "kangfei", "--db", db).CombinedOutput(); err != nil {
			t.Fatalf("new: %v %s", err, out)
		}
		var b strings.Builder
		b.WriteString("工号,姓名,部门,岗位\n")
		for i := 0; i < rows; i++ {
			fmt.Fprintf(&b, "K%06d,员工%d,车间%d,操作工\n", i, i, i%40)
		}
		csv := filepath.Join(dir, "big.csv")
		if err := os.WriteFile(csv, []byte(b.String()), 0o600); err != nil {
			t.Fatal(err)
		}
		cmd := exec.Command(binary, "import", csv, "--db", db)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// The backup is written just before the commit's transaction.
		deadline := time.Now().Add(60 * time.Second)
		for {
			if m, _ := filepath.Glob(filepath.Join(dir, "backups", "*import*")); len(m) > 0 {
				break
			}
			if time.Now().After(deadline) {
				_ = cmd.Process.Kill()
				t.Fatal("the import never reached its commit")
			}
			time.Sleep(5 * time.Millisecond)
		}
		time.Sleep(delay)
		_ = cmd.Process.Kill() // SIGKILL: no chance to clean up
		state, _ := cmd.Process.Wait()
		got := peopleIn(t, db, "")
		if got != 23 && got != 23+rows {
			t.Fatalf("after kill -9 %v into the commit: %d people, want 23 (before) or %d (after)", delay, got, 23+rows)
		}
		t.Logf("killed %v after the commit began (exit %v): %d people", delay, state, got)
	}
}
