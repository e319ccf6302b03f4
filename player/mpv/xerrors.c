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

// Xlib's own function, found in the libX11 already loaded: the program's
// (GLFW links it) or, in the player's tests, libmpv's.
static XErrorHandler (*real_set_handler(void))(XErrorHandler) {
	static XErrorHandler (*real)(XErrorHandler);
	if (!real)
		real = (XErrorHandler (*)(XErrorHandler))dlsym(RTLD_NEXT, "XSetErrorHandler");
	if (!real) {
		void *x11 = dlopen("libX11.so.6", RTLD_LAZY | RTLD_NOLOAD);
		if (x11)
			real = (XErrorHandler (*)(XErrorHandler))dlsym(x11, "XSetErrorHandler");
	}
	return real;
}

// Only the error's numbers: this file links nothing of libX11.
static int quiet_x_error(Display *d, XErrorEvent *e) {
	(void)d;
	fprintf(stderr, "X error ignored: code %d, request %d, resource 0x%lx\n",
		e->error_code, e->request_code, e->resourceid);
	return 0;
}

XErrorHandler XSetErrorHandler(XErrorHandler handler) {
	XErrorHandler (*real)(XErrorHandler) = real_set_handler();
	if (!real)
		return NULL;
	return real(handler ? handler : quiet_x_error);
}
