package pdfdoc

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// PDFText is the text pdftotext finds in pdf, or the test is skipped when
// poppler's pdftotext is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestMixedTextIsSearchable(t *testing.T) {
	d, err := New(Options{Paper: "a3", Landscape: true})
	if err != nil {
		t.Fatal(err)
	}
	if d.W < d.H || d.W < 1190 {
		t.Fatalf("A3 landscape is %v×%v", d.W, d.H)
	}
	d.AddPage()
	line := "人力资源部 HR Manager（兼）编制 3 / 在岗 2 — Anna Smith"
	d.Text(40, 60, line, 12, false)
	d.Text(40, 90, "总经理 General Manager", 14, true)
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	// Subset: the file is far smaller than the 4 MB font.
	if buf.Len() > 200_000 {
		t.Errorf("PDF of two lines is %d bytes: font not subset", buf.Len())
	}
	got := pdfText(t, buf.Bytes())
	for _, want := range []string{"人力资源部", "HR Manager", "编制 3 / 在岗 2", "Anna Smith", "总经理", "General Manager"} {
		if !strings.Contains(got, want) {
			t.Errorf("pdftotext lacks %q in %q", want, got)
		}
	}
}

func TestWidthCountsBothFonts(t *testing.T) {
	d, err := New(Options{})
	if err != nil {
		t.Fatal(err)
	}
	han, latin := d.Width("岗位", 10, false), d.Width("Ab", 10, false)
	if han < 19 || han > 21 {
		t.Errorf("两个汉字 at 10 pt are %v wide, want about 20", han)
	}
	if latin < 8 || latin > 16 {
		t.Errorf("Ab at 10 pt is %v wide", latin)
	}
	if both := d.Width("岗位Ab", 10, false); both < han+latin-0.01 || both > han+latin+0.01 {
		t.Errorf("mixed width %v, parts %v + %v", both, han, latin)
	}
	if d.Width("Ab", 10, true) <= latin {
		t.Error("bold Latin is not wider than regular: Go Bold not used")
	}
}

func TestUnknownPaper(t *testing.T) {
	if _, err := New(Options{Paper: "Letter"}); !errors.Is(err, ErrPaper) {
		t.Fatalf("err %v, want ErrPaper", err)
	}
	w, h, err := PageSize("A4", false)
	if err != nil || w > h {
		t.Fatalf("A4 portrait %v×%v %v", w, h, err)
	}
}
