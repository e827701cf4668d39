package gui

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/widget"

	"staffplan/app/core"
	"staffplan/data/importer"
)

func hasHan(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return unicode.Is(unicode.Han, r) })
}

// TestEnglishPreviewShowsEnglishLabels: in the English window the import
// preview's first rows show statuses and employment types in English,
// though the file wrote them in Chinese.
func TestEnglishPreviewShowsEnglishLabels(t *testing.T) {
	u := newTestUI(t)
	file := filepath.Join(t.TempDir(), "roster.csv")
	if err := os.WriteFile(file, []byte("工号,姓名,部门,岗位,在职状态,用工形式\nE1,钱多多,生产部,操作工,试用,退休返聘\nE2,孙少少,质检部,质检员,在职,劳务派遣\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	makeOwn(t, u)
	u.Dropped([]fyne.URI{storage.NewFileURI(file)})
	ip := u.pendingImport
	if ip == nil {
		t.Fatal("no preview after the drop")
	}
	cell := widget.NewLabel("")
	shown := func(f importer.Field) []string {
		col := slices.Index(ip.p.SampleHeader, f)
		if col < 0 {
			t.Fatalf("no %s column in the preview", f)
		}
		var out []string
		for row := range ip.p.Sample {
			ip.sample.UpdateCell(widget.TableCellID{Row: row, Col: col}, cell)
			out = append(out, cell.Text)
		}
		return out
	}
	if got := shown(importer.FieldStatus); !slices.Equal(got, []string{"on probation", "active"}) {
		t.Errorf("statuses shown %q", got)
	}
	if got := shown(importer.FieldEmployment); !slices.Equal(got, []string{"retiree rehired", "agency"}) {
		t.Errorf("employment types shown %q", got)
	}
}

// TestRuleSetsLoadInTheInterfaceLanguage: every shipped rule set loaded
// in the English window shows its rules and drivers with no Chinese; in
// the Chinese window with the file's Chinese names.
func TestRuleSetsLoadInTheInterfaceLanguage(t *testing.T) {
	u := newTestUI(t)
	names, sheets, err := core.RuleSets()
	if err != nil || len(names) < 4 {
		t.Fatalf("rule sets %v: %v", names, err)
	}
	defer core.InitLang("en")
	for _, lang := range []string{"en", "zh"} {
		core.InitLang(lang)
		for _, name := range names {
			loadRuleSet(t, u, name)
			c := u.calc
			var shown []string
			cell := widget.NewLabel("")
			for row := range c.rows {
				c.updateCell(widget.TableCellID{Row: row, Col: calcColRule}, cell)
				shown = append(shown, cell.Text)
			}
			for _, o := range c.drivers.Objects {
				if f, ok := o.(*widget.Form); ok {
					for _, it := range f.Items {
						shown = append(shown, it.Text)
					}
				}
			}
			if len(shown) < len(sheets[name].Rules) {
				t.Fatalf("%s: only %d names shown", name, len(shown))
			}
			han := slices.ContainsFunc(shown, hasHan)
			switch {
			case lang == "en" && han:
				t.Errorf("%s in English shows %q", name, shown)
			case lang == "zh" && !slices.Contains(shown, sheets[name].Rules[0].Name):
				t.Errorf("%s in Chinese shows %q, not the rule %q", name, shown, sheets[name].Rules[0].Name)
			}
		}
	}
}
