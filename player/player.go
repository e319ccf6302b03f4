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
	"slices"
	"strings"
	"time"
)

// Source is one video to play.
type Source struct {
	Path string // a local file
	// Subtitles is a sidecar subtitle file (.srt) in the visitor's
	// language, or "" for none.
	Subtitles string
	// Timeline, when set, makes this source several (see NewTimeline);
	// Path then only names it.
	Timeline *Timeline
}

// Timeline is several sources, each with its own subtitles, that play
// one after the other as one video and start over by themselves at the
// end, on a player that can (TimelinePlayer). Switching files inside one
// playback costs a frame; ending one file and opening the next costs
// three or four (see player/mpv/README.md).
type Timeline struct {
	Parts []Source
}

// NewTimeline makes one source of parts.
func NewTimeline(parts []Source) Source {
	paths := make([]string, len(parts))
	for i, p := range parts {
		paths[i] = p.Path
	}
	return Source{Path: "timeline:" + strings.Join(paths, "|"), Timeline: &Timeline{Parts: slices.Clone(parts)}}
}

// RepeatsByItself reports whether the source starts over by itself: a
// timeline. Nothing is queued after it.
func (s Source) RepeatsByItself() bool { return s.Timeline != nil }

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

// Embedder is a Player that can also draw its video itself into a native
// window (an X11 window id), with a picture over it, so that no frame
// passes through the program: the cheapest way to show a full-window
// loop. Render then draws nothing; Frames still counts frames shown.
type Embedder interface {
	// Embed draws the next items into the window wid, scaled to fill it
	// and letterboxed; 0 goes back to Render. Call it while idle.
	Embed(wid uintptr) error
	// SetOverlay draws parts (premultiplied pictures, each placed in the
	// window by its Rect, in pixels) over the embedded video, replacing
	// the ones before; none takes them away.
	SetOverlay(parts []*image.RGBA) error
}

// OverlayParts cuts a picture that lies over a whole window (transparent
// where the video shows) into at most n bands of rows with something in
// them, each cut to the columns with something in them and copied, placed
// by its Rect: all a player blends into its frames, and all that needs
// keeping (a panel in a corner is kept at its own width, not the window's).
func OverlayParts(img *image.RGBA, n int) []*image.RGBA {
	var bands [][2]int
	w, h := img.Rect.Dx(), img.Rect.Dy()
	for y := 0; y < h; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, img.Rect.Min.Y+y):][:w*4]
		used := false
		for x := 3; x < len(row); x += 4 {
			if row[x] != 0 {
				used = true
				break
			}
		}
		switch {
		case !used:
		case len(bands) > 0 && bands[len(bands)-1][1] == y:
			bands[len(bands)-1][1] = y + 1
		default:
			bands = append(bands, [2]int{y, y + 1})
		}
	}
	for len(bands) > n { // merge the two bands with the smallest gap
		best := 1
		for i := 2; i < len(bands); i++ {
			if bands[i][0]-bands[i-1][1] < bands[best][0]-bands[best-1][1] {
				best = i
			}
		}
		bands[best-1][1] = bands[best][1]
		bands = append(bands[:best], bands[best+1:]...)
	}
	parts := make([]*image.RGBA, 0, len(bands))
	for _, b := range bands {
		x0, x1 := usedColumns(img, img.Rect.Min.Y+b[0], img.Rect.Min.Y+b[1])
		r := image.Rect(x0, img.Rect.Min.Y+b[0], x1, img.Rect.Min.Y+b[1])
		part := image.NewRGBA(r)
		for y := r.Min.Y; y < r.Max.Y; y++ {
			copy(part.Pix[part.PixOffset(r.Min.X, y):][:r.Dx()*4], img.Pix[img.PixOffset(r.Min.X, y):][:r.Dx()*4])
		}
		parts = append(parts, part)
	}
	return parts
}

// usedColumns finds the columns of img between rows y0 and y1 with
// something in them: [x0, x1).
func usedColumns(img *image.RGBA, y0, y1 int) (x0, x1 int) {
	x0, x1 = img.Rect.Max.X, img.Rect.Min.X
	for y := y0; y < y1; y++ {
		row := img.Pix[img.PixOffset(img.Rect.Min.X, y):][:img.Rect.Dx()*4]
		for x := 0; x < img.Rect.Dx(); x++ {
			if row[x*4+3] != 0 {
				x0 = min(x0, img.Rect.Min.X+x)
				x1 = max(x1, img.Rect.Min.X+x+1)
			}
		}
	}
	return x0, x1
}

// ErrNothingPlayable is returned by Loop.Run when every source failed: the
// kiosk shows its picture slideshow instead.
var ErrNothingPlayable = errors.New("player: no playable video")

// Durations the watchdog uses unless told otherwise.
const (
	DefaultFirstFrame = 5 * time.Second
	DefaultStall      = 10 * time.Second
)

// TimelinePlayer is a Player that plays a timeline (Source.Parts) as one
// video: its parts switch with no more than a frame's pause, and it
// starts over by itself at its end.
type TimelinePlayer interface {
	PlaysTimelines() bool
}
