package curator

import (
	"fmt"
	"regexp"
	"strings"
	"sync"

	"showhall/store/catalog"
)

// tr translates the console's English strings into l. A string with no
// translation shows in English (never blank); a test keeps every string
// in the three languages.
func tr(l catalog.Lang, en string) string {
	if l == catalog.En {
		return en
	}
	if s, ok := consoleText[l][en]; ok {
		return s
	}
	return en
}

// trMsg translates a message the console shows from the checks behind
// it (the PIN's, the settings', the hours'): each line (errors joined)
// by its sentence, with the values it names kept and translated where
// they are words the console knows (a weekday).
func trMsg(l catalog.Lang, msg string) string {
	if l == catalog.En {
		return msg
	}
	lines := strings.Split(msg, "\n")
	for i, line := range lines {
		lines[i] = trLine(l, line)
	}
	return strings.Join(lines, "\n")
}

func trLine(l catalog.Lang, line string) string {
	if s, ok := consoleText[l][line]; ok {
		return s
	}
	for _, p := range messagePatterns() {
		m := p.re.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		args := make([]any, len(m)-1)
		for i, v := range m[1:] {
			args[i] = trLine(l, v)
		}
		return fmt.Sprintf(p.to(l), args...)
	}
	return line
}

// pattern is a message with values: its English format read as a
// regular expression.
type pattern struct {
	en string
	re *regexp.Regexp
}

// to is the translated format, every value as %s (a %q value arrives
// with its quotes).
func (p pattern) to(l catalog.Lang) string {
	f := verbs.ReplaceAllString(strings.ReplaceAll(consoleText[l][p.en], "%%", "\x00"), "%s")
	return strings.ReplaceAll(f, "\x00", "%%")
}

var (
	verbs   = regexp.MustCompile(`%[-+# 0-9.]*[sqdvwf]`)
	letters = regexp.MustCompile(`[A-Za-z]{3,}`)
)

var (
	patternsOnce sync.Once
	patterns     []pattern
)

func messagePatterns() []pattern {
	patternsOnce.Do(func() {
		for en := range consoleText[catalog.Hans] {
			// Only sentences: a bare format would match any message.
			if !verbs.MatchString(en) || len(letters.FindAllString(verbs.ReplaceAllString(en, ""), -1)) < 2 {
				continue
			}
			parts, vs := verbs.Split(en, -1), verbs.FindAllString(en, -1)
			var b strings.Builder
			for i, part := range parts {
				b.WriteString(regexp.QuoteMeta(strings.ReplaceAll(part, "%%", "%")))
				switch {
				case i == len(vs):
				case strings.HasSuffix(vs[i], "q"):
					b.WriteString(`("(?:[^"\\]|\\.)*")`) // a quoted value ends at its quote
				default:
					b.WriteString("(.+?)")
				}
			}
			re, err := regexp.Compile("^" + b.String() + "$")
			if err == nil {
				patterns = append(patterns, pattern{en: en, re: re})
			}
		}
	})
	return patterns
}

// consoleText holds the console's strings in Chinese, keyed by their
// English.
var consoleText = map[catalog.Lang]map[string]string{catalog.Hans: zhHans, catalog.Hant: zhHant}

// extraKeys are translated words that come from elsewhere than a
// literal here: weekday and month names (Go's), the phases of a rotation
// (store/plan), the warnings the app gives for closing the kiosk, and
// the arrows' names.
var extraKeys = []string{"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
	"past", "current", "upcoming", "Up", "Down",
	"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
	"This PC is a dedicated kiosk: closing restarts the kiosk, as there is no desktop to return to.",
	"This screen will show the computer's desktop until someone starts the kiosk again."}
