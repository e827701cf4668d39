// Package i18n is the program's one translation table for everything that
// is not a Fyne widget: exports, explanations, the command line and the
// labels of every enumeration. It reads the same files the window hands to
// Fyne's lang (assets/translations/en.json and zh_Hans.json) and renders
// their {{.name}} placeholders with text/template as Fyne does, so the
// window and everything else say the same thing.
package i18n

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"strings"
	"sync"
	"text/template"

	"staffplan/assets"
)

// Languages.
const (
	Zh = "zh"
	En = "en"
)

// Norm returns Zh for any Chinese language tag ("zh", "zh_Hans", "zh-CN")
// and En for anything else, the default of the window and the data layer.
func Norm(lang string) string {
	if strings.HasPrefix(strings.ToLower(strings.TrimSpace(lang)), "zh") {
		return Zh
	}
	return En
}

// files names the translation file of each language.
var files = map[string]string{Zh: "translations/zh_Hans.json", En: "translations/en.json"}

type table struct {
	text  map[string]string
	mu    sync.Mutex
	parse map[string]*template.Template // parsed texts with placeholders
}

var tables = sync.OnceValue(func() map[string]*table {
	out := map[string]*table{}
	for lang, name := range files {
		t := &table{text: map[string]string{}, parse: map[string]*template.Template{}}
		b, err := fs.ReadFile(assets.Translations(), name)
		if err != nil {
			panic(err) // embedded: cannot happen
		}
		if err := json.Unmarshal(b, &t.text); err != nil {
			panic("i18n: " + name + ": " + err.Error()) // the tests read the same file
		}
		out[lang] = t
	}
	return out
})

// Has reports whether key has a text in lang.
func Has(lang, key string) bool {
	_, ok := tables()[Norm(lang)].text[key]
	return ok
}

// Keys returns every key of lang's file, for tests.
func Keys(lang string) map[string]string {
	out := map[string]string{}
	for k, v := range tables()[Norm(lang)].text {
		out[k] = v
	}
	return out
}

// T returns the text of key in lang with args filled into its {{.name}}
// placeholders. A key missing from the file returns the key itself, which
// the key tests make sure never happens.
func T(lang, key string, args map[string]any) string {
	return TOr(lang, key, key, args)
}

// TOr is T with the text to show for a key the file lacks, filled in the
// same way (Fyne's lang.X takes one too).
func TOr(lang, key, fallback string, args map[string]any) string {
	t := tables()[Norm(lang)]
	s, ok := t.text[key]
	if !ok {
		return render(fallback, args)
	}
	if !strings.Contains(s, "{{") {
		return s
	}
	t.mu.Lock()
	tpl, ok := t.parse[key]
	if !ok {
		var err error
		if tpl, err = template.New(key).Parse(s); err != nil {
			tpl = nil
		}
		t.parse[key] = tpl
	}
	t.mu.Unlock()
	return execute(tpl, s, args)
}

// render fills a text that is not in the files.
func render(s string, args map[string]any) string {
	if !strings.Contains(s, "{{") {
		return s
	}
	tpl, err := template.New("").Parse(s)
	if err != nil {
		return s
	}
	return execute(tpl, s, args)
}

// execute fills tpl, or returns the text s as it is where it cannot.
func execute(tpl *template.Template, s string, args map[string]any) string {
	if tpl == nil {
		return s
	}
	var b bytes.Buffer
	if err := tpl.Execute(&b, args); err != nil {
		return s
	}
	return b.String()
}

// Pick returns the entry of a text that comes with the data in several
// languages (a template's title by "zh" and "en"), falling back to Chinese,
// then English, then any.
func Pick(m map[string]string, lang string) string {
	if s := m[Norm(lang)]; s != "" {
		return s
	}
	for _, k := range []string{Zh, En} {
		if s := m[k]; s != "" {
			return s
		}
	}
	return ""
}
