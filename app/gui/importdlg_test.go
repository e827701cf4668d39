package gui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/internal/apptest"
	"staffplan/data/store"
)

func TestDroppedRosterPreviewsCommitsAndUndoes(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "新花名册.xlsx")
	apptest.WriteRoster(t, file, [][]any{
		{"KF001", "周建国", "康飞塑业", "总经理", "2006-03-01", ""},
		{"KF300", "钱多多", "生产部", "操作工", "2023-02-01", "110101199001011234"},
		{"KF301", "孙少少", "质检部", "质检员", "2023-03-01", ""},
	})
	makeOwn(t, u)
	people := len(u.data.People)
	u.Dropped([]fyne.URI{storage.NewFileURI(file)})
	ip := u.pendingImport
	if ip == nil {
		t.Fatal("no preview after the drop")
	}
	if ip.p.Created != 2 || ip.p.Unchanged+ip.p.Updated != 1 || len(ip.p.NewUnits) != 1 {
		t.Errorf("preview: created %d updated %d unchanged %d new units %d", ip.p.Created, ip.p.Updated, ip.p.Unchanged, len(ip.p.NewUnits))
	}
	if !strings.Contains(ip.problems.Text, "身份证号") {
		t.Errorf("the ID column is not shown as personal data: %q", ip.problems.Text)
	}
	if len(u.data.People) != people {
		t.Fatal("the preview changed the plan")
	}
	// The first rows' headings are in the interface language.
	head := widget.NewLabel("")
	for col, want := range map[int]string{0: "emp. no.", len(ip.p.SampleHeader): "change"} {
		ip.sample.UpdateHeader(widget.TableCellID{Row: -1, Col: col}, head)
		if head.Text != want {
			t.Errorf("heading of column %d: %q, want %q", col, head.Text, want)
		}
	}
	// Enter confirms.
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(u.data.People) != people+2 {
		t.Fatalf("after import %d people, want %d", len(u.data.People), people+2)
	}
	if !strings.Contains(u.hist.UndoLabel(), "新花名册.xlsx") {
		t.Errorf("undo label %q", u.hist.UndoLabel())
	}
	backups, _ := u.st.Backups()
	if len(backups) == 0 || backups[0].Reason != "import" {
		t.Errorf("no backup before the import: %+v", backups)
	}
	u.Undo()
	if len(u.data.People) != people {
		t.Errorf("undo import left %d people, want %d", len(u.data.People), people)
	}
}

func TestImportMappingChangeIsRememberedAndBadFileReported(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "r.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"Z1", "赵一", "生产部", "操作工", "2023-02-01", ""}})
	u.ImportFiles([]string{file})
	ip := u.pendingImport
	s := mainSheet(ip.wb)
	// Ignore the post column: the person lands in the untitled post.
	for i, c := range s.Columns {
		if c.Header == "岗位" {
			s.Mapping[i] = ""
			u.rememberMapping(s)
		}
	}
	ip.reprepare()
	if len(ip.p.Positions) == 0 || ip.p.Positions[0].Title == "操作工" {
		t.Errorf("with 岗位 ignored the post should not be 操作工: %+v", ip.p.Positions)
	}
	ip.d.Hide()
	u.pendingImport = nil
	// The same headers again: the choice comes back.
	u.ImportFiles([]string{file})
	s2 := mainSheet(u.pendingImport.wb)
	for i, c := range s2.Columns {
		if c.Header == "岗位" && s2.Mapping.Field(i) != "" {
			t.Error("the remembered mapping was not applied")
		}
	}
	u.pendingImport.d.Hide()
	u.pendingImport = nil

	junk := filepath.Join(t.TempDir(), "junk.xlsx")
	writeText(t, junk, "not a workbook")
	u.ImportFiles([]string{junk})
	if u.pendingImport != nil {
		t.Error("a broken file got a preview")
	}
	top := u.win.Canvas().Overlays().Top()
	if top == nil {
		t.Fatal("no message for a broken file")
	}
}

// makeOwn edits the sample's notes, so that it is no longer the untouched
// sample and imports merge into it.
func makeOwn(t *testing.T, u *UI) {
	t.Helper()
	err := u.apply("notes", func(tx *store.Tx) error {
		p, err := tx.Plan()
		if err != nil {
			return err
		}
		p.Notes += "（已修改）"
		return tx.PutPlan(p)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func writeText(t *testing.T, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o600); err != nil {
		t.Fatal(err)
	}
}

func TestEnterConfirmsImportEvenAfterTheChartHadFocus(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "r.xlsx")
	apptest.WriteRoster(t, file, [][]any{{"Q1", "秦一", "生产部", "操作工", "2023-02-01", ""}})
	makeOwn(t, u)
	u.win.Canvas().Focus(u.org.chart)
	u.ImportFiles([]string{file})
	if f := u.win.Canvas().Focused(); f != nil {
		t.Fatalf("%T keeps the focus while the preview is up", f)
	}
	people := len(u.data.People)
	u.win.Canvas().OnTypedKey()(&fyne.KeyEvent{Name: fyne.KeyReturn})
	if len(u.data.People) != people+1 {
		t.Errorf("Enter did not import")
	}
}
