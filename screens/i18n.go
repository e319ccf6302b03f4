package screens

import (
	"encoding/json"
	"strings"
	"sync"
	"text/template"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"

	"showhall/assets/i18n"
	"showhall/store/catalog"
)

// Fyne's lang package picks one locale for the whole process from the
// environment, which suits the curator's and presenter's windows. A hall
// screen changes language with every visitor, so the kiosk also keeps the
// three tables itself and looks strings up in the visitor's language.
var (
	tablesOnce sync.Once
	tables     map[catalog.Lang]map[string]string
)

func loadTables() {
	tables = map[catalog.Lang]map[string]string{}
	for _, l := range catalog.Langs {
		raw, err := i18n.Files.ReadFile(string(l) + ".json")
		if err != nil {
			fyne.LogError("missing translations for "+string(l), err)
			continue
		}
		m := map[string]string{}
		if err := json.Unmarshal(raw, &m); err != nil {
			fyne.LogError("bad translations for "+string(l), err)
			continue
		}
		tables[l] = m
		if err := lang.AddTranslationsForLocale(raw, fyne.Locale(l)); err != nil {
			fyne.LogError("registering translations for "+string(l), err)
		}
	}
}

// T translates key into l, filling {{.Name}} fields from data. A missing
// string falls back to English, then to the key, so a screen never shows
// a blank.
func T(l catalog.Lang, key string, data ...map[string]any) string {
	tablesOnce.Do(loadTables)
	s, ok := tables[l][key]
	if !ok {
		if s, ok = tables[catalog.En][key]; !ok {
			s = key
		}
	}
	if len(data) == 0 || !strings.Contains(s, "{{") {
		return s
	}
	t, err := template.New(key).Option("missingkey=zero").Parse(s)
	if err != nil {
		return s
	}
	var b strings.Builder
	if err := t.Execute(&b, data[0]); err != nil {
		return s
	}
	return b.String()
}
