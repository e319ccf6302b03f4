//go:build linux && !wayland

package app

/*
#cgo LDFLAGS: -lX11
#include <stdlib.h>
#include <X11/Xlib.h>
#include <X11/Xutil.h>

// captureWindow copies what the X server shows of a window into rgba
// (width*height*4 bytes, allocated here; the caller frees it). It
// returns 0, or a code saying what failed.
static int captureWindow(unsigned long win, int *width, int *height, unsigned char **rgba) {
	Display *dpy = XOpenDisplay(NULL);
	if (dpy == NULL) return 1;
	// The window's place on the screen, clipped to the screen: the
	// picture is taken from the root window, which is always viewable,
	// so XGetImage never fails with BadMatch (whose default handler
	// would end the process) for a window partly off the screen.
	XWindowAttributes wa;
	if (!XGetWindowAttributes(dpy, (Window)win, &wa) || wa.width <= 0 || wa.height <= 0) {
		XCloseDisplay(dpy);
		return 2;
	}
	Window root = DefaultRootWindow(dpy), child;
	int x0, y0;
	XTranslateCoordinates(dpy, (Window)win, root, 0, 0, &x0, &y0, &child);
	int sw = DisplayWidth(dpy, DefaultScreen(dpy)), sh = DisplayHeight(dpy, DefaultScreen(dpy));
	int x1 = x0 + wa.width, y1 = y0 + wa.height;
	if (x0 < 0) x0 = 0;
	if (y0 < 0) y0 = 0;
	if (x1 > sw) x1 = sw;
	if (y1 > sh) y1 = sh;
	if (x1 <= x0 || y1 <= y0) {
		XCloseDisplay(dpy);
		return 2;
	}
	wa.width = x1 - x0;
	wa.height = y1 - y0;
	XImage *img = XGetImage(dpy, root, x0, y0, wa.width, wa.height, AllPlanes, ZPixmap);
	if (img == NULL) {
		XCloseDisplay(dpy);
		return 3;
	}
	int code = 0;
	if (img->bits_per_pixel != 32 || img->red_mask != 0xff0000 || img->green_mask != 0xff00 || img->blue_mask != 0xff) {
		code = 4;
	} else {
		unsigned char *out = malloc((size_t)wa.width * wa.height * 4);
		if (out == NULL) {
			code = 5;
		} else {
			for (int y = 0; y < wa.height; y++) {
				unsigned char *row = (unsigned char *)img->data + (size_t)y * img->bytes_per_line;
				unsigned char *dst = out + (size_t)y * wa.width * 4;
				for (int x = 0; x < wa.width; x++) {
					unsigned long p;
					if (img->byte_order == LSBFirst) {
						p = row[4*x] | (row[4*x+1] << 8) | (row[4*x+2] << 16);
					} else {
						p = (row[4*x+1] << 16) | (row[4*x+2] << 8) | row[4*x+3];
					}
					dst[4*x] = (p >> 16) & 0xff;
					dst[4*x+1] = (p >> 8) & 0xff;
					dst[4*x+2] = p & 0xff;
					dst[4*x+3] = 0xff;
				}
			}
			*width = wa.width;
			*height = wa.height;
			*rgba = out;
		}
	}
	XDestroyImage(img);
	XCloseDisplay(dpy);
	return code;
}
*/
import "C"

import (
	"fmt"
	"image"
	"unsafe"
)

// captureX11Window takes what the X server shows of the window: the
// frame as drawn, the video included. (Fyne's own Capture reads the GL
// front buffer, which Mesa's software renderer under Xvfb leaves white.)
// It needs nothing of Fyne's X connection, so it runs off the UI
// goroutine.
func captureX11Window(handle uintptr) (image.Image, error) {
	var w, h C.int
	var buf *C.uchar
	if code := C.captureWindow(C.ulong(handle), &w, &h, &buf); code != 0 {
		return nil, fmt.Errorf("the X server did not give the window's picture (%s)", [...]string{
			1: "the display cannot be opened", 2: "the window is not on the screen", 3: "XGetImage failed",
			4: "an unusual pixel format", 5: "out of memory"}[code])
	}
	defer C.free(unsafe.Pointer(buf))
	img := image.NewRGBA(image.Rect(0, 0, int(w), int(h)))
	copy(img.Pix, unsafe.Slice((*byte)(unsafe.Pointer(buf)), int(w)*int(h)*4))
	return img, nil
}

// canCaptureX11 says whether captureX11Window is more than a stub.
const canCaptureX11 = true
