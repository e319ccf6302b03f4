package app

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"showhall/app/player/playertest"
	"showhall/assets"
	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/media"
	"showhall/store/stats"
)

func TestWithoutLibmpvTheKioskRunsOnPictures(t *testing.T) {
	t.Setenv("SHOWHALL_LIBMPV", "none")
	ms, err := media.Open(filepath.Join(t.TempDir(), "media"))
	if err != nil {
		t.Fatal(err)
	}
	if v := openVideo(ms, 80, quietLog()); v != nil {
		t.Fatal("a video player started without libmpv")
	}
}

// TestAttractFallsBackToPicturesWhenNoVideoPlays gives the kiosk a season
// whose promo videos all fail to open (here: files the player does not
// have) and checks it logs them as skipped for the curators and goes on
// with the picture slideshow.
func TestAttractFallsBackToPicturesWhenNoVideoPlays(t *testing.T) {
	k, _ := testKiosk(t)
	doc, err := assets.DemoDocument()
	if err != nil {
		t.Fatal(err)
	}
	k.SetSnapshot(catalog.NewSnapshot(doc))
	var mu sync.Mutex
	var recorded []stats.Kind
	k.visits.rec = func(e stats.Event) {
		mu.Lock()
		recorded = append(recorded, e.Kind)
		mu.Unlock()
	}
	k.video = &kioskVideo{attract: playertest.NewPlayer(), detail: playertest.NewPlayer(),
		path: func(h string) string { return "/nowhere/" + h }, failed: map[string]bool{}}
	k.showAttract()
	rot := k.ui.Rotation
	failed := func() bool { return k.video.hasFailed(rot.ID) }

	if len(rot.Attract) == 0 {
		t.Fatalf("the demo season %s has no promo videos", rot.ID)
	}
	if !fyne.CurrentApp().(*uitest.App).WaitUntil(10*time.Second, failed) {
		t.Fatal("the kiosk did not give up on a season whose videos all fail")
	}
	if k.attractBackdrop() != nil {
		t.Fatal("a failed season still gets a video backdrop")
	}
	skipped := 0
	mu.Lock()
	defer mu.Unlock()
	for _, kind := range recorded {
		if kind == stats.VideoSkipped {
			skipped++
		}
	}
	if skipped == 0 {
		t.Fatalf("no skipped-video event recorded (recorded %v)", recorded)
	}
}
