// Package playertest has a Player that plays in simulated time, for tests
// of everything that drives a player without libmpv.
package playertest

import (
	"errors"
	"fmt"
	"hash/fnv"
	"image"
	"image/color"
	"image/draw"
	"sync"
	"time"

	"showhall/player"
)

// Media is what the fake knows about one file.
type Media struct {
	Duration time.Duration
	FPS      int   // frames a second; 0 means 30
	OpenErr  error // the file fails to open (not a video, truncated...)
	NoFrames bool  // it opens but never shows a frame
	// StallAt freezes playback at this position (0: never).
	StallAt time.Duration
}

// ErrMissing is the failure of a path the fake was not told about.
var ErrMissing = errors.New("playertest: no such file")

// Player is a player.Player that plays in simulated time: Advance moves
// playback on, producing frames, end-of-file and the switch to the queued
// source exactly as the real player does, but instantly and in order.
// Events are buffered, so a test can drain them after each step.
type Player struct {
	mu     sync.Mutex
	media  map[string]Media
	events chan player.Event
	redraw chan struct{}

	cur      *player.Source
	curMedia Media
	queued   *player.Source
	paused   bool
	pos      time.Duration
	frames   uint64 // all frames shown so far
	rendered uint64 // frames at the last Render
	volume   int
	mute     bool
	subs     string
	played   []string
	closed   bool
}

var _ player.Player = (*Player)(nil)

// NewPlayer returns an idle fake player at full volume.
func NewPlayer() *Player {
	return &Player{media: map[string]Media{}, events: make(chan player.Event, 4096),
		redraw: make(chan struct{}, 1), volume: 100}
}

// Add tells the fake about a file.
func (p *Player) Add(path string, m Media) {
	if m.FPS == 0 {
		m.FPS = 30
	}
	p.mu.Lock()
	p.media[path] = m
	p.mu.Unlock()
}

// Played lists the sources that opened and started, in order.
func (p *Player) Played() []string {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]string(nil), p.played...)
}

// Current is the path playing, or "".
func (p *Player) Current() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil {
		return ""
	}
	return p.cur.Path
}

// Queued is the path queued after the current one, or "".
func (p *Player) Queued() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.queued == nil {
		return ""
	}
	return p.queued.Path
}

// Volume and Muted tell the audio settings.
func (p *Player) Volume() int { p.mu.Lock(); defer p.mu.Unlock(); return p.volume }
func (p *Player) Muted() bool { p.mu.Lock(); defer p.mu.Unlock(); return p.mute }

// Subtitles is the subtitle file shown, or "".
func (p *Player) Subtitles() string { p.mu.Lock(); defer p.mu.Unlock(); return p.subs }

// Advance plays d of time.
func (p *Player) Advance(d time.Duration) {
	p.mu.Lock()
	defer p.mu.Unlock()
	for d > 0 && p.cur != nil && !p.paused {
		m := p.curMedia
		end := m.Duration
		if m.StallAt > 0 && m.StallAt < end {
			end = m.StallAt
		}
		step := min(d, end-p.pos)
		if step <= 0 {
			return // stalled
		}
		before := p.frameAt(p.pos)
		p.pos += step
		d -= step
		if !m.NoFrames && p.frameAt(p.pos) != before {
			p.frames += uint64(p.frameAt(p.pos) - before)
			p.signal()
		}
		if p.pos >= m.Duration {
			p.send(player.Ended, nil)
			p.cur = nil
			p.next()
		}
	}
}

func (p *Player) frameAt(pos time.Duration) int64 {
	return int64(pos * time.Duration(p.curMedia.FPS) / time.Second)
}

// start opens src; the caller holds the lock.
func (p *Player) start(src player.Source) {
	m, ok := p.media[src.Path]
	err := m.OpenErr
	if !ok {
		err = ErrMissing
	}
	if err != nil {
		p.events <- player.Event{Kind: player.Failed, Path: src.Path, Err: fmt.Errorf("%s: %w", src.Path, err)}
		p.next()
		return
	}
	p.cur, p.curMedia, p.pos, p.subs = &src, m, 0, src.Subtitles
	p.events <- player.Event{Kind: player.Started, Path: src.Path}
	p.played = append(p.played, src.Path)
	if !m.NoFrames {
		p.frames++ // the first frame shows at once, even paused
		p.signal()
	}
}

// next moves on to the queued source or goes idle.
func (p *Player) next() {
	if q := p.queued; q != nil {
		p.queued = nil
		p.start(*q)
		return
	}
	p.events <- player.Event{Kind: player.Idle}
}

func (p *Player) send(k player.EventKind, err error) {
	p.events <- player.Event{Kind: k, Path: p.cur.Path, Err: err}
}

func (p *Player) signal() {
	select {
	case p.redraw <- struct{}{}:
	default:
	}
}

func (p *Player) Load(src player.Source) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.closed {
		return errors.New("playertest: closed")
	}
	if p.cur != nil {
		p.send(player.Stopped, nil)
		p.cur = nil
	}
	p.rendered = p.frames // as libmpv: no frame left to render from before
	p.queued = nil
	p.start(src)
	return nil
}

func (p *Player) Queue(src player.Source) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil {
		p.start(src)
		return nil
	}
	p.queued = &src
	return nil
}

func (p *Player) Next() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur != nil {
		p.send(player.Stopped, nil)
		p.cur = nil
	}
	p.next()
	return nil
}

func (p *Player) Stop() error {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.queued = nil
	if p.cur != nil {
		p.send(player.Stopped, nil)
		p.cur = nil
		p.events <- player.Event{Kind: player.Idle}
	}
	// libmpv, stopped, draws black and offers no frame, even one that
	// came before the stop and was never rendered.
	p.rendered = p.frames
	p.signal()
	return nil
}

func (p *Player) Play() error  { p.mu.Lock(); p.paused = false; p.mu.Unlock(); return nil }
func (p *Player) Pause() error { p.mu.Lock(); p.paused = true; p.mu.Unlock(); return nil }
func (p *Player) Paused() bool { p.mu.Lock(); defer p.mu.Unlock(); return p.paused }

func (p *Player) Seek(pos time.Duration) error {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil {
		return errors.New("playertest: nothing to seek")
	}
	p.pos = max(0, min(pos, p.curMedia.Duration))
	if !p.curMedia.NoFrames {
		p.frames++
		p.signal()
	}
	return nil
}

func (p *Player) Position() time.Duration { p.mu.Lock(); defer p.mu.Unlock(); return p.pos }

func (p *Player) Duration() time.Duration {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.cur == nil {
		return 0
	}
	return p.curMedia.Duration
}

func (p *Player) SetVolume(v int) error {
	p.mu.Lock()
	p.volume = max(0, min(v, 100))
	p.mu.Unlock()
	return nil
}

func (p *Player) SetMute(m bool) error        { p.mu.Lock(); p.mute = m; p.mu.Unlock(); return nil }
func (p *Player) SetSubtitles(s string) error { p.mu.Lock(); p.subs = s; p.mu.Unlock(); return nil }
func (p *Player) Events() <-chan player.Event { return p.events }
func (p *Player) Redraw() <-chan struct{}     { return p.redraw }
func (p *Player) Frames() uint64              { p.mu.Lock(); defer p.mu.Unlock(); return p.frames }
func (p *Player) Close() error                { p.mu.Lock(); p.closed = true; p.mu.Unlock(); return nil }

// Render fills dst with the colour of the current source (ColorOf), or
// black when nothing plays.
func (p *Player) Render(dst *image.RGBA) (bool, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	c := color.RGBA{A: 255}
	if p.cur != nil && !p.curMedia.NoFrames {
		c = ColorOf(p.cur.Path)
	}
	draw.Draw(dst, dst.Bounds(), image.NewUniform(c), image.Point{}, draw.Src)
	fresh := p.frames != p.rendered
	p.rendered = p.frames
	return fresh, nil
}

// ColorOf is the solid colour the fake renders for a path.
func ColorOf(path string) color.RGBA {
	h := fnv.New32a()
	h.Write([]byte(path))
	v := h.Sum32()
	return color.RGBA{R: 64 + uint8(v)%192, G: 64 + uint8(v>>8)%192, B: 64 + uint8(v>>16)%192, A: 255}
}
