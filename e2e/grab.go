package e2e

/*
#cgo LDFLAGS: -lX11
#include <X11/Xlib.h>
#include <X11/Xutil.h>
#include <stdlib.h>

// quiet keeps an X error (a region off the screen, a server gone) from
// ending the test process, as Xlib's default handler would.
static int quiet(Display *dpy, XErrorEvent *ev) { return 0; }

// grab copies a part of the root window as RGBA into out (w*h*4 bytes).
static int grab(const char *name, int x, int y, int w, int h, unsigned char *out) {
	XSetErrorHandler(quiet);
	Display *dpy = XOpenDisplay(name);
	if (dpy == NULL) return 1;
	XImage *img = XGetImage(dpy, DefaultRootWindow(dpy), x, y, w, h, AllPlanes, ZPixmap);
	if (img == NULL) { XCloseDisplay(dpy); return 2; }
	int rs = 0, gs = 0, bs = 0;
	while (rs < 32 && !((img->red_mask >> rs) & 1)) rs++;
	while (gs < 32 && !((img->green_mask >> gs) & 1)) gs++;
	while (bs < 32 && !((img->blue_mask >> bs) & 1)) bs++;
	for (int j = 0; j < h; j++) {
		for (int i = 0; i < w; i++) {
			unsigned long p = XGetPixel(img, i, j);
			unsigned char *o = out + 4 * (j * w + i);
			o[0] = (p & img->red_mask) >> rs;
			o[1] = (p & img->green_mask) >> gs;
			o[2] = (p & img->blue_mask) >> bs;
			o[3] = 255;
		}
	}
	XDestroyImage(img);
	XCloseDisplay(dpy);
	return 0;
}
*/
import "C"

import (
	"fmt"
	"image"
	"image/png"
	"os"
	"unsafe"
)

// Grab takes a picture of part of the screen straight from the X server,
// in a few tens of milliseconds where ImageMagick's import takes most of a
// second: fast enough to poll the screen for a change. The picture keeps
// the screen's coordinates (its Bounds are r). Colours are read as 8 bits
// a channel, as on a depth-24 screen.
func (d *Display) Grab(r image.Rectangle) (*image.RGBA, error) {
	img := image.NewRGBA(r)
	if r.Empty() {
		return img, nil
	}
	name := C.CString(d.Name)
	defer C.free(unsafe.Pointer(name))
	if rc := C.grab(name, C.int(r.Min.X), C.int(r.Min.Y), C.int(r.Dx()), C.int(r.Dy()), (*C.uchar)(unsafe.Pointer(&img.Pix[0]))); rc != 0 {
		return nil, fmt.Errorf("grabbing %v of display %s failed (%d)", r, d.Name, int(rc))
	}
	return img, nil
}

// SavePNG writes a picture, for people to look at after a run.
func SavePNG(path string, img image.Image) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
