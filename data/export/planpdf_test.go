package export

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"staffplan/data/model"
	"staffplan/data/model/modeltest"
)

// planPDF writes d as a plan PDF into a temporary file.
func writePlanPDF(t *testing.T, d *model.PlanData, opt PDFOptions) string {
	t.Helper()
	if opt.Date.IsZero() {
		opt.Date = testDate
	}
	var buf bytes.Buffer
	if err := PlanPDF(&buf, d, opt); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "plan.pdf")
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	if dir := os.Getenv("PLANPDF_LOOK"); dir != "" {
		// For looking at the pages: PLANPDF_LOOK=/tmp/look go test -run …
		lookN++
		name := strings.ReplaceAll(t.Name(), "/", "_") + "-" + itoa(lookN)
		_ = os.WriteFile(filepath.Join(dir, name+".pdf"), buf.Bytes(), 0o644)
	}
	return path
}

var lookN int

func tool(t *testing.T, name string) string {
	t.Helper()
	p, err := exec.LookPath(name)
	if err != nil {
		t.Skipf("%s not installed (poppler-utils)", name)
	}
	return p
}

// pdfText is the text pdftotext reads from a PDF.
func pdfToText(t *testing.T, path string) string {
	t.Helper()
	out, err := exec.Command(tool(t, "pdftotext"), "-enc", "UTF-8", path, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestPlanPDFLook(t *testing.T) {
	if os.Getenv("PLANPDF_LOOK") == "" {
		t.Skip("PLANPDF_LOOK not set")
	}
	writePlanPDF(t, kangfei(t), PDFOptions{})
	writePlanPDF(t, kangfei(t), PDFOptions{Options: Options{Lang: "en"}})
	writePlanPDF(t, latinPlan(), PDFOptions{Options: Options{Lang: "en"}})
	writePlanPDF(t, modeltest.BigPlan(40, 300, 280), PDFOptions{})
}
