package screens

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// Sleep is what a hall screen shows outside the opening hours: black
// while it sleeps (under a display switched off, or instead of it where
// the display cannot be), and, when a touch wakes it, a message for the
// staff in the hall's three languages saying the hall is closed and when
// it opens. The widget keeps which of the two shows; its renderer makes
// the canvas objects.
type Sleep struct {
	widget.BaseWidget
	onTouch func()
	woken   bool
	opens   time.Time // the next opening; zero: none known
	zone    *time.Location
}

// NewSleep builds the sleeping screen; onTouch runs on every touch.
func NewSleep(zone *time.Location, onTouch func()) *Sleep {
	s := &Sleep{onTouch: onTouch, zone: zone}
	s.ExtendBaseWidget(s)
	return s
}

// Dark shows black.
func (s *Sleep) Dark() {
	if !s.woken {
		return
	}
	s.woken = false
	s.Refresh()
}

// ShowClosed shows the message that the hall is closed, and the next
// opening if there is one.
func (s *Sleep) ShowClosed(opens time.Time) {
	if s.woken && s.opens.Equal(opens) {
		return
	}
	s.woken, s.opens = true, opens
	s.Refresh()
}

// Woken reports whether the message shows.
func (s *Sleep) Woken() bool { return s.woken }

// Tapped wakes the screen (or keeps it awake).
func (s *Sleep) Tapped(*fyne.PointEvent) {
	if s.onTouch != nil {
		s.onTouch()
	}
}

// closedLines are the message in each language, Simplified first.
func (s *Sleep) closedLines() (titles, opens []string) {
	for _, l := range catalog.Langs {
		titles = append(titles, T(l, "closed_title"))
		if s.opens.IsZero() {
			opens = append(opens, T(l, "closed_no_opening"))
			continue
		}
		o := s.opens.In(s.zone)
		opens = append(opens, T(l, "closed_opens", map[string]any{
			"Date": o.Format("2006-01-02"), "Time": o.Format("15:04"), "Weekday": T(l, "weekday_"+o.Weekday().String())}))
	}
	return titles, opens
}

func (s *Sleep) CreateRenderer() fyne.WidgetRenderer {
	r := &sleepRenderer{s: s, bg: canvas.NewRectangle(color.Black)}
	// Dim grey on black: the message is for staff at night, not a
	// light in an empty hall.
	grey := color.NRGBA{R: 0xb0, G: 0xb0, B: 0xb0, A: 0xff}
	lines := container.NewVBox()
	for range catalog.Langs {
		title := canvas.NewText("", grey)
		title.TextSize, title.TextStyle.Bold, title.Alignment = 44, true, fyne.TextAlignCenter
		opens := canvas.NewText("", grey)
		opens.TextSize, opens.Alignment = 28, fyne.TextAlignCenter
		r.titles, r.opens = append(r.titles, title), append(r.opens, opens)
		gap := canvas.NewRectangle(color.Transparent)
		gap.SetMinSize(fyne.NewSize(0, 36))
		lines.Add(title)
		lines.Add(opens)
		lines.Add(gap)
	}
	r.message = container.NewVBox(layout.NewSpacer(), lines, layout.NewSpacer())
	r.objects = []fyne.CanvasObject{r.bg, r.message}
	r.Refresh()
	return r
}

type sleepRenderer struct {
	s       *Sleep
	bg      *canvas.Rectangle
	message *fyne.Container
	titles  []*canvas.Text
	opens   []*canvas.Text
	objects []fyne.CanvasObject
}

func (r *sleepRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.message.Resize(size)
	r.message.Move(fyne.NewPos(0, 0))
}

func (r *sleepRenderer) MinSize() fyne.Size { return fyne.NewSize(0, 0) }

func (r *sleepRenderer) Refresh() {
	r.message.Hidden = !r.s.woken
	if r.s.woken {
		titles, opens := r.s.closedLines()
		for i := range r.titles {
			r.titles[i].Text, r.opens[i].Text = titles[i], opens[i]
			r.titles[i].Refresh()
			r.opens[i].Refresh()
		}
	}
	r.message.Refresh()
	r.bg.Refresh()
}

func (r *sleepRenderer) Objects() []fyne.CanvasObject { return r.objects }
func (r *sleepRenderer) Destroy()                     {}
