// Package i18n embeds the kiosk's interface strings in the hall's three
// languages, one go-i18n style JSON file per language.
package i18n

import "embed"

// Files holds en.json, zh-Hans.json and zh-Hant.json.
//
//go:embed *.json
var Files embed.FS
