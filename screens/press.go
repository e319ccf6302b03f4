package screens

import (
	"image/color"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// PressDelay is how long the pressed look shows before a tap acts, so a
// visitor sees the screen answer their finger. Tests set it to zero.
var PressDelay = 120 * time.Millisecond

// Pressable makes any content a touch target with visible feedback: it
// lights up while the finger is down and flashes when tapped.
type Pressable struct {
	widget.BaseWidget
	content fyne.CanvasObject
	glow    *canvas.Rectangle
	onTap   func()
	minSize fyne.Size
}

// NewPressable wraps content; onTap runs on the UI goroutine.
func NewPressable(content fyne.CanvasObject, onTap func()) *Pressable {
	p := &Pressable{content: content, onTap: onTap}
	p.glow = canvas.NewRectangle(color.NRGBA{R: 0xff, G: 0xff, B: 0xff, A: 0x38})
	p.glow.CornerRadius = 6
	p.glow.Hide()
	p.ExtendBaseWidget(p)
	return p
}

// SetMinSize makes the target at least this big.
func (p *Pressable) SetMinSize(s fyne.Size) { p.minSize = s; p.Refresh() }

func (p *Pressable) MinSize() fyne.Size {
	return p.BaseWidget.MinSize().Max(p.minSize)
}

func (p *Pressable) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(p.content, p.glow))
}

// MouseDown shows the press while the finger is on the screen.
func (p *Pressable) MouseDown(*desktop.MouseEvent) {
	p.glow.Show()
	// A drag that starts here ends elsewhere and never sends MouseUp to
	// this target, so the glow also fades by itself.
	time.AfterFunc(600*time.Millisecond, func() { fyne.Do(p.glow.Hide) })
}

// MouseUp ends the press.
func (p *Pressable) MouseUp(*desktop.MouseEvent) { p.glow.Hide() }

// Tapped flashes, then acts.
func (p *Pressable) Tapped(*fyne.PointEvent) {
	noteActivity()
	if p.onTap == nil {
		return
	}
	if PressDelay == 0 {
		p.onTap()
		return
	}
	p.glow.Show()
	time.AfterFunc(PressDelay, func() {
		fyne.Do(func() {
			p.glow.Hide()
			p.onTap()
		})
	})
}

// activity is told of every touch, so the idle timer can restart.
var activity func()

// SetActivityHook sets what is called on every touch (the idle timer).
func SetActivityHook(f func()) { activity = f }

func noteActivity() {
	if activity != nil {
		activity()
	}
}
