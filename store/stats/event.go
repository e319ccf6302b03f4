// Package stats is the visitor statistics of the hall: the anonymous event
// the kiosk records, and pure aggregation over a list of them (opens,
// dwell, video completion, daily opens, comparing two rotations, CSV).
// It imports neither bbolt nor Fyne; the store keeps the events.
package stats

import (
	"crypto/rand"
	"encoding/binary"
	"encoding/hex"
	"time"
)

// Kind says what a visitor did.
type Kind string

// The kinds of events a kiosk records.
const (
	ExhibitOpened Kind = "exhibit_opened" // a project's page was opened
	ExhibitDwell  Kind = "exhibit_dwell"  // a project's page was left; Value is the time on it in ms
	VideoStarted  Kind = "video_started"
	VideoFinished Kind = "video_finished" // played to the end
	VideoSkipped  Kind = "video_skipped"  // could not be played (missing, damaged, stalled): a file to fix
	Search        Kind = "search"         // Value is the query length in characters
	Language      Kind = "language"       // Lang is the language chosen
	IdleReset     Kind = "idle_reset"     // the kiosk reset itself for the next visitor
	// Summary stands for many older events of one kind, project and day
	// that were folded together because the outbox grew over its bound
	// (see store.DB.SummariseOutbox). Of says which kind, Count how many,
	// Value the sum of their values.
	Summary Kind = "summary"
)

// Event is one anonymous thing a visitor did. Nothing in it says who:
// no face, no card, no free text. A search records only the length of the
// query, never its text, because the on-screen keyboard can be used to
// type a name or a phone number.
type Event struct {
	// ID is unique across every kiosk (128 random-ish bits, see NewID),
	// so the portal can drop an event it has already counted when an
	// upload is retried.
	ID       string    `json:"id"`
	Kind     Kind      `json:"kind"`
	Time     time.Time `json:"time"` // UTC
	Project  string    `json:"project,omitempty"`
	Theme    string    `json:"theme,omitempty"`    // the project's first theme, so theme figures survive catalogue changes
	Rotation string    `json:"rotation,omitempty"` // the rotation the hall showed
	Lang     string    `json:"lang,omitempty"`     // the visitor's language at the time
	Value    int64     `json:"value,omitempty"`    // dwell ms, query length; a Summary's sum
	Of       Kind      `json:"of,omitempty"`       // Summary only: the kind summarised
	Count    int64     `json:"count,omitempty"`    // Summary only: how many events
	Health   *Health   `json:"health,omitempty"`   // ScreenHealth only
}

// Weight is how many visitor actions the event stands for.
func (e *Event) Weight() int64 {
	if e.Kind == Summary {
		return e.Count
	}
	return 1
}

// Is reports whether the event is, or summarises, events of kind k.
func (e *Event) Is(k Kind) bool {
	return e.Kind == k || (e.Kind == Summary && e.Of == k)
}

// NewID makes an event id: 16 hex digits of the time in nanoseconds then
// 16 random hex digits. Time first keeps ids in roughly the order events
// happened (the outbox sends the oldest first); the random half keeps two
// kiosks, or a kiosk whose clock jumped back, from ever reusing one.
func NewID(t time.Time) string {
	var b [16]byte
	binary.BigEndian.PutUint64(b[:8], uint64(t.UnixNano()))
	rand.Read(b[8:]) // never fails (crypto/rand panics rather than return an error)
	return hex.EncodeToString(b[:])
}

// New makes an event of kind k at t with a fresh id.
func New(k Kind, t time.Time) Event {
	return Event{ID: NewID(t), Kind: k, Time: t.UTC()}
}
