package screens

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// SlideInterval is how long each exhibit stays on the attract slideshow.
var SlideInterval = 6 * time.Second

// Attract is the screen that invites a passer-by: the season's exhibits one
// after another, full screen, and "touch to start" in the three languages.
// A touch anywhere leaves it.
type Attract struct {
	widget.BaseWidget
	ui      *UI
	items   []*catalog.Project
	pic     *Picture
	caption *canvas.Text
	org     *canvas.Text
	invite  *canvas.Text
	index   int
	stop    chan struct{}
	onTouch func()
	// backdrop replaces the slideshow when the season has promo videos.
	backdrop fyne.CanvasObject
	// covered: the backdrop has nothing to show yet, and the first
	// exhibit's picture lies over it until Uncover.
	covered bool
	back    *fyne.Container
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
	a := &Attract{ui: ui, onTouch: onTouch, stop: make(chan struct{}), backdrop: backdrop, covered: covered && backdrop != nil}
	if ui.Rotation != nil {
		for _, s := range ui.Rotation.Showcase {
			if p, ok := ui.Snap.Project(s.Project); ok {
				a.items = append(a.items, p)
			}
		}
	}
	a.pic = ui.Pics.NewPicture("", SizeGallery)
	a.caption = label("", 44, ColorText, true)
	a.org = label("", 26, ColorMuted, false)
	a.invite = label(T(catalog.Hans, "touch_to_start"), 40, ColorAccent, true)
	a.ExtendBaseWidget(a)
	a.show(0)
	return a
}

func (a *Attract) show(i int) {
	if a.backdrop != nil {
		// The videos speak for themselves; until their first frame the
		// first exhibit's picture stands in, without words. A tile-sized
		// one: for a moment the GPU's stretching will do, and a gallery
		// picture over the loop held the demo kiosk at 40 MB more (RSS
		// 20 s after start, 365 against 325 MB, measured side by side).
		if a.covered && len(a.items) > 0 {
			a.pic.SetHash(a.items[0].Cover, SizeTile)
		}
		return
	}
	if len(a.items) == 0 {
		a.caption.Text = T(catalog.Hans, "hall_name")
		a.caption.Refresh()
		return
	}
	a.index = i % len(a.items)
	p := a.items[a.index]
	a.pic.SetHash(p.Cover, SizeGallery)
	a.caption.Text = p.Title.In(catalog.Hans) + "  ·  " + p.Title.In(catalog.En)
	a.org.Text = p.Organisation.In(catalog.Hans)
	a.caption.Refresh()
	a.org.Refresh()
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
				fyne.Do(func() { a.show(a.index + 1) })
			case <-langs.C:
				li = (li + 1) % len(catalog.Langs)
				l := catalog.Langs[li]
				fyne.Do(func() {
					a.invite.Text = T(l, "touch_to_start")
					a.invite.Refresh()
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
	if a.back != nil {
		a.back.Objects = []fyne.CanvasObject{a.backdrop}
		a.back.Refresh()
	}
	a.pic.SetHash("", SizeGallery) // lets the picture's memory go
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
	season := ""
	if a.ui.Rotation != nil {
		season = a.ui.Rotation.Name.In(catalog.Hans) + "  ·  " + a.ui.Rotation.Name.In(catalog.En)
	}
	header := container.NewPadded(container.NewVBox(title, titleEn, label(season, 22, ColorAccent, false)))
	invite := panel(container.NewCenter(a.invite), colorAlpha(ColorPanel, 0xd0))
	footer := container.NewPadded(container.NewVBox(narrowable(a.caption), narrowable(a.org), layout.NewSpacer(), container.NewCenter(sized(invite, fyne.NewSize(720, 110)))))
	var back fyne.CanvasObject = a.pic
	if a.backdrop != nil {
		a.back = container.NewStack(a.backdrop)
		if a.covered {
			a.back.Add(a.pic)
		}
		back = a.back
	}
	return widget.NewSimpleRenderer(container.NewStack(
		back, shade, container.NewBorder(topShade, nil, nil, nil),
		container.NewBorder(header, footer, nil, nil),
	))
}
