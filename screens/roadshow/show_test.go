package roadshow

import (
	"testing"
	"time"
)

func press(s *Show, keys ...Key) {
	for _, k := range keys {
		s.Press(k, 0)
	}
}

func typeNumber(s *Show, digits ...int) {
	for _, d := range digits {
		s.Press(KeyDigit, d)
	}
}

func TestStepsStopAtTheEnds(t *testing.T) {
	s := NewShow(4, 0)
	press(s, KeyPrev)
	if s.Pos() != 0 {
		t.Fatalf("prev at the start moved to %d", s.Pos())
	}
	press(s, KeyNext, KeyNext, KeyNext, KeyNext, KeyNext)
	if s.Pos() != 3 || s.Next() != -1 {
		t.Fatalf("pos %d next %d", s.Pos(), s.Next())
	}
	press(s, KeyFirst)
	if s.Pos() != 0 || s.Next() != 1 {
		t.Fatalf("home went to %d", s.Pos())
	}
	press(s, KeyLast)
	if s.Pos() != 3 {
		t.Fatalf("end went to %d", s.Pos())
	}
}

func TestNumberThenEnterJumps(t *testing.T) {
	s := NewShow(12, 0)
	typeNumber(s, 1, 1)
	if s.Typed() != "11" || s.Pos() != 0 {
		t.Fatalf("typed %q pos %d", s.Typed(), s.Pos())
	}
	press(s, KeyEnter)
	if s.Pos() != 10 || s.Typed() != "" {
		t.Fatalf("jump to 11 went to slide %d", s.Pos()+1)
	}
	// Out of range: the typed number is dropped, the talk stays.
	typeNumber(s, 9, 9)
	press(s, KeyEnter)
	if s.Pos() != 10 {
		t.Fatalf("jump to 99 moved to %d", s.Pos()+1)
	}
	// Backspace corrects a digit; Esc drops the number without leaving.
	typeNumber(s, 3, 4)
	press(s, KeyErase, KeyEnter)
	if s.Pos() != 2 {
		t.Fatalf("3 4 backspace enter went to %d", s.Pos()+1)
	}
	typeNumber(s, 5)
	if s.Press(KeyEscape, 0) != Changed || s.Typed() != "" {
		t.Fatal("Esc with a number typed should only drop the number")
	}
	if s.Press(KeyEscape, 0) != Leave {
		t.Fatal("Esc should leave")
	}
	// Enter alone moves on, as some clickers send it.
	press(s, KeyEnter)
	if s.Pos() != 3 {
		t.Fatalf("Enter alone went to %d", s.Pos()+1)
	}
	// A number too long for any deck is not typed further.
	typeNumber(s, 1, 2, 3, 4)
	if s.Typed() != "123" {
		t.Fatalf("typed %q", s.Typed())
	}
}

func TestBlackoutPausesWithoutSkipping(t *testing.T) {
	s := NewShow(5, 0)
	press(s, KeyNext, KeyBlack)
	if !s.Black() {
		t.Fatal("B did not black the screen")
	}
	press(s, KeyNext)
	if s.Black() || s.Pos() != 1 {
		t.Fatalf("next on black: black %v pos %d; want the same slide back", s.Black(), s.Pos())
	}
	press(s, KeyBlack, KeyBlack)
	if s.Black() {
		t.Fatal("B twice should bring the picture back")
	}
	press(s, KeyBlack, KeyLast)
	if s.Black() || s.Pos() != 4 {
		t.Fatal("End on black should show the last slide")
	}
	press(s, KeyBlack)
	typeNumber(s, 2)
	press(s, KeyEnter)
	if s.Black() || s.Pos() != 1 {
		t.Fatal("a jump on black should show the slide")
	}
}

func TestClockAgainstThePlan(t *testing.T) {
	s := NewShow(3, 20*time.Minute)
	t0 := time.Date(2026, 3, 18, 14, 0, 0, 0, time.UTC)
	if s.Clock(t0) != "00:00 / 20:00" || s.Started() {
		t.Fatalf("before start: %q", s.Clock(t0))
	}
	s.Start(t0)
	for _, c := range []struct {
		after time.Duration
		clock string
		pace  Pace
	}{
		{5*time.Minute + 7*time.Second, "05:07 / 20:00", OnTime},
		{18*time.Minute + 30*time.Second, "18:30 / 20:00", Closing},
		{21 * time.Minute, "21:00 / 20:00", Overtime},
	} {
		if got := s.Clock(t0.Add(c.after)); got != c.clock {
			t.Errorf("clock after %v: %q, want %q", c.after, got, c.clock)
		}
		if got := s.Pace(t0.Add(c.after)); got != c.pace {
			t.Errorf("pace after %v: %v, want %v", c.after, got, c.pace)
		}
	}
	if NewShow(1, 0).Clock(t0) != "00:00" {
		t.Fatal("no plan should show elapsed time only")
	}
}

func TestEmptyDeckDoesNotPanic(t *testing.T) {
	s := NewShow(0, 0)
	press(s, KeyNext, KeyPrev, KeyFirst, KeyLast, KeyEnter, KeyBlack)
	if s.Pos() != 0 || s.Next() != -1 {
		t.Fatalf("pos %d next %d", s.Pos(), s.Next())
	}
}
