package e2e

import (
	"errors"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// ErrNoXorgDummy says the machine cannot run a virtual X server with
// several monitors: Xorg or its dummy video driver is missing.
var ErrNoXorgDummy = errors.New("Xorg with the dummy video driver is not installed (make test installs it: apt-get install xserver-xorg-core xserver-xorg-video-dummy)")

// dummyDriver is where Debian and other distributions put the driver.
var dummyDriver = []string{
	"/usr/lib/xorg/modules/drivers/dummy_drv.so",
	"/usr/lib64/xorg/modules/drivers/dummy_drv.so",
	"/usr/lib/x86_64-linux-gnu/xorg/modules/drivers/dummy_drv.so",
	"/usr/lib/aarch64-linux-gnu/xorg/modules/drivers/dummy_drv.so",
}

// xorgBinary is the X server itself. Debian's /usr/bin/Xorg is a script
// that goes through a setuid wrapper when xserver-xorg-legacy is
// installed, and the wrapper refuses users off the console; the server
// run directly needs no privilege for the dummy driver.
func xorgBinary() (string, error) {
	if _, err := os.Stat("/usr/lib/xorg/Xorg"); err == nil {
		return "/usr/lib/xorg/Xorg", nil
	}
	return exec.LookPath("Xorg")
}

// StartXorgDummy starts a real X server (Xorg with the dummy video
// driver) whose RandR outputs are the given rectangles: one monitor each,
// as a laptop with a projector plugged in has. Xvfb cannot do this: it
// has one RandR output, and GLFW (under Fyne) lists monitors from RandR
// outputs. The first rectangle is the primary monitor. The server takes
// no virtual terminal and reads no system configuration; dir keeps its
// configuration and log.
func StartXorgDummy(dir string, heads ...image.Rectangle) (*Display, error) {
	if len(heads) == 0 {
		return nil, errors.New("StartXorgDummy: no monitors asked for")
	}
	xorg, err := xorgBinary()
	if err != nil {
		return nil, ErrNoXorgDummy
	}
	found := false
	for _, p := range dummyDriver {
		if _, err := os.Stat(p); err == nil {
			found = true
		}
	}
	if !found {
		return nil, ErrNoXorgDummy
	}
	conf := filepath.Join(dir, "xorg.conf")
	if err := os.WriteFile(conf, []byte(dummyConfig(heads)), 0o644); err != nil {
		return nil, err
	}
	confDir := filepath.Join(dir, "xorg.conf.d") // empty: no system snippets
	if err := os.MkdirAll(confDir, 0o755); err != nil {
		return nil, err
	}
	var bounds image.Rectangle
	for _, h := range heads {
		bounds = bounds.Union(h)
	}
	logPath := filepath.Join(dir, "xorg.log")
	cmd := exec.Command(xorg, "-config", conf, "-configdir", confDir,
		"-logfile", logPath, "-noreset", "-nolisten", "tcp",
		// A black root window: a screen no window covers shows black,
		// as a projector with nothing on it, not what was there last.
		"-br",
		// A seat other than seat0 takes no virtual terminal: the test
		// never switches the screen of the machine it runs on.
		"-seat", "seat-showhall-e2e")
	d, err := startX(cmd, 15*time.Second, func() string { return ": " + logTail(logPath, 15) })
	if err != nil {
		return nil, err
	}
	if size, err := d.RootSize(); err != nil || size != bounds.Size() {
		d.Stop()
		return nil, fmt.Errorf("Xorg on %s made a %v screen (%v), not %v: %s", d.Name, size, err, bounds.Size(), logTail(logPath, 15))
	}
	return d, nil
}

// dummyConfig is an xorg.conf with one dummy card whose outputs DUMMY0,
// DUMMY1, ... are enabled at the given places. Every monitor knows every
// mode, and prefers its own.
func dummyConfig(heads []image.Rectangle) string {
	var b strings.Builder
	b.WriteString(`Section "ServerFlags"
  Option "AutoAddDevices" "false"
  Option "AutoEnableDevices" "false"
  Option "AutoAddGPU" "false"
  Option "DontVTSwitch" "true"
EndSection
Section "Device"
  Identifier "card"
  Driver "dummy"
  VideoRam 256000
`)
	for i := range heads {
		fmt.Fprintf(&b, "  Option \"Monitor-DUMMY%d\" \"head%d\"\n", i, i)
	}
	b.WriteString("EndSection\n")
	var modelines, names []string
	seen := map[string]bool{}
	var bounds image.Rectangle
	for _, h := range heads {
		bounds = bounds.Union(h)
		w, hh := h.Dx(), h.Dy()
		name := fmt.Sprintf("%dx%d", w, hh)
		if seen[name] {
			continue
		}
		seen[name] = true
		names = append(names, `"`+name+`"`)
		// 60 Hz with generous blanking; the dummy card takes any timing
		// within its clock.
		ht, vt := w+160, hh+40
		clock := float64(ht*vt*60) / 1e6
		modelines = append(modelines, fmt.Sprintf("  Modeline %q %.2f %d %d %d %d %d %d %d %d +hsync +vsync",
			name, clock, w, w+48, w+80, ht, hh, hh+3, hh+8, vt))
	}
	for i, h := range heads {
		fmt.Fprintf(&b, "Section \"Monitor\"\n  Identifier \"head%d\"\n  HorizSync 5.0 - 1000.0\n  VertRefresh 5.0 - 200.0\n", i)
		b.WriteString(strings.Join(modelines, "\n") + "\n")
		fmt.Fprintf(&b, "  Option \"PreferredMode\" \"%dx%d\"\n  Option \"Position\" \"%d %d\"\n  Option \"Enable\" \"true\"\n", h.Dx(), h.Dy(), h.Min.X, h.Min.Y)
		if i == 0 {
			b.WriteString("  Option \"Primary\" \"true\"\n")
		}
		b.WriteString("EndSection\n")
	}
	fmt.Fprintf(&b, `Section "Screen"
  Identifier "screen"
  Device "card"
  Monitor "head0"
  DefaultDepth 24
  SubSection "Display"
    Depth 24
    Modes %s
    Virtual %d %d
  EndSubSection
EndSection
`, strings.Join(names, " "), bounds.Max.X, bounds.Max.Y)
	return b.String()
}

func logTail(path string, lines int) string {
	raw, err := os.ReadFile(path)
	if err != nil {
		return "(no log: " + err.Error() + ")"
	}
	all := strings.Split(strings.TrimSpace(string(raw)), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return "\n" + strings.Join(all, "\n")
}

var xwininfoSize = regexp.MustCompile(`(?m)^\s*(Width|Height):\s*(\d+)`)

// RootSize is the size of the whole X screen (all monitors together).
func (d *Display) RootSize() (image.Point, error) {
	cmd := exec.Command("xwininfo", "-root")
	cmd.Env = d.Env()
	out, err := cmd.Output()
	if err != nil {
		return image.Point{}, err
	}
	var p image.Point
	for _, m := range xwininfoSize.FindAllSubmatch(out, -1) {
		v, _ := strconv.Atoi(string(m[2]))
		if string(m[1]) == "Width" {
			p.X = v
		} else {
			p.Y = v
		}
	}
	return p, nil
}
