//go:build linux && !wayland

package app

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>

static void moveWindow(unsigned long win, int x, int y) {
	Display *dpy = XOpenDisplay(NULL);
	if (dpy == NULL) return;
	XMoveWindow(dpy, (Window)win, x, y);
	XSync(dpy, False);
	XCloseDisplay(dpy);
}
*/
import "C"

// moveX11Window moves a top-level window on its own X connection: GLFW's
// connection is Fyne's, and this needs nothing from it.
func moveX11Window(handle uintptr, x, y int) {
	C.moveWindow(C.ulong(handle), C.int(x), C.int(y))
}
