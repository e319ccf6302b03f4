package app

import (
	"io"
	"log/slog"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/screens"
	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

// testKiosk builds a kiosk on Fyne's test driver with a clock the test
// moves by hand.
func testKiosk(t *testing.T) (*kiosk, *time.Time) {
	t.Helper()
	a := uitest.NewApp(t)
	screens.PressDelay = 0
	snap := catalog.NewSnapshot(catalogtest.Generate(200, 3))
	sh, _ := time.LoadLocation(catalog.HallZone)
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, sh)
	k := newKiosk(a, snap, nil, catalog.Hans, 90*time.Second, slog.New(slog.NewTextHandler(io.Discard, nil)))
	k.now = func() time.Time { return now }
	k.calendar = k.now
	k.win = test.NewTempWindow(t, nil)
	k.win.SetContent(k.root())
	k.win.Resize(fyne.NewSize(1920, 1080))
	k.showAttract()
	t.Cleanup(func() { k.attract.Stop() })
	return k, &now
}

func TestIdleCountdownThenResetToAttract(t *testing.T) {
	k, now := testKiosk(t)
	k.Home()
	k.Browse(catalog.Filter{catalog.FacetYear: {"2025"}})
	k.SetLang(catalog.En)
	if len(k.stack) != 2 {
		t.Fatalf("stack of %d pages after home and browse", len(k.stack))
	}

	*now = now.Add(79 * time.Second)
	k.checkIdle()
	if k.countdownShown() {
		t.Fatal("countdown before the warning time")
	}
	*now = now.Add(2 * time.Second)
	k.checkIdle()
	if !k.countdownShown() {
		t.Fatal("no countdown 9 s before the reset")
	}
	test.AssertObjectRendersToMarkup(t, "countdown.xml", k.overlay)

	*now = now.Add(10 * time.Second)
	k.checkIdle()
	if !k.onAttr || k.countdownShown() || len(k.stack) != 0 || k.ui.Lang != catalog.Hans {
		t.Fatalf("after the reset: attract %v, countdown %v, %d pages, language %s", k.onAttr, k.countdownShown(), len(k.stack), k.ui.Lang)
	}
}

func TestTouchDuringCountdownKeepsThePage(t *testing.T) {
	k, now := testKiosk(t)
	k.Home()
	k.Open(k.shown.At(0).ID)
	*now = now.Add(85 * time.Second)
	k.checkIdle()
	test.Tap(k.overlay)
	k.checkIdle()
	if k.countdownShown() || k.onAttr || len(k.stack) != 2 {
		t.Fatalf("a touch in the countdown lost the page: overlay %v attract %v pages %d", k.countdownShown(), k.onAttr, len(k.stack))
	}
	*now = now.Add(60 * time.Second)
	k.checkIdle()
	if k.onAttr {
		t.Fatal("reset 60 s after the touch, before the 90 s timeout")
	}
}

func TestNewCatalogueWaitsForTheNextReturnHome(t *testing.T) {
	k, _ := testKiosk(t)
	k.Home()
	old := k.shown
	k.Open(old.At(0).ID)
	k.SetSnapshot(catalog.NewSnapshot(catalogtest.Generate(20, 9)))
	if k.shown != old {
		t.Fatal("the catalogue changed under a visitor's page")
	}
	k.Back()
	k.Home()
	if k.shown.Len() != 20 {
		t.Fatalf("back home the catalogue has %d projects, want the new 20", k.shown.Len())
	}
}

func TestRotationSwitchesAtTheBoundaryOnReturnHome(t *testing.T) {
	k, now := testKiosk(t)
	sh, _ := time.LoadLocation(catalog.HallZone)
	*now = time.Date(2026, 8, 31, 23, 59, 0, 0, sh)
	k.Home()
	if k.ui.Rotation.ID != "r2026-2" {
		t.Fatalf("before the boundary %s is shown", k.ui.Rotation.ID)
	}
	*now = time.Date(2026, 9, 1, 0, 0, 30, 0, sh)
	k.Browse(nil)
	if k.ui.Rotation.ID != "r2026-2" {
		t.Fatal("the rotation switched in the middle of a visit")
	}
	k.Home()
	if k.ui.Rotation.ID != "r2026-3" {
		t.Fatalf("after the boundary %s is shown", k.ui.Rotation.ID)
	}
}

func TestLaptopKeyboardTypesIntoTheSearch(t *testing.T) {
	k, _ := testKiosk(t)
	k.Home()
	deadline := time.Now().Add(10 * time.Second)
	for k.index.Load() == nil && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	k.Home() // picks up the index once it is built
	k.Search()
	k.SetLang(catalog.En) // the page is rebuilt; typing must follow it
	for _, r := range "robot" {
		k.typed(r, nil)
	}
	b, ok := (*k.stack[len(k.stack)-1].typing).(*screens.Browse)
	if !ok || b.Query() != "robot" {
		t.Fatalf("typed text reached %T with query %q", b, b.Query())
	}
	k.typed(0, &fyne.KeyEvent{Name: fyne.KeyBackspace})
	if b.Query() != "robo" {
		t.Fatalf("after backspace: %q", b.Query())
	}
}

// The start's garbage goes back to the system once the first index is
// built, and only once: later catalogues do not close the signal again.
func TestStartupMemoryIsGivenBackAfterTheFirstIndex(t *testing.T) {
	k, _ := testKiosk(t)
	select {
	case <-k.firstIndex:
	case <-time.After(10 * time.Second):
		t.Fatal("the first search index was never reported built")
	}
	k.SetSnapshot(catalog.NewSnapshot(catalogtest.Generate(20, 9)))
	k.buildIndex(k.snap.Load()) // a second build must not close the signal twice

	garbage := make([][]byte, 0, 64)
	for i := 0; i < 64; i++ {
		garbage = append(garbage, make([]byte, 1<<20))
	}
	garbage[0][0] = 1
	garbage = nil
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	kept := int64(m.HeapIdle) - int64(m.HeapReleased)
	settleMemory(slog.New(slog.NewTextHandler(io.Discard, nil)))
	runtime.ReadMemStats(&m)
	if after := int64(m.HeapIdle) - int64(m.HeapReleased); after > 4<<20 || after >= kept {
		t.Fatalf("free heap pages still held: %d MiB before, %d MiB after", kept>>20, after>>20)
	}
}

// TestAttractSwitchesSeasonsByItself: a kiosk nobody touches through the
// night shows the new season's attract screen from the planned instant,
// and a catalogue synced while it waits, not at the first touch after.
func TestAttractSwitchesSeasonsByItself(t *testing.T) {
	k, now := testKiosk(t)
	sh, _ := time.LoadLocation(catalog.HallZone)
	*now = time.Date(2026, 8, 31, 23, 59, 0, 0, sh)
	k.showAttract()
	before := k.attract
	if k.ui.Rotation.ID != "r2026-2" {
		t.Fatalf("before the boundary %s is shown", k.ui.Rotation.ID)
	}
	k.checkIdle()
	if k.attract != before {
		t.Fatal("the attract screen was rebuilt with nothing new to show")
	}
	*now = time.Date(2026, 9, 1, 0, 0, 1, 0, sh)
	k.checkIdle()
	if !k.onAttr || k.ui.Rotation.ID != "r2026-3" || k.attract == before {
		t.Fatalf("a second after the boundary the attract screen shows %s", k.ui.Rotation.ID)
	}

	synced := catalog.NewSnapshot(catalogtest.Generate(20, 4))
	k.SetSnapshot(synced)
	k.checkIdle()
	if k.shown != synced {
		t.Fatal("a catalogue synced while on the attract screen waits for a touch")
	}
}
