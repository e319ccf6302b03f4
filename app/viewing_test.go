package app

import (
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"showhall/screens"
	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/hall"
)

// A visitor's text size and look last for their visit: the page they are
// on is rebuilt with them, and the idle reset gives the next visitor the
// hall's own, as it does the language.
func TestTextSizeAndLookLastUntilTheIdleReset(t *testing.T) {
	k, now := testKiosk(t)
	k.Home()
	k.Browse(catalog.Filter{catalog.FacetYear: {"2025"}})
	before := k.stack[len(k.stack)-1].object
	big := screens.Viewing{Step: len(screens.TextSteps) - 1, Look: screens.LookHighContrast}
	k.SetViewing(big)
	if got := k.app.Settings().Theme(); got != fyne.Theme(big.Theme()) {
		t.Fatalf("after the switch the theme is %#v, want %#v", got, big.Theme())
	}
	if len(k.stack) != 2 || k.stack[1].object == before || k.body.Objects[0] != k.stack[1].object {
		t.Fatal("the visitor's page was not rebuilt in place with the new text size")
	}
	if screens.TextPx(20) != 30 {
		t.Fatalf("a 20 px text is drawn at %v px at 150%%", screens.TextPx(20))
	}

	*now = now.Add(k.idle.Timeout + time.Second)
	k.checkIdle()
	if !k.onAttr || k.ui.Viewing != (screens.Viewing{}) || k.app.Settings().Theme() != fyne.Theme(screens.HallTheme{}) {
		t.Fatalf("after the idle reset: attract %v, viewing %+v, theme %#v", k.onAttr, k.ui.Viewing, k.app.Settings().Theme())
	}
}

// The curator's default text size and look are a new visitor's, and the
// reach height moves the controls; all three are kept in the catalogue's
// settings and checked before they are saved.
func TestCuratorSetsTheHallsTextSizeLookAndReach(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	s := hall.DefaultSettings()
	if s.ReachPx != hall.DefaultReachPx || s.Look != hall.LookStandard || s.TextStep != 0 {
		t.Fatalf("defaults %+v", s)
	}
	for _, bad := range []hall.HallSettings{
		func() hall.HallSettings { b := s; b.TextStep = 3; return b }(),
		func() hall.HallSettings { b := s; b.Look = "dark"; return b }(),
		func() hall.HallSettings { b := s; b.ReachPx = 50; return b }(),
	} {
		if err := hall.SaveSettings(db, bad); err == nil {
			t.Errorf("%+v was saved", bad)
		}
	}
	s.TextStep, s.Look, s.ReachPx = 1, hall.LookHighContrast, 900
	if err := hall.SaveSettings(db, s); err != nil {
		t.Fatal(err)
	}
	got, err := hall.LoadSettings(db)
	if err != nil || got != s {
		t.Fatalf("loaded %+v, %v; saved %+v", got, err, s)
	}

	k, _ := testKiosk(t)
	k.applySettings(got)
	k.showAttract()
	want := screens.Viewing{Step: 1, Look: screens.LookHighContrast}
	if k.ui.Viewing != want || k.ui.Reach != 900 || k.app.Settings().Theme() != fyne.Theme(want.Theme()) {
		t.Fatalf("a new visitor gets %+v with reach %v, want %+v and 900", k.ui.Viewing, k.ui.Reach, want)
	}
}
