// Package plan checks a curator's plan of rotations before it is saved
// (overlaps, gaps, empty seasons, missing media) and turns a rotation's
// instants into the whole days a curator edits. It lives beside the
// rotations it reads and imports neither Fyne nor bbolt.
package plan

import (
	"fmt"
	"sort"
	"time"

	"showhall/store/catalog"
)

// Severity of a finding: an Error stops a save, a Warning is shown and
// the curator decides.
type Severity int

const (
	Warning Severity = iota
	Error
)

func (s Severity) String() string {
	if s == Error {
		return "error"
	}
	return "warning"
}

// Finding is one thing the planner noticed.
type Finding struct {
	Severity Severity
	Rotation string // the rotation concerned, if one
	Message  string
}

func (f Finding) String() string { return f.Severity.String() + ": " + f.Message }

// HasErrors reports whether any finding stops a save.
func HasErrors(fs []Finding) bool {
	for _, f := range fs {
		if f.Severity == Error {
			return true
		}
	}
	return false
}

// Plan is what the checks look at: the rotations as they would be after
// the save, the catalogue's projects, and which media files are really
// present in the media store.
type Plan struct {
	Rotations []catalog.Rotation
	Snap      *catalog.Snapshot
	HasMedia  func(hash string) bool // nil: every file is taken as present
	Now       time.Time
	Zone      *time.Location // the hall's zone, for the dates in messages
}

// WithRotation returns the rotations with r added, or replacing the one
// with its id: what the plan would be after saving r.
func WithRotation(rots []catalog.Rotation, r catalog.Rotation) []catalog.Rotation {
	out := make([]catalog.Rotation, 0, len(rots)+1)
	for _, x := range rots {
		if x.ID != r.ID {
			out = append(out, x)
		}
	}
	return append(out, r)
}

// Check runs every check of the planner: rotations that overlap, gaps in
// which nothing is current (saying what the hall would show then), empty
// rotations, and showcased projects or attract videos whose media files
// are missing. Past rotations are not checked for media (they will never
// show again), and gaps are looked for from now on.
func Check(p Plan) []Finding {
	zone := p.Zone
	if zone == nil {
		zone = time.UTC
	}
	day := func(t time.Time) string { return t.In(zone).Format("2006-01-02") }
	name := func(r *catalog.Rotation) string {
		if n := r.Name.In(catalog.En); n != "" {
			return fmt.Sprintf("%q (%s)", n, r.ID)
		}
		return r.ID
	}
	rots := append([]catalog.Rotation(nil), p.Rotations...)
	sort.Slice(rots, func(i, j int) bool { return rots[i].Start.Before(rots[j].Start) })

	var out []Finding
	add := func(sev Severity, r *catalog.Rotation, format string, args ...any) {
		id := ""
		if r != nil {
			id = r.ID
		}
		out = append(out, Finding{sev, id, fmt.Sprintf(format, args...)})
	}
	if len(rots) == 0 {
		add(Error, nil, "there is no rotation: the hall would show the whole catalogue without a season")
		return out
	}
	for i := range rots {
		r := &rots[i]
		if !r.End.After(r.Start) {
			add(Error, r, "%s ends (%s) before it starts (%s)", name(r), day(r.End), day(r.Start))
		}
		if len(r.Showcase) == 0 {
			add(Error, r, "%s showcases no project", name(r))
		}
		if r.End.After(p.Now) {
			out = append(out, mediaFindings(p, r, name(r))...)
		}
	}
	// Overlaps: the kiosk would show the later-starting one, silently
	// cutting the other short.
	for i := range rots {
		for j := i + 1; j < len(rots); j++ {
			a, b := &rots[i], &rots[j]
			if b.Start.Before(a.End) && a.Start.Before(b.End) {
				add(Error, b, "%s overlaps %s from %s to %s", name(b), name(a), day(b.Start), day(minTime(a.End, b.End).Add(-time.Second)))
			}
		}
	}
	// Gaps from now on: between rotations, and after the last one. In a
	// gap the kiosk keeps the most recent past rotation, or shows the
	// next one early when none has run yet (catalog.Snapshot.Current).
	var prev *catalog.Rotation // the rotation ending last among those seen
	for i := range rots {
		r := &rots[i]
		from := p.Now
		if prev != nil && prev.End.After(from) {
			from = prev.End
		}
		if r.Start.After(from) {
			if prev != nil {
				add(Warning, r, "nothing is planned from %s to %s: the hall keeps showing %s until %s starts",
					day(from), day(r.Start.Add(-time.Second)), name(prev), name(r))
			} else {
				add(Warning, r, "nothing is current before %s: until then the hall shows %s early", day(r.Start), name(r))
			}
		}
		if prev == nil || r.End.After(prev.End) {
			prev = r
		}
	}
	if prev != nil {
		if prev.End.After(p.Now) {
			add(Warning, prev, "nothing is planned after %s ends on %s: from then the hall keeps showing it", name(prev), day(prev.End.Add(-time.Second)))
		} else {
			add(Warning, prev, "every rotation has ended: the hall is showing %s, which ended on %s", name(prev), day(prev.End.Add(-time.Second)))
		}
	}
	return out
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

func mediaFindings(p Plan, r *catalog.Rotation, who string) []Finding {
	var out []Finding
	present := func(h string) bool { return p.HasMedia == nil || p.HasMedia(h) }
	for _, s := range r.Showcase {
		if p.Snap == nil {
			break
		}
		pr, ok := p.Snap.Project(s.Project)
		if !ok {
			out = append(out, Finding{Error, r.ID, fmt.Sprintf("%s shows %s, which is not in the catalogue", who, s.Project)})
			continue
		}
		var missing int
		for _, h := range append(append([]string{pr.Cover}, pr.Gallery...), pr.Videos...) {
			if h != "" && !present(h) {
				missing++
			}
		}
		if missing > 0 {
			out = append(out, Finding{Warning, r.ID, fmt.Sprintf("%s: %s (%s) is missing %d media file(s); it would show a placeholder",
				who, pr.Title.In(catalog.En), pr.ID, missing)})
		}
	}
	for _, h := range r.Attract {
		if !present(h) {
			out = append(out, Finding{Warning, r.ID, fmt.Sprintf("%s: attract video %.12s… is missing; the attract loop skips it", who, h)})
		}
	}
	return out
}

// Dates are how a curator sees a rotation: the first and last day it
// shows, in the hall's zone. A rotation runs from the first day's
// midnight to the midnight after the last day.

// DayStart is midnight of the date (YYYY-MM-DD) in zone.
func DayStart(date string, zone *time.Location) (time.Time, error) {
	t, err := time.ParseInLocation("2006-01-02", date, zone)
	if err != nil {
		return time.Time{}, fmt.Errorf("%q is not a date like 2026-09-01", date)
	}
	return t, nil
}

// SetDates sets r's Start and End from its first and last day (both
// inclusive, YYYY-MM-DD) in its time zone.
func SetDates(r *catalog.Rotation, first, last string) error {
	zone, err := time.LoadLocation(r.TimeZone)
	if err != nil {
		return err
	}
	s, err := DayStart(first, zone)
	if err != nil {
		return err
	}
	e, err := DayStart(last, zone)
	if err != nil {
		return err
	}
	if e.Before(s) {
		return fmt.Errorf("the last day %s is before the first %s", last, first)
	}
	r.Start, r.End = s.UTC(), e.AddDate(0, 0, 1).UTC()
	return nil
}

// Dates returns r's first and last day in its time zone.
func Dates(r *catalog.Rotation) (first, last string) {
	zone, err := time.LoadLocation(r.TimeZone)
	if err != nil {
		zone = time.UTC
	}
	return r.Start.In(zone).Format("2006-01-02"), r.End.In(zone).Add(-time.Nanosecond).Format("2006-01-02")
}

// Phase is where a rotation stands relative to now.
type Phase int

const (
	Past Phase = iota
	Current
	Upcoming
)

func (p Phase) String() string { return [...]string{"past", "current", "upcoming"}[p] }

// PhaseOf says whether r is past, the one the hall shows now, or to come.
// The current one is what catalog.Snapshot.Current picks, so the console
// and the kiosk never disagree.
func PhaseOf(r *catalog.Rotation, shown *catalog.Rotation, now time.Time) Phase {
	switch {
	case shown != nil && shown.ID == r.ID:
		return Current
	case !r.End.After(now):
		return Past
	case r.Start.After(now):
		return Upcoming
	}
	return Past // active but overlapped by a later one
}
