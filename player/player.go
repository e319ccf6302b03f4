// Package player holds what the kiosk needs from a video player without
// depending on any real one: the Player interface that a video surface
// drives, the Loop that plays a list of sources gaplessly and skips broken
// ones, and the Watchdog that notices videos that never show a frame or
// stall. The libmpv implementation lives in player/mpv; a fake that
// really plays (in simulated time) lives in player/playertest, so the
// rest of the project is tested without libmpv.
package player

import (
	"errors"
	"image"
	"time"
)

// Source is one video to play.
type Source struct {
	Path string // a local file
	// Subtitles is a sidecar subtitle file (.srt) in the visitor's
	// language, or "" for none.
	Subtitles string
}

// EventKind says what happened to a source.
type EventKind int

const (
	// Started: the source opened and begins to play. A source that cannot
	// be opened reports Failed only.
	Started EventKind = iota + 1
	// Ended: the source played to its end.
	Ended
	// Failed: the source could not be played (missing, truncated, not a
	// video, unsupported codec); Event.Err says why.
	Failed
	// Stopped: the source was cut short by Load, Next or Stop.
	Stopped
	// Idle: nothing is playing and nothing is queued.
	Idle
)

func (k EventKind) String() string {
	switch k {
	case Started:
		return "started"
	case Ended:
		return "ended"
	case Failed:
		return "failed"
	case Stopped:
		return "stopped"
	case Idle:
		return "idle"
	}
	return "unknown"
}

// Event is something the player reports, in the order it happened.
type Event struct {
	Kind EventKind
	Path string // the source's path; "" for Idle
	Err  error  // for Failed
}

// Player is one long-lived video surface's player. Its methods may be
// called from any goroutine. Load and Queue keep the paused state: Pause
// then Load opens the source and holds its first frame (a poster frame).
type Player interface {
	// Load drops whatever plays or is queued and opens src.
	Load(src Source) error
	// Queue sets the source that plays right after the current one, with
	// no teardown in between (the player opens it ahead of time). It
	// replaces an earlier queued source; when the player is idle it starts
	// src at once.
	Queue(src Source) error
	// Next ends the current source now and moves on to the queued one.
	Next() error
	// Stop ends playback and forgets the queue.
	Stop() error

	Play() error
	Pause() error
	Paused() bool
	Seek(pos time.Duration) error
	Position() time.Duration
	Duration() time.Duration

	// SetVolume sets the volume in percent (0-100).
	SetVolume(percent int) error
	SetMute(mute bool) error
	// SetSubtitles shows a sidecar subtitle file over the current source;
	// "" hides subtitles.
	SetSubtitles(path string) error

	// Events delivers what happened to the sources, in order. Someone must
	// keep reading it (Loop.Run does).
	Events() <-chan Event
	// Redraw is signalled, without blocking and coalesced, when the
	// surface should call Render.
	Redraw() <-chan struct{}
	// Render draws the current frame scaled to fit dst (letterboxed in
	// black) and reports whether it is a frame not rendered before.
	Render(dst *image.RGBA) (newFrame bool, err error)
	// Frames counts the new frames shown so far; the watchdog watches it.
	Frames() uint64

	// Close releases the player; it must not be used afterwards.
	Close() error
}

// ErrNothingPlayable is returned by Loop.Run when every source failed: the
// kiosk shows its picture slideshow instead.
var ErrNothingPlayable = errors.New("player: no playable video")

// Durations the watchdog uses unless told otherwise.
const (
	DefaultFirstFrame = 5 * time.Second
	DefaultStall      = 10 * time.Second
)
