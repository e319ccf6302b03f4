package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// TileWidth is a project tile's width: four to a row beside the filter
// panel at 1080p.
const TileWidth float32 = 340

// TileSize is a project tile at the text size in use: a picture above a
// title of up to two lines and the organisation's line.
func TileSize() fyne.Size {
	pad := theme.Padding()
	return fyne.NewSize(TileWidth, pad+TileWidth*9/16+tileTitleHeight()+pad+tileLineHeight()+pad)
}

var (
	tileTitleStyle = widget.RichTextStyle{TextStyle: fyne.TextStyle{Bold: true}, Inline: true}
	tileLineStyle  = widget.RichTextStyle{ColorName: theme.ColorNamePlaceHolder, SizeName: theme.SizeNameCaptionText, Inline: true}
)

// tileTitleHeight is two lines of a tile's title, at the text size in use.
func tileTitleHeight() float32 {
	return widget.NewRichText(&widget.TextSegment{Text: "展\n厅", Style: tileTitleStyle}).MinSize().Height
}

func tileLineHeight() float32 {
	return widget.NewRichText(&widget.TextSegment{Text: "展", Style: tileLineStyle}).MinSize().Height
}

// Tile shows one project in a grid: its cover, title and organisation.
// Grids recycle tiles, so a tile can be pointed at another project.
type Tile struct {
	widget.BaseWidget
	pic   *Picture
	title *widget.RichText
	org   *widget.RichText
	press *Pressable
	onTap func(id string)
	id    string
}

// Highlight marks what a search matched: the field's text as shown and
// the rune ranges to light up.
type Highlight struct {
	InTitle bool
	Text    string
	Ranges  [][2]int
}

// NewTile makes an empty tile; SetProject fills it.
func NewTile(pics *Pictures, onTap func(id string)) *Tile {
	t := &Tile{onTap: onTap}
	t.pic = pics.NewPicture("", SizeTile)
	t.title = widget.NewRichText()
	// A long title takes a second line before it is cut with an ellipsis.
	t.title.Wrapping = fyne.TextWrapWord
	t.title.Truncation = fyne.TextTruncateEllipsis
	t.org = widget.NewRichText()
	t.org.Truncation = fyne.TextTruncateEllipsis
	t.ExtendBaseWidget(t)
	return t
}

// SetProject points the tile at a project in the visitor's language.
func (t *Tile) SetProject(p *catalog.Project, l catalog.Lang) {
	t.SetMatch(p, l, nil)
}

// SetMatch points the tile at a project found by a search: the matched
// part of the title lights up, or, when the match is elsewhere (the
// organisation, a theme, the story), the second line shows it lit up.
func (t *Tile) SetMatch(p *catalog.Project, l catalog.Lang, h *Highlight) {
	t.id = p.ID
	t.pic.SetHash(p.Cover, SizeTile)
	titleStyle, lineStyle := tileTitleStyle, tileLineStyle
	switch {
	case h == nil:
		t.title.Segments = plain(p.Title.In(l), titleStyle)
		t.org.Segments = plain(p.Organisation.In(l), lineStyle)
	case h.InTitle:
		t.title.Segments = lit(h.Text, h.Ranges, titleStyle)
		t.org.Segments = plain(p.Organisation.In(l), lineStyle)
	default:
		t.title.Segments = plain(p.Title.In(l), titleStyle)
		t.org.Segments = lit(snippet(h.Text, h.Ranges), shift(h.Text, h.Ranges), lineStyle)
	}
	t.title.Refresh()
	t.org.Refresh()
}

func plain(s string, style widget.RichTextStyle) []widget.RichTextSegment {
	return []widget.RichTextSegment{&widget.TextSegment{Text: s, Style: style}}
}

// lit splits s into segments with the ranges (rune offsets) in the
// accent colour.
func lit(s string, ranges [][2]int, style widget.RichTextStyle) []widget.RichTextSegment {
	r := []rune(s)
	on := style
	on.ColorName = theme.ColorNamePrimary
	on.TextStyle.Bold = true
	var segs []widget.RichTextSegment
	at := 0
	for _, rg := range ranges {
		a, b := clamp(rg[0], at, len(r)), clamp(rg[1], at, len(r))
		if a > at {
			segs = append(segs, &widget.TextSegment{Text: string(r[at:a]), Style: style})
		}
		if b > a {
			segs = append(segs, &widget.TextSegment{Text: string(r[a:b]), Style: on})
		}
		at = b
	}
	if at < len(r) {
		segs = append(segs, &widget.TextSegment{Text: string(r[at:]), Style: style})
	}
	return segs
}

func clamp(v, lo, hi int) int {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}

// snippetLead is how much text a snippet keeps before the first match, so
// a match deep in a story still shows on a one-line tile.
const snippetLead = 8

// snippet cuts a long text to start shortly before its first match.
func snippet(s string, ranges [][2]int) string {
	r := []rune(s)
	if len(ranges) == 0 || ranges[0][0] <= snippetLead {
		return s
	}
	return "…" + string(r[ranges[0][0]-snippetLead:])
}

// shift moves ranges to match snippet's cut.
func shift(s string, ranges [][2]int) [][2]int {
	if len(ranges) == 0 || ranges[0][0] <= snippetLead {
		return ranges
	}
	d := ranges[0][0] - snippetLead - 1 // one rune for the ellipsis
	out := make([][2]int, len(ranges))
	for i, rg := range ranges {
		out[i] = [2]int{rg[0] - d, rg[1] - d}
	}
	return out
}

// ID is the project the tile shows.
func (t *Tile) ID() string { return t.id }

func (t *Tile) CreateRenderer() fyne.WidgetRenderer {
	picBox := sized(t.pic, fyne.NewSize(TileWidth, TileWidth*9/16))
	text := container.NewVBox(sized(t.title, fyne.NewSize(0, tileTitleHeight())), t.org)
	body := container.NewBorder(picBox, nil, nil, nil, text)
	t.press = NewPressable(panel(body, Colors().Panel), func() {
		if t.onTap != nil && t.id != "" {
			t.onTap(t.id)
		}
	})
	return widget.NewSimpleRenderer(t.press)
}

func (t *Tile) MinSize() fyne.Size { return TileSize() }

// ellipsis shortens s so that it fits width at the given text size (at
// the hall's standard size, grown as label grows it).
func ellipsis(s string, size, width float32) string {
	size = TextPx(size)
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

// chipCell is a grid cell for chips: at least least wide (at the hall's
// text size, grown with the visitor's), and as wide as the widest chip so
// that no chip's text is cut.
func chipCell(least float32, chips []fyne.CanvasObject) fyne.Size {
	s := fyne.NewSize(TextPx(least), TouchTarget)
	for _, c := range chips {
		s = s.Max(c.MinSize())
	}
	return s
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
