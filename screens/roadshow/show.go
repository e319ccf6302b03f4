package roadshow

// The presenter's remote control as logic: where the talk is, blackout,
// number-then-Enter jumps, and the time against the plan. This file
// imports no Fyne, so it is tested on its own; the presenter maps keys to
// Press and draws what Show says.

import (
	"fmt"
	"time"
)

// Key is a presenter's key, after the screens have mapped what a
// keyboard or a clicker sent.
type Key int

// The keys a clicker or a keyboard sends.
const (
	KeyNone   Key = iota
	KeyNext       // Right, Down, Page Down, space, Enter with no number typed
	KeyPrev       // Left, Up, Page Up, Backspace with no number typed
	KeyFirst      // Home
	KeyLast       // End
	KeyBlack      // B or '.': black the audience screen, again to bring it back
	KeyDigit      // 0-9, with the digit given to Press
	KeyEnter      // Enter / Return
	KeyErase      // Backspace
	KeyEscape     // Esc
)

// maxDigits keeps a typed slide number short: no deck has 1000 slides.
const maxDigits = 3

// Show is the state of a talk being given.
type Show struct {
	n       int // slides in the deck
	pos     int
	black   bool
	typed   string // digits typed towards a jump
	started time.Time
	planned time.Duration
}

// NewShow starts a talk of n slides at the first one.
func NewShow(n int, planned time.Duration) *Show {
	return &Show{n: n, planned: planned}
}

// Outcome says what a key press did.
type Outcome int

// What a key press can do.
const (
	Ignored Outcome = iota // nothing changed
	Changed                // position, blackout or typed digits changed
	Leave                  // the presenter asked to leave
)

// Press applies a key; digit is used only with KeyDigit.
func (s *Show) Press(k Key, digit int) Outcome {
	switch k {
	case KeyDigit:
		if digit < 0 || digit > 9 || len(s.typed) >= maxDigits {
			return Ignored
		}
		s.typed += string(rune('0' + digit))
		return Changed
	case KeyErase:
		if s.typed != "" {
			s.typed = s.typed[:len(s.typed)-1]
			return Changed
		}
		return s.step(-1)
	case KeyEnter:
		if s.typed == "" {
			return s.step(1)
		}
		n := 0
		fmt.Sscan(s.typed, &n)
		s.typed = ""
		if n >= 1 && n <= s.n {
			s.pos, s.black = n-1, false
		}
		return Changed
	case KeyEscape:
		if s.typed != "" {
			s.typed = ""
			return Changed
		}
		return Leave
	case KeyBlack:
		s.black = !s.black
		return Changed
	case KeyNext:
		return s.step(1)
	case KeyPrev:
		return s.step(-1)
	case KeyFirst:
		return s.GoTo(0)
	case KeyLast:
		return s.GoTo(s.n - 1)
	}
	return Ignored
}

// step moves one slide. On a black screen the first press only brings
// the picture back, as a projector's audience expects: the presenter
// pressed to end the pause, not to skip a slide unseen.
func (s *Show) step(d int) Outcome {
	s.typed = ""
	if s.black {
		s.black = false
		return Changed
	}
	return s.GoTo(s.pos + d)
}

// GoTo shows slide i (0-based), clamped to the deck, and ends a blackout.
func (s *Show) GoTo(i int) Outcome {
	s.typed = ""
	if i < 0 {
		i = 0
	}
	if i > s.n-1 {
		i = s.n - 1
	}
	if i < 0 || (i == s.pos && !s.black) {
		return Ignored
	}
	s.pos, s.black = i, false
	return Changed
}

// Pos is the slide shown (0-based).
func (s *Show) Pos() int { return s.pos }

// Len is the number of slides.
func (s *Show) Len() int { return s.n }

// Next is the slide after the current one, or -1 at the end.
func (s *Show) Next() int {
	if s.pos+1 < s.n {
		return s.pos + 1
	}
	return -1
}

// Black reports whether the audience sees a black screen.
func (s *Show) Black() bool { return s.black }

// Typed is the slide number typed so far, shown on the console.
func (s *Show) Typed() string { return s.typed }

// Start starts the talk's clock; the console calls it when the talk
// begins, so time spent setting up is not counted.
func (s *Show) Start(now time.Time) { s.started = now }

// Started reports whether the clock runs.
func (s *Show) Started() bool { return !s.started.IsZero() }

// Elapsed is the time since Start.
func (s *Show) Elapsed(now time.Time) time.Duration {
	if s.started.IsZero() || now.Before(s.started) {
		return 0
	}
	return now.Sub(s.started)
}

// Pace says how the talk keeps to its planned length.
type Pace int

// Paces: on time, in the last tenth (or last two minutes), over time.
const (
	OnTime Pace = iota
	Closing
	Overtime
)

// Pace is how the talk stands against its plan at now.
func (s *Show) Pace(now time.Time) Pace {
	if s.planned <= 0 {
		return OnTime
	}
	e := s.Elapsed(now)
	left := s.planned - e
	switch {
	case left < 0:
		return Overtime
	case left <= s.planned/10 || left <= 2*time.Minute:
		return Closing
	}
	return OnTime
}

// Clock formats elapsed and planned time as the console shows it:
// "12:05 / 20:00", with no planned part when there is no plan.
func (s *Show) Clock(now time.Time) string {
	e := mmss(s.Elapsed(now))
	if s.planned <= 0 {
		return e
	}
	return e + " / " + mmss(s.planned)
}

func mmss(d time.Duration) string {
	sec := int(d / time.Second)
	return fmt.Sprintf("%02d:%02d", sec/60, sec%60)
}
