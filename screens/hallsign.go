package screens

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// What the hall's curators ask of a screen from afar: its name shown
// large (to find which screen is which), and the display dark.

// IdentifyTextSize is the name's size: readable across a hall.
const IdentifyTextSize = 160

// NewIdentify shows the screen's name large over whatever is on it. It
// takes no touches: a visitor keeps using the screen under it.
func NewIdentify(name string) fyne.CanvasObject {
	shade := canvas.NewRectangle(colorAlpha(ColorStage, 0xb0))
	text := canvas.NewText(name, ColorAccent)
	text.TextSize = IdentifyTextSize
	text.TextStyle = fyne.TextStyle{Bold: true}
	text.Alignment = fyne.TextAlignCenter
	return container.NewStack(shade, container.NewCenter(text))
}

// Blackout is the display switched off by a curator: black, and every
// touch swallowed, so nothing changes under it while the hall is closed.
type Blackout struct {
	widget.BaseWidget
}

// NewBlackout makes one.
func NewBlackout() *Blackout {
	b := &Blackout{}
	b.ExtendBaseWidget(b)
	return b
}

func (b *Blackout) Tapped(*fyne.PointEvent)          {}
func (b *Blackout) Dragged(*fyne.DragEvent)          {}
func (b *Blackout) DragEnd()                         {}
func (b *Blackout) Scrolled(*fyne.ScrollEvent)       {}
func (b *Blackout) TappedSecondary(*fyne.PointEvent) {}

func (b *Blackout) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Black))
}
