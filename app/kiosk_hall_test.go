package app

import (
	"testing"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

// The hall's status says what the screen shows as the visitor moves.
func TestHallStatusFollowsTheVisitor(t *testing.T) {
	k, _ := testKiosk(t)
	step := func(want string) {
		t.Helper()
		if got, _ := k.hall.showing.Load().(string); got != want {
			t.Fatalf("status says %q, the screen shows %s", got, want)
		}
	}
	step("attract")
	k.Home()
	step("home")
	k.Browse(nil)
	step("browse")
	k.Open(k.shown.At(0).ID)
	step("project")
	k.Back()
	step("browse")
	if r := k.hall.season.Load(); r == nil || r != k.ui.Rotation {
		t.Fatalf("status season %v, on screen %v", r, k.ui.Rotation)
	}
}

// A display switched off stays black while a new catalogue arrives; on
// again, it shows the attract screen with the new catalogue.
func TestDisplayOffStaysBlackUntilOn(t *testing.T) {
	k, _ := testKiosk(t)
	old := k.shown
	k.setDisplay(false)
	if !k.hall.displayOff.Load() || len(k.hall.layer.Objects) != 1 {
		t.Fatalf("display off: %v, layer %d objects", k.hall.displayOff.Load(), len(k.hall.layer.Objects))
	}
	newer := catalog.NewSnapshot(catalogtest.Generate(50, 9))
	k.snap.Store(newer)
	k.checkIdle()
	if k.shown != old {
		t.Fatal("the attract screen was renewed under a display switched off")
	}
	k.setDisplay(true)
	if k.hall.displayOff.Load() || len(k.hall.layer.Objects) != 0 || !k.onAttr || k.shown != newer {
		t.Fatalf("display on: off=%v, layer %d, attract %v, new catalogue %v", k.hall.displayOff.Load(), len(k.hall.layer.Objects), k.onAttr, k.shown == newer)
	}
}
