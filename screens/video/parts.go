package video

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// bigButton is the large round play button over the poster.
type bigButton struct {
	widget.BaseWidget
	icon  fyne.Resource
	onTap func()
}

func newBigButton(icon fyne.Resource, onTap func()) *bigButton {
	b := &bigButton{icon: icon, onTap: onTap}
	b.ExtendBaseWidget(b)
	return b
}

func (b *bigButton) Tapped(*fyne.PointEvent) { b.onTap() }
func (b *bigButton) MinSize() fyne.Size      { return fyne.NewSquareSize(128) }

func (b *bigButton) CreateRenderer() fyne.WidgetRenderer {
	disc := canvas.NewCircle(color.NRGBA{A: 150})
	disc.StrokeColor, disc.StrokeWidth = color.White, 4
	img := canvas.NewImageFromResource(b.icon)
	img.FillMode = canvas.ImageFillContain
	return &bigRenderer{b: b, disc: disc, img: img}
}

type bigRenderer struct {
	b    *bigButton
	disc *canvas.Circle
	img  *canvas.Image
}

func (r *bigRenderer) Layout(s fyne.Size) {
	r.disc.Resize(s)
	r.img.Move(fyne.NewPos(s.Width/4, s.Height/4))
	r.img.Resize(fyne.NewSize(s.Width/2, s.Height/2))
}

func (r *bigRenderer) MinSize() fyne.Size           { return r.b.MinSize() }
func (r *bigRenderer) Refresh()                     { canvas.Refresh(r.b) }
func (r *bigRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.disc, r.img} }
func (r *bigRenderer) Destroy()                     {}

// tapLayer catches taps on the picture itself (Detail mode only, so that
// in Attract and Slide modes a tap reaches the screen below).
type tapLayer struct {
	widget.BaseWidget
	onTap func()
}

func newTapLayer(onTap func()) *tapLayer {
	t := &tapLayer{onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapLayer) Tapped(*fyne.PointEvent) { t.onTap() }

func (t *tapLayer) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(color.Transparent))
}
