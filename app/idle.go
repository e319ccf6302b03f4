package app

import "time"

// Idle decides when a visitor has walked away. After Timeout without a
// touch the kiosk resets; for the last Warning of it a countdown shows, so
// a visitor still reading can keep their place.
type Idle struct {
	Timeout time.Duration
	Warning time.Duration
	last    time.Time
}

// IdlePhase is where a session stands.
type IdlePhase int

// The phases of a session.
const (
	Active  IdlePhase = iota // nothing to show
	Warning                  // show the countdown
	Expired                  // reset to the attract screen
)

// Touch records a visitor's touch.
func (i *Idle) Touch(now time.Time) { i.last = now }

// Phase says where the session stands at now, and how long is left before
// the reset. A clock that jumps backwards counts as a touch, so a clock
// correction never resets a visitor early nor leaves the kiosk stuck.
func (i *Idle) Phase(now time.Time) (IdlePhase, time.Duration) {
	if now.Before(i.last) {
		i.last = now
	}
	left := i.Timeout - now.Sub(i.last)
	switch {
	case left <= 0:
		return Expired, 0
	case left <= i.Warning:
		return Warning, left
	}
	return Active, left
}
