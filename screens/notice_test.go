package screens

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// Lines break where Chinese and English allow, fit, and lose nothing.
func TestNoticeLinesBreakWithoutLosingAWord(t *testing.T) {
	text := "今日16:00闭馆，请合理安排参观时间 · 今日16:00閉館，請合理安排參觀時間 · The hall closes at 16:00 today, please plan your visit"
	measure := func(s string) float32 { return float32(utf8.RuneCountInString(s) * 10) } // 10 px a character
	for _, width := range []float32{100, 230, 400, 2000} {
		lines := breakLines(text, width, measure)
		for _, l := range lines {
			if measure(l) > width {
				t.Errorf("width %v: line %q is wider", width, l)
			}
		}
		squash := func(s string) string { return strings.ReplaceAll(s, " ", "") }
		if got := squash(strings.Join(lines, "")); got != squash(text) {
			t.Errorf("width %v: %q lost text:\n%q", width, lines, got)
		}
		for _, l := range lines {
			if strings.HasPrefix(l, "00") || strings.HasSuffix(l, "clo") {
				t.Errorf("width %v: a word was cut: %q", width, lines)
			}
		}
	}
	if got := breakLines(text, 2000, measure); len(got) != 1 {
		t.Fatalf("a line that fits was broken: %q", got)
	}
}
