// Package video is the kiosk's video surface: a Fyne widget that shows the
// frames of a player.Player, rendered at the widget's own pixel size
// on a goroutine of its own and handed to Fyne only through fyne.Do. It
// depends on the Player interface alone, so its tests (and every screen
// test) build without libmpv.
package video

import (
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"log/slog"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/player"
)

// Mode picks what the surface is for.
type Mode int

const (
	// Attract loops its sources gaplessly and muted, with no controls;
	// taps fall through to the screen below.
	Attract Mode = iota
	// Detail shows a poster with a large play button, then plays its
	// sources once with sound, with pause, seek and full-screen controls.
	Detail
	// Slide plays its sources once with sound, like Detail, but with no
	// controls at all: the poster until the first frame and again at the
	// end or Stop, and taps fall through as in Attract. It is for a
	// screen someone else drives, such as a talk's projector, which the
	// presenter drives with keys.
	Slide
)

// Options configure a Surface.
type Options struct {
	Mode Mode
	// Poster is shown until the first frame and after the end or Stop
	// (Detail and Slide).
	Poster image.Image
	// Volume is the hall volume for Detail and Slide, 0-100 (0 means 100).
	Volume int
	// OnFullScreen is told when the visitor toggles full screen; the
	// screen that holds the surface resizes it.
	OnFullScreen func(full bool)
	// OnEvent hears the playlist's events (started, finished, skipped),
	// for statistics. It runs on a goroutine of its own.
	OnEvent func(player.LoopEvent)
	// OnFirstFrame is called (on the UI goroutine) when the first frame
	// of a Play is on screen: the attract screen uncovers the loop then.
	OnFirstFrame func()
	// OnNothingPlayable is called (on the UI goroutine) when no source
	// plays: the attract screen falls back to its picture slideshow.
	OnNothingPlayable func()
	// Embed (Attract mode) lets a player that can (player.Embedder) draw
	// the video itself into the surface's native window, which the
	// surface then fills whole: no frame passes through the program, and
	// what lies over the video goes to the player as an overlay picture
	// (SetOverlay). Where the window has no native handle (Fyne's test
	// driver, a non-X11 desktop) frames are rendered as without it.
	Embed bool
	// Clock drives the watchdog (nil: the system clock).
	Clock player.Clock
	Log   *slog.Logger
}

// Surface shows a player's video. Its methods are for the UI goroutine.
// The widget keeps the playback state and the frame to show; its
// renderer owns the canvas objects and the controls, and matches them to
// that state.
type Surface struct {
	widget.BaseWidget
	p     player.Player
	items []player.Source
	o     Options

	running    bool // a playlist runs (playing or paused)
	paused     bool
	fullScreen bool
	stop       context.CancelFunc
	gen        int  // playlist generation, so a late end of an old one is ignored
	framed     bool // this Play's first frame is on screen
	native     bool // this Play's video is drawn by the player into the window
	// timelineOK: the attract loop's videos may play as one timeline
	// (on a player that can: a frame between clips instead of three or
	// four where the player draws into the window); asTimeline: this
	// Play does.
	timelineOK, asTimeline bool

	shown    *image.RGBA   // the frame on screen, nil before the first
	posterUp bool          // the poster lies over the frame
	pos, dur time.Duration // playback progress, for the control bar

	pixels atomic.Uint64 // the frame size in pixels, w<<32|h
	resize chan struct{} // asks the render goroutine for a redraw
	frames framePool
}

// New makes a surface for p that plays items. Nothing plays before Play
// (or a tap on the play button).
func New(p player.Player, items []player.Source, o Options) *Surface {
	if o.Log == nil {
		o.Log = slog.Default()
	}
	s := &Surface{p: p, items: items, o: o, posterUp: true,
		resize: make(chan struct{}, 1), frames: newFramePool(frameBuffers)}
	if tp, ok := p.(player.TimelinePlayer); ok && o.Mode == Attract {
		s.timelineOK = tp.PlaysTimelines()
	}
	s.ExtendBaseWidget(s)
	return s
}

// Playing reports whether video is playing (not paused, not stopped).
func (s *Surface) Playing() bool { return s.running && !s.paused }

// FullScreen reports whether the visitor asked for full screen.
func (s *Surface) FullScreen() bool { return s.fullScreen }

// Play starts the playlist, or resumes it when paused.
func (s *Surface) Play() {
	if s.running {
		s.paused = false
		s.p.Play()
		s.showState()
		return
	}
	if s.o.Mode == Attract {
		s.p.SetMute(true)
	} else {
		s.p.SetMute(false)
		s.p.SetVolume(volume(s.o.Volume))
	}
	s.native = false
	if s.o.Mode == Attract && s.o.Embed {
		s.native = s.embed()
	} else if e, ok := s.p.(player.Embedder); ok && s.o.Mode == Attract {
		// A player an earlier loop had draw into the window goes back
		// to frames, without the words it was handed: this loop's video
		// lies under the window's own.
		if err := e.SetOverlay(nil); err != nil {
			s.o.Log.Warn("video: cannot take the words off the video", "err", err)
		}
		if err := e.Embed(0); err != nil {
			s.o.Log.Warn("video: cannot go back to rendering frames", "err", err)
		}
	}
	s.p.Play()
	ctx, cancel := context.WithCancel(context.Background())
	s.running, s.paused, s.stop = true, false, cancel
	s.framed = false
	s.gen++
	gen := s.gen
	items := s.items
	s.asTimeline = s.timelineOK && len(items) > 0
	if s.asTimeline {
		items = []player.Source{player.NewTimeline(items)}
	}
	loop := player.NewLoop(s.p, items, player.LoopOptions{
		Repeat: s.o.Mode == Attract, Clock: s.o.Clock, Log: s.o.Log, OnEvent: s.o.OnEvent})
	go func() {
		err := loop.Run(ctx)
		fyne.Do(func() { s.ended(gen, err) })
	}()
	go s.renderLoop(ctx, gen, s.native, s.p.Frames())
	s.showState()
}

// Pause holds the current frame.
func (s *Surface) Pause() {
	if s.running && !s.paused {
		s.paused = true
		s.p.Pause()
		s.showState()
	}
}

// TogglePause pauses a playing video and resumes a paused one.
func (s *Surface) TogglePause() {
	if s.paused {
		s.Play()
	} else {
		s.Pause()
	}
}

// Stop ends playback and shows the poster again: leaving the page and the
// idle reset call it.
func (s *Surface) Stop() {
	if !s.running {
		return
	}
	s.stop() // Run stops the player as it returns
	s.running, s.paused = false, false
	s.gen++
	s.frames.release() // the frame on screen stays; the spare buffers go
	s.showState()
}

// HasFrame reports whether a video frame is on the surface: one from
// this Play, or the last one of a stopped Play, kept for the next. An
// embedded player's window goes with its Play, and its frames with it.
func (s *Surface) HasFrame() bool {
	if s.native {
		return s.running && s.framed
	}
	return s.shown != nil
}

// Embedded reports whether the player draws this Play's video into the
// window itself: what lies over the video must then reach it through
// SetOverlay.
func (s *Surface) Embedded() bool { return s.native && s.running }

// SetOverlay hands what lies over the video (premultiplied pictures
// placed by their Rect in the window, in pixels; see
// player.OverlayParts) to a player that draws into the window itself.
func (s *Surface) SetOverlay(parts []*image.RGBA) {
	if !s.Embedded() {
		return
	}
	if err := s.p.(player.Embedder).SetOverlay(parts); err != nil {
		s.o.Log.Warn("video: the words over the video cannot be shown", "err", err)
	}
}

// embed has the player draw into the surface's window, if it can and the
// window has an X11 handle; false means frames come through Render.
func (s *Surface) embed() bool {
	e, ok := s.p.(player.Embedder)
	if !ok {
		return false
	}
	wid := s.windowID()
	if err := e.Embed(wid); err != nil {
		s.o.Log.Warn("video: cannot draw into the window; rendering frames instead", "err", err)
		e.Embed(0)
		return false
	}
	return wid != 0
}

// windowID is the X11 handle of the window the surface is in (or, before
// it is placed, of the app's only window); 0 when there is none.
func (s *Surface) windowID() uintptr {
	app := fyne.CurrentApp()
	if app == nil {
		return 0
	}
	wins := app.Driver().AllWindows()
	c := app.Driver().CanvasForObject(s)
	var win fyne.Window
	for _, w := range wins {
		if w.Canvas() == c || (c == nil && len(wins) == 1) {
			win = w
		}
	}
	nw, ok := win.(driver.NativeWindow)
	if !ok {
		return 0
	}
	var id uintptr
	nw.RunNative(func(ctx any) {
		if x, ok := ctx.(driver.X11WindowContext); ok {
			id = x.WindowHandle
		}
	})
	return id
}

// SeekFraction jumps to a fraction (0-1) of the current video.
func (s *Surface) SeekFraction(f float64) {
	d := s.p.Duration()
	if !s.running || d <= 0 {
		return
	}
	if err := s.p.Seek(time.Duration(clamp01(f) * float64(d))); err != nil {
		s.o.Log.Warn("video: seek failed", "err", err)
	}
	s.showProgress()
}

// SetFullScreen records the visitor's choice and tells the screen.
func (s *Surface) SetFullScreen(full bool) {
	if s.fullScreen == full {
		return
	}
	s.fullScreen = full
	s.Refresh()
	if s.o.OnFullScreen != nil {
		s.o.OnFullScreen(full)
	}
}

// ended runs on the UI goroutine when a playlist's Run returns.
func (s *Surface) ended(gen int, err error) {
	if gen != s.gen {
		return // an earlier playlist, stopped already
	}
	s.stop() // ends the render goroutine, which would take the next Play's frames
	s.gen++
	s.frames.release()
	s.running, s.paused = false, false
	s.showState()
	if errors.Is(err, player.ErrNothingPlayable) && s.asTimeline {
		// One file of the timeline cannot be read: the loop plays them
		// one by one instead, and skips that one.
		s.o.Log.Warn("video: the promos play one after the other, with a short pause between them, as one of them cannot be read")
		s.timelineOK = false
		s.Play()
		return
	}
	if errors.Is(err, player.ErrNothingPlayable) && s.o.OnNothingPlayable != nil {
		s.o.OnNothingPlayable()
	}
}

// showState brings the poster back when nothing plays (Detail and Slide)
// and has the renderer match the controls to the state.
func (s *Surface) showState() {
	if s.o.Mode != Attract && !s.running {
		s.posterUp = true
	}
	s.readProgress()
	s.Refresh()
}

// showProgress updates the control bar's progress, if it moved.
func (s *Surface) showProgress() {
	if s.readProgress() {
		s.Refresh()
	}
}

// readProgress reads how far the video is (Detail mode: the control bar
// shows it) and reports whether that changed.
func (s *Surface) readProgress() bool {
	if s.o.Mode != Detail {
		return false
	}
	pos, dur := s.p.Position(), s.p.Duration()
	changed := pos != s.pos || dur != s.dur
	s.pos, s.dur = pos, dur
	return changed
}

// renderLoop renders frames at the widget's pixel size until ctx ends.
// Buffers go round: this goroutine fills one, fyne.Do shows it and gives
// back the one shown before, so the UI never reads a buffer being written.
// An embedded player draws itself: the loop then only waits for the
// first frame after the count it had (frames0).
func (s *Surface) renderLoop(ctx context.Context, gen int, native bool, frames0 uint64) {
	progress := time.NewTicker(250 * time.Millisecond)
	defer progress.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-progress.C:
			if s.o.Mode == Detail {
				fyne.Do(func() {
					if s.running {
						s.showProgress()
					}
				})
			}
			continue
		case <-s.p.Redraw():
		case <-s.resize:
		}
		if ctx.Err() != nil {
			return // stopped: a frame rendered now belongs to the next Play
		}
		if native {
			// The player draws; only its first frame matters here.
			if s.p.Frames() > frames0 {
				fyne.Do(func() { s.nativeFrame(gen) })
				<-ctx.Done()
				return
			}
			continue
		}
		w, h := unpack(s.pixels.Load())
		if w == 0 || h == 0 {
			continue
		}
		buf := s.frames.get(ctx, w, h)
		if buf == nil {
			return
		}
		fresh, err := s.p.Render(buf)
		if err != nil {
			s.o.Log.Warn("video: render failed", "err", err)
			s.frames.put(buf)
			continue
		}
		fyne.Do(func() { s.show(buf, fresh, gen) })
	}
}

// show puts a rendered buffer on screen (UI goroutine), unless it would
// replace a frame with nothing: mpv draws black between a Play and its
// first frame and once stopped, so a surface kept across Plays goes on
// showing its last frame then.
func (s *Surface) show(buf *image.RGBA, fresh bool, gen int) {
	if gen != s.gen || (!fresh && !s.framed && s.shown != nil) {
		if gen == s.gen {
			s.frames.put(buf)
		} else {
			s.frames.put(nil) // a stopped Play's: keep no spare
		}
		return
	}
	if s.shown != nil {
		s.frames.put(s.shown)
	}
	s.shown = buf
	if fresh && s.running {
		s.posterUp = false
	}
	s.Refresh()
	if fresh && !s.framed {
		s.framed = true
		if s.o.OnFirstFrame != nil {
			s.o.OnFirstFrame()
		}
	}
}

// nativeFrame notes an embedded player's first frame (UI goroutine).
func (s *Surface) nativeFrame(gen int) {
	if gen != s.gen || s.framed {
		return
	}
	s.framed = true
	if s.o.OnFirstFrame != nil {
		s.o.OnFirstFrame()
	}
}

func (s *Surface) CreateRenderer() fyne.WidgetRenderer {
	r := &surfaceRenderer{s: s,
		frame:  canvas.NewImageFromImage(nil),
		poster: canvas.NewImageFromImage(s.o.Poster),
	}
	r.frame.FillMode = canvas.ImageFillStretch // already rendered at this size
	r.frame.ScaleMode = canvas.ImageScaleFastest
	r.poster.FillMode = canvas.ImageFillContain
	r.objs = []fyne.CanvasObject{canvas.NewRectangle(color.Black), r.frame, r.poster}
	if s.o.Mode == Detail {
		r.bigPlay = newBigButton(theme.MediaPlayIcon(), s.Play)
		r.pauseB = widget.NewButtonWithIcon("", theme.MediaPauseIcon(), s.TogglePause)
		r.fullB = widget.NewButtonWithIcon("", theme.ViewFullScreenIcon(), func() { s.SetFullScreen(!s.fullScreen) })
		r.seek = newSeekBar(s.SeekFraction)
		r.clock = canvas.NewText("0:00 / 0:00", color.White) // white on the dark bar, whatever the theme
		r.clock.TextSize = 20
		r.clock.TextStyle.Monospace = true
		touch := fyne.NewSquareSize(64) // about 15 mm on a 24-inch 1080p screen
		r.bar = container.NewStack(canvas.NewRectangle(color.NRGBA{A: 160}),
			container.NewBorder(nil, nil,
				container.NewGridWrap(touch, r.pauseB),
				container.NewHBox(container.NewCenter(r.clock), container.NewGridWrap(touch, r.fullB)),
				r.seek))
		r.bar.Hide()
		r.objs = append(r.objs, newTapLayer(s.TogglePauseIfRunning), r.bigPlay, r.bar)
	}
	r.Refresh()
	return r
}

// TogglePauseIfRunning is what a tap on the picture does in Detail mode.
func (s *Surface) TogglePauseIfRunning() {
	if s.running {
		s.TogglePause()
	} else {
		s.Play()
	}
}

// surfaceRenderer owns the surface's canvas objects: the black ground,
// the frame, the poster, and in Detail mode the tap layer, the big play
// button and the control bar.
type surfaceRenderer struct {
	s      *Surface
	objs   []fyne.CanvasObject
	frame  *canvas.Image
	poster *canvas.Image

	bigPlay *bigButton
	bar     *fyne.Container
	pauseB  *widget.Button
	fullB   *widget.Button
	seek    *seekBar
	clock   *canvas.Text
	// what the controls show, so Refresh changes them only when it differs
	pausedIcon, fullIcon bool
	pos, dur             time.Duration
}

func (r *surfaceRenderer) Layout(size fyne.Size) {
	for _, o := range r.objs[:3] {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	s := r.s
	if s.o.Mode == Detail {
		r.objs[3].Resize(size) // the tap layer
		big := r.bigPlay.MinSize()
		r.bigPlay.Resize(big)
		r.bigPlay.Move(fyne.NewPos((size.Width-big.Width)/2, (size.Height-big.Height)/2))
		h := r.bar.MinSize().Height
		r.bar.Resize(fyne.NewSize(size.Width, h))
		r.bar.Move(fyne.NewPos(0, size.Height-h))
	}
	// Render at the size on screen, in pixels.
	s.pixels.Store(r.pixelSize(size))
	select {
	case s.resize <- struct{}{}:
	default:
	}
}

// pixelSize is size in the screen's pixels, packed.
func (r *surfaceRenderer) pixelSize(size fyne.Size) uint64 {
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.s); c != nil {
		scale = c.Scale()
	}
	return pack(int(size.Width*scale), int(size.Height*scale))
}

// Refresh matches the objects to the surface's state. It runs for every
// video frame, so it changes only what differs: most of the time the
// frame alone.
func (r *surfaceRenderer) Refresh() {
	s := r.s
	var img image.Image
	if s.shown != nil {
		img = s.shown
	}
	if r.frame.Image != img {
		r.frame.Image = img
		r.frame.Refresh()
	}
	// Fyne paints an image without a picture as a transparent one of the
	// surface's size: 8 MB of texture at 1080p for nothing, twice over
	// under a loop that mpv draws into the window itself.
	setVisible(r.frame, img != nil)
	setVisible(r.poster, s.posterUp && s.o.Poster != nil)
	if s.o.Mode == Detail {
		setVisible(r.bigPlay, !s.running)
		setVisible(r.bar, s.running)
		r.refreshControls()
	}
	// A new screen scale (the window moved to another monitor) needs
	// frames of another pixel size.
	if px := r.pixelSize(s.Size()); px != s.pixels.Load() && s.Size().Width > 0 {
		s.pixels.Store(px)
		select {
		case s.resize <- struct{}{}:
		default:
		}
	}
}

// refreshControls matches the control bar to the state (Detail mode).
func (r *surfaceRenderer) refreshControls() {
	s := r.s
	if r.pausedIcon != s.paused {
		r.pausedIcon = s.paused
		if s.paused {
			r.pauseB.SetIcon(theme.MediaPlayIcon())
		} else {
			r.pauseB.SetIcon(theme.MediaPauseIcon())
		}
	}
	if r.fullIcon != s.fullScreen {
		r.fullIcon = s.fullScreen
		if s.fullScreen {
			r.fullB.SetIcon(theme.ViewRestoreIcon())
		} else {
			r.fullB.SetIcon(theme.ViewFullScreenIcon())
		}
	}
	if r.pos == s.pos && r.dur == s.dur {
		return
	}
	r.pos, r.dur = s.pos, s.dur
	if s.dur > 0 {
		r.seek.setProgress(float64(s.pos) / float64(s.dur))
	} else {
		r.seek.setProgress(0)
	}
	r.clock.Text = clockText(s.pos) + " / " + clockText(s.dur)
	r.clock.Refresh()
}

func (r *surfaceRenderer) MinSize() fyne.Size           { return fyne.NewSize(160, 90) }
func (r *surfaceRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *surfaceRenderer) Destroy()                     {}

// setVisible shows or hides o, if it is not so already.
func setVisible(o fyne.CanvasObject, visible bool) {
	switch {
	case visible && !o.Visible():
		o.Show()
	case !visible && o.Visible():
		o.Hide()
	}
}

func pack(w, h int) uint64       { return uint64(uint32(w))<<32 | uint64(uint32(h)) }
func unpack(v uint64) (int, int) { return int(v >> 32), int(uint32(v)) }

func volume(v int) int {
	if v <= 0 {
		return 100
	}
	return min(v, 100)
}

func clockText(d time.Duration) string {
	sec := int(d.Round(time.Second) / time.Second)
	return fmt.Sprintf("%d:%02d", sec/60, sec%60)
}
