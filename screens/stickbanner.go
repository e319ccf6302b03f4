package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// StickBanner is the small panel in the lower right corner that says
// what a USB stick brings while the screen takes it in. It is drawn
// above the page without covering it and catches no touch (nothing in
// it is tappable), so a visitor on a page goes on as before.
type StickBanner struct {
	widget.BaseWidget
	text *canvas.Text
	bar  *widget.ProgressBar
}

// NewStickBanner builds the banner, empty.
func NewStickBanner() *StickBanner {
	b := &StickBanner{text: label("", 22, ColorText, false), bar: widget.NewProgressBar()}
	b.ExtendBaseWidget(b)
	return b
}

// Loading says a stick's catalogue is being copied in, frac of it done
// (below 0: nothing to copy, no bar).
func (b *StickBanner) Loading(l catalog.Lang, frac float64) {
	b.text.Text = T(l, "stick_loading")
	b.text.Refresh()
	if frac < 0 {
		b.bar.Hide()
		return
	}
	b.bar.Show()
	b.bar.SetValue(frac)
}

// Done says the new catalogue is on screen; refused says one was not
// taken (the reason is in the result file on the stick and the log).
func (b *StickBanner) Done(l catalog.Lang, refused bool) {
	key := "stick_done"
	if refused {
		key = "stick_refused"
	}
	b.text.Text = T(l, key)
	b.text.Refresh()
	b.bar.Hide()
}

// Text is what the banner says, for tests.
func (b *StickBanner) Text() string { return b.text.Text }

func (b *StickBanner) CreateRenderer() fyne.WidgetRenderer {
	box := panel(container.NewVBox(b.text, b.bar), colorAlpha(ColorPanel, 0xe8))
	return widget.NewSimpleRenderer(box)
}

// InCorner places the banner in the lower right corner of the screen,
// at a fixed width.
func (b *StickBanner) InCorner() fyne.CanvasObject {
	return container.NewVBox(layout.NewSpacer(),
		container.NewHBox(layout.NewSpacer(), sized(b, fyne.NewSize(560, 0)), sized(layout.NewSpacer(), fyne.NewSize(24, 0))),
		sized(layout.NewSpacer(), fyne.NewSize(0, 24)))
}
