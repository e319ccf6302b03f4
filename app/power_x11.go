//go:build linux && !wayland

package app

/*
#cgo LDFLAGS: -lX11 -lXext
#include <X11/Xlib.h>
#include <X11/extensions/dpms.h>

// setPower switches the display's power through the X server's DPMS
// extension on a connection of its own. The kiosk's X server runs with
// power saving off (-dpms: no blanking by timeout), so it is enabled just
// to force the display off, and disabled again once it is back on.
// Returns 0 when done, 1 without a display, 2 without DPMS, 3 when the
// display cannot save power (a virtual one).
static int setPower(int on) {
	Display *dpy = XOpenDisplay(NULL);
	if (dpy == NULL) return 1;
	int ev, er;
	int rc = 0;
	if (!DPMSQueryExtension(dpy, &ev, &er)) {
		rc = 2;
	} else if (!DPMSCapable(dpy)) {
		rc = 3;
	} else if (on) {
		DPMSEnable(dpy);
		DPMSForceLevel(dpy, DPMSModeOn);
		DPMSDisable(dpy);
	} else {
		DPMSEnable(dpy);
		DPMSForceLevel(dpy, DPMSModeOff);
	}
	XSync(dpy, False);
	XCloseDisplay(dpy);
	return rc;
}
*/
import "C"

import "errors"

// setDisplayPower switches the hall screen on or off through the X
// server; an error says why it could not (the kiosk then shows a black
// cover instead).
func setDisplayPower(on bool) error {
	v := C.int(0)
	if on {
		v = 1
	}
	switch C.setPower(v) {
	case 1:
		return errors.New("no X display to switch off")
	case 2:
		return errors.New("the X server has no DPMS extension")
	case 3:
		return errors.New("this display cannot be switched off by DPMS (a virtual display)")
	}
	return nil
}
