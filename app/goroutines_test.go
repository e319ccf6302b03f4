package app

import (
	"io"
	"log/slog"
	"runtime"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/store/catalog"
	"showhall/store/deck"
)

// settledGoroutines waits, up to a deadline, for the goroutine count to
// come down to at most want, and returns the count it saw last.
func settledGoroutines(a interface{ Wait(time.Duration) }, want int) int {
	deadline := time.Now().Add(10 * time.Second)
	n := runtime.NumGoroutine()
	for n > want && time.Now().Before(deadline) {
		a.Wait(50 * time.Millisecond) // lets work handed to fyne.Do run
		n = runtime.NumGoroutine()
	}
	return n
}

func goroutineDump() string {
	buf := make([]byte, 1<<20)
	return string(buf[:runtime.Stack(buf, true)])
}

// A kiosk that runs for months sees hundreds of thousands of visits:
// whatever a page, a visit or a talk starts must end with it. The kiosk
// is walked through many visits (attract, home, browse, an exhibit, a
// language, the idle reset) and a laptop through many talks; the
// goroutine count comes back to where it started, and the idle watcher
// ends with the kiosk.
func TestGoroutinesEndWithTheirVisitsAndTalks(t *testing.T) {
	t.Setenv("SHOWHALL_LIBMPV", "none")
	k, now := testKiosk(t)
	k.start()
	a := fyne.CurrentApp().(interface{ Wait(time.Duration) })
	a.Wait(300 * time.Millisecond)
	start := runtime.NumGoroutine()

	projects := k.snap.Load().Len()
	for i := 0; i < 8; i++ {
		k.Home()
		k.Browse(catalog.Filter{catalog.FacetYear: {"2025"}})
		k.Open(k.snap.Load().At(i % projects).ID)
		k.SetLang(catalog.En)
		k.Back()
		k.Open(k.snap.Load().At((i + 7) % projects).ID)
		*now = now.Add(2 * time.Minute) // the visitor walks away
		k.checkIdle()
		if !k.onAttr {
			t.Fatalf("visit %d did not end on the attract screen", i)
		}
	}
	if n := settledGoroutines(a, start+2); n > start+2 {
		t.Fatalf("%d goroutines after 8 visits, %d before:\n%s", n, start, goroutineDump())
	}

	data, snap := demoData(t)
	r := &roadshowApp{app: fyne.CurrentApp(), lib: &deckLibrary{data: data, snap: snap, lang: catalog.En},
		log: slog.New(slog.NewTextHandler(io.Discard, nil)), display: -1}
	r.builderWin = test.NewTempWindow(t, nil)
	d := deck.New("Roadshow", catalog.En, time.Now())
	d.AddProjects(snap.At(0).ID, snap.At(1).ID, snap.At(2).ID)
	a.Wait(300 * time.Millisecond)
	beforeTalks := runtime.NumGoroutine()
	for i := 0; i < 5; i++ {
		r.present(d, true)
		r.talk.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		r.talk.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		r.talk.OnLeave()
	}
	r.closeVideo()
	if n := settledGoroutines(a, beforeTalks+2); n > beforeTalks+2 {
		t.Fatalf("%d goroutines after 5 talks, %d before:\n%s", n, beforeTalks, goroutineDump())
	}

	// The kiosk's own watcher ends with it.
	if !strings.Contains(goroutineDump(), "(*kiosk).watchIdle") {
		t.Fatal("the idle watcher is not running")
	}
	k.stop()
	deadline := time.Now().Add(10 * time.Second)
	for strings.Contains(goroutineDump(), "(*kiosk).watchIdle") {
		if time.Now().After(deadline) {
			t.Fatalf("the idle watcher still runs after the kiosk stopped:\n%s", goroutineDump())
		}
		a.Wait(50 * time.Millisecond)
	}
}
