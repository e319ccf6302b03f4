package e2e

import (
	"errors"
	"image"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
)

// Window finds a mapped top-level window by its exact title and returns
// its place on the screen.
func (d *Display) Window(title string) (image.Rectangle, bool) {
	id, ok := d.windowID(title)
	if !ok {
		return image.Rectangle{}, false
	}
	cmd := exec.Command("xdotool", "getwindowgeometry", "--shell", id)
	cmd.Env = d.Env()
	out, err := cmd.Output()
	if err != nil {
		return image.Rectangle{}, false
	}
	v := map[string]int{}
	for _, line := range strings.Fields(string(out)) {
		if k, s, ok := strings.Cut(line, "="); ok {
			v[k], _ = strconv.Atoi(s)
		}
	}
	return image.Rect(v["X"], v["Y"], v["X"]+v["WIDTH"], v["Y"]+v["HEIGHT"]), true
}

// Key types keys as a keyboard or a presentation clicker does (xdotool
// key names: Right, Page_Down, b, Return, ...). They go to the window
// that has the keyboard focus.
func (d *Display) Key(keys ...string) error {
	return d.xdotool(append([]string{"key", "--delay", "40"}, keys...)...)
}

// FocusWindow gives the keyboard to a window found by its exact title,
// as a click on it would.
func (d *Display) FocusWindow(title string) error {
	id, ok := d.windowID(title)
	if !ok {
		return errors.New("no window " + strconv.Quote(title))
	}
	return d.xdotool("windowfocus", "--sync", id)
}

// ResizeWindow sets the size of a window found by its exact title, as a
// user maximising it would (there is no window manager to ask).
func (d *Display) ResizeWindow(title string, width, height int) error {
	id, ok := d.windowID(title)
	if !ok {
		return errors.New("no window " + strconv.Quote(title))
	}
	return d.xdotool("windowsize", id, strconv.Itoa(width), strconv.Itoa(height))
}

// windowID is the X id of the first mapped window with this exact title.
func (d *Display) windowID(title string) (string, bool) {
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+regexp.QuoteMeta(title)+"$")
	cmd.Env = d.Env()
	out, err := cmd.Output()
	ids := strings.Fields(string(out))
	if err != nil || len(ids) == 0 {
		return "", false
	}
	return ids[0], true
}
