// X errors from an embedded player must not end the kiosk.
//
// mpv's X11 output draws into a child of the kiosk's window. When that
// window goes first (the kiosk quitting: Fyne destroys it on SIGTERM
// before anything else runs), mpv's last requests fail with BadWindow or
// BadDrawable, and mpv, as it closes, has just set Xlib's error handler
// back to the default one, which prints the error and calls exit(1).
// This definition takes the place of Xlib's for the whole program (it is
// exported from the executable, which comes first in symbol lookup, and
// libmpv is opened later): "no handler" becomes a handler that logs the
// error on stderr and lets the program go on. Handlers that libraries
// install for themselves (mpv's, GLFW's) pass through unchanged.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdio.h>
#include <X11/Xlib.h>

static int quiet_x_error(Display *d, XErrorEvent *e) {
	char text[80] = "";
	XGetErrorText(d, e->error_code, text, sizeof text);
	fprintf(stderr, "X error ignored: %s (request %d, resource 0x%lx)\n", text, e->request_code, e->resourceid);
	return 0;
}

XErrorHandler XSetErrorHandler(XErrorHandler handler) {
	static XErrorHandler (*real)(XErrorHandler);
	if (!real)
		real = (XErrorHandler (*)(XErrorHandler))dlsym(RTLD_NEXT, "XSetErrorHandler");
	if (!real)
		return NULL;
	return real(handler ? handler : quiet_x_error);
}
