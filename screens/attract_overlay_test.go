package screens

import (
	"image"
	"image/color"
	"image/png"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"showhall/store/catalog"
)

// embeddedLoop stands in for a video surface whose player draws into the
// window itself: it keeps the overlay it is handed.
type embeddedLoop struct {
	*canvas.Rectangle
	parts [][]*image.RGBA
}

func (e *embeddedLoop) Embedded() bool                 { return true }
func (e *embeddedLoop) SetOverlay(parts []*image.RGBA) { e.parts = append(e.parts, parts) }

// TestAttractHandsItsWordsToAVideoDrawnOverTheWindow: over a video that
// the player draws into the window, the hall's name and the invitation
// reach the screen as an overlay: two compact bands (the name at the top,
// the invitation at the bottom), transparent between them, made once per
// language, in the invitation's language of the moment.
func TestAttractHandsItsWordsToAVideoDrawnOverTheWindow(t *testing.T) {
	ui, _ := newTestUI(t, 60)
	loop := &embeddedLoop{Rectangle: canvas.NewRectangle(color.Black)}
	a := NewAttractWith(ui, loop, false, nil)
	w := test.NewTempWindow(t, a)
	w.Resize(fyne.NewSize(1920, 1080))
	if len(loop.parts) == 0 {
		t.Fatal("no overlay handed to the video")
	}
	parts := loop.parts[len(loop.parts)-1]
	if len(parts) != 2 {
		t.Fatalf("%d overlay bands, want 2 (the hall's name, the invitation)", len(parts))
	}
	top, bottom := parts[0].Rect, parts[1].Rect
	size := a.Size()
	if top.Min.Y > 20 || top.Max.Y > int(size.Height/4) || bottom.Min.Y < int(size.Height*3/4) || bottom.Max.Y < int(size.Height)-40 {
		t.Errorf("bands at %v and %v: want one at the top and one at the bottom of a %v screen", top, bottom, size)
	}
	area := 0
	for _, p := range parts {
		area += p.Rect.Dx() * p.Rect.Dy()
		opaque := 0
		for i := 3; i < len(p.Pix); i += 4 {
			if p.Pix[i] != 0 {
				opaque++
			}
		}
		if opaque == 0 {
			t.Errorf("band %v is empty", p.Rect)
		}
	}
	t.Logf("overlay: %d%% of the screen's rows, bands %v and %v", area*100/int(size.Width*size.Height), top, bottom)
	if area > int(size.Width*size.Height)/4 {
		t.Errorf("the overlay spans %d pixels, over a quarter of the screen: the player blends all of it into every frame", area)
	}
	overlay := a.overlayed(size, 1, catalog.En)
	t.Cleanup(func() {
		if t.Failed() { // for a look at what the video would have had over it
			savePNG(t, "attract_overlay.png", overlay)
		}
	})

	// The invitation's next language: a new overlay, made once.
	n := len(loop.parts)
	a.lang = catalog.En
	a.Refresh()
	if len(loop.parts) != n+1 {
		t.Fatalf("a new language handed %d overlays, want 1", len(loop.parts)-n)
	}
	a.Refresh()
	if len(loop.parts) != n+1 {
		t.Fatal("the same language handed the overlay again")
	}
	if &loop.parts[n][0].Pix[0] == &parts[0].Pix[0] {
		t.Fatal("the English invitation reused the Chinese overlay")
	}
	a.lang = catalog.Hans
	a.Refresh()
	if len(loop.parts) != n+2 || &loop.parts[n+1][0].Pix[0] != &parts[0].Pix[0] {
		t.Fatal("going back to Chinese did not reuse its overlay")
	}
}

// savePNG writes a picture under testdata/failed/, where Fyne's golden
// tests put what they saw when they failed.
func savePNG(t *testing.T, name string, img image.Image) {
	dir := filepath.Join("testdata", "failed")
	os.MkdirAll(dir, 0o755)
	f, err := os.Create(filepath.Join(dir, name))
	if err != nil {
		t.Log(err)
		return
	}
	defer f.Close()
	png.Encode(f, img)
}
