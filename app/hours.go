package app

import (
	"errors"
	"image/color"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"

	"showhall/hallnet"
	"showhall/screens"
	"showhall/store/hall"
	"showhall/store/hours"
)

// sleeper follows the hall's opening hours for the kiosk: outside them
// the video stops and the display goes off (DPMS, or a black cover where
// the display cannot be switched off); WarmUp before opening it comes
// back with the attract loop running; a touch while closed wakes it for
// a few minutes with a message for staff. One field of the kiosk, so
// that app/kiosk.go only calls into this file.
type sleeper struct {
	hours      hours.Hours
	zone       *time.Location
	wokenUntil time.Time
	state      hours.State // the last one followed
	asleep     bool        // the sleeping screen covers the kiosk (dark or woken)
	screen     *screens.Sleep
	layer      *fyne.Container // over the pages, under the hidden corner
	// power switches the display; nil leaves it alone (tests, laptops).
	power      func(on bool) error
	poweredOff bool   // the display was switched off
	noPower    error  // why the display cannot be switched off, once known
	dark       string // how the screen is dark when asleep, for the health page
	// health is displayHealth as of the last check, for the console's
	// health page, which reads it off the UI goroutine.
	health atomic.Pointer[hall.Display]
}

// initSleep makes the layer the sleeping screen goes in.
func (k *kiosk) initSleep() {
	s := &k.sleep
	s.zone = hallZone()
	s.layer = container.NewStack()
	s.screen = screens.NewSleep(s.zone, k.touchedWhileClosed)
}

// setHours takes the hall's opening hours into use at the next check.
func (k *kiosk) setHours(h hours.Hours) { k.sleep.hours = h }

// followHours is called at every check of the session. It reports
// whether the hours own the screen now (asleep or woken), in which case
// the visitor's session is not checked. A hall that closes while a
// visitor reads, or a curator works, sleeps once they are done (the idle
// reset returns to the attract screen first).
func (k *kiosk) followHours() bool {
	defer k.noteDisplay()
	s := &k.sleep
	st := s.hours.At(k.calendar(), s.zone, s.wokenUntil)
	prev := s.state
	s.state = st
	if st.On && st.Reason != hours.Woken {
		if s.asleep {
			k.log.Info("opening hours: the screen comes back", "reason", reasonName(st.Reason), "opens", st.Opens)
			k.wakeUp()
		}
		return false
	}
	if !s.asleep && !k.onAttr {
		return false
	}
	if st.Reason == hours.Woken {
		if !s.screen.Woken() || prev.Reason != hours.Woken {
			k.log.Info("opening hours: woken by a touch while the hall is closed", "until", s.wokenUntil)
		}
		k.coverWith(true, st.Opens)
		return true
	}
	if !s.asleep || s.screen.Woken() {
		k.log.Info("opening hours: the hall is closed, the screen sleeps", "until", st.Next, "opens", st.Opens)
	}
	k.coverWith(false, st.Opens)
	return true
}

// coverWith puts the sleeping screen over the kiosk, woken or dark.
func (k *kiosk) coverWith(woken bool, opens time.Time) {
	s := &k.sleep
	if !s.asleep {
		// What a visitor would see or hear stops: the slideshow, the
		// video, and the page under the cover.
		if k.attract != nil {
			k.attract.Stop()
		}
		k.stopVideo()
		k.showCountdown(false)
		k.onAttr = false
		k.stack = nil
		k.setBody(canvas.NewRectangle(color.Black))
		s.layer.Objects = []fyne.CanvasObject{s.screen}
		s.layer.Refresh()
		s.asleep = true
		k.quiet()
	}
	if woken {
		s.screen.ShowClosed(opens)
	} else {
		s.screen.Dark()
	}
	k.hall.sleeping.Store(!woken)
	k.hall.showing.Store(k.screenKind())
	// An urgent notice (an evacuation) lies above the sleeping screen
	// and is seen in a closed hall too.
	k.setPower(woken || k.urgentShown())
}

// wakeUp takes the sleeping screen away and starts the attract loop.
func (k *kiosk) wakeUp() {
	s := &k.sleep
	s.asleep, s.wokenUntil = false, time.Time{}
	k.hall.sleeping.Store(false)
	s.screen.Dark()
	s.layer.Objects = nil
	s.layer.Refresh()
	k.setPower(true)
	k.showAttract()
}

// uncoverForStaff takes the sleeping screen away without starting the
// attract loop: the curator's PIN pad opens over a closed hall.
func (k *kiosk) uncoverForStaff() {
	s := &k.sleep
	if !s.asleep {
		return
	}
	s.asleep = false
	k.hall.sleeping.Store(false)
	k.hall.showing.Store(k.screenKind())
	s.screen.Dark()
	s.layer.Objects = nil
	s.layer.Refresh()
	k.setPower(true)
}

// touchedWhileClosed keeps the screen on for a few minutes more.
func (k *kiosk) touchedWhileClosed() {
	k.sleep.wokenUntil = k.calendar().Add(hours.WakeFor)
	k.followHours()
}

// setPower switches the display when it is not already as asked. Where
// it cannot be switched, the black cover is what the hall sees, the
// reason is logged once and the health page says it. The hall's
// display-off command holds the display off whatever the hours say: the
// hours and the hall's commands switch it one way (DPMS through the X
// server, power_x11.go), so neither undoes what the other did.
func (k *kiosk) setPower(on bool) {
	s := &k.sleep
	on = on && !k.hall.displayOff.Load()
	switch {
	case s.power == nil:
		s.dark = "a black screen (this kiosk does not switch its display off)"
		return
	case s.noPower != nil || s.poweredOff == !on:
		return
	}
	if err := s.power(on); err != nil {
		k.log.Warn("the display cannot be switched off; a black screen covers it instead", "error", err)
		s.noPower = err
		s.dark = "a black screen, as the display cannot be switched off: " + err.Error()
		return
	}
	s.poweredOff = !on
	if !on {
		s.dark = "display switched off (DPMS)"
	}
}

// followPower switches the display as the hours and the hall's commands
// together want it: on unless the hall sleeps (dark, not woken, no
// urgent notice) or a curator switched it off.
func (k *kiosk) followPower() {
	s := &k.sleep
	k.setPower(!s.asleep || s.screen.Woken() || k.urgentShown())
}

// restorePower switches the display back on as the kiosk ends, so that
// whatever comes next (a restart, a technician) is seen, even one the
// hall's command had switched off.
func (k *kiosk) restorePower() {
	if k.sleep.poweredOff {
		k.hall.displayOff.Store(false)
		k.setPower(true)
	}
}

// noteDisplay keeps the display's health for the console when it changed.
func (k *kiosk) noteDisplay() {
	d := k.displayHealth()
	if old := k.sleep.health.Load(); old == nil || *old != *d {
		k.sleep.health.Store(d)
	}
}

// displayHealth is what the health page says about the display.
func (k *kiosk) displayHealth() *hall.Display {
	d := &hall.Display{State: k.sleep.state}
	if !k.sleep.state.On {
		d.Dark = k.sleep.dark
	}
	return d
}

func reasonName(r hours.Reason) string {
	return [...]string{"always on", "open", "opening soon", "closed", "woken by a touch"}[r]
}

// settingHoursFile keeps the signed file of the opening hours in use,
// beside the hours themselves (hall.SettingHours), so that the screen
// can pass on exactly what the curator signed.
const settingHoursFile = "opening_hours_signed"

// acceptHours checks signed opening hours and puts them in use: the way
// in for hours from the console, and for those a stick, a bundle or the
// hall's network brings. They must be signed by a trusted key (or this
// machine's curator key) and newer than the hours in use.
func acceptHours(data *Data, file []byte) (hours.Hours, error) {
	keys, err := noticeKeys(data)
	if err != nil {
		return hours.Hours{}, err
	}
	h, err := hours.Verify(file, keys)
	if err != nil {
		return h, err
	}
	have, _, err := hall.LoadHours(data.DB)
	if err != nil {
		return h, err
	}
	if err := hours.Replaces(have.Signed, h.Signed); err != nil {
		return h, err
	}
	if err := data.DB.PutSetting(settingHoursFile, string(file)); err != nil {
		return h, err
	}
	return h, hall.SaveHours(data.DB, h)
}

// hoursFile is the signed file of the opening hours in use ("" when the
// hours in use were never signed).
func hoursFile(data *Data) ([]byte, error) {
	var file string
	found, err := data.DB.GetSetting(settingHoursFile, &file)
	if err != nil {
		return nil, err
	}
	if !found || file == "" {
		return nil, errors.New("this screen's opening hours are not signed yet: save them in the console first")
	}
	return []byte(file), nil
}

// takeHours puts in use the signed opening hours a hall command carries,
// with the same checks as hours from the console.
func (s *kioskScreen) takeHours(c hallnet.Command) (string, error) {
	file, err := c.Document()
	if err != nil {
		return "", err
	}
	h, err := acceptHours(s.data, file)
	switch {
	case errors.Is(err, hours.ErrUnchanged):
		return "opening hours: this screen has this version already", nil
	case err != nil:
		s.log.Warn("hall: opening hours refused", "error", err)
		return "", err
	}
	s.log.Info("hall: opening hours taken", "follow", h.Follow, "signed", h.Signed, "closed_days", len(h.Closed), "special_days", len(h.Special))
	fyne.Do(func() { s.k.setHours(h) })
	return hoursTaken(h), nil
}

// hoursTaken says what a screen did with opening hours it took.
func hoursTaken(h hours.Hours) string {
	if !h.Follow {
		return "opening hours in use (signed " + h.Signed.UTC().Format(time.RFC3339) + "); the screen stays on day and night"
	}
	return "opening hours in use (signed " + h.Signed.UTC().Format(time.RFC3339) + "); the screen follows them"
}
