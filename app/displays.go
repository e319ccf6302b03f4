package app

import (
	"errors"
	"fmt"
	"os"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// Display is a screen the presenter can put the talk on.
type Display struct {
	Index      int
	Name       string
	X, Y, W, H int // position and size in screen pixels
}

func (d Display) String() string { return fmt.Sprintf("%d: %s %dx%d", d.Index, d.Name, d.W, d.H) }

// Displays lists the screens through GLFW, which Fyne's driver has
// already initialised in this process. GLFW must be called on the main
// goroutine: call Displays from Fyne callbacks (they run there), or wrap
// it in fyne.DoAndWait from any other goroutine. (DoAndWait from the main
// goroutine itself would not wait, so it is not done here.) A GLFW that
// panics (not initialised, as under the test driver) is an error, not a
// crash.
func Displays() (out []Display, err error) {
	defer func() {
		if r := recover(); r != nil {
			out, err = nil, fmt.Errorf("listing displays: %v", r)
		}
	}()
	for i, m := range glfw.GetMonitors() {
		x, y := m.GetPos()
		d := Display{Index: i, Name: m.GetName(), X: x, Y: y}
		if vm := m.GetVideoMode(); vm != nil {
			d.W, d.H = vm.Width, vm.Height
		}
		out = append(out, d)
	}
	return out, nil
}

// DisplaysAlone lists the screens in a process that has no window (the
// command line's --list): it starts GLFW itself and stops it again. Call
// it on the main goroutine, before any Fyne app runs.
func DisplaysAlone() ([]Display, error) {
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return nil, errors.New("no display server here (DISPLAY is not set): run it on the laptop's desktop to list its displays")
	}
	if err := glfw.Init(); err != nil {
		return nil, fmt.Errorf("no display to list: %w", err)
	}
	defer glfw.Terminate()
	// GLFW only logs a display it cannot open; listing then fails.
	out, err := Displays()
	if err != nil {
		return nil, fmt.Errorf("cannot open the display %s to list it", os.Getenv("DISPLAY"))
	}
	return out, nil
}

// placeFullScreen moves a window onto a display and makes it full
// screen there. Fyne has no call to place a window, and goes full screen
// on the display the window is on, so the window is first moved with the
// windowing system's own call.
func placeFullScreen(w fyne.Window, d Display) {
	if nw, ok := w.(driver.NativeWindow); ok {
		nw.RunNative(func(ctx any) {
			if x11, ok := ctx.(driver.X11WindowContext); ok && x11.WindowHandle != 0 {
				moveX11Window(x11.WindowHandle, d.X, d.Y)
			}
		})
	}
	// Fyne learns the new position from the window system's event; give
	// it a moment before asking for full screen.
	go func() {
		time.Sleep(300 * time.Millisecond)
		fyne.Do(func() { w.SetFullScreen(true) })
	}()
}
