package screens

import (
	"image"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// Heartbeat is an invisible pixel that proves the screen is drawing:
// beat (on the Fyne goroutine) marks it for drawing again, and drawn is
// called with the time whenever the painter draws it. A UI loop that
// hangs runs no beat, a painter that hangs draws nothing: either way
// drawn stops being called, and the hall sees the screen as stuck.
func Heartbeat(drawn func(time.Time)) (obj fyne.CanvasObject, beat func()) {
	r := canvas.NewRaster(func(w, h int) image.Image {
		drawn(time.Now())
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	r.Resize(fyne.NewSize(1, 1))
	return container.NewWithoutLayout(r), r.Refresh
}
