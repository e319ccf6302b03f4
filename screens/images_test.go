package screens

import (
	"errors"
	"image"
	"sync/atomic"
	"testing"
	"time"

	"showhall/screens/uitest"
)

// brokenSource fails every picture, counting the tries.
type brokenSource struct{ loads atomic.Int64 }

func (b *brokenSource) Load(string, ImageSize) (image.Image, error) {
	b.loads.Add(1)
	return nil, errors.New("not a picture the hall can show")
}

// TestAPictureThatFailedIsNotLoadedAgain: a visitor swiping back and
// forth past a broken picture had it read and decoded at every showing.
func TestAPictureThatFailedIsNotLoadedAgain(t *testing.T) {
	a := uitest.NewApp(t)
	src := &brokenSource{}
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
