// The window an embedded player draws in, shown only once it has a frame.
//
// mpv's X11 output maps its window as soon as it knows the video's size,
// before it has drawn anything, and from then on that window hides what
// the kiosk draws under it: the screen keeps whatever was there at that
// moment (black, when the kiosk had not yet drawn its picture) until mpv's
// first frame, seconds later on a loaded PC. So mpv is given this holder,
// an unmapped child of the kiosk's window, as its parent: its window is
// not seen while the holder is unmapped, and the player maps the holder
// when mpv shows its first frame. The holder has no background (it shows
// what lies under it until mpv draws) and selects no events (touches go
// through to the kiosk's window).
//
// libX11 is opened with dlopen, like libmpv: no library is linked.
#define _GNU_SOURCE
#include <dlfcn.h>
#include <X11/Xlib.h>
#include "xholder.h"

static struct {
	int loaded;
	Display *(*open)(const char *);
	Window (*create)(Display *, Window, int, int, unsigned, unsigned, unsigned, int, unsigned, Visual *, unsigned long, XSetWindowAttributes *);
	int (*destroy)(Display *, Window);
	int (*map)(Display *, Window);
	int (*unmap)(Display *, Window);
	int (*resize)(Display *, Window, unsigned, unsigned);
	Status (*geometry)(Display *, Drawable, Window *, int *, int *, unsigned *, unsigned *, unsigned *, unsigned *);
	int (*sync)(Display *, Bool);
	int (*close)(Display *);
} x;

// xh_load resolves libX11's functions once.
static int xh_load(void) {
	if (!x.loaded) {
		void *l = dlopen("libX11.so.6", RTLD_NOW | RTLD_LOCAL);
		x.loaded = -1;
		if (!l)
			return 0;
		x.open = (Display * (*)(const char *)) dlsym(l, "XOpenDisplay");
		x.create = dlsym(l, "XCreateWindow");
		x.destroy = dlsym(l, "XDestroyWindow");
		x.map = dlsym(l, "XMapWindow");
		x.unmap = dlsym(l, "XUnmapWindow");
		x.resize = dlsym(l, "XResizeWindow");
		x.geometry = dlsym(l, "XGetGeometry");
		x.sync = dlsym(l, "XSync");
		x.close = dlsym(l, "XCloseDisplay");
		if (!x.open || !x.create || !x.destroy || !x.map || !x.unmap || !x.resize || !x.geometry || !x.sync || !x.close)
			return 0;
		x.loaded = 1;
	}
	return x.loaded == 1;
}

void *xh_open(void) {
	return xh_load() ? x.open(NULL) : NULL;
}

void xh_close(void *dpy) {
	if (dpy)
		x.close(dpy);
}

static int xh_size(Display *dpy, Window w, unsigned *width, unsigned *height) {
	Window root;
	int px, py;
	unsigned bw, depth;
	return x.geometry(dpy, w, &root, &px, &py, width, height, &bw, &depth);
}

unsigned long xh_create(void *dpy, unsigned long parent) {
	unsigned w, h;
	if (!dpy || !xh_size(dpy, parent, &w, &h))
		return 0;
	XSetWindowAttributes a = {0};
	a.background_pixmap = None;
	Window win = x.create(dpy, parent, 0, 0, w, h, 0, CopyFromParent, InputOutput,
		CopyFromParent, CWBackPixmap, &a);
	x.sync(dpy, False);
	return win;
}

void xh_show(void *dpy, unsigned long win, unsigned long parent, int show) {
	if (!dpy || !win)
		return;
	if (show) {
		unsigned pw, ph, w, h;
		if (xh_size(dpy, parent, &pw, &ph) && xh_size(dpy, win, &w, &h) && (pw != w || ph != h))
			x.resize(dpy, win, pw, ph);
		x.map(dpy, win);
	} else {
		x.unmap(dpy, win);
	}
	x.sync(dpy, False);
}

void xh_fit(void *dpy, unsigned long win, unsigned long parent) {
	unsigned pw, ph, w, h;
	if (!dpy || !win)
		return;
	if (xh_size(dpy, parent, &pw, &ph) && xh_size(dpy, win, &w, &h) && (pw != w || ph != h)) {
		x.resize(dpy, win, pw, ph);
		x.sync(dpy, False);
	}
}

void xh_destroy(void *dpy, unsigned long win) {
	if (!dpy || !win)
		return;
	x.destroy(dpy, win);
	x.sync(dpy, False);
}
