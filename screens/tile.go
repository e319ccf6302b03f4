package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// TileSize is a project tile in a grid at 1080p: four to a row beside the
// filter panel, a picture above two lines of text.
var TileSize = fyne.NewSize(340, 290)

// Tile shows one project in a grid: its cover, title and organisation.
// Grids recycle tiles, so a tile can be pointed at another project.
type Tile struct {
	widget.BaseWidget
	pic   *Picture
	title *canvas.Text
	org   *canvas.Text
	badge *canvas.Text
	press *Pressable
	onTap func(id string)
	id    string
}

// NewTile makes an empty tile; SetProject fills it.
func NewTile(pics *Pictures, onTap func(id string)) *Tile {
	t := &Tile{onTap: onTap}
	t.pic = pics.NewPicture("", SizeTile)
	t.title = label("", 19, ColorText, true)
	t.org = label("", 15, ColorMuted, false)
	t.badge = label("", 14, ColorAccent, true)
	t.ExtendBaseWidget(t)
	return t
}

// SetProject points the tile at a project in the visitor's language.
func (t *Tile) SetProject(p *catalog.Project, l catalog.Lang, badge string) {
	t.id = p.ID
	t.pic.SetHash(p.Cover, SizeTile)
	t.title.Text = ellipsis(p.Title.In(l), 19, TileSize.Width-20)
	t.org.Text = ellipsis(p.Organisation.In(l), 15, TileSize.Width-20)
	t.badge.Text = badge
	t.title.Refresh()
	t.org.Refresh()
	t.badge.Refresh()
}

// ID is the project the tile shows.
func (t *Tile) ID() string { return t.id }

func (t *Tile) CreateRenderer() fyne.WidgetRenderer {
	picBox := sized(t.pic, fyne.NewSize(TileSize.Width, TileSize.Width*9/16))
	text := container.NewVBox(t.title, t.org)
	body := container.NewBorder(picBox, nil, nil, nil, container.NewPadded(container.NewBorder(nil, container.NewHBox(t.badge, layout.NewSpacer()), nil, nil, text)))
	t.press = NewPressable(panel(body, ColorPanel), func() {
		if t.onTap != nil && t.id != "" {
			t.onTap(t.id)
		}
	})
	return widget.NewSimpleRenderer(t.press)
}

func (t *Tile) MinSize() fyne.Size { return TileSize }

// ellipsis shortens s so that it fits width at the given text size.
func ellipsis(s string, size, width float32) string {
	if fyne.MeasureText(s, size, fyne.TextStyle{Bold: true}).Width <= width {
		return s
	}
	r := []rune(s)
	for len(r) > 1 {
		r = r[:len(r)-1]
		if fyne.MeasureText(string(r)+"…", size, fyne.TextStyle{Bold: true}).Width <= width {
			break
		}
	}
	return string(r) + "…"
}

// Chip is a filter toggle: a value of a facet, with how many projects it
// would show.
func Chip(text string, on bool, onTap func()) fyne.CanvasObject {
	b := Button(text, nil, onTap)
	if on {
		b.Importance = widget.HighImportance
	}
	return b
}
