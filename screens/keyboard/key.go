package keyboard

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// FlashTime is how long a key stays lit after a tap, so that a quick
// touch is seen too. Tests may set it to zero.
var FlashTime = 150 * time.Millisecond

// key is one key: lit while the finger is down and briefly after a tap.
type key struct {
	widget.BaseWidget
	name    string
	size    float32
	label   *canvas.Text
	icon    fyne.Resource
	onPress func(string)

	pressed bool
	release *time.Timer
}

func newKey(name string, size float32, onPress func(string)) *key {
	k := &key{name: name, size: size, onPress: onPress}
	k.label = canvas.NewText(name, theme.Color(theme.ColorNameForeground))
	k.label.TextSize = size * 0.45
	k.label.Alignment = fyne.TextAlignCenter
	k.ExtendBaseWidget(k)
	return k
}

// Tapped types the key and lights it for FlashTime.
func (k *key) Tapped(*fyne.PointEvent) {
	k.light(FlashTime)
	k.onPress(k.name)
}

// MouseDown lights the key while the finger is on it. A finger that
// slides off never sends MouseUp here, so the light also goes by itself.
func (k *key) MouseDown(*desktop.MouseEvent) { k.light(600 * time.Millisecond) }

// MouseUp lets the light fade after FlashTime.
func (k *key) MouseUp(*desktop.MouseEvent) { k.light(FlashTime) }

// light shows the key pressed, and unpressed again after d.
func (k *key) light(d time.Duration) {
	if k.release != nil {
		k.release.Stop()
	}
	if d <= 0 {
		k.setPressed(false)
		return
	}
	k.setPressed(true)
	k.release = time.AfterFunc(d, func() { fyne.Do(func() { k.setPressed(false) }) })
}

func (k *key) setPressed(on bool) {
	if k.pressed != on {
		k.pressed = on
		k.Refresh()
	}
}

func (k *key) CreateRenderer() fyne.WidgetRenderer {
	bg := canvas.NewRectangle(nil)
	bg.CornerRadius = k.size / 8
	r := &keyRenderer{k: k, bg: bg}
	if k.icon != nil {
		r.img = canvas.NewImageFromResource(k.icon)
		r.img.FillMode = canvas.ImageFillContain
	}
	r.Refresh()
	return r
}

type keyRenderer struct {
	k   *key
	bg  *canvas.Rectangle
	img *canvas.Image
}

func (r *keyRenderer) Layout(size fyne.Size) {
	r.bg.Resize(size)
	r.k.label.Move(fyne.NewPos(0, (size.Height-r.k.label.MinSize().Height)/2))
	r.k.label.Resize(fyne.NewSize(size.Width, r.k.label.MinSize().Height))
	if r.img != nil {
		s := r.k.size / 2
		r.img.Resize(fyne.NewSize(s, s))
		r.img.Move(fyne.NewPos((size.Width-s)/2, (size.Height-s)/2))
	}
}

func (r *keyRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.k.size*width(r.k.name), r.k.size)
}

// Refresh colours the key: the primary colour while pressed, so the
// feedback shows on any theme and without hover.
func (r *keyRenderer) Refresh() {
	th := r.k.Theme()
	v := fyne.CurrentApp().Settings().ThemeVariant()
	if r.k.pressed {
		r.bg.FillColor = th.Color(theme.ColorNamePrimary, v)
		r.k.label.Color = th.Color(theme.ColorNameForegroundOnPrimary, v)
	} else {
		r.bg.FillColor = th.Color(theme.ColorNameButton, v)
		r.k.label.Color = th.Color(theme.ColorNameForeground, v)
	}
	r.bg.Refresh()
	r.k.label.Refresh()
	if r.img != nil {
		r.img.Resource = r.k.icon
		if r.k.pressed {
			r.img.Resource = theme.NewColoredResource(r.k.icon, theme.ColorNameForegroundOnPrimary)
		}
		r.img.Refresh()
	}
}

func (r *keyRenderer) Objects() []fyne.CanvasObject {
	if r.img != nil {
		return []fyne.CanvasObject{r.bg, r.k.label, r.img}
	}
	return []fyne.CanvasObject{r.bg, r.k.label}
}

func (r *keyRenderer) Destroy() {}
