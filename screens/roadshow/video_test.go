package roadshow

import (
	"image"
	"image/color"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/player"
	"showhall/player/playertest"
	"showhall/screens"
	"showhall/screens/uitest"
	"showhall/screens/video"
	"showhall/store/catalog"
)

// The fake player stands in for libmpv here only: the real one is tested
// in player/mpv, and on a real talk in app (present_test.go).

var (
	clipA  = strings.Repeat("a", 64) // the video of slide 3
	clipB  = strings.Repeat("b", 64) // the video of slide 4
	subsA  = strings.Repeat("c", 64) // clip A's Simplified Chinese subtitles
	coverA = strings.Repeat("d", 64) // the picture of clip A's project
)

func clipPath(hash string) string { return "/clips/" + hash }

// videoContent is testContent with a video on the deck's second and third
// projects (slides 3 and 4); the first of them has a picture (its poster),
// the second none.
func videoContent(t *testing.T) *Content {
	return testContentWith(t, func(doc *catalog.Document, ids []string) {
		doc.Media = append(doc.Media,
			catalog.Media{Hash: clipA, Type: "video/mp4", Size: 1, Subtitles: map[catalog.Lang]string{catalog.Hans: subsA}},
			catalog.Media{Hash: clipB, Type: "video/mp4", Size: 1},
			catalog.Media{Hash: subsA, Type: "application/x-subrip", Size: 1},
			catalog.Media{Hash: coverA, Type: "image/jpeg", Size: 1})
		for i := range doc.Projects {
			switch doc.Projects[i].ID {
			case ids[1]:
				doc.Projects[i].Videos = []string{clipA}
				doc.Projects[i].Cover = coverA
			case ids[2]:
				doc.Projects[i].Videos = []string{clipB}
			}
		}
	})
}

// posters is an ImageSource that counts what it was asked for.
type posters struct {
	mu    sync.Mutex
	asked []string
}

func (p *posters) Load(hash string, size screens.ImageSize) (image.Image, error) {
	p.mu.Lock()
	p.asked = append(p.asked, hash)
	p.mu.Unlock()
	img := image.NewRGBA(image.Rect(0, 0, 32, 18))
	for i := range img.Pix {
		img.Pix[i] = 0x80
	}
	return img, nil
}

type talk struct {
	p                 *Presenter
	fake              *playertest.Player
	videos            *Videos
	console, audience fyne.Window
	log               *playertest.Log
}

// newTalk starts a talk with its console and audience windows and a
// video player that knows clips A and B (8 s each) unless told otherwise.
func newTalk(t *testing.T, c *Content, clips ...string) *talk {
	t.Helper()
	if clips == nil {
		clips = []string{clipA, clipB}
	}
	fake := playertest.NewPlayer()
	for _, h := range clips {
		fake.Add(clipPath(h), playertest.Media{Duration: 8 * time.Second})
	}
	buf := &playertest.Log{}
	log := slog.New(slog.NewTextHandler(buf, nil))
	vs := &Videos{Player: fake, Path: clipPath, Posters: &posters{}, Log: log, Clock: playertest.NewClock()}
	p := NewPresenter(c, func() time.Time { return t0 })
	console := test.NewTempWindow(t, p.Console())
	console.Resize(fyne.NewSize(1920, 1080))
	audience := test.NewTempWindow(t, p.Audience())
	audience.SetPadded(false)
	audience.Resize(fyne.NewSize(1920, 1080))
	p.Attach(console.Canvas())
	p.SetVideos(vs)
	t.Cleanup(p.Stop)
	return &talk{p: p, fake: fake, videos: vs, console: console, audience: audience, log: buf}
}

func (tk *talk) logged() string { return tk.log.String() }

// eventually waits for cond, which the player's goroutines make true.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	fyne.CurrentApp().(*uitest.App).Eventually(t, what, cond)
}

// surfacesIn lists the video surfaces drawn in a window.
func surfacesIn(w fyne.Window) []*video.Surface {
	var out []*video.Surface
	for _, o := range test.LaidOutObjects(w.Content()) {
		if s, ok := o.(*video.Surface); ok && o.Visible() {
			out = append(out, s)
		}
	}
	return out
}

func (tk *talk) key(names ...fyne.KeyName) { key(tk.console.Canvas(), names...) }

func TestProjectSlideVideoPlaysOnTheAudienceViewOnly(t *testing.T) {
	tk := newTalk(t, videoContent(t))
	if tk.p.Video() != nil || tk.fake.Current() != "" {
		t.Fatal("a video plays on the title slide")
	}
	tk.key(fyne.KeyRight, fyne.KeyRight) // slide 3: the project with clip A
	eventually(t, "clip A plays", func() bool { return tk.fake.Current() == clipPath(clipA) })
	s := tk.p.Video()
	if s == nil || !s.Playing() {
		t.Fatal("the slide's video surface does not play")
	}
	if got := surfacesIn(tk.audience); len(got) != 1 || got[0] != s {
		t.Fatalf("the audience view shows %d video surfaces, want the slide's one", len(got))
	}
	if got := surfacesIn(tk.console); len(got) != 0 {
		t.Fatalf("the console shows %d video surfaces: its previews must not play", len(got))
	}
	if tk.fake.Muted() || tk.fake.Volume() != 100 || tk.fake.Subtitles() != clipPath(subsA) {
		t.Fatalf("muted %v, volume %d, subtitles %q: want sound and the deck's language", tk.fake.Muted(), tk.fake.Volume(), tk.fake.Subtitles())
	}
	// The video starts on the project's picture, never on black.
	pr, _ := tk.p.c.Snap.Project(tk.p.c.Deck.Slides[2].Project)
	if ps := tk.videos.Posters.(*posters); len(ps.asked) != 1 || ps.asked[0] != pr.Images()[0] {
		t.Fatalf("poster loaded for %v, want the project's first picture", ps.asked)
	}
	// The console marks the slides with a video; the projector plays it.
	test.AssertRendersToMarkup(t, "console_video.xml", tk.console.Canvas())
	r := test.WidgetRenderer(s)
	eventually(t, "the first frame replaces the poster", func() bool { return !r.Objects()[2].Visible() })
	// The audience sees the video alone: no control bar, and nothing on
	// the projector takes a tap.
	test.AssertRendersToMarkup(t, "audience_video.xml", tk.audience.Canvas())
	for _, o := range test.LaidOutObjects(tk.audience.Content()) {
		if _, ok := o.(fyne.Tappable); ok {
			t.Fatalf("%T takes taps on the audience view", o)
		}
	}

	// B pauses it under the black screen; B again resumes it.
	tk.key(fyne.KeyB)
	if !tk.fake.Paused() || tk.p.AudienceShows() != tk.p.black {
		t.Fatal("the blackout did not pause the video")
	}
	tk.key(fyne.KeyB)
	if tk.fake.Paused() || !s.Playing() {
		t.Fatal("the end of the blackout did not resume the video")
	}
}

func TestNextSlideTakesThePlayerOver(t *testing.T) {
	tk := newTalk(t, videoContent(t))
	tk.key(fyne.KeyRight, fyne.KeyRight)
	eventually(t, "clip A plays", func() bool { return tk.fake.Current() == clipPath(clipA) })
	a := tk.p.Video()

	tk.key(fyne.KeyRight) // slide 4, clip B, at once
	eventually(t, "clip B plays", func() bool { return tk.fake.Current() == clipPath(clipB) })
	if a.Playing() {
		t.Fatal("the previous slide's surface still plays")
	}
	// The old slide's playlist winds down on its own goroutine; its last
	// Stop must not reach the new video.
	fyne.CurrentApp().(*uitest.App).Wait(100 * time.Millisecond)
	if tk.fake.Current() != clipPath(clipB) || tk.fake.Paused() {
		t.Fatalf("clip B was stopped by the old slide (playing %q)", tk.fake.Current())
	}
	if got := tk.fake.Played(); len(got) != 2 {
		t.Fatalf("played %v, want A then B", got)
	}

	tk.key(fyne.KeyRight) // slide 5 has no video
	eventually(t, "the player stops", func() bool { return tk.fake.Current() == "" })
	if tk.p.Video() != nil || len(surfacesIn(tk.audience)) != 0 {
		t.Fatal("a video surface stays on a slide without video")
	}

	tk.key(fyne.KeyLeft) // back to slide 4: B starts again from the top
	eventually(t, "clip B plays again", func() bool { return len(tk.fake.Played()) == 3 })
	if tk.fake.Position() != 0 {
		t.Fatalf("clip B resumed at %v, want the start", tk.fake.Position())
	}

	tk.key(fyne.KeyEscape) // leaving the talk stops the video
	eventually(t, "the player stops", func() bool { return tk.fake.Current() == "" })
}

func TestVideoEndsOnThePicture(t *testing.T) {
	tk := newTalk(t, videoContent(t))
	tk.key(fyne.KeyRight, fyne.KeyRight)
	eventually(t, "clip A plays", func() bool { return tk.fake.Current() == clipPath(clipA) })
	tk.fake.Advance(9 * time.Second) // past its end
	eventually(t, "the picture is back", func() bool { return len(surfacesIn(tk.audience)) == 0 })
	if got := tk.fake.Played(); len(got) != 1 {
		t.Fatalf("played %v: a slide's video plays once", got)
	}
	if !strings.Contains(tk.logged(), "has played") {
		t.Fatalf("log: %s", tk.logged())
	}
	// The picture is back where the video was, and the talk goes on.
	if !hasPicture(tk.audience) {
		t.Fatal("no picture on the slide after its video")
	}
	tk.key(fyne.KeyRight)
	eventually(t, "clip B plays", func() bool { return tk.fake.Current() == clipPath(clipB) })
}

func TestVideoThatFailsLeavesThePicture(t *testing.T) {
	tk := newTalk(t, videoContent(t), clipA) // clip B is missing
	tk.key(fyne.KeyRight, fyne.KeyRight)
	eventually(t, "clip A plays", func() bool { return tk.fake.Current() == clipPath(clipA) })
	tk.key(fyne.KeyRight)
	eventually(t, "the picture replaces the failed video", func() bool {
		return len(surfacesIn(tk.audience)) == 0 && strings.Contains(tk.logged(), "does not play")
	})
	if !hasPicture(tk.audience) {
		t.Fatal("the slide lost its picture")
	}
	if !strings.Contains(tk.logged(), "playertest: no such file") {
		t.Fatalf("the log does not say why: %s", tk.logged())
	}
	// Coming back to the slide does not try the broken clip again.
	tk.key(fyne.KeyLeft)
	eventually(t, "clip A plays again", func() bool { return len(tk.fake.Played()) == 2 })
	tk.key(fyne.KeyRight)
	eventually(t, "clip A stops", func() bool { return tk.fake.Current() == "" })
	if tk.p.Show().Pos() != 3 || tk.p.Video() != nil {
		t.Fatal("the broken clip was tried again")
	}
}

// TestPictureUntilThePlayerArrives: the app opens libmpv in the
// background; until then (and without libmpv) the slide shows its
// picture, and a player that arrives during a blackout starts the video
// when the picture comes back.
func TestPictureUntilThePlayerArrives(t *testing.T) {
	c := videoContent(t)
	p := NewPresenter(c, func() time.Time { return t0 })
	audience := test.NewTempWindow(t, p.Audience())
	audience.Resize(fyne.NewSize(1920, 1080))
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
	if p.Video() != nil || len(surfacesIn(audience)) != 0 || !hasPicture(audience) {
		t.Fatal("without a player the slide should show its picture")
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyB})
	fake := playertest.NewPlayer()
	fake.Add(clipPath(clipA), playertest.Media{Duration: 8 * time.Second})
	p.SetVideos(&Videos{Player: fake, Path: clipPath, Clock: playertest.NewClock()})
	t.Cleanup(p.Stop)
	if fake.Current() != "" {
		t.Fatal("the video started under the black screen")
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyB})
	eventually(t, "clip A plays", func() bool { return fake.Current() == clipPath(clipA) })
}

func hasPicture(w fyne.Window) bool {
	for _, o := range test.LaidOutObjects(w.Content()) {
		if _, ok := o.(*screens.Picture); ok && o.Size().Width > 500 {
			return true
		}
	}
	return false
}

func TestLeaseOfAnOldSlideCannotTouchTheNext(t *testing.T) {
	fake := playertest.NewPlayer()
	fake.Add("x.mp4", playertest.Media{Duration: time.Second})
	fake.Add("y.mp4", playertest.Media{Duration: time.Second})
	v := &Videos{Player: fake}
	old := v.take()
	old.Load(player.Source{Path: "x.mp4"})
	cur := v.take()
	cur.Load(player.Source{Path: "y.mp4"})
	old.Stop()
	old.Pause()
	if fake.Current() != "y.mp4" || fake.Paused() {
		t.Fatalf("the old lease reached the player: playing %q, paused %v", fake.Current(), fake.Paused())
	}
	if old.Events() != nil || old.Redraw() != nil {
		t.Fatal("the old lease still hears the player")
	}
	dst := image.NewRGBA(image.Rect(0, 0, 4, 4))
	if fresh, err := old.Render(dst); fresh || err != nil || dst.RGBAAt(1, 1) != (color.RGBA{}) {
		t.Fatal("the old lease rendered the new video")
	}
	if cur.Events() == nil {
		t.Fatal("the current lease hears nothing")
	}
	old.Close() // a lease never closes the shared player
	if err := cur.Play(); err != nil {
		t.Fatal(err)
	}
	v.Close()
	if cur.Events() != nil || cur.Load(player.Source{Path: "x.mp4"}) != nil || fake.Current() != "y.mp4" {
		t.Fatal("a lease drives a closed player")
	}
}

// surfaceAt is where a video surface is drawn on a window, and its size.
func surfaceAt(t *testing.T, w fyne.Window, s *video.Surface) (fyne.Position, fyne.Size) {
	t.Helper()
	for _, p := range drawnIn(w.Content()) {
		if p.o == s {
			return p.pos, s.Size()
		}
	}
	t.Fatal("the video surface is not on the window")
	return fyne.Position{}, fyne.Size{}
}

// TestVideoFollowsTheSlideToANewScale: the projector's size changes (a
// mode switch, the window placed on another display) while a slide's
// video plays: the slide is drawn again to fit, and the video goes on in
// its new picture area, neither stopped nor started again.
func TestVideoFollowsTheSlideToANewScale(t *testing.T) {
	tk := newTalk(t, videoContent(t))
	tk.key(fyne.KeyRight, fyne.KeyRight)
	eventually(t, "clip A plays", func() bool { return tk.fake.Current() == clipPath(clipA) })
	s := tk.p.Video()
	_, before := surfaceAt(t, tk.audience, s)

	check := func(size fyne.Size) {
		t.Helper()
		if tk.p.Video() != s || !s.Playing() || tk.fake.Paused() || tk.fake.Current() != clipPath(clipA) {
			t.Fatalf("on %v the video stopped or changed (playing %q)", size, tk.fake.Current())
		}
		if got := tk.fake.Played(); len(got) != 1 {
			t.Fatalf("on %v the video started again: played %v", size, got)
		}
		if got := surfacesIn(tk.audience); len(got) != 1 || got[0] != s {
			t.Fatalf("on %v the audience view shows %d video surfaces, want the slide's one", size, len(got))
		}
		if tk.p.slot != tk.p.audienceSlide.slot || tk.p.vid.slot != tk.p.slot || tk.p.slot.Objects[0] != s {
			t.Fatal("the video is not in the picture area of the slide drawn now")
		}
		at, sz := surfaceAt(t, tk.audience, s)
		if !within(at, sz, fyne.Position{}, size) {
			t.Fatalf("on %v the video is drawn at %v size %v, off the screen", size, at, sz)
		}
		var slotAt fyne.Position
		for _, p := range drawnIn(tk.audience.Content()) {
			if p.o == tk.p.slot {
				slotAt = p.pos
			}
		}
		if at != slotAt || sz != tk.p.slot.Size() {
			t.Fatalf("on %v the video is drawn at %v size %v, its picture area at %v size %v", size, at, sz, slotAt, tk.p.slot.Size())
		}
		// The picture area scales with the slide (to the width of a
		// line of text).
		if w := before.Width * fitScale(size); sz.Width < w*0.98 || sz.Width > w*1.02 {
			t.Fatalf("on %v the video is %v wide, want about %v", size, sz.Width, w)
		}
		checkFits(t, tk.p.audienceSlide, fyne.Position{}, size)
	}
	tk.audience.Resize(fyne.NewSize(1280, 800))
	check(fyne.NewSize(1280, 800))

	// Resized while black: the slide comes back at the new scale with
	// its video, which resumes.
	tk.key(fyne.KeyB)
	tk.audience.Resize(fyne.NewSize(1024, 768))
	tk.key(fyne.KeyB)
	check(fyne.NewSize(1024, 768))

	tk.audience.Resize(fyne.NewSize(1920, 1080))
	check(fyne.NewSize(1920, 1080))
	// At its end the picture comes back where the video was.
	tk.fake.Advance(9 * time.Second)
	eventually(t, "the picture is back", func() bool { return len(surfacesIn(tk.audience)) == 0 })
	if !hasPicture(tk.audience) {
		t.Fatal("no picture on the slide after its video")
	}
}

// gatedPosters holds every poster until open is closed.
type gatedPosters struct{ open chan struct{} }

func (g gatedPosters) Load(hash string, size screens.ImageSize) (image.Image, error) {
	<-g.open
	return image.NewRGBA(image.Rect(0, 0, 32, 18)), nil
}

// TestVideoStartsInTheSlideDrawnNow: the projector's size changes while
// the poster is loading; the video starts in the slide as drawn then.
func TestVideoStartsInTheSlideDrawnNow(t *testing.T) {
	tk := newTalk(t, videoContent(t))
	gate := gatedPosters{open: make(chan struct{})}
	tk.videos.Posters = gate
	tk.key(fyne.KeyRight, fyne.KeyRight)
	tk.audience.Resize(fyne.NewSize(1280, 800))
	close(gate.open)
	eventually(t, "clip A plays", func() bool { return tk.fake.Current() == clipPath(clipA) })
	s := tk.p.Video()
	if got := surfacesIn(tk.audience); len(got) != 1 || got[0] != s || tk.p.slot.Objects[0] != s {
		t.Fatal("the video did not start in the slide drawn for the new size")
	}
	at, sz := surfaceAt(t, tk.audience, s)
	if !within(at, sz, fyne.Position{}, fyne.NewSize(1280, 800)) || sz.Width > 1280*0.75 {
		t.Fatalf("the video is drawn at %v size %v on a 1280x800 projector", at, sz)
	}
}
