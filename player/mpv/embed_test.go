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
