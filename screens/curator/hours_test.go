package curator

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"showhall/store/hall"
	"showhall/store/hours"
)

func TestOpeningHoursAreSetInTheConsole(t *testing.T) {
	c, f, _ := newTestConsole(t) // Thursday 2026-10-15 10:00
	c.Select(4)
	p := c.Hours
	if got := p.Today.Text; !strings.Contains(got, "Today, 2026-10-15 Thursday: 09:00–17:00 (weekly hours). Closes at 17:00.") ||
		!strings.Contains(got, "stay on day and night") {
		t.Fatalf("before any hours were saved: %q", got)
	}
	p.Follow.SetChecked(true)
	// Late opening on Thursdays; a closed day and a special day.
	p.Week[time.Thursday].Close.SetText("20:30")
	p.ClosedDate.SetText("2026-10-16")
	if err := p.AddClosed(); err != nil {
		t.Fatal(err)
	}
	p.SpecialDate.SetText("2026-10-19") // a Monday, usually closed
	p.SpecialOpen.SetText("10:00")
	p.SpecialClose.SetText("16:00")
	if err := p.AddSpecial(); err != nil {
		t.Fatal(err)
	}
	if err := p.Save(); err != nil {
		t.Fatal(err)
	}
	h := f.hours
	if h == nil || !h.Follow || h.Week[time.Thursday].Close != 20*60+30 || h.Closed[0] != "2026-10-16" ||
		h.Special[0].Date != "2026-10-19" || h.Special[0].Open != 10*60 || !h.Week[time.Monday].Closed {
		t.Fatalf("saved %+v", h)
	}
	if got := p.Today.Text; !strings.Contains(got, "09:00–20:30") || !strings.Contains(got, "Closes at 20:30.") {
		t.Fatalf("today after saving: %q", got)
	}
	// Saved, the hours go to the hall's other screens, and the page says
	// what each did.
	if !eventually(func() bool { return strings.Contains(p.message.Text, "No other screen of the hall answered.") }) {
		t.Fatalf("after saving with no other screen: %q", p.message.Text)
	}
	f.sentMu.Lock()
	if len(f.sent) != 1 || !strings.HasPrefix(f.sent[0], "1") {
		t.Fatalf("sent to the hall: %q, want the hours once", f.sent)
	}
	f.sentMu.Unlock()
	// Friday is now closed: after Thursday's closing, Saturday opens next.
	f.now = time.Date(2026, 10, 15, 21, 0, 0, 0, sh)
	p.Reset()
	if got := p.Today.Text; !strings.Contains(got, "Opens next 2026-10-17 09:00 Saturday.") {
		t.Fatalf("after closing: %q", got)
	}
}

func TestBadOpeningHoursAreRefusedAndNothingIsLost(t *testing.T) {
	c, f, _ := newTestConsole(t)
	p := c.Hours
	p.ClosedDate.SetText("16/10")
	if err := p.AddClosed(); err == nil || !strings.Contains(p.message.Text, "not a date") {
		t.Fatalf("a date that is not one: %v, %q", err, p.message.Text)
	}
	p.ClosedDate.SetText("2026-10-16")
	p.AddClosed()
	p.ClosedDate.SetText("2026-10-16")
	if err := p.AddClosed(); err == nil || !strings.Contains(p.message.Text, "already") {
		t.Fatalf("the same closed day twice: %v", err)
	}
	p.SpecialDate.SetText("2026-10-16")
	p.SpecialOpen.SetText("10:00")
	p.SpecialClose.SetText("9:00")
	if err := p.AddSpecial(); err == nil || !strings.Contains(p.message.Text, "open before it closes") {
		t.Fatalf("a special day that closes before it opens: %v, %q", err, p.message.Text)
	}
	p.Week[time.Tuesday].Open.SetText("9h")
	if err := p.Save(); err == nil || f.hours != nil || !strings.Contains(p.message.Text, `Tuesday: "9h" is not a time of day`) {
		t.Fatalf("bad hours saved: %v, %q", err, p.message.Text)
	}
	// The curator's work is still on the page to correct.
	if p.Week[time.Tuesday].Open.Text != "9h" || len(p.closed) != 1 {
		t.Fatal("a refused save lost what was entered")
	}
	p.Week[time.Tuesday].Open.SetText("09:00")
	if err := p.Save(); err != nil || f.hours == nil || f.hours.Closed[0] != "2026-10-16" {
		t.Fatalf("corrected hours: %v", err)
	}
}

func TestDatesArePickedFromACalendar(t *testing.T) {
	c, _, w := newTestConsole(t)
	c.Select(4)
	p := c.Hours
	field := findCalendarButton(t, p.root)
	test.Tap(field)
	if c.calendar == nil {
		t.Fatal("no calendar opened")
	}
	// The calendar opens on today's month (October 2026); pick the 23rd.
	test.Tap(findButton(t, c.calendar, "23"))
	if p.ClosedDate.Text != "2026-10-23" {
		t.Fatalf("picked %q", p.ClosedDate.Text)
	}
	if err := p.AddClosed(); err != nil || p.closed[0] != "2026-10-23" {
		t.Fatalf("adding the picked day: %v", err)
	}
	_ = w
	// The planner's days have calendars too.
	c.Select(0)
	before := c.calendar
	test.Tap(findCalendarButton(t, c.Planner.Editor.root))
	if c.calendar == before {
		t.Fatal("the rotation's first day has no calendar")
	}
}

// findCalendarButton is the first calendar button under o.
func findCalendarButton(t *testing.T, o fyne.CanvasObject) *widget.Button {
	t.Helper()
	b := findButtonWith(t, o, func(b *widget.Button) bool {
		return b.Text == "" && b.Icon != nil && strings.Contains(b.Icon.Name(), "calendar")
	})
	if b == nil {
		t.Fatal("no calendar button")
	}
	return b
}

func TestTheHealthPageSaysWhetherTheDisplayIsOnAndWhy(t *testing.T) {
	c, f, _ := newTestConsole(t)
	opens := time.Date(2026, 10, 16, 9, 0, 0, 0, sh)
	for _, tc := range []struct {
		d    hall.Display
		want string
	}{
		{hall.Display{State: hours.State{On: true, Reason: hours.Open, Next: time.Date(2026, 10, 15, 17, 0, 0, 0, sh)}}, "On: the hall is open until 2026-10-15 17:00."},
		{hall.Display{State: hours.State{Reason: hours.Asleep, Next: opens.Add(-hours.WarmUp), Opens: opens}, Dark: "display switched off (DPMS)"},
			"Off: the hall is closed until 2026-10-16 09:00; the display is switched off (DPMS)."},
		{hall.Display{State: hours.State{Reason: hours.Asleep, Next: opens.Add(-hours.WarmUp), Opens: opens}, Dark: "a black screen, as the display cannot be switched off: no DPMS"},
			"a black screen covers it (a black screen, as the display cannot be switched off: no DPMS)"},
		{hall.Display{State: hours.State{On: true, Reason: hours.Woken, Next: time.Date(2026, 10, 15, 22, 3, 0, 0, sh), Opens: opens}}, "On for staff"},
	} {
		d := tc.d
		f.health.Display = &d
		c.health.Show(f.Health())
		if got := formText(c.health.form, "Display"); !strings.Contains(got, tc.want) {
			t.Errorf("display %+v: %q, want %q", tc.d.State, got, tc.want)
		}
	}
}

// formText is the text of a form's item.
func formText(f *widget.Form, label string) string {
	for _, it := range f.Items {
		if it.Text == label {
			if l, ok := it.Widget.(*widget.Label); ok {
				return l.Text
			}
		}
	}
	return ""
}
