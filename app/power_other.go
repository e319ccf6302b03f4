//go:build !linux || wayland

package app

import "errors"

// setDisplayPower has no display power control to use here: the kiosk
// shows a black cover instead.
func setDisplayPower(on bool) error {
	return errors.New("display power control is only available on X11")
}
