package chartdoc

// Boxes are the boxes of a model measured with one Measurer: their sizes,
// for ComputeLayout, and their texts cut to fit, for NewScene.
type Boxes struct {
	// Sizes are the box sizes in model order.
	Sizes []Size
	texts []boxText
	met   metrics
}

// MeasureBoxes sizes every box of m to its content.
func MeasureBoxes(m *Model, meas Measurer) *Boxes {
	sizes, texts, met := measureBoxes(m, meas)
	return &Boxes{Sizes: sizes, texts: texts, met: met}
}

// NewScene is the on-screen scene of m laid out as L with the boxes b
// measured by meas: text shown, connectors one unit wide, collapse
// toggles drawn.
func NewScene(m *Model, L *Layout, b *Boxes, meas Measurer, pal Palette) *Scene {
	return &Scene{m: m, L: L, texts: b.texts, met: b.met, meas: meas, Pal: pal, Text: true, LineW: 1}
}

// Geometry of the drawing the widget needs for hit tests and its drag
// ghost, in chart units.
const (
	// ToggleRadius is half the height of a collapse toggle.
	ToggleRadius = toggleR
	// CornerRadius rounds the corners of a box.
	CornerRadius = cornerR
)
