// Package deck is a roadshow talk as data: an ordered list of slides made
// from catalogue projects, with speaker notes, and the file format that
// carries a deck from one presenter's laptop to another. It imports
// neither Fyne nor bbolt, so screens, the handout and the store share it.
package deck

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
	"unicode/utf8"

	"showhall/store/catalog"
)

// Kind is what a slide shows.
type Kind string

// The slide kinds: the talk opens with a title, shows projects, and
// closes with the presenter's contact details.
const (
	KindTitle   Kind = "title"
	KindProject Kind = "project"
	KindClosing Kind = "closing"
)

// Slide is one step of the talk.
type Slide struct {
	Kind    Kind   `json:"kind"`
	Project string `json:"project,omitempty"` // project id, for KindProject
	Notes   string `json:"notes,omitempty"`   // speaker notes, seen only on the console
}

// Contact is what the closing slide and the handout give the audience.
type Contact struct {
	Name         string `json:"name,omitempty"`
	Organisation string `json:"organisation,omitempty"`
	Phone        string `json:"phone,omitempty"`
	Email        string `json:"email,omitempty"`
	URL          string `json:"url,omitempty"`
}

// Deck is a talk.
type Deck struct {
	ID    string       `json:"id"`
	Title string       `json:"title"`
	Event string       `json:"event,omitempty"` // the roadshow or matchmaking event
	Date  string       `json:"date,omitempty"`  // YYYY-MM-DD in the hall's time zone
	Venue string       `json:"venue,omitempty"`
	Lang  catalog.Lang `json:"lang"`
	// Minutes is the planned length of the talk; the console counts
	// elapsed time against it.
	Minutes int       `json:"planned_minutes,omitempty"`
	Contact Contact   `json:"contact"`
	Slides  []Slide   `json:"slides"`
	Created time.Time `json:"created"`
	Updated time.Time `json:"updated"`
}

// Limits that keep a deck, and a file that claims to be one, small.
const (
	MaxSlides     = 300
	MaxTextRunes  = 300  // titles, names, venue
	MaxNotesRunes = 5000 // speaker notes per slide
	MaxMinutes    = 600
)

var (
	idPattern   = regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,63}$`)
	datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
)

// ValidID reports whether s can name a deck or a project.
func ValidID(s string) bool { return idPattern.MatchString(s) }

// New starts a deck with a title slide and a closing slide.
func New(title string, lang catalog.Lang, now time.Time) Deck {
	return Deck{
		Title: title, Lang: lang, Minutes: 20,
		Slides:  []Slide{{Kind: KindTitle}, {Kind: KindClosing}},
		Created: now.UTC(), Updated: now.UTC(),
	}
}

// Projects lists the project ids the deck shows, in order.
func (d *Deck) Projects() []string {
	var ids []string
	for _, s := range d.Slides {
		if s.Kind == KindProject {
			ids = append(ids, s.Project)
		}
	}
	return ids
}

// Planned is the planned length of the talk.
func (d *Deck) Planned() time.Duration { return time.Duration(d.Minutes) * time.Minute }

// AddProjects inserts project slides before the closing slide (or at the
// end when there is none), skipping projects the deck already shows.
func (d *Deck) AddProjects(ids ...string) {
	have := map[string]bool{}
	for _, p := range d.Projects() {
		have[p] = true
	}
	at := len(d.Slides)
	for i, s := range d.Slides {
		if s.Kind == KindClosing {
			at = i
			break
		}
	}
	var add []Slide
	for _, id := range ids {
		if !have[id] {
			have[id] = true
			add = append(add, Slide{Kind: KindProject, Project: id})
		}
	}
	d.Slides = append(d.Slides[:at], append(add, d.Slides[at:]...)...)
}

// Move moves slide i by delta places; it reports whether it moved.
func (d *Deck) Move(i, delta int) bool {
	j := i + delta
	if i < 0 || i >= len(d.Slides) || j < 0 || j >= len(d.Slides) {
		return false
	}
	d.Slides[i], d.Slides[j] = d.Slides[j], d.Slides[i]
	return true
}

// Remove deletes slide i.
func (d *Deck) Remove(i int) {
	if i >= 0 && i < len(d.Slides) {
		d.Slides = append(d.Slides[:i], d.Slides[i+1:]...)
	}
}

// Clone copies the deck so that changing one never changes the other.
func (d Deck) Clone() Deck {
	d.Slides = append([]Slide(nil), d.Slides...)
	return d
}

// Validate lists every problem with the deck, so a presenter fixing an
// imported file sees them all at once.
func (d *Deck) Validate() error {
	var problems []string
	bad := func(format string, args ...any) {
		if len(problems) < 20 {
			problems = append(problems, fmt.Sprintf(format, args...))
		}
	}
	if d.ID != "" && !ValidID(d.ID) {
		bad("deck id %q is not a valid id", clip(d.ID))
	}
	if strings.TrimSpace(d.Title) == "" {
		bad("the deck has no title")
	}
	for name, s := range map[string]string{
		"title": d.Title, "event": d.Event, "venue": d.Venue,
		"contact name": d.Contact.Name, "contact organisation": d.Contact.Organisation,
		"contact phone": d.Contact.Phone, "contact email": d.Contact.Email, "contact url": d.Contact.URL,
	} {
		checkText(bad, name, s, MaxTextRunes)
	}
	if d.Date != "" {
		if _, err := time.Parse("2006-01-02", d.Date); err != nil || !datePattern.MatchString(d.Date) {
			bad("date %q is not a date like 2026-03-18", clip(d.Date))
		}
	}
	if _, ok := catalog.ParseLang(string(d.Lang)); !ok || !isHallLang(d.Lang) {
		bad("language %q is not zh-Hans, zh-Hant or en", clip(string(d.Lang)))
	}
	if d.Minutes < 0 || d.Minutes > MaxMinutes {
		bad("planned length %d minutes is outside 0 to %d", d.Minutes, MaxMinutes)
	}
	if len(d.Slides) > MaxSlides {
		bad("%d slides is more than the %d a deck may have", len(d.Slides), MaxSlides)
	}
	for i, s := range d.Slides {
		if i >= MaxSlides {
			break
		}
		switch s.Kind {
		case KindTitle, KindClosing:
			if s.Project != "" {
				bad("slide %d is a %s slide but names a project", i+1, s.Kind)
			}
		case KindProject:
			if !ValidID(s.Project) {
				bad("slide %d names project %q, which is not a valid project id", i+1, clip(s.Project))
			}
		default:
			bad("slide %d has unknown kind %q (title, project or closing)", i+1, clip(string(s.Kind)))
		}
		checkText(bad, fmt.Sprintf("slide %d notes", i+1), s.Notes, MaxNotesRunes)
	}
	if len(problems) == 0 {
		return nil
	}
	return &InvalidError{Problems: problems}
}

func isHallLang(l catalog.Lang) bool {
	for _, h := range catalog.Langs {
		if l == h {
			return true
		}
	}
	return false
}

func checkText(bad func(string, ...any), name, s string, max int) {
	switch {
	case !utf8.ValidString(s):
		bad("%s is not valid UTF-8 text", name)
	case utf8.RuneCountInString(s) > max:
		bad("%s is longer than %d characters", name, max)
	case strings.ContainsRune(s, 0):
		bad("%s contains a NUL character", name)
	}
}

// clip keeps hostile values short in messages.
func clip(s string) string {
	if utf8.RuneCountInString(s) <= 40 {
		return s
	}
	return string([]rune(s)[:40]) + "…"
}

// InvalidError lists what is wrong with a deck.
type InvalidError struct{ Problems []string }

func (e *InvalidError) Error() string {
	if len(e.Problems) == 1 {
		return "the deck is invalid: " + e.Problems[0]
	}
	return fmt.Sprintf("the deck is invalid: %s (and %d more problems)", e.Problems[0], len(e.Problems)-1)
}

// ErrNotFound is returned for a deck id the store does not have.
var ErrNotFound = errors.New("no such deck")

// Missing lists the projects the deck shows that the catalogue does not
// have (a deck imported from a laptop with another catalogue).
func (d *Deck) Missing(has func(id string) bool) []string {
	var out []string
	for _, id := range d.Projects() {
		if !has(id) {
			out = append(out, id)
		}
	}
	return out
}

// Facts are the few key facts a project slide and its handout show, in
// l: themes, where it is, the lists it is on, key technologies, year.
func Facts(snap *catalog.Snapshot, p *catalog.Project, l catalog.Lang) []string {
	name := func(f catalog.Facet, id string) string {
		if t, ok := snap.Term(f, id); ok {
			return t.Name.In(l)
		}
		return ""
	}
	var out []string
	add := func(s string) {
		if s != "" {
			out = append(out, s)
		}
	}
	var themes []string
	for _, t := range p.Themes {
		themes = append(themes, name(catalog.FacetTheme, t))
	}
	add(strings.Join(themes, " · "))
	add(name(catalog.FacetZone, p.Zone))
	var lists []string
	for _, e := range p.Lists {
		lists = append(lists, name(catalog.FacetList, e.List))
	}
	add(strings.Join(lists, " · "))
	var tech []string
	for i, t := range p.Technologies {
		if i == 3 {
			break
		}
		tech = append(tech, t.In(l))
	}
	add(strings.Join(tech, " · "))
	if p.Year > 0 {
		add(fmt.Sprint(p.Year))
	}
	return out
}
