package core

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2/lang"

	"staffplan/data/model"
)

// sourceKeys finds every translation key the program uses: lang.X calls in
// the interface packages (app/core, app/cli, app/gui) and problem keys in
// the data packages.
func sourceKeys(t *testing.T) []string {
	t.Helper()
	seen := map[string]bool{}
	scan := func(pattern string, re *regexp.Regexp) {
		files, _ := filepath.Glob(pattern)
		for _, f := range files {
			if strings.HasSuffix(f, "_test.go") {
				continue
			}
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			for _, m := range re.FindAllSubmatch(b, -1) {
				seen[string(m[1])] = true
			}
		}
	}
	langX := regexp.MustCompile(`(?:\blang\.|\bcore\.|[^\w.])X\(\s*"([^"]+)"`) // lang.X, core.X, X in core
	errKey := regexp.MustCompile(`"(err\.[a-z_.]+)"`)
	scan("../*/*.go", langX)
	scan("../../widgets/*.go", langX)
	scan("../*/*.go", errKey)
	for _, dir := range []string{"../../data/*/*.go"} {
		scan(dir, errKey)
	}
	var keys []string
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) < 100 {
		t.Fatalf("found only %d keys; is the scan broken?", len(keys))
	}
	return keys
}

var placeholder = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

func placeholders(s string) string {
	var out []string
	for _, m := range placeholder.FindAllStringSubmatch(s, -1) {
		out = append(out, m[1])
	}
	sort.Strings(out)
	return strings.Join(out, ",")
}

func TestEveryStringIsTranslated(t *testing.T) {
	en, err := translationKeys("en.json")
	if err != nil {
		t.Fatal(err)
	}
	zh, err := translationKeys("zh_Hans.json")
	if err != nil {
		t.Fatal(err)
	}
	for _, k := range sourceKeys(t) {
		e, okE := en[k]
		z, okZ := zh[k]
		if !okE || !okZ {
			t.Errorf("key %q: en %v, zh_Hans %v", k, okE, okZ)
			continue
		}
		if placeholders(e) != placeholders(z) {
			t.Errorf("key %q: placeholders differ: en %q, zh %q", k, e, z)
		}
	}
	for k := range zh {
		if _, ok := en[k]; !ok {
			t.Errorf("zh_Hans has %q that en lacks", k)
		}
	}
}

func TestProblemsAreTranslated(t *testing.T) {
	InitLang("zh")
	defer InitLang("en")
	err := model.CheckPosition(&model.Position{Title: "会计", Planned: -1, Unit: 1},
		func(model.ID) bool { return true }, func(model.ID) (model.ID, bool) { return 0, true })
	if got := ErrText(err); got != "“会计”的编制必须是不小于 0 的数字。" {
		t.Errorf("translated problem: %q", got)
	}
}

// Keys must be literals, or the scan above (and translators) cannot see them.
// ErrText and the import skip list are the exceptions: they translate keys
// the scan finds as literals where they are defined.
func TestTranslationKeysAreLiterals(t *testing.T) {
	re := regexp.MustCompile(`(?:\blang\.|\bcore\.|[^\w.])X\(\s*[^"\s]`)
	// k is a key from a table typed []i18n.Key, which the key test in
	// assets reads.
	allowed := regexp.MustCompile(`X\((p\.Key|k\.key|s\.Key|k|key),`)
	files, _ := filepath.Glob("../*/*.go")
	more, _ := filepath.Glob("../../widgets/*.go")
	for _, f := range append(files, more...) {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		b, _ := os.ReadFile(f)
		b = allowed.ReplaceAll(b, nil)
		if loc := re.FindIndex(b); loc != nil {
			t.Errorf("%s: lang.X with a non-literal key near %q", f, b[loc[0]:min(len(b), loc[1]+30)])
		}
	}
}

// TestOneTable: for every key, in both languages, the window's texts
// (Fyne's lang.X over the translation files) and everything else's (X,
// through data/i18n over the same files: the command line, exports, the
// shared texts) are the same, placeholders filled alike.
func TestOneTable(t *testing.T) {
	defer InitLang("en")
	for _, c := range []struct{ force, file string }{{"en", "en.json"}, {"zh", "zh_Hans.json"}} {
		InitLang(c.force)
		keys, err := translationKeys(c.file)
		if err != nil {
			t.Fatal(err)
		}
		for k, v := range keys {
			args := map[string]any{}
			for _, m := range placeholder.FindAllStringSubmatch(v, -1) {
				args[m[1]] = "«" + m[1] + "»"
			}
			if w, o := lang.X(k, "?", args), X(k, "?", args); w != o {
				t.Errorf("%s %q: window %q, elsewhere %q", c.force, k, w, o)
			}
		}
		if got, want := PersonStatusText(model.PersonProbation), lang.X("enum.person_status.probation", "?"); got != want || got == "?" {
			t.Errorf("%s: probation reads %q, the window says %q", c.force, got, want)
		}
	}
}
