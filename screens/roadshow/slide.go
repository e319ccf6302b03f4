// Package roadshow draws the presenter's screens with Fyne: the deck
// builder, the audience view (where a project slide plays its video), the
// presenter console, and both in one window for rehearsal. Where the talk
// is, and what a key does, is decided by showhall/app/roadshow; these
// screens only draw it.
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

// clipRunes shortens s to n runes with an ellipsis: a slide line never
// runs off the screen.
func clipRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return s
	}
	return string(rs[:n-1]) + "…"
}

// NewPreview draws slide i for the presenter's console at scale (smaller
// than the projector's 1): a project with a video shows its picture with a
// small badge. A preview never plays the video; the audience view does.
func NewPreview(c *Content, i int, scale float32) fyne.CanvasObject {
	o, _ := drawSlide(c, i, scale, true)
	return o
}

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
	return container.NewVBox(append([]fyne.CanvasObject{box(layout.NewSpacer(), 0, 200*s)}, lines...)...)
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
	left := container.NewVBox(lines...)
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
	head := container.NewVBox(
		text(clipRunes(p.Title.In(l), 30), 60*s, screens.ColorText, true),
		text(clipRunes(p.Organisation.In(l), 44), 32*s, screens.ColorAccent, false),
	)
	side := []fyne.CanvasObject{
		text(screens.T(l, "site"), 24*s, screens.ColorMuted, false),
		text(clipRunes(p.Site.In(l), 22), 30*s, screens.ColorText, false),
		box(layout.NewSpacer(), 0, 16*s),
	}
	facts := deck.Facts(c.Snap, p, l)
	if len(facts) > 4 {
		facts = facts[:4]
	}
	for _, f := range facts {
		side = append(side, text("· "+clipRunes(f, 24), 26*s, screens.ColorText, false))
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
			pic = container.NewStack(media, container.NewVBox(container.NewHBox(videoBadge(l, s))))
		}
	}
	right := box(container.NewVBox(side...), 520*s, 0)
	gap := box(layout.NewSpacer(), 32*s, 24*s)
	return container.NewBorder(container.NewVBox(head, gap), nil, nil, container.NewHBox(gap, right), pic), media
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
		container.NewHBox(icon, container.NewCenter(label))))
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
