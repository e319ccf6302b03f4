package app

import (
	"path/filepath"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"showhall/assets"
	"showhall/player"
	"showhall/player/playertest"
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
	k, _ := demoKiosk(t, nil)
	var mu sync.Mutex
	var recorded []stats.Kind
	k.visits.rec = func(e stats.Event) {
		mu.Lock()
		recorded = append(recorded, e.Kind)
		mu.Unlock()
	}
	fakePlayers(k, "/nowhere/")
	k.showAttract()
	rot := k.ui.Rotation
	failed := func() bool { return k.video.hasFailed(rot.ID) }

	if len(rot.Attract) == 0 {
		t.Fatalf("the demo season %s has no promo videos", rot.ID)
	}
	if !fyne.CurrentApp().(*uitest.App).WaitUntil(10*time.Second, failed) {
		t.Fatal("the kiosk did not give up on a season whose videos all fail")
	}
	if b, _ := k.attractBackdrop(); b != nil {
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

// TestAttractLoopLivesAcrossVisits: the first attract screen with videos
// shows the first exhibit's picture until the loop's first frame, never
// black; after a visit the same loop comes back with the frame it stopped
// on, so the screen has no dark moment at all; other subtitles get a new
// loop.
func TestAttractLoopLivesAcrossVisits(t *testing.T) {
	k, _ := demoKiosk(t, nil)
	k.visits.rec = func(stats.Event) {}
	p := fakePlayers(k, "/media/")
	k.refreshCatalogue()
	sources := player.AttractSources(k.shown, k.ui.Rotation, k.defaultLang, k.video.path)
	if len(sources) == 0 {
		t.Fatalf("the demo season %s has no promo videos", k.ui.Rotation.ID)
	}
	// The first video is slow to give a frame, as on a busy hall PC.
	for i, s := range sources {
		p.Add(s.Path, playertest.Media{Duration: time.Minute, NoFrames: i == 0})
	}
	a := fyne.CurrentApp().(*uitest.App)

	k.showAttract()
	loop := k.video.loop
	if loop == nil || !k.attract.Covered() {
		t.Fatal("the first attract screen with videos is not covered by a picture")
	}
	a.Wait(100 * time.Millisecond)
	if !k.attract.Covered() {
		t.Fatal("uncovered before the loop's first frame")
	}
	// Its first frame comes at last (the fake player is told to give one
	// by opening the video again).
	p.Add(sources[0].Path, playertest.Media{Duration: time.Minute})
	if err := p.Load(sources[0]); err != nil {
		t.Fatal(err)
	}
	if !a.WaitUntil(10*time.Second, func() bool { return !k.attract.Covered() }) {
		t.Fatal("the picture stayed over the loop after its first frame")
	}

	// A visit, then back to attract: the same loop, at once uncovered.
	k.Home()
	if !a.WaitUntil(10*time.Second, func() bool { return p.Current() == "" }) {
		t.Fatal("the attract loop plays on during the visit")
	}
	k.showAttract()
	if k.video.loop != loop {
		t.Fatal("returning to attract built a new loop")
	}
	if k.attract.Covered() {
		t.Fatal("the returning loop is covered: it has a frame to show")
	}
	if !a.WaitUntil(10*time.Second, func() bool { return p.Current() != "" }) {
		t.Fatal("the loop did not play again")
	}

	// Another language for the hall's default: other subtitles, a new
	// loop, covered until its first frame.
	k.defaultLang = catalog.En
	k.showAttract()
	if k.video.loop == loop || !k.attract.Covered() {
		t.Fatalf("other subtitles: new loop %v, covered %v; want a new, covered loop", k.video.loop != loop, k.attract.Covered())
	}
	k.Home()
}

// TestANewSeasonWithTheSameVideosGetsItsOwnLoop: halls reuse promo videos
// from one season to the next. The new season still gets a loop of its
// own, so that its videos failing is put down to it and the kiosk falls
// back to its slideshow instead of trying the old season's loop again.
func TestANewSeasonWithTheSameVideosGetsItsOwnLoop(t *testing.T) {
	k, now := demoKiosk(t, func(doc *catalog.Document) {
		var summer, autumn *catalog.Rotation
		for i := range doc.Rotations {
			switch doc.Rotations[i].ID {
			case "r2026-2":
				summer = &doc.Rotations[i]
			case "r2026-3":
				autumn = &doc.Rotations[i]
			}
		}
		autumn.Attract = summer.Attract
	})
	k.visits.rec = func(stats.Event) {}
	p := fakePlayers(k, "/media/")
	sh, _ := time.LoadLocation(catalog.HallZone)
	*now = time.Date(2026, 8, 31, 23, 59, 0, 0, sh)
	k.refreshCatalogue()
	for _, s := range player.AttractSources(k.shown, k.ui.Rotation, k.defaultLang, k.video.path) {
		p.Add(s.Path, playertest.Media{Duration: time.Minute})
	}
	k.showAttract()
	summerLoop := k.video.loop
	if k.ui.Rotation.ID != "r2026-2" || summerLoop == nil {
		t.Fatalf("before the boundary: season %s, loop %v", k.ui.Rotation.ID, summerLoop != nil)
	}

	*now = time.Date(2026, 9, 1, 0, 0, 1, 0, sh)
	k.checkIdle()
	if k.ui.Rotation.ID != "r2026-3" {
		t.Fatalf("after the boundary the attract screen shows %s", k.ui.Rotation.ID)
	}
	if k.video.loop == summerLoop {
		t.Fatal("the new season plays on the old season's loop")
	}
	k.Home()
}

// demoKiosk is testKiosk on the demo catalogue, which edit may change
// first.
func demoKiosk(t *testing.T, edit func(*catalog.Document)) (*kiosk, *time.Time) {
	t.Helper()
	k, now := testKiosk(t)
	doc, err := assets.DemoDocument()
	if err != nil {
		t.Fatal(err)
	}
	if edit != nil {
		edit(&doc)
	}
	k.SetSnapshot(catalog.NewSnapshot(doc))
	return k, now
}

// fakePlayers gives the kiosk test players; the media store's files are
// named dir+hash. It returns the attract player.
func fakePlayers(k *kiosk, dir string) *playertest.Player {
	p := playertest.NewPlayer()
	k.video = &kioskVideo{attract: p, detail: playertest.NewPlayer(),
		path: func(h string) string { return dir + h }, failed: map[string]bool{}}
	return p
}
