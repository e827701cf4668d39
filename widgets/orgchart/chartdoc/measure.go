package chartdoc

import "unicode"

// Size is a width and a height in chart units. Its fields are those of
// Size, so the widget converts one into the other with a plain type
// conversion.
type Size struct{ Width, Height float32 }

// Measurer returns the size of text drawn at size points, bold or not.
type Measurer func(text string, size float32, bold bool) Size

// ApproxMeasurer estimates text size without any font: CJK and other wide
// characters take one em, the rest about half. It is deterministic, so it
// suits tests and export when no font is at hand.
func ApproxMeasurer(text string, size float32, bold bool) Size {
	w := float32(0)
	for _, r := range text {
		switch {
		case isWide(r):
			w += size
		case r == ' ' || r == 'i' || r == 'l' || r == '.':
			w += size * 0.3
		default:
			w += size * 0.56
		}
	}
	if bold {
		w *= 1.05
	}
	return Size{w, size * 1.3}
}

func isWide(r rune) bool {
	return r >= 0x1100 && (unicode.Is(unicode.Han, r) || unicode.Is(unicode.Hangul, r) ||
		unicode.Is(unicode.Hiragana, r) || unicode.Is(unicode.Katakana, r) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef))
}

// Box geometry, in chart units (1 unit = 1 dp at 100 %).
const (
	titleSize   = 13
	textSize    = 11
	badgeSize   = 10
	boxPad      = 8
	lineGap     = 2
	minBoxW     = 110
	maxBoxW     = 240
	accentW     = 4
	toggleR     = 9
	cornerR     = 4
	maxBoxLines = 6
)

// boxText is what a box shows, already cut to fit the box.
type boxText struct {
	title, subtitle string
	lines           []string
	badge           string
	badgeW          float32
}

// metrics are the line heights of one measurer.
type metrics struct{ title, text, badge float32 }

func measureMetrics(meas Measurer) metrics {
	return metrics{
		title: meas("Ag岗", titleSize, true).Height,
		text:  meas("Ag岗", textSize, false).Height,
		badge: meas("Ag岗", badgeSize, true).Height,
	}
}

// measureBoxes sizes every box of m to its content, between minBoxW and
// maxBoxW wide; longer texts are cut with an ellipsis.
func measureBoxes(m *Model, meas Measurer) ([]Size, []boxText, metrics) {
	met := measureMetrics(meas)
	sizes := make([]Size, m.Len())
	texts := make([]boxText, m.Len())
	for i := range sizes {
		sizes[i], texts[i] = measureBox(m.Node(i), meas, met)
	}
	return sizes, texts, met
}

func measureBox(nd Node, meas Measurer, met metrics) (Size, boxText) {
	avail := float32(maxBoxW - 2*boxPad - accentW)
	bt := boxText{badge: nd.Badge}
	titleAvail := avail
	if nd.Badge != "" {
		bt.badgeW = meas(nd.Badge, badgeSize, true).Width + 8
		titleAvail -= bt.badgeW + 4
	}
	var w float32
	fit := func(s string, size float32, bold bool, room float32) string {
		cut, tw := ellipsize(s, size, bold, room, meas)
		w = max(w, tw)
		return cut
	}
	bt.title = fit(nd.Title, titleSize, true, titleAvail)
	if nd.Badge != "" {
		w += bt.badgeW + 4
	}
	h := float32(2*boxPad) + met.title
	if nd.Subtitle != "" {
		bt.subtitle = fit(nd.Subtitle, textSize, false, avail)
		h += lineGap + met.text
	}
	for k, l := range nd.Lines {
		if k == maxBoxLines {
			break
		}
		bt.lines = append(bt.lines, fit(l, textSize, false, avail))
		h += lineGap + met.text
	}
	w = min(max(w+2*boxPad+accentW, minBoxW), maxBoxW)
	return Size{w, h}, bt
}

// ellipsize cuts s so that it fits room, adding "…" when it had to cut,
// and returns the text and its width.
func ellipsize(s string, size float32, bold bool, room float32, meas Measurer) (string, float32) {
	w := meas(s, size, bold).Width
	if w <= room || s == "" {
		return s, w
	}
	// Binary search on rune count: widths grow with the prefix.
	runes := []rune(s)
	lo, hi := 0, len(runes)
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if meas(string(runes[:mid])+"…", size, bold).Width <= room {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	out := string(runes[:lo]) + "…"
	return out, meas(out, size, bold).Width
}

// textRow is one line of text inside a box, relative to the box origin.
type textRow struct {
	text  string
	size  float32
	bold  bool
	muted bool
	x, y  float32
}

func boxRows(bt *boxText, met metrics) []textRow {
	x := float32(boxPad + accentW)
	y := float32(boxPad)
	rows := make([]textRow, 0, 2+len(bt.lines))
	rows = append(rows, textRow{text: bt.title, size: titleSize, bold: true, x: x, y: y})
	y += met.title
	if bt.subtitle != "" {
		y += lineGap
		rows = append(rows, textRow{text: bt.subtitle, size: textSize, muted: true, x: x, y: y})
		y += met.text
	}
	for _, l := range bt.lines {
		y += lineGap
		rows = append(rows, textRow{text: l, size: textSize, x: x, y: y})
		y += met.text
	}
	return rows
}
