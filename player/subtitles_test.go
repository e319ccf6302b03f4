package player

import (
	"strings"
	"testing"
	"time"
)

// A timeline's subtitles: each clip's cues where that clip plays in it,
// from SubRip and WebVTT alike, numbered again.
func TestJoinSubtitlesMovesEachPartsCuesToItsStart(t *testing.T) {
	srt := "\xef\xbb\xbf1\r\n00:00:00,500 --> 00:00:01,250\r\n智慧交通\r\n\r\n2\r\n00:00:01,500 --> 00:00:02,000\r\nSmart transit\r\n"
	vtt := "WEBVTT\n\nNOTE made by hand\n\n00:00.200 --> 00:01.000 align:center\n第二段\n第二行\n"
	broken := "1\n00:00:xx,000 --> 00:00:01,000\nlost\n"
	got := string(JoinSubtitles([][]byte{[]byte(srt), nil, []byte(vtt), []byte(broken)},
		[]time.Duration{0, 2 * time.Second, 4 * time.Second, 6 * time.Second}))
	want := "1\n00:00:00,500 --> 00:00:01,250\n智慧交通\n\n" +
		"2\n00:00:01,500 --> 00:00:02,000\nSmart transit\n\n" +
		"3\n00:00:04,200 --> 00:00:05,000\n第二段\n第二行\n\n"
	if got != want {
		t.Fatalf("joined:\n%q\nwant:\n%q", got, want)
	}
}

func TestCueTimeReadsHoursAndWebVTTShortForm(t *testing.T) {
	for in, want := range map[string]time.Duration{
		"01:02:03,004": time.Hour + 2*time.Minute + 3*time.Second + 4*time.Millisecond,
		"02:03.5":      2*time.Minute + 3*time.Second + 500*time.Millisecond,
		"00:00:07":     7 * time.Second,
	} {
		if got, ok := cueTime(in); !ok || got != want {
			t.Errorf("cueTime(%q) = %v, %v; want %v", in, got, ok, want)
		}
	}
	for _, in := range []string{"7", "a:b", "-1:00", strings.Repeat("1:", 4)} {
		if _, ok := cueTime(in); ok {
			t.Errorf("cueTime(%q) read a time", in)
		}
	}
}
