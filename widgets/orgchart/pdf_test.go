package orgchart

import (
	"bytes"
	"errors"
	"fmt"
	"image/color"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/go-pdf/fpdf"

	"staffplan/data/export/pdfdoc"
)

// pdfChart is a generated chart of n posts as the app builds them: a
// title, the unit, the figures, some vacancies, planned posts, badges and
// dotted lines.
func pdfChart(t testing.TB, n int) *Model {
	t.Helper()
	nodes, _ := randomTree(n, 7)
	for i := range nodes {
		nd := &nodes[i]
		nd.Title = fmt.Sprintf("岗位%d主管", i)
		nd.Subtitle = fmt.Sprintf("第%d部", i%23)
		nd.Lines = []string{"编制 1 / 在岗 1"}
		switch i % 7 {
		case 1:
			nd.Style = Vacancy
		case 2:
			nd.Style = Over
		case 3:
			nd.Style = Dashed
		case 4:
			nd.Lines = append(nd.Lines, "Anna Smith")
		}
		if i%11 == 5 {
			nd.Badge = "兼"
		}
		if i%13 == 6 && i > 20 {
			nd.Dotted = []string{nodes[i/2].ID}
		}
	}
	return mustModel(t, nodes)
}

func approxLE(a, b float32) bool { return a <= b+0.01 }

func contains(outer, inner Rect) bool {
	return approxLE(outer.X, inner.X) && approxLE(outer.Y, inner.Y) &&
		approxLE(inner.X+inner.W, outer.X+outer.W) && approxLE(inner.Y+inner.H, outer.Y+outer.H)
}

// checkPlan checks what a reader of the printed chart depends on: nothing
// drawn outside a page's chart area, every box whole on some page, and a
// box cut at a tile's edge only where a neighbouring tile overlaps it.
func checkPlan(t *testing.T, p *PDFPlan, o PDFOptions) {
	t.Helper()
	o = o.withDefaults()
	if len(p.Pages) == 0 {
		t.Fatal("no pages")
	}
	for k, pg := range p.Pages {
		c := pg.Content
		if c.X < float32(o.Margin)-0.01 || c.Y < float32(o.Margin) || float64(c.X+c.W) > p.PageW-o.Margin+0.01 || float64(c.Y+c.H) > p.PageH-o.Margin+0.01 {
			t.Fatalf("page %d: chart area %v leaves the margins of %v×%v", k+1, c, p.PageW, p.PageH)
		}
		if !pg.Overview && (float64(pg.View.W)*pg.Scale > float64(c.W)+0.01 || float64(pg.View.H)*pg.Scale > float64(c.H)+0.01) {
			t.Fatalf("page %d: view %v at %v does not fit %v", k+1, pg.View, pg.Scale, c)
		}
		if pg.Scale*textSize < MinReadablePt && !pg.Overview {
			t.Fatalf("page %d: body text %.1f pt", k+1, pg.Scale*textSize)
		}
	}
	for sec := range p.sections {
		var pages []PDFPage
		for _, pg := range p.Pages {
			if pg.Section == sec && !pg.Overview {
				pages = append(pages, pg)
			}
		}
		if len(pages) == 0 {
			t.Fatalf("section %d has no page", sec)
		}
		for bi, b := range p.Boxes(sec) {
			whole := false
			for _, pg := range pages {
				if contains(pg.View, b) {
					whole = true
					break
				}
			}
			if !whole {
				t.Fatalf("section %d: box %d %v is whole on no page", sec, bi, b)
			}
			for _, pg := range pages {
				if !b.Intersects(pg.View) || contains(pg.View, b) {
					continue
				}
				if pg.Row == 0 {
					t.Fatalf("section %d: box %v cut on a single page %v", sec, b, pg.View)
				}
				// Cut at an edge: the box is whole on a tile across that
				// edge, so the cut falls in the overlap the marks show.
				v := pg.View
				cuts := []struct {
					cut    bool
					dr, dc int
				}{
					{b.X < v.X, 0, -1}, {b.X+b.W > v.X+v.W, 0, 1},
					{b.Y < v.Y, -1, 0}, {b.Y+b.H > v.Y+v.H, 1, 0},
				}
				for _, c := range cuts {
					if !c.cut {
						continue
					}
					ok := false
					for _, q := range pages {
						if (c.dc == 0 || q.Col == pg.Col+c.dc) && (c.dr == 0 || q.Row == pg.Row+c.dr) && contains(q.View, b) {
							ok = true
						}
					}
					if !ok {
						t.Fatalf("section %d: box %v cut at an edge of tile %d-%d %v and whole on no tile beyond it", sec, b, pg.Row, pg.Col, v)
					}
				}
			}
		}
		// Neighbouring tiles overlap by at least the overlap.
		for _, a := range pages {
			for _, q := range pages {
				ov := float32(o.Overlap / a.Scale)
				if q.Row == a.Row && q.Col == a.Col+1 && a.View.X+a.View.W-q.View.X < ov-0.05 {
					t.Fatalf("tiles %d-%d and %d-%d overlap by %v < %v", a.Row, a.Col, q.Row, q.Col, a.View.X+a.View.W-q.View.X, ov)
				}
				if q.Col == a.Col && q.Row == a.Row+1 && a.View.Y+a.View.H-q.View.Y < ov-0.05 {
					t.Fatalf("tiles %d-%d and %d-%d overlap by %v < %v", a.Row, a.Col, q.Row, q.Col, a.View.Y+a.View.H-q.View.Y, ov)
				}
			}
		}
	}
}

func TestPDFPlanLayouts(t *testing.T) {
	for _, n := range []int{10, 300, 10_000} {
		m := pdfChart(t, n)
		for _, paper := range []PDFOptions{{Paper: "A4"}, {Paper: "A3", Landscape: true}} {
			name := fmt.Sprintf("%d-%s-%v", n, paper.Paper, paper.Landscape)
			t.Run(name+"-fit", func(t *testing.T) {
				o := paper
				o.Layout, o.Chart = PDFFit, Options{Compact: true}
				p, err := PlanPDF(m, o)
				if n == 10 {
					if err != nil {
						t.Fatal(err)
					}
					if len(p.Pages) != 1 {
						t.Fatalf("%d pages, want 1", len(p.Pages))
					}
					checkPlan(t, p, o)
					return
				}
				var small *TooSmallError
				if !errors.Is(err, ErrTooSmall) || !errors.As(err, &small) || small.TextPt >= MinReadablePt || small.TextPt <= 0 {
					t.Fatalf("%d posts on one page: err %v, want refusal with the text size", n, err)
				}
			})
			t.Run(name+"-tiled", func(t *testing.T) {
				o := paper
				o.Layout, o.Chart = PDFTiled, Options{Compact: true}
				p, err := PlanPDF(m, o)
				if err != nil {
					t.Fatal(err)
				}
				checkPlan(t, p, o)
				tiles := 0
				for _, pg := range p.Pages {
					if !pg.Overview {
						tiles++
					}
				}
				switch {
				case n == 10 && len(p.Pages) != 1:
					t.Fatalf("10 posts: %d pages, want 1", len(p.Pages))
				case n > 10 && (!p.Pages[0].Overview || tiles < 2 || len(p.Pages) != tiles+1):
					t.Fatalf("%d posts: %d pages, %d tiles, first overview %v", n, len(p.Pages), tiles, p.Pages[0].Overview)
				}
				// The tiles cover the chart: its area at the scale needs at
				// least this many pages.
				b := p.sections[0].sc.L.Bounds
				c := p.Pages[0].Content
				if need := int(float64(b.W) * 0.75 / float64(c.W)); n > 10 && tiles < need {
					t.Fatalf("%d tiles for a chart %v pages wide", tiles, need)
				}
			})
			t.Run(name+"-units", func(t *testing.T) {
				o := paper
				o.Layout, o.Chart = PDFUnits, Options{Compact: true}
				p, err := PlanPDF(m, o)
				if err != nil {
					t.Fatal(err)
				}
				checkPlan(t, p, o)
				// Every post is on the pages once, but a unit's head is
				// also on the page above, marked "continued on page N",
				// with N a later page whose part has that head at its top.
				boxes, marks := 0, 0
				for s, sec := range p.sections {
					boxes += len(p.Boxes(s))
					for v, to := range sec.cont {
						marks++
						head := p.sections[to]
						if head.first <= sec.first || head.sc.m.Node(head.sc.m.Roots()[0]).ID != sec.sc.m.Node(v).ID {
							t.Fatalf("section %d: post %s continues on section %d (page %d)", s, sec.sc.m.Node(v).ID, to, head.first+1)
						}
					}
				}
				if boxes != n+marks {
					t.Fatalf("%d boxes over the sections with %d marks, want %d", boxes, marks, n+marks)
				}
				if n == 10 && len(p.Pages) != 1 {
					t.Fatalf("10 posts: %d pages", len(p.Pages))
				}
				if n >= 300 && marks == 0 {
					t.Fatalf("%d posts on %d pages without a unit", n, len(p.Pages))
				}
				t.Logf("%d pages, %d parts", len(p.Pages), len(p.sections))
			})
		}
	}
}

// pdfText is the text pdftotext finds in pdf, or the test is skipped when
// the binary is missing.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext (poppler-utils) not installed")
	}
	p := filepath.Join(t.TempDir(), "chart.pdf")
	if err := os.WriteFile(p, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

func TestPDFTextIsSearchable(t *testing.T) {
	m := pdfChart(t, 300)
	labels := PDFLabels{
		Page:      func(n, total int) string { return fmt.Sprintf("第 %d 页 / 共 %d 页", n, total) },
		Tile:      func(r, c int) string { return fmt.Sprintf("第 %d 行 第 %d 列", r, c) },
		Continued: func(p int) string { return fmt.Sprintf("续见第 %d 页", p) },
		Overview:  "拼接总览", Vacancy: "缺编", Over: "超编", NotSetUp: "未设立", DottedLine: "虚线汇报",
	}
	for _, layout := range []PDFLayout{PDFTiled, PDFUnits} {
		var buf bytes.Buffer
		o := PDFOptions{Layout: layout, Title: "康飞 2027 编制规划", Org: "康飞科技有限公司", Date: "2026-12-01", Labels: labels, Chart: Options{Compact: true}}
		if err := WritePDF(&buf, m, o); err != nil {
			t.Fatal(err)
		}
		if os.Getenv("ORGCHART_PDF_OUT") != "" {
			_ = os.WriteFile(filepath.Join(os.Getenv("ORGCHART_PDF_OUT"), fmt.Sprintf("chart-%d.pdf", layout)), buf.Bytes(), 0o644)
		}
		if buf.Len() > 3<<20 {
			t.Errorf("layout %d: %d bytes; the font is not subset", layout, buf.Len())
		}
		// pdftotext drops the spaces between Chinese and digits.
		text := strings.ReplaceAll(pdfText(t, buf.Bytes()), " ", "")
		has := func(s string) bool { return strings.Contains(text, strings.ReplaceAll(s, " ", "")) }
		for i := 0; i < m.Len(); i++ {
			if title := m.Node(i).Title; !strings.Contains(text, title) {
				t.Fatalf("layout %d: pdftotext lacks the title %q", layout, title)
			}
		}
		p, _ := PlanPDF(m, o)
		for _, want := range []string{"康飞 2027 编制规划", "康飞科技有限公司", "缺编", "虚线汇报", fmt.Sprintf("共 %d 页", len(p.Pages))} {
			if !has(want) {
				t.Fatalf("layout %d: pdftotext lacks %q", layout, want)
			}
		}
		switch layout {
		case PDFTiled:
			if !has("第 1 行 第 2 列") || !has("拼接总览") {
				t.Fatal("tiled: no tile label or overview")
			}
		case PDFUnits:
			if !has("续见第 2 页") {
				t.Fatal("units: no 'continued on page 2' marker")
			}
		}
	}
}

func TestPDFScaleTooSmallRefused(t *testing.T) {
	m := pdfChart(t, 10)
	_, err := PlanPDF(m, PDFOptions{Layout: PDFTiled, Scale: 0.3})
	var small *TooSmallError
	if !errors.As(err, &small) || small.TextPt > 3.31 || small.TextPt < 2.99 {
		t.Fatalf("scale 0.3: %v, want refusal at 3.0–3.3 pt", err)
	}
}

func benchmarkPDF(b *testing.B, n int) {
	m := pdfChart(b, n)
	o := PDFOptions{Layout: PDFTiled, Title: "康飞", Chart: Options{Compact: true}}
	b.ReportAllocs()
	for b.Loop() {
		var buf bytes.Buffer
		if err := WritePDF(&buf, m, o); err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(buf.Len()), "bytes/pdf")
	}
}

func BenchmarkPDFTiled1000(b *testing.B)  { benchmarkPDF(b, 1000) }
func BenchmarkPDFTiled10000(b *testing.B) { benchmarkPDF(b, 10_000) }

// A Thai name the shipped fonts lack is drawn with a system Thai font
// embedded in the PDF, not as missing-glyph boxes.
func TestPDFThaiNameUsesSystemFont(t *testing.T) {
	thaiFont(t)
	if _, err := exec.LookPath("pdffonts"); err != nil {
		t.Skip("pdffonts (poppler-utils) not installed")
	}
	nodes := smallNodes()
	nodes[3].Lines = []string{thaiName}
	var buf bytes.Buffer
	if err := WritePDF(&buf, mustModel(t, nodes), PDFOptions{Title: "康飞"}); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "thai.pdf")
	if d := os.Getenv("ORGCHART_PDF_OUT"); d != "" {
		p = filepath.Join(d, "thai.pdf")
	}
	if err := os.WriteFile(p, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdffonts", p).Output()
	if err != nil {
		t.Fatal(err)
	}
	// pdfdoc names the fonts it registers from the system "fallbackN".
	if !strings.Contains(string(out), "fallback0") {
		t.Fatalf("no system font embedded for the Thai name:\n%s", out)
	}
	if text := pdfText(t, buf.Bytes()); !strings.Contains(text, "สมชาย") {
		t.Fatalf("pdftotext lacks the Thai name: %q", text)
	}
}

// The plan PDF draws the chart into its own document: the chart's pages
// follow the pages already there and are numbered in the whole document.
func TestDrawPDFIntoLongerDocument(t *testing.T) {
	f := fpdf.New("P", "pt", "A4", "")
	f.AddPage() // a cover drawn by someone else
	d, err := pdfdoc.Wrap(f, 0)
	if err != nil {
		t.Fatal(err)
	}
	m := pdfChart(t, 300)
	o := PDFOptions{Layout: PDFUnits, TotalPages: 99, Chart: Options{Compact: true}}
	plan, err := PlanPDF(m, o)
	if err != nil {
		t.Fatal(err)
	}
	if err := DrawPDF(d, m, o); err != nil {
		t.Fatal(err)
	}
	if f.PageCount() != 1+len(plan.Pages) {
		t.Fatalf("%d pages, want the cover and %d", f.PageCount(), len(plan.Pages))
	}
	var buf bytes.Buffer
	if err := f.Output(&buf); err != nil {
		t.Fatal(err)
	}
	text := strings.ReplaceAll(pdfText(t, buf.Bytes()), " ", "")
	last := fmt.Sprintf("\n%d/99\n", 1+len(plan.Pages))
	if !strings.Contains(text, "\n2/99\n") || strings.Contains(text, "\n1/99\n") || !strings.Contains(text, last) || !strings.Contains(text, "→3\n") {
		t.Fatalf("chart pages are not numbered from 2 in the whole document")
	}
}

func TestPDFPreviewDrawsThePage(t *testing.T) {
	m := pdfChart(t, 300)
	p, err := PlanPDF(m, PDFOptions{Layout: PDFTiled, Chart: Options{Compact: true}})
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range []int{0, 1} {
		img := p.Preview(k, 300)
		if b := img.Bounds(); b.Dx() != 300 || b.Dy() < 420 || b.Dy() > 430 {
			t.Fatalf("A4 preview %v", b)
		}
		// Ink inside the chart area, none in the side margins.
		c := p.Pages[k].Content
		ppt := 300 / p.PageW
		ink, margin := 0, 0
		for y := 0; y < img.Bounds().Dy(); y++ {
			for x := 0; x < 300; x++ {
				if img.RGBAAt(x, y) == (color.RGBA{255, 255, 255, 255}) {
					continue
				}
				inside := float64(x) >= float64(c.X)*ppt && float64(x) < float64(c.X+c.W)*ppt
				switch {
				case inside:
					ink++
				case float64(x) < float64(c.X)*ppt-1 || float64(x) > float64(c.X+c.W)*ppt+1:
					margin++
				}
			}
		}
		if ink < 500 || margin > 0 {
			t.Fatalf("page %d: %d ink pixels in the chart area, %d in the margins", k, ink, margin)
		}
	}
}

// qDepth is how many graphics states (q) the content s leaves open,
// skipping string operands.
func qDepth(s []byte) int {
	depth, in := 0, 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case in > 0 && c == '\\':
			i++
		case in > 0 && c == '(':
			in++
		case in > 0 && c == ')':
			in--
		case in > 0:
		case c == '(':
			in = 1
		case (c == 'q' || c == 'Q') && (i == 0 || s[i-1] == ' ' || s[i-1] == '\n') && (i+1 == len(s) || s[i+1] == ' ' || s[i+1] == '\n'):
			if c == 'q' {
				depth++
			} else {
				depth--
			}
		}
	}
	return depth
}

// Every page closes each graphics state it opens: a left-open one keeps
// the chart's clip on, which hid the cut marks (fpdf's RoundedRect opens
// one and never closes it), and viewers limit how deep states nest.
func TestPDFPagesBalanceGraphicsState(t *testing.T) {
	d, err := pdfdoc.New(pdfdoc.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d.SetCompression(false)
	if err := DrawPDF(d, pdfChart(t, 300), PDFOptions{Layout: PDFTiled, Chart: Options{Compact: true}}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := d.Output(&buf); err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, part := range bytes.Split(buf.Bytes(), []byte("\nstream\n"))[1:] {
		content, _, _ := bytes.Cut(part, []byte("\nendstream"))
		if !bytes.Contains(content, []byte(" re W n")) {
			continue // not a tile page's content
		}
		pages++
		if n := qDepth(content); n != 0 {
			t.Fatalf("a page leaves %d graphics states open", n)
		}
	}
	if pages == 0 {
		t.Fatal("no tile page found")
	}
}
