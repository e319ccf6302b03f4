package screens

import (
	"image"
	"image/draw"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/software"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/player"
	"showhall/store/catalog"
)

// SlideInterval is how long each exhibit stays on the attract slideshow.
var SlideInterval = 6 * time.Second

// Attract is the screen that invites a passer-by: the season's exhibits one
// after another, full screen, and "touch to start" in the three languages.
// A touch anywhere leaves it. The widget keeps what is shown (which
// exhibit, the invitation's language, whether a picture covers the video
// loop); its renderer makes the canvas objects and matches them to it.
type Attract struct {
	widget.BaseWidget
	ui      *UI
	items   []*catalog.Project
	index   int          // the exhibit on the slideshow
	lang    catalog.Lang // the invitation's language now
	stop    chan struct{}
	onTouch func()
	// backdrop replaces the slideshow when the season has promo videos.
	backdrop fyne.CanvasObject
	// covered: the backdrop has nothing to show yet, and the first
	// exhibit's picture lies over it until Uncover.
	covered bool
}

// NewAttract builds the attract screen; Start begins the slideshow.
func NewAttract(ui *UI, onTouch func()) *Attract {
	return NewAttractWith(ui, nil, false, onTouch)
}

// NewAttractWith builds the attract screen over a backdrop (the promo
// video loop) instead of the picture slideshow; nil means the slideshow.
// A covered backdrop (a video loop before its first frame) lies under the
// first exhibit's picture until Uncover, so the screen never shows black.
func NewAttractWith(ui *UI, backdrop fyne.CanvasObject, covered bool, onTouch func()) *Attract {
	a := &Attract{ui: ui, onTouch: onTouch, stop: make(chan struct{}), backdrop: backdrop,
		covered: covered && backdrop != nil, lang: catalog.Hans}
	if ui.Rotation != nil {
		for _, s := range ui.Rotation.Showcase {
			if p, ok := ui.Snap.Project(s.Project); ok {
				a.items = append(a.items, p)
			}
		}
	}
	a.ExtendBaseWidget(a)
	return a
}

// Start runs the slideshow and cycles the invitation through the hall's
// languages until Stop.
func (a *Attract) Start() {
	go func() {
		slides := time.NewTicker(SlideInterval)
		langs := time.NewTicker(SlideInterval / 3)
		defer slides.Stop()
		defer langs.Stop()
		li := 0
		for {
			select {
			case <-a.stop:
				return
			case <-slides.C:
				fyne.Do(func() {
					if len(a.items) > 0 {
						a.index = (a.index + 1) % len(a.items)
						a.Refresh()
					}
				})
			case <-langs.C:
				li = (li + 1) % len(catalog.Langs)
				l := catalog.Langs[li]
				fyne.Do(func() {
					a.lang = l
					a.Refresh()
				})
			}
		}
	}()
}

// Uncover takes the picture off the backdrop: its first frame is on
// screen.
func (a *Attract) Uncover() {
	if !a.covered {
		return
	}
	a.covered = false
	a.Refresh()
}

// Covered reports whether a picture still lies over the backdrop.
func (a *Attract) Covered() bool { return a.covered }

// Stop ends the slideshow; the screen is left.
func (a *Attract) Stop() {
	select {
	case <-a.stop:
	default:
		close(a.stop)
	}
}

// Tapped leaves the attract screen.
func (a *Attract) Tapped(*fyne.PointEvent) {
	noteActivity()
	if a.onTouch != nil {
		a.onTouch()
	}
}

func (a *Attract) CreateRenderer() fyne.WidgetRenderer {
	r := &attractRenderer{a: a, pic: a.ui.Pics.NewPicture("", SizeGallery)}
	r.words = a.words(a.embedded())
	var back fyne.CanvasObject = r.pic
	if a.backdrop != nil {
		r.back = container.NewStack(a.backdrop)
		if a.covered {
			r.back.Add(r.pic)
		}
		back = r.back
	}
	r.root = container.NewStack(back, r.words.obj)
	r.Refresh()
	return r
}

// words are what the attract screen lays over its pictures or videos:
// the shades, the hall's name and season, the exhibit's caption and the
// invitation. A video that the player draws into the window itself gets
// them as a picture (overlayed), so they are made once for the window and
// again for that picture. Compact words, for such a video, leave out the
// shades that span the screen's width and put the hall's name on a panel
// of its own instead: the player blends every pixel of the picture into
// every frame, and the shades were four fifths of it (BENCHMARKS.md).
func (a *Attract) words(compact bool) attractWords {
	w := attractWords{
		caption: newFitLines(44, ColorText, true),
		org:     newFitLines(26, ColorMuted, false),
		season:  newFitLines(22, ColorAccent, false),
		invite:  label("", 40, ColorAccent, true),
	}
	// Dark at the top and the bottom, where the words are, so they read
	// over any picture or video.
	var shade fyne.CanvasObject = canvas.NewLinearGradient(colorAlpha(ColorStage, 0), colorAlpha(ColorStage, 0xe8), 0)
	if a.backdrop != nil {
		// Over the videos only the invitation needs the dark: the
		// pictures, and the subtitles mpv draws into them above the
		// invitation, stay bright.
		low := canvas.NewLinearGradient(colorAlpha(ColorStage, 0), colorAlpha(ColorStage, 0xd0), 0)
		low.SetMinSize(fyne.NewSize(0, 200))
		shade = container.NewBorder(nil, low, nil, nil)
	}
	topShade := canvas.NewLinearGradient(colorAlpha(ColorStage, 0xd8), colorAlpha(ColorStage, 0), 0)
	topShade.SetMinSize(fyne.NewSize(0, 220))
	title := label(T(catalog.Hans, "hall_name"), 30, ColorText, true)
	titleEn := label(T(catalog.En, "hall_name"), 20, ColorMuted, false)
	if a.ui.Rotation != nil {
		w.season.SetText(a.ui.Rotation.Name.In(catalog.Hans) + lineSeparator + a.ui.Rotation.Name.In(catalog.En))
	}
	names := container.NewVBox(title, titleEn, w.season.box)
	header := container.NewPadded(names)
	panelled := panel(container.NewCenter(w.invite), colorAlpha(ColorPanel, 0xd0))
	footer := container.NewPadded(container.NewVBox(w.caption.box, w.org.box, layout.NewSpacer(), container.NewCenter(sized(panelled, fyne.NewSize(720, 110)))))
	if compact {
		header = container.NewPadded(container.NewHBox(panel(names, colorAlpha(ColorPanel, 0xc0))))
		w.obj = container.NewBorder(header, footer, nil, nil)
		return w
	}
	w.obj = container.NewStack(shade, container.NewBorder(topShade, nil, nil, nil),
		container.NewBorder(header, footer, nil, nil))
	return w
}

// attractWords are the attract screen's words and what holds them.
type attractWords struct {
	obj                  fyne.CanvasObject
	caption, org, season *fitLines
	invite               *canvas.Text
}

// fit fits the large words to a screen's width, inside the padding of
// the header and the footer.
func (w attractWords) fit(screenWidth float32) {
	width := screenWidth - 2*theme.Padding()
	w.caption.Fit(width)
	w.org.Fit(width)
	w.season.Fit(width)
}

// embedded reports whether the backdrop is a video the player draws into
// the window itself.
func (a *Attract) embedded() bool {
	e, ok := a.backdrop.(EmbeddedBackdrop)
	return ok && e.Embedded()
}

// EmbeddedBackdrop is a backdrop whose player draws the video into the
// window itself, over everything the window draws: the attract screen's
// words reach the screen as a picture it hands over.
type EmbeddedBackdrop interface {
	Embedded() bool
	SetOverlay(parts []*image.RGBA)
}

// overlayed renders the words, with the invitation in lang, as a
// transparent picture of the screen's size in pixels, for a backdrop
// that draws over the window.
func (a *Attract) overlayed(size fyne.Size, scale float32, lang catalog.Lang) *image.RGBA {
	w := a.words(true)
	w.invite.Text = T(lang, "touch_to_start")
	w.fit(size.Width)
	c := software.NewTransparentCanvas()
	c.SetPadded(false)
	c.SetScale(scale)
	c.SetContent(w.obj)
	c.Resize(size)
	shot := c.Capture()
	img, ok := shot.(*image.RGBA)
	if !ok {
		img = image.NewRGBA(shot.Bounds())
		draw.Draw(img, img.Rect, shot, shot.Bounds().Min, draw.Src)
	}
	return img
}

// attractRenderer owns the attract screen's canvas objects.
type attractRenderer struct {
	a     *Attract
	root  *fyne.Container
	back  *fyne.Container // the backdrop, and the picture while it covers it
	pic   *Picture
	words attractWords
	// the backdrop's overlay: the pictures made for this size and scale,
	// by language, and the language handed over last
	made      map[catalog.Lang][]*image.RGBA
	sent      catalog.Lang
	sentAny   bool
	sentSize  fyne.Size
	sentScale float32
}

// Layout fits the large words to the screen's width, then lays the
// screen out.
func (r *attractRenderer) Layout(size fyne.Size) {
	r.words.fit(size.Width)
	r.root.Resize(size)
	r.overlay()
}

// overlay hands the words to a backdrop that draws over the window,
// again whenever they or the screen's size change.
func (r *attractRenderer) overlay() {
	a := r.a
	e, ok := a.backdrop.(EmbeddedBackdrop)
	if !ok || !e.Embedded() || a.Size().Width <= 0 {
		return
	}
	scale := float32(1)
	if c := fyne.CurrentApp().Driver().CanvasForObject(a); c != nil {
		scale = c.Scale()
	}
	if r.sentSize != a.Size() || r.sentScale != scale {
		r.sentSize, r.sentScale, r.made = a.Size(), scale, map[catalog.Lang][]*image.RGBA{}
	} else if r.sent == a.lang && r.sentAny {
		return
	}
	// Made once per language: the invitation changes every few seconds.
	parts, ok := r.made[a.lang]
	if !ok {
		parts = player.OverlayParts(a.overlayed(a.Size(), scale, a.lang), 4)
		r.made[a.lang] = parts
		// The words were drawn on a picture of the whole screen (8 MB at
		// 1080p) to keep a few bands of it: give those pages back now,
		// rather than keep them while the loop plays for hours.
		go debug.FreeOSMemory()
	}
	r.sent, r.sentAny = a.lang, true
	e.SetOverlay(parts)
}

func (r *attractRenderer) MinSize() fyne.Size { return r.root.MinSize() }

func (r *attractRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.root} }

func (r *attractRenderer) Destroy() {}

// Refresh matches the objects to the widget's state, touching only what
// changed: it runs at every slide and every language of the invitation.
func (r *attractRenderer) Refresh() {
	a := r.a
	switch {
	case a.backdrop != nil:
		// The videos speak for themselves; until their first frame the
		// first exhibit's picture stands in, without words. A tile-sized
		// one: for a moment the GPU's stretching will do, and a gallery
		// picture over the loop held the demo kiosk at 40 MB more (RSS
		// 20 s after start, 365 against 325 MB, measured side by side).
		if a.covered && len(a.items) > 0 {
			r.pic.SetHash(a.items[0].Cover, SizeTile)
		}
		if !a.covered && len(r.back.Objects) > 1 {
			r.back.Objects = []fyne.CanvasObject{a.backdrop}
			r.back.Refresh()
			r.pic.SetHash("", SizeGallery) // lets the picture's memory go
		}
	case len(a.items) == 0:
		r.words.caption.SetText(T(catalog.Hans, "hall_name"))
	default:
		p := a.items[a.index%len(a.items)]
		r.pic.SetHash(p.Cover, SizeGallery)
		r.words.caption.SetText(p.Title.In(catalog.Hans) + lineSeparator + p.Title.In(catalog.En))
		r.words.org.SetText(p.Organisation.In(catalog.Hans))
	}
	if a.embedded() && !a.covered {
		// The player draws over the window: what the window would show
		// is hidden, and redrawing it would only cost.
		r.overlay()
		return
	}
	setText(r.words.invite, T(a.lang, "touch_to_start"))
	r.overlay()
}

// setText changes a text and redraws it, if it is new.
func setText(t *canvas.Text, s string) {
	if t.Text != s {
		t.Text = s
		t.Refresh()
	}
}
