package screens

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"showhall/screens/uitest"
)

// The name a curator asks a screen to show lies over the page without
// taking its touches; a display switched off swallows every touch, so
// nothing changes under it while the hall is closed.
func TestIdentifyLetsTouchesThroughBlackoutDoesNot(t *testing.T) {
	uitest.NewApp(t)
	for _, tc := range []struct {
		name  string
		over  fyne.CanvasObject
		taps  int
		label string
	}{
		{"identify", NewIdentify("入口大屏"), 1, "入口大屏"},
		{"blackout", NewBlackout(), 0, ""},
	} {
		taps := 0
		b := widget.NewButton("under", func() { taps++ })
		w := test.NewTempWindow(t, container.NewStack(b, tc.over))
		w.Resize(fyne.NewSize(800, 600))
		test.TapCanvas(w.Canvas(), fyne.NewPos(400, 300))
		if taps != tc.taps {
			t.Errorf("%s: the page under it was tapped %d times, want %d", tc.name, taps, tc.taps)
		}
		if tc.label != "" && !rendersText(w.Content(), tc.label) {
			t.Errorf("%s: %q is not shown", tc.name, tc.label)
		}
	}
}

// rendersText reports whether a canvas text with s is in the tree.
func rendersText(o fyne.CanvasObject, s string) bool {
	found := false
	walk(o, func(c fyne.CanvasObject) {
		if tx, ok := c.(*canvas.Text); ok && tx.Text == s {
			found = true
		}
	})
	return found
}
