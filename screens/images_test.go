package screens

import (
	"errors"
	"fmt"
	"image"
	"sync/atomic"
	"testing"
	"time"

	"showhall/screens/uitest"
)

// brokenSource fails every picture, counting the tries: for good (err
// wraps ErrUnusablePicture) or for now.
type brokenSource struct {
	loads atomic.Int64
	err   error
}

func (b *brokenSource) Load(string, ImageSize) (image.Image, error) {
	b.loads.Add(1)
	return nil, b.err
}

// TestAPictureThatFailedIsNotLoadedAgain: a visitor swiping back and
// forth past a broken picture had it read and decoded at every showing.
func TestAPictureThatFailedIsNotLoadedAgain(t *testing.T) {
	a := uitest.NewApp(t)
	src := &brokenSource{err: fmt.Errorf("%w: not a JPEG", ErrUnusablePicture)}
	pics := NewPictures(src)
	first := pics.NewPicture("badc0ffee", SizeGallery)
	a.WaitUntil(5*time.Second, func() bool { return src.loads.Load() == 1 })
	a.Wait(100 * time.Millisecond)
	for i := 0; i < 5; i++ {
		pics.NewPicture("badc0ffee", SizeGallery)
		first.SetHash("", SizeGallery)
		first.SetHash("badc0ffee", SizeTile)
	}
	a.Wait(300 * time.Millisecond)
	if n := src.loads.Load(); n != 1 {
		t.Fatalf("the broken picture was loaded %d times, want once", n)
	}
	if first.img.Image != placeholder {
		t.Fatal("a broken picture does not show the placeholder")
	}
}

// TestAPictureThatFailedForNowIsTriedAgain: a thumbnail that could not be
// written (a full disk, a moment's I/O error) is no reason to show a
// placeholder until the kiosk restarts.
func TestAPictureThatFailedForNowIsTriedAgain(t *testing.T) {
	a := uitest.NewApp(t)
	src := &brokenSource{err: errors.New("writing thumbnail: no space left on device")}
	pics := NewPictures(src)
	first := pics.NewPicture("c0ffee", SizeGallery)
	if !a.WaitUntil(5*time.Second, func() bool { return src.loads.Load() == 1 }) {
		t.Fatal("the picture was not loaded")
	}
	first.SetHash("", SizeGallery)
	first.SetHash("c0ffee", SizeGallery)
	if !a.WaitUntil(5*time.Second, func() bool { return src.loads.Load() == 2 }) {
		t.Fatal("a picture that failed for now was not tried again at its next showing")
	}
}
