package roadshow

import (
	"fmt"
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
)

// Presenter shows a talk: the audience view, the presenter console, and
// the keys that drive both. Build it and call its methods on the Fyne
// goroutine only.
type Presenter struct {
	c    *Content
	show *Show
	now  func() time.Time
	// OnLeave is called when the presenter presses Esc.
	OnLeave func()

	audience      *fyne.Container // the slide, or black
	audienceSlide *slideView      // the slide, fitted to the projector
	black         *canvas.Rectangle
	cur           *fyne.Container // console: current slide preview
	next          *fyne.Container // console: next slide preview
	position      *canvas.Text    // "3 / 12"
	typed         *canvas.Text    // the slide number being typed
	clock         *canvas.Text    // elapsed against the plan
	wall          *canvas.Text    // time of day
	nextName      *canvas.Text
	notes         *widget.Label
	state         *canvas.Text // "screen is black"

	videos *Videos         // nil: slides show pictures only
	slot   *fyne.Container // the audience slide's picture area, or nil
	vid    *slideVideo     // the audience slide's video, or nil
	failed map[string]bool // projects whose video did not play in this talk
}

// NewPresenter prepares a talk at its first slide. The clock starts with
// the first key press, so setting up the projector is not counted.
func NewPresenter(c *Content, now func() time.Time) *Presenter {
	if now == nil {
		now = time.Now
	}
	p := &Presenter{c: c, now: now, show: NewShow(len(c.Deck.Slides), c.Deck.Planned()), failed: map[string]bool{}}
	p.black = canvas.NewRectangle(color.Black)
	p.audience = container.NewStack()
	p.cur = container.NewStack()
	p.next = container.NewStack()
	p.position = text("", 30, screens.ColorText, true)
	p.typed = text("", 30, screens.ColorAccent, true)
	p.clock = text("", 44, screens.ColorText, true)
	p.wall = text("", 30, screens.ColorMuted, false)
	p.nextName = text("", 20, screens.ColorMuted, false)
	p.state = text("", 24, screens.ColorAccent, true)
	p.notes = widget.NewLabel("")
	p.notes.Wrapping = fyne.TextWrapWord
	p.update(true)
	return p
}

// Show is the talk's state, for tests and the app's log.
func (p *Presenter) Show() *Show { return p.show }

// keyMap is what keyboards and presentation clickers send. Clickers send
// Page Up/Down (or arrows), B or '.' to black the screen, and some send
// Enter or space to go on.
var keyMap = map[fyne.KeyName]Key{
	fyne.KeyRight: KeyNext, fyne.KeyDown: KeyNext, fyne.KeyPageDown: KeyNext, fyne.KeySpace: KeyNext,
	fyne.KeyLeft: KeyPrev, fyne.KeyUp: KeyPrev, fyne.KeyPageUp: KeyPrev,
	fyne.KeyHome: KeyFirst, fyne.KeyEnd: KeyLast,
	fyne.KeyB: KeyBlack, fyne.KeyPeriod: KeyBlack,
	fyne.KeyReturn: KeyEnter, fyne.KeyEnter: KeyEnter,
	fyne.KeyBackspace: KeyErase, fyne.KeyEscape: KeyEscape,
}

// TypedKey handles a key from either window.
func (p *Presenter) TypedKey(ev *fyne.KeyEvent) {
	k, digit := keyMap[ev.Name], 0
	if len(ev.Name) == 1 && ev.Name[0] >= '0' && ev.Name[0] <= '9' {
		k, digit = KeyDigit, int(ev.Name[0]-'0')
	}
	if k == KeyNone {
		return
	}
	if !p.show.Started() {
		p.show.Start(p.now())
	}
	before := p.show.Pos()
	switch p.show.Press(k, digit) {
	case Leave:
		p.Stop()
		if p.OnLeave != nil {
			p.OnLeave()
		}
	case Changed:
		p.update(p.show.Pos() != before)
	}
}

// Attach makes a window's keys drive the talk. Keys go to TypedKey only:
// a digit also arrives as a rune, and must count once.
func (p *Presenter) Attach(c fyne.Canvas) {
	c.SetOnTypedKey(p.TypedKey)
}

// Tick refreshes the clocks; the app calls it every second.
func (p *Presenter) Tick() {
	now := p.now()
	p.clock.Text = p.show.Clock(now)
	switch p.show.Pace(now) {
	case Closing:
		p.clock.Color = screens.ColorAccent
	case Overtime:
		p.clock.Color = color.NRGBA{R: 0xff, G: 0x5a, B: 0x4f, A: 0xff}
	default:
		p.clock.Color = screens.ColorText
	}
	p.clock.Refresh()
	p.wall.Text = now.Format("15:04")
	p.wall.Refresh()
}

// update redraws after a key; slides are rebuilt only when the position
// changed, so blackout and typing a number cost nothing.
func (p *Presenter) update(moved bool) {
	s, l := p.show, p.c.lang()
	if moved {
		p.endVideo()
		// The slide is drawn at the scale the last one fitted the
		// projector with (1 until the view is laid out), and again
		// should the view's size call for another.
		scale := float32(1)
		if p.audienceSlide != nil {
			scale = p.audienceSlide.Scale()
		}
		v := newSlideView(p.c, s.Pos(), scale, false)
		v.onDraw = func(old, slot *fyne.Container) { p.redrawn(v, old, slot) }
		p.audienceSlide, p.slot = v, v.slot
		p.vid = p.slideVideo()
		// The previews show the picture with a badge: one player, on
		// the audience view only.
		p.cur.Objects = []fyne.CanvasObject{NewPreview(p.c, s.Pos(), 0.5)}
		p.cur.Refresh()
		p.next.Objects = []fyne.CanvasObject{NewPreview(p.c, s.Next(), 0.3)}
		p.next.Refresh()
		notes := ""
		if s.Pos() < len(p.c.Deck.Slides) {
			notes = p.c.Deck.Slides[s.Pos()].Notes
		}
		if notes == "" {
			notes = screens.T(l, "rs_no_notes")
		}
		p.notes.SetText(notes)
		p.nextName.Text = screens.T(l, "rs_next") + ": " + SlideTitle(p.c, s.Next())
		p.nextName.Refresh()
	}
	p.showAudience()
	p.state.Text = ""
	if s.Black() {
		p.state.Text = screens.T(l, "rs_blacked_out")
	}
	p.state.Refresh()
	p.position.Text = fmt.Sprintf("%d / %d", s.Pos()+1, s.Len())
	p.position.Refresh()
	p.typed.Text = ""
	if s.Typed() != "" {
		p.typed.Text = screens.T(l, "rs_go_to") + " " + s.Typed() + " ⏎"
	}
	p.typed.Refresh()
	p.Tick()
}

// showAudience puts the slide or black on the projector, and starts,
// pauses or resumes the slide's video to match: a blackout pauses it, its
// end resumes it.
func (p *Presenter) showAudience() {
	var shown fyne.CanvasObject = p.audienceSlide
	if v := p.vid; v != nil {
		if p.show.Black() {
			p.pauseForBlack(v)
		} else {
			p.playVideo(v)
		}
	}
	// The black screen replaces the slide rather than covering it: the GL
	// canvas has not always repainted objects shown after being hidden.
	if p.show.Black() {
		shown = p.black
	}
	if len(p.audience.Objects) != 1 || p.audience.Objects[0] != shown {
		p.audience.Objects = []fyne.CanvasObject{shown}
		p.audience.Refresh()
	}
}

// Audience is what the projector shows.
func (p *Presenter) Audience() fyne.CanvasObject { return p.audience }

// AudienceShows is the object on the projector now: a slide or the black
// screen (for tests).
func (p *Presenter) AudienceShows() fyne.CanvasObject { return p.audience.Objects[0] }

// statusBar is the console's top line: where the talk is, the number
// being typed, the blackout, the clocks.
func (p *Presenter) statusBar() fyne.CanvasObject {
	gap := func() fyne.CanvasObject { return box(layout.NewSpacer(), 24, 0) }
	return container.NewHBox(p.position, gap(), p.state, layout.NewSpacer(), p.typed, gap(), p.clock, gap(), p.wall)
}

// nextAndNotes is the next slide and the speaker notes.
func (p *Presenter) nextAndNotes() fyne.CanvasObject {
	upcoming := container.NewBorder(p.nextName, nil, nil, nil, box(p.next, 544, 306))
	notesTitle := text(screens.T(p.c.lang(), "rs_notes"), 20, screens.ColorMuted, false)
	notes := container.NewBorder(notesTitle, nil, nil, nil, container.NewVScroll(p.notes))
	return container.NewBorder(upcoming, nil, nil, nil, notes)
}

func (p *Presenter) frame(top, center fyne.CanvasObject) fyne.CanvasObject {
	keys := text(screens.T(p.c.lang(), "rs_keys_help"), 16, screens.ColorMuted, false)
	bg := canvas.NewRectangle(screens.ColorPanel)
	return container.NewStack(bg, container.NewPadded(container.NewBorder(top, keys, nil, nil, center)))
}

// Console is the presenter's screen: current and next slide, notes,
// the clocks.
func (p *Presenter) Console() fyne.CanvasObject {
	now := container.New(previewLayout{}, p.cur)
	current := container.NewBorder(text(screens.T(p.c.lang(), "rs_now"), 20, screens.ColorMuted, false), nil, nil, nil, now)
	right := box(p.nextAndNotes(), 560, 0)
	return p.frame(p.statusBar(), container.NewBorder(nil, nil, nil, right, current))
}

// previewLayout gives the slide being shown the largest 16:9 area at the
// top of the console's free space, so that it grows with the laptop's
// screen (1,320 px wide on a 1920x1200 one) instead of keeping 960.
type previewLayout struct{}

func (previewLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	w := min(size.Width, size.Height*slideDesign.Width/slideDesign.Height)
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(fyne.NewSize(w, w*slideDesign.Height/slideDesign.Width))
	}
}

// MinSize is small enough for a 1366x768 laptop beside the notes column.
func (previewLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(480, 270) }

// Rehearsal puts the audience view and the console in one window, for a
// laptop with no projector: the talk as the audience sees it, with the
// next slide and the notes beside it.
func (p *Presenter) Rehearsal() fyne.CanvasObject {
	right := box(p.nextAndNotes(), 560, 0)
	return p.frame(p.statusBar(), container.NewBorder(nil, nil, nil, right, p.audience))
}
