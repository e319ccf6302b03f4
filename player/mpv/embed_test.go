package mpv_test

import (
	"bufio"
	"context"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"showhall/player"
)

// xvfb starts a virtual 640x360 screen and returns its display name and
// its root window's id, the window the embedded player draws into.
func xvfb(t *testing.T) (string, uintptr) {
	t.Helper()
	_, err := exec.LookPath("Xvfb")
	need(t, "Xvfb", err)
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("Xvfb", "-screen", "0", "640x360x24", "-nolisten", "tcp", "-displayfd", "3")
	cmd.ExtraFiles = []*os.File{w}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	w.Close()
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		t.Fatalf("Xvfb gave no display number: %v", err)
	}
	display := ":" + strings.TrimSpace(line)
	out, err := exec.Command("xwininfo", "-root", "-display", display).Output()
	need(t, "xwininfo (x11-utils)", err)
	for _, l := range strings.Split(string(out), "\n") {
		if i := strings.Index(l, "Window id: "); i >= 0 {
			id, err := strconv.ParseUint(strings.Fields(l[i+len("Window id: "):])[0], 0, 64)
			if err == nil {
				return display, uintptr(id)
			}
		}
	}
	t.Fatalf("no root window id in:\n%s", out)
	return "", 0
}

// screenshot is the display's screen.
func screenshot(t *testing.T, display string) image.Image {
	t.Helper()
	path := filepath.Join(t.TempDir(), "shot.png")
	if out, err := exec.Command("import", "-display", display, "-window", "root", path).CombinedOutput(); err != nil {
		need(t, "import (ImageMagick)", fmt.Errorf("%v: %s", err, out))
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// Embedded, mpv draws the video and the overlay into the window itself,
// and counts its frames for the watchdog.
func TestDrawsIntoAWindowWithAnOverlay(t *testing.T) {
	dir := fixtures(t)
	display, root := xvfb(t)
	t.Setenv("DISPLAY", display)
	p := newPlayer(t)
	if err := p.Embed(root); err != nil {
		t.Fatal(err)
	}
	// A white band over the top quarter of the screen.
	over := image.NewRGBA(image.Rect(0, 0, 640, 360))
	for y := 0; y < 90; y++ {
		for x := 0; x < 640; x++ {
			over.SetRGBA(x, y, color.RGBA{255, 255, 255, 255})
		}
	}
	parts := player.OverlayParts(over, 4)
	if len(parts) != 1 || parts[0].Rect != image.Rect(0, 0, 640, 90) {
		t.Fatalf("overlay parts %v, want one band of the top 90 rows", parts)
	}
	if err := p.SetOverlay(parts); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	loop := player.NewLoop(p, []player.Source{{Path: filepath.Join(dir, "red.mp4")}}, player.LoopOptions{Repeat: true})
	go loop.Run(ctx)
	for p.Frames() < 10 {
		if ctx.Err() != nil {
			t.Fatalf("only %d frames counted in 20 s", p.Frames())
		}
		time.Sleep(20 * time.Millisecond)
	}
	if fresh, _ := p.Render(image.NewRGBA(image.Rect(0, 0, 8, 8))); fresh {
		t.Error("Render gave a frame while mpv draws into the window")
	}
	img := screenshot(t, display)
	if c := color.RGBAModel.Convert(img.At(320, 240)).(color.RGBA); c.R < 150 || c.G > 60 || c.B > 60 {
		t.Errorf("the video's middle is %v, want the red clip", c)
	}
	if c := color.RGBAModel.Convert(img.At(320, 40)).(color.RGBA); c.R < 240 || c.G < 240 || c.B < 240 {
		t.Errorf("the overlay's band is %v, want white over the video", c)
	}
	if d := p.Decoder(); !strings.Contains(d, "h264") {
		t.Errorf("Decoder() = %q, want the clip's H.264", d)
	}
	// Taken away, the overlay leaves the video whole.
	if err := p.SetOverlay(nil); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	img = screenshot(t, display)
	if c := color.RGBAModel.Convert(img.At(320, 40)).(color.RGBA); c.R < 150 || c.G > 60 || c.B > 60 {
		t.Errorf("with no overlay the top is %v, want the red clip", c)
	}
}

// children lists the windows directly under root.
func children(t *testing.T, display string) []string {
	t.Helper()
	out, err := exec.Command("xwininfo", "-root", "-children", "-display", display).Output()
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, l := range strings.Split(string(out), "\n") {
		if f := strings.Fields(l); len(f) > 0 && strings.HasPrefix(f[0], "0x") {
			ids = append(ids, f[0])
		}
	}
	return ids
}

func viewable(display, id string) bool {
	out, _ := exec.Command("xwininfo", "-id", id, "-display", display).Output()
	return strings.Contains(string(out), "IsViewable")
}

// No dark moment: until its first frame, an embedded player shows none
// of its window, so what the kiosk draws under it (its picture) stays in
// sight and keeps being redrawn; mpv maps its own window before it has
// drawn anything in it, which kept the screen as it was (black, at the
// kiosk's start) until then. At the first frame the video is there.
func TestShowsWhatLiesUnderUntilTheFirstFrame(t *testing.T) {
	dir := fixtures(t)
	display, root := xvfb(t)
	t.Setenv("DISPLAY", display)
	before := children(t, display)
	p := newPlayer(t)
	if err := p.Embed(root); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	go player.NewLoop(p, []player.Source{{Path: filepath.Join(dir, "hd.mp4")}}, player.LoopOptions{Repeat: true}).Run(ctx)
	looks := 0
	for p.Frames() == 0 {
		if ctx.Err() != nil {
			t.Fatal("no first frame in 20 s")
		}
		for _, id := range children(t, display) {
			if slices.Contains(before, id) {
				continue
			}
			if viewable(display, id) && p.Frames() == 0 {
				t.Fatalf("window %s of the player is on screen before its first frame", id)
			}
			looks++
		}
	}
	if looks == 0 {
		t.Log("the first frame came before any look at the player's windows")
	}
	for p.Frames() < 5 && ctx.Err() == nil {
		time.Sleep(10 * time.Millisecond)
	}
	img := screenshot(t, display)
	if c := color.RGBAModel.Convert(img.At(320, 180)).(color.RGBA); c.R < 16 && c.G < 16 && c.B < 16 {
		t.Errorf("after its first frames the middle of the screen is %v, want the video", c)
	}
	// Stopped, the player's windows leave the screen; the next Play is
	// hidden again until its first frame.
	cancel()
	p.Stop()
	for _, id := range children(t, display) {
		if !slices.Contains(before, id) && viewable(display, id) {
			t.Errorf("window %s of the player stays on screen after Stop", id)
		}
	}
}
