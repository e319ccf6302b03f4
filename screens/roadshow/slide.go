// Package roadshow draws the presenter's screens with Fyne: the deck
// builder, the audience view (where a project slide plays its video), the
// presenter console, and both in one window for rehearsal. Where the talk
// is, and what a key does, is decided by show.go, which imports no Fyne;
// the screens only draw it.
package roadshow

import (
	"image"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/deck"
)

// Content is what slides are drawn from.
type Content struct {
	Deck deck.Deck
	Snap *catalog.Snapshot
	Pics *screens.Pictures
}

func (c *Content) lang() catalog.Lang { return c.Deck.Lang }

// text is one unwrapped line; slides are designed for a projector, so
// every line is short and sized for the back of the room.
func text(s string, size float32, c color.Color, bold bool) *canvas.Text {
	t := canvas.NewText(s, c)
	t.TextSize = size
	t.TextStyle.Bold = bold
	return t
}

// box gives an object a minimum size.
func box(o fyne.CanvasObject, w, h float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, h))
	return container.NewStack(r, o)
}

// vbox and hbox line objects up with the theme's padding between them
// at the slide's scale: a preview keeps the proportions of the projector.
func vbox(s float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedVBoxLayout(theme.Padding()*s), objs...)
}

func hbox(s float32, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(layout.NewCustomPaddedHBoxLayout(theme.Padding()*s), objs...)
}

// clipRunes shortens s to n runes with an ellipsis: a slide line never
// runs off the screen.
func clipRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// fitWidth shortens s with an ellipsis so that, at size, it is no wider
// than width.
func fitWidth(s string, size float32, bold bool, width float32) string {
	style := fyne.TextStyle{Bold: bold}
	if fyne.MeasureText(s, size, style).Width <= width {
		return s
	}
	rs := []rune(s)
	lo, hi := 0, len(rs) // the longest prefix that fits is at least lo, less than hi
	for lo+1 < hi {
		mid := (lo + hi) / 2
		if fyne.MeasureText(string(rs[:mid])+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid
		}
	}
	return string(rs[:lo]) + "…"
}

// NewPreview draws slide i for the presenter's console: a project with a
// video shows its picture with a small badge. A preview never plays the
// video; the audience view does. It is drawn at scale (smaller than the
// projector's 1) until it is laid out, then at the scale that fits its
// pane, as the audience view is.
func NewPreview(c *Content, i int, scale float32) fyne.CanvasObject {
	return newSlideView(c, i, scale, true)
}

// The size slides are designed for, a 1920x1080 projector, and the least
// a slide asks of its window: a slide fits the room it is given, and
// never makes a window grow.
var (
	slideDesign  = fyne.NewSize(1920, 1080)
	slideMinSize = fyne.NewSize(160, 90)
)

// fitScale is the scale at which a slide fills size, keeping its 16:9
// design: 1 on a 1920x1080 projector, 2/3 on a 1280x800 one.
func fitScale(size fyne.Size) float32 {
	return min(size.Width/slideDesign.Width, size.Height/slideDesign.Height)
}

// slideView shows one slide at the scale that fits its size, centred,
// with the stage's colour in the bands around it when the screen is not
// 16:9 (1280x800, 1024x768). It draws the slide again when its size
// calls for another scale.
type slideView struct {
	widget.BaseWidget
	c     *Content
	i     int
	badge bool
	// onDraw is told, on the Fyne goroutine, when the slide was drawn
	// again at a new scale: slot is the new drawing's picture area
	// (nil without a video), and old the one that was shown.
	onDraw func(old, slot *fyne.Container)

	scale float32           // of drawn
	drawn fyne.CanvasObject // the slide at scale
	slot  *fyne.Container   // drawn's picture area for a video, or nil
}

// newSlideView draws slide i at scale until it is laid out, so that a
// slide shown where the last one was is drawn once.
func newSlideView(c *Content, i int, scale float32, badge bool) *slideView {
	v := &slideView{c: c, i: i, badge: badge}
	v.ExtendBaseWidget(v)
	v.scale = scale
	v.drawn, v.slot = drawSlide(c, i, scale, badge)
	return v
}

// Scale is the scale the slide is drawn at now.
func (v *slideView) Scale() float32 { return v.scale }

// MinSize is small: the slide takes the room it is given.
func (v *slideView) MinSize() fyne.Size { return slideMinSize }

func (v *slideView) CreateRenderer() fyne.WidgetRenderer {
	return &slideRenderer{v: v, bg: canvas.NewRectangle(screens.ColorStage)}
}

type slideRenderer struct {
	v  *slideView
	bg *canvas.Rectangle // the bands beside or above the slide
}

func (r *slideRenderer) Layout(size fyne.Size) {
	v := r.v
	r.bg.Resize(size)
	s := fitScale(size)
	if s <= 0 {
		return
	}
	if d := s - v.scale; d > 1e-4 || d < -1e-4 {
		old := v.slot
		v.scale = s
		v.drawn, v.slot = drawSlide(v.c, v.i, s, v.badge)
		if v.onDraw != nil {
			v.onDraw(old, v.slot)
		}
	}
	sz := fyne.NewSize(slideDesign.Width*s, slideDesign.Height*s)
	v.drawn.Resize(sz)
	v.drawn.Move(fyne.NewPos((size.Width-sz.Width)/2, (size.Height-sz.Height)/2))
}

func (r *slideRenderer) MinSize() fyne.Size { return r.v.MinSize() }

func (r *slideRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.bg, r.v.drawn}
}

func (r *slideRenderer) Refresh() {
	r.Layout(r.v.Size())
	canvas.Refresh(r.v)
}

func (r *slideRenderer) Destroy() {}

// drawSlide draws slide i of the deck at scale (1 for a 1920x1080
// projector) and returns, for a project slide with a video, the area that
// holds its picture: the audience view puts the video there.
func drawSlide(c *Content, i int, scale float32, badge bool) (fyne.CanvasObject, *fyne.Container) {
	bg := canvas.NewRectangle(screens.ColorStage)
	if i < 0 || i >= len(c.Deck.Slides) {
		return container.NewStack(bg, container.NewCenter(text(screens.T(c.lang(), "rs_end"), 40*scale, screens.ColorMuted, false))), nil
	}
	var body fyne.CanvasObject
	var media *fyne.Container
	switch s := c.Deck.Slides[i]; s.Kind {
	case deck.KindTitle:
		body = titleSlide(c, scale)
	case deck.KindClosing:
		body = closingSlide(c, scale)
	default:
		body, media = projectSlide(c, s.Project, scale, badge)
	}
	pad := 48 * scale
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(pad, pad, pad, pad), body)), media
}

func titleSlide(c *Content, s float32) fyne.CanvasObject {
	d, l := c.Deck, c.lang()
	lines := []fyne.CanvasObject{layout.NewSpacer()}
	if d.Event != "" {
		lines = append(lines, text(clipRunes(d.Event, 40), 40*s, screens.ColorAccent, false))
	}
	lines = append(lines, text(clipRunes(d.Title, 28), 76*s, screens.ColorText, true))
	if dv := joinNonEmpty(" · ", d.Date, d.Venue); dv != "" {
		lines = append(lines, text(clipRunes(dv, 50), 34*s, screens.ColorText, false))
	}
	lines = append(lines, layout.NewSpacer(), text(screens.T(l, "hall_name"), 26*s, screens.ColorMuted, false))
	return vbox(s, append([]fyne.CanvasObject{box(layout.NewSpacer(), 0, 200*s)}, lines...)...)
}

func closingSlide(c *Content, s float32) fyne.CanvasObject {
	d, l := c.Deck, c.lang()
	lines := []fyne.CanvasObject{
		box(layout.NewSpacer(), 0, 160*s),
		text(screens.T(l, "rs_thanks"), 80*s, screens.ColorText, true),
		text(screens.T(l, "rs_contact"), 30*s, screens.ColorAccent, false),
	}
	ct := d.Contact
	for _, v := range []string{ct.Name, ct.Organisation, ct.Phone, ct.Email, ct.URL} {
		if v != "" {
			lines = append(lines, text(clipRunes(v, 60), 36*s, screens.ColorText, false))
		}
	}
	left := vbox(s, lines...)
	if img := screens.QRImage(ct.URL, 512); img != nil {
		return container.NewBorder(nil, nil, nil, container.NewCenter(qr(img, 320*s)), left)
	}
	return left
}

// qr shows a QR code crisp (no smoothing) as a square of the given side.
func qr(img image.Image, side float32) fyne.CanvasObject {
	ci := canvas.NewImageFromImage(img)
	ci.FillMode = canvas.ImageFillContain
	ci.ScaleMode = canvas.ImageScalePixels
	ci.SetMinSize(fyne.NewSize(side, side))
	return ci
}

func projectSlide(c *Content, id string, s float32, badge bool) (fyne.CanvasObject, *fyne.Container) {
	l := c.lang()
	p, ok := c.Snap.Project(id)
	if !ok {
		return container.NewCenter(text(screens.T(l, "rs_missing_project")+" "+id, 36*s, screens.ColorMuted, false)), nil
	}
	// Lines are cut to the width they have, so an English title uses the
	// room a Chinese one of fewer characters would.
	head := vbox(s,
		text(fitWidth(p.Title.In(l), 60*s, true, 1800*s), 60*s, screens.ColorText, true),
		text(fitWidth(p.Organisation.In(l), 32*s, false, 1800*s), 32*s, screens.ColorAccent, false),
	)
	side := []fyne.CanvasObject{
		text(screens.T(l, "site"), 24*s, screens.ColorMuted, false),
		text(fitWidth(p.Site.In(l), 30*s, false, 520*s), 30*s, screens.ColorText, false),
		box(layout.NewSpacer(), 0, 16*s),
	}
	facts := deck.Facts(c.Snap, p, l)
	if len(facts) > 4 {
		facts = facts[:4]
	}
	for _, f := range facts {
		side = append(side, text(fitWidth("· "+f, 26*s, false, 520*s), 26*s, screens.ColorText, false))
	}
	side = append(side, layout.NewSpacer())
	if img := screens.QRImage(p.PortalURL, 512); img != nil {
		side = append(side, qr(img, 240*s), text(screens.T(l, "scan_qr"), 22*s, screens.ColorMuted, false))
	}
	var pic fyne.CanvasObject = canvas.NewRectangle(screens.ColorPanel)
	if c.Pics != nil {
		hash := ""
		if imgs := p.Images(); len(imgs) > 0 {
			hash = imgs[0]
		}
		pp := c.Pics.NewPicture(hash, screens.SizeGallery)
		pp.SetFill(canvas.ImageFillContain)
		pic = pp
	}
	// A project with a video gets an area the audience view can put the
	// video in, and on the console's previews a badge.
	var media *fyne.Container
	if hasVideo(c.Snap, p) {
		media = container.NewStack(pic)
		pic = media
		if badge {
			pic = container.NewStack(media, vbox(s, hbox(s, videoBadge(l, s))))
		}
	}
	right := box(vbox(s, side...), 520*s, 0)
	gap := box(layout.NewSpacer(), 32*s, 24*s)
	return container.NewBorder(vbox(s, head, gap), nil, nil, hbox(s, gap, right), pic), media
}

// videoBadge marks, on the console's previews, a slide whose video plays
// on the audience view.
func videoBadge(l catalog.Lang, s float32) fyne.CanvasObject {
	icon := canvas.NewImageFromResource(theme.NewColoredResource(theme.MediaVideoIcon(), theme.ColorNameForegroundOnPrimary))
	icon.FillMode = canvas.ImageFillContain
	icon.SetMinSize(fyne.NewSquareSize(44 * s))
	label := text(screens.T(l, "tab_video"), 36*s, screens.ColorStage, true)
	bg := canvas.NewRectangle(screens.ColorAccent)
	bg.CornerRadius = 8 * s
	pad := 10 * s
	return container.NewStack(bg, container.New(layout.NewCustomPaddedLayout(pad/2, pad/2, pad, pad),
		hbox(s, icon, container.NewCenter(label))))
}

func joinNonEmpty(sep string, parts ...string) string {
	var out []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, sep)
}

// SlideTitle names slide i in a line: for the console, the builder's
// list and the "next" caption.
func SlideTitle(c *Content, i int) string {
	l := c.lang()
	if i < 0 || i >= len(c.Deck.Slides) {
		return screens.T(l, "rs_end")
	}
	switch s := c.Deck.Slides[i]; s.Kind {
	case deck.KindTitle:
		return screens.T(l, "rs_title_slide") + ": " + c.Deck.Title
	case deck.KindClosing:
		return screens.T(l, "rs_closing_slide")
	default:
		if p, ok := c.Snap.Project(s.Project); ok {
			return p.Title.In(l)
		}
		return s.Project
	}
}
