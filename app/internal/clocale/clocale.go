// Package clocale names a language for the C and POSIX locales of servers,
// containers and CI (LANG=C.UTF-8), where Fyne's locale library takes "C"
// for a language tag and logs "Fyne error: Error parsing user locale C".
//
// It is a package of its own, imported for its init, because Fyne asks the
// locale in the init of fyne.io/fyne/v2/lang, before any code of ours runs.
// Go initialises, among the packages whose imports are done, the first by
// import path; this one needs only os and strings, which text/template
// (imported by Fyne's lang) needs too, so it runs before text/template and
// therefore before Fyne's lang. app/cli_locale_test.go holds it to that.
package clocale

import (
	"os"
	"strings"
)

func init() { Quiet() }

// Quiet sets LANGUAGE to en_US when the locale (LC_ALL, LC_MESSAGES or
// LANG, the first set) is C or POSIX with a codeset (C.UTF-8) and LANGUAGE
// is empty: the locale library then reads LANGUAGE instead. Plain C and
// POSIX need nothing, the library treats them as no locale.
func Quiet() {
	loc := ""
	for _, k := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if loc = os.Getenv(k); loc != "" {
			break
		}
	}
	if (loc == "C" || loc == "POSIX" || strings.HasPrefix(loc, "C.") || strings.HasPrefix(loc, "POSIX.")) && os.Getenv("LANGUAGE") == "" {
		os.Setenv("LANGUAGE", "en_US")
	}
}
