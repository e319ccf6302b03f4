package roadshow

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"

	"showhall/screens/uitest"
)

func TestSlideLinesAreCutToTheirWidthNotACharacterCount(t *testing.T) {
	uitest.NewApp(t)
	// An English title longer than the 30 characters a Chinese one gets
	// still fits a projector's line whole.
	title := "Yuzhu blockchain evidence preservation platform"
	if got := fitWidth(title, 60, true, 1800); got != title {
		t.Fatalf("a title that fits was cut to %q", got)
	}
	// One too long for any line is cut with an ellipsis, within the width.
	long := strings.Repeat("Smart city operations centre ", 6)
	got := fitWidth(long, 60, true, 1800)
	if !strings.HasSuffix(got, "…") || len(got) >= len(long) {
		t.Fatalf("a line too long was not cut: %q", got)
	}
	if w := fyne.MeasureText(got, 60, fyne.TextStyle{Bold: true}).Width; w > 1800 {
		t.Fatalf("the cut line is %v wide, more than 1800", w)
	}
	// The same width holds fewer Chinese characters than Latin letters.
	zh := strings.Repeat("琶洲人工智能与数字经济试验区", 4)
	if n := len([]rune(fitWidth(zh, 30, false, 520))); n > 19 {
		t.Fatalf("%d Chinese characters at 30 pt in 520 units", n)
	}
}
