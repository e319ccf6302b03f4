package app

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"showhall/store/catalog"
	"showhall/store/hours"
)

// hallHours: 9:00 to 17:00, closed on Mondays and on National Day, a
// late opening on Friday 2026-12-04.
func hallHours() hours.Hours {
	h := hours.Default()
	h.Follow = true
	h.Closed = []string{"2026-10-01"}
	h.Special = []hours.Special{{Date: "2026-12-04", Day: hours.Day{Open: 9 * 60, Close: 21 * 60}}}
	return h
}

// sleepingKiosk is a test kiosk that follows hallHours, with a display
// whose power switches are recorded ("on", "off").
func sleepingKiosk(t *testing.T, when string) (*kiosk, *time.Time, *[]string) {
	t.Helper()
	k, now := testKiosk(t)
	var switched []string
	k.sleep.power = func(on bool) error {
		switched = append(switched, map[bool]string{true: "on", false: "off"}[on])
		return nil
	}
	k.setHours(hallHours())
	*now = shAt(t, when)
	return k, now, &switched
}

func shAt(t *testing.T, s string) time.Time {
	t.Helper()
	sh, _ := time.LoadLocation(catalog.HallZone)
	v, err := time.ParseInLocation("2006-01-02 15:04", s, sh)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// covered reports whether the sleeping screen lies over the kiosk.
func (k *kiosk) covered() bool { return len(k.sleep.layer.Objects) > 0 }

func TestAtClosingTheVideoStopsAndTheDisplayGoesOff(t *testing.T) {
	k, now, switched := sleepingKiosk(t, "2026-12-01 16:59") // a Tuesday
	k.checkIdle()
	if k.covered() || !k.onAttr || len(*switched) != 0 {
		t.Fatalf("a minute before closing: covered %v, attract %v, display %v", k.covered(), k.onAttr, *switched)
	}
	attract := k.attract
	*now = shAt(t, "2026-12-01 17:00")
	k.checkIdle()
	if !k.covered() || k.onAttr || k.sleep.screen.Woken() || strings.Join(*switched, ",") != "off" {
		t.Fatalf("at closing: covered %v, attract %v, woken %v, display %v", k.covered(), k.onAttr, k.sleep.screen.Woken(), *switched)
	}
	if len(k.body.Objects) != 1 || k.body.Objects[0] == attract {
		t.Fatal("the attract screen is still shown under the sleeping screen")
	}
	// Through the night nothing more is switched, whatever the ticks.
	for _, when := range []string{"2026-12-01 20:00", "2026-12-02 03:00", "2026-12-02 08:49"} {
		*now = shAt(t, when)
		k.checkIdle()
	}
	if !k.covered() || len(*switched) != 1 {
		t.Fatalf("overnight: covered %v, display %v", k.covered(), *switched)
	}
	if d := k.displayHealth(); d.State.On || d.Dark != "display switched off (DPMS)" {
		t.Fatalf("health at night: %+v", d)
	}
}

func TestTheScreenComesBackTenMinutesBeforeOpeningWithTheAttractLoop(t *testing.T) {
	k, now, switched := sleepingKiosk(t, "2026-12-01 22:00")
	k.checkIdle()
	*now = shAt(t, "2026-12-02 08:49")
	k.checkIdle()
	if !k.covered() {
		t.Fatal("awake 11 minutes before opening")
	}
	*now = shAt(t, "2026-12-02 08:50")
	k.checkIdle()
	if k.covered() || !k.onAttr || strings.Join(*switched, ",") != "off,on" {
		t.Fatalf("10 minutes before opening: covered %v, attract %v, display %v", k.covered(), k.onAttr, *switched)
	}
	if d := k.displayHealth(); !d.State.On || d.State.Reason != hours.Warming || d.Dark != "" {
		t.Fatalf("health before opening: %+v", d)
	}
	*now = shAt(t, "2026-12-02 09:00")
	k.checkIdle()
	if k.covered() || !k.onAttr || k.sleep.state.Reason != hours.Open {
		t.Fatalf("at opening: covered %v, attract %v, %v", k.covered(), k.onAttr, k.sleep.state.Reason)
	}
}

func TestAClosedDayAndASpecialDay(t *testing.T) {
	k, now, _ := sleepingKiosk(t, "2026-11-30 11:00") // a Monday
	k.checkIdle()
	if !k.covered() {
		t.Fatal("awake on a Monday, the weekly closed day")
	}
	*now = shAt(t, "2026-10-01 11:00") // National Day, a Thursday
	k.checkIdle()
	if !k.covered() {
		t.Fatal("awake on a closed date")
	}
	*now = shAt(t, "2026-12-04 20:30") // the late opening
	k.checkIdle()
	if k.covered() || !k.onAttr {
		t.Fatal("asleep during a late opening")
	}
	*now = shAt(t, "2026-12-04 21:00")
	k.checkIdle()
	if !k.covered() {
		t.Fatal("awake after the late opening closed")
	}
}

func TestATouchWhileClosedShowsTheMessageThenSleepsAgain(t *testing.T) {
	k, now, switched := sleepingKiosk(t, "2026-12-01 22:00")
	k.checkIdle()
	test.Tap(k.sleep.screen)
	if !k.sleep.screen.Woken() || strings.Join(*switched, ",") != "off,on" {
		t.Fatalf("after a touch: woken %v, display %v", k.sleep.screen.Woken(), *switched)
	}
	test.AssertObjectRendersToMarkup(t, "closed.xml", k.sleep.screen)
	test.AssertImageMatches(t, "closed.png", k.win.Canvas().Capture())
	if d := k.displayHealth(); !d.State.On || d.State.Reason != hours.Woken {
		t.Fatalf("health when woken: %+v", d)
	}
	*now = now.Add(2 * time.Minute)
	k.checkIdle()
	if !k.sleep.screen.Woken() {
		t.Fatal("asleep again two minutes after the touch")
	}
	test.Tap(k.sleep.screen) // another touch keeps it on longer
	*now = now.Add(2 * time.Minute)
	k.checkIdle()
	if !k.sleep.screen.Woken() {
		t.Fatal("a second touch did not keep the screen on")
	}
	*now = now.Add(hours.WakeFor)
	k.checkIdle()
	if k.sleep.screen.Woken() || !k.covered() || strings.Join(*switched, ",") != "off,on,off" {
		t.Fatalf("after the few minutes: woken %v, covered %v, display %v", k.sleep.screen.Woken(), k.covered(), *switched)
	}
	if k.onAttr || len(k.stack) != 0 {
		t.Fatal("a touch while closed opened the visitor's pages")
	}
}

func TestAVisitorReadingAtClosingKeepsThePageUntilTheIdleReset(t *testing.T) {
	k, now, _ := sleepingKiosk(t, "2026-12-01 16:59")
	k.checkIdle()
	k.Home() // a touch a minute before closing
	k.Open(k.shown.At(0).ID)
	*now = shAt(t, "2026-12-01 17:00")
	k.checkIdle()
	if k.covered() || len(k.stack) != 2 {
		t.Fatal("the screen went dark under a visitor's page")
	}
	*now = now.Add(2 * time.Minute) // past the idle timeout
	k.checkIdle()                   // the reset to attract
	k.checkIdle()                   // then sleep
	if !k.covered() || k.onAttr {
		t.Fatalf("after the visitor left: covered %v, attract %v", k.covered(), k.onAttr)
	}
}

func TestWithoutDisplayPowerControlTheScreenGoesBlack(t *testing.T) {
	k, now := testKiosk(t)
	k.sleep.power = func(bool) error { return errTestNoDPMS }
	k.setHours(hallHours())
	*now = shAt(t, "2026-11-30 11:00")
	k.checkIdle()
	if !k.covered() || k.sleep.screen.Woken() {
		t.Fatal("no black cover where the display cannot be switched off")
	}
	if d := k.displayHealth(); !strings.Contains(d.Dark, "a black screen") || !strings.Contains(d.Dark, "virtual") {
		t.Fatalf("health: %+v", d)
	}
}

type testErr string

func (e testErr) Error() string { return string(e) }

const errTestNoDPMS = testErr("this display cannot be switched off by DPMS (a virtual display)")

// The hall's status tells a closed screen from a working one: what is on
// screen and whether the display is on follow the opening hours, and
// only the hall's calendar decides them (touches keep the real clock).
func TestTheHallStatusFollowsTheSleepingScreen(t *testing.T) {
	k, now, _ := sleepingKiosk(t, "2026-12-01 16:59")
	real := *now
	k.now = func() time.Time { return real }
	showing := func() string { s, _ := k.hall.showing.Load().(string); return s }
	k.checkIdle()
	if showing() != "attract" || k.hall.sleeping.Load() {
		t.Fatalf("open: showing %q, sleeping %v", showing(), k.hall.sleeping.Load())
	}
	*now = shAt(t, "2026-12-01 17:00")
	k.checkIdle()
	if showing() != "asleep" || !k.hall.sleeping.Load() {
		t.Fatalf("closed: showing %q, sleeping %v", showing(), k.hall.sleeping.Load())
	}
	k.touchedWhileClosed()
	if showing() != "asleep" || k.hall.sleeping.Load() {
		t.Fatalf("woken by staff: showing %q, sleeping %v (the display is on)", showing(), k.hall.sleeping.Load())
	}
	*now = shAt(t, "2026-12-02 08:50")
	k.checkIdle()
	if showing() != "attract" || k.hall.sleeping.Load() {
		t.Fatalf("before opening: showing %q, sleeping %v", showing(), k.hall.sleeping.Load())
	}
}

// The hall's display-off command and the opening hours switch the
// display one way: a display switched off by a curator stays off when
// the hall opens, comes on with display-on, and does not come on with
// display-on while the hall sleeps.
func TestTheHallsDisplayOffAndTheHoursSwitchTheDisplayOneWay(t *testing.T) {
	k, now, switched := sleepingKiosk(t, "2026-12-01 16:00") // open
	k.checkIdle()
	k.setDisplay(false)
	if got := strings.Join(*switched, ","); got != "off" {
		t.Fatalf("display-off while open: %q", got)
	}
	*now = shAt(t, "2026-12-01 17:00") // closing: asleep, already off
	k.checkIdle()
	*now = shAt(t, "2026-12-02 08:50") // the warm-up: the hours want it on
	k.checkIdle()
	if got := strings.Join(*switched, ","); got != "off" {
		t.Fatalf("the hours switched on a display a curator switched off: %q", got)
	}
	k.setDisplay(true)
	if got := strings.Join(*switched, ","); got != "off,on" {
		t.Fatalf("display-on while open: %q", got)
	}
	*now = shAt(t, "2026-12-02 17:00") // closed again
	k.checkIdle()
	k.setDisplay(false)
	k.setDisplay(true)
	if got := strings.Join(*switched, ","); got != "off,on,off" {
		t.Fatalf("display-off and on while the hall sleeps: %q", got)
	}
	k.restorePower()
	if got := strings.Join(*switched, ","); got != "off,on,off,on" {
		t.Fatalf("the kiosk ending: %q", got)
	}
}
