// Package screens draws the hall's screens with Fyne. Screens take plain
// data (a catalogue snapshot, the visitor's language) and report what the
// visitor does through Nav; they never open the database, touch the
// network or block on I/O on the UI goroutine.
package screens

import (
	"fmt"
	"time"

	"showhall/store/catalog"
	"showhall/store/search"
)

// Nav is how a screen asks to go somewhere. The app owns the navigation
// state and decides what that means.
type Nav interface {
	Home()
	Browse(f catalog.Filter)
	Open(projectID string)
	Back()
	SetLang(l catalog.Lang)
}

// UI is what every visitor screen is built from.
type UI struct {
	Snap *catalog.Snapshot
	Lang catalog.Lang
	Pics *Pictures
	Nav  Nav
	// Rotation is the season the hall shows now.
	Rotation *catalog.Rotation
	// Search finds projects by what a visitor types; nil while it is
	// being built (the search box then waits).
	Search *search.Index
	// OnSearch hears each finished search, for the curators' statistics.
	OnSearch func(query string, results int)
	// Viewing is the visitor's text size and look (the app's theme shows
	// them; screens read it to light up the switches).
	Viewing Viewing
	// Reach is how many pixels up from the bottom of the screen a seated
	// visitor reaches; on a taller screen the controls sit at the bottom.
	// Zero keeps them at the top.
	Reach float32
}

// Searcher is a Nav that can open the catalogue with the keyboard up.
type Searcher interface {
	Search()
}

// termName is a vocabulary value's name in the visitor's language.
func (u *UI) termName(f catalog.Facet, id string) string {
	if f == catalog.FacetYear {
		return id
	}
	if t, ok := u.Snap.Term(f, id); ok {
		return t.Name.In(u.Lang)
	}
	return id
}

// seasonDates shows a rotation's dates as the hall reads them: in its own
// time zone, end date inclusive.
func seasonDates(r *catalog.Rotation, l catalog.Lang) string {
	loc, err := time.LoadLocation(r.TimeZone)
	if err != nil {
		loc = time.FixedZone("CST", 8*3600)
	}
	start, end := r.Start.In(loc), r.End.In(loc).Add(-time.Second)
	format := func(t time.Time) string {
		if l == catalog.En {
			return t.Format("2 Jan 2006")
		}
		return fmt.Sprintf("%d年%d月%d日", t.Year(), t.Month(), t.Day())
	}
	return T(l, "season_dates", map[string]any{"Start": format(start), "End": format(end)})
}
