package player

import (
	"errors"
	"time"
)

// Why the watchdog gave up on a source.
var (
	ErrNoFirstFrame = errors.New("player: no frame shown in time")
	ErrStalled      = errors.New("player: video stalled")
)

// Watchdog decides whether the current source is stuck: no first frame
// within FirstFrame of the start, or, once frames show, neither a new frame
// nor a move of the position for Stall. Time spent paused does not count.
// It holds no clock; the caller passes the time in.
type Watchdog struct {
	FirstFrame time.Duration // 0 means DefaultFirstFrame
	Stall      time.Duration // 0 means DefaultStall

	armed     bool
	seenFrame bool
	frames    uint64
	pos       time.Duration
	since     time.Time // when the last progress (or the start) was seen
}

// Arm starts watching a source that begins at now.
func (w *Watchdog) Arm(now time.Time, frames uint64, pos time.Duration) {
	*w = Watchdog{FirstFrame: w.FirstFrame, Stall: w.Stall,
		armed: true, frames: frames, pos: pos, since: now}
}

// Disarm stops watching until the next Arm.
func (w *Watchdog) Disarm() { w.armed = false }

// Check returns ErrNoFirstFrame or ErrStalled when the source is stuck, and
// then disarms itself.
func (w *Watchdog) Check(now time.Time, frames uint64, pos time.Duration, paused bool) error {
	if !w.armed {
		return nil
	}
	newFrame := frames != w.frames
	if newFrame {
		w.seenFrame = true
	}
	// Only frames count before the first one: audio alone moves the
	// position of a video whose pictures cannot be decoded.
	progress := newFrame || (w.seenFrame && pos != w.pos)
	if progress || paused {
		w.frames, w.pos, w.since = frames, pos, now
		return nil
	}
	waited := now.Sub(w.since)
	switch {
	case !w.seenFrame && waited >= or(w.FirstFrame, DefaultFirstFrame):
		w.armed = false
		return ErrNoFirstFrame
	case w.seenFrame && waited >= or(w.Stall, DefaultStall):
		w.armed = false
		return ErrStalled
	}
	return nil
}

func or(d, def time.Duration) time.Duration {
	if d > 0 {
		return d
	}
	return def
}
