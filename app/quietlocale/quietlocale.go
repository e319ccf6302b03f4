// Package quietlocale lets showhall start without a word from Fyne under
// the Debian service defaults LANG=C.UTF-8 or LANG=C.
//
// Fyne reads the message locale while its packages initialise, before
// main runs: "C.UTF-8" becomes the language tag "C", which does not
// parse, and every command printed "Fyne error: Error parsing user locale
// C" with a source path into the technician's journal. The kiosk takes
// its languages from its own settings, never from the locale, so for a
// C locale it tells Fyne's reader to take English instead, through
// LANGUAGE: gettext ignores LANGUAGE under the C locale, so nothing else
// in the process changes.
//
// It must initialise before fyne.io/fyne/v2/lang. Go initialises, at each
// step, the first package in import-path order whose imports are all
// initialised; this one imports only os and strings, and "showhall/..."
// sorts before "text/template", which Fyne's lang package needs, so it
// always comes first. A test runs showhall under both locales to hold
// that true.
package quietlocale

import (
	"os"
	"strings"
)

func init() {
	if cLocale(messageLocale()) && !usable(os.Getenv("LANGUAGE")) {
		os.Setenv("LANGUAGE", "en")
	}
}

// messageLocale is the locale that decides the language of messages.
func messageLocale() string {
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		if v := os.Getenv(name); v != "" {
			return v
		}
	}
	return ""
}

// cLocale reports whether l is the C or POSIX locale, with or without an
// encoding ("C.UTF-8", "C.utf8").
func cLocale(l string) bool {
	name, _, _ := strings.Cut(l, ".")
	name, _, _ = strings.Cut(name, "@")
	return name == "C" || name == "POSIX"
}

// usable reports whether a LANGUAGE list names languages rather than the
// C locale again.
func usable(languages string) bool {
	for _, l := range strings.Split(languages, ":") {
		if l == "" || cLocale(l) {
			return false
		}
	}
	return languages != ""
}
