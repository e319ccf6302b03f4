package screens

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// FeatureWidth is the least width of a featured exhibit on the home
// screen; the featured row widens its cards to fill the screen.
const FeatureWidth float32 = 440

// featureSize is a featured card at the text size in use: a 16:9
// picture above a title and the organisation.
func featureSize() fyne.Size {
	pad := theme.Padding()
	text := fyne.MeasureText("展", TextPx(22), fyne.TextStyle{Bold: true}).Height + fyne.MeasureText("展", TextPx(16), fyne.TextStyle{}).Height
	return fyne.NewSize(FeatureWidth, FeatureWidth*9/16+text+6*pad)
}

// NewHome builds the home screen: the season's featured exhibits large,
// the rest of its exhibits as tiles, and ways into the whole catalogue.
func NewHome(ui *UI) fyne.CanvasObject {
	l := ui.Lang
	var featured, rest []*catalog.Project
	title := T(l, "hall_name")
	var dates string
	if r := ui.Rotation; r != nil {
		title = r.Name.In(l)
		dates = seasonDates(r, l)
		for _, s := range r.Showcase {
			p, ok := ui.Snap.Project(s.Project)
			if !ok {
				continue
			}
			if s.Featured {
				featured = append(featured, p)
			} else {
				rest = append(rest, p)
			}
		}
	}

	var feats []fyne.CanvasObject
	for _, p := range featured {
		feats = append(feats, featureCard(ui, p))
	}
	var tiles []fyne.CanvasObject
	for _, p := range rest {
		t := NewTile(ui.Pics, ui.Nav.Open)
		t.SetProject(p, l)
		tiles = append(tiles, t)
	}
	var themes []fyne.CanvasObject
	for _, id := range ui.Snap.Values(catalog.FacetTheme) {
		id := id
		n := ui.Snap.Count(nil, catalog.FacetTheme, id)
		themes = append(themes, Chip(ui.termName(catalog.FacetTheme, id)+" · "+itoa(n), false, func() {
			ui.Nav.Browse(catalog.Filter{catalog.FacetTheme: {id}})
		}))
	}
	browseAll := Button(T(l, "browse_all")+"  ·  "+T(l, "n_projects", map[string]any{"Count": ui.Snap.Len()}), theme.ListIcon(), func() { ui.Nav.Browse(nil) })
	browseAll.Importance = widget.HighImportance
	var actions []fyne.CanvasObject
	if s, ok := ui.Nav.(Searcher); ok && ui.Search != nil {
		actions = append(actions, Button(T(l, "search"), theme.SearchIcon(), s.Search))
	}

	body := container.NewVBox(
		sectionTitle(T(l, "featured"), dates),
		newStretchedGrid(featureSize, feats...),
		sectionTitle(T(l, "showcase"), ""),
		newJustifiedGrid(TileSize, tiles...),
		sectionTitle(T(l, "by_theme"), ""),
		newJustifiedGrid(func() fyne.Size { return chipCell(300, themes) }, themes...),
		container.NewPadded(sized(browseAll, fyne.NewSize(0, TouchTarget+16))),
	)
	scroll := container.NewVScroll(container.NewPadded(body))
	return ui.page(TopBar{Title: title, Actions: actions}, TouchScroll(scroll))
}

func sectionTitle(s, aside string) fyne.CanvasObject {
	return container.NewPadded(container.NewHBox(label(s, 28, Colors().Accent, true), layout.NewSpacer(), label(aside, 20, Colors().Muted, false)))
}

// featureCard is a featured exhibit: a large picture, title and summary.
func featureCard(ui *UI, p *catalog.Project) fyne.CanvasObject {
	pic := ui.Pics.NewPicture(p.Cover, SizeHero)
	w := FeatureWidth - 4*theme.Padding() - 2 // inside the card's two paddings
	title := label(ellipsis(p.Title.In(ui.Lang), 22, w), 22, Colors().Text, true)
	org := label(ellipsis(p.Organisation.In(ui.Lang), 16, w), 16, Colors().Muted, false)
	card := container.NewBorder(sized(pic, fyne.NewSize(FeatureWidth, FeatureWidth*9/16)), nil, nil, nil,
		container.NewPadded(container.NewVBox(title, org)))
	id := p.ID
	return NewPressable(panel(card, Colors().Panel), func() { ui.Nav.Open(id) })
}

func itoa(n int) string { return strconv.Itoa(n) }
