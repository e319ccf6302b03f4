// Package e2e drives the real showhall binary on a real X server (Xvfb):
// it starts it, taps with xdotool, and takes screenshots with ImageMagick.
package e2e

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	_ "image/png" // screenshots
	"io"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Display is a running X server: Xvfb, or Xorg with several monitors.
type Display struct {
	Name   string // ":93"
	cmd    *exec.Cmd
	exited chan struct{} // closed once the server has exited
}

// StartXvfb starts a virtual screen of the given size on a free display.
func StartXvfb(width, height int) (*Display, error) {
	if _, err := exec.LookPath("Xvfb"); err != nil {
		return nil, errors.New("Xvfb is not installed (make test installs it: apt-get install xvfb)")
	}
	cmd := exec.Command("Xvfb", "-screen", "0", fmt.Sprintf("%dx%dx24", width, height), "-nolisten", "tcp")
	return startX(cmd, 10*time.Second, func() string { return "" })
}

// Stop ends the X server. SIGTERM lets it remove its lock file and
// socket: a killed server leaves them behind, and each leftover takes a
// display number away from later runs. SIGKILL if it lingers.
func (d *Display) Stop() {
	d.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-d.exited:
	case <-time.After(5 * time.Second):
		d.cmd.Process.Kill()
		<-d.exited
	}
}

// PID is the X server's process id (to measure what drawing costs it).
func (d *Display) PID() int { return d.cmd.Process.Pid }

// Env is the environment for a program on this display.
func (d *Display) Env() []string {
	return append(os.Environ(), "DISPLAY="+d.Name)
}

// Screenshot captures the whole screen.
func (d *Display) Screenshot(path string) (image.Image, error) {
	cmd := exec.Command("import", "-window", "root", path)
	cmd.Env = d.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		return nil, fmt.Errorf("import: %v: %s", err, out)
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}

// Tap presses and releases at a point, as a finger on a touchscreen does.
func (d *Display) Tap(x, y int) error {
	return d.xdotool("mousemove", strconv.Itoa(x), strconv.Itoa(y), "click", "1")
}

// Drag moves a pressed "finger" from one point to another in steps.
func (d *Display) Drag(x0, y0, x1, y1 int) error {
	args := []string{"mousemove", strconv.Itoa(x0), strconv.Itoa(y0), "mousedown", "1"}
	for i := 1; i <= 10; i++ {
		x := x0 + (x1-x0)*i/10
		y := y0 + (y1-y0)*i/10
		args = append(args, "mousemove", strconv.Itoa(x), strconv.Itoa(y), "sleep", "0.02")
	}
	args = append(args, "mouseup", "1")
	return d.xdotool(args...)
}

func (d *Display) xdotool(args ...string) error {
	cmd := exec.Command("xdotool", args...)
	cmd.Env = d.Env()
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("xdotool %v: %v: %s", args, err, out)
	}
	return nil
}

// WindowShown reports whether a window with this name is mapped.
func (d *Display) WindowShown(name string) bool {
	cmd := exec.Command("xdotool", "search", "--onlyvisible", "--name", name)
	cmd.Env = d.Env()
	out, err := cmd.Output()
	return err == nil && len(bytes.TrimSpace(out)) > 0
}

// Spread measures how much a picture varies (the standard deviation of
// its grey levels, 0-255): a blank or black screen is near zero.
func Spread(img image.Image) float64 {
	b := img.Bounds()
	var sum, sq, n float64
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			v := float64(r+g+bl) / 3 / 257
			sum += v
			sq += v * v
			n++
		}
	}
	mean := sum / n
	return math.Sqrt(sq/n - mean*mean)
}

// DarkShare is the share of sampled pixels that are black or nearly
// (the attract screen's shade tints black a little blue).
func DarkShare(img image.Image) float64 {
	b := img.Bounds()
	var dark, n float64
	for y := b.Min.Y; y < b.Max.Y; y += 4 {
		for x := b.Min.X; x < b.Max.X; x += 4 {
			r, g, bl, _ := img.At(x, y).RGBA()
			if max(r, g, bl)>>8 < 40 {
				dark++
			}
			n++
		}
	}
	return dark / n
}

// Difference is the share of sampled pixels that differ clearly between
// two screenshots of the same size.
func Difference(a, b image.Image) float64 {
	r := a.Bounds()
	var diff, n float64
	for y := r.Min.Y; y < r.Max.Y; y += 4 {
		for x := r.Min.X; x < r.Max.X; x += 4 {
			r1, g1, b1, _ := a.At(x, y).RGBA()
			r2, g2, b2, _ := b.At(x, y).RGBA()
			d := math.Abs(float64(r1)-float64(r2)) + math.Abs(float64(g1)-float64(g2)) + math.Abs(float64(b1)-float64(b2))
			if d/257 > 48 {
				diff++
			}
			n++
		}
	}
	return diff / n
}

// Kiosk is a running showhall.
type Kiosk struct {
	Cmd     *exec.Cmd
	Started time.Time
	mu      sync.Mutex
	log     bytes.Buffer
	eof     chan struct{} // closed when the kiosk's stderr has been read to the end
}

// StartKiosk runs the binary with args on the display, collecting its log.
func StartKiosk(ctx context.Context, d *Display, bin string, args ...string) (*Kiosk, error) {
	cmd := exec.CommandContext(ctx, bin, args...)
	cmd.Env = append(d.Env(), "LANG=C.UTF-8")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, err
	}
	cmd.Stdout = io.Discard
	k := &Kiosk{Cmd: cmd, eof: make(chan struct{})}
	k.Started = time.Now()
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	go func() {
		s := bufio.NewScanner(stderr)
		for s.Scan() {
			k.mu.Lock()
			k.log.WriteString(s.Text() + "\n")
			k.mu.Unlock()
		}
		close(k.eof)
	}()
	return k, nil
}

// Log is everything the kiosk has logged so far.
func (k *Kiosk) Log() string {
	k.mu.Lock()
	defer k.mu.Unlock()
	return k.log.String()
}

// WaitLog waits until the log has a line containing s.
func (k *Kiosk) WaitLog(s string, timeout time.Duration) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if strings.Contains(k.Log(), s) {
			return true
		}
		time.Sleep(50 * time.Millisecond)
	}
	return false
}

// Stop asks the kiosk to stop (SIGINT, as a technician's Ctrl+C; the
// service's SIGTERM takes the same path) and waits. A kiosk that hangs
// on the way out is asked for its goroutines (SIGQUIT makes the Go
// runtime print them and exit), so the error says where it hung.
func (k *Kiosk) Stop() error {
	k.Cmd.Process.Signal(os.Interrupt)
	exited := make(chan struct{})
	go func() {
		// Wait closes stderr: read it to the end first.
		select {
		case <-k.eof:
		case <-time.After(20 * time.Second):
		}
		k.Cmd.Wait()
		close(exited)
	}()
	select {
	case <-exited:
		if log := k.Log(); strings.Contains(log, "stopping took too long") {
			return fmt.Errorf("the kiosk hung on its way out and left by its own deadline:\n%s", log[strings.Index(log, "stopping took too long"):])
		}
		return k.exitError()
	case <-time.After(10 * time.Second):
	}
	before := len(k.Log())
	k.Cmd.Process.Signal(syscall.SIGQUIT)
	select {
	case <-exited:
	case <-time.After(5 * time.Second):
		k.Cmd.Process.Kill()
		<-exited
	}
	return fmt.Errorf("the kiosk did not stop within 10 s of SIGINT; where it hung:\n%s", k.Log()[before:])
}

// exitError is how the stopped kiosk's process ended, as exec reports it.
func (k *Kiosk) exitError() error {
	if st := k.Cmd.ProcessState; st != nil && !st.Success() {
		return &exec.ExitError{ProcessState: st}
	}
	return nil
}

// PeakRSS reads the process's peak resident memory in bytes.
func PeakRSS(pid int) (int64, error) { return procStatus(pid, "VmHWM:") }

// AnonRSS reads the process's resident memory that is its own (heap and
// stacks), without the files it maps (libraries, the database).
func AnonRSS(pid int) (int64, error) { return procStatus(pid, "RssAnon:") }

func procStatus(pid int, field string) (int64, error) {
	raw, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if strings.HasPrefix(line, field) {
			f := strings.Fields(line)
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb * 1024, err
		}
	}
	return 0, errors.New("no " + field + " in /proc status")
}

// Binary finds the showhall binary to test: SHOWHALL_BIN (set by make),
// or one built now into dir.
func Binary(dir string) (string, error) {
	if b := os.Getenv("SHOWHALL_BIN"); b != "" {
		return b, nil
	}
	out := filepath.Join(dir, "showhall")
	cmd := exec.Command("go", "build", "-o", out, "showhall")
	if msg, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("building showhall: %v\n%s", err, msg)
	}
	return out, nil
}
