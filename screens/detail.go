package screens

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// Detail is one project: a gallery that swipes, the facts a visitor or a
// buyer wants (who built it, where it runs), its story, a QR code to its
// portal page, and related projects.
type Detail struct {
	ui      *UI
	p       *catalog.Project
	gallery *Gallery
	root    fyne.CanvasObject

	video     fyne.CanvasObject // the project's video surface, or nil
	mediaSlot *fyne.Container   // shows the gallery or the video
	showing   string            // "pictures" or "video"
	tabs      *fyne.Container
	onLeave   func(video bool) // hears the switch away from the video
}

// NewDetail builds the page of project p.
func NewDetail(ui *UI, p *catalog.Project) *Detail {
	return NewDetailWith(ui, p, nil, nil)
}

// NewDetailWith builds the page of project p with a video surface beside
// its pictures (nil for none); onVideo hears the visitor switch to the
// video (true) or back to the pictures (false).
func NewDetailWith(ui *UI, p *catalog.Project, video fyne.CanvasObject, onVideo func(bool)) *Detail {
	d := &Detail{ui: ui, p: p, video: video, onLeave: onVideo}
	l := ui.Lang
	d.gallery = NewGallery(ui, p.Images())
	d.mediaSlot = container.NewStack(d.gallery.Object())
	d.showing = "pictures"
	d.tabs = container.NewGridWithColumns(2)
	if video != nil {
		d.updateTabs()
	}

	var qr fyne.CanvasObject = layout.NewSpacer()
	if img := QRImage(p.PortalURL, 320); img != nil {
		code := canvas.NewImageFromImage(img)
		code.FillMode = canvas.ImageFillContain
		code.ScaleMode = canvas.ImageScalePixels
		// The invitation has a row of its own, so large text wraps
		// rather than runs past the panel.
		scan := wrapped(T(l, "scan_qr"), widget.RichTextStyle{SizeName: theme.SizeNameSubHeadingText, TextStyle: fyne.TextStyle{Bold: true}})
		qr = panel(container.NewBorder(scan, nil, sized(code, fyne.NewSize(180, 180)), nil,
			wrapped(p.PortalURL, styleMuted)), Colors().Panel)
	}
	var tabs fyne.CanvasObject
	if video != nil {
		tabs = d.tabs
	}
	left := container.NewBorder(tabs, qr, nil, nil, d.mediaSlot)

	facts := widget.NewForm()
	add := func(key, value string) {
		if strings.TrimSpace(value) != "" {
			facts.Append(T(l, key), wrapped(value, styleBody))
		}
	}
	add("organisation", p.Organisation.In(l))
	add("site", p.Site.In(l)+" · "+ui.termName(catalog.FacetZone, p.Zone))
	var themes []string
	for _, t := range p.Themes {
		themes = append(themes, ui.termName(catalog.FacetTheme, t))
	}
	if p.Track != "" {
		themes = append(themes, ui.termName(catalog.FacetTrack, p.Track))
	}
	add("facet_theme", strings.Join(themes, " · "))
	add("year", itoa(p.Year))
	add("funding", vocabName(ui.Snap.Vocabulary().Funding, p.Funding, l))
	add("status", vocabName(ui.Snap.Vocabulary().Statuses, p.Status, l))
	var lists []string
	for _, e := range p.Lists {
		s := ui.termName(catalog.FacetList, e.List)
		if e.Batch != "" {
			s += " (" + e.Batch + ")"
		}
		lists = append(lists, s)
	}
	add("lists", strings.Join(lists, "\n"))
	var tech []string
	for _, t := range p.Technologies {
		tech = append(tech, t.In(l))
	}
	add("technologies", strings.Join(tech, " · "))

	var related []fyne.CanvasObject
	for _, q := range ui.Snap.Related(p, 4) {
		t := NewTile(ui.Pics, ui.Nav.Open)
		t.SetProject(q, l)
		related = append(related, t)
	}
	right := container.NewVBox(
		wrapped(p.Title.In(l), styleHeading),
		wrapped(p.Summary.In(l), styleSubHeading),
		facts,
		wrapped(p.Body.In(l), styleBody),
		sectionTitle(T(l, "related"), ""),
		newJustifiedGrid(TileSize, related...),
	)
	scroll := container.NewVScroll(container.NewPadded(right))
	split := container.NewGridWithColumns(2, container.NewPadded(left), TouchScroll(scroll))
	d.root = ui.page(TopBar{Title: p.Title.In(l), OnHome: ui.Nav.Home, OnBack: ui.Nav.Back}, split)
	return d
}

// Object is the screen to show.
func (d *Detail) Object() fyne.CanvasObject { return d.root }

// ShowVideo switches the media area to the video (true) or the pictures.
func (d *Detail) ShowVideo(on bool) {
	if d.video == nil {
		return
	}
	want := "pictures"
	if on {
		want = "video"
	}
	if want == d.showing {
		return
	}
	d.showing = want
	if on {
		d.mediaSlot.Objects = []fyne.CanvasObject{d.video}
	} else {
		d.mediaSlot.Objects = []fyne.CanvasObject{d.gallery.Object()}
	}
	d.mediaSlot.Refresh()
	d.updateTabs()
	if d.onLeave != nil {
		d.onLeave(on)
	}
}

// VideoShown reports whether the media area shows the video.
func (d *Detail) VideoShown() bool { return d.showing == "video" }

// TakeVideo lifts the video surface out of the page (to show it full
// screen); ReturnVideo puts it back.
func (d *Detail) TakeVideo() fyne.CanvasObject {
	d.mediaSlot.Objects = nil
	d.mediaSlot.Refresh()
	return d.video
}

// ReturnVideo puts the video surface back after full screen.
func (d *Detail) ReturnVideo() {
	if d.showing == "video" {
		d.mediaSlot.Objects = []fyne.CanvasObject{d.video}
		d.mediaSlot.Refresh()
	}
}

func (d *Detail) updateTabs() {
	l := d.ui.Lang
	pics := Chip(T(l, "tab_pictures"), d.showing == "pictures", func() { d.ShowVideo(false) })
	vid := Chip(T(l, "tab_video"), d.showing == "video", func() { d.ShowVideo(true) })
	d.tabs.Objects = []fyne.CanvasObject{sized(pics, fyne.NewSize(0, TouchTarget)), sized(vid, fyne.NewSize(0, TouchTarget))}
	d.tabs.Refresh()
}

// Project is the project shown.
func (d *Detail) Project() *catalog.Project { return d.p }

// Gallery is the page's picture gallery.
func (d *Detail) Gallery() *Gallery { return d.gallery }

func vocabName(terms []catalog.Term, id string, l catalog.Lang) string {
	for _, t := range terms {
		if t.ID == id {
			return t.Name.In(l)
		}
	}
	return id
}

// Gallery shows a project's pictures one at a time: swipe, or tap the
// arrows; dots say where you are.
type Gallery struct {
	ui     *UI
	hashes []string
	index  int
	pic    *Picture
	pos    *widget.Label
	root   fyne.CanvasObject
}

// NewGallery builds a gallery of the stored pictures.
func NewGallery(ui *UI, hashes []string) *Gallery {
	g := &Gallery{ui: ui, hashes: hashes}
	first := ""
	if len(hashes) > 0 {
		first = hashes[0]
	}
	g.pic = ui.Pics.NewPicture(first, SizeGallery)
	g.pic.SetFill(canvas.ImageFillContain)
	g.pos = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	swipe := newSwipeArea(g.Next, g.Prev)
	prev := Button("", theme.NavigateBackIcon(), g.Prev)
	next := Button("", theme.NavigateNextIcon(), g.Next)
	nav := container.NewHBox(sized(prev, fyne.NewSize(TouchTarget*1.5, TouchTarget)), layout.NewSpacer(), g.pos, layout.NewSpacer(), sized(next, fyne.NewSize(TouchTarget*1.5, TouchTarget)))
	g.root = container.NewBorder(nil, nav, nil, nil, container.NewStack(g.pic, swipe))
	g.update()
	return g
}

// Object is the gallery to lay out.
func (g *Gallery) Object() fyne.CanvasObject { return g.root }

// Index is the picture shown, from 0.
func (g *Gallery) Index() int { return g.index }

// Next shows the next picture, wrapping round.
func (g *Gallery) Next() { g.show(g.index + 1) }

// Prev shows the previous picture, wrapping round.
func (g *Gallery) Prev() { g.show(g.index - 1) }

func (g *Gallery) show(i int) {
	n := len(g.hashes)
	if n == 0 {
		return
	}
	g.index = ((i % n) + n) % n
	g.pic.SetHash(g.hashes[g.index], SizeGallery)
	g.update()
}

func (g *Gallery) update() {
	if len(g.hashes) == 0 {
		g.pos.SetText(T(g.ui.Lang, "no_picture"))
		return
	}
	g.pos.SetText(T(g.ui.Lang, "gallery_pos", map[string]any{"N": g.index + 1, "Total": len(g.hashes)}))
}
