package app

import (
	"image"
	"log/slog"
	"os"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/player/mpv"
	"showhall/player/playertest"
	"showhall/screens"
	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/deck"
)

// TestTalkPlaysProjectVideosWithLibmpv gives a talk on the demo catalogue
// with the real libmpv player, as `showhall present --rehearse` does: a
// project slide plays its promo clip in place of its picture, the next
// slide's clip takes the player over, a blackout pauses it, a slide
// without video and leaving the talk stop it. Without libmpv it skips
// (fails when SHOWHALL_REQUIRE_MPV=1, as make test sets).
func TestTalkPlaysProjectVideosWithLibmpv(t *testing.T) {
	a := uitest.NewApp(t)
	a.Settings().SetTheme(screens.HallTheme{})
	var logs playertest.Log
	log := slog.New(slog.NewTextHandler(&logs, nil))
	data, snap := demoData(t)

	// Two projects with different clips, then one without any.
	var withVideo []*catalog.Project
	var plain *catalog.Project
	for i := 0; i < snap.Len(); i++ {
		p := snap.At(i)
		switch {
		case len(p.Videos) > 0 && (len(withVideo) == 0 || withVideo[0].Videos[0] != p.Videos[0]) && len(withVideo) < 2:
			withVideo = append(withVideo, p)
		case len(p.Videos) == 0 && plain == nil:
			plain = p
		}
	}
	if len(withVideo) < 2 || plain == nil {
		t.Fatal("the demo catalogue lacks two projects with different clips")
	}
	d := deck.New("Roadshow", catalog.En, time.Now())
	d.AddProjects(withVideo[0].ID, withVideo[1].ID, plain.ID)

	r := &roadshowApp{app: a, lib: &deckLibrary{data: data, snap: snap, lang: catalog.En}, log: log, display: -1}
	r.builderWin = test.NewTempWindow(t, nil)
	r.present(d, true)
	defer r.closeVideo()
	p := r.talk
	if p == nil {
		t.Fatal("no talk")
	}
	if !a.WaitUntil(10*time.Second, func() bool { return r.videos != nil || r.videoOff }) {
		t.Fatalf("the video player neither opened nor failed\n%s", logs.String())
	}
	if r.videoOff {
		if os.Getenv("SHOWHALL_REQUIRE_MPV") == "1" {
			t.Fatalf("no libmpv (SHOWHALL_REQUIRE_MPV=1; on Debian: apt install libmpv2)\n%s", logs.String())
		}
		t.Skipf("no libmpv: %s", logs.String())
	}
	mp := r.videos.Player.(*mpv.Player)
	key := func(k fyne.KeyName) { p.TypedKey(&fyne.KeyEvent{Name: k}) }
	path := func() string { return mp.Property("path") }
	win := rehearsalWindow(t, a)

	// Slide 2: the first project's clip plays.
	key(fyne.KeyRight)
	clip0 := data.Media.Path(withVideo[0].Videos[0])
	if !a.WaitUntil(10*time.Second, func() bool { return path() == clip0 && mp.Position() > 300*time.Millisecond }) {
		t.Fatalf("slide 2's clip does not play (path %q)\n%s", path(), logs.String())
	}
	// The blackout pauses it; its end resumes it. (First, while most of
	// the 8 s clip is left, however slow the machine.)
	key(fyne.KeyB)
	if !a.WaitUntil(10*time.Second, func() bool { return mp.Paused() }) {
		t.Fatal("the blackout did not pause the video")
	}
	key(fyne.KeyB)
	if !a.WaitUntil(10*time.Second, func() bool { return !mp.Paused() }) {
		t.Fatalf("the video did not resume after the blackout (path %q, position %v, slide %d)\n%s", path(), mp.Position(), p.Show().Pos(), logs.String())
	}
	if s := p.Video(); s == nil || !s.Playing() {
		t.Fatal("no video surface plays on the audience view")
	}
	// Its frames move. (How fast is for the video bench: on a loaded
	// machine under the race detector a second may hold only a few.)
	f0, shot0 := mp.Frames(), win.Canvas().Capture()
	if !a.WaitUntil(5*time.Second, func() bool { return mp.Frames()-f0 >= 10 }) {
		t.Fatalf("%d frames rendered in 5 s", mp.Frames()-f0)
	}
	if shot1 := win.Canvas().Capture(); samePixels(shot0, shot1) {
		t.Fatal("the audience view did not change over ten frames of video")
	}

	// Slide 3: the next clip takes the player over from its start.
	key(fyne.KeyRight)
	clip1 := data.Media.Path(withVideo[1].Videos[0])
	if !a.WaitUntil(10*time.Second, func() bool { return path() == clip1 && mp.Position() > 0 }) {
		t.Fatalf("slide 3's clip does not play (path %q)\n%s", path(), logs.String())
	}
	a.Wait(300 * time.Millisecond) // the previous slide's playlist has wound down by now
	if path() != clip1 || mp.Paused() {
		t.Fatalf("slide 3's clip was stopped (path %q, paused %v)", path(), mp.Paused())
	}

	// Slide 4 has no video: the player stops.
	key(fyne.KeyRight)
	if !a.WaitUntil(5*time.Second, func() bool { return path() == "" }) {
		t.Fatalf("the clip still plays on a slide without video (path %q)", path())
	}
	if p.Video() != nil {
		t.Fatal("a video surface stays on a slide without video")
	}

	// Back on slide 3, then leaving the talk stops the video.
	key(fyne.KeyLeft)
	if !a.WaitUntil(10*time.Second, func() bool { return path() == clip1 }) {
		t.Fatalf("slide 3's clip does not play again (path %q)", path())
	}
	key(fyne.KeyEscape)
	if !a.WaitUntil(5*time.Second, func() bool { return path() == "" }) {
		t.Fatalf("leaving the talk did not stop the video (path %q)", path())
	}
	if r.talk != nil {
		t.Fatal("the talk is still current after leaving")
	}
	if strings.Contains(logs.String(), "does not play") {
		t.Fatalf("a demo clip failed:\n%s", logs.String())
	}
}

// demoData opens a data folder with the demo catalogue. The folder is
// removed without checking: picture loaders may still be writing
// thumbnails into it as the test ends.
func demoData(t *testing.T) (*Data, *catalog.Snapshot) {
	t.Helper()
	dir, err := os.MkdirTemp("", "showhall-present-")
	if err != nil {
		t.Fatal(err)
	}
	data, snap, err := openCatalogue(dir, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		data.Close()
		os.RemoveAll(dir)
	})
	return data, snap
}

// TestTalkWithoutLibmpvShowsPictures: on a laptop without libmpv a
// project slide with a video shows its picture, and the log says why.
func TestTalkWithoutLibmpvShowsPictures(t *testing.T) {
	t.Setenv("SHOWHALL_LIBMPV", "none")
	a := uitest.NewApp(t)
	var logs playertest.Log
	data, snap := demoData(t)
	var withVideo *catalog.Project
	for i := 0; i < snap.Len() && withVideo == nil; i++ {
		if p := snap.At(i); len(p.Videos) > 0 {
			withVideo = p
		}
	}
	d := deck.New("Roadshow", catalog.En, time.Now())
	d.AddProjects(withVideo.ID)
	r := &roadshowApp{app: a, lib: &deckLibrary{data: data, snap: snap, lang: catalog.En},
		log: slog.New(slog.NewTextHandler(&logs, nil)), display: -1}
	r.builderWin = test.NewTempWindow(t, nil)
	r.present(d, true)
	defer r.closeVideo()
	if !a.WaitUntil(10*time.Second, func() bool { return r.videoOff }) {
		t.Fatalf("the player opened with SHOWHALL_LIBMPV=none\n%s", logs.String())
	}
	r.talk.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if r.talk.Video() != nil {
		t.Fatal("a video surface without a player")
	}
	if !strings.Contains(logs.String(), "videos are off: project slides show their pictures") {
		t.Fatalf("the log does not say why there is no video:\n%s", logs.String())
	}
}

// rehearsalWindow finds the talk's window among the app's windows.
func rehearsalWindow(t *testing.T, a fyne.App) fyne.Window {
	t.Helper()
	title := screens.T(catalog.En, "rs_window_console")
	for _, w := range a.Driver().AllWindows() {
		if w.Title() == title {
			return w
		}
	}
	t.Fatal("no rehearsal window")
	return nil
}

func samePixels(a, b image.Image) bool {
	if a.Bounds() != b.Bounds() {
		return false
	}
	bd := a.Bounds()
	for y := bd.Min.Y; y < bd.Max.Y; y += 3 {
		for x := bd.Min.X; x < bd.Max.X; x += 3 {
			if a.At(x, y) != b.At(x, y) {
				return false
			}
		}
	}
	return true
}

func TestWindowsFitTheLaptopScreen(t *testing.T) {
	small := []Display{{Index: 0, Name: "eDP-1", W: 1366, H: 768}, {Index: 1, Name: "HDMI-1", W: 1920, H: 1080}}
	if got := windowSize(small, 1600, 900); got.Width > 1366*0.9+0.5 || got.Height > 768*0.9+0.5 || got.Width < 1200 {
		t.Fatalf("on a 1366x768 laptop the window is %v", got)
	}
	big := []Display{{W: 2560, H: 1440}}
	if got := windowSize(big, 1600, 900); got.Width != 1600 || got.Height != 900 {
		t.Fatalf("on a large screen the window is %v, want 1600x900", got)
	}
	if got := windowSize(nil, 1600, 900); got.Width != 1600 || got.Height != 900 {
		t.Fatalf("with no display listed the window is %v, want 1600x900", got)
	}
}
