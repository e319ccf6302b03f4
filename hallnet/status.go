// Package hallnet is a screen's place on the hall's local network: the
// small read-only endpoint every kiosk serves (its status as JSON, a
// screenshot as PNG), and reading the other screens' endpoints to see
// the whole hall from one place. It knows no Fyne and no database: app/
// hands it the screen's facts through the Screen interface.
//
// Reading a status needs no key, so a status holds nothing a visitor
// did or typed: only what the screen shows in general terms.
package hallnet

import (
	"time"
)

// DefaultPort is where a kiosk serves its hall endpoint unless told
// otherwise (showhall kiosk --hall-listen HOST:PORT).
const DefaultPort = 7470

// Paths of the hall endpoint.
const (
	PathStatus     = "/hall/v1/status"
	PathScreenshot = "/hall/v1/screenshot.png"
	// PathFeed is where a screen passes its catalogue on, in the signed
	// feed format (store/feed.PeerHandler): PathFeed+"manifest.json", ...
	PathFeed = "/hall/v1/feed/"
)

// StuckAfter is how long a screen may go without drawing a frame before
// it is reported stuck. The kiosk draws a heartbeat frame every couple
// of seconds (and the attract loop far more often), so a UI loop that
// hangs is seen within this time.
const StuckAfter = 15 * time.Second

// Status is what a screen says about itself.
type Status struct {
	Name    string `json:"name"`
	ID      string `json:"id"`
	Version string `json:"version"` // showhall's own version
	// Now is the screen's clock when it answered: ages are measured on
	// the screen itself, so a laptop whose clock is off judges right.
	Now           time.Time `json:"now"`
	Started       time.Time `json:"started"`
	UptimeSeconds int64     `json:"uptime_seconds"`

	Catalogue Catalogue `json:"catalogue"`
	Season    *Season   `json:"season,omitempty"` // the season on screen; nil: the whole catalogue shows
	// Screen is what the screen shows: attract, home, browse, project,
	// console (the curator's, behind the PIN) or pin (the PIN pad).
	Screen  string `json:"screen"`
	Display string `json:"display"` // "on" or "off" (asleep)

	// LastFrame is when the screen last drew a frame; Stuck is set when
	// that is more than StuckAfter ago (or never).
	LastFrame       time.Time `json:"last_frame"`
	FrameAgeSeconds float64   `json:"frame_age_seconds"`
	Stuck           bool      `json:"stuck"`

	LastSync      *SyncResult `json:"last_sync,omitempty"` // nil: never synced nor imported
	DiskFree      uint64      `json:"disk_free_bytes"`     // 0: unknown
	MediaProblems []string    `json:"media_problems"`      // missing or refused pictures and videos
	EventsWaiting int         `json:"events_waiting"`      // visitor statistics not yet uploaded; -1 unknown
	// Video is the attract loop's playback since the kiosk started; nil:
	// no video player (pictures only).
	Video *Playback `json:"video,omitempty"`

	// Notices are the signed notices the screen holds that have not
	// ended (withdrawals too), and HoursSigned when its opening hours
	// were signed (zero: never): a screen holding older versions takes
	// them from PathDocuments.
	Notices     []DocumentVersion `json:"notices,omitempty"`
	HoursSigned time.Time         `json:"hours_signed,omitzero"`

	// Spread is how this screen takes part in passing catalogues on.
	Spread *Spread `json:"spread,omitempty"`

	// Peers are the addresses of the other screens this one knows
	// (HOST:PORT), so that asking one screen finds the hall.
	Peers []string `json:"peers,omitempty"`
}

// Playback is what a video player did: a screen that drops frames
// cannot keep up with its promos (no hardware decoder, clips too large).
type Playback struct {
	Decoder string `json:"decoder,omitempty"` // as the log names it: "h264 (software)"
	Frames  uint64 `json:"frames"`            // frames shown
	Dropped uint64 `json:"dropped"`           // frames dropped to keep time
}

// Catalogue is the catalogue a screen uses.
type Catalogue struct {
	Version string `json:"version"`
	// Signer is the fingerprint of the key that signed it; empty for the
	// demo catalogue or one from no signed feed.
	Signer     string    `json:"signer,omitempty"`
	Signed     time.Time `json:"signed,omitzero"` // the signed publish time: what "newer" means
	ValidUntil time.Time `json:"valid_until,omitzero"`
	Stale      bool      `json:"stale"` // past its signed validity: still shown, flagged
	Projects   int       `json:"projects"`
	// Content is the sha256 of its signed manifest: two screens with the
	// same content have the same catalogue, byte for byte.
	Content string `json:"content,omitempty"`
	// PassedOn says the screen serves this catalogue at PathFeed for the
	// others to take.
	PassedOn bool `json:"passed_on"`
}

// Spread is a screen's part in passing a new catalogue through the hall.
type Spread struct {
	// Serving is how many media downloads it serves now (at most
	// spread.Slots): the others ask the least busy screen.
	Serving int `json:"serving"`
	// UploadedBytes is what it has served of its catalogues since it
	// started.
	UploadedBytes int64 `json:"uploaded_bytes"`
	// Taking is the content (Catalogue.Content) of a newer catalogue it
	// is fetching from the hall: the files it has verified already it
	// serves onward before it has them all.
	Taking string `json:"taking,omitempty"`
}

// Season is the rotation a screen shows.
type Season struct {
	ID   string `json:"id"`
	Name string `json:"name"`
}

// SyncResult is the last time the screen brought its catalogue up to
// date (a sync or an import), and how it went.
type SyncResult struct {
	LastSuccess time.Time `json:"last_success,omitzero"`
	LastError   string    `json:"last_error,omitempty"`
	LastErrorAt time.Time `json:"last_error_at,omitzero"`
}

// Failing reports whether the last attempt failed.
func (r *SyncResult) Failing() bool {
	return r != nil && r.LastError != "" && r.LastErrorAt.After(r.LastSuccess)
}

// At sets Now, the frame age and Stuck as the endpoint does when it
// answers: for the screen's own use of its status (its health report).
func (s *Status) At(now time.Time) {
	s.Now = now
	s.markStuck()
}

// markStuck sets the frame age and Stuck from LastFrame and Now.
func (s *Status) markStuck() {
	if s.LastFrame.IsZero() {
		s.Stuck = true
		s.FrameAgeSeconds = -1
		return
	}
	age := s.Now.Sub(s.LastFrame)
	s.FrameAgeSeconds = age.Round(time.Millisecond).Seconds()
	s.Stuck = age > StuckAfter
}
