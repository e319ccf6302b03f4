package hours

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

var sh, _ = time.LoadLocation("Asia/Shanghai")

// at is an instant in the hall's zone: "2026-12-01 16:59".
func at(t *testing.T, s string) time.Time {
	t.Helper()
	v, err := time.ParseInLocation("2006-01-02 15:04", s, sh)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// hall: 9:00 to 17:00, closed on Mondays; National Day closed; a late
// opening on a Friday; a Monday open for a holiday.
func hall() Hours {
	h := Default()
	h.Follow = true
	h.Closed = []string{"2026-10-01"}
	h.Special = []Special{
		{Date: "2026-12-04", Day: Day{Open: 9 * 60, Close: 21 * 60}},  // a Friday late opening
		{Date: "2026-12-07", Day: Day{Open: 10 * 60, Close: 16 * 60}}, // a Monday opened for a holiday
	}
	return h
}

func TestClosingTimeSendsTheScreenToSleep(t *testing.T) {
	h := hall()
	// 2026-12-01 is a Tuesday.
	s := h.At(at(t, "2026-12-01 16:59"), sh, time.Time{})
	if !s.On || s.Reason != Open || !s.Next.Equal(at(t, "2026-12-01 17:00")) {
		t.Fatalf("a minute before closing: %+v", s)
	}
	s = h.At(at(t, "2026-12-01 17:00"), sh, time.Time{})
	if s.On || s.Reason != Asleep {
		t.Fatalf("at closing time: %+v", s)
	}
	if !s.Next.Equal(at(t, "2026-12-02 08:50")) || !s.Opens.Equal(at(t, "2026-12-02 09:00")) {
		t.Fatalf("asleep until %v, opening %v; want 08:50 and 09:00 the next day", s.Next, s.Opens)
	}
}

func TestTheScreenWakesTenMinutesBeforeOpening(t *testing.T) {
	h := hall()
	if s := h.At(at(t, "2026-12-02 08:49"), sh, time.Time{}); s.On {
		t.Fatalf("on 11 minutes before opening: %+v", s)
	}
	s := h.At(at(t, "2026-12-02 08:50"), sh, time.Time{})
	if !s.On || s.Reason != Warming || !s.Next.Equal(at(t, "2026-12-02 09:00")) {
		t.Fatalf("10 minutes before opening: %+v", s)
	}
	if s := h.At(at(t, "2026-12-02 09:00"), sh, time.Time{}); !s.On || s.Reason != Open {
		t.Fatalf("at opening: %+v", s)
	}
}

func TestAClosedDayStaysAsleep(t *testing.T) {
	h := hall()
	// Monday 2026-11-30 is a weekly closed day, Thursday 2026-10-01 a
	// closed date.
	for _, when := range []string{"2026-11-30 11:00", "2026-10-01 11:00"} {
		if s := h.At(at(t, when), sh, time.Time{}); s.On || s.Reason != Asleep {
			t.Errorf("%s: %+v", when, s)
		}
	}
	// Sunday evening: asleep through Monday, up again Tuesday 8:50.
	s := h.At(at(t, "2026-11-29 18:00"), sh, time.Time{})
	if !s.Next.Equal(at(t, "2026-12-01 08:50")) {
		t.Fatalf("Sunday evening asleep until %v, want Tuesday 08:50", s.Next)
	}
	if d, k := h.On(at(t, "2026-10-01 00:00"), sh); !d.Closed || k != ClosedDay {
		t.Fatalf("National Day: %v %v", d, k)
	}
}

func TestASpecialDayHasItsOwnHours(t *testing.T) {
	h := hall()
	// Friday 2026-12-04 opens late, until 21:00.
	if s := h.At(at(t, "2026-12-04 20:30"), sh, time.Time{}); !s.On || s.Reason != Open {
		t.Fatalf("late opening at 20:30: %+v", s)
	}
	if c := h.NextChange(at(t, "2026-12-04 12:00"), sh); c.Opens || !c.When.Equal(at(t, "2026-12-04 21:00")) {
		t.Fatalf("next change on the late opening: %+v", c)
	}
	// Monday 2026-12-07 opens at 10:00 although Mondays are closed.
	if s := h.At(at(t, "2026-12-07 09:49"), sh, time.Time{}); s.On {
		t.Fatalf("holiday Monday 9:49: %+v", s)
	}
	if s := h.At(at(t, "2026-12-07 09:50"), sh, time.Time{}); s.Reason != Warming {
		t.Fatalf("holiday Monday 9:50: %+v", s)
	}
	if d, k := h.On(at(t, "2026-12-07 12:00"), sh); k != SpecialDay || d.String() != "10:00–16:00" {
		t.Fatalf("holiday Monday: %v %v", d, k)
	}
}

func TestATouchWhileClosedWakesTheScreenForAFewMinutes(t *testing.T) {
	h := hall()
	touch := at(t, "2026-12-01 22:00")
	until := touch.Add(WakeFor)
	s := h.At(touch.Add(time.Minute), sh, until)
	if !s.On || s.Reason != Woken || !s.Next.Equal(until) {
		t.Fatalf("a minute after a touch at night: %+v", s)
	}
	if s := h.At(until, sh, until); s.On || s.Reason != Asleep {
		t.Fatalf("after the few minutes: %+v", s)
	}
	// Woken just before the warm-up: the warm-up takes over.
	touch = at(t, "2026-12-02 08:48")
	if s := h.At(touch, sh, touch.Add(WakeFor)); s.Reason != Woken || !s.Next.Equal(at(t, "2026-12-02 08:50")) {
		t.Fatalf("a touch two minutes before the warm-up: %+v", s)
	}
}

func TestHoursNotFollowedKeepTheScreenOn(t *testing.T) {
	h := hall()
	h.Follow = false
	if s := h.At(at(t, "2026-11-30 03:00"), sh, time.Time{}); !s.On || s.Reason != AlwaysOn {
		t.Fatalf("%+v", s)
	}
	var zero Hours
	if s := zero.At(at(t, "2026-11-30 03:00"), sh, time.Time{}); !s.On {
		t.Fatalf("no hours saved: %+v", s)
	}
}

func TestAHallClosedForeverHasNoNextOpening(t *testing.T) {
	h := Hours{Follow: true}
	for d := range h.Week {
		h.Week[d].Closed = true
	}
	s := h.At(at(t, "2026-12-01 12:00"), sh, time.Time{})
	if s.On || !s.Next.IsZero() || !s.Opens.IsZero() {
		t.Fatalf("%+v", s)
	}
}

func TestBadHoursAreRefusedWithOneSentenceEach(t *testing.T) {
	h := hall()
	h.Week[time.Tuesday] = Day{Open: 17 * 60, Close: 9 * 60}
	h.Closed = append(h.Closed, "2026-12-04", "1 Oct")
	h.Special = append(h.Special, Special{Date: "2026-12-25", Day: Day{Open: 10 * 60, Close: 10 * 60}})
	err := h.Validate()
	if err == nil {
		t.Fatal("accepted")
	}
	for _, want := range []string{
		"Tuesday: the hall must open before it closes",
		`closed day "1 Oct": write the date as 2026-10-01`,
		"2026-12-04 is given twice",
		"2026-12-25: the hall must open before it closes",
	} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("missing %q in:\n%v", want, err)
		}
	}
	if err := hall().Validate(); err != nil {
		t.Fatalf("good hours refused: %v", err)
	}
}

func TestClocksReadAndWriteAsHoursAndMinutes(t *testing.T) {
	for in, want := range map[string]Clock{"09:00": 540, "9:30": 570, "24:00": 1440, " 17:05 ": 1025} {
		if c, err := ParseClock(in); err != nil || c != want {
			t.Errorf("%q: %v %v", in, c, err)
		}
	}
	for _, bad := range []string{"9", "25:00", "24:30", "09:60", "9h", "", "-1:00"} {
		if _, err := ParseClock(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
	raw, err := json.Marshal(hall())
	if err != nil || !strings.Contains(string(raw), `"open":"09:00","close":"17:00"`) {
		t.Fatalf("%s %v", raw, err)
	}
	var back Hours
	if err := json.Unmarshal(raw, &back); err != nil || back.Special[0].Close != 21*60 || !back.Week[time.Monday].Closed {
		t.Fatalf("%+v %v", back, err)
	}
}
