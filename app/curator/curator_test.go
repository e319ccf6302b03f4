package curator

import (
	"bytes"
	"encoding/json"
	"errors"
	"log/slog"
	"strings"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
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

var sh, _ = time.LoadLocation(catalog.HallZone)

func rot(id, first, last string, projects ...string) catalog.Rotation {
	r := catalog.Rotation{ID: id, Name: catalog.Text{En: id}, TimeZone: catalog.HallZone}
	if err := SetDates(&r, first, last); err != nil {
		panic(err)
	}
	for _, p := range projects {
		r.Showcase = append(r.Showcase, catalog.Showcase{Project: p})
	}
	return r
}

func messages(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func TestPlannerChecks(t *testing.T) {
	doc := catalogtest.Generate(20, 1)
	hash := strings.Repeat("ab", 32)
	doc.Projects[1].Cover = hash // the store has no such file
	snap := catalog.NewSnapshot(doc)
	p1, p2 := snap.At(0).ID, "" // p2 is the one with the missing cover
	for i := 0; i < snap.Len(); i++ {
		if snap.At(i).Cover == hash {
			p2 = snap.At(i).ID
		}
	}
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, sh)
	plan := Plan{Snap: snap, Now: now, Zone: sh, HasMedia: func(h string) bool { return h != hash }}

	plan.Rotations = []catalog.Rotation{
		rot("spring", "2026-03-01", "2026-06-30", p1),
		rot("summer", "2026-06-20", "2026-08-31", p1, p2), // overlaps spring by 11 days
		rot("autumn", "2026-09-15", "2026-12-31"),         // empty; gap 1-14 Sep
	}
	plan.Rotations[2].Attract = []string{hash}
	got := messages(Check(plan))
	for _, want := range []string{
		`error: "summer" (summer) overlaps "spring" (spring) from 2026-06-20 to 2026-06-30`,
		`error: "autumn" (autumn) showcases no project`,
		`warning: nothing is planned from 2026-09-01 to 2026-09-14: the hall keeps showing "summer" (summer) until "autumn" (autumn) starts`,
		`is missing 1 media file(s)`,
		`attract video abababababab… is missing`,
		`warning: nothing is planned after "autumn" (autumn) ends on 2026-12-31`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing finding %q in:\n%s", want, got)
		}
	}
	if !HasErrors(Check(plan)) {
		t.Error("overlap and empty rotation are not errors")
	}

	// A clean plan: back to back, all media present, nothing but the
	// reminder about what follows the last one.
	plan.HasMedia = nil
	plan.Rotations = []catalog.Rotation{
		rot("spring", "2026-03-01", "2026-06-30", p1),
		rot("summer", "2026-07-01", "2026-12-31", p1, p2),
	}
	fs := Check(plan)
	if HasErrors(fs) || len(fs) != 1 || !strings.Contains(fs[0].Message, "after") {
		t.Fatalf("clean plan: %s", messages(fs))
	}

	// Nothing has started yet: the first rotation shows early.
	plan.Now = time.Date(2026, 1, 10, 0, 0, 0, 0, sh)
	if got := messages(Check(plan)); !strings.Contains(got, `nothing is current before 2026-03-01: until then the hall shows "spring" (spring) early`) {
		t.Fatalf("before the first rotation:\n%s", got)
	}
	// Everything ended.
	plan.Now = time.Date(2027, 2, 1, 0, 0, 0, 0, sh)
	if got := messages(Check(plan)); !strings.Contains(got, `every rotation has ended: the hall is showing "summer"`) {
		t.Fatalf("after the last rotation:\n%s", got)
	}
}

func TestDatesAreWholeDaysInTheHallZone(t *testing.T) {
	r := rot("x", "2026-09-01", "2026-12-31", "p")
	if !r.Start.Equal(time.Date(2026, 8, 31, 16, 0, 0, 0, time.UTC)) || !r.End.Equal(time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Fatalf("start %v end %v", r.Start, r.End)
	}
	if f, l := Dates(&r); f != "2026-09-01" || l != "2026-12-31" {
		t.Fatalf("dates %s %s", f, l)
	}
	if err := SetDates(&r, "2026-09-02", "2026-09-01"); err == nil {
		t.Fatal("last day before the first accepted")
	}
	if err := SetDates(&r, "1 Sep", "2026-09-01"); err == nil {
		t.Fatal("a date in another format accepted")
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
