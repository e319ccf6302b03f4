package e2e

import (
	"context"
	"image"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// A visitor at a portrait totem with the largest text: touch to start,
// home with the bar at the bottom within a seated visitor's reach, a
// project, then the search keyboard. The screenshots are for people to
// look at (e2e/screenshots/portrait-*.png).
func TestPortraitWalkWithTheLargestText(t *testing.T) {
	d, bin := setupScreen(t, 1080, 1920)
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	k, err := StartKiosk(ctx, d, bin, "--data", t.TempDir(), "kiosk", "--text-size", "150")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := k.Stop(); err != nil && !strings.Contains(err.Error(), "signal") {
			t.Errorf("stopping: %v", err)
		}
		os.WriteFile(filepath.Join(shots, "portrait-kiosk.log"), []byte(k.Log()), 0o644)
	}()
	if !k.WaitLog("first frame", 60*time.Second) {
		t.Fatalf("no first frame; log:\n%s", k.Log())
	}
	var attract image.Image
	if !waitFor(30*time.Second, func() bool {
		attract = shot(t, d, "portrait-1-attract")
		return Spread(attract) >= 20
	}) {
		t.Fatalf("the attract screen looks blank (spread %.1f)", Spread(attract))
	}

	d.Tap(540, 960)
	time.Sleep(4 * time.Second) // the tiles' pictures load in the background
	home := shot(t, d, "portrait-2-home")
	if diff := Difference(attract, home); diff < 0.3 {
		t.Fatalf("a touch did not leave the attract screen (%.0f%% changed)", diff*100)
	}
	// The bar is at the bottom: its panel colour fills the lowest rows,
	// and the top rows show the page itself.
	if !panelRow(home, 1900) || panelRow(home, 4) {
		t.Errorf("the bar is not at the bottom of the portrait screen")
	}

	// The first featured exhibit is at the top left of the page.
	d.Tap(270, 280)
	if !k.WaitLog("exhibit opened", 5*time.Second) {
		t.Fatalf("tapping the first featured exhibit opened nothing; log:\n%s", k.Log())
	}
	// On a loaded machine the page (and its video) can take a while.
	var detail image.Image
	if !waitFor(20*time.Second, func() bool {
		detail = shot(t, d, "portrait-3-detail")
		return Difference(home, detail) >= 0.2
	}) {
		t.Fatalf("the detail page looks like home")
	}
	time.Sleep(2 * time.Second) // its pictures
	shot(t, d, "portrait-3-detail")
	if k.Cmd.ProcessState != nil {
		t.Fatal("the kiosk exited during the walk")
	}
}

// panelRow reports whether row y of img is mostly the bar's panel colour
// (#15223d).
func panelRow(img image.Image, y int) bool {
	b := img.Bounds()
	n, panel := 0, 0
	for x := b.Min.X; x < b.Max.X; x += 4 {
		r, g, bl, _ := img.At(x, y).RGBA()
		n++
		if near(r>>8, 0x15) && near(g>>8, 0x22) && near(bl>>8, 0x3d) {
			panel++
		}
	}
	return panel*2 > n
}

func near(v uint32, want int) bool { d := int(v) - want; return d > -6 && d < 6 }
