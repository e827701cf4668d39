package export

import (
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"github.com/go-pdf/fpdf"

	"staffplan/assets"
	"staffplan/data/model"
	"staffplan/data/model/modeltest"
	"staffplan/data/template"
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
	writePlanPDF(t, modeltest.BigPlan(40, 300, 280), PDFOptions{Options: Options{Lang: "en"}, Paper: PaperA3, Landscape: true})
	writePlanPDF(t, kangfei(t), PDFOptions{Landscape: true})
	writePlanPDF(t, costPlan(t), PDFOptions{Parts: []string{PartCost}})
	en := latinPlan()
	en.Plan.Budget.Profile = shippedProfile(t, "shanghai", "en")
	en.Plan.Budget.Revenue = 2_000_000_00
	writePlanPDF(t, en, PDFOptions{Options: Options{Lang: "en"}, Parts: []string{PartCost}})
	writePlanPDF(t, en, PDFOptions{Options: Options{Lang: "en"}, Parts: []string{PartCost}, Paper: PaperA3, Landscape: true})
	big := modeltest.BigPlan(40, 300, 280)
	for i := range big.Positions {
		big.Positions[i].MonthlyPay = int64(6000_00 + 37_00*i)
	}
	big.Plan.Budget.Profile = shippedProfile(t, "shenzhen", "zh")
	writePlanPDF(t, big, PDFOptions{Parts: []string{PartCost}})
	writePlanPDF(t, kangfei(t), PDFOptions{Parts: []string{PartCost}})
	group, err := template.Load(assets.Templates(), "property-group")
	if err != nil {
		t.Fatal(err)
	}
	for i := range group.Positions {
		group.Positions[i].MonthlyPay = int64(4500_00 + 250_00*(i%20))
	}
	group.Plan.Budget = model.Budget{Profile: shippedProfile(t, "beijing", "zh"), Revenue: 80_000_000_00}
	writePlanPDF(t, group, PDFOptions{Parts: []string{PartStaffing, PartCost}})
	writePlanPDF(t, group, PDFOptions{Options: Options{Lang: "en"}, Parts: []string{PartCost}})
}

// pageCount is the number of pages pdfinfo reads.
func pageCount(t *testing.T, path string) int {
	t.Helper()
	out, err := exec.Command(tool(t, "pdfinfo"), path).Output()
	if err != nil {
		t.Fatalf("pdfinfo: %v", err)
	}
	for _, ln := range strings.Split(string(out), "\n") {
		if v, ok := strings.CutPrefix(ln, "Pages:"); ok {
			n, err := strconv.Atoi(strings.TrimSpace(v))
			if err != nil {
				t.Fatal(err)
			}
			return n
		}
	}
	t.Fatalf("pdfinfo gave no page count:\n%s", out)
	return 0
}

// squash drops the white space pdftotext puts where lines wrap.
func squash(s string) string {
	return strings.Join(strings.Fields(s), "")
}

func TestPlanPDFKangfeiText(t *testing.T) {
	d := kangfei(t)
	path := writePlanPDF(t, d, PDFOptions{})
	text := pdfToText(t, path)
	flat := squash(text)
	for _, want := range []string{d.Plan.Name, d.Plan.Organisation, "2026年11月27日", "人员配置明细表", "岗位说明书",
		"行政人事部(9人)", "合计(28人)", "编制", "在岗", "缺编", "第2页/共24页", "人工成本汇总"} {
		if !strings.Contains(flat, squash(want)) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	for _, u := range d.Units {
		if !strings.Contains(flat, squash(u.Name)) {
			t.Errorf("PDF text lacks the unit %q", u.Name)
		}
	}
	// Every post is in the table and has its own description, titled.
	headings := map[string]int{}
	for _, ln := range strings.Split(text, "\n") {
		headings[squash(ln)]++
	}
	for _, p := range d.Positions {
		if n := headings[squash(p.Title+" 岗位说明书")]; n != 1 {
			t.Errorf("%q: %d descriptions", p.Title, n)
		}
		if !strings.Contains(flat, squash(p.Title)) {
			t.Errorf("PDF text lacks the post %q", p.Title)
		}
	}
	// A duty and the mission print whole, not cut at a line break.
	for _, want := range []string{"负责制定公司行政管理制度,并督促管理制度的有效执行,负责评估和监督公司内部管理的规范性和有效性;",
		"负责为公司管理层提供决策支持"} {
		if !strings.Contains(flat, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	// The font is embedded (a subset), so it prints the same everywhere.
	out, err := exec.Command(tool(t, "pdffonts"), path).Output()
	if err != nil {
		t.Fatal(err)
	}
	for _, ln := range strings.Split(string(out), "\n")[2:] {
		if f := strings.Fields(ln); len(f) > 4 && f[len(f)-5] != "yes" {
			t.Errorf("font not embedded: %s", ln)
		}
	}
}

func TestPlanPDFParts(t *testing.T) {
	d := kangfei(t)
	var chartCalls int
	var got PDFPage
	chart := func(pdf *fpdf.Fpdf, page PDFPage) error {
		chartCalls++
		got = page
		for i := 0; i < 2; i++ {
			pdf.AddPageFormat("L", pdf.GetPageSizeStr("A3"))
			pdf.SetFont(page.CJKFont, "", 12)
			pdf.Text(20, 20, "图页"+itoa(pdf.PageNo()))
		}
		return nil
	}
	count := func(parts []string) int {
		t.Helper()
		return pageCount(t, writePlanPDF(t, d, PDFOptions{Parts: parts, ChartPages: chart}))
	}
	cover := count([]string{})
	staffing := count([]string{PartStaffing})
	descs := count([]string{PartStaffing, PartDescriptions})
	all := count(nil)
	// All: the chart's two pages and the cost summary's one (the sample
	// has no pay, so a page that says so).
	if cover != 1 || staffing != 2 || descs != 2+len(d.Positions) || all != descs+2+1 {
		t.Errorf("pages: cover %d, +staffing %d, +descriptions %d, all %d", cover, staffing, descs, all)
	}
	if chartCalls != 1 || got.Paper != PaperA4 || got.Title != d.Plan.Name || got.Date != "2026年11月27日" {
		t.Errorf("chart writer called %d times with %+v", chartCalls, got)
	}
	// The chart's pages come after the cover, without the plan's header
	// and footer; the pages after them are numbered in the whole document.
	path := writePlanPDF(t, d, PDFOptions{Parts: []string{PartChart, PartStaffing}, ChartPages: chart})
	page := func(n int) string {
		out, err := exec.Command(tool(t, "pdftotext"), "-f", itoa(n), "-l", itoa(n), path, "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		return squash(string(out))
	}
	if p2 := page(2); p2 != "图页2" {
		t.Errorf("page 2 reads %q, want the chart writer's text alone", p2)
	}
	if p4 := page(4); !strings.Contains(p4, "第4页/共4页") || !strings.Contains(p4, "人员配置明细表") {
		t.Errorf("page 4 reads %q", p4)
	}
	if cover := page(1); !strings.Contains(cover, "组织架构图2") || !strings.Contains(cover, "人员配置明细表4") {
		t.Errorf("contents on the cover: %q", cover)
	}

	if un := (PDFOptions{Parts: []string{PartChart, PartStaffing}}).Unavailable(); !slices.Equal(un, []string{PartChart}) {
		t.Errorf("Unavailable = %v", un)
	}
	if un := (PDFOptions{ChartPages: chart}).Unavailable(); un != nil {
		t.Errorf("all parts by default: Unavailable = %v", un)
	}
	if err := PlanPDF(io.Discard, d, PDFOptions{Parts: []string{"budget"}}); err == nil {
		t.Error("an unknown part was accepted")
	}
}

func TestPlanPDFEnglish(t *testing.T) {
	path := writePlanPDF(t, latinPlan(), PDFOptions{Options: Options{Lang: "en"}})
	text := pdfToText(t, path)
	for _, r := range text {
		if unicode.Is(unicode.Han, r) {
			t.Fatalf("English PDF has Chinese %q:\n%s", r, text)
		}
	}
	for _, want := range []string{"Acme plan", "Staffing table", "Position descriptions", "Planned", "In post",
		"Vacant/over", "Page 2 of", "Contents", "Post 1-2 Position description", "Reports to", "Duties"} {
		if !strings.Contains(text, want) {
			t.Errorf("English PDF lacks %q", want)
		}
	}
}

// A text longer than a page is split over pages, nothing lost, and
// characters the fonts lack or fpdf cannot index do not stop the export.
func TestPlanPDFLongText(t *testing.T) {
	d := kangfei(t)
	long := strings.Repeat("每月盘点一次库存并核对账目。", 120) + "终点标记END"
	d.Positions[0].Note = long
	d.Positions[0].Duties = append(d.Positions[0].Duties, "含罕用字𠀀与表情😀和泰文ไทย")
	d.Positions[1].Title = strings.Repeat("很长的岗位名称", 20)
	path := writePlanPDF(t, d, PDFOptions{Parts: []string{PartStaffing, PartDescriptions}})
	flat := squash(pdfToText(t, path))
	if n := strings.Count(flat, "终点标记END"); n != 2 {
		t.Errorf("the end of the long note is printed %d times, want 2 (table and description)", n)
	}
	// Each copy of the sentence has one 盘 (the plan has none of its own):
	// a sentence split between pages is interrupted by the footer and the
	// header but keeps its characters.
	if n := strings.Count(flat, "盘"); n != 2*120 {
		t.Errorf("the long note's sentence is printed %d times, want %d", n, 2*120)
	}
	if !strings.Contains(flat, "含罕用字□与表情□和泰文ไทย") {
		t.Error("the duty with characters outside the fonts is lost")
	}
	if !strings.Contains(flat, squash(d.Positions[1].Title)) {
		t.Error("a long title is lost")
	}
}

func TestWrapKeepsEveryCharacter(t *testing.T) {
	pdf := fpdf.New("P", "mm", "A4", "")
	tx, err := newPDFText(pdf)
	if err != nil {
		t.Fatal(err)
	}
	s := "负责为公司管理层提供决策支持,保证公司内部管理体系的完整和平稳运行;进行公司形象推广、公关和公司企业文化建设。Plan the work and work the plan."
	for _, w := range []float64{60, 95, 140, 230} {
		lines := tx.wrap(s, w, 10, false)
		if got := strings.Join(lines, ""); squash(got) != squash(s) {
			t.Errorf("width %v: %q", w, lines)
		}
		for _, ln := range lines {
			if tx.width(ln, 10, false) > w+0.01 {
				t.Errorf("width %v: line %q is %.1f pt", w, ln, tx.width(ln, 10, false))
			}
			if r := []rune(ln); len(r) > 0 && strings.ContainsRune(noLineStart, r[0]) {
				t.Errorf("width %v: line starts with %q", w, r[0])
			}
		}
	}
}

// The sample's 副总经理 has the note 暂不设置, which its status says: in
// English the page says "not set up yet" once, not both.
func TestPlanPDFStatusNoteOnce(t *testing.T) {
	flat := squash(pdfToText(t, writePlanPDF(t, kangfei(t), PDFOptions{Options: Options{Lang: "en"}})))
	if strings.Contains(flat, "暂不设置") {
		t.Error("the English PDF repeats the status note 暂不设置")
	}
	if !strings.Contains(flat, "2(notsetupyet)") {
		t.Error("the English description does not say the post is not set up")
	}
}

// Plans with nothing in them, or names as long as the program allows,
// still print: nothing is cut off the cover and no part fails.
func TestPlanPDFEdgePlans(t *testing.T) {
	empty := &model.PlanData{}
	if n := pageCount(t, writePlanPDF(t, empty, PDFOptions{})); n != 3 {
		t.Errorf("an empty plan has %d pages, want the cover, the (empty) staffing table and the cost part saying no pay is set", n)
	}
	long := strings.Repeat("超长名称", model.MaxNameRunes/4)
	d := &model.PlanData{Plan: model.Plan{Name: long, Organisation: long},
		Units:     []model.Unit{{ID: 1, Name: long, Kind: model.UnitCompany}, {ID: 2, Name: long + "2", Parent: 1}, {ID: 3, Name: "空部门", Parent: 1}},
		Positions: []model.Position{{ID: 10, Title: long, Unit: 2, Planned: 1, Duties: []string{long}}}}
	flat := squash(pdfToText(t, writePlanPDF(t, d, PDFOptions{})))
	if n := strings.Count(flat, "超长名称"); n < 4*model.MaxNameRunes/4 {
		t.Errorf("long names are cut: %d copies of the word", n)
	}
	if !strings.Contains(flat, "空部门(0人)") {
		t.Error("a department without posts has no subtotal line")
	}
}

// Nothing is drawn outside the page's margins: between the text and the
// paper's right edge, above the header, and between the last row and the
// footer's line, every pixel of every page is white. A table or form that
// overran its page would show there.
func TestPlanPDFStaysInMargins(t *testing.T) {
	d := kangfei(t)
	d.Positions[0].Note = strings.Repeat("每月盘点一次库存并核对账目。", 80)
	d.Positions[1].Title = strings.Repeat("很长的岗位名称", 20)
	// With pay, so that the cost summary draws its tables too.
	for i := range d.Positions {
		d.Positions[i].MonthlyPay = int64(5000_00 + 1000_00*i)
	}
	d.Plan.Budget = model.Budget{Profile: shippedProfile(t, "beijing", "zh"), Revenue: 50_000_000_00}
	for _, opt := range []PDFOptions{{}, {Landscape: true, Options: Options{Lang: "en"}}} {
		path := writePlanPDF(t, d, opt)
		dir := t.TempDir()
		const dpi = 36
		if out, err := exec.Command(tool(t, "pdftoppm"), "-gray", "-r", itoa(dpi), path, filepath.Join(dir, "p")).CombinedOutput(); err != nil {
			t.Fatalf("pdftoppm: %v %s", err, out)
		}
		pages, _ := filepath.Glob(filepath.Join(dir, "p-*.pgm"))
		if len(pages) < 20 {
			t.Fatalf("%d pages rendered", len(pages))
		}
		px := func(v float64) int { return int(v / 72 * dpi) }
		for _, pg := range pages {
			w, h, pix := readPGM(t, pg)
			white := func(x0, y0, x1, y1 int) bool {
				for y := max(0, y0); y < min(h, y1); y++ {
					for x := max(0, x0); x < min(w, x1); x++ {
						if pix[y*w+x] < 250 {
							return false
						}
					}
				}
				return true
			}
			if !white(w-px(marginSide)+2, 0, w, h) {
				t.Errorf("%s: something in the right margin", filepath.Base(pg))
			}
			if !white(0, 0, w, px(6*mm)) {
				t.Errorf("%s: something above the header", filepath.Base(pg))
			}
			if !white(0, h-px(marginBottom)+1, w, h-px(footerY+1.5*mm)-2) {
				t.Errorf("%s: something below the last row", filepath.Base(pg))
			}
		}
	}
}

// readPGM reads a binary greyscale PGM as pdftoppm writes it.
func readPGM(t *testing.T, path string) (w, h int, pix []byte) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	// "P5", width, height and the largest value, separated by white
	// space, then one white-space byte and the pixels.
	fields := strings.Fields(string(b[:min(len(b), 64)]))
	if len(fields) < 4 || fields[0] != "P5" {
		t.Fatalf("%s: not a PGM", path)
	}
	w, _ = strconv.Atoi(fields[1])
	h, _ = strconv.Atoi(fields[2])
	end := 0
	for i, seen := 0, 0; i < len(b) && seen < 4; i++ {
		if b[i] == ' ' || b[i] == '\n' || b[i] == '\t' || b[i] == '\r' {
			if i > 0 && b[i-1] != ' ' && b[i-1] != '\n' && b[i-1] != '\t' && b[i-1] != '\r' {
				seen++
			}
			end = i + 1
		}
	}
	pix = b[end:]
	if len(pix) < w*h {
		t.Fatalf("%s: short", path)
	}
	return w, h, pix
}
