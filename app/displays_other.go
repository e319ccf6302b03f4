//go:build !linux || wayland

package app

// moveX11Window does nothing where there is no X11: the window stays
// where the system put it, and goes full screen there.
func moveX11Window(handle uintptr, x, y int) {}
