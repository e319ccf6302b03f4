package video

import (
	"context"
	"image"
	"testing"
	"time"
)

func TestFramePoolWaitsInsteadOfMakingMoreBuffers(t *testing.T) {
	p := newFramePool(frameBuffers)
	ctx := context.Background()
	var held []*image.RGBA
	for i := 0; i < frameBuffers; i++ {
		held = append(held, p.get(ctx, 1920, 1080))
	}
	if held[0] == held[1] || held[1] == held[2] || held[0] == held[2] {
		t.Fatal("the same buffer was handed out twice")
	}
	// All are in use (on screen, on the way, being rendered): the next
	// get waits rather than make a fourth.
	short, cancel := context.WithTimeout(ctx, 50*time.Millisecond)
	defer cancel()
	if b := p.get(short, 1920, 1080); b != nil {
		t.Fatal("a fourth buffer was made while three were in use")
	}
	// The screen gives one back: it is the one handed out next.
	p.put(held[1])
	if b := p.get(ctx, 1920, 1080); b != held[1] {
		t.Fatal("a buffer given back was not reused")
	}
	// A buffer of the wrong size (the window was resized) is replaced.
	p.put(held[2])
	if b := p.get(ctx, 1280, 720); b == held[2] || b.Rect.Dx() != 1280 || b.Rect.Dy() != 720 {
		t.Fatalf("got a %v buffer for 1280x720", b.Rect)
	}
}
