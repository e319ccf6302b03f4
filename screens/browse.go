package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// Browse is the whole catalogue as a grid, narrowed by filter chips. It
// keeps its own filter and scroll position, so returning from a project
// finds it as it was.
type Browse struct {
	ui       *UI
	filter   catalog.Filter
	results  []int
	grid     *widget.GridWrap
	count    *widget.Label
	facets   *fyne.Container
	onFilter func(catalog.Filter)
	root     fyne.CanvasObject
}

// NewBrowse builds the browse screen with a starting filter; onFilter
// hears every change (the app remembers it for Back).
func NewBrowse(ui *UI, f catalog.Filter, onFilter func(catalog.Filter)) *Browse {
	b := &Browse{ui: ui, filter: f, onFilter: onFilter}
	b.results = ui.Snap.Filter(f)
	b.count = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.grid = widget.NewGridWrap(
		func() int { return len(b.results) },
		func() fyne.CanvasObject { return NewTile(ui.Pics, ui.Nav.Open) },
		func(id widget.GridWrapItemID, o fyne.CanvasObject) {
			if id < len(b.results) {
				o.(*Tile).SetProject(ui.Snap.At(b.results[id]), ui.Lang, "")
			}
		},
	)
	b.facets = container.NewVBox()
	b.refresh()

	grid := TouchGrid(b.grid, func() float32 { return TileSize.Height }, func() int { return len(b.results) })
	side := container.NewVScroll(container.NewPadded(b.facets))
	side.SetMinSize(fyne.NewSize(420, 0))
	top := TopBar{Lang: ui.Lang, Title: T(ui.Lang, "browse_all"), OnHome: ui.Nav.Home, OnBack: ui.Nav.Back, OnLang: ui.Nav.SetLang}.Build()
	head := container.NewPadded(container.NewHBox(b.count, layout.NewSpacer()))
	b.root = container.NewBorder(top, nil, TouchScroll(side), nil, container.NewBorder(head, nil, nil, nil, grid))
	return b
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
	b.results = b.ui.Snap.Filter(b.filter)
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
	if len(b.results) == 0 {
		b.count.SetText(T(l, "no_projects"))
	} else {
		b.count.SetText(T(l, "n_projects", map[string]any{"Count": len(b.results)}))
	}
	var objs []fyne.CanvasObject
	if !b.filter.Empty() {
		objs = append(objs, Button(T(l, "clear_filters"), theme.ContentClearIcon(), b.Clear))
	}
	for _, f := range catalog.Facets {
		f := f
		objs = append(objs, label(T(l, "facet_"+string(f)), 22, ColorAccent, true))
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
		size := fyne.NewSize(196, TouchTarget)
		if f == catalog.FacetList || f == catalog.FacetZone {
			size = fyne.NewSize(400, TouchTarget)
		}
		objs = append(objs, container.NewGridWrap(size, chips...))
	}
	b.facets.Objects = objs
	b.facets.Refresh()
	b.grid.Refresh()
}
