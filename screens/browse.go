package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/screens/keyboard"
	"showhall/store/catalog"
	"showhall/store/search"
)

// Browse is the whole catalogue as a grid, narrowed by filter chips. It
// keeps its own filter and scroll position, so returning from a project
// finds it as it was.
type Browse struct {
	ui       *UI
	filter   catalog.Filter
	query    string
	results  []int
	hits     map[int]search.Hit // by snapshot index, while a query is typed
	grid     *widget.GridWrap
	count    *widget.Label
	facets   *fyne.Container
	side     *container.Scroll
	onFilter func(catalog.Filter)
	root     fyne.CanvasObject

	searchBar *widget.RichText // the search box: the hint, or what is typed
	keys      *keyboard.Keyboard
	keysSlot  *fyne.Container // holds the keyboard while it is up
	suggest   *fyne.Container // themes to try when a search finds nothing
	lastLog   string          // the last query told to OnSearch
}

// NewBrowse builds the browse screen with a starting filter; onFilter
// hears every change (the app remembers it for Back).
func NewBrowse(ui *UI, f catalog.Filter, onFilter func(catalog.Filter)) *Browse {
	b := &Browse{ui: ui, filter: f, onFilter: onFilter}
	b.compute()
	b.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.grid = widget.NewGridWrap(
		func() int { return len(b.results) },
		func() fyne.CanvasObject {
			return NewTile(ui.Pics, func(id string) {
				b.logSearch() // opening a result ends a search
				ui.Nav.Open(id)
			})
		},
		func(id widget.GridWrapItemID, o fyne.CanvasObject) {
			if id < len(b.results) {
				i := b.results[id]
				o.(*Tile).SetMatch(ui.Snap.At(i), ui.Lang, b.highlight(i))
			}
		},
	)
	b.facets = container.NewVBox()

	grid := TouchGrid(b.grid, func() float32 { return TileSize().Height }, func() int { return len(b.results) })
	b.side = container.NewVScroll(container.NewPadded(b.facets))
	b.suggest = container.NewStack()
	b.keysSlot = container.NewStack()
	var head fyne.CanvasObject = container.NewHBox(b.count, layout.NewSpacer())
	if ui.Search != nil {
		b.keys = keyboard.New(TouchTarget)
		b.keys.SetLabels(T(ui.Lang, "search_space"), T(ui.Lang, "search_clear"))
		b.keys.OnChanged = b.setQuery
		// A long hint gives way (an ellipsis) on a narrow screen.
		b.searchBar = widget.NewRichText()
		b.searchBar.Truncation = fyne.TextTruncateEllipsis
		icon := widget.NewIcon(theme.SearchIcon())
		box := panel(container.NewBorder(nil, nil, icon, nil, b.searchBar), Colors().Panel)
		field := NewPressable(box, b.ShowKeyboard)
		field.SetMinSize(fyne.NewSize(TouchTarget*3, TouchTarget))
		// The count has a line of its own under the box: on a portrait
		// screen with large text there is no room beside it.
		head = container.NewVBox(field, b.count)
	}
	main := container.NewBorder(container.NewVBox(container.NewPadded(head), b.suggest), nil, nil, nil, grid)
	// The keyboard spans the screen's width at the bottom, within reach;
	// the filters go above the results when both do not fit side by side.
	// Search is also on the bar, which a seated visitor reaches on a tall
	// screen where the search box above the results may be too high.
	var actions []fyne.CanvasObject
	if b.keys != nil {
		actions = append(actions, Button(T(ui.Lang, "search"), theme.SearchIcon(), b.ShowKeyboard))
	}
	b.root = ui.page(TopBar{Title: T(ui.Lang, "browse_all"), OnHome: ui.Nav.Home, OnBack: ui.Nav.Back, Actions: actions},
		container.NewBorder(nil, b.keysSlot, nil, nil,
			container.New(sideBySide{least: TileWidth + 4*theme.Padding()}, TouchScroll(b.side), main)))
	b.refresh()
	return b
}

// ShowKeyboard brings up the on-screen keyboard under the results.
func (b *Browse) ShowKeyboard() {
	if b.keys == nil || len(b.keysSlot.Objects) > 0 {
		return
	}
	done := Button(T(b.ui.Lang, "search_done"), theme.ConfirmIcon(), b.HideKeyboard)
	done.Importance = widget.HighImportance
	panel := container.NewBorder(nil, nil, nil, sized(done, fyne.NewSize(160, TouchTarget)), container.NewCenter(b.keys))
	b.keysSlot.Objects = []fyne.CanvasObject{panelBox(panel)}
	b.keysSlot.Refresh()
}

// HideKeyboard puts the keyboard away; the results stay.
func (b *Browse) HideKeyboard() {
	b.keysSlot.Objects = nil
	b.keysSlot.Refresh()
	b.logSearch()
}

// TypedRune takes a character from a physical keyboard or an input
// method (a laptop), as if typed on the screen's keyboard.
func (b *Browse) TypedRune(r rune) {
	if b.keys == nil {
		return
	}
	b.ShowKeyboard()
	b.keys.SetText(b.keys.Text() + string(r))
}

// TypedKey handles backspace and escape from a physical keyboard.
func (b *Browse) TypedKey(e *fyne.KeyEvent) {
	if b.keys == nil {
		return
	}
	switch e.Name {
	case fyne.KeyBackspace:
		if r := []rune(b.keys.Text()); len(r) > 0 {
			b.keys.SetText(string(r[:len(r)-1]))
		}
	case fyne.KeyEscape, fyne.KeyReturn, fyne.KeyEnter:
		b.HideKeyboard()
	}
}

// KeyboardShown reports whether the keyboard is up.
func (b *Browse) KeyboardShown() bool { return len(b.keysSlot.Objects) > 0 }

// Keyboard is the search keyboard (nil without a search index).
func (b *Browse) Keyboard() *keyboard.Keyboard { return b.keys }

// Query is what the visitor has typed.
func (b *Browse) Query() string { return b.query }

func (b *Browse) setQuery(q string) {
	b.query = q
	b.compute()
	b.refresh()
	b.grid.ScrollToTop()
}

// logSearch tells the statistics about a finished search, once.
func (b *Browse) logSearch() {
	q := strings.TrimSpace(b.query)
	if q == "" || q == b.lastLog || b.ui.OnSearch == nil {
		return
	}
	b.lastLog = q
	b.ui.OnSearch(q, len(b.results))
}

// compute works out what the grid shows: the filter's projects, narrowed
// and ranked by the search when something is typed.
func (b *Browse) compute() {
	within := b.ui.Snap.Filter(b.filter)
	q := strings.TrimSpace(b.query)
	if q == "" || b.ui.Search == nil {
		b.results, b.hits = within, nil
		return
	}
	hits, _ := b.ui.Search.Find(q, b.ui.Lang, within, 0)
	b.results = make([]int, len(hits))
	b.hits = make(map[int]search.Hit, len(hits))
	for k, h := range hits {
		b.results[k] = h.Index
		b.hits[h.Index] = h
	}
}

// highlight says what to light up on the tile of project i.
func (b *Browse) highlight(i int) *Highlight {
	h, ok := b.hits[i]
	if !ok || h.Lang != b.ui.Lang {
		return nil // a match in another language has nothing to light up here
	}
	out := &Highlight{InTitle: h.Field == search.FieldTitle, Text: h.Text}
	for _, r := range h.Ranges {
		out.Ranges = append(out.Ranges, [2]int{r.Start, r.End})
	}
	return out
}

// Object is the screen to show.
func (b *Browse) Object() fyne.CanvasObject { return b.root }

// Filter is the filter the visitor has chosen.
func (b *Browse) Filter() catalog.Filter { return b.filter }

// Results lists the shown projects' indexes in the snapshot.
func (b *Browse) Results() []int { return b.results }

// Toggle turns a chip on or off, as a tap does.
func (b *Browse) Toggle(f catalog.Facet, value string) {
	b.filter = b.filter.With(f, value, !b.filter.Has(f, value))
	b.changed()
}

// Clear removes every filter.
func (b *Browse) Clear() {
	b.filter = nil
	b.changed()
}

func (b *Browse) changed() {
	b.compute()
	b.refresh()
	b.grid.ScrollToTop()
	if b.onFilter != nil {
		b.onFilter(b.filter)
	}
}

// refresh redraws the count, the chips (their counts follow the filter)
// and the grid.
func (b *Browse) refresh() {
	l := b.ui.Lang
	if len(b.results) == 0 && strings.TrimSpace(b.query) == "" {
		b.count.SetText(T(l, "no_projects"))
	} else {
		b.count.SetText(T(l, "n_projects", map[string]any{"Count": len(b.results)}))
	}
	if b.searchBar != nil {
		text, style := b.query, styleBody
		if b.query == "" {
			text, style = T(l, "search_hint"), styleMuted
		}
		style.Inline = true
		b.searchBar.Segments = []widget.RichTextSegment{&widget.TextSegment{Text: text, Style: style}}
		b.searchBar.Refresh()
	}
	b.suggestThemes()
	var objs []fyne.CanvasObject
	var widest float32
	if !b.filter.Empty() {
		objs = append(objs, Button(T(l, "clear_filters"), theme.ContentClearIcon(), b.Clear))
	}
	for _, f := range catalog.Facets {
		f := f
		objs = append(objs, label(T(l, "facet_"+string(f)), 22, Colors().Accent, true))
		var chips []fyne.CanvasObject
		for _, v := range b.ui.Snap.Values(f) {
			v := v
			on := b.filter.Has(f, v)
			n := b.ui.Snap.Count(b.filter, f, v)
			if n == 0 && !on {
				continue // a chip that would show nothing is no help
			}
			chips = append(chips, Chip(b.ui.termName(f, v)+" · "+itoa(n), on, func() { b.Toggle(f, v) }))
		}
		least := float32(196)
		if f == catalog.FacetList || f == catalog.FacetZone {
			least = 400
		}
		cell := chipCell(least, chips)
		widest = max(widest, cell.Width)
		objs = append(objs, container.NewGridWrap(cell, chips...))
	}
	// The column is as wide as its widest chip: a long theme's name is
	// never cut at the column's edge.
	if b.side != nil {
		b.side.SetMinSize(fyne.NewSize(max(TextPx(420), widest+4*theme.Padding()), 0))
	}
	b.facets.Objects = objs
	b.facets.Refresh()
	b.grid.Refresh()
}

// suggestThemes offers themes to browse when a search finds nothing, so
// a visitor is never left at an empty screen.
func (b *Browse) suggestThemes() {
	if b.suggest == nil {
		return
	}
	var objs []fyne.CanvasObject
	if len(b.results) == 0 && strings.TrimSpace(b.query) != "" {
		l := b.ui.Lang
		objs = append(objs, label(T(l, "no_results", map[string]any{"Query": b.query}), 22, Colors().Accent, true))
		for _, id := range b.ui.Snap.Values(catalog.FacetTheme) {
			id := id
			objs = append(objs, Chip(b.ui.termName(catalog.FacetTheme, id), false, func() {
				b.logSearch()
				b.query = ""
				if b.keys != nil {
					b.keys.Clear() // calls setQuery
				}
				b.filter = catalog.Filter{catalog.FacetTheme: {id}}
				b.changed()
			}))
		}
		objs = objs[:min(len(objs), 9)]
	}
	if len(objs) == 0 {
		b.suggest.Objects = nil
	} else {
		b.suggest.Objects = []fyne.CanvasObject{container.NewPadded(container.NewVBox(objs[0], container.NewGridWrap(chipCell(300, objs[1:]), objs[1:]...)))}
	}
	b.suggest.Refresh()
}
