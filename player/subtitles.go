package player

import (
	"bytes"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// JoinSubtitles makes one SubRip text of several subtitle files (SubRip
// or WebVTT) for a timeline: each part's cues moved to where that part
// starts in it. A part that is nil, or a cue whose timing cannot be read,
// adds nothing; the rest still shows.
func JoinSubtitles(parts [][]byte, starts []time.Duration) []byte {
	var out bytes.Buffer
	n := 0
	for i, text := range parts {
		if i >= len(starts) {
			break
		}
		for _, c := range readCues(text) {
			n++
			fmt.Fprintf(&out, "%d\n%s --> %s\n%s\n\n", n, srtTime(c.from+starts[i]), srtTime(c.to+starts[i]), c.text)
		}
	}
	return out.Bytes()
}

type cue struct {
	from, to time.Duration
	text     string
}

// readCues reads the cues of SubRip or WebVTT text: blocks separated by
// blank lines, each with a "from --> to" line followed by its text.
func readCues(b []byte) []cue {
	text := strings.ReplaceAll(string(bytes.TrimPrefix(b, []byte("\xef\xbb\xbf"))), "\r\n", "\n")
	var out []cue
	for _, block := range strings.Split(text, "\n\n") {
		lines := strings.Split(strings.Trim(block, "\n"), "\n")
		for i, l := range lines {
			from, rest, ok := strings.Cut(l, "-->")
			if !ok {
				continue
			}
			fields := strings.Fields(rest) // WebVTT may add cue settings
			if len(fields) == 0 {
				break
			}
			f, okf := cueTime(strings.TrimSpace(from))
			t, okt := cueTime(fields[0])
			body := strings.TrimSpace(strings.Join(lines[i+1:], "\n"))
			if okf && okt && t > f && body != "" {
				out = append(out, cue{f, t, body})
			}
			break
		}
	}
	return out
}

// cueTime reads "hh:mm:ss,mmm", "hh:mm:ss.mmm" or WebVTT's "mm:ss.mmm".
func cueTime(s string) (time.Duration, bool) {
	s = strings.Replace(s, ",", ".", 1)
	clock, frac, _ := strings.Cut(s, ".")
	parts := strings.Split(clock, ":")
	if len(parts) < 2 || len(parts) > 3 {
		return 0, false
	}
	var d time.Duration
	for _, p := range parts {
		v, err := strconv.Atoi(p)
		if err != nil || v < 0 {
			return 0, false
		}
		d = d*60 + time.Duration(v)
	}
	d *= time.Second
	if frac != "" {
		if len(frac) > 3 {
			frac = frac[:3]
		}
		ms, err := strconv.Atoi(frac + strings.Repeat("0", 3-len(frac)))
		if err != nil {
			return 0, false
		}
		d += time.Duration(ms) * time.Millisecond
	}
	return d, true
}

func srtTime(d time.Duration) string {
	ms := d.Milliseconds()
	return fmt.Sprintf("%02d:%02d:%02d,%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}
