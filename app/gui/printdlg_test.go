package gui

import (
	"errors"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// findInDialog returns the widgets of type T in the dialog on top.
func findInDialog[T fyne.CanvasObject](t *testing.T, c fyne.Canvas) []T {
	t.Helper()
	top := c.Overlays().Top()
	if top == nil {
		t.Fatal("no dialog open")
	}
	var out []T
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if w, ok := o.(T); ok {
			out = append(out, w)
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
	walk(top)
	return out
}

func pdfText(t *testing.T, path string) string {
	t.Helper()
	p, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (poppler-utils)")
	}
	out, err := exec.Command(p, path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func pdfInfo(t *testing.T, path string) string {
	t.Helper()
	p, err := exec.LookPath("pdfinfo")
	if err != nil {
		t.Skip("pdfinfo not installed (poppler-utils)")
	}
	out, err := exec.Command(p, path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	return string(out)
}

func TestPrintPlanDialog(t *testing.T) {
	u := newTestUI(t)
	var opened []*url.URL
	old := openURL
	openURL = func(_ fyne.App, l *url.URL) error { opened = append(opened, l); return nil }
	t.Cleanup(func() { openURL = old })

	typeShortcut(u, shortcutPrint) // Ctrl+P
	c := u.win.Canvas()
	checks := findInDialog[*keyCheck](t, c)
	var labels []string
	for _, ch := range checks {
		labels = append(labels, ch.Text)
		if !ch.Checked {
			t.Errorf("%q is not ticked at first", ch.Text)
		}
	}
	if strings.Join(labels, "|") != "Organisation chart|Staffing table|Position descriptions|Labour cost summary" {
		t.Fatalf("parts offered: %v", labels)
	}
	// Leave the descriptions out, on A3 landscape, the chart one page per unit.
	checks[2].SetChecked(false)
	// Paper, orientation and the chart's layout, in that order.
	radios := findInDialog[*keySelect](t, c)
	if len(radios) != 3 {
		t.Fatalf("%d drop-downs", len(radios))
	}
	layout := radios[2:]
	if len(layout) != 1 || layout[0].Selected != "Tiled over several pages" {
		t.Fatalf("layout choice %v", layout)
	}
	layout[0].SetSelected("One page per unit")
	radios[0].SetSelected("A3")
	radios[1].SetSelected("Landscape")
	tapButton(t, c, "Make PDF")

	if len(opened) != 1 || opened[0].Scheme != "file" {
		t.Fatalf("opened %v", opened)
	}
	path := filepath.FromSlash(opened[0].Path)
	t.Cleanup(func() { os.RemoveAll(filepath.Dir(path)) })
	if !strings.HasSuffix(path, ".pdf") {
		t.Errorf("opened %q, not a PDF", path)
	}
	info := pdfInfo(t, path)
	if !strings.Contains(info, "(A3)") || !strings.Contains(info, "1190.55 x 841.89") {
		t.Errorf("A3 landscape expected:\n%s", info)
	}
	// Cover, the chart's pages (on A3 the sample's units share one),
	// the staffing table, no descriptions, and then the cost summary of
	// the sample's (assumed) pay.
	text := pdfText(t, path)
	pages := strings.Split(text, "\f")
	staffing, cost := -1, -1
	for i, pg := range pages[1:] { // the cover's contents name every part
		i++
		if staffing < 0 && strings.Contains(pg, "Staffing table") {
			staffing = i
		}
		if cost < 0 && strings.Contains(pg, "Labour cost summary") && strings.Contains(pg, "Planned labour cost a year") {
			cost = i
		}
	}
	if n := len(pages) - 1; n < 4 || !strings.Contains(pages[1], "总经理") || staffing < 2 || cost <= staffing {
		t.Errorf("%d pages (staffing table on %d, cost on %d): %q", n, staffing, cost, pages)
	}
	if strings.Contains(text, "Position description") {
		t.Error("the descriptions were printed though left out")
	}

	// The choice is remembered for the next time.
	typeShortcut(u, shortcutPrint)
	radios = findInDialog[*keySelect](t, c)
	if radios[0].Selected != "A3" || radios[1].Selected != "Landscape" {
		t.Errorf("paper %q, orientation %q the second time", radios[0].Selected, radios[1].Selected)
	}
	if l := radios[2].Selected; l != "One page per unit" {
		t.Errorf("layout %q the second time", l)
	}
	// No part ticked: a message, no PDF.
	for _, ch := range findInDialog[*keyCheck](t, c) {
		ch.SetChecked(false)
	}
	tapButton(t, c, "Make PDF")
	if len(opened) != 1 {
		t.Errorf("a PDF was opened with no part chosen")
	}
	if labels := findInDialog[*widget.Label](t, c); !containsText(labels, "at least one part") {
		t.Error("no message when no part is chosen")
	}
}

func containsText(ls []*widget.Label, s string) bool {
	for _, l := range ls {
		if strings.Contains(l.Text, s) {
			return true
		}
	}
	return false
}

// PDFs printed more than a day ago are cleared from the temporary folder
// when the next one is printed; recent ones stay for their viewer.
func TestPrintRemovesOldPDFs(t *testing.T) {
	t.Setenv("TMPDIR", t.TempDir())
	oldDir, err := os.MkdirTemp("", printDirPrefix)
	if err != nil {
		t.Fatal(err)
	}
	recent, _ := os.MkdirTemp("", printDirPrefix)
	day := time.Now().Add(-25 * time.Hour)
	if err := os.Chtimes(oldDir, day, day); err != nil {
		t.Fatal(err)
	}
	u := newTestUI(t)
	path, err := writePrintFile(u.data, func(w io.Writer) error { _, err := w.Write([]byte("%PDF-1.4")); return err })
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(oldDir); !os.IsNotExist(err) {
		t.Error("a day-old print folder was kept")
	}
	for _, keep := range []string{recent, path} {
		if _, err := os.Stat(keep); err != nil {
			t.Errorf("%s: %v", keep, err)
		}
	}
}

// TestPrintWithoutAViewer: where no PDF viewer opens (none installed, a
// bare X server), printing says so, where the PDF is and that its folder is
// a temporary one, not a bare "Saved to …" that reads as if it had been
// put somewhere to keep.
func TestPrintWithoutAViewer(t *testing.T) {
	u := newTestUI(t)
	old := openURL
	openURL = func(fyne.App, *url.URL) error { return errors.New("xdg-open: not found") }
	t.Cleanup(func() { openURL = old })
	u.printPlanDialog()
	tapButton(t, u.win.Canvas(), "Make PDF")
	text := strings.Join(overlayTexts(u), " ")
	if !strings.Contains(text, "No PDF viewer") || !strings.Contains(text, printDirPrefix) || !strings.Contains(text, "temporary") {
		t.Errorf("message %q", text)
	}
}
