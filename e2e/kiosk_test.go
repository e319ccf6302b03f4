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

// shots keeps the screenshots of the last run for people to look at.
var shots = func() string {
	d, _ := filepath.Abs("screenshots")
	return d
}()

func setup(t *testing.T) (*Display, string) {
	t.Helper()
	return setupScreen(t, 1920, 1080)
}

// setupScreen starts a virtual screen of the given size and finds the
// binary to test.
func setupScreen(t *testing.T, width, height int) (*Display, string) {
	t.Helper()
	if testing.Short() {
		t.Skip("end-to-end tests take a minute; skipped with -short")
	}
	bin, err := Binary(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	d, err := StartXvfb(width, height)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Stop)
	os.MkdirAll(shots, 0o755)
	return d, bin
}

func shot(t *testing.T, d *Display, name string) image.Image {
	t.Helper()
	img, err := d.Screenshot(filepath.Join(shots, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// waitFor polls cond until it holds or the time is up.
func waitFor(timeout time.Duration, cond func() bool) bool {
	deadline := time.Now().Add(timeout)
	for time.Now().Before(deadline) {
		if cond() {
			return true
		}
		time.Sleep(100 * time.Millisecond)
	}
	return false
}

func TestVisitorWalkUpBrowseAndWalkAway(t *testing.T) {
	d, bin := setup(t)
	data := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	k, err := StartKiosk(ctx, d, bin, "--data", data, "kiosk", "--idle", "30")
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if err := k.Stop(); err != nil && !strings.Contains(err.Error(), "signal") {
			t.Errorf("stopping: %v", err)
		}
		os.WriteFile(filepath.Join(shots, "kiosk.log"), []byte(k.Log()), 0o644)
	}()

	if !waitFor(30*time.Second, func() bool { return d.WindowShown("showhall") }) {
		t.Fatalf("no window within 30 s; log:\n%s", k.Log())
	}
	if !k.WaitLog("loaded the embedded demo catalogue", 30*time.Second) {
		t.Fatalf("the demo catalogue was not loaded on first start; log:\n%s", k.Log())
	}
	if !k.WaitLog("first frame", 30*time.Second) {
		t.Fatalf("no first frame; log:\n%s", k.Log())
	}
	// The first exhibit's picture is decoded in the background; on a
	// loaded machine that can take a few seconds.
	var attract image.Image
	if !waitFor(30*time.Second, func() bool {
		attract = shot(t, d, "1-attract")
		return Spread(attract) >= 20
	}) {
		t.Fatalf("the attract screen looks blank (spread %.1f)", Spread(attract))
	}

	// The season's promo videos play behind the invitation: the screen
	// moves by itself, and libmpv was found.
	if !k.WaitLog("video players ready", 20*time.Second) {
		t.Fatalf("the kiosk did not start its video players; log:\n%s", k.Log())
	}
	// The slideshow gives way to the videos with no dark moment: the
	// first exhibit's picture stays until the loop's first frame.
	darkest(t, d, "1a-darkest-look-as-videos-start", "as the videos start", 2*time.Second)
	attract = shot(t, d, "1-attract")
	time.Sleep(1500 * time.Millisecond)
	if moving := shot(t, d, "1b-attract-later"); Difference(attract, moving) < 0.05 {
		t.Errorf("the attract screen did not move in 1.5 s (%.1f%% changed): no video playing?", Difference(attract, moving)*100)
	}

	// The screen never goes dark while the promo loop plays.
	darkest(t, d, "1c-darkest-look", "during the promo loop", 3*time.Second)

	// A touch anywhere opens home.
	d.Tap(960, 540)
	time.Sleep(1500 * time.Millisecond)
	home := shot(t, d, "2-home")
	if diff := Difference(attract, home); diff < 0.3 {
		t.Fatalf("a touch did not leave the attract screen (%.0f%% of the screen changed)", diff*100)
	}

	// The first featured exhibit sits at the top left under the bar.
	d.Tap(250, 330)
	if !k.WaitLog("exhibit opened", 5*time.Second) {
		t.Fatalf("tapping the first featured exhibit opened nothing; log:\n%s", k.Log())
	}
	// On a loaded machine the page can take a few seconds to draw.
	var detail image.Image
	if !waitFor(10*time.Second, func() bool {
		detail = shot(t, d, "3-detail")
		return Difference(home, detail) >= 0.2
	}) {
		t.Fatalf("the detail page looks like home (%.0f%% changed)", Difference(home, detail)*100)
	}
	time.Sleep(time.Second) // its pictures come in
	detail = shot(t, d, "3-detail")

	// Walk away: after 30 s without a touch, a countdown, then attract.
	time.Sleep(25 * time.Second)
	countdown := shot(t, d, "4-countdown")
	if Difference(detail, countdown) < 0.05 {
		t.Errorf("no visible countdown before the reset")
	}
	if !k.WaitLog("idle reset", 15*time.Second) {
		t.Fatalf("the kiosk did not reset itself; log:\n%s", k.Log())
	}
	// Back on attract, the promo loop comes back with the frame it
	// stopped on: no dark moment while its next video opens.
	darkest(t, d, "5a-darkest-look-after-reset", "just after the reset", 2*time.Second)
	// On a loaded machine the attract screen's video can take a moment
	// to start: wait for the screen to be the attract one.
	var back image.Image
	if !waitFor(15*time.Second, func() bool {
		back = shot(t, d, "5-attract-again")
		return Difference(detail, back) >= 0.3 && Spread(back) >= 20
	}) {
		t.Fatal("after the reset the screen is not the attract screen")
	}
	if k.Cmd.ProcessState != nil {
		t.Fatal("the kiosk exited during the test")
	}
}

// darkest watches the middle of the screen, where the promo videos play
// between the invitation's words, for a while, and fails when most of it
// is black in any look: a loop showing nothing yet.
func darkest(t *testing.T, d *Display, name, when string, watch time.Duration) {
	t.Helper()
	band := image.Rect(0, 360, 1920, 720)
	worst := 0.0
	var darkestLook image.Image
	looks := 0
	for end := time.Now().Add(watch); time.Now().Before(end); looks++ {
		img, err := d.Grab(band)
		if err != nil {
			t.Fatal(err)
		}
		if share := DarkShare(img); share >= worst {
			worst, darkestLook = share, img
		}
	}
	if err := SavePNG(filepath.Join(shots, name+".png"), darkestLook); err != nil {
		t.Log(err)
	}
	t.Logf("%s: at most %.0f%% of the screen's middle was black in %d looks", when, worst*100, looks)
	if worst > 0.9 {
		t.Errorf("%s the screen went dark (%.0f%% of its middle black)", when, worst*100)
	}
}
