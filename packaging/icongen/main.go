// Command icongen draws showhall's application icon: a screen on a stand
// in a hall's arch, night blue and amber. It draws with plain geometry and
// supersampling, so the output is the same byte for byte on every run:
//
//	go run ./packaging/icongen -out packaging/icons
//
// writes showhall-<size>.png for the sizes desktops look for.
package main

import (
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"os"
	"path/filepath"
)

var (
	night = color.NRGBA{0x0b, 0x14, 0x26, 0xff} // the hall at night
	amber = color.NRGBA{0xff, 0xb3, 0x3b, 0xff} // its lights
	glow  = color.NRGBA{0x1c, 0x2d, 0x4f, 0xff} // the lit screen's face
)

// A shape answers whether a point of the unit square (0..1, y down) is
// inside it.
type shape func(x, y float64) bool

func roundRect(x0, y0, x1, y1, r float64) shape {
	return func(x, y float64) bool {
		if x < x0 || x > x1 || y < y0 || y > y1 {
			return false
		}
		cx := math.Max(x0+r, math.Min(x, x1-r))
		cy := math.Max(y0+r, math.Min(y, y1-r))
		return (x-cx)*(x-cx)+(y-cy)*(y-cy) <= r*r
	}
}

func rect(x0, y0, x1, y1 float64) shape { return roundRect(x0, y0, x1, y1, 0) }

// arch is the band between two half circles centred at (cx, cy), above cy.
func arch(cx, cy, rIn, rOut float64) shape {
	return func(x, y float64) bool {
		d := math.Hypot(x-cx, y-cy)
		return y <= cy && d >= rIn && d <= rOut
	}
}

func minus(a, b shape) shape { return func(x, y float64) bool { return a(x, y) && !b(x, y) } }

// layer is one shape in one colour; later layers cover earlier ones.
type layer struct {
	s shape
	c color.NRGBA
}

func icon() []layer {
	return []layer{
		{roundRect(0.04, 0.04, 0.96, 0.96, 0.20), night},
		// the hall's arch over everything
		{arch(0.5, 0.62, 0.34, 0.40), amber},
		{rect(0.10, 0.62, 0.16, 0.80), amber},
		{rect(0.84, 0.62, 0.90, 0.80), amber},
		// the touchscreen: an amber frame around a lit face
		{roundRect(0.27, 0.36, 0.73, 0.66, 0.035), amber},
		{roundRect(0.30, 0.39, 0.70, 0.63, 0.02), glow},
		// three tiles on the screen, the first one featured
		{roundRect(0.33, 0.42, 0.49, 0.60, 0.012), amber},
		{roundRect(0.52, 0.42, 0.67, 0.50, 0.012), amber},
		{roundRect(0.52, 0.52, 0.67, 0.60, 0.012), amber},
		// the stand and the floor
		{rect(0.47, 0.66, 0.53, 0.76), amber},
		{minus(roundRect(0.10, 0.76, 0.90, 0.82, 0.03), rect(0, 0, 1, 0.76)), amber},
	}
}

// draw renders the layers at size×size, sampling each pixel on a 4×4 grid
// so that edges are smooth.
func draw(size int, layers []layer) *image.NRGBA {
	const n = 4
	img := image.NewNRGBA(image.Rect(0, 0, size, size))
	for py := 0; py < size; py++ {
		for px := 0; px < size; px++ {
			var r, g, b, a float64
			for sy := 0; sy < n; sy++ {
				for sx := 0; sx < n; sx++ {
					x := (float64(px) + (float64(sx)+0.5)/n) / float64(size)
					y := (float64(py) + (float64(sy)+0.5)/n) / float64(size)
					for i := len(layers) - 1; i >= 0; i-- {
						if layers[i].s(x, y) {
							c := layers[i].c
							r += float64(c.R)
							g += float64(c.G)
							b += float64(c.B)
							a += 255
							break
						}
					}
				}
			}
			if a == 0 {
				continue
			}
			// Colour averaged over the covered samples, coverage as alpha.
			cov := a / 255
			img.SetNRGBA(px, py, color.NRGBA{
				R: uint8(math.Round(r / cov)), G: uint8(math.Round(g / cov)), B: uint8(math.Round(b / cov)),
				A: uint8(math.Round(a / (n * n))),
			})
		}
	}
	return img
}

func main() {
	out := flag.String("out", "packaging/icons", "folder for showhall-<size>.png")
	flag.Parse()
	if err := os.MkdirAll(*out, 0o755); err != nil {
		fmt.Fprintln(os.Stderr, "icongen:", err)
		os.Exit(1)
	}
	for _, size := range []int{48, 64, 128, 256, 512} {
		name := filepath.Join(*out, fmt.Sprintf("showhall-%d.png", size))
		if err := write(name, draw(size, icon())); err != nil {
			fmt.Fprintln(os.Stderr, "icongen:", err)
			os.Exit(1)
		}
	}
}

func write(name string, img image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
