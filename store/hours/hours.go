// Package hours is the hall's opening hours: a week of hours, closed
// days and special days, read in the hall's time zone, and what that
// means for a screen at a given instant (on, warming up before opening,
// asleep, or woken by a touch while the hall is closed). It keeps no
// clock of its own: every question takes the instant, so the kiosk, the
// console and the tests ask with whatever clock they have.
package hours

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"
)

// Clock is a time of day, in minutes after midnight (0 to 24*60).
type Clock int

// ParseClock reads "9:00", "09:00" or "24:00".
func ParseClock(s string) (Clock, error) {
	var h, m int
	s = strings.TrimSpace(s)
	if n, err := fmt.Sscanf(s, "%d:%d", &h, &m); n != 2 || err != nil || len(s) < 4 || s[len(s)-3] != ':' {
		return 0, fmt.Errorf("time of day %q: write it as 09:00", s)
	}
	if h < 0 || m < 0 || m > 59 || h > 24 || (h == 24 && m != 0) {
		return 0, fmt.Errorf("time of day %q: from 00:00 to 24:00", s)
	}
	return Clock(h*60 + m), nil
}

func (c Clock) String() string { return fmt.Sprintf("%02d:%02d", int(c)/60, int(c)%60) }

// MarshalText writes the clock as "09:00", which reads well in the store.
func (c Clock) MarshalText() ([]byte, error) { return []byte(c.String()), nil }

// UnmarshalText reads what MarshalText wrote.
func (c *Clock) UnmarshalText(b []byte) error {
	v, err := ParseClock(string(b))
	*c = v
	return err
}

// Day is the hours of one day: closed, or open from Open to Close on the
// same day (a hall does not stay open past midnight).
type Day struct {
	Closed bool  `json:"closed,omitempty"`
	Open   Clock `json:"open"`
	Close  Clock `json:"close"`
}

func (d Day) String() string {
	if d.Closed {
		return "closed"
	}
	return d.Open.String() + "–" + d.Close.String()
}

// Check says what is wrong with a day's hours, named what.
func (d Day) Check(what string) error {
	if !d.Closed && (d.Open < 0 || d.Close > 24*60 || d.Open >= d.Close) {
		return fmt.Errorf("%s: the hall must open before it closes, the same day (%s to %s)", what, d.Open, d.Close)
	}
	return nil
}

// Special is a date with hours of its own: a public holiday's, a late
// opening.
type Special struct {
	Date string `json:"date"` // 2006-01-02, in the hall's zone
	Day
}

// DateLayout is how dates are written, in the store and in the console.
const DateLayout = "2006-01-02"

// Hours are the hall's opening hours.
type Hours struct {
	// Follow makes the screens sleep outside the hours; without it they
	// stay on day and night, as a hall that set no hours expects.
	Follow bool `json:"follow"`
	// Week holds the hours of each weekday, indexed by time.Weekday
	// (Sunday first).
	Week [7]Day `json:"week"`
	// Closed are dates the hall stays closed whatever the weekday.
	Closed []string `json:"closed,omitempty"`
	// Special are dates with other hours than their weekday's.
	Special []Special `json:"special,omitempty"`
	// Signed is when a curator signed these hours (zero: saved before
	// hours were signed): "newer" across the hall comes from it.
	Signed time.Time `json:"signed,omitzero"`
}

// Default is what a console offers before anything was saved: 9:00 to
// 17:00, closed on Mondays (the usual for a public hall), not followed.
func Default() Hours {
	var h Hours
	for d := range h.Week {
		h.Week[d] = Day{Open: 9 * 60, Close: 17 * 60}
	}
	h.Week[time.Monday] = Day{Closed: true}
	return h
}

// Validate says what is wrong, all at once, one sentence each.
func (h Hours) Validate() error {
	var errs []error
	span := func(what string, d Day) {
		if err := d.Check(what); err != nil {
			errs = append(errs, err)
		}
	}
	for wd, d := range h.Week {
		span(time.Weekday(wd).String(), d)
	}
	seen := map[string]string{}
	date := func(s, what string) bool {
		if _, err := time.Parse(DateLayout, s); err != nil {
			errs = append(errs, fmt.Errorf("%s %q: write the date as 2026-10-01", what, s))
			return false
		}
		if prev, ok := seen[s]; ok {
			errs = append(errs, fmt.Errorf("%s is given twice (as a %s and as a %s): keep one", s, prev, what))
			return false
		}
		seen[s] = what
		return true
	}
	for _, c := range h.Closed {
		date(c, "closed day")
	}
	for _, s := range h.Special {
		if date(s.Date, "special day") {
			span(s.Date, s.Day)
		}
	}
	return errors.Join(errs...)
}

// Kind says where a day's hours come from.
type Kind int

const (
	Weekly     Kind = iota // the weekday's hours
	ClosedDay              // a date on the closed list
	SpecialDay             // a date with hours of its own
)

// On gives the hours of the calendar day date (any instant of it, read in
// zone) and where they come from.
func (h Hours) On(date time.Time, zone *time.Location) (Day, Kind) {
	date = date.In(zone)
	key := date.Format(DateLayout)
	if slices.Contains(h.Closed, key) {
		return Day{Closed: true}, ClosedDay
	}
	for _, s := range h.Special {
		if s.Date == key {
			return s.Day, SpecialDay
		}
	}
	return h.Week[date.Weekday()], Weekly
}

// span gives the opening and closing instants of the day of date, or
// ok false when the hall is closed that day.
func (h Hours) span(date time.Time, zone *time.Location) (open, close time.Time, ok bool) {
	d, _ := h.On(date, zone)
	if d.Closed || d.Open >= d.Close {
		return time.Time{}, time.Time{}, false
	}
	y, m, day := date.In(zone).Date()
	at := func(c Clock) time.Time { return time.Date(y, m, day, int(c)/60, int(c)%60, 0, 0, zone) }
	return at(d.Open), at(d.Close), true
}

// horizon is how far ahead the next opening is looked for: a hall closed
// for more than a year has no next opening worth naming.
const horizon = 400

// IsOpen reports whether the hall is open at t.
func (h Hours) IsOpen(t time.Time, zone *time.Location) bool {
	open, close, ok := h.span(t, zone)
	return ok && !t.Before(open) && t.Before(close)
}

// NextOpening is the first opening instant after t (zero: none within
// the next year).
func (h Hours) NextOpening(t time.Time, zone *time.Location) time.Time {
	day := t.In(zone)
	for i := 0; i < horizon; i++ {
		if open, _, ok := h.span(day, zone); ok && open.After(t) {
			return open
		}
		y, m, d := day.Date()
		day = time.Date(y, m, d+1, 12, 0, 0, 0, zone)
	}
	return time.Time{}
}

// Closing is when the hall closes if it is open at t (zero otherwise).
func (h Hours) Closing(t time.Time, zone *time.Location) time.Time {
	if !h.IsOpen(t, zone) {
		return time.Time{}
	}
	_, close, _ := h.span(t, zone)
	return close
}

// WarmUp is how long before opening a screen comes back, so that the
// attract loop is running when the doors open.
const WarmUp = 10 * time.Minute

// WakeFor is how long a touch while the hall is closed keeps a screen on.
const WakeFor = 3 * time.Minute

// Reason says why a screen is on or off.
type Reason int

const (
	AlwaysOn Reason = iota // the screens do not follow opening hours
	Open                   // the hall is open
	Warming                // the hall opens within WarmUp
	Asleep                 // the hall is closed
	Woken                  // the hall is closed, and someone touched the screen
)

// State is what a screen should do at an instant.
type State struct {
	On     bool
	Reason Reason
	// Next is when the screen changes next by the hours alone (zero:
	// not within the next year, or never for AlwaysOn).
	Next time.Time
	// Opens is the next opening when the hall is closed (zero: open, or
	// none within the year).
	Opens time.Time
}

// At says what a screen should be doing at now. wokenUntil is when the
// last touch while closed stops keeping it on (zero: none).
func (h Hours) At(now time.Time, zone *time.Location, wokenUntil time.Time) State {
	if !h.Follow {
		return State{On: true, Reason: AlwaysOn}
	}
	if h.IsOpen(now, zone) {
		return State{On: true, Reason: Open, Next: h.Closing(now, zone)}
	}
	opens := h.NextOpening(now, zone)
	if !opens.IsZero() && opens.Sub(now) <= WarmUp {
		return State{On: true, Reason: Warming, Next: opens, Opens: opens}
	}
	wake := time.Time{}
	if !opens.IsZero() {
		wake = opens.Add(-WarmUp)
	}
	if now.Before(wokenUntil) {
		next := wokenUntil
		if !wake.IsZero() && wake.Before(next) {
			next = wake
		}
		return State{On: true, Reason: Woken, Next: next, Opens: opens}
	}
	return State{Reason: Asleep, Next: wake, Opens: opens}
}

// Change is the next change of the hall's own state, for the console:
// at When it opens (Opens true) or closes.
type Change struct {
	When  time.Time
	Opens bool
}

// NextChange is the hall's next opening or closing after now (zero When:
// none within the next year).
func (h Hours) NextChange(now time.Time, zone *time.Location) Change {
	if c := h.Closing(now, zone); !c.IsZero() {
		return Change{When: c}
	}
	return Change{When: h.NextOpening(now, zone), Opens: true}
}
