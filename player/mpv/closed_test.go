package mpv_test

import (
	"errors"
	"image"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"showhall/player"
	"showhall/player/mpv"
)

// everyCall calls each method of the player once and returns the errors
// of those that return one.
func everyCall(p *mpv.Player, clip string) []error {
	var errs []error
	add := func(err error) { errs = append(errs, err) }
	add(p.Load(player.Source{Path: clip}))
	add(p.Queue(player.Source{Path: clip}))
	add(p.Next())
	add(p.Play())
	add(p.Pause())
	p.Paused()
	add(p.Seek(time.Second))
	p.Position()
	p.Duration()
	p.Property("time-pos")
	add(p.SetVolume(50))
	add(p.SetMute(true))
	add(p.SetSubtitles(""))
	_, err := p.Render(image.NewRGBA(image.Rect(0, 0, 32, 18)))
	add(err)
	add(p.Stop())
	return errs
}

// A screen going away may still call its player after the kiosk closed
// it: every call must answer ErrClosed (or nothing) without reaching the
// freed core.
func TestEveryMethodAfterClose(t *testing.T) {
	clip := filepath.Join(fixtures(t), "red.mp4")
	p := newPlayer(t)
	if err := p.Load(player.Source{Path: clip}); err != nil {
		t.Fatal(err)
	}
	if err := p.Close(); err != nil {
		t.Fatal(err)
	}
	for i, err := range everyCall(p, clip) {
		if !errors.Is(err, mpv.ErrClosed) {
			t.Errorf("call %d after Close: got %v, want ErrClosed", i, err)
		}
	}
	if p.Paused() || p.Position() != 0 || p.Duration() != 0 || p.Property("pause") != "" {
		t.Error("a reading after Close answered from the core")
	}
	if err := p.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

// Calls racing with Close either run on the live core or get ErrClosed.
func TestEveryMethodDuringClose(t *testing.T) {
	clip := filepath.Join(fixtures(t), "red.mp4")
	for round := 0; round < 5; round++ {
		p := newPlayer(t)
		if err := p.Load(player.Source{Path: clip}); err != nil {
			t.Fatal(err)
		}
		var wg sync.WaitGroup
		start := make(chan struct{})
		for g := 0; g < 4; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				<-start
				for i := 0; i < 20; i++ {
					everyCall(p, clip)
				}
			}()
		}
		close(start)
		time.Sleep(time.Duration(round) * 5 * time.Millisecond)
		p.Close()
		wg.Wait()
		for i, err := range everyCall(p, clip) {
			if !errors.Is(err, mpv.ErrClosed) {
				t.Errorf("round %d, call %d after Close: got %v", round, i, err)
			}
		}
	}
}
