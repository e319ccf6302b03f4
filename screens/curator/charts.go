package curator

import (
	"fmt"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
)

// Charts are drawn from canvas primitives (rectangles, lines, text): no
// chart library, nothing rendered to an image, so they scale with the
// window and show up in markup tests.

// Bar is one bar of a BarChart.
type Bar struct {
	Label string
	Value float64
	Note  string // shown after the bar, e.g. "42"
}

// BarChart draws horizontal bars, one a row, longest scale to the width.
type BarChart struct {
	widget.BaseWidget
	bars []Bar
}

const barRow, barLabelWidth, barNoteWidth = float32(30), float32(300), float32(90)

// NewBarChart makes a chart of bars; it does not change afterwards (a
// new period makes a new chart).
func NewBarChart(bars []Bar) *BarChart {
	c := &BarChart{bars: bars}
	c.ExtendBaseWidget(c)
	return c
}

func (c *BarChart) CreateRenderer() fyne.WidgetRenderer {
	r := &barRenderer{c: c}
	maxV := 0.0
	for _, b := range c.bars {
		maxV = max(maxV, b.Value)
	}
	r.max = maxV
	for _, b := range c.bars {
		l := canvas.NewText(b.Label, screens.ColorText)
		l.TextSize = 15
		rect := canvas.NewRectangle(screens.ColorAccent)
		rect.CornerRadius = 3
		n := canvas.NewText(b.Note, screens.ColorMuted)
		n.TextSize = 15
		r.labels, r.rects, r.notes = append(r.labels, l), append(r.rects, rect), append(r.notes, n)
		r.objs = append(r.objs, l, rect, n)
	}
	return r
}

type barRenderer struct {
	c             *BarChart
	labels, notes []*canvas.Text
	rects         []*canvas.Rectangle
	objs          []fyne.CanvasObject
	max           float64
}

func (r *barRenderer) Layout(s fyne.Size) {
	room := s.Width - barLabelWidth - barNoteWidth - 16
	for i, b := range r.c.bars {
		y := float32(i) * barRow
		r.labels[i].Move(fyne.NewPos(0, y+4))
		r.labels[i].Resize(fyne.NewSize(barLabelWidth, r.labels[i].MinSize().Height))
		r.notes[i].Resize(r.notes[i].MinSize())
		w := float32(0)
		if r.max > 0 {
			w = max(2, room*float32(b.Value/r.max))
		}
		r.rects[i].Move(fyne.NewPos(barLabelWidth+8, y+4))
		r.rects[i].Resize(fyne.NewSize(w, barRow-8))
		r.notes[i].Move(fyne.NewPos(barLabelWidth+16+w, y+4))
	}
}

func (r *barRenderer) MinSize() fyne.Size {
	return fyne.NewSize(barLabelWidth+barNoteWidth+120, barRow*float32(len(r.c.bars)))
}
func (r *barRenderer) Refresh()                     {}
func (r *barRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *barRenderer) Destroy()                     {}

// LineChart draws a series over days: a polyline with a dot per point,
// a baseline, the highest value, and the first and last labels.
type LineChart struct {
	widget.BaseWidget
	values []float64
	first  string
	last   string
}

// NewLineChart makes the chart; first and last label the ends of the x
// axis.
func NewLineChart(values []float64, first, last string) *LineChart {
	c := &LineChart{values: values, first: first, last: last}
	c.ExtendBaseWidget(c)
	return c
}

func (c *LineChart) CreateRenderer() fyne.WidgetRenderer {
	r := &lineRenderer{c: c}
	for _, v := range c.values {
		r.max = max(r.max, v)
	}
	r.axis = canvas.NewLine(screens.ColorMuted)
	r.top = canvas.NewText(fmt.Sprintf("%.0f", r.max), screens.ColorMuted)
	r.from = canvas.NewText(c.first, screens.ColorMuted)
	r.to = canvas.NewText(c.last, screens.ColorMuted)
	for _, t := range []*canvas.Text{r.top, r.from, r.to} {
		t.TextSize = 14
	}
	r.objs = []fyne.CanvasObject{r.axis, r.top, r.from, r.to}
	for i := range c.values {
		if i > 0 {
			l := canvas.NewLine(screens.ColorChipOn)
			l.StrokeWidth = 2
			r.segs = append(r.segs, l)
			r.objs = append(r.objs, l)
		}
		d := canvas.NewCircle(screens.ColorAccent)
		r.dots = append(r.dots, d)
		r.objs = append(r.objs, d)
	}
	return r
}

type lineRenderer struct {
	c             *LineChart
	axis          *canvas.Line
	top, from, to *canvas.Text
	segs          []*canvas.Line
	dots          []*canvas.Circle
	objs          []fyne.CanvasObject
	max           float64
}

func (r *lineRenderer) Layout(s fyne.Size) {
	const left, bottom = float32(48), float32(24)
	h, w := s.Height-bottom-8, s.Width-left-8
	base := 8 + h
	r.axis.Position1, r.axis.Position2 = fyne.NewPos(left, base), fyne.NewPos(left+w, base)
	for _, t := range []*canvas.Text{r.top, r.from, r.to} {
		t.Resize(t.MinSize()) // canvas text draws in its own size
	}
	r.top.Move(fyne.NewPos(0, 0))
	r.from.Move(fyne.NewPos(left, base+4))
	r.to.Move(fyne.NewPos(left+w-r.to.MinSize().Width, base+4))
	n := len(r.c.values)
	point := func(i int) fyne.Position {
		x := left
		if n > 1 {
			x += w * float32(i) / float32(n-1)
		}
		y := base
		if r.max > 0 {
			y -= h * float32(r.c.values[i]/r.max)
		}
		return fyne.NewPos(x, y)
	}
	for i := range r.c.values {
		p := point(i)
		r.dots[i].Move(p.SubtractXY(3, 3))
		r.dots[i].Resize(fyne.NewSize(6, 6))
		if i > 0 {
			r.segs[i-1].Position1, r.segs[i-1].Position2 = point(i-1), p
		}
	}
}

func (r *lineRenderer) MinSize() fyne.Size           { return fyne.NewSize(300, 200) }
func (r *lineRenderer) Refresh()                     {}
func (r *lineRenderer) Objects() []fyne.CanvasObject { return r.objs }
func (r *lineRenderer) Destroy()                     {}
