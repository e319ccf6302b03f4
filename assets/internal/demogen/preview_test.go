package demogen

import (
	"bytes"
	"image"
	"image/png"
	"os"
	"testing"
)

// The preview paints each motif once, at the width asked for (small
// here: painting is slow under the race detector), and no two motifs
// paint the same picture.
func TestPreviewPaintsEachMotif(t *testing.T) {
	files, err := Preview(t.TempDir(), 240)
	if err != nil {
		t.Fatal(err)
	}
	if want := int(motifRings-motifNetwork) + 1; len(files) != want {
		t.Fatalf("%d previews, want one for each of the %d motifs", len(files), want)
	}
	var seen [][]byte
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		img, err := png.Decode(bytes.NewReader(raw))
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if b := img.Bounds(); b.Dx() != 240 || b.Dy() < 100 {
			t.Errorf("%s is %v, want 240 wide", f, b.Size())
		}
		if plain(img) {
			t.Errorf("%s is one colour", f)
		}
		for _, s := range seen {
			if bytes.Equal(s, raw) {
				t.Errorf("%s is the same picture as another motif's", f)
			}
		}
		seen = append(seen, raw)
	}
}

// plain reports whether a picture is all one colour.
func plain(img image.Image) bool {
	b := img.Bounds()
	first := img.At(b.Min.X, b.Min.Y)
	for y := b.Min.Y; y < b.Max.Y; y += 7 {
		for x := b.Min.X; x < b.Max.X; x += 7 {
			if img.At(x, y) != first {
				return false
			}
		}
	}
	return true
}
