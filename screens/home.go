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

// FeatureSize is a featured exhibit on the home screen.
var FeatureSize = fyne.NewSize(440, 360)

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
		container.NewGridWrap(FeatureSize, feats...),
		sectionTitle(T(l, "showcase"), ""),
		container.NewGridWrap(TileSize, tiles...),
		sectionTitle(T(l, "by_theme"), ""),
		container.NewGridWrap(fyne.NewSize(300, TouchTarget), themes...),
		container.NewPadded(sized(browseAll, fyne.NewSize(0, TouchTarget+16))),
	)
	scroll := container.NewVScroll(container.NewPadded(body))
	bar := TopBar{Lang: l, Title: title, OnLang: ui.Nav.SetLang, Actions: actions}.Build()
	return container.NewBorder(bar, nil, nil, nil, TouchScroll(scroll))
}

func sectionTitle(s, aside string) fyne.CanvasObject {
	return container.NewPadded(container.NewHBox(label(s, 28, ColorAccent, true), layout.NewSpacer(), label(aside, 20, ColorMuted, false)))
}

// featureCard is a featured exhibit: a large picture, title and summary.
func featureCard(ui *UI, p *catalog.Project) fyne.CanvasObject {
	pic := ui.Pics.NewPicture(p.Cover, SizeHero)
	w := FeatureSize.Width - 24
	title := label(ellipsis(p.Title.In(ui.Lang), 22, w), 22, ColorText, true)
	org := label(ellipsis(p.Organisation.In(ui.Lang), 16, w), 16, ColorMuted, false)
	card := container.NewBorder(sized(pic, fyne.NewSize(FeatureSize.Width, FeatureSize.Width*9/16)), nil, nil, nil,
		container.NewPadded(container.NewVBox(title, org)))
	id := p.ID
	return NewPressable(panel(card, ColorPanel), func() { ui.Nav.Open(id) })
}

func itoa(n int) string { return strconv.Itoa(n) }
