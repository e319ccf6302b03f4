package screens

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// Colours of notices: the hall's accent for a banner everyone should
// see, a deep red for a notice that stops everything. White on that red
// and the stage colour on the accent both read at 7:1 or more.
var (
	ColorUrgent = color.NRGBA{R: 0x9b, G: 0x11, B: 0x1e, A: 0xff}
	colorWhite  = color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0xff}
)

// NoticeBanner is the strip that carries an info notice across the top
// of every page of the kiosk, the attract screen included: in the
// visitor's language on their pages, in all three on the attract
// screen. Empty, it takes no room.
type NoticeBanner struct {
	widget.BaseWidget
	text string
}

// NewNoticeBanner builds an empty banner.
func NewNoticeBanner() *NoticeBanner {
	b := &NoticeBanner{}
	b.ExtendBaseWidget(b)
	b.Hide()
	return b
}

// BannerText is what the banner says of t: in l, or in every language
// (joined) when l is empty.
func BannerText(t catalog.Text, l catalog.Lang) string {
	if l != "" {
		return t.In(l)
	}
	var parts []string
	for _, l := range catalog.Langs {
		if s := strings.TrimSpace(t.In(l)); s != "" && !containsString(parts, s) {
			parts = append(parts, s)
		}
	}
	return strings.Join(parts, " · ")
}

func containsString(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// SetText shows s, or hides the banner when s is empty.
func (b *NoticeBanner) SetText(s string) {
	if s == b.text {
		return
	}
	b.text = s
	if s == "" {
		b.Hide()
	} else {
		b.Show()
	}
	b.Refresh()
}

// Text is what the banner shows.
func (b *NoticeBanner) Text() string { return b.text }

func (b *NoticeBanner) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(Colors().Accent)
	txt := newLineText(b.text, 26, func() color.Color { return Colors().OnAccent })
	r := &bannerRenderer{b: b, bg: bg, txt: txt, body: container.New(layout.NewCustomPaddedLayout(12, 12, 24, 24), txt)}
	return r
}

// bannerRenderer draws the banner: the look's accent colour with the
// text wrapped over it, centred.
type bannerRenderer struct {
	b    *NoticeBanner
	bg   *canvas.Rectangle
	txt  *lineText
	body *fyne.Container
}

func (r *bannerRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.body.Resize(size)
	r.body.Move(fyne.NewPos(0, 0))
}

func (r *bannerRenderer) MinSize() fyne.Size { return r.body.MinSize() }

func (r *bannerRenderer) Refresh() {
	r.txt.SetText(r.b.text)
	r.bg.FillColor = Colors().Accent
	r.bg.Refresh()
}

func (r *bannerRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.body} }
func (r *bannerRenderer) Destroy()                     {}

// UrgentNotice covers the whole screen with a notice that stops
// everything (an evacuation, a sudden closing): the three languages one
// under the other, large, white on red. A touch does nothing: it stays
// until its end or until it is withdrawn.
type UrgentNotice struct {
	widget.BaseWidget
	text catalog.Text
}

// NewUrgentNotice builds the full-screen notice of t.
func NewUrgentNotice(t catalog.Text) *UrgentNotice {
	u := &UrgentNotice{text: t}
	u.ExtendBaseWidget(u)
	return u
}

// Tapped swallows touches: nothing under the notice may be reached.
func (u *UrgentNotice) Tapped(*fyne.PointEvent) {}

func (u *UrgentNotice) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(ColorUrgent)
	lines := container.NewVBox()
	for i, l := range catalog.Langs {
		if i > 0 {
			gap := canvas.NewRectangle(color.Transparent)
			gap.SetMinSize(fyne.NewSize(0, 48))
			lines.Add(gap)
		}
		lines.Add(newLineText(u.text.In(l), 56, func() color.Color { return colorWhite }))
	}
	body := container.NewBorder(nil, nil, spacerW(120), spacerW(120), container.NewVBox(layout.NewSpacer(), lines, layout.NewSpacer()))
	return widget.NewSimpleRenderer(container.NewStack(bg, body))
}

func spacerW(w float32) fyne.CanvasObject {
	r := canvas.NewRectangle(color.Transparent)
	r.SetMinSize(fyne.NewSize(w, 0))
	return r
}

// lineText is centred text broken into lines that fit its width: at
// any character in Chinese, between words in English. (Fyne 2.7's
// RichText lost or cut words where a line of Chinese met English.)
type lineText struct {
	widget.BaseWidget
	text  string
	size  float32 // at the hall's standard text size
	color func() color.Color
}

func newLineText(text string, size float32, c func() color.Color) *lineText {
	w := &lineText{text: text, size: size, color: c}
	w.ExtendBaseWidget(w)
	return w
}

// SetText changes the text.
func (w *lineText) SetText(s string) {
	if s != w.text {
		w.text = s
		w.Refresh()
	}
}

func (w *lineText) CreateRenderer() fyne.WidgetRenderer {
	return &wrappedRenderer{w: w, box: &fyne.Container{}}
}

type wrappedRenderer struct {
	w     *lineText
	box   *fyne.Container
	width float32 // the width the lines were broken for
	text  string
	lines []*canvas.Text
}

// availableWidth is the width laid out, or before any layout the
// window's: a notice spans the screen.
func (r *wrappedRenderer) availableWidth() float32 {
	if r.width > 0 {
		return r.width
	}
	if c := fyne.CurrentApp().Driver().CanvasForObject(r.w); c != nil {
		return c.Size().Width - 2*theme.Padding()
	}
	return 1920
}

// build breaks the text into canvas texts for the width.
func (r *wrappedRenderer) build() {
	size := TextPx(r.w.size)
	r.lines = r.lines[:0]
	r.box.Objects = nil
	for _, l := range breakLines(r.w.text, r.availableWidth(), func(s string) float32 {
		return fyne.MeasureText(s, size, fyne.TextStyle{}).Width
	}) {
		t := canvas.NewText(l, r.w.color())
		t.TextSize, t.Alignment = size, fyne.TextAlignCenter
		r.lines = append(r.lines, t)
		r.box.Objects = append(r.box.Objects, t)
	}
	r.text = r.w.text
}

func (r *wrappedRenderer) Layout(size fyne.Size) {
	if size.Width != r.width || r.text != r.w.text || len(r.lines) == 0 {
		before := len(r.lines)
		r.width = size.Width
		r.build()
		if len(r.lines) != before {
			// Taller or shorter at this width: the parent lays out
			// again with the new minimum size.
			defer r.w.Refresh()
		}
	}
	y := float32(0)
	for _, t := range r.lines {
		h := t.MinSize().Height
		t.Resize(fyne.NewSize(size.Width, h))
		t.Move(fyne.NewPos(0, y))
		y += h
	}
}

func (r *wrappedRenderer) MinSize() fyne.Size {
	if len(r.lines) == 0 || r.text != r.w.text {
		r.build()
	}
	h := float32(0)
	for _, t := range r.lines {
		h += t.MinSize().Height
	}
	return fyne.NewSize(0, h)
}

func (r *wrappedRenderer) Refresh() {
	r.build()
	y := float32(0)
	for _, t := range r.lines {
		h := t.MinSize().Height
		t.Resize(fyne.NewSize(r.width, h))
		t.Move(fyne.NewPos(0, y))
		y += h
	}
	r.box.Refresh()
}

func (r *wrappedRenderer) Objects() []fyne.CanvasObject { return r.box.Objects }
func (r *wrappedRenderer) Destroy()                     {}

// breakLines breaks s into lines no wider than width by measure: after
// any Chinese character or punctuation, and at spaces between words. A
// word wider than a line is broken where it must be.
func breakLines(s string, width float32, measure func(string) float32) []string {
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		var line []rune
		lastBreak := -1 // index in line after which a break may go
		for _, c := range para {
			line = append(line, c)
			if c == ' ' || c > 0x2e80 {
				lastBreak = len(line)
			}
			if measure(string(line)) <= width || len(line) == 1 {
				continue
			}
			cut := len(line) - 1 // before the character that did not fit
			if lastBreak > 0 && lastBreak < len(line) {
				cut = lastBreak
			}
			lines = append(lines, strings.TrimSpace(string(line[:cut])))
			line = []rune(strings.TrimLeft(string(line[cut:]), " "))
			lastBreak = -1
			for i, c := range line {
				if c == ' ' || c > 0x2e80 {
					lastBreak = i + 1
				}
			}
		}
		lines = append(lines, strings.TrimSpace(string(line)))
	}
	return lines
}
