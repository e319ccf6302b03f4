package hall

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"showhall/store/hours"
)

// memSettings is the settings bucket in memory, holding JSON as the
// store does.
type memSettings map[string][]byte

func (m memSettings) GetSetting(name string, v any) (bool, error) {
	raw, ok := m[name]
	if !ok {
		return false, nil
	}
	return true, json.Unmarshal(raw, v)
}

func (m memSettings) PutSetting(name string, v any) error {
	raw, err := json.Marshal(v)
	m[name] = raw
	return err
}

func init() { ArgonTime, ArgonMemory = 1, 1024 } // fast tests; the format records them

func TestPINIsStoredOnlyAsASaltedArgon2idHash(t *testing.T) {
	s := memSettings{}
	g := &Guard{Settings: s}
	if err := g.Check("135790"); !errors.Is(err, ErrNoPIN) {
		t.Fatalf("check before any PIN: %v", err)
	}
	for _, weak := range []string{"12345", "111111", "123456", "987654", "12a456"} {
		if err := g.SetPIN("", weak); err == nil {
			t.Errorf("weak PIN %q accepted", weak)
		}
	}
	if err := g.SetPIN("", "135790"); err != nil {
		t.Fatal(err)
	}
	raw := string(s[SettingPIN])
	if strings.Contains(raw, "135790") || !strings.Contains(raw, `"algo":"argon2id"`) {
		t.Fatalf("stored PIN: %s", raw)
	}
	first := append([]byte(nil), s[SettingPIN]...)
	// Same PIN again: a new salt, so a new hash.
	if err := g.SetPIN("135790", "135790"); err != nil {
		t.Fatal(err)
	}
	if bytes.Equal(first, s[SettingPIN]) {
		t.Fatal("setting the same PIN twice stored the same bytes: no fresh salt")
	}
	if err := g.Check("135790"); err != nil {
		t.Fatalf("right PIN refused: %v", err)
	}
	// Changing needs the old PIN.
	if err := g.SetPIN("000000", "246801"); err == nil {
		t.Fatal("PIN changed without the current one")
	}
}

func TestFiveWrongTriesLockWithAGrowingDelay(t *testing.T) {
	now := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
	var logged bytes.Buffer
	s := memSettings{}
	g := &Guard{Settings: s, Now: func() time.Time { return now }, Log: slog.New(slog.NewTextHandler(&logged, nil))}
	if err := g.SetPIN("", "135790"); err != nil {
		t.Fatal(err)
	}
	wrongFive := func() error {
		var err error
		for i := 0; i < MaxTries; i++ {
			err = g.Check("000000")
		}
		return err
	}
	var wrong ErrWrongPIN
	if err := g.Check("000000"); !errors.As(err, &wrong) || wrong.Left != 4 {
		t.Fatalf("first wrong try: %v", err)
	}
	for i := 0; i < 3; i++ {
		g.Check("000000")
	}
	var locked ErrLocked
	if err := g.Check("000000"); !errors.As(err, &locked) || locked.Wait != 30*time.Second {
		t.Fatalf("fifth wrong try: %v", err)
	}
	// Locked: even the right PIN is not looked at.
	if err := g.Check("135790"); !errors.As(err, &locked) {
		t.Fatalf("right PIN while locked: %v", err)
	}
	// A fresh guard over the same settings (a restart) is still locked.
	if (&Guard{Settings: s, Now: g.Now}).Locked() == 0 {
		t.Fatal("a restart cleared the lockout")
	}
	now = now.Add(31 * time.Second)
	if err := wrongFive(); !errors.As(err, &locked) || locked.Wait != time.Minute {
		t.Fatalf("second lockout: %v", err)
	}
	now = now.Add(61 * time.Second)
	if err := wrongFive(); !errors.As(err, &locked) || locked.Wait != 2*time.Minute {
		t.Fatalf("third lockout: %v", err)
	}
	now = now.Add(3 * time.Minute)
	if err := g.Check("135790"); err != nil {
		t.Fatalf("right PIN after the lockout: %v", err)
	}
	// Success starts the count again.
	if err := wrongFive(); !errors.As(err, &locked) || locked.Wait != 30*time.Second {
		t.Fatalf("lockout after a success: %v", err)
	}
	log := logged.String()
	if strings.Count(log, "wrong curator PIN") < 10 || !strings.Contains(log, "curator PIN pad locked") || !strings.Contains(log, "curator PIN accepted") {
		t.Fatalf("attempts not logged:\n%s", log)
	}
	if strings.Contains(log, "000000") || strings.Contains(log, "135790") {
		t.Fatal("a PIN was written to the log")
	}
	if lockFor(20) != time.Hour {
		t.Fatal("lockout not capped at an hour")
	}
}

// TestAdministratorUnlocksAndResetsWhatAVisitorLocked: a visitor who
// spends five wrong tries in every window keeps the pad locked; the PC's
// administrator lifts it, and can set a PIN without knowing the old one.
func TestAdministratorUnlocksAndResetsWhatAVisitorLocked(t *testing.T) {
	now := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
	s := memSettings{}
	g := &Guard{Settings: s, Now: func() time.Time { return now }}
	if err := g.SetPIN("", "135790"); err != nil {
		t.Fatal(err)
	}
	for round := 1; round <= 8; round++ { // an hour-long lockout by now
		for i := 0; i < MaxTries; i++ {
			g.Check("000000")
		}
		if round < 8 {
			now = now.Add(lockFor(round) + time.Second)
		}
	}
	if g.Locked() < 30*time.Minute {
		t.Fatalf("locked for %v after eight rounds of wrong tries", g.Locked())
	}
	if err := g.Unlock(); err != nil {
		t.Fatal(err)
	}
	if w := g.Locked(); w != 0 {
		t.Fatalf("still locked for %v after the administrator's unlock", w)
	}
	if err := g.Check("135790"); err != nil {
		t.Fatalf("right PIN after the unlock: %v", err)
	}
	// The pad's own lockout still works after an unlock.
	var locked ErrLocked
	for i := 0; i < MaxTries-1; i++ {
		g.Check("000000")
	}
	if err := g.Check("000000"); !errors.As(err, &locked) {
		t.Fatalf("five wrong tries after an unlock: %v", err)
	}
	// A new PIN from the PC, with no old one, lifts the lockout too.
	if err := g.ResetPIN("123456"); err == nil {
		t.Fatal("a run accepted as a PIN")
	}
	if err := g.ResetPIN("246813"); err != nil {
		t.Fatal(err)
	}
	if err := g.Check("246813"); err != nil {
		t.Fatalf("the administrator's new PIN: %v", err)
	}
}

func TestPlainHTTPPortalNeedsTheCuratorsWord(t *testing.T) {
	s := DefaultSettings()
	s.PortalURL = "http://192.168.1.20/hall-stats"
	if err := s.Validate(); err == nil || !strings.Contains(err.Error(), "https:// only") {
		t.Fatalf("a plain HTTP portal not marked local: %v", err)
	}
	s.PortalLocal = true
	if err := s.Validate(); err != nil {
		t.Fatalf("a plain HTTP portal marked local: %v", err)
	}
	m := memSettings{}
	if err := SaveSettings(m, s); err != nil {
		t.Fatal(err)
	}
	if got, _ := LoadSettings(m); !got.PortalLocal || got.PortalURL != s.PortalURL {
		t.Fatalf("loaded %+v", got)
	}
}

func TestOpeningHoursAreKeptAndBadOnesRefused(t *testing.T) {
	s := memSettings{}
	if _, found, err := LoadHours(s); found || err != nil {
		t.Fatalf("before saving: found %v, %v", found, err)
	}
	h := hours.Default()
	h.Follow = true
	h.Closed = []string{"2026-10-01"}
	if err := SaveHours(s, h); err != nil {
		t.Fatal(err)
	}
	got, found, err := LoadHours(s)
	if err != nil || !found || !got.Follow || got.Closed[0] != "2026-10-01" || !got.Week[time.Monday].Closed {
		t.Fatalf("read back %+v, %v, %v", got, found, err)
	}
	h.Closed = []string{"tomorrow"}
	if err := SaveHours(s, h); err == nil {
		t.Fatal("a date that is not one was saved")
	}
	if got, _, _ := LoadHours(s); got.Closed[0] != "2026-10-01" {
		t.Fatalf("a refused save changed the hours: %+v", got)
	}
	s[SettingHours] = []byte(`{"week":"nonsense"}`)
	if _, _, err := LoadHours(s); err == nil || !strings.Contains(err.Error(), "opening hours cannot be read") {
		t.Fatalf("damaged hours: %v", err)
	}
}
