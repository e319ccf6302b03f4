package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

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
	r := &attractRenderer{a: a,
		pic:     a.ui.Pics.NewPicture("", SizeGallery),
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
		r.season.SetText(a.ui.Rotation.Name.In(catalog.Hans) + lineSeparator + a.ui.Rotation.Name.In(catalog.En))
	}
	header := container.NewPadded(container.NewVBox(title, titleEn, r.season.box))
	invite := panel(container.NewCenter(r.invite), colorAlpha(ColorPanel, 0xd0))
	footer := container.NewPadded(container.NewVBox(r.caption.box, r.org.box, layout.NewSpacer(), container.NewCenter(sized(invite, fyne.NewSize(720, 110)))))
	var back fyne.CanvasObject = r.pic
	if a.backdrop != nil {
		r.back = container.NewStack(a.backdrop)
		if a.covered {
			r.back.Add(r.pic)
		}
		back = r.back
	}
	r.root = container.NewStack(
		back, shade, container.NewBorder(topShade, nil, nil, nil),
		container.NewBorder(header, footer, nil, nil),
	)
	r.Refresh()
	return r
}

// attractRenderer owns the attract screen's canvas objects.
type attractRenderer struct {
	a       *Attract
	root    *fyne.Container
	back    *fyne.Container // the backdrop, and the picture while it covers it
	pic     *Picture
	caption *fitLines
	org     *fitLines
	season  *fitLines
	invite  *canvas.Text
}

// Layout fits the large words to the screen's width inside the padding
// of the header and the footer, then lays the screen out.
func (r *attractRenderer) Layout(size fyne.Size) {
	w := size.Width - 2*theme.Padding()
	r.caption.Fit(w)
	r.org.Fit(w)
	r.season.Fit(w)
	r.root.Resize(size)
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
		r.caption.SetText(T(catalog.Hans, "hall_name"))
	default:
		p := a.items[a.index%len(a.items)]
		r.pic.SetHash(p.Cover, SizeGallery)
		r.caption.SetText(p.Title.In(catalog.Hans) + lineSeparator + p.Title.In(catalog.En))
		r.org.SetText(p.Organisation.In(catalog.Hans))
	}
	setText(r.invite, T(a.lang, "touch_to_start"))
}

// setText changes a text and redraws it, if it is new.
func setText(t *canvas.Text, s string) {
	if t.Text != s {
		t.Text = s
		t.Refresh()
	}
}
