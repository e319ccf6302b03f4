package player

import (
	"image"
	"image/color"
	"testing"
)

func TestOverlayPartsKeepOnlyTheRowsWithSomethingInThem(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 100, 100))
	paint := func(y0, y1 int) {
		for y := y0; y < y1; y++ {
			img.SetRGBA(50, y, color.RGBA{10, 20, 30, 40})
		}
	}
	paint(0, 10)  // a header
	paint(40, 42) // a thin line, close to the next band
	paint(45, 50)
	paint(90, 100) // a footer
	parts := OverlayParts(img, 4)
	want := []image.Rectangle{image.Rect(0, 0, 100, 10), image.Rect(0, 40, 100, 42), image.Rect(0, 45, 100, 50), image.Rect(0, 90, 100, 100)}
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
	}
	// Three parts at most: the two closest bands become one.
	parts = OverlayParts(img, 3)
	if len(parts) != 3 || parts[1].Rect != image.Rect(0, 40, 100, 50) {
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
