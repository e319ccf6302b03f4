package stats

import "time"

// ScreenHealth is an event that carries no visitor's action: the
// screen's own health, sent to the portal with the statistics (so it
// waits in the same outbox when the network is down, and its id keeps a
// resent one from counting twice). Reports leave it out.
const ScreenHealth Kind = "screen_health"

// Health is what a screen says of its health to the portal: the
// essentials of its hall status (hallnet.Status). Nothing a visitor did
// or typed.
type Health struct {
	Screen           string    `json:"screen"`    // the screen's name in the hall
	ScreenID         string    `json:"screen_id"` // its stable id
	Version          string    `json:"version"`   // showhall's version
	State            string    `json:"state"`     // fine, stuck, asleep, problem (as the hall list judges it alone)
	Reason           string    `json:"reason,omitempty"`
	CatalogueVersion string    `json:"catalogue_version"`
	CatalogueSigned  time.Time `json:"catalogue_signed,omitzero"`
	CatalogueStale   bool      `json:"catalogue_stale,omitempty"`
	Season           string    `json:"season,omitempty"`
	Showing          string    `json:"showing"` // attract, home, browse, project, console
	Display          string    `json:"display"` // on or off
	UptimeSeconds    int64     `json:"uptime_seconds"`
	DiskFree         uint64    `json:"disk_free_bytes,omitempty"`
	MediaProblems    int       `json:"media_problems,omitempty"`
	LastSyncError    string    `json:"last_sync_error,omitempty"`
	EventsWaiting    int       `json:"events_waiting"`
}

// Same reports whether h and o say the same of the screen, leaving out
// what changes by itself (uptime, free space, events waiting).
func (h Health) Same(o Health) bool {
	h.UptimeSeconds, o.UptimeSeconds = 0, 0
	h.DiskFree, o.DiskFree = 0, 0
	h.EventsWaiting, o.EventsWaiting = 0, 0
	return h == o
}

// NewHealth is a health event at t.
func NewHealth(h Health, t time.Time) Event {
	e := New(ScreenHealth, t)
	e.Health = &h
	return e
}
