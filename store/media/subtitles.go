package media

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"regexp"
	"unicode/utf8"
)

// MaxSubtitleBytes bounds a subtitle file: a feature-length film's SubRip
// is about 100 KB.
const MaxSubtitleBytes = 1 << 20

// ErrNotSubtitle is returned for a file that is not subtitles the hall
// shows: WebVTT or SubRip, as UTF-8 text.
var ErrNotSubtitle = errors.New("not subtitles the hall can show (WebVTT or SubRip as UTF-8 text)")

// srtTiming is a SubRip cue's timing line.
var srtTiming = regexp.MustCompile(`^\d{1,3}:\d{2}:\d{2}[,.]\d{1,3} +--> +\d{1,3}:\d{2}:\d{2}[,.]\d{1,3}`)

// CheckSubtitle reads a subtitle file and refuses what is not plain
// WebVTT or SubRip text: a player given anything else may read it as
// another format (a playlist naming network addresses, a container with
// references), so only text of these two shapes gets through.
func CheckSubtitle(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, MaxSubtitleBytes+1))
	if err != nil {
		return err
	}
	if len(b) > MaxSubtitleBytes {
		return fmt.Errorf("%w: larger than %d KB", ErrNotSubtitle, MaxSubtitleBytes>>10)
	}
	b = bytes.TrimPrefix(b, []byte("\xef\xbb\xbf")) // a byte order mark
	if !utf8.Valid(b) || bytes.IndexByte(b, 0) >= 0 {
		return fmt.Errorf("%w: not UTF-8 text", ErrNotSubtitle)
	}
	text := bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))
	if vtt, ok := bytes.CutPrefix(text, []byte("WEBVTT")); ok {
		if len(vtt) == 0 || vtt[0] == ' ' || vtt[0] == '\t' || vtt[0] == '\n' {
			return nil
		}
	}
	lines := bytes.SplitN(bytes.TrimLeft(text, "\n"), []byte("\n"), 3)
	if len(lines) >= 2 && isNumber(bytes.TrimSpace(lines[0])) && srtTiming.Match(lines[1]) {
		return nil
	}
	return fmt.Errorf("%w: it starts neither with WEBVTT nor with a SubRip cue", ErrNotSubtitle)
}

func isNumber(b []byte) bool {
	if len(b) == 0 || len(b) > 9 {
		return false
	}
	for _, c := range b {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
