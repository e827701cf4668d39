package gui

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/app/internal/apptest"
	"staffplan/data/model"
	"staffplan/data/store"
	"staffplan/widgets/orgchart"
)

// showPost opens a post in the form at the window size the issue was seen
// at and lays the window out.
func showPost(t *testing.T, u *UI, title string) {
	t.Helper()
	u.win.Resize(fyne.NewSize(1180, 760))
	u.editor.load(u.postByTitle(t, title).ID)
	u.tabs.Select(u.posTab)
	u.win.Content().Refresh()
}

// visibleIn reports whether o's top lies inside the viewport of scroll s.
func visibleIn(s fyne.CanvasObject, o fyne.CanvasObject) bool {
	d := fyne.CurrentApp().Driver()
	sp, op := d.AbsolutePositionForObject(s), d.AbsolutePositionForObject(o)
	return op.Y >= sp.Y && op.Y+o.Size().Height <= sp.Y+s.Size().Height
}

func TestPositionFormScrollsToTheHolders(t *testing.T) {
	u := newTestUI(t)
	showPost(t, u, "行政人事部经理")
	e := u.editor
	if e.emptyScroll.Visible() {
		t.Fatal("the empty-state scroll is still shown over the form and takes its scroll events")
	}
	if visibleIn(e.formScroll, e.assign) {
		t.Fatal("the form fits without scrolling; the test needs a post whose form is taller than the window")
	}
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(e.formScroll)
	at := pos.Add(fyne.NewPos(e.formScroll.Size().Width/2, e.formScroll.Size().Height/2))
	for i := 0; i < 100 && !visibleIn(e.formScroll, e.assign); i++ {
		test.Scroll(u.win.Canvas(), at, 0, -60) // the wheel turned down
	}
	if e.formScroll.Offset.Y == 0 {
		t.Fatal("scrolling over the form did not move it")
	}
	if !visibleIn(e.formScroll, e.assign) {
		t.Errorf("after scrolling down, the assign picker is still out of reach (offset %v)", e.formScroll.Offset)
	}
	// Back up with the pointer over a multi-line entry, which scrolls its
	// own text: the form must still move.
	for i := 0; i < 100 && !visibleIn(e.formScroll, e.mission); i++ {
		test.Scroll(u.win.Canvas(), at, 0, 60)
	}
	mp := fyne.CurrentApp().Driver().AbsolutePositionForObject(e.mission)
	over := mp.Add(fyne.NewPos(20, 10))
	off := e.formScroll.Offset.Y
	test.Scroll(u.win.Canvas(), over, 0, -60)
	if e.formScroll.Offset.Y == off {
		t.Error("the wheel over the mission entry does not scroll the form")
	}
	for i := 0; i < 100 && !visibleIn(e.formScroll, e.education); i++ {
		test.Scroll(u.win.Canvas(), over, 0, -30)
	}
	if !visibleIn(e.formScroll, e.education) {
		t.Error("任职要求 (education) never came into view")
	}
}

func TestTabLeavesTheMultiLineMission(t *testing.T) {
	u := newTestUI(t)
	showPost(t, u, "行政人事部经理")
	e := u.editor
	c := u.win.Canvas()
	c.Focus(e.mission)
	before := e.mission.Text
	e.mission.TypedKey(&fyne.KeyEvent{Name: fyne.KeyTab})
	if e.mission.Text != before || strings.Contains(e.mission.Text, "\t") {
		t.Errorf("Tab typed into the mission: %q", e.mission.Text)
	}
	if c.Focused() == e.mission {
		t.Error("Tab left the focus in the mission")
	}
	if c.Focused() != e.dutyTexts[0] {
		t.Errorf("Tab should move on to duty 1, focused %T", c.Focused())
	}
	// The desktop driver moves the focus itself for an entry that does not
	// take Tab, which is also how Shift+Tab gets back.
	if e.mission.AcceptsTab() || e.dutyTexts[0].AcceptsTab() || e.note.AcceptsTab() {
		t.Error("multi-line form entries still capture Tab")
	}
}

// newEmptyUI opens the window the way the program does over a new database.
func newEmptyUI(t *testing.T) *UI {
	t.Helper()
	core.InitLang("en")
	a := test.NewTempApp(t)
	st, err := store.Open(filepath.Join(t.TempDir(), "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	u := openWindow(a, st)
	u.background = func(work func()) { work() }
	return u
}

// press sends a key that no widget takes to the window, as the driver does
// when nothing is focused.
func press(u *UI, k fyne.KeyName) {
	if f := u.win.Canvas().Focused(); f != nil {
		f.TypedKey(&fyne.KeyEvent{Name: k})
		return
	}
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: k})
}

// overlayTexts lists the label texts of the dialog on top.
func overlayTexts(u *UI) []string {
	var out []string
	walkOverlay(u.win.Canvas(), func(o fyne.CanvasObject) {
		if l, ok := o.(*widget.Label); ok {
			out = append(out, l.Text)
		}
	})
	return out
}

// walkOverlay calls visit for every object of the dialog on top, widgets'
// rendered children and containers' objects included.
func walkOverlay(c fyne.Canvas, visit func(fyne.CanvasObject)) {
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		visit(o)
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, c := range c.Objects {
				walk(c)
			}
		}
	}
	if top := c.Overlays().Top(); top != nil {
		walk(top)
	}
}

func TestFirstStartAsksAndEnterTakesTheSample(t *testing.T) {
	u := newEmptyUI(t)
	if len(u.plans) != 0 {
		t.Fatalf("a new database already holds %d plans before the user chose", len(u.plans))
	}
	if u.win.Canvas().Overlays().Top() == nil || u.firstStart == nil {
		t.Fatal("the first start shows no choice")
	}
	texts := strings.Join(overlayTexts(u), "\n")
	for _, want := range []string{"Start from the sample", "empty plan", "Import my roster"} {
		if !strings.Contains(texts+buttonTexts(u), want) {
			t.Errorf("the first-start choice lacks %q:\n%s", want, texts+buttonTexts(u))
		}
	}
	press(u, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter did not close the first-start choice")
	}
	if len(u.plans) != 1 || u.data.Plan.Organisation != "康飞塑业" || !strings.Contains(u.win.Title(), "康飞塑业") {
		t.Fatalf("Enter should start from the 康飞塑业 sample: plans %v, title %q", u.plans, u.win.Title())
	}
	if !u.untouchedSample() {
		t.Error("the sample just created is not recognised as untouched")
	}
}

// buttonTexts lists the button texts of the dialog on top.
func buttonTexts(u *UI) string {
	var out []string
	walkOverlay(u.win.Canvas(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok {
			out = append(out, b.Text)
		}
	})
	return strings.Join(out, "\n")
}

func TestFirstStartEmptyPlanWithEnter(t *testing.T) {
	u := newEmptyUI(t)
	tapButton(t, u.win.Canvas(), "Start with an empty plan…")
	name, ok := u.win.Canvas().Focused().(*dialogEntry)
	if !ok {
		t.Fatalf("the New plan dialog should have the name focused, focused %T", u.win.Canvas().Focused())
	}
	test.Type(name, "我的公司")
	press(u, fyne.KeyReturn)
	if len(u.plans) != 1 || u.data.Plan.Name != "我的公司" {
		t.Fatalf("Enter in the New plan dialog should create “我的公司”: %v", u.plans)
	}
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("the New plan dialog is still open")
	}
}

func TestImportOverTheUntouchedSampleMakesAPlanOfItsOwn(t *testing.T) {
	u := newTestUI(t)
	sample := u.planID
	people := len(u.data.People)
	path := filepath.Join(t.TempDir(), "华东分公司花名册.xlsx")
	apptest.WriteRoster(t, path, [][]any{{"H001", "甲一", "生产部", "操作工", "2024-03-01", "x"}, {"H002", "乙二", "生产部", "操作工", "2024-03-01", "x"}})
	u.ImportFiles([]string{path})
	if u.pendingImport == nil {
		t.Fatalf("no preview; dialog: %q", overlayTexts(u))
	}
	if !u.pendingImport.newPlan.Checked {
		t.Error("over the untouched sample the preview should default to a new plan")
	}
	press(u, fyne.KeyReturn)
	if u.planID == sample || u.data.Plan.Name != "华东分公司花名册" || len(u.data.People) != 2 {
		t.Fatalf("the roster should be a plan named after the file: plan %q with %d people", u.data.Plan.Name, len(u.data.People))
	}
	d, err := u.st.LoadPlan(sample)
	if err != nil || len(d.People) != people {
		t.Fatalf("the sample should keep its %d people: %v, %d", people, err, len(d.People))
	}

	// Once the user has edited the sample, an import merges into it unless
	// "as a new plan" is ticked.
	u.ShowPlan(sample)
	e := u.editor
	e.load(u.postByTitle(t, "出纳").ID)
	e.planned.SetText("2")
	if !e.Save() {
		t.Fatal(e.message.Text)
	}
	u.ImportFiles([]string{path})
	if u.pendingImport == nil || u.pendingImport.newPlan.Checked {
		t.Fatal("over an edited plan the preview should merge by default")
	}
	u.pendingImport.newPlan.SetChecked(true)
	press(u, fyne.KeyReturn)
	if u.planID == sample || len(u.plans) != 3 || len(u.data.People) != 2 {
		t.Fatalf("“as a new plan” should make a third plan with the 2 people: %d plans, %d people", len(u.plans), len(u.data.People))
	}
	if d, _ := u.st.LoadPlan(sample); len(d.People) != people {
		t.Errorf("the sample got %d people", len(d.People))
	}
}

func TestImportErrorKeepsTheFileNameAsItIsAndEnterCloses(t *testing.T) {
	u := newTestUI(t)
	path := filepath.Join(t.TempDir(), "corrupt.xlsx")
	if err := os.WriteFile(path, []byte("PK\x03\x04 this zip stops here"), 0o600); err != nil {
		t.Fatal(err)
	}
	u.ImportFiles([]string{path})
	texts := overlayTexts(u)
	found := false
	for _, s := range texts {
		if strings.Contains(s, "orrupt.xlsx") {
			found = true
			if !strings.Contains(s, "corrupt.xlsx") {
				t.Errorf("the message capitalises the file name: %q", s)
			}
		}
	}
	if !found {
		t.Fatalf("no message naming the file: %q", texts)
	}
	press(u, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter did not close the error message")
	}
}

func TestEnterClosesAnInformationMessage(t *testing.T) {
	u := newTestUI(t)
	u.aboutDialog()
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("no About message")
	}
	press(u, fyne.KeyReturn)
	if u.win.Canvas().Overlays().Top() != nil {
		t.Error("Enter did not close the message")
	}
}

func TestUndoMenuIsAvailableWhileTyping(t *testing.T) {
	u := newTestUI(t)
	e := u.editor
	e.load(u.postByTitle(t, "出纳").ID)
	if !u.undoItem.Disabled {
		t.Fatal("with no history and no typing Undo should be greyed out")
	}
	u.win.Canvas().Focus(e.title)
	test.Type(e.title, "总")
	if u.undoItem.Disabled {
		t.Fatal("Edit › Undo is greyed out while typing, though Ctrl+Z drops the typing")
	}
	u.undoItem.Action()
	if e.title.Text != "出纳" || e.dirty {
		t.Errorf("Undo from the menu should drop the typing: %q", e.title.Text)
	}
	if !u.undoItem.Disabled {
		t.Error("after dropping the typing Undo should be greyed out again")
	}
}

func TestFileDialogPlacesInChinese(t *testing.T) {
	u := newTestUI(t)
	core.InitLang("zh")
	defer core.InitLang("en")
	if got := lang.L("Cancel"); got != "取消" {
		t.Errorf("Fyne's own Cancel is %q in the Chinese interface", got)
	}
	u.importDialog()
	pop, ok := u.win.Canvas().Overlays().Top().(*widget.PopUp)
	if !ok {
		t.Fatal("no file dialog")
	}
	var names []string
	for _, l := range findLists(pop.Content) {
		n := l.Length()
		for i := 0; i < n; i++ {
			item := l.CreateItem()
			l.UpdateItem(i, item)
			for _, o := range item.(*fyne.Container).Objects {
				if lbl, ok := o.(*widget.Label); ok {
					names = append(names, lbl.Text)
				}
			}
		}
	}
	all := strings.Join(names, " ")
	if !strings.Contains(all, "主目录") || strings.Contains(all, "Home") || strings.Contains(all, "Computer") {
		t.Errorf("file dialog places: %q", names)
	}
}

// orgchartReadable is the chart's least readable zoom.
const orgchartReadable = orgchart.ReadableZoom

// pickPerson picks a person in the form's assign picker.
func pickPerson(t *testing.T, e *positionEditor, name string) {
	t.Helper()
	for i, o := range e.assign.Options() {
		if strings.HasPrefix(o, name) {
			e.assign.Pick(i)
			return
		}
	}
	t.Fatalf("%s not offered: %q", name, e.assign.Options())
}

func TestSecondPostAsksToSplitTimeOrKeepBoth(t *testing.T) {
	u := newTestUI(t)
	acct, fm := u.postByTitle(t, "会计").ID, u.postByTitle(t, "财务部经理").ID
	e := u.editor
	e.load(fm)
	// 吴丽 is 会计 at 1.0; a second post must ask.
	pickPerson(t, e, "吴丽")
	if u.win.Canvas().Overlays().Top() == nil {
		t.Fatal("assigning someone already full time to a second post did not ask")
	}
	if n := len(u.fig.Positions[fm].Holders); n != 0 {
		t.Fatalf("the post got %d holders before the answer", n)
	}
	press(u, fyne.KeyReturn) // Split her time, 0.5 + 0.5
	if got := u.fig.Positions[fm].Actual; got != 0.5 {
		t.Errorf("the new post has %v in post, want 0.5", got)
	}
	if got := u.fig.Positions[acct].Actual; got != 0.5 {
		t.Errorf("会计 keeps %v, want 0.5 after splitting her time", got)
	}
	wu := u.fig.Positions[fm].Holders[0].Person
	if got := u.personFTE[wu]; got != 1 {
		t.Errorf("吴丽 works %v in all, want 1", got)
	}
	// One undo takes the split back whole.
	u.Undo()
	if u.fig.Positions[acct].Actual != 1 || len(u.fig.Positions[fm].Holders) != 0 {
		t.Fatalf("undo should restore 会计 1.0 and remove the new post: %v, %d holders",
			u.fig.Positions[acct].Actual, len(u.fig.Positions[fm].Holders))
	}

	// Keep both: 1.5 in all, flagged in the roster and the form.
	pickPerson(t, e, "吴丽")
	tapButton(t, u.win.Canvas(), "Keep both (over 100 %)")
	if got := u.personFTE[wu]; got != 1.5 {
		t.Fatalf("keep both: %v in all, want 1.5", got)
	}
	flagged := 0
	for _, row := range u.roster.table.Shown() {
		if row.Cells[colName] == "吴丽" {
			if !strings.HasPrefix(row.Cells[colTotal], "1.5") || !strings.Contains(row.Cells[colTotal], "over 100") {
				t.Errorf("roster total for 吴丽: %q", row.Cells[colTotal])
			}
			flagged++
		}
	}
	if flagged != 2 {
		t.Errorf("吴丽 is on %d roster lines, want 2 (one per post)", flagged)
	}
	texts := ""
	for _, l := range holderLabels(e) {
		texts += l.Text
		if l.Importance != widget.WarningImportance {
			t.Errorf("the holder line %q is not flagged", l.Text)
		}
	}
	if !strings.Contains(texts, "1.5") || !strings.Contains(texts, "over 100") {
		t.Errorf("the form's holder line does not show her total: %q", texts)
	}
	for _, o := range e.assign.Options() {
		if strings.HasPrefix(o, "吴丽") && !strings.Contains(o, "1.5") {
			t.Errorf("the assign picker does not show her total: %q", o)
		}
	}
	// The chart's boxes name her with her total too (the chart follows the
	// plan when its tab is shown).
	u.tabs.Select(u.orgTab)
	for _, post := range []model.ID{acct, fm} {
		i, _ := u.org.chart.Model().Index(core.ChartPostID(post))
		lines := strings.Join(u.org.chart.Model().Node(i).Lines, " ")
		if !strings.Contains(lines, "吴丽(c 1.5)") {
			t.Errorf("chart box of post %d: %q", post, lines)
		}
	}
}

func TestSplitRefusesABadShare(t *testing.T) {
	u := newTestUI(t)
	e := u.editor
	fm := u.postByTitle(t, "财务部经理").ID
	e.load(fm)
	pickPerson(t, e, "吴丽")
	var share *widget.Entry
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if en, ok := o.(*widget.Entry); ok {
			share = en
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, c := range c.Objects {
				walk(c)
			}
		}
	}
	walk(u.win.Canvas().Overlays().Top())
	if share == nil {
		t.Fatal("no share entry in the question")
	}
	share.SetText("1")
	tapButton(t, u.win.Canvas(), "Split her time")
	if u.win.Canvas().Overlays().Top() == nil || len(u.fig.Positions[fm].Holders) != 0 {
		t.Fatal("a share of 1 leaves nothing to split, yet it was applied")
	}
	share.SetText("０.３") // full-width, as Chinese IMEs type
	tapButton(t, u.win.Canvas(), "Split her time")
	if got := u.fig.Positions[fm].Actual; got != 0.3 {
		t.Errorf("typed share 0.3: new post %v", got)
	}
	if got := u.fig.Positions[u.postByTitle(t, "会计").ID].Actual; got < 0.7-1e-9 || got > 0.7+1e-9 {
		t.Errorf("会计 keeps %v, want 0.7", got)
	}
}

func TestPeopleCountIsTheSameInStatusAndRoster(t *testing.T) {
	u := newTestUI(t)
	// A person with no post is still one of the company's people.
	err := u.apply("add", func(tx *store.Tx) error {
		p := model.Person{Name: "新人", EmpNo: "KF999"}
		return tx.PutPerson(&p)
	})
	if err != nil {
		t.Fatal(err)
	}
	n := model.CountPeople(u.data.People)
	want := strconv.Itoa(n) + " people"
	if !strings.Contains(u.status.Text, want) {
		t.Errorf("status %q lacks %q", u.status.Text, want)
	}
	if u.roster.count.Text != want {
		t.Errorf("roster count %q, want %q", u.roster.count.Text, want)
	}
	u.roster.filter.SetText("生产部 班组长")
	if got := u.roster.count.Text; got != "4 / "+want {
		t.Errorf("filtered roster count %q, want %q", got, "4 / "+want)
	}
	u.roster.filter.SetText("")
	if u.roster.count.Text != want {
		t.Errorf("count after clearing the filter %q", u.roster.count.Text)
	}
}

// truncatedLabels lists the texts of labels in o that are narrower than
// their text.
func truncatedLabels(o fyne.CanvasObject) []string {
	var out []string
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if !o.Visible() {
			return
		}
		if l, ok := o.(*widget.Label); ok && l.Text != "" && l.Truncation != fyne.TextTruncateOff {
			need := fyne.MeasureText(l.Text, theme.TextSize(), l.TextStyle).Width + 2*theme.InnerPadding()
			if l.Size().Width+0.5 < need {
				out = append(out, l.Text)
			}
		}
		if w, ok := o.(fyne.Widget); ok {
			for _, c := range test.WidgetRenderer(w).Objects() {
				walk(c)
			}
		}
		if c, ok := o.(*fyne.Container); ok {
			for _, c := range c.Objects {
				walk(c)
			}
		}
	}
	walk(o)
	return out
}

func TestNarrowWindowShowsOutlineNamesAndSearch(t *testing.T) {
	u := newTestUI(t)
	u.win.Resize(fyne.NewSize(1024, 700))
	u.tabs.Select(u.orgTab)
	u.win.Content().Refresh()
	left := u.split.Leading
	if cut := truncatedLabels(left); len(cut) > 0 {
		t.Errorf("at 1024×700 the outline cuts off %q", cut)
	}
	if w := u.org.search.Size().Width; w < 200 {
		t.Errorf("at 1024×700 the chart's search box is %v wide", w)
	}
}

func TestWindowSizeAndSplitAreRemembered(t *testing.T) {
	core.InitLang("en")
	a := test.NewTempApp(t)
	dir := t.TempDir()
	st, err := store.Open(filepath.Join(dir, "plans.db"), nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := seedSample(st); err != nil {
		t.Fatal(err)
	}
	u := openWindow(a, st)
	if s := u.win.Canvas().Size(); s != defaultWindow {
		t.Fatalf("first start window %v, want %v", s, defaultWindow)
	}
	u.win.Resize(fyne.NewSize(1300, 820))
	u.split.SetOffset(0.42)
	u.Quit()
	u.win.Close()
	// The next start opens as the user left it.
	u2 := openWindow(a, st)
	if s := u2.win.Canvas().Size(); s != fyne.NewSize(1300, 820) {
		t.Errorf("second start window %v, want 1300×820", s)
	}
	if off := u2.split.Offset; off < 0.419 || off > 0.421 {
		t.Errorf("second start split %v, want 0.42", off)
	}
	st.Close()
}

func TestChartZoomLabelShowsTheZoom(t *testing.T) {
	u := newTestUI(t)
	u.tabs.Select(u.orgTab)
	o := u.org
	o.chart.Actual100()
	o.chart.ZoomOut()
	want := strconv.Itoa(int(o.chart.Zoom()*100+0.5)) + "%"
	if want == "100%" || o.zoom.Text != want {
		t.Errorf("after zooming out the label says %q, the zoom is %v", o.zoom.Text, o.chart.Zoom())
	}
	o.chart.Fit()
	if o.chart.Zoom() < orgchartReadable {
		t.Errorf("fit went below a readable zoom: %v", o.chart.Zoom())
	}
	if got := strconv.Itoa(int(o.chart.Zoom()*100+0.5)) + "%"; o.zoom.Text != got {
		t.Errorf("after fit the label says %q, the zoom is %v", o.zoom.Text, o.chart.Zoom())
	}
	test.Tap(o.zoom)
	if o.chart.Zoom() != 1 || o.zoom.Text != "100%" {
		t.Errorf("tapping the zoom label: zoom %v, label %q", o.chart.Zoom(), o.zoom.Text)
	}
}

func TestLongDutiesShowAllTheirLines(t *testing.T) {
	u := newTestUI(t)
	showPost(t, u, "行政人事部经理")
	e := u.editor
	short, long := -1, -1
	for i, d := range e.dutyTexts {
		w := fyne.MeasureText(d.Text, theme.TextSize(), fyne.TextStyle{}).Width
		if w < 200 && short < 0 {
			short = i
		}
		if w > e.dutyTexts[i].Size().Width && long < 0 {
			long = i
		}
	}
	if long < 0 || short < 0 {
		t.Fatal("the sample has no duty longer than its entry is wide, nor a short one")
	}
	if hs, hl := e.dutyTexts[short].MinSize().Height, e.dutyTexts[long].MinSize().Height; hl <= hs {
		t.Errorf("duty %d is wider than its entry but gets %v, like the one-line duty %d (%v)", long+1, hl, short+1, hs)
	}
}

func TestEnterSavesWhenLeavingAChangedForm(t *testing.T) {
	u := newTestUI(t)
	a, b := u.postByTitle(t, "司机"), u.postByTitle(t, "厨工")
	u.editor.load(a.ID)
	u.editor.title.SetText("行政司机")
	u.outline.tree.Select(postUID(b.ID))
	press(u, fyne.KeyReturn)
	if got, _ := storedPost(t, u, a.ID); got.Title != "行政司机" || u.editor.id != b.ID {
		t.Errorf("Enter on “save the changes?” should save and move on: %q, editor on %d", got.Title, u.editor.id)
	}
}

// TestCancelledPreviewOnANewDatabaseOffersTheStartAgain: a file dropped
// onto the first-start choice, then its preview cancelled, must not leave
// an empty window with nothing saying how to begin.
func TestCancelledPreviewOnANewDatabaseOffersTheStartAgain(t *testing.T) {
	u := newEmptyUI(t)
	path := filepath.Join(t.TempDir(), "花名册.xlsx")
	apptest.WriteRoster(t, path, [][]any{{"H001", "甲一", "生产部", "操作工", "2024-03-01", "x"}})
	u.ImportFiles([]string{path})
	ip := u.pendingImport
	if ip == nil {
		t.Fatalf("no preview; dialog: %q", overlayTexts(u))
	}
	if u.firstStart != nil {
		t.Fatal("the first-start choice stays up under the preview")
	}
	ip.d.Dismiss()
	if len(u.plans) != 0 {
		t.Fatalf("a cancelled preview created plans: %v", u.plans)
	}
	if u.firstStart == nil || !strings.Contains(buttonTexts(u), "Start from the sample") {
		t.Errorf("after the preview was cancelled the first-start choice should be back; on top: %q", overlayTexts(u))
	}
}

// TestEmptyPlanIsNotFull: a plan with no 编制 and nobody in post says so,
// in the status line and the outline, instead of 满编 / "full".
func TestEmptyPlanIsNotFull(t *testing.T) {
	u := newEmptyUI(t)
	tapButton(t, u.win.Canvas(), "Start with an empty plan…")
	test.Type(u.win.Canvas().Focused().(*dialogEntry), "空方案")
	press(u, fyne.KeyReturn)
	if len(u.plans) != 1 {
		t.Fatalf("no plan created: %v", u.plans)
	}
	if s := u.status.Text; strings.Contains(s, "full") || !strings.Contains(s, "nothing planned") {
		t.Errorf("status of an empty plan: %q", s)
	}
	if got := shortFigureText(0, 0); strings.Contains(got, "full") {
		t.Errorf("outline figures of a unit with nothing planned: %q", got)
	}
	if got := core.GapText(2, 2); got != "full" {
		t.Errorf("GapText(2, 2) = %q, want full", got)
	}
}

// holderLabels are the name labels of the holder lines of the form, as
// the list shows them.
func holderLabels(e *positionEditor) []*widget.Label {
	var out []*widget.Label
	for i := range e.holderList.Length() {
		row := e.holderList.CreateItem()
		e.holderList.UpdateItem(i, row)
		l, _, _, _ := holderRowParts(row)
		out = append(out, l)
	}
	return out
}
