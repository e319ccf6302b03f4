package demogen

import (
	"image"
	"image/draw"
	"math"
	"math/rand"

	"golang.org/x/image/vector"
)

// motif is the main drawing of a picture, over its background.
type motif int

const (
	motifNetwork motif = iota // nodes and links
	motifCity                 // isometric blocks
	motifWaves                // flowing ribbons of lines
	motifGrid                 // a perspective floor under a horizon glow
	motifHex                  // a honeycomb lit around a focus
	motifRings                // concentric arcs around an orb
)

// look is a theme's visual identity: the motifs it likes and a palette
// from darkest to lightest: deep, dark, mid, accent, light.
type look struct {
	motifs  []motif
	palette []uint32
}

type rgb [3]float32

func hexRGB(c uint32) rgb {
	return rgb{float32(c>>16&255) / 255, float32(c>>8&255) / 255, float32(c&255) / 255}
}

func (a rgb) mix(b rgb, t float32) rgb {
	return rgb{a[0] + (b[0]-a[0])*t, a[1] + (b[1]-a[1])*t, a[2] + (b[2]-a[2])*t}
}

// rotate turns the hue by deg degrees (in YIQ space, which is cheap and
// keeps brightness), so that projects of one theme differ a little.
func (a rgb) rotate(deg float64) rgb {
	y := 0.299*a[0] + 0.587*a[1] + 0.114*a[2]
	i := 0.596*a[0] - 0.274*a[1] - 0.322*a[2]
	q := 0.211*a[0] - 0.523*a[1] + 0.312*a[2]
	s, c := math.Sincos(deg * math.Pi / 180)
	i, q = i*float32(c)-q*float32(s), i*float32(s)+q*float32(c)
	return rgb{clamp01(y + 0.956*i + 0.621*q), clamp01(y - 0.272*i - 0.647*q), clamp01(y - 1.106*i + 1.703*q)}
}

func clamp01(v float32) float32 { return max(0, min(1, v)) }

type pt struct{ x, y float32 }

// shape collects polygons to fill in one go.
type shape struct{ polys [][]pt }

// poly adds a polygon, turned so that all polygons wind the same way: the
// rasterizer adds up signed coverage, and opposite windings would cancel
// where shapes overlap.
func (s *shape) poly(p []pt) {
	var area float32
	for i := range p {
		j := (i + 1) % len(p)
		area += p[i].x*p[j].y - p[j].x*p[i].y
	}
	if area < 0 {
		q := make([]pt, len(p))
		for i := range p {
			q[i] = p[len(p)-1-i]
		}
		p = q
	}
	s.polys = append(s.polys, p)
}

// line adds a straight stroke of width w.
func (s *shape) line(a, b pt, w float32) {
	dx, dy := b.x-a.x, b.y-a.y
	l := float32(math.Hypot(float64(dx), float64(dy)))
	if l == 0 {
		return
	}
	nx, ny := -dy/l*w/2, dx/l*w/2
	s.poly([]pt{{a.x + nx, a.y + ny}, {b.x + nx, b.y + ny}, {b.x - nx, b.y - ny}, {a.x - nx, a.y - ny}})
}

// stroke adds a smooth polyline of width w as one polygon, offsetting each
// vertex along the mean normal of its two segments.
func (s *shape) stroke(p []pt, w float32) {
	if len(p) < 2 {
		return
	}
	left := make([]pt, len(p))
	right := make([]pt, len(p))
	for i := range p {
		a, b := p[max(i-1, 0)], p[min(i+1, len(p)-1)]
		dx, dy := b.x-a.x, b.y-a.y
		l := float32(math.Hypot(float64(dx), float64(dy)))
		if l == 0 {
			l = 1
		}
		nx, ny := -dy/l*w/2, dx/l*w/2
		left[i] = pt{p[i].x + nx, p[i].y + ny}
		right[len(p)-1-i] = pt{p[i].x - nx, p[i].y - ny}
	}
	s.poly(append(left, right...))
}

func (s *shape) circle(c pt, r float32) {
	n := max(12, int(r))
	p := make([]pt, n)
	for i := range p {
		sn, cs := math.Sincos(2 * math.Pi * float64(i) / float64(n))
		p[i] = pt{c.x + r*float32(cs), c.y + r*float32(sn)}
	}
	s.poly(p)
}

// arc adds a ring segment of radius r and width w from angle a0 to a1.
func (s *shape) arc(c pt, r, w float32, a0, a1 float64) {
	n := max(8, int(float64(r)*(a1-a0)/6))
	p := make([]pt, 0, 2*(n+1))
	for k := 0; k <= 1; k++ {
		rr := r + w/2
		if k == 1 {
			rr = r - w/2
		}
		for i := 0; i <= n; i++ {
			t := float64(i) / float64(n)
			if k == 1 {
				t = 1 - t
			}
			sn, cs := math.Sincos(a0 + (a1-a0)*t)
			p = append(p, pt{c.x + rr*float32(cs), c.y + rr*float32(sn)})
		}
	}
	s.poly(p)
}

// canvas is a picture being painted, in floating-point sRGB.
type canvas struct {
	w, h int
	px   []float32
	rng  *rand.Rand
	pal  [5]rgb // deep, dark, mid, accent, light
	z    vector.Rasterizer
	mask []uint8
}

const (
	deep = iota
	dark
	mid
	accent
	light
)

// fill paints a shape in col at opacity a, over the picture or, with
// screen, as light added to it; fade, if not nil, scales the opacity by
// position (for things that fade into the distance).
func (c *canvas) fill(s *shape, col rgb, a float32, screen bool, fade func(x, y int) float32) {
	if len(s.polys) == 0 {
		return
	}
	x0, y0, x1, y1 := float32(math.Inf(1)), float32(math.Inf(1)), float32(math.Inf(-1)), float32(math.Inf(-1))
	for _, p := range s.polys {
		for _, q := range p {
			x0, y0, x1, y1 = min(x0, q.x), min(y0, q.y), max(x1, q.x), max(y1, q.y)
		}
	}
	r := image.Rect(int(math.Floor(float64(x0)))-1, int(math.Floor(float64(y0)))-1, int(math.Ceil(float64(x1)))+1, int(math.Ceil(float64(y1)))+1).
		Intersect(image.Rect(0, 0, c.w, c.h))
	if r.Empty() {
		return
	}
	// Rasterize only the shape's bounding box: the cost is its area.
	bw, bh := r.Dx(), r.Dy()
	c.z.Reset(bw, bh)
	c.z.DrawOp = draw.Src
	ox, oy := float32(r.Min.X), float32(r.Min.Y)
	for _, p := range s.polys {
		c.z.MoveTo(p[0].x-ox, p[0].y-oy)
		for _, q := range p[1:] {
			c.z.LineTo(q.x-ox, q.y-oy)
		}
		c.z.ClosePath()
	}
	if cap(c.mask) < bw*bh {
		c.mask = make([]uint8, bw*bh)
	}
	m := &image.Alpha{Pix: c.mask[:bw*bh], Stride: bw, Rect: image.Rect(0, 0, bw, bh)}
	c.z.Draw(m, m.Rect, image.Opaque, image.Point{})
	for y := 0; y < bh; y++ {
		for x := 0; x < bw; x++ {
			v := m.Pix[y*bw+x]
			if v == 0 {
				continue
			}
			k := float32(v) / 255 * a
			if fade != nil {
				k *= fade(x+r.Min.X, y+r.Min.Y)
			}
			c.blend((y+r.Min.Y)*c.w+x+r.Min.X, col, k, screen)
		}
	}
}

func (c *canvas) blend(i int, col rgb, k float32, screen bool) {
	p := c.px[i*3 : i*3+3 : i*3+3]
	for ch := 0; ch < 3; ch++ {
		if screen {
			p[ch] += col[ch] * k * (1 - p[ch])
		} else {
			p[ch] += (col[ch] - p[ch]) * k
		}
	}
}

// glow adds soft light of radius r, brightest at its centre.
func (c *canvas) glow(at pt, r float32, col rgb, a float32) {
	c.radial(at, r, func(d2 float32) float32 { f := 1 - d2; return f * f * f * a }, col)
}

// bokeh adds an out-of-focus disc with a soft rim, like lights far behind.
func (c *canvas) bokeh(at pt, r float32, col rgb, a float32) {
	c.radial(at, r, func(d2 float32) float32 {
		d := float32(math.Sqrt(float64(d2)))
		return a * min(1, (1-d)*6) * (0.7 + 0.3*d)
	}, col)
}

// radial adds light whose strength depends on the squared distance from
// at, measured in radii (0 at the centre, 1 at the rim).
func (c *canvas) radial(at pt, r float32, strength func(d2 float32) float32, col rgb) {
	x0, x1 := max(0, int(at.x-r)), min(c.w, int(at.x+r)+1)
	y0, y1 := max(0, int(at.y-r)), min(c.h, int(at.y+r)+1)
	inv := 1 / (r * r)
	for y := y0; y < y1; y++ {
		dy := float32(y) + 0.5 - at.y
		for x := x0; x < x1; x++ {
			dx := float32(x) + 0.5 - at.x
			d2 := (dx*dx + dy*dy) * inv
			if d2 >= 1 {
				continue
			}
			c.blend(y*c.w+x, col, strength(d2), true)
		}
	}
}

func (c *canvas) f(lo, hi float32) float32 { return lo + (hi-lo)*c.rng.Float32() }

// Render paints the job's picture.
func Render(j ImageJob) *image.RGBA {
	c := &canvas{w: j.Width, h: j.Height, px: make([]float32, j.Width*j.Height*3), rng: rand.New(rand.NewSource(j.Seed))}
	hue := c.rng.Float64()*28 - 14
	for i := range c.pal {
		c.pal[i] = hexRGB(j.Look.palette[i]).rotate(hue)
	}
	c.background()
	switch j.Motif {
	case motifNetwork:
		c.network()
	case motifCity:
		c.city()
	case motifWaves:
		c.waves()
	case motifGrid:
		c.grid()
	case motifHex:
		c.hex()
	case motifRings:
		c.rings()
	}
	c.sparkles()
	c.soften()
	return c.image()
}

// background: a diagonal gradient from deep to dark with broad, faint
// light from two or three large glows.
func (c *canvas) background() {
	w, h := float32(c.w), float32(c.h)
	ang := c.rng.Float64() * 2 * math.Pi
	sn, cs := math.Sincos(ang)
	ax, ay := float32(cs), float32(sn)
	span := (w*abs(ax) + h*abs(ay)) / 2
	lo, hi := c.pal[deep], c.pal[dark].mix(c.pal[mid], c.f(0.1, 0.4))
	for y := 0; y < c.h; y++ {
		for x := 0; x < c.w; x++ {
			t := ((float32(x)-w/2)*ax+(float32(y)-h/2)*ay)/span*0.5 + 0.5
			t = clamp01(t)
			t = t * t * (3 - 2*t)
			col := lo.mix(hi, t)
			copy(c.px[(y*c.w+x)*3:], col[:])
		}
	}
	for n := 2 + c.rng.Intn(2); n > 0; n-- {
		col := c.pal[mid]
		if c.rng.Intn(3) == 0 {
			col = c.pal[accent]
		}
		c.glow(pt{c.f(0, w), c.f(0, h)}, c.f(0.45, 0.9)*w, col, c.f(0.18, 0.35))
	}
}

// sparkles: bokeh far behind, a few bright points in front, a vignette.
func (c *canvas) sparkles() {
	w, h := float32(c.w), float32(c.h)
	for n := 10 + c.rng.Intn(14); n > 0; n-- {
		col := c.pal[light].mix(c.pal[accent], c.rng.Float32())
		c.bokeh(pt{c.f(0, w), c.f(0, h)}, c.f(8, 46), col, c.f(0.04, 0.12))
	}
	for n := 12 + c.rng.Intn(20); n > 0; n-- {
		c.glow(pt{c.f(0, w), c.f(0, h)}, c.f(3, 9), c.pal[light], c.f(0.4, 0.9))
	}
	for y := 0; y < c.h; y++ {
		dy := (float32(y) - h/2) / (h / 2)
		for x := 0; x < c.w; x++ {
			dx := (float32(x) - w/2) / (w / 2)
			k := 1 - 0.32*(dx*dx*0.6+dy*dy*0.9)
			i := (y*c.w + x) * 3
			c.px[i] *= k
			c.px[i+1] *= k
			c.px[i+2] *= k
		}
	}
}

// soften blurs the picture by a pixel, [1 2 1] each way: it takes the
// hard edge off hairlines, which look better for it on a big screen and
// cost far fewer bytes as JPEG.
func (c *canvas) soften() {
	tmp := make([]float32, len(c.px))
	w, h := c.w, c.h
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			l, r := max(x-1, 0), min(x+1, w-1)
			for ch := 0; ch < 3; ch++ {
				tmp[(y*w+x)*3+ch] = (c.px[(y*w+l)*3+ch] + 2*c.px[(y*w+x)*3+ch] + c.px[(y*w+r)*3+ch]) / 4
			}
		}
	}
	for y := 0; y < h; y++ {
		u, d := max(y-1, 0), min(y+1, h-1)
		for x := 0; x < w; x++ {
			for ch := 0; ch < 3; ch++ {
				c.px[(y*w+x)*3+ch] = (tmp[(u*w+x)*3+ch] + 2*tmp[(y*w+x)*3+ch] + tmp[(d*w+x)*3+ch]) / 4
			}
		}
	}
}

func (c *canvas) image() *image.RGBA {
	img := image.NewRGBA(image.Rect(0, 0, c.w, c.h))
	for i := 0; i < c.w*c.h; i++ {
		for ch := 0; ch < 3; ch++ {
			img.Pix[i*4+ch] = uint8(clamp01(c.px[i*3+ch])*255 + 0.5)
		}
		img.Pix[i*4+3] = 255
	}
	return img
}

func abs(v float32) float32 { return max(v, -v) }

// network: a graph of nodes, each linked to its nearest neighbours, with
// a few links lit up as if data were flowing.
func (c *canvas) network() {
	w, h := float32(c.w), float32(c.h)
	for layer := 0; layer < 2; layer++ {
		// A jittered grid spreads nodes evenly without looking regular.
		cell := w / c.f(7, 10)
		if layer == 0 {
			cell *= 0.7
		}
		var nodes []pt
		for y := -cell / 2; y < h+cell; y += cell {
			for x := -cell / 2; x < w+cell; x += cell {
				if c.rng.Intn(4) == 0 {
					continue
				}
				nodes = append(nodes, pt{x + c.f(-0.45, 0.45)*cell, y + c.f(-0.45, 0.45)*cell})
			}
		}
		var links, lit shape
		seen := map[[2]int]bool{}
		for i, a := range nodes {
			for _, j := range nearest(nodes, i, 2+c.rng.Intn(2)) {
				key := [2]int{min(i, j), max(i, j)}
				if seen[key] {
					continue
				}
				seen[key] = true
				if layer == 1 && c.rng.Intn(9) == 0 {
					lit.line(a, nodes[j], 2.6)
				} else {
					links.line(a, nodes[j], 1.3+float32(layer)*0.5)
				}
			}
		}
		strength := float32(0.22 + 0.2*float32(layer))
		c.fill(&links, c.pal[light].mix(c.pal[mid], 0.4), strength, true, nil)
		c.fill(&lit, c.pal[accent], 0.85, true, nil)
		var dots shape
		for _, n := range nodes {
			r := c.f(1.5, 3.5) * (1 + float32(layer))
			dots.circle(n, r)
			if layer == 1 && c.rng.Intn(6) == 0 {
				c.glow(n, r*c.f(6, 12), c.pal[accent], 0.45)
			}
		}
		c.fill(&dots, c.pal[light], 0.5+0.4*float32(layer), true, nil)
	}
}

// nearest lists the k nodes closest to node i.
func nearest(nodes []pt, i, k int) []int {
	type cand struct {
		j int
		d float32
	}
	best := make([]cand, 0, k+1)
	for j, b := range nodes {
		if j == i {
			continue
		}
		dx, dy := b.x-nodes[i].x, b.y-nodes[i].y
		d := dx*dx + dy*dy
		if len(best) == k && d >= best[k-1].d {
			continue
		}
		best = append(best, cand{j, d})
		for n := len(best) - 1; n > 0 && best[n].d < best[n-1].d; n-- {
			best[n], best[n-1] = best[n-1], best[n]
		}
		if len(best) > k {
			best = best[:k]
		}
	}
	out := make([]int, len(best))
	for n, b := range best {
		out[n] = b.j
	}
	return out
}

// city: isometric blocks of varied height on a glowing ground grid, drawn
// back to front, with lit windows and bright roof edges.
func (c *canvas) city() {
	w, h := float32(c.w), float32(c.h)
	tile := c.f(72, 96)
	ox, oy := w*c.f(0.4, 0.6), h*c.f(0.45, 0.55)
	iso := func(i, j, z float32) pt { return pt{ox + (i-j)*tile, oy + (i+j)*tile*0.5 - z} }
	n := int(w/tile) + 2

	var ground shape
	for k := -n; k <= n; k++ {
		ground.line(iso(float32(k), float32(-n), 0), iso(float32(k), float32(n), 0), 1)
		ground.line(iso(float32(-n), float32(k), 0), iso(float32(n), float32(k), 0), 1)
	}
	c.fill(&ground, c.pal[mid].mix(c.pal[light], 0.3), 0.22, true, nil)

	// A district of towers round a centre, tallest in the middle, with the
	// lit ground showing between and around them.
	ci, cj := c.f(-1, 1), c.f(-1, 1)
	reach := c.f(3.5, 5.5)
	c.glow(iso(ci+0.5, cj+0.5, 0), tile*reach*2.2, c.pal[mid], 0.3)
	span := int(reach) + 2
	for s := -2 * span; s <= 2*span; s++ {
		for i := -span; i <= span; i++ {
			j := s - i
			if j < -span || j > span {
				continue
			}
			fi, fj := float32(i), float32(j)
			d := float32(math.Hypot(float64(fi-ci), float64(fj-cj)))
			if d > reach || c.rng.Float32() < 0.25+0.5*d/reach {
				continue
			}
			height := tile * (0.5 + c.f(0, 0.8) + 5*float32(math.Exp(float64(-d*d/(reach*reach*0.3))))*c.f(0.3, 1))
			c.block(iso, fi+0.12, fj+0.12, 0.76, height)
		}
	}
}

// block draws one isometric box with its base at tile (i, j).
func (c *canvas) block(iso func(i, j, z float32) pt, i, j, size, height float32) {
	a, b := iso(i, j+size, 0), iso(i+size, j+size, 0)
	r := iso(i+size, j, 0)
	ta, tb, tr, tt := iso(i, j+size, height), iso(i+size, j+size, height), iso(i+size, j, height), iso(i, j, height)
	var left, right, top shape
	left.poly([]pt{a, b, tb, ta})
	right.poly([]pt{b, r, tr, tb})
	top.poly([]pt{ta, tb, tr, tt})
	c.fill(&left, c.pal[dark].mix(c.pal[mid], 0.35), 0.94, false, nil)
	c.fill(&right, c.pal[deep].mix(c.pal[dark], 0.6), 0.94, false, nil)
	c.fill(&top, c.pal[mid].mix(c.pal[light], 0.25), 0.9, false, nil)

	// Windows: rows of small lit panes on both faces, some dark.
	var win shape
	floors := int(height / 16)
	if c.rng.Intn(3) == 0 {
		floors = 0 // some towers are glass and dark
	}
	for f := 1; f < floors; f++ {
		z := float32(f) * 16
		for k := 0; k < 4; k++ {
			if c.rng.Intn(5) < 2 {
				continue
			}
			u := (float32(k) + 0.3) / 4 * size
			win.line(iso(i+u, j+size, z), iso(i+u+size/7, j+size, z), 2.2)
			win.line(iso(i+size, j+size-u, z), iso(i+size, j+size-u-size/7, z), 2.2)
		}
	}
	c.fill(&win, c.pal[accent].mix(c.pal[light], 0.4), 0.7, true, nil)
	var edge shape
	edge.stroke([]pt{ta, tb, tr, tt, ta}, 1.2)
	edge.line(b, tb, 1)
	c.fill(&edge, c.pal[light], 0.45, true, nil)
}

// waves: a ribbon of many thin lines, each a sum of slow sines whose
// phases drift from line to line, so that together they twist like silk.
func (c *canvas) waves() {
	w, h := float32(c.w), float32(c.h)
	ribbons := 1 + c.rng.Intn(4)/3
	for r := 0; r < ribbons; r++ {
		lines := 10 + c.rng.Intn(8)
		base := h * c.f(0.4, 0.62)
		c.glow(pt{w * c.f(0.3, 0.7), base}, w*c.f(0.3, 0.45), c.pal[accent], 0.3)
		type wave struct{ amp, freq, phase, drift float32 }
		ws := make([]wave, 3)
		for k := range ws {
			ws[k] = wave{h * c.f(0.04, 0.14) / float32(k+1), c.f(0.6, 2.2) * float32(k+1) * 2 * math.Pi / w, c.f(0, 6.3), c.f(0.02, 0.07)}
		}
		spread := h * c.f(0.004, 0.009)
		from, to := c.pal[accent], c.pal[light].mix(c.pal[mid], 0.5)
		if c.rng.Intn(2) == 0 {
			from, to = to, from
		}
		for l := 0; l < lines; l++ {
			var s shape
			p := make([]pt, 0, c.w/8+2)
			for x := float32(-8); x <= w+8; x += 8 {
				y := base + float32(l)*spread*float32(math.Sin(float64(x/w*3+float32(r))))*8
				for _, wv := range ws {
					y += wv.amp * float32(math.Sin(float64(wv.freq*x+wv.phase+float32(l)*wv.drift)))
				}
				p = append(p, pt{x, y})
			}
			s.stroke(p, c.f(1.1, 2.0))
			t := float32(l) / float32(lines-1)
			c.fill(&s, from.mix(to, t), 0.45+0.4*(1-abs(2*t-1)), true, nil)
		}
	}
	// Small beads of light travelling along the field.
	for n := 4 + c.rng.Intn(5); n > 0; n-- {
		c.glow(pt{c.f(0, w), h * c.f(0.3, 0.75)}, c.f(20, 60), c.pal[accent], 0.4)
	}
}

// grid: a perspective floor that fades into a glowing horizon.
func (c *canvas) grid() {
	w, h := float32(c.w), float32(c.h)
	hy := h * c.f(0.38, 0.55)
	vx := w * c.f(0.3, 0.7)
	c.glow(pt{vx, hy}, w*c.f(0.35, 0.55), c.pal[accent], 0.55)
	c.glow(pt{vx, hy}, w*0.12, c.pal[light], 0.5)

	fade := func(x, y int) float32 { return clamp01((float32(y) - hy) / (h - hy) * 1.4) }
	var floor shape
	for k := -14; k <= 14; k++ {
		floor.line(pt{vx, hy}, pt{vx + float32(k)*w/6, h * 1.6}, 1.6)
	}
	rows := 11
	for k := 1; k <= rows; k++ {
		t := float32(k) / float32(rows)
		y := hy + (h-hy)*t*t
		floor.line(pt{0, y}, pt{w, y}, 1+t*1.5)
	}
	c.fill(&floor, c.pal[accent].mix(c.pal[light], 0.3), 0.8, true, fade)
	var horizon shape
	horizon.line(pt{0, hy}, pt{w, hy}, 2)
	c.fill(&horizon, c.pal[light], 0.6, true, func(x, y int) float32 {
		d := (float32(x) - vx) / w
		return clamp01(1 - d*d*4)
	})

	// A skyline of thin towers along the horizon, lit from behind.
	var sky shape
	for x := float32(0); x < w; x += c.f(10, 26) {
		tw := c.f(8, 22)
		th := h * c.f(0.02, 0.16) * float32(math.Exp(-float64((x-vx)*(x-vx)/(w*w*0.08))))
		sky.poly([]pt{{x, hy}, {x + tw, hy}, {x + tw, hy - th}, {x, hy - th}})
	}
	c.fill(&sky, c.pal[deep], 0.75, false, nil)

	// Moving lights on the floor: short bright dashes along the lanes.
	var cars shape
	for n := 10 + c.rng.Intn(10); n > 0; n-- {
		k := float32(c.rng.Intn(17) - 8)
		t := c.f(0.15, 0.95)
		lane := func(t float32) pt { return pt{vx + (k+0.5)*w/6*t*t/1.6, hy + (h*1.6-hy)*t*t/1.6} }
		a, b := lane(t), lane(t+0.06)
		cars.line(a, b, 2+3*t)
	}
	c.fill(&cars, c.pal[light], 0.9, true, nil)
}

// hex: a honeycomb whose cells light up around a focus point.
func (c *canvas) hex() {
	w, h := float32(c.w), float32(c.h)
	r := c.f(52, 84)
	focus := pt{w * c.f(0.25, 0.75), h * c.f(0.3, 0.7)}
	reach := w * c.f(0.35, 0.55)
	near := func(x, y int) float32 {
		dx, dy := float32(x)-focus.x, float32(y)-focus.y
		return clamp01(1.15 - float32(math.Sqrt(float64(dx*dx+dy*dy)))/reach)
	}
	var outline shape
	levels := make([]shape, 4)
	dx, dy := r*float32(math.Sqrt(3)), r*1.5
	for row, y := 0, float32(0); y < h+r; row, y = row+1, y+dy {
		for x := float32(-dx) + float32(row%2)*dx/2; x < w+dx; x += dx {
			corner := func(k int, rr float32) pt {
				s, c := math.Sincos(math.Pi/6 + float64(k)*math.Pi/3)
				return pt{x + rr*float32(c), y + rr*float32(s)}
			}
			for k := 0; k < 6; k++ {
				outline.line(corner(k, r-2), corner(k+1, r-2), 1.4)
			}
			if c.rng.Intn(100) < 22 {
				p := make([]pt, 6)
				for k := range p {
					p[k] = corner(k, r-6)
				}
				levels[c.rng.Intn(len(levels))].poly(p)
			}
		}
	}
	c.fill(&outline, c.pal[mid].mix(c.pal[light], 0.5), 0.55, true, func(x, y int) float32 { return 0.25 + near(x, y) })
	for k := range levels {
		col := c.pal[accent]
		if k == 3 {
			col = c.pal[light]
		}
		c.fill(&levels[k], col, 0.12+0.14*float32(k), true, near)
	}
	c.glow(focus, reach*0.7, c.pal[accent], 0.35)
}

// rings: concentric arcs with tick marks around a glowing orb.
func (c *canvas) rings() {
	w, h := float32(c.w), float32(c.h)
	o := pt{w * c.f(0.3, 0.7), h * c.f(0.4, 0.6)}
	c.glow(o, h*0.75, c.pal[accent], 0.35)
	r0 := h * c.f(0.1, 0.16)
	var orb shape
	orb.circle(o, r0*0.8)
	c.fill(&orb, c.pal[mid].mix(c.pal[light], 0.4), 0.55, true, nil)
	c.glow(o, r0*1.8, c.pal[light], 0.6)

	for k, r := 0, r0*1.35; r < w*0.7; k, r = k+1, r+c.f(22, 60) {
		var arcs, dots shape
		width := c.f(1.2, 3.5)
		if k%4 == 1 {
			width = c.f(6, 12)
		}
		start := c.rng.Float64() * 2 * math.Pi
		for seg := 1 + c.rng.Intn(3); seg > 0; seg-- {
			length := c.f(0.4, 2.4)
			arcs.arc(o, r, width, start, start+float64(length))
			e := start + float64(length)
			dots.circle(pt{o.x + r*float32(math.Cos(e)), o.y + r*float32(math.Sin(e))}, width+2.5)
			start = e + float64(c.f(0.3, 1.2))
		}
		col := c.pal[light].mix(c.pal[accent], c.rng.Float32())
		a := 0.75 - float32(k)*0.05
		c.fill(&arcs, col, max(a, 0.2), true, nil)
		c.fill(&dots, c.pal[light], 0.8, true, nil)
		if k == 2 {
			// A dial of ticks, as on an instrument.
			var ticks shape
			for t := 0; t < 72; t++ {
				s, cs := math.Sincos(float64(t) * math.Pi / 36)
				l := float32(6)
				if t%6 == 0 {
					l = 14
				}
				ticks.line(pt{o.x + (r+8)*float32(cs), o.y + (r+8)*float32(s)}, pt{o.x + (r+8+l)*float32(cs), o.y + (r+8+l)*float32(s)}, 1.4)
			}
			c.fill(&ticks, c.pal[light], 0.5, true, nil)
		}
	}
}
