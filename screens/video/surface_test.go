package video

import (
	"image"
	"image/color"
	"image/draw"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"showhall/player"
	"showhall/player/playertest"
	"showhall/screens/uitest"
)

// eventually waits for cond, which the surface's goroutines make true,
// running their work on the UI as the window would.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	fyne.CurrentApp().(*uitest.App).Eventually(t, what, cond)
}

func poster() image.Image {
	img := image.NewRGBA(image.Rect(0, 0, 64, 36))
	draw.Draw(img, img.Bounds(), image.NewUniform(color.RGBA{R: 200, G: 120, B: 40, A: 255}), image.Point{}, draw.Src)
	return img
}

func newDetail(t *testing.T) (*Surface, *playertest.Player, fyne.Window, *[]bool) {
	uitest.NewApp(t)
	p := playertest.NewPlayer()
	p.Add("promo.mp4", playertest.Media{Duration: 8 * time.Second})
	var full []bool
	s := New(p, []player.Source{{Path: "promo.mp4", Subtitles: "promo.en.srt"}}, Options{
		Mode: Detail, Poster: poster(), Volume: 70, Clock: playertest.NewClock(),
		OnFullScreen: func(f bool) { full = append(full, f) },
	})
	w := test.NewTempWindow(t, s)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(640, 360))
	t.Cleanup(s.Stop) // as leaving the page does: no goroutine outlives the test
	return s, p, w, &full
}

// parts is the surface's renderer, which owns its objects and controls.
func parts(s *Surface) *surfaceRenderer { return test.WidgetRenderer(s).(*surfaceRenderer) }

func TestDetailShowsPosterThenPlaysOnTap(t *testing.T) {
	s, p, w, _ := newDetail(t)
	test.AssertRendersToMarkup(t, "detail_poster.xml", w.Canvas())
	if p.Current() != "" {
		t.Fatal("playing before the tap")
	}

	test.Tap(parts(s).bigPlay)
	eventually(t, "the video plays", func() bool { return p.Current() == "promo.mp4" })
	eventually(t, "the first frame replaces the poster", func() bool { return !parts(s).poster.Visible() })
	if !s.Playing() || parts(s).bigPlay.Visible() || !parts(s).bar.Visible() {
		t.Fatalf("playing %v, big button %v, bar %v", s.Playing(), parts(s).bigPlay.Visible(), parts(s).bar.Visible())
	}
	if p.Muted() || p.Volume() != 70 || p.Subtitles() != "promo.en.srt" {
		t.Fatalf("muted %v volume %d subtitles %q; want sound at 70 with subtitles", p.Muted(), p.Volume(), p.Subtitles())
	}
	// The frame is rendered at the widget's size, not the source's.
	eventually(t, "a frame at the widget size", func() bool {
		img, ok := parts(s).frame.Image.(*image.RGBA)
		return ok && img.Rect.Dx() == 640 && img.Rect.Dy() == 360 && img.RGBAAt(320, 180) == playertest.ColorOf("promo.mp4")
	})

	p.Advance(2 * time.Second)
	test.Tap(parts(s).pauseB)
	if !p.Paused() || s.Playing() {
		t.Fatal("the pause button did not pause")
	}
	test.AssertRendersToMarkup(t, "detail_paused.xml", w.Canvas())
	test.Tap(parts(s).pauseB)
	if p.Paused() || !s.Playing() {
		t.Fatal("the play button did not resume")
	}
}

func TestDetailSeeksByDragging(t *testing.T) {
	s, p, w, _ := newDetail(t)
	test.Tap(parts(s).bigPlay)
	eventually(t, "the video plays", func() bool { return p.Current() == "promo.mp4" })

	// Drag the knob to three quarters of the bar: one seek, on release.
	bar := fyne.CurrentApp().Driver().AbsolutePositionForObject(parts(s).seek)
	at := bar.Add(fyne.NewPos(parts(s).seek.Size().Width*3/4, parts(s).seek.Size().Height/2))
	test.Drag(w.Canvas(), at, 10, 0)
	if got := p.Position(); got < 5900*time.Millisecond || got > 6100*time.Millisecond {
		t.Fatalf("position after the drag %v, want 6s", got)
	}
	if parts(s).seek.value < 0.74 || parts(s).seek.value > 0.76 || parts(s).clock.Text != "0:06 / 0:08" {
		t.Fatalf("bar at %v, clock %q", parts(s).seek.value, parts(s).clock.Text)
	}
	// A tap on the bar seeks too.
	test.TapAt(parts(s).seek, fyne.NewPos(parts(s).seek.Size().Width/4, 10))
	if got := p.Position(); got < 1900*time.Millisecond || got > 2100*time.Millisecond {
		t.Fatalf("position after the tap %v, want 2s", got)
	}
}

func TestDetailFullScreenAndStop(t *testing.T) {
	s, p, _, full := newDetail(t)
	test.Tap(parts(s).bigPlay)
	eventually(t, "the video plays", func() bool { return p.Current() == "promo.mp4" })
	test.Tap(parts(s).fullB)
	test.Tap(parts(s).fullB)
	if len(*full) != 2 || !(*full)[0] || (*full)[1] || s.FullScreen() {
		t.Fatalf("full-screen toggles %v", *full)
	}
	s.Stop()
	eventually(t, "the player stops", func() bool { return p.Current() == "" })
	if s.Playing() || !parts(s).bigPlay.Visible() || !parts(s).poster.Visible() || parts(s).bar.Visible() {
		t.Fatal("after Stop the poster and the play button are not back")
	}
}

func TestDetailEndsAndOffersPlayAgain(t *testing.T) {
	s, p, _, _ := newDetail(t)
	test.Tap(parts(s).bigPlay)
	eventually(t, "the video plays", func() bool { return p.Current() == "promo.mp4" })
	p.Advance(9 * time.Second)
	eventually(t, "the play button is back", func() bool { return parts(s).bigPlay.Visible() && !s.Playing() })
	if got := p.Played(); len(got) != 1 {
		t.Fatalf("a detail video played %v; it should play once", got)
	}
}

func TestAttractLoopsMutedWithoutControls(t *testing.T) {
	uitest.NewApp(t)
	p := playertest.NewPlayer()
	p.Add("a.mp4", playertest.Media{Duration: time.Second})
	p.Add("b.mp4", playertest.Media{Duration: time.Second})
	fallback := 0
	s := New(p, []player.Source{{Path: "a.mp4"}, {Path: "b.mp4"}}, Options{
		Mode: Attract, Clock: playertest.NewClock(), OnNothingPlayable: func() { fallback++ }})
	w := test.NewTempWindow(t, s)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(320, 180))
	s.Play()
	eventually(t, "a plays", func() bool { return p.Current() == "a.mp4" })
	if !p.Muted() {
		t.Fatal("the attract loop is not muted")
	}
	p.Advance(1500 * time.Millisecond)
	eventually(t, "b follows a", func() bool { return p.Current() == "b.mp4" })
	p.Advance(time.Second)
	eventually(t, "a follows b", func() bool { return len(p.Played()) == 3 && p.Current() == "a.mp4" })
	// No part of the surface takes taps: they belong to the attract screen.
	for _, o := range test.LaidOutObjects(s) {
		if _, ok := o.(fyne.Tappable); ok && o != fyne.CanvasObject(s) {
			t.Fatalf("%T takes taps in attract mode", o)
		}
	}
	if _, ok := fyne.CanvasObject(s).(fyne.Tappable); ok {
		t.Fatal("the surface takes taps")
	}
	eventually(t, "a frame is on screen", func() bool { return !parts(s).poster.Visible() })
	test.AssertRendersToMarkup(t, "attract.xml", w.Canvas())
	s.Stop()
	eventually(t, "stopped", func() bool { return p.Current() == "" })
	if fallback != 0 {
		t.Fatal("fell back while videos played")
	}
}

func TestAttractFallsBackWhenNothingPlays(t *testing.T) {
	uitest.NewApp(t)
	p := playertest.NewPlayer() // knows no file: every source is missing
	called := make(chan struct{}, 1)
	s := New(p, []player.Source{{Path: "gone.mp4"}}, Options{Mode: Attract, Clock: playertest.NewClock(),
		OnNothingPlayable: func() { called <- struct{}{} }})
	test.NewTempWindow(t, s)
	s.Play()
	eventually(t, "OnNothingPlayable is called", func() bool {
		select {
		case <-called:
			return true
		default:
			return false
		}
	})
}

// TestSlidePlaysOnceWithSoundAndNoControls: a talk's projector plays a
// project's videos once, with sound and no controls (the presenter drives
// the talk with keys, not by touching the projector), and ends on the
// poster.
func TestSlidePlaysOnceWithSoundAndNoControls(t *testing.T) {
	uitest.NewApp(t)
	p := playertest.NewPlayer()
	p.Add("a.mp4", playertest.Media{Duration: time.Second})
	p.Add("b.mp4", playertest.Media{Duration: time.Second})
	s := New(p, []player.Source{{Path: "a.mp4", Subtitles: "a.en.srt"}, {Path: "b.mp4"}}, Options{
		Mode: Slide, Poster: poster(), Volume: 70, Clock: playertest.NewClock()})
	w := test.NewTempWindow(t, s)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(640, 360))
	if p.Current() != "" || !parts(s).poster.Visible() {
		t.Fatal("a slide should show its poster until it is played")
	}

	s.Play()
	eventually(t, "a plays", func() bool { return p.Current() == "a.mp4" })
	eventually(t, "the first frame replaces the poster", func() bool { return !parts(s).poster.Visible() })
	if p.Muted() || p.Volume() != 70 || p.Subtitles() != "a.en.srt" {
		t.Fatalf("muted %v volume %d subtitles %q; want sound at 70 with subtitles", p.Muted(), p.Volume(), p.Subtitles())
	}
	// No controls, and no part of the surface takes taps: a tap on the
	// projector changes nothing.
	if parts(s).bigPlay != nil || parts(s).bar != nil || parts(s).pauseB != nil || parts(s).fullB != nil || parts(s).seek != nil {
		t.Fatal("a slide has controls")
	}
	for _, o := range test.LaidOutObjects(s) {
		if _, ok := o.(fyne.Tappable); ok && o != fyne.CanvasObject(s) {
			t.Fatalf("%T takes taps on a slide", o)
		}
	}
	if _, ok := fyne.CanvasObject(s).(fyne.Tappable); ok {
		t.Fatal("the surface takes taps")
	}
	test.TapCanvas(w.Canvas(), fyne.NewPos(320, 180))
	if !s.Playing() || p.Paused() {
		t.Fatal("a tap paused the slide's video")
	}
	test.AssertRendersToMarkup(t, "slide.xml", w.Canvas())

	// The presenter's blackout pauses and resumes it.
	s.Pause()
	if !p.Paused() || s.Playing() {
		t.Fatal("Pause did not pause")
	}
	s.Play()
	if p.Paused() || !s.Playing() {
		t.Fatal("Play did not resume")
	}

	// a then b, once: the poster is back at the end.
	p.Advance(1500 * time.Millisecond)
	eventually(t, "b follows a", func() bool { return p.Current() == "b.mp4" })
	p.Advance(time.Second)
	eventually(t, "the poster is back at the end", func() bool { return !s.Playing() && parts(s).poster.Visible() })
	fyne.CurrentApp().(*uitest.App).Wait(50 * time.Millisecond)
	if got := p.Played(); len(got) != 2 || p.Current() != "" {
		t.Fatalf("a slide played %v and plays %q; it should play a and b once", got, p.Current())
	}

	// Played again and stopped (the next slide): the poster is back.
	s.Play()
	eventually(t, "a plays again", func() bool { return p.Current() == "a.mp4" && !parts(s).poster.Visible() })
	s.Stop()
	eventually(t, "the player stops", func() bool { return p.Current() == "" })
	if s.Playing() || !parts(s).poster.Visible() {
		t.Fatal("after Stop the poster is not back")
	}
}

// TestAttractKeepsItsLastFrameForTheNextPlay: the attract surface lives
// across visits. Played again, it shows the frame it stopped on until the
// new Play's first frame, never the black mpv draws in between, and tells
// the attract screen once per Play when that first frame is there.
func TestAttractKeepsItsLastFrameForTheNextPlay(t *testing.T) {
	uitest.NewApp(t)
	p := playertest.NewPlayer()
	p.Add("a.mp4", playertest.Media{Duration: time.Minute})
	firsts := 0
	s := New(p, []player.Source{{Path: "a.mp4"}}, Options{
		Mode: Attract, Clock: playertest.NewClock(), OnFirstFrame: func() { firsts++ }})
	w := test.NewTempWindow(t, s)
	w.SetPadded(false)
	w.Resize(fyne.NewSize(320, 180))
	if s.HasFrame() {
		t.Fatal("a new surface claims a frame")
	}
	s.Play()
	shows := func(c color.RGBA) func() bool {
		return func() bool {
			img, ok := parts(s).frame.Image.(*image.RGBA)
			return ok && img.RGBAAt(10, 10) == c
		}
	}
	a := playertest.ColorOf("a.mp4")
	eventually(t, "a's first frame", shows(a))
	if firsts != 1 || !s.HasFrame() {
		t.Fatalf("first-frame calls %d, has frame %v", firsts, s.HasFrame())
	}
	p.Advance(2 * time.Second)

	// The visitor touches the screen: the loop stops, and keeps one
	// frame, no spare buffers.
	s.Stop()
	eventually(t, "stopped", func() bool { return p.Current() == "" })
	if n := spareBuffers(s); n != 0 {
		t.Fatalf("a stopped surface keeps %d spare frame buffers", n)
	}

	// Back to attract, on a player slow to give its first frame: the
	// surface goes on showing a's last frame, even when redrawn at a
	// new size, instead of black.
	p.Add("a.mp4", playertest.Media{Duration: time.Minute, NoFrames: true})
	s.Play()
	eventually(t, "a plays again", func() bool { return p.Current() == "a.mp4" })
	w.Resize(fyne.NewSize(640, 360))
	eventually(t, "a redraw at the new size was rendered", func() bool { return spareOfWidth(s, 640) })
	if !shows(a)() || firsts != 1 {
		t.Fatalf("before the new Play's first frame: showing a %v, first-frame calls %d", shows(a)(), firsts)
	}

	// Its first frame comes: on screen at the new size, and told.
	s.Stop()
	p.Add("a.mp4", playertest.Media{Duration: time.Minute})
	s.Play()
	eventually(t, "the new first frame, at the new size", func() bool {
		p.Advance(40 * time.Millisecond) // frames keep coming, as they do from mpv
		img, ok := parts(s).frame.Image.(*image.RGBA)
		return ok && img.Rect.Dx() == 640 && img.RGBAAt(10, 10) == a
	})
	if firsts != 2 {
		t.Fatalf("first-frame calls %d after the second Play with frames, want 2", firsts)
	}
	s.Stop()
}

// spareBuffers counts the frame buffers the surface holds besides the
// one on screen.
func spareBuffers(s *Surface) int {
	n := 0
	for range len(s.frames.free) {
		b := <-s.frames.free
		if b != nil {
			n++
		}
		s.frames.free <- b
	}
	return n
}

// spareOfWidth reports whether a spare buffer is w pixels wide: a render
// at that size happened and was not shown.
func spareOfWidth(s *Surface, w int) bool {
	found := false
	for range len(s.frames.free) {
		b := <-s.frames.free
		found = found || (b != nil && b.Rect.Dx() == w)
		s.frames.free <- b
	}
	return found
}

// renderCounter counts the frames a surface has rendered.
type renderCounter struct {
	*playertest.Player
	n atomic.Int64
}

func (c *renderCounter) Render(dst *image.RGBA) (bool, error) {
	c.n.Add(1)
	return c.Player.Render(dst)
}

// TestRefreshRendersNoFrame: Fyne refreshes a widget for many reasons (a
// theme change, its parent's refresh, the surface's own progress ticks);
// a Refresh only matches the objects to the state and has no frame
// rendered again.
func TestRefreshRendersNoFrame(t *testing.T) {
	app := uitest.NewApp(t)
	p := &renderCounter{Player: playertest.NewPlayer()}
	p.Add("promo.mp4", playertest.Media{Duration: 8 * time.Second})
	s := New(p, []player.Source{{Path: "promo.mp4"}}, Options{Mode: Detail, Poster: poster(), Clock: playertest.NewClock()})
	w := test.NewTempWindow(t, s)
	t.Cleanup(s.Stop)
	w.Resize(fyne.NewSize(640, 360))
	test.Tap(parts(s).bigPlay)
	eventually(t, "a frame on screen", func() bool { return p.Current() == "promo.mp4" && s.HasFrame() })
	app.Wait(300 * time.Millisecond) // the renders asked for so far land
	before := p.n.Load()
	for i := 0; i < 5; i++ {
		s.Refresh()
		app.Wait(60 * time.Millisecond)
	}
	if n := p.n.Load() - before; n != 0 {
		t.Fatalf("5 Refreshes had %d frames rendered", n)
	}
	if !s.Playing() || parts(s).frame.Image != image.Image(s.shown) {
		t.Fatal("the frame on screen is not the one the surface keeps")
	}
}

// TestNoPictureNoImage: until a frame comes, a surface without a poster
// paints no image: Fyne would paint each picture-less image as a
// transparent one of the surface's size (8 MB of texture at 1080p), and
// under a loop that mpv draws into the window none is ever seen.
func TestNoPictureNoImage(t *testing.T) {
	uitest.NewApp(t)
	p := playertest.NewPlayer()
	p.Add("a.mp4", playertest.Media{Duration: time.Second})
	s := New(p, []player.Source{{Path: "a.mp4"}}, Options{Mode: Attract, Clock: playertest.NewClock()})
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(320, 180))
	t.Cleanup(s.Stop)
	images := func() (n int) {
		for _, o := range test.LaidOutObjects(s) {
			if img, ok := o.(*canvas.Image); ok && img.Visible() {
				if img.Image == nil {
					t.Errorf("an image without a picture is painted (%v)", img.Size())
				}
				n++
			}
		}
		return n
	}
	if n := images(); n != 0 {
		t.Fatalf("%d images painted before the first frame, without a poster", n)
	}
	s.Play()
	eventually(t, "a frame is on screen", func() bool { return s.HasFrame() })
	eventually(t, "the frame is painted", func() bool { return images() == 1 })
}
