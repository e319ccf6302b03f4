package player_test

import (
	"testing"
	"time"

	"showhall/player"
)

func TestWatchdogLimits(t *testing.T) {
	t0 := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	at := func(d time.Duration) time.Time { return t0.Add(d) }
	var w player.Watchdog
	w.Arm(t0, 10, 0)
	// Audio moving the position is not a first frame.
	if err := w.Check(at(4*time.Second), 10, 4*time.Second, false); err != nil {
		t.Fatal(err)
	}
	if err := w.Check(at(5*time.Second), 10, 5*time.Second, false); err != player.ErrNoFirstFrame {
		t.Fatalf("got %v, want ErrNoFirstFrame", err)
	}
	if err := w.Check(at(6*time.Second), 10, 6*time.Second, false); err != nil {
		t.Fatalf("a disarmed watchdog reported %v", err)
	}

	w.Arm(t0, 0, 0)
	w.Check(at(time.Second), 1, time.Second, false) // first frame
	// After frames, a moving position is progress: a still shot is fine.
	w.Check(at(8*time.Second), 1, 8*time.Second, false)
	if err := w.Check(at(17*time.Second), 1, 8*time.Second, false); err != nil {
		t.Fatalf("9 s without progress: %v", err)
	}
	if err := w.Check(at(18*time.Second), 1, 8*time.Second, false); err != player.ErrStalled {
		t.Fatalf("got %v, want ErrStalled", err)
	}
}
