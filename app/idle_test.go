package app

import (
	"testing"
	"time"
)

func TestIdleWarnsThenExpires(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	i := Idle{Timeout: 90 * time.Second, Warning: 10 * time.Second}
	i.Touch(t0)
	steps := []struct {
		after time.Duration
		phase IdlePhase
		left  time.Duration
	}{
		{0, Active, 90 * time.Second},
		{79 * time.Second, Active, 11 * time.Second},
		{80 * time.Second, Warning, 10 * time.Second},
		{85500 * time.Millisecond, Warning, 4500 * time.Millisecond},
		{90 * time.Second, Expired, 0},
		{time.Hour, Expired, 0},
	}
	for _, s := range steps {
		p, left := i.Phase(t0.Add(s.after))
		if p != s.phase || left != s.left {
			t.Errorf("after %v: phase %d with %v left, want %d with %v", s.after, p, left, s.phase, s.left)
		}
	}
}

func TestTouchDuringCountdownKeepsTheSession(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	i := Idle{Timeout: 30 * time.Second, Warning: 10 * time.Second}
	i.Touch(t0)
	if p, _ := i.Phase(t0.Add(25 * time.Second)); p != Warning {
		t.Fatal("no countdown")
	}
	i.Touch(t0.Add(26 * time.Second))
	if p, _ := i.Phase(t0.Add(40 * time.Second)); p != Active {
		t.Fatal("a touch in the countdown did not keep the session")
	}
}

func TestClockJumpingBackDoesNotStrandTheKiosk(t *testing.T) {
	t0 := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	i := Idle{Timeout: 30 * time.Second, Warning: 10 * time.Second}
	i.Touch(t0)
	back := t0.Add(-2 * time.Hour) // NTP corrects a fast clock
	if p, _ := i.Phase(back); p != Active {
		t.Fatal("a backwards jump expired the session")
	}
	if p, _ := i.Phase(back.Add(31 * time.Second)); p != Expired {
		t.Fatal("after a backwards jump the kiosk never resets")
	}
}
