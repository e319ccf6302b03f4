package media

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestOnlyWebVTTAndSubRipTextPassAsSubtitles(t *testing.T) {
	dir := t.TempDir()
	cases := []struct {
		name, content string
		ok            bool
	}{
		{"subrip", "1\n00:00:00,500 --> 00:00:03,800\n智慧文旅\n\n2\n00:00:04,000 --> 00:00:06,000\nHello\n", true},
		{"subrip with BOM and CRLF", "\ufeff1\r\n00:00:00,500 --> 00:00:03,800\r\nHello\r\n", true},
		{"webvtt", "WEBVTT\n\n00:00.500 --> 00:03.800\nHello\n", true},
		{"webvtt with a title", "WEBVTT - hall\n\n00:00.500 --> 00:03.800\nHello\n", true},
		{"a playlist", "#EXTM3U\n#EXTINF:-1,live\nhttp://127.0.0.1:9/stream.ts\n", false},
		{"an ASS script", "[Script Info]\nScriptType: v4.00+\n", false},
		{"latin-1 text", "1\n00:00:00,500 --> 00:00:03,800\nCaf\xe9\n", false},
		{"binary", "1\n00:00:00,500 --> 00:00:03,800\n\x00\x01\x02", false},
		{"WEBVTTX", "WEBVTTX\n", false},
		{"empty", "", false},
		{"too large", "WEBVTT\n\n" + strings.Repeat("a", MaxSubtitleBytes), false},
	}
	for _, c := range cases {
		p := filepath.Join(dir, strings.ReplaceAll(c.name, " ", "-"))
		if err := os.WriteFile(p, []byte(c.content), 0o644); err != nil {
			t.Fatal(err)
		}
		err := CheckSubtitle(p)
		if c.ok && err != nil {
			t.Errorf("%s refused: %v", c.name, err)
		}
		if !c.ok && !errors.Is(err, ErrNotSubtitle) {
			t.Errorf("%s: %v, want ErrNotSubtitle", c.name, err)
		}
	}
}
