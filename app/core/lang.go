// Package core is what the window (app/gui) and the command line (app/cli)
// both need and that is not a widget: the one translation path (InitLang,
// ErrText), figure and FTE texts, the export kinds and writers, reading a
// file for an import, exit codes. It imports no Fyne widget, container,
// dialog, canvas or driver package.
package core

import (
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"runtime"
	"strings"

	"fyne.io/fyne/v2/lang"

	"staffplan/app/internal/clocale" // its init runs before Fyne's lang reads the locale
	"staffplan/assets"
	"staffplan/data/i18n"
	"staffplan/data/model"
)

// InitLang loads the translations. force is "", "zh" or "en" (from --lang or
// STAFFPLAN_LANG); empty follows the OS locale. Fyne picks the language
// from the OS only, so forcing one registers its file under both locales.
func InitLang(force string) {
	if force == "" {
		force = os.Getenv("STAFFPLAN_LANG")
	}
	force = strings.ToLower(force)
	quietCLocale(force)
	fsys := assets.Translations()
	zh, _ := fs.ReadFile(fsys, "translations/zh_Hans.json")
	en, _ := fs.ReadFile(fsys, "translations/en.json")
	switch {
	case strings.HasPrefix(force, "zh"):
		_ = lang.AddTranslationsForLocale(zh, "en")
		_ = lang.AddTranslationsForLocale(zh, "zh_Hans")
		uiLang = "zh"
	case strings.HasPrefix(force, "en"):
		_ = lang.AddTranslationsForLocale(en, "zh_Hans")
		_ = lang.AddTranslationsForLocale(en, "en")
		uiLang = "en"
	default:
		_ = lang.AddTranslationsFS(fsys, "translations")
		uiLang = "en"
		if systemChinese() {
			uiLang = "zh"
		}
	}
}

// systemChinese reports whether the OS locale is Chinese. On Linux and
// BSD the locale variables say so; asking Fyne there logs "Error parsing
// user locale C" under the plain C locale of servers and CI.
func systemChinese() bool {
	if runtime.GOOS != "windows" && runtime.GOOS != "darwin" {
		for _, k := range []string{"LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"} {
			if v := os.Getenv(k); v != "" {
				return strings.HasPrefix(strings.ToLower(v), "zh")
			}
		}
	}
	return strings.HasPrefix(string(lang.SystemLocale()), "zh")
}

// uiLang is "zh" or "en": the language chosen for texts that come with the
// data (template titles).
var uiLang = "en"

// Lang returns "zh" or "en", the language of the interface.
func Lang() string { return uiLang }

// translations returns the keys of a translation file, for tests.
func translationKeys(name string) (map[string]string, error) {
	b, err := fs.ReadFile(assets.Translations(), "translations/"+name)
	if err != nil {
		return nil, err
	}
	m := map[string]string{}
	return m, json.Unmarshal(b, &m)
}

// X returns the text of key in the interface language with args filled in
// (fallback where the files lack the key): what lang.X gives the window,
// from the same files through data/i18n, so the command line and the
// shared texts need no Fyne.
func X(key, fallback string, args ...map[string]any) string {
	var a map[string]any
	if len(args) > 0 {
		a = args[0]
	}
	return i18n.TOr(uiLang, key, fallback, a)
}

// ErrText renders an error for the user in the interface language. Model
// problems are translated by key with their arguments; joined errors are
// rendered one per line.
func ErrText(err error) string {
	if err == nil {
		return ""
	}
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		var lines []string
		for _, e := range j.Unwrap() {
			lines = append(lines, ErrText(e))
		}
		return strings.Join(lines, "\n")
	}
	var p *model.Problem
	if errors.As(err, &p) && p.Text != "" {
		return X(p.Key, p.Text, p.Args)
	}
	if s, ok := storeErrText(err); ok {
		return s
	}
	for _, k := range knownErrors {
		if errors.Is(err, k.err) {
			return X(k.key, k.fallback, map[string]any{"detail": err.Error()})
		}
	}
	return err.Error()
}

type knownError struct {
	err           error
	key, fallback string
}

// knownErrors is filled in by files that own the sentinel errors.
var knownErrors []knownError

// quietCLocale stops Fyne logging "Error parsing user locale C" on every
// lookup under the C.UTF-8 locale of containers and CI, and makes a forced
// language apply to Fyne's own dialog buttons too where the OS allows:
// on Linux and BSD the locale library reads LANGUAGE.
func quietCLocale(force string) {
	switch {
	case strings.HasPrefix(force, "zh"):
		os.Setenv("LANGUAGE", "zh_CN")
		return
	case strings.HasPrefix(force, "en"):
		os.Setenv("LANGUAGE", "en_US")
		return
	}
	clocale.Quiet()
}
