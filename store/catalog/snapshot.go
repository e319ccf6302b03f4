package catalog

import (
	"sort"
	"strconv"
	"time"
)

// Facet names a dimension visitors filter by.
type Facet string

// The facets of the browse screen.
const (
	FacetTheme Facet = "theme"
	FacetTrack Facet = "track"
	FacetZone  Facet = "zone"
	FacetYear  Facet = "year"
	FacetList  Facet = "list"
)

// Facets lists the facets in the order the browse screen shows them.
var Facets = []Facet{FacetTheme, FacetTrack, FacetZone, FacetYear, FacetList}

// Filter selects projects: within a facet any chosen value matches, across
// facets all must. An empty filter selects everything.
type Filter map[Facet][]string

// With returns a copy of f with value toggled on or off in facet.
func (f Filter) With(facet Facet, value string, on bool) Filter {
	out := make(Filter, len(f)+1)
	for k, v := range f {
		out[k] = append([]string(nil), v...)
	}
	vals := out[facet][:0:0]
	for _, v := range out[facet] {
		if v != value {
			vals = append(vals, v)
		}
	}
	if on {
		vals = append(vals, value)
	}
	if len(vals) == 0 {
		delete(out, facet)
	} else {
		out[facet] = vals
	}
	return out
}

// Has reports whether value is chosen in facet.
func (f Filter) Has(facet Facet, value string) bool {
	for _, v := range f[facet] {
		if v == value {
			return true
		}
	}
	return false
}

// Empty reports whether the filter chooses nothing.
func (f Filter) Empty() bool {
	for _, v := range f {
		if len(v) > 0 {
			return false
		}
	}
	return true
}

// Snapshot is an immutable view of the catalogue. Screens hold one and
// never see it change; a sync builds a new one and swaps it in. Nothing
// returned by a snapshot may be modified.
type Snapshot struct {
	version   string
	loaded    time.Time
	vocab     Vocabulary
	projects  []Project
	byID      map[string]int
	media     map[string]Media
	rotations []Rotation
	facets    map[Facet]map[string]bitset
	terms     map[Facet]map[string]Term
	years     []int
}

// NewSnapshot indexes a document. It takes the document's slices over
// (sorting them in place, not copying: a 10,000-project catalogue is
// loaded once, not twice), so the caller must not use them afterwards.
func NewSnapshot(d Document) *Snapshot {
	s := &Snapshot{
		version:   d.Version,
		loaded:    time.Now(),
		vocab:     d.Vocabulary,
		projects:  d.Projects,
		rotations: d.Rotations,
		media:     make(map[string]Media, len(d.Media)),
	}
	shareRepeats(s.projects)
	// Newest first: that is what a visitor browsing wants to see.
	sort.SliceStable(s.projects, func(i, j int) bool {
		a, b := &s.projects[i], &s.projects[j]
		if a.Year != b.Year {
			return a.Year > b.Year
		}
		return a.ID < b.ID
	})
	sort.SliceStable(s.rotations, func(i, j int) bool { return s.rotations[i].Start.Before(s.rotations[j].Start) })
	for _, m := range d.Media {
		s.media[m.Hash] = m
	}
	s.byID = make(map[string]int, len(s.projects))
	for i := range s.projects {
		s.byID[s.projects[i].ID] = i
	}

	s.terms = map[Facet]map[string]Term{}
	for f, terms := range map[Facet][]Term{FacetTheme: s.vocab.Themes, FacetTrack: s.vocab.Tracks, FacetZone: s.vocab.Zones, FacetList: s.vocab.Lists} {
		m := make(map[string]Term, len(terms))
		for _, t := range terms {
			m[t.ID] = t
		}
		s.terms[f] = m
	}

	n := len(s.projects)
	s.facets = make(map[Facet]map[string]bitset, len(Facets))
	mark := func(f Facet, value string, i int) {
		m := s.facets[f]
		if m == nil {
			m = map[string]bitset{}
			s.facets[f] = m
		}
		b := m[value]
		if b == nil {
			b = newBitset(n)
			m[value] = b
		}
		b.set(i)
	}
	for i := range s.projects {
		p := &s.projects[i]
		for _, t := range p.Themes {
			mark(FacetTheme, t, i)
		}
		if p.Track != "" {
			mark(FacetTrack, p.Track, i)
		}
		mark(FacetZone, p.Zone, i)
		mark(FacetYear, strconv.Itoa(p.Year), i)
		for _, l := range p.Lists {
			mark(FacetList, l.List, i)
		}
	}
	for y := range s.facets[FacetYear] {
		v, _ := strconv.Atoi(y)
		s.years = append(s.years, v)
	}
	sort.Sort(sort.Reverse(sort.IntSlice(s.years)))
	return s
}

// Version is the catalogue version the publisher gave.
func (s *Snapshot) Version() string { return s.version }

// Vocabulary returns the catalogue's vocabularies.
func (s *Snapshot) Vocabulary() Vocabulary { return s.vocab }

// Len is the number of projects.
func (s *Snapshot) Len() int { return len(s.projects) }

// At returns the i-th project in browse order (newest first).
func (s *Snapshot) At(i int) *Project { return &s.projects[i] }

// Project looks a project up by id.
func (s *Snapshot) Project(id string) (*Project, bool) {
	i, ok := s.byID[id]
	if !ok {
		return nil, false
	}
	return &s.projects[i], true
}

// Media looks up a stored file's description.
func (s *Snapshot) Media(hash string) (Media, bool) {
	m, ok := s.media[hash]
	return m, ok
}

// Rotations lists the rotations by start.
func (s *Snapshot) Rotations() []Rotation { return s.rotations }

// MediaHashes lists every media file the catalogue names.
func (s *Snapshot) MediaHashes() []string {
	out := make([]string, 0, len(s.media))
	for h := range s.media {
		out = append(out, h)
	}
	return out
}

// Years lists the years projects were published in, newest first.
func (s *Snapshot) Years() []int { return s.years }

// Term returns the vocabulary entry for a facet value. Years have none.
func (s *Snapshot) Term(f Facet, id string) (Term, bool) {
	t, ok := s.terms[f][id]
	return t, ok
}

// Values lists the values a facet offers, in vocabulary order, leaving
// out values no project has.
func (s *Snapshot) Values(f Facet) []string {
	var out []string
	if f == FacetYear {
		for _, y := range s.years {
			out = append(out, strconv.Itoa(y))
		}
		return out
	}
	var terms []Term
	switch f {
	case FacetTheme:
		terms = s.vocab.Themes
	case FacetTrack:
		terms = s.vocab.Tracks
	case FacetZone:
		terms = s.vocab.Zones
	case FacetList:
		terms = s.vocab.Lists
	}
	for _, t := range terms {
		if _, ok := s.facets[f][t.ID]; ok {
			out = append(out, t.ID)
		}
	}
	return out
}

// match returns the set a filter selects, or nil for "everything".
func (s *Snapshot) match(f Filter) bitset {
	var acc bitset
	for _, facet := range Facets {
		vals := f[facet]
		if len(vals) == 0 {
			continue
		}
		any := newBitset(len(s.projects))
		for _, v := range vals {
			if b := s.facets[facet][v]; b != nil {
				any.or(b)
			}
		}
		if acc == nil {
			acc = any
		} else {
			acc.and(any)
		}
	}
	return acc
}

// Filter returns the indexes (for At) of the projects f selects, in
// browse order.
func (s *Snapshot) Filter(f Filter) []int {
	acc := s.match(f)
	if acc == nil {
		out := make([]int, len(s.projects))
		for i := range out {
			out[i] = i
		}
		return out
	}
	out := make([]int, 0, acc.count())
	acc.each(func(i int) { out = append(out, i) })
	return out
}

// Matches reports whether the i-th project passes the filter.
func (s *Snapshot) Matches(i int, f Filter) bool {
	acc := s.match(f)
	return acc == nil || acc.has(i)
}

// Count returns how many projects the filter would select if value were
// added to facet: the number a chip shows.
func (s *Snapshot) Count(f Filter, facet Facet, value string) int {
	b := s.facets[facet][value]
	if b == nil {
		return 0
	}
	rest := make(Filter, len(f))
	for k, v := range f {
		if k != facet {
			rest[k] = v
		}
	}
	acc := s.match(rest)
	if acc == nil {
		return b.count()
	}
	acc.and(b)
	return acc.count()
}

// Current picks the rotation the hall shows at t: the active one (the
// latest started if several overlap); else the most recent past one; else
// the next to come. The hall never goes dark while any rotation exists.
func (s *Snapshot) Current(t time.Time) (*Rotation, error) {
	var active, past, next *Rotation
	for i := range s.rotations {
		r := &s.rotations[i]
		switch {
		case r.ActiveAt(t):
			if active == nil || !r.Start.Before(active.Start) {
				active = r
			}
		case !r.End.After(t):
			if past == nil || r.End.After(past.End) {
				past = r
			}
		default:
			if next == nil || r.Start.Before(next.Start) {
				next = r
			}
		}
	}
	for _, r := range []*Rotation{active, past, next} {
		if r != nil {
			return r, nil
		}
	}
	return nil, ErrNoRotation
}

// Upcoming returns the first rotation that starts after t, if any.
func (s *Snapshot) Upcoming(t time.Time) (*Rotation, bool) {
	for i := range s.rotations {
		if s.rotations[i].Start.After(t) {
			return &s.rotations[i], true
		}
	}
	return nil, false
}

// Related returns up to n projects that share the most with p: themes
// first, then track, then zone; newest first among equals.
func (s *Snapshot) Related(p *Project, n int) []*Project {
	type scored struct{ i, score int }
	var cands []scored
	for i := range s.projects {
		q := &s.projects[i]
		if q.ID == p.ID {
			continue
		}
		score := 0
		for _, t := range p.Themes {
			if q.HasTheme(t) {
				score += 4
			}
		}
		if p.Track != "" && q.Track == p.Track {
			score += 2
		}
		if q.Zone == p.Zone {
			score++
		}
		if score > 0 {
			cands = append(cands, scored{i, score})
		}
	}
	sort.SliceStable(cands, func(a, b int) bool { return cands[a].score > cands[b].score })
	if len(cands) > n {
		cands = cands[:n]
	}
	out := make([]*Project, len(cands))
	for k, c := range cands {
		out[k] = &s.projects[c.i]
	}
	return out
}
