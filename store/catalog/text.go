// Package catalog holds the hall's data model: projects, vocabularies,
// rotations and media references, and the immutable snapshot that screens
// read. It imports neither Fyne nor bbolt.
package catalog

import "strings"

// Lang is one of the three languages the hall speaks.
type Lang string

// The hall's languages, in the order they appear on the language switch.
const (
	Hans Lang = "zh-Hans" // Simplified Chinese
	Hant Lang = "zh-Hant" // Traditional Chinese
	En   Lang = "en"      // English
)

// Langs lists the hall's languages in display order.
var Langs = []Lang{Hans, Hant, En}

// ParseLang accepts the language codes people and locales use.
func ParseLang(s string) (Lang, bool) {
	switch strings.ToLower(strings.ReplaceAll(s, "_", "-")) {
	case "zh-hans", "zh-cn", "zh-sg", "zh", "hans", "sc":
		return Hans, true
	case "zh-hant", "zh-tw", "zh-hk", "zh-mo", "hant", "tc":
		return Hant, true
	case "en", "en-us", "en-gb":
		return En, true
	}
	return "", false
}

// NativeName is the language's name in itself, as the switch shows it.
func (l Lang) NativeName() string {
	switch l {
	case Hans:
		return "简体中文"
	case Hant:
		return "繁體中文"
	default:
		return "English"
	}
}

// Text is one piece of text in the three languages.
type Text struct {
	Hans string `json:"zh-Hans,omitempty"`
	Hant string `json:"zh-Hant,omitempty"`
	En   string `json:"en,omitempty"`
}

// In returns the text in l, falling back to the closest language present:
// Traditional and Simplified stand in for each other before English does.
func (t Text) In(l Lang) string {
	var order [3]string
	switch l {
	case Hant:
		order = [3]string{t.Hant, t.Hans, t.En}
	case En:
		order = [3]string{t.En, t.Hans, t.Hant}
	default:
		order = [3]string{t.Hans, t.Hant, t.En}
	}
	for _, s := range order {
		if s != "" {
			return s
		}
	}
	return ""
}

// IsZero reports whether no language has any text.
func (t Text) IsZero() bool { return t.Hans == "" && t.Hant == "" && t.En == "" }
