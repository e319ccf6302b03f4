// The window an embedded player draws in (xholder.c).
#ifndef SHOWHALL_MPV_XHOLDER_H
#define SHOWHALL_MPV_XHOLDER_H

// xh_open connects to $DISPLAY (NULL without libX11 or a server);
// xh_close ends the connection.
void *xh_open(void);
void xh_close(void *dpy);
// xh_create makes an unmapped child of parent, of its size, without a
// background; 0 when there is no X server or libX11.
unsigned long xh_create(void *dpy, unsigned long parent);
// xh_show maps the holder (fitted to its parent's size first) or unmaps it.
void xh_show(void *dpy, unsigned long win, unsigned long parent, int show);
// xh_fit gives the holder its parent's size again, if that changed.
void xh_fit(void *dpy, unsigned long win, unsigned long parent);
void xh_destroy(void *dpy, unsigned long win);

#endif
