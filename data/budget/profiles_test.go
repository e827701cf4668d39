package budget

import (
	"strings"
	"testing"

	"staffplan/assets"
	"staffplan/data/model"
)

// TestShippedProfiles: every shipped profile reads, names a source for
// each figure it gives, and leaves unknown figures unset rather than zero.
func TestShippedProfiles(t *testing.T) {
	ps, err := LoadProfiles(assets.BudgetProfiles())
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]*Profile{}
	for _, p := range ps {
		names[p.Name] = p
		for _, f := range append([]Figure{p.BaseFloor, p.BaseCeiling, p.Maternity}, p.Rates[:]...) {
			if f.Set && (f.Source == "" || f.Source == "not found") {
				t.Errorf("%s: figure %s without a source", p.Name, f.Value)
			}
		}
		// A Chinese reader (the plan PDF, the Budget tab) reads where the
		// figures come from and that they change in Chinese, an English one
		// in English.
		if !strings.Contains(p.NoteIn("en"), "July") || !strings.Contains(strings.ReplaceAll(p.NoteIn("zh"), " ", ""), "7月") {
			t.Errorf("%s: the note does not say figures change every July in both languages: %q", p.Name, p.Note)
		}
		if p.SourceIn("zh") == p.SourceIn("en") || !strings.ContainsRune(p.SourceIn("zh"), '源') && !strings.Contains(p.SourceIn("zh"), "通知") {
			t.Errorf("%s: the source is not in Chinese for a Chinese reader: %q", p.Name, p.SourceIn("zh"))
		}
	}
	for _, n := range []string{"beijing", "shanghai", "shenzhen", "guangzhou", "hangzhou"} {
		if names[n] == nil {
			t.Errorf("no profile %s", n)
		}
	}
	// Beijing 2025 (example): medical 9.8 % + maternity 0.8 % = 10.6 %.
	bj := names["beijing"].Contribution("zh")
	if bj.Title != "北京" || bj.Year != 2025 || bj.BaseFloor != 7162_00 || bj.BaseCeiling != 35811_00 ||
		bj.Rates != [model.NumContributions]model.Rate{160000, 106000, 5000, 4000, 120000} {
		t.Errorf("beijing %+v", bj)
	}
	sz := names["shenzhen"].Contribution("en")
	if sz.Rates[model.Pension] != model.NoRate || sz.BaseFloor != 0 || names["shenzhen"].Complete() {
		t.Errorf("shenzhen has figures nobody published: %+v", sz)
	}
}

func TestParseProfileRefusesGuesses(t *testing.T) {
	for _, bad := range []string{
		`{"name": "x", "rates": {"pension": {"value": "1e1"}}}`,
		`{"name": "x", "rates": {"pension": {"value": "160"}}}`,
		`{"name": "x", "rates": {"bonus": {"value": "1"}}}`,
		`{"name": "x", "base_floor": {"value": "7162.005"}}`,
		`{"name": "x", "base_floor": {"value": "9000"}, "base_ceiling": {"value": "8000"}}`,
	} {
		if _, err := ParseProfile("x.json", []byte(bad)); err == nil {
			t.Errorf("accepted %s", bad)
		}
	}
}

// TestShippedProfilesSpeakChinese: the source and note of every shipped
// profile, shown under the figures and stored with the plan, are in
// Chinese for the Chinese window (the English text showed there before)
// and in English for the English one.
func TestShippedProfilesSpeakChinese(t *testing.T) {
	ps, err := LoadProfiles(assets.BudgetProfiles())
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ps {
		for what, zh := range map[string]string{"source": p.SourceIn("zh"), "note": p.NoteIn("zh"), "stored source": p.Contribution("zh").Source} {
			if !strings.Contains(zh, "每年") && !strings.Contains(zh, "核对") && !strings.Contains(zh, "填写") {
				t.Errorf("%s: %s in Chinese %q", p.Name, what, zh)
			}
			if strings.Contains(zh, "REFERENCE.md") || strings.Contains(zh, " the ") {
				t.Errorf("%s: %s in Chinese has English or an internal reference: %q", p.Name, what, zh)
			}
		}
		if en := p.SourceIn("en"); en != p.Source || p.NoteIn("en") != p.Note || p.Contribution("en").Source != p.Source {
			t.Errorf("%s: English source %q", p.Name, en)
		}
	}
}
