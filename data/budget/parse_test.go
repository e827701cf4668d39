package budget

import (
	"testing"

	"staffplan/data/model"
)

func TestParse(t *testing.T) {
	for _, c := range []struct {
		in   string
		fen  int64
		good bool
	}{{"8000", 8000_00, true}, {"8,000.5", 8000_50, true}, {"８０００", 8000_00, true}, {"", 0, true},
		{"8000.505", 0, false}, {"-1", 0, false}, {"abc", 0, false}, {"1e3", 0, false}} {
		if got, ok := ParseYuan(c.in); ok != c.good || got != c.fen {
			t.Errorf("ParseYuan(%q) = %d %v", c.in, got, ok)
		}
	}
	if m, ok := ParseMonths("13.5"); !ok || m != 1350 {
		t.Errorf("13.5 months: %d", m)
	}
	if _, ok := ParseMonths("101"); ok {
		t.Error("101 months a year accepted")
	}
	if r, ok := ParsePercent("9.8 %"); !ok || r != 98000 || PercentText(r) != "9.8" {
		t.Errorf("9.8 %%: %d %s", r, PercentText(r))
	}
	if r, ok := ParsePercent(""); !ok || r != model.NoRate {
		t.Errorf("blank rate: %d", r)
	}
	if YuanText(8000_50) != "8000.5" || YuanText(0) != "" {
		t.Error("YuanText")
	}
}
