package player

import (
	"image"
	"image/color"
	"testing"
)

func TestOverlayPartsKeepOnlyTheRowsAndColumnsWithSomethingInThem(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 100, 100))
	paint := func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			img.SetRGBA(50, y, color.RGBA{10, 20, 30, 40})
			img.SetRGBA(70, y, color.RGBA{1, 2, 3, 4})
		}
	}
	paint(0, 10)  // a header
	paint(40, 42) // a thin line, close to the next band
	paint(45, 50)
	paint(90, 100)                       // a footer
	img.SetRGBA(5, 95, color.RGBA{A: 1}) // something faint further left
	parts := OverlayParts(img, 4)
	want := []image.Rectangle{image.Rect(50, 0, 71, 10), image.Rect(50, 40, 71, 42), image.Rect(50, 45, 71, 50), image.Rect(5, 90, 71, 100)}
	if len(parts) != len(want) {
		t.Fatalf("%d parts, want %d", len(parts), len(want))
	}
	for i, p := range parts {
		if p.Rect != want[i] {
			t.Errorf("part %d at %v, want %v", i, p.Rect, want[i])
		}
		if c := p.RGBAAt(50, p.Rect.Min.Y); c != (color.RGBA{10, 20, 30, 40}) {
			t.Errorf("part %d's pixel is %v, want the picture's", i, c)
		}
		if c := p.RGBAAt(70, p.Rect.Max.Y-1); c != (color.RGBA{1, 2, 3, 4}) {
			t.Errorf("part %d's last column is %v, want the picture's", i, c)
		}
	}
	// Three parts at most: the two closest bands become one.
	parts = OverlayParts(img, 3)
	if len(parts) != 3 || parts[1].Rect != image.Rect(50, 40, 71, 50) {
		t.Errorf("with 3 parts at most: %v, want the bands at 40 and 45 merged", rects(parts))
	}
	if len(OverlayParts(image.NewRGBA(image.Rect(0, 0, 10, 10)), 4)) != 0 {
		t.Error("a transparent picture has parts")
	}
}

func rects(parts []*image.RGBA) []image.Rectangle {
	var r []image.Rectangle
	for _, p := range parts {
		r = append(r, p.Rect)
	}
	return r
}
