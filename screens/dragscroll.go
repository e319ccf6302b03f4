package screens

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// Fyne's desktop scroll containers follow the mouse wheel only; a
// touchscreen sends drags. A dragScroller lies over a scrolling widget,
// catches the drags (Fyne gives a drag to the topmost draggable object,
// while taps go on through to the tiles below) and scrolls the widget,
// carrying on with inertia when the finger lifts.
type dragScroller struct {
	widget.BaseWidget
	get       func() float32 // current offset along the axis
	set       func(float32)  // scroll to an offset (clamped by max)
	max       func() float32 // largest offset
	vertical  bool
	velocity  float32 // points per second, smoothed
	lastDrag  time.Time
	anim      *fyne.Animation
	onRelease func(velocity float32) // paging instead of inertia, if set
}

func (d *dragScroller) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

func (d *dragScroller) scrollTo(off float32) {
	if m := d.max(); off > m {
		off = m
	}
	if off < 0 {
		off = 0
	}
	d.set(off)
}

func (d *dragScroller) Dragged(e *fyne.DragEvent) {
	noteActivity()
	if d.anim != nil {
		d.anim.Stop()
		d.anim = nil
	}
	delta := e.Dragged.DX
	if d.vertical {
		delta = e.Dragged.DY
	}
	now := time.Now()
	if dt := now.Sub(d.lastDrag).Seconds(); dt > 0 && dt < 0.2 {
		inst := -delta / float32(dt)
		d.velocity = 0.7*inst + 0.3*d.velocity
	} else {
		d.velocity = 0
	}
	d.lastDrag = now
	d.scrollTo(d.get() - delta)
}

func (d *dragScroller) DragEnd() {
	v := d.velocity
	if time.Since(d.lastDrag) > 120*time.Millisecond {
		v = 0 // the finger stopped before lifting
	}
	d.velocity = 0
	if d.onRelease != nil {
		d.onRelease(v)
		return
	}
	if math.Abs(float64(v)) < 50 {
		return
	}
	// Glide: the distance a flick travels decays like friction would.
	start := d.get()
	const seconds = 0.9
	distance := v * seconds / 3
	d.anim = fyne.NewAnimation(time.Duration(seconds*float64(time.Second)), func(t float32) {
		eased := 1 - (1-t)*(1-t)*(1-t)
		d.scrollTo(start + distance*eased)
	})
	d.anim.Curve = fyne.AnimationLinear
	d.anim.Start()
}

// TouchGrid makes a GridWrap scroll by dragging.
func TouchGrid(g *widget.GridWrap, itemHeight func() float32, count func() int) fyne.CanvasObject {
	d := &dragScroller{vertical: true, get: g.GetScrollOffset, set: g.ScrollToOffset}
	d.max = func() float32 {
		cols := g.ColumnCount()
		if cols < 1 {
			cols = 1
		}
		rows := (count() + cols - 1) / cols
		content := float32(rows)*(itemHeight()+themePadding()) - g.Size().Height
		if content < 0 {
			return 0
		}
		return content
	}
	d.ExtendBaseWidget(d)
	return container.NewStack(g, d)
}

// TouchScroll makes a scroll container scroll by dragging.
func TouchScroll(s *container.Scroll) fyne.CanvasObject {
	vertical := s.Direction != container.ScrollHorizontalOnly
	d := &dragScroller{vertical: vertical}
	d.get = func() float32 {
		if vertical {
			return s.Offset.Y
		}
		return s.Offset.X
	}
	d.set = func(v float32) {
		if vertical {
			s.ScrollToOffset(fyne.NewPos(s.Offset.X, v))
		} else {
			s.ScrollToOffset(fyne.NewPos(v, s.Offset.Y))
		}
		s.Refresh()
	}
	d.max = func() float32 {
		var m float32
		if vertical {
			m = s.Content.MinSize().Height - s.Size().Height
		} else {
			m = s.Content.MinSize().Width - s.Size().Width
		}
		return float32(math.Max(0, float64(m)))
	}
	d.ExtendBaseWidget(d)
	return container.NewStack(s, d)
}

// swipeArea turns a horizontal swipe into "next" or "previous", as a
// gallery wants: a finger moving left asks for the next picture.
type swipeArea struct {
	widget.BaseWidget
	moved      float32
	next, prev func()
}

func newSwipeArea(next, prev func()) *swipeArea {
	s := &swipeArea{next: next, prev: prev}
	s.ExtendBaseWidget(s)
	return s
}

func (s *swipeArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewWithoutLayout())
}

func (s *swipeArea) Dragged(e *fyne.DragEvent) {
	noteActivity()
	s.moved += e.Dragged.DX
}

// swipeDistance is how far a finger must travel to turn a page.
const swipeDistance = 60

func (s *swipeArea) DragEnd() {
	moved := s.moved
	s.moved = 0
	switch {
	case moved <= -swipeDistance:
		s.next()
	case moved >= swipeDistance:
		s.prev()
	}
}
