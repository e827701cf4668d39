package calc

import (
	"strings"
	"testing"
	"unicode"

	"staffplan/data/model"
)

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// TestRuleSetsInEnglish: a shipped rule set loaded for the English
// interface names its rules and drivers in English, and in Chinese for the
// Chinese one; the figures are the same in both.
func TestRuleSetsInEnglish(t *testing.T) {
	for name, s := range loadTemplates(t) {
		en, zh := s.InLanguage("en"), s.InLanguage("zh")
		chinese := 0
		for i, r := range en.Rules {
			if hasHan(r.Label()) {
				t.Errorf("%s: rule %s is called %q in English", name, r.ID, r.Label())
			}
			if zh.Rules[i].Label() != s.Rules[i].Label() {
				t.Errorf("%s: rule %s is called %q in Chinese, the file says %q", name, r.ID, zh.Rules[i].Label(), s.Rules[i].Label())
			}
			if hasHan(zh.Rules[i].Label()) {
				chinese++
			}
			if r.NameEn != "" || zh.Rules[i].NameEn != "" {
				t.Errorf("%s: rule %s keeps its other name after loading", name, r.ID)
			}
		}
		for i, d := range en.Drivers {
			if hasHan(d.Label) || hasHan(d.Unit) || d.Label == "" {
				t.Errorf("%s: driver %s reads %q %q in English", name, d.Key, d.Label, d.Unit)
			}
			if zh.Drivers[i].Label != s.Drivers[i].Label || zh.Drivers[i].Unit != s.Drivers[i].Unit {
				t.Errorf("%s: driver %s reads %q %q in Chinese", name, d.Key, zh.Drivers[i].Label, zh.Drivers[i].Unit)
			}
		}
		if chinese == 0 {
			t.Errorf("%s: no rule has a Chinese name; is the check blind?", name)
		}
		// The figures do not depend on the language.
		re, _ := en.Evaluate(model.WorkBasis{})
		rz, _ := zh.Evaluate(model.WorkBasis{})
		if len(re) != len(rz) || len(re) != len(s.Rules) {
			t.Fatalf("%s: %d English results, %d Chinese, %d rules", name, len(re), len(rz), len(s.Rules))
		}
		for i := range re {
			if re[i].Required != rz[i].Required || re[i].Exact != rz[i].Exact {
				t.Errorf("%s: rule %s gives %v in English, %v in Chinese", name, re[i].RuleID, re[i].Required, rz[i].Required)
			}
		}
	}
	// Loading copies: the rule set itself keeps both languages.
	a, b := loadTemplates(t), loadTemplates(t)
	for name, s := range a {
		s.InLanguage("en")
		ja, _ := s.Marshal()
		jb, _ := b[name].Marshal()
		if string(ja) != string(jb) {
			t.Errorf("%s: loading in English changed the rule set itself", name)
		}
	}
}
