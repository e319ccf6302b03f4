package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/stats"
)

func TestRotationFollowsAClockThatJumps(t *testing.T) {
	k, now := testKiosk(t)
	sh, _ := time.LoadLocation(catalog.HallZone)
	*now = time.Date(2026, 8, 15, 10, 0, 0, 0, sh)
	k.Home()
	if k.ui.Rotation.ID != "r2026-2" {
		t.Fatalf("15 August shows %s", k.ui.Rotation.ID)
	}
	k.idle.Touch(*now)

	// The clock jumps seven weeks ahead (a corrected RTC, NTP after a
	// month offline) while a visitor is on a page: the page stays...
	*now = time.Date(2026, 10, 3, 10, 0, 0, 0, sh)
	k.Open(k.shown.At(0).ID)
	if k.ui.Rotation.ID != "r2026-2" {
		t.Fatal("the rotation changed in the middle of a visit")
	}
	// ...the idle timer sees a long silence and resets, and the reset
	// takes the rotation current at the new time.
	k.checkIdle()
	if !k.onAttr || k.ui.Rotation.ID != "r2026-3" {
		t.Fatalf("after the forward jump: attract %v, rotation %s", k.onAttr, k.ui.Rotation.ID)
	}

	// The clock jumps back over the boundary: the next return home shows
	// the earlier rotation again, and the jump resets nobody.
	k.Home()
	*now = time.Date(2026, 8, 31, 23, 59, 59, 0, sh)
	k.checkIdle()
	if k.onAttr {
		t.Fatal("a backward jump reset the visitor")
	}
	k.Home()
	if k.ui.Rotation.ID != "r2026-2" {
		t.Fatalf("after the backward jump %s is shown", k.ui.Rotation.ID)
	}
	// One second later, forward again over the boundary instant.
	*now = now.Add(time.Second)
	k.Home()
	if k.ui.Rotation.ID != "r2026-3" {
		t.Fatalf("at the boundary instant %s is shown", k.ui.Rotation.ID)
	}
}

func TestKioskRecordsVisitorEvents(t *testing.T) {
	k, now := testKiosk(t)
	var got []stats.Event
	k.visits.rec = func(e stats.Event) { got = append(got, e) }

	k.Home()
	p := k.shown.At(3)
	k.Open(p.ID)
	*now = now.Add(20 * time.Second)
	k.SetLang(catalog.En) // same page: the dwell goes on
	*now = now.Add(10 * time.Second)
	k.idle.Touch(*now)
	k.Back()
	k.Open(p.ID)
	*now = now.Add(5 * time.Second)
	k.idle.Touch(*now)
	*now = now.Add(95 * time.Second) // walked away
	k.checkIdle()

	var kinds []stats.Kind
	for _, e := range got {
		kinds = append(kinds, e.Kind)
	}
	want := []stats.Kind{stats.ExhibitOpened, stats.Language, stats.ExhibitDwell, stats.ExhibitOpened, stats.IdleReset, stats.ExhibitDwell}
	if len(kinds) != len(want) {
		t.Fatalf("events %v, want %v", kinds, want)
	}
	for i := range want {
		if kinds[i] != want[i] {
			t.Fatalf("events %v, want %v", kinds, want)
		}
	}
	if got[0].Project != p.ID || got[0].Theme != p.Themes[0] || got[0].Rotation != "r2026-3" || got[0].ID == "" {
		t.Fatalf("opened event %+v", got[0])
	}
	if got[1].Lang != "en" {
		t.Fatalf("language event %+v", got[1])
	}
	if got[2].Value != 30000 {
		t.Fatalf("first dwell %d ms, want 30000 (across the language switch)", got[2].Value)
	}
	if got[5].Value != 5000 {
		t.Fatalf("dwell ended by an idle reset is %d ms, want 5000 (up to the last touch)", got[5].Value)
	}
}

func TestCornerTapGoesHomeAndHoldOpensThePINPad(t *testing.T) {
	k, _ := testKiosk(t)
	k.cornerTap() // on the attract screen: touch to start
	if k.onAttr || len(k.stack) != 1 {
		t.Fatal("a tap on the corner did not start a visit")
	}
	// Without a data folder there is no console: holding does nothing.
	k.openCurator()
	if k.visits.curating {
		t.Fatal("console opened without a backend")
	}
}

// TestConsoleExportIsABundleAKioskImports carries a curator's plan the way
// it travels: the console exports a signed bundle with the public key
// beside it, and another kiosk imports it trusting that key.
func TestConsoleExportIsABundleAKioskImports(t *testing.T) {
	laptop, _, err := openCatalogue(t.TempDir(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer laptop.Close()
	b := newCuratorBackend(laptop, nil, quietLog())
	b.now = time.Now
	path, err := b.Export()
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasSuffix(path, ".zip") {
		t.Fatalf("exported %s, want a .zip bundle", path)
	}
	pub, err := feed.ReadPublicKey(strings.TrimSuffix(path, ".zip") + ".pub")
	if err != nil {
		t.Fatal(err)
	}

	screen, err := openData(t.TempDir(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer screen.Close()
	if _, err := feed.Import(context.Background(), feed.ImportOptions{Path: path, DB: screen.DB, Media: screen.Media}); err == nil {
		t.Fatal("a bundle from an untrusted key was imported")
	}
	if _, err := feed.Trust(screen.DB, pub); err != nil {
		t.Fatal(err)
	}
	if _, err := feed.Import(context.Background(), feed.ImportOptions{Path: path, DB: screen.DB, Media: screen.Media}); err != nil {
		t.Fatal(err)
	}
	got, _ := screen.DB.Info()
	want, _ := laptop.DB.Info()
	if got.Projects != want.Projects || got.Rotations != want.Rotations || got.Version != want.Version {
		t.Fatalf("imported %+v, exported %+v", got, want)
	}
	// A second export reuses the key: kiosks trust a curator once.
	if _, err := b.Export(); err != nil {
		t.Fatal(err)
	}
}
