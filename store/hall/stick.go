package hall

import "time"

// StickBundle is a catalogue bundle found on a USB stick, as the
// console's "USB stick" page lists it.
type StickBundle struct {
	Path    string
	Version string
	Signed  time.Time
	Signer  string
	// Standing is "newer", "in use", "older" or "refused"; Reason says
	// why a refused one is (not signed, unknown key, damaged...).
	Standing string
	Reason   string
	// What applying it would change.
	Added, Removed, Changed, Seasons int
	MediaFiles                       int
	MediaBytes                       int64
}

// Standings of a bundle against the catalogue in use.
const (
	StandingNewer   = "newer"
	StandingInUse   = "in use"
	StandingOlder   = "older"
	StandingRefused = "refused"
)
