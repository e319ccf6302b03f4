package video

import (
	"image"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/player"
	"showhall/player/playertest"
	"showhall/screens/uitest"
)

// embedding is a fake player that could draw into a native window.
type embedding struct {
	*playertest.Player
	mu       sync.Mutex
	wids     []uintptr
	overlays int
}

func (e *embedding) Embed(wid uintptr) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.wids = append(e.wids, wid)
	return nil
}

func (e *embedding) SetOverlay([]*image.RGBA) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.overlays++
	return nil
}

// TestAttractWithoutANativeWindowRendersFrames: a surface asked to let
// its player draw into the window, in a window with no X11 handle (here
// Fyne's test driver; on a desktop, Wayland), keeps the player rendering
// frames for Fyne to show, and takes no overlay.
func TestAttractWithoutANativeWindowRendersFrames(t *testing.T) {
	uitest.NewApp(t)
	p := &embedding{Player: playertest.NewPlayer()}
	p.Add("a.mp4", playertest.Media{Duration: time.Second})
	s := New(p, []player.Source{{Path: "a.mp4"}}, Options{Mode: Attract, Embed: true, Clock: playertest.NewClock()})
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(320, 180))
	s.Play()
	eventually(t, "a plays", func() bool { return p.Current() == "a.mp4" })
	p.mu.Lock()
	wids := append([]uintptr(nil), p.wids...)
	p.mu.Unlock()
	if len(wids) != 1 || wids[0] != 0 {
		t.Fatalf("Embed calls %v, want one with no window (0)", wids)
	}
	if s.Embedded() {
		t.Fatal("the surface says the player draws into the window")
	}
	eventually(t, "a frame rendered by the surface", func() bool { return s.HasFrame() && !parts(s).poster.Visible() })
	s.SetOverlay([]*image.RGBA{image.NewRGBA(image.Rect(0, 0, 4, 4))})
	if p.overlays != 0 {
		t.Fatal("an overlay was handed to a player that does not draw into the window")
	}
	s.Stop()
}
