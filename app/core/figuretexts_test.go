package core

import (
	"testing"
)

// TestFigureTextsTranslatedOnceMatchFigureText: the chart's sentences,
// translated once per chart, read as FigureText's in both languages.
func TestFigureTextsTranslatedOnceMatchFigureText(t *testing.T) {
	defer InitLang("en")
	for _, l := range []string{"en", "zh"} {
		InitLang(l)
		texts := newFigureTexts()
		for _, c := range [][2]float64{{9, 8.5}, {1, 1}, {0, 0}, {0, 2}, {12, 11.996}, {2.5, 0}, {0.333, 0.111}} {
			if got, want := texts.figure(c[0], c[1]), FigureText(c[0], c[1]); got != want {
				t.Errorf("%s %v: %q, want %q", l, c, got, want)
			}
		}
	}
}
