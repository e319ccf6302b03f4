package curator

import (
	"strings"

	"showhall/store/catalog"
)

// Texts the console shows as the store or the app hands them over: a
// sync's last error, where the catalogue came from, why a picture or a
// video was refused, what another screen answered. They are English
// sentences joined with ": " around names, paths and hashes; passed says
// each sentence it knows in the curator's language and keeps the values
// as they are.

// passedThrough are the sentences handed over that the console knows:
// the errors the feed, the media checks and the hall's screens give most
// (their English as the store writes it; a test keeps each translated).
var passedThrough = []string{
	"demo",
	"no project",
	"not a video the hall can play",
	"the file is empty",
	"the file is cut short",
	"it is not an MP4, MOV, WebM or Matroska file",
	"it has no video track (sound only?)",
	"it has no duration",
	"it holds no media data",
	"it has no index (moov box); the file may be cut short",
	"not a picture the hall can show (JPEG, PNG, GIF or WebP)",
	"picture too large to decode safely",
	"not subtitles the hall can show (WebVTT or SubRip as UTF-8 text)",
	"content does not match its declared hash or size",
	"the feed server did not deliver",
	"no data from the server",
	"the feed's signature is not valid",
	"the feed is not signed",
	"an older catalogue is refused",
	"connection refused",
	"no route to host",
	"i/o timeout",
	"the opening hours are not signed",
	"older opening hours than those in use are refused",
	"these opening hours are in use already",
	"an older version of this notice is refused",
	"the command's signature is not from a curator key this screen trusts",
}

// passed says a handed-over text in the console's language: each line
// whole when the console knows it, else piece by piece between its
// ": ", the pieces it does not know (names, paths, hashes) kept.
func (c *Console) passed(text string) string { return passedIn(c.lang, text) }

// passedAll says each of texts, joined with sep.
func (c *Console) passedAll(texts []string, sep string) string {
	out := make([]string, len(texts))
	for i, t := range texts {
		out[i] = c.passed(t)
	}
	return strings.Join(out, sep)
}

func passedIn(l catalog.Lang, text string) string {
	if l == catalog.En || text == "" {
		return text
	}
	lines := strings.Split(text, "\n")
	for i, line := range lines {
		lines[i] = passedLine(l, line)
	}
	return strings.Join(lines, "\n")
}

func passedLine(l catalog.Lang, line string) string {
	if s := trLine(l, line); s != line {
		return s
	}
	head, tail, found := strings.Cut(line, ": ")
	if !found {
		return line
	}
	// The longest known sentence that starts the line, then the rest.
	for end := len(line); end > len(head); {
		if s := trLine(l, line[:end]); s != line[:end] && strings.HasPrefix(line[end:], ": ") {
			return s + "：" + passedLine(l, line[end+2:])
		}
		end = strings.LastIndex(line[:end], ": ")
		if end < 0 {
			break
		}
	}
	return trLine(l, head) + "：" + passedLine(l, tail)
}
