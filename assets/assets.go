// Package assets embeds what the program ships with: the icon, the
// translations and the plan templates. It has no Fyne dependency so the data
// layer can read templates too.
package assets

import (
	"embed"
	"io/fs"
)

// Version and Build mirror [Details] in the root FyneApp.toml; a test keeps
// them in step, so plain `go build` binaries report the same version as
// packaged ones.
const (
	Version = "0.1.0"
	Build   = 1
	AppID   = "cn.staffplan.planner"
)

//go:embed icon.png
var Icon []byte

//go:embed translations/*.json
var translations embed.FS

//go:embed templates/*.json
var templates embed.FS

//go:embed calc/*.json
var calcRules embed.FS

// CalcRules returns the ratio-calculator rule templates as a flat folder of
// JSON files.
func CalcRules() fs.FS {
	sub, err := fs.Sub(calcRules, "calc")
	if err != nil {
		panic(err) // embedded above
	}
	return sub
}

// Translations returns the folder of translation files (en.json,
// zh_Hans.json) for lang.AddTranslationsFS.
func Translations() embed.FS { return translations }

// Templates returns the plan templates as a flat folder of JSON files.
func Templates() fs.FS {
	sub, err := fs.Sub(templates, "templates")
	if err != nil {
		panic(err) // the folder is embedded above, so this cannot happen
	}
	return sub
}

// CJKFont is the shipped Chinese font (Droid Sans Fallback, Apache 2.0;
// see fonts/README.md). PNG and PDF exports draw with it so that they look
// the same whatever fonts the computer has.
//
//go:embed fonts/DroidSansFallbackFull.ttf
var CJKFont []byte

//go:embed budget/*.json
var budgetProfiles embed.FS

// BudgetProfiles returns the city contribution profiles (五险一金) of the
// budget as a flat folder of JSON files.
func BudgetProfiles() fs.FS {
	sub, err := fs.Sub(budgetProfiles, "budget")
	if err != nil {
		panic(err) // embedded above
	}
	return sub
}
