//go:build !linux || wayland

package app

import (
	"errors"
	"image"
)

// captureX11Window is not available without X11: the kiosk falls back to
// Fyne's own capture.
func captureX11Window(uintptr) (image.Image, error) {
	return nil, errors.New("no X11 on this system")
}

const canCaptureX11 = false
