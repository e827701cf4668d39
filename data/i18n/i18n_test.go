package i18n

import (
	"testing"

	"staffplan/data/model"
)

// TestT: texts come from the translation files with their {{.name}}
// placeholders filled, as Fyne's lang fills them for the window.
func TestT(t *testing.T) {
	args := map[string]any{"days": "21.75", "hours": "174"}
	if got := T("zh", "enum.basis.2025", args); got != "2025 年口径:每月 21.75 天、174 小时" {
		t.Errorf("zh: %q", got)
	}
	if got := T("en", "enum.basis.2025", args); got != "2025 rules: 21.75 days, 174 h a month" {
		t.Errorf("en: %q", got)
	}
	for _, lang := range []string{"zh_Hans", "zh-CN", "ZH"} {
		if got := T(lang, "enum.person_status.active", nil); got != "在职" {
			t.Errorf("%s: %q", lang, got)
		}
	}
	for _, lang := range []string{"", "en_GB", "fr"} {
		if got := T(lang, "enum.person_status.active", nil); got != "active" {
			t.Errorf("%q: %q", lang, got)
		}
	}
	if got := T("en", "no.such.key", nil); got != "no.such.key" {
		t.Errorf("missing key: %q", got)
	}
	// A missing argument shows as Fyne shows it, not as a crash.
	if got := T("en", "enum.basis.2025", nil); got != "2025 rules: <no value> days, <no value> h a month" {
		t.Errorf("no args: %q", got)
	}
}

// TestEnumsTranslated: every value of every enumeration has a label in
// both languages, no two values share one (or the importer could not tell
// them apart), and the importer's Parse reads each label back, in either
// language.
func TestEnumsTranslated(t *testing.T) {
	enums := map[string]struct {
		e Enum
		n int
	}{
		"person status": {PersonStatuses, len(model.PersonStatuses)},
		"employment":    {Employments, len(model.EmploymentTypes)},
		"post status":   {PositionStatuses, len(model.PositionStatuses)},
		"unit kind":     {UnitKinds, len(model.UnitKinds)},
	}
	for name, c := range enums {
		if len(c.e.Keys) != c.n {
			t.Errorf("%s: %d labels for %d values", name, len(c.e.Keys), c.n)
		}
		seen := map[string]int{}
		for _, lang := range []string{Zh, En} {
			for v, k := range c.e.Keys {
				if !Has(lang, k) {
					t.Errorf("%s: %q has no %s text", name, k, lang)
					continue
				}
				l := c.e.Label(lang, v)
				if w, ok := seen[fold(l)]; ok && w != v {
					t.Errorf("%s: values %d and %d are both %q", name, w, v, l)
				}
				seen[fold(l)] = v
				if got, ok := c.e.Parse(" " + l + " "); !ok || got != v {
					t.Errorf("%s: Parse(%q) = %d, %v; want %d", name, l, got, ok, v)
				}
			}
		}
		if _, ok := c.e.Parse("no such value"); ok {
			t.Errorf("%s: Parse accepts anything", name)
		}
		if c.e.Label(En, len(c.e.Keys)) != "" {
			t.Errorf("%s: a value out of range has a label", name)
		}
	}
	for reason, k := range backupReasons {
		for _, lang := range []string{Zh, En} {
			if !Has(lang, k) {
				t.Errorf("backup reason %s: %q has no %s text", reason, k, lang)
			}
		}
	}
	if BackupReason(En, "import") != "before import" || BackupReason(Zh, "whatever") != "whatever" {
		t.Errorf("backup reasons: %q %q", BackupReason(En, "import"), BackupReason(Zh, "whatever"))
	}
}

func TestPick(t *testing.T) {
	m := map[string]string{"zh": "康飞塑业", "en": "Kangfei Plastics"}
	if Pick(m, "en") != "Kangfei Plastics" || Pick(m, "zh_Hans") != "康飞塑业" || Pick(map[string]string{"en": "x"}, "zh") != "x" || Pick(nil, "en") != "" {
		t.Error("Pick")
	}
}
