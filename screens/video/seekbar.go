package video

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// seekBar is a touch-sized progress bar: drag or tap to seek. Unlike
// widget.Slider it does not seek while the finger moves, only when it
// lifts, so a drag costs one seek, and it ignores progress updates while
// dragged.
type seekBar struct {
	widget.BaseWidget
	value    float64 // 0 to 1
	dragging bool
	onSeek   func(fraction float64)
}

func newSeekBar(onSeek func(float64)) *seekBar {
	b := &seekBar{onSeek: onSeek}
	b.ExtendBaseWidget(b)
	return b
}

// setProgress shows playback progress unless a finger holds the bar.
func (b *seekBar) setProgress(f float64) {
	if b.dragging || f == b.value {
		return
	}
	b.value = clamp01(f)
	b.Refresh()
}

func (b *seekBar) fractionAt(x float32) float64 {
	if w := b.Size().Width; w > 0 {
		return clamp01(float64(x / w))
	}
	return 0
}

func (b *seekBar) Tapped(ev *fyne.PointEvent) {
	b.value = b.fractionAt(ev.Position.X)
	b.Refresh()
	b.onSeek(b.value)
}

func (b *seekBar) Dragged(ev *fyne.DragEvent) {
	b.dragging = true
	b.value = b.fractionAt(ev.Position.X)
	b.Refresh()
}

func (b *seekBar) DragEnd() {
	b.dragging = false
	b.onSeek(b.value)
}

func (b *seekBar) MinSize() fyne.Size { return fyne.NewSize(160, 64) }

func (b *seekBar) CreateRenderer() fyne.WidgetRenderer {
	r := &seekRenderer{b: b,
		track: canvas.NewRectangle(color.NRGBA{R: 255, G: 255, B: 255, A: 80}),
		fill:  canvas.NewRectangle(color.NRGBA{R: 255, G: 255, B: 255, A: 230}),
		knob:  canvas.NewCircle(color.White)}
	r.track.CornerRadius, r.fill.CornerRadius = 4, 4
	return r
}

type seekRenderer struct {
	b           *seekBar
	track, fill *canvas.Rectangle
	knob        *canvas.Circle
}

const trackHeight, knobSize = 8, 32

func (r *seekRenderer) Layout(s fyne.Size) {
	y := (s.Height - trackHeight) / 2
	r.track.Move(fyne.NewPos(0, y))
	r.track.Resize(fyne.NewSize(s.Width, trackHeight))
	x := float32(r.b.value) * s.Width
	r.fill.Move(fyne.NewPos(0, y))
	r.fill.Resize(fyne.NewSize(x, trackHeight))
	r.knob.Move(fyne.NewPos(x-knobSize/2, (s.Height-knobSize)/2))
	r.knob.Resize(fyne.NewSquareSize(knobSize))
}

func (r *seekRenderer) MinSize() fyne.Size { return r.b.MinSize() }
func (r *seekRenderer) Refresh()           { r.Layout(r.b.Size()); canvas.Refresh(r.b) }
func (r *seekRenderer) Destroy()           {}
func (r *seekRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.track, r.fill, r.knob}
}

func clamp01(f float64) float64 { return max(0, min(f, 1)) }
