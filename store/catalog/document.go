package catalog

import (
	"errors"
	"fmt"
	"regexp"
	"time"
)

// FormatVersion is the version of the catalogue document this code reads
// and writes. A document of a newer version is refused, never guessed at.
const FormatVersion = 1

// Document is a whole catalogue as it travels: in the embedded demo, in a
// feed, in a bundle. The store keeps the same pieces in its buckets.
type Document struct {
	Format     int        `json:"format"`
	Version    string     `json:"version"` // catalogue version, chosen by the publisher
	Published  time.Time  `json:"published"`
	Vocabulary Vocabulary `json:"vocabulary"`
	Projects   []Project  `json:"projects"`
	Rotations  []Rotation `json:"rotations"`
	Media      []Media    `json:"media"`
}

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
	hashPattern = regexp.MustCompile(`^[0-9a-f]{64}$`)
)

// ValidHash reports whether s looks like a lowercase hex sha256.
func ValidHash(s string) bool { return hashPattern.MatchString(s) }

// ValidationError lists every problem found in a document, so that a
// publisher can fix them all at once.
type ValidationError struct{ Problems []string }

func (e *ValidationError) Error() string {
	if len(e.Problems) == 1 {
		return "catalogue is invalid: " + e.Problems[0]
	}
	return fmt.Sprintf("catalogue is invalid: %s (and %d more problems)", e.Problems[0], len(e.Problems)-1)
}

// Validate checks that ids are well formed and unique and that every
// reference (vocabulary, project, media) resolves.
func (d *Document) Validate() error {
	var problems []string
	bad := func(format string, args ...any) {
		if len(problems) < 1000 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	if d.Format != FormatVersion {
		return fmt.Errorf("catalogue format %d is not supported (this version reads format %d)", d.Format, FormatVersion)
	}

	vocab := func(name string, terms []Term) map[string]bool {
		set := make(map[string]bool, len(terms))
		for _, t := range terms {
			if !idPattern.MatchString(t.ID) {
				bad("%s term %q: id must be lowercase letters, digits, '.', '_' or '-'", name, t.ID)
			}
			if set[t.ID] {
				bad("%s term %q appears twice", name, t.ID)
			}
			set[t.ID] = true
		}
		return set
	}
	themes := vocab("theme", d.Vocabulary.Themes)
	tracks := vocab("track", d.Vocabulary.Tracks)
	zones := vocab("zone", d.Vocabulary.Zones)
	lists := vocab("list", d.Vocabulary.Lists)
	funding := vocab("funding", d.Vocabulary.Funding)
	statuses := vocab("status", d.Vocabulary.Statuses)

	media := make(map[string]Media, len(d.Media))
	for _, m := range d.Media {
		if !ValidHash(m.Hash) {
			bad("media %q: not a sha256 hex digest", m.Hash)
		}
		if _, dup := media[m.Hash]; dup {
			bad("media %s appears twice", m.Hash)
		}
		if m.Size < 0 {
			bad("media %s: negative size", m.Hash)
		}
		media[m.Hash] = m
	}
	for _, m := range d.Media {
		for l, h := range m.Subtitles {
			if _, ok := media[h]; !ok {
				bad("media %s: %s subtitles %s are not in the media list", m.Hash, l, h)
			}
		}
	}
	needMedia := func(owner, h, kind string) {
		m, ok := media[h]
		switch {
		case !ok:
			bad("%s: %s %s is not in the media list", owner, kind, h)
		case kind == "video" && !m.IsVideo():
			bad("%s: %s is %s, not a video", owner, h, m.Type)
		case kind != "video" && !m.IsImage():
			bad("%s: %s is %s, not an image", owner, h, m.Type)
		}
	}

	projects := make(map[string]bool, len(d.Projects))
	for i := range d.Projects {
		p := &d.Projects[i]
		who := fmt.Sprintf("project %q", p.ID)
		if !idPattern.MatchString(p.ID) {
			bad("%s: id must be lowercase letters, digits, '.', '_' or '-'", who)
		}
		if projects[p.ID] {
			bad("%s appears twice", who)
		}
		projects[p.ID] = true
		if p.Title.IsZero() {
			bad("%s has no title", who)
		}
		if len(p.Themes) == 0 {
			bad("%s has no theme", who)
		}
		for _, t := range p.Themes {
			if !themes[t] {
				bad("%s: unknown theme %q", who, t)
			}
		}
		if p.Track != "" && !tracks[p.Track] {
			bad("%s: unknown track %q", who, p.Track)
		}
		if !zones[p.Zone] {
			bad("%s: unknown zone %q", who, p.Zone)
		}
		if !funding[p.Funding] {
			bad("%s: unknown funding type %q", who, p.Funding)
		}
		if !statuses[p.Status] {
			bad("%s: unknown status %q", who, p.Status)
		}
		for _, l := range p.Lists {
			if !lists[l.List] {
				bad("%s: unknown list %q", who, l.List)
			}
		}
		if p.Year < 2000 || p.Year > 2100 {
			bad("%s: year %d is out of range", who, p.Year)
		}
		if p.Cover != "" {
			needMedia(who, p.Cover, "cover")
		}
		for _, h := range p.Gallery {
			needMedia(who, h, "gallery image")
		}
		for _, h := range p.Videos {
			needMedia(who, h, "video")
		}
	}

	rotations := make(map[string]bool, len(d.Rotations))
	for _, r := range d.Rotations {
		who := fmt.Sprintf("rotation %q", r.ID)
		if !idPattern.MatchString(r.ID) {
			bad("%s: id must be lowercase letters, digits, '.', '_' or '-'", who)
		}
		if rotations[r.ID] {
			bad("%s appears twice", who)
		}
		rotations[r.ID] = true
		if !r.End.After(r.Start) {
			bad("%s ends before it starts", who)
		}
		if _, err := time.LoadLocation(r.TimeZone); err != nil || r.TimeZone == "" {
			bad("%s: unknown time zone %q", who, r.TimeZone)
		}
		seen := make(map[string]bool, len(r.Showcase))
		for _, s := range r.Showcase {
			if !projects[s.Project] {
				bad("%s shows unknown project %q", who, s.Project)
			}
			if seen[s.Project] {
				bad("%s shows project %q twice", who, s.Project)
			}
			seen[s.Project] = true
		}
		for _, h := range r.Attract {
			needMedia(who, h, "video")
		}
	}
	if len(problems) > 0 {
		return &ValidationError{Problems: problems}
	}
	return nil
}

// ErrNoRotation is returned when a catalogue has no rotation at all.
var ErrNoRotation = errors.New("the catalogue has no rotation")
