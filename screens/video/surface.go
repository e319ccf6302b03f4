// Package video is the kiosk's video surface: a Fyne widget that shows the
// frames of an player.Player, rendered at the widget's own pixel size
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
	// Clock drives the watchdog (nil: the system clock).
	Clock player.Clock
	Log   *slog.Logger
}

// Surface shows a player's video. Its methods are for the UI goroutine.
type Surface struct {
	widget.BaseWidget
	p     player.Player
	items []player.Source
	o     Options

	frame   *canvas.Image
	poster  *canvas.Image
	bigPlay *bigButton
	bar     *fyne.Container
	pauseB  *widget.Button
	fullB   *widget.Button
	seek    *seekBar
	clock   *canvas.Text

	running    bool // a playlist runs (playing or paused)
	paused     bool
	fullScreen bool
	stop       context.CancelFunc
	gen        int  // playlist generation, so a late end of an old one is ignored
	framed     bool // this Play's first frame is on screen

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
	s := &Surface{p: p, items: items, o: o,
		frame:  canvas.NewImageFromImage(nil),
		poster: canvas.NewImageFromImage(o.Poster),
		resize: make(chan struct{}, 1), frames: newFramePool(frameBuffers)}
	s.frame.FillMode = canvas.ImageFillStretch // already rendered at this size
	s.frame.ScaleMode = canvas.ImageScaleFastest
	s.poster.FillMode = canvas.ImageFillContain
	if o.Mode == Detail {
		s.bigPlay = newBigButton(theme.MediaPlayIcon(), s.Play)
		s.pauseB = widget.NewButtonWithIcon("", theme.MediaPauseIcon(), s.TogglePause)
		s.fullB = widget.NewButtonWithIcon("", theme.ViewFullScreenIcon(), func() { s.SetFullScreen(!s.fullScreen) })
		s.seek = newSeekBar(s.SeekFraction)
		s.clock = canvas.NewText("0:00 / 0:00", color.White) // white on the dark bar, whatever the theme
		s.clock.TextSize = 20
		s.clock.TextStyle.Monospace = true
		touch := fyne.NewSquareSize(64) // about 15 mm on a 24-inch 1080p screen
		s.bar = container.NewStack(canvas.NewRectangle(color.NRGBA{A: 160}),
			container.NewBorder(nil, nil,
				container.NewGridWrap(touch, s.pauseB),
				container.NewHBox(container.NewCenter(s.clock), container.NewGridWrap(touch, s.fullB)),
				s.seek))
		s.bar.Hide()
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
	s.p.Play()
	ctx, cancel := context.WithCancel(context.Background())
	s.running, s.paused, s.stop = true, false, cancel
	s.framed = false
	s.gen++
	gen := s.gen
	loop := player.NewLoop(s.p, s.items, player.LoopOptions{
		Repeat: s.o.Mode == Attract, Clock: s.o.Clock, Log: s.o.Log, OnEvent: s.o.OnEvent})
	go func() {
		err := loop.Run(ctx)
		fyne.Do(func() { s.ended(gen, err) })
	}()
	go s.renderLoop(ctx, gen)
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
// this Play, or the last one of a stopped Play, kept for the next.
func (s *Surface) HasFrame() bool { return s.frame.Image != nil }

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
	if s.fullB != nil {
		if full {
			s.fullB.SetIcon(theme.ViewRestoreIcon())
		} else {
			s.fullB.SetIcon(theme.ViewFullScreenIcon())
		}
	}
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
	if errors.Is(err, player.ErrNothingPlayable) && s.o.OnNothingPlayable != nil {
		s.o.OnNothingPlayable()
	}
}

// showState matches the controls to the state.
func (s *Surface) showState() {
	if s.o.Mode == Slide && !s.running {
		s.poster.Show() // no controls: only the poster comes back
	}
	if s.o.Mode != Detail {
		return
	}
	if s.running {
		s.bigPlay.Hide()
		s.bar.Show()
	} else {
		s.bigPlay.Show()
		s.bar.Hide()
		s.poster.Show()
	}
	if s.paused {
		s.pauseB.SetIcon(theme.MediaPlayIcon())
	} else {
		s.pauseB.SetIcon(theme.MediaPauseIcon())
	}
	s.showProgress()
}

func (s *Surface) showProgress() {
	if s.seek == nil {
		return
	}
	pos, d := s.p.Position(), s.p.Duration()
	if d > 0 {
		s.seek.setProgress(float64(pos) / float64(d))
	} else {
		s.seek.setProgress(0)
	}
	s.clock.Text = clockText(pos) + " / " + clockText(d)
	s.clock.Refresh()
}

// renderLoop renders frames at the widget's pixel size until ctx ends.
// Buffers go round: this goroutine fills one, fyne.Do shows it and gives
// back the one shown before, so the UI never reads a buffer being written.
func (s *Surface) renderLoop(ctx context.Context, gen int) {
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
	if gen != s.gen || (!fresh && !s.framed && s.frame.Image != nil) {
		if gen == s.gen {
			s.frames.put(buf)
		} else {
			s.frames.put(nil) // a stopped Play's: keep no spare
		}
		return
	}
	if old, ok := s.frame.Image.(*image.RGBA); ok {
		s.frames.put(old)
	}
	s.frame.Image = buf
	s.frame.Refresh()
	if fresh && s.running && s.poster.Visible() {
		s.poster.Hide()
	}
	if fresh && !s.framed {
		s.framed = true
		if s.o.OnFirstFrame != nil {
			s.o.OnFirstFrame()
		}
	}
}

func (s *Surface) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(color.Black)
	objs := []fyne.CanvasObject{bg, s.frame, s.poster}
	if s.o.Mode == Detail {
		objs = append(objs, newTapLayer(s.TogglePauseIfRunning), s.bigPlay, s.bar)
	}
	return &surfaceRenderer{s: s, objs: objs}
}

// TogglePauseIfRunning is what a tap on the picture does in Detail mode.
func (s *Surface) TogglePauseIfRunning() {
	if s.running {
		s.TogglePause()
	} else {
		s.Play()
	}
}

type surfaceRenderer struct {
	s    *Surface
	objs []fyne.CanvasObject
}

func (r *surfaceRenderer) Layout(size fyne.Size) {
	for _, o := range r.objs[:3] {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
	s := r.s
	if s.o.Mode == Detail {
		r.objs[3].Resize(size) // the tap layer
		big := s.bigPlay.MinSize()
		s.bigPlay.Resize(big)
		s.bigPlay.Move(fyne.NewPos((size.Width-big.Width)/2, (size.Height-big.Height)/2))
		h := s.bar.MinSize().Height
		s.bar.Resize(fyne.NewSize(size.Width, h))
		s.bar.Move(fyne.NewPos(0, size.Height-h))
	}
	// Render at the size on screen, in pixels.
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(s); c != nil {
		scale = c.Scale()
	}
	s.pixels.Store(pack(int(size.Width*scale), int(size.Height*scale)))
	select {
	case s.resize <- struct{}{}:
	default:
	}
}

func (r *surfaceRenderer) MinSize() fyne.Size           { return fyne.NewSize(160, 90) }
func (r *surfaceRenderer) Refresh()                     { r.Layout(r.s.Size()); canvas.Refresh(r.s) }
func (r *surfaceRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *surfaceRenderer) Destroy()                     {}

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
