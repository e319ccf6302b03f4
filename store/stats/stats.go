package stats

import (
	"sort"
	"time"
)

// Period is a span of time, From inclusive, To exclusive.
type Period struct{ From, To time.Time }

// Contains reports whether t falls in the period.
func (p Period) Contains(t time.Time) bool { return !t.Before(p.From) && t.Before(p.To) }

// Row is the figures of one exhibit or one theme over a period.
type Row struct {
	Key           string // project id or theme id
	Opens         int64
	MedianDwell   time.Duration // over individual dwell events; summaries carry no spread
	DwellSamples  int
	VideoStarts   int64
	VideoFinishes int64
}

// Completion is the share of started videos played to the end, 0..1
// (0 when none started).
func (r Row) Completion() float64 {
	if r.VideoStarts == 0 {
		return 0
	}
	c := float64(r.VideoFinishes) / float64(r.VideoStarts)
	if c > 1 {
		c = 1 // a finish whose start fell before the period
	}
	return c
}

// Day is the opens of one calendar day in the hall's time zone.
type Day struct {
	Date  time.Time // midnight, in the hall's zone
	Opens int64
}

// Report is what the console shows for a period.
type Report struct {
	Period     Period
	Exhibits   []Row // most opened first
	Themes     []Row // most opened first
	Daily      []Day // every day of the period, empty days included
	Opens      int64
	Searches   int64
	IdleResets int64
	Languages  map[string]int64 // language chosen -> times
}

// maxDays bounds the daily series, so a period reaching far into the
// future cannot make a chart of millions of points.
const maxDays = 3700

// OpensPerDay is the average opens per day of the period, which is what
// compares two rotations of different lengths fairly.
func (r Report) OpensPerDay() float64 {
	if len(r.Daily) == 0 {
		return 0
	}
	return float64(r.Opens) / float64(len(r.Daily))
}

type acc struct {
	Row
	dwells []int64
}

// Summarise aggregates the events that fall in p; days are counted in
// loc (the hall's time zone). Events may come in any order.
func Summarise(evs []Event, p Period, loc *time.Location) Report {
	if loc == nil {
		loc = time.UTC
	}
	rep := Report{Period: p, Languages: map[string]int64{}}
	exhibits := map[string]*acc{}
	themes := map[string]*acc{}
	get := func(m map[string]*acc, k string) *acc {
		a := m[k]
		if a == nil {
			a = &acc{Row: Row{Key: k}}
			m[k] = a
		}
		return a
	}
	daily := map[string]int64{}
	for i := range evs {
		e := &evs[i]
		if !p.Contains(e.Time) {
			continue
		}
		w := e.Weight()
		var targets []*acc
		if e.Project != "" {
			targets = append(targets, get(exhibits, e.Project))
		}
		if e.Theme != "" {
			targets = append(targets, get(themes, e.Theme))
		}
		kind := e.Kind
		if kind == Summary {
			kind = e.Of
		}
		switch kind {
		case ExhibitOpened:
			rep.Opens += w
			daily[e.Time.In(loc).Format(time.DateOnly)] += w
			for _, a := range targets {
				a.Opens += w
			}
		case ExhibitDwell:
			if e.Kind == Summary {
				break // a sum of dwells says nothing about the median
			}
			for _, a := range targets {
				a.dwells = append(a.dwells, e.Value)
			}
		case VideoStarted:
			for _, a := range targets {
				a.VideoStarts += w
			}
		case VideoFinished:
			for _, a := range targets {
				a.VideoFinishes += w
			}
		case Search:
			rep.Searches += w
		case IdleReset:
			rep.IdleResets += w
		case Language:
			if e.Lang != "" {
				rep.Languages[e.Lang] += w
			}
		}
	}
	rep.Exhibits = rows(exhibits)
	rep.Themes = rows(themes)

	// Every day of the period, in the hall's calendar.
	if !p.From.IsZero() && p.To.After(p.From) {
		d := p.From.In(loc)
		d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, loc)
		for n := 0; d.Before(p.To) && n < maxDays; n++ {
			rep.Daily = append(rep.Daily, Day{Date: d, Opens: daily[d.Format(time.DateOnly)]})
			d = d.AddDate(0, 0, 1) // calendar days, whatever the zone's offset does
		}
	}
	return rep
}

func rows(m map[string]*acc) []Row {
	out := make([]Row, 0, len(m))
	for _, a := range m {
		a.DwellSamples = len(a.dwells)
		a.MedianDwell = time.Duration(median(a.dwells)) * time.Millisecond
		out = append(out, a.Row)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Opens != out[j].Opens {
			return out[i].Opens > out[j].Opens
		}
		return out[i].Key < out[j].Key
	})
	return out
}

// median of the values; the mean of the middle two for an even count.
func median(v []int64) int64 {
	if len(v) == 0 {
		return 0
	}
	s := append([]int64(nil), v...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	n := len(s)
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

// Pair is one exhibit's figures in two reports.
type Pair struct {
	Key  string
	A, B Row // A the earlier rotation, B the later; zero when absent
}

// Compare lines two reports up exhibit by exhibit: every exhibit of
// either, the most opened in B first, then the rest of A.
func Compare(a, b Report) []Pair {
	idx := map[string]int{}
	var out []Pair
	for _, r := range b.Exhibits {
		idx[r.Key] = len(out)
		out = append(out, Pair{Key: r.Key, B: r})
	}
	for _, r := range a.Exhibits {
		if i, ok := idx[r.Key]; ok {
			out[i].A = r
			continue
		}
		out = append(out, Pair{Key: r.Key, A: r})
	}
	return out
}
