package screens

import (
	"image"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// cursorHider lies over the whole kiosk and hides the mouse pointer: on a
// touchscreen a pointer is only a stray arrow where the last finger was.
// Fyne takes the cursor from the topmost object under the pointer that
// names one; this layer is topmost, and it catches no taps or drags.
type cursorHider struct{ widget.BaseWidget }

func (c *cursorHider) Cursor() desktop.Cursor { return desktop.HiddenCursor }

func (c *cursorHider) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

// WithoutCursor covers content with a layer that hides the pointer.
func WithoutCursor(content fyne.CanvasObject) fyne.CanvasObject {
	h := &cursorHider{}
	h.ExtendBaseWidget(h)
	return container.NewStack(content, h)
}

// IdleOverlay is the countdown before the kiosk resets itself: it covers
// the screen, says how long is left, and a touch anywhere dismisses it.
type IdleOverlay struct {
	widget.BaseWidget
	title, line *widget.Label
	onTouch     func()
}

// NewIdleOverlay builds the countdown; onTouch hears the visitor touch it.
func NewIdleOverlay(onTouch func()) *IdleOverlay {
	o := &IdleOverlay{onTouch: onTouch}
	o.title = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{Bold: true})
	o.title.SizeName = theme.SizeNameHeadingText
	o.line = widget.NewLabelWithStyle("", fyne.TextAlignCenter, fyne.TextStyle{})
	o.line.SizeName = theme.SizeNameSubHeadingText
	o.ExtendBaseWidget(o)
	return o
}

// ShowSeconds says how many seconds are left, in the visitor's language.
func (o *IdleOverlay) ShowSeconds(l catalog.Lang, seconds int) {
	o.title.SetText(T(l, "idle_title"))
	o.line.SetText(T(l, "idle_countdown", map[string]any{"Seconds": seconds}))
}

// Tapped keeps the visitor's session.
func (o *IdleOverlay) Tapped(*fyne.PointEvent) {
	noteActivity()
	if o.onTouch != nil {
		o.onTouch()
	}
}

func (o *IdleOverlay) CreateRenderer() fyne.WidgetRenderer {
	shade := canvasRect(colorAlpha(ColorStage, 0xc8))
	box := panel(container.NewVBox(o.title, o.line), ColorPanel)
	return widget.NewSimpleRenderer(container.NewStack(shade, container.NewCenter(sized(box, fyne.NewSize(900, 220)))))
}

// FirstPaint is an invisible dot that calls f the first time the window
// is painted: how the kiosk knows (and logs) that a visitor can see it.
func FirstPaint(f func()) fyne.CanvasObject {
	var once sync.Once
	r := canvas.NewRaster(func(w, h int) image.Image {
		once.Do(func() { go f() })
		return image.NewNRGBA(image.Rect(0, 0, 1, 1))
	})
	r.Resize(fyne.NewSize(1, 1))
	return container.NewWithoutLayout(r)
}
