package screens

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
)

// NewPage lays out a screen's controls (its bar) and its body: the bar on
// top, or at the bottom when the screen is taller than reach, so that a
// visitor in a wheelchair reaches every control. The bar's height follows
// the width it gets (it may wrap to more rows).
func NewPage(reach float32, bar, body fyne.CanvasObject) *fyne.Container {
	return container.New(&pageLayout{reach: reach}, bar, body)
}

type pageLayout struct{ reach float32 }

// heightFor is how tall o is at width w: a wrapping bar says so, anything
// else is its minimum height.
func heightFor(o fyne.CanvasObject, w float32) float32 {
	if c, ok := o.(*fyne.Container); ok {
		if l, ok := c.Layout.(interface {
			heightFor([]fyne.CanvasObject, float32) float32
		}); ok {
			return l.heightFor(c.Objects, w)
		}
	}
	return o.MinSize().Height
}

func (p *pageLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	bar, body := objs[0], objs[1]
	h := heightFor(bar, size.Width)
	bar.Resize(fyne.NewSize(size.Width, h))
	body.Resize(fyne.NewSize(size.Width, size.Height-h))
	if BarAtBottom(p.reach, size.Height) {
		body.Move(fyne.NewPos(0, 0))
		bar.Move(fyne.NewPos(0, size.Height-h))
		return
	}
	bar.Move(fyne.NewPos(0, 0))
	body.Move(fyne.NewPos(0, h))
}

func (p *pageLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	b, c := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(b.Width, c.Width), b.Height+c.Height)
}

// BarAtBottom says whether a screen height px tall puts its controls at
// the bottom: when it is taller than a seated visitor reaches.
func BarAtBottom(reach, height float32) bool { return reach > 0 && height > reach }

// barLayout lays out a top bar: a background, a title, then the controls
// (those before the title first). In one row when they fit beside a
// readable title; otherwise the title has a row and the controls wrap
// below it, so a large text size never pushes a control off the screen.
type barLayout struct{ before int }

// barTitleMin is the least width a title keeps in a one-row bar.
const barTitleMin float32 = 240

func (l *barLayout) controls(objs []fyne.CanvasObject) []fyne.CanvasObject {
	var out []fyne.CanvasObject
	for _, o := range objs[2:] {
		if o.Visible() {
			out = append(out, o)
		}
	}
	return out
}

func controlHeight(objs []fyne.CanvasObject) float32 {
	h := TouchTarget
	for _, o := range objs {
		h = max(h, o.MinSize().Height)
	}
	return h
}

func (l *barLayout) oneRow(objs []fyne.CanvasObject, w float32) bool {
	pad := theme.Padding()
	need := barTitleMin + 2*pad
	for _, o := range l.controls(objs) {
		need += o.MinSize().Width + pad
	}
	return need <= w-2*pad
}

// lines splits the controls into rows that fit width w.
func lines(objs []fyne.CanvasObject, w float32) [][]fyne.CanvasObject {
	pad := theme.Padding()
	var out [][]fyne.CanvasObject
	var cur []fyne.CanvasObject
	x := float32(0)
	for _, o := range objs {
		ow := o.MinSize().Width
		if len(cur) > 0 && x+ow > w {
			out = append(out, cur)
			cur, x = nil, 0
		}
		cur = append(cur, o)
		x += ow + pad
	}
	if len(cur) > 0 {
		out = append(out, cur)
	}
	return out
}

func (l *barLayout) heightFor(objs []fyne.CanvasObject, w float32) float32 {
	pad := theme.Padding()
	ctl := l.controls(objs)
	ch := controlHeight(ctl)
	if l.oneRow(objs, w) {
		return ch + 4*pad
	}
	n := float32(len(lines(ctl, w-4*pad)))
	return 4*pad + objs[1].MinSize().Height + pad + n*ch + (n-1)*pad
}

func (l *barLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	objs[0].Resize(size)
	objs[0].Move(fyne.NewPos(0, 0))
	pad := theme.Padding()
	in := 2 * pad
	ctl := l.controls(objs)
	ch := controlHeight(ctl)
	title := objs[1]
	th := title.MinSize().Height
	if l.oneRow(objs, size.Width) {
		x := in
		before := min(l.before, len(ctl))
		for _, o := range ctl[:before] {
			o.Resize(fyne.NewSize(o.MinSize().Width, ch))
			o.Move(fyne.NewPos(x, in))
			x += o.MinSize().Width + pad
		}
		right := size.Width - in
		for i := len(ctl) - 1; i >= before; i-- {
			o := ctl[i]
			right -= o.MinSize().Width
			o.Resize(fyne.NewSize(o.MinSize().Width, ch))
			o.Move(fyne.NewPos(right, in))
			right -= pad
		}
		title.Resize(fyne.NewSize(right-x-pad, th))
		title.Move(fyne.NewPos(x+pad, in+(ch-th)/2))
		return
	}
	title.Resize(fyne.NewSize(size.Width-2*in, th))
	title.Move(fyne.NewPos(in, in))
	y := in + th + pad
	for _, line := range lines(ctl, size.Width-2*in) {
		x := in
		for _, o := range line {
			o.Resize(fyne.NewSize(o.MinSize().Width, ch))
			o.Move(fyne.NewPos(x, y))
			x += o.MinSize().Width + pad
		}
		y += ch + pad
	}
}

func (l *barLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	pad := theme.Padding()
	w := float32(0)
	for _, o := range l.controls(objs) {
		w = max(w, o.MinSize().Width)
	}
	return fyne.NewSize(w+4*pad, controlHeight(l.controls(objs))+4*pad)
}

// justifiedGrid lays cells of one size in rows whose first and last cells
// touch the container's edges, the gaps shared out between them: grids of
// different cell sizes then line up with each other and with the bar.
// A single column is centred. A stretched grid (the few featured
// exhibits) widens its cells instead, so that they too fill the width.
type justifiedGrid struct {
	cell    func() fyne.Size
	stretch bool
	rows    int // from the last layout, for MinSize
}

// newJustifiedGrid makes a grid of cells of size cell() each.
func newJustifiedGrid(cell func() fyne.Size, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&justifiedGrid{cell: cell}, objs...)
}

// newStretchedGrid makes a grid of cells at least cell() wide, widened to
// fill each row.
func newStretchedGrid(cell func() fyne.Size, objs ...fyne.CanvasObject) *fyne.Container {
	return container.New(&justifiedGrid{cell: cell, stretch: true}, objs...)
}

func (g *justifiedGrid) columns(w float32) int {
	pad := theme.Padding()
	c := int((w + pad) / (g.cell().Width + pad))
	return max(c, 1)
}

func (g *justifiedGrid) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	cell := g.cell()
	pad := theme.Padding()
	cols := g.columns(size.Width)
	gap := pad
	x0 := float32(0)
	if cols > 1 && len(objs) >= cols {
		gap = (size.Width - float32(cols)*cell.Width) / float32(cols-1)
	} else if cols == 1 {
		x0 = max(0, (size.Width-cell.Width)/2)
	}
	if g.stretch {
		n := min(cols, max(len(objs), 1))
		cell.Width = (size.Width - float32(n-1)*pad) / float32(n)
		cols, gap, x0 = n, pad, 0
	}
	g.rows = 0
	for i, o := range objs {
		r, c := i/cols, i%cols
		o.Resize(cell)
		o.Move(fyne.NewPos(x0+float32(c)*(cell.Width+gap), float32(r)*(cell.Height+pad)))
		g.rows = r + 1
	}
}

func (g *justifiedGrid) MinSize(objs []fyne.CanvasObject) fyne.Size {
	cell := g.cell()
	rows := g.rows
	if rows == 0 && len(objs) > 0 {
		rows = 1
	}
	if rows == 0 {
		return fyne.NewSize(cell.Width, 0)
	}
	pad := theme.Padding()
	return fyne.NewSize(cell.Width, float32(rows)*cell.Height+float32(rows-1)*pad)
}

// sideBySide puts a side column (browse's filters) left of the main part
// when the main part keeps at least least pixels beside it, and above it
// otherwise (a portrait screen with large text), taking up to a third of
// the height there.
type sideBySide struct{ least float32 }

func (l sideBySide) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	side, main := objs[0], objs[1]
	pad := theme.Padding()
	sw := side.MinSize().Width
	if size.Width-sw-pad >= l.least {
		side.Move(fyne.NewPos(0, 0))
		side.Resize(fyne.NewSize(sw, size.Height))
		main.Move(fyne.NewPos(sw+pad, 0))
		main.Resize(fyne.NewSize(size.Width-sw-pad, size.Height))
		return
	}
	sh := size.Height / 3
	side.Move(fyne.NewPos(0, 0))
	side.Resize(fyne.NewSize(size.Width, sh))
	main.Move(fyne.NewPos(0, sh+pad))
	main.Resize(fyne.NewSize(size.Width, size.Height-sh-pad))
}

func (l sideBySide) MinSize(objs []fyne.CanvasObject) fyne.Size {
	s, m := objs[0].MinSize(), objs[1].MinSize()
	return fyne.NewSize(max(s.Width, m.Width), max(s.Height, m.Height))
}
