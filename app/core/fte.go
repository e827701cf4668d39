package core

import (
	"math"
	"strconv"
	"strings"

	"staffplan/data/model"
)

// FormatFTE prints a headcount with at most two decimals and no trailing
// zeros: 1, 0.5, 8.25.
func FormatFTE(f float64) string {
	r := math.Round(f*100) / 100
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// GapText says "vacant 2", "over 1" or "full" for planned − actual, and
// "nothing planned" where there is neither 编制 nor anyone in post: an
// empty plan or a post of 编制 0 is not 满编.
func GapText(planned, actual float64) string {
	if math.Round(planned*100) == 0 && math.Round(actual*100) == 0 {
		return X("fig.none", "nothing planned")
	}
	switch r := math.Round((planned-actual)*100) / 100; {
	case r > 0:
		return X("fig.vacant", "vacant {{.n}}", map[string]any{"n": FormatFTE(r)})
	case r < 0:
		return X("fig.over", "over {{.n}}", map[string]any{"n": FormatFTE(-r)})
	}
	return X("fig.full", "full")
}

// ParseFTE reads a headcount typed by the user, accepting full-width digits
// and a comma as decimal point.
func ParseFTE(s string) (float64, bool) {
	s = strings.Map(func(r rune) rune {
		switch {
		case r >= '０' && r <= '９':
			return '0' + (r - '０')
		case r == '．' || r == ',' || r == '，':
			return '.'
		case r == '　':
			return -1
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, true
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil || !model.Finite(f) || f < 0 {
		return 0, false
	}
	return f, true
}
