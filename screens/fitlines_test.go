package screens

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// The attract screen's large words fit any width: on one line when there
// is room, Chinese above English when not, smaller, then on two lines, and
// cut short only past that; never wider than the screen.
func TestFitLinesBreakShrinkAndCutToTheWidth(t *testing.T) {
	a := test.NewTempApp(t)
	a.Settings().SetTheme(HallTheme{})
	const text = "具身智能示范应用" + lineSeparator + "Embodied Intelligence Demonstration Applications"
	f := newFitLines(44, ColorText, true)
	f.SetText(text)
	style := fyne.TextStyle{Bold: true}
	full := fyne.MeasureText(text, f.size, style).Width

	texts := func(ts []*canvas.Text) (out []string) {
		for _, l := range ts {
			out = append(out, l.Text)
		}
		return out
	}
	shown := func() []*canvas.Text {
		var ts []*canvas.Text
		for _, o := range f.box.Objects {
			ts = append(ts, o.(*canvas.Text))
		}
		return ts
	}
	check := func(width float32, wantLines int, wantShrunk, wantCut bool) {
		t.Helper()
		f.Fit(width)
		ts := shown()
		if len(ts) != wantLines {
			t.Fatalf("at %.0f px: %d lines, want %d", width, len(ts), wantLines)
		}
		shrunk, cut := false, false
		for _, l := range ts {
			if w := fyne.MeasureText(l.Text, l.TextSize, style).Width; w > width {
				t.Errorf("at %.0f px: %q is %.0f px wide", width, l.Text, w)
			}
			if l.TextSize < f.size {
				shrunk = true
				if l.TextSize < f.size*shrinkFloor-0.01 {
					t.Errorf("at %.0f px: %q shrank to %.1f, below %.0f%% of %.1f", width, l.Text, l.TextSize, shrinkFloor*100, f.size)
				}
			}
			cut = cut || strings.HasSuffix(l.Text, "…")
		}
		if shrunk != wantShrunk || cut != wantCut {
			t.Errorf("at %.0f px: shrunk %v cut %v, want %v and %v: %q", width, shrunk, cut, wantShrunk, wantCut, texts(ts))
		}
	}
	english := fyne.MeasureText("Embodied Intelligence Demonstration Applications", f.size, style).Width
	check(full+10, 1, false, false)
	check(full-10, 2, false, false)
	check(english*0.9, 2, true, false)
	check(english*0.6, 3, true, false) // the English on two lines
	check(english*0.2, 4, true, true)  // the Chinese on two lines as well

	// A new text is fitted to the width already known.
	f.SetText("短")
	if ts := shown(); len(ts) != 1 || ts[0].Text != "短" {
		t.Errorf("a short text after a long one: %q", texts(ts))
	}
}
