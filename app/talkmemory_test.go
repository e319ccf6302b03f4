package app

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"testing"
	"time"
	"weak"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"

	"showhall/e2e"
	"showhall/screens"
	rs "showhall/screens/roadshow"
	"showhall/store/catalog"
	"showhall/store/deck"
)

// talksChildEnv makes the test binary a presenter's laptop on Fyne's
// real (OpenGL) driver, giving the talks TestTalksLeaveNothingBehind
// counts: the memory a closed window keeps lives in that driver's caches,
// which the test driver does not have.
const talksChildEnv = "SHOWHALL_TEST_TALKS_CHILD"

// talksGiven is how many talks the child gives.
const talksGiven = 12

// A presenter gives the same talk again and again from one laptop all
// week without restarting: once the talks are over and Fyne's caches of
// recently drawn things have expired, none of them is still in memory.
// (Fyne kept the text drawn in every closed talk window, and through it
// the window and its talk, for the life of the process.) The laptop is
// this test binary on the real driver, on its own Xvfb.
func TestTalksLeaveNothingBehind(t *testing.T) {
	if testing.Short() {
		t.Skip("starts an X server; skipped with -short")
	}
	if _, err := exec.LookPath("Xvfb"); err != nil {
		t.Skip("Xvfb is not installed (make test installs it: apt-get install xvfb)")
	}
	d, err := e2e.StartXvfb(1920, 1080)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(d.Stop)
	dir := t.TempDir()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, os.Args[0], "-test.run=^$")
	// Fyne's caches keep what was drawn for a second instead of a
	// minute, so that the test need not wait long for them to expire.
	cmd.Env = append(d.Env(), talksChildEnv+"="+dir, "FYNE_CACHE=1s", "SHOWHALL_LIBMPV=none", "LANG=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("the laptop failed: %v\n%s", err, out)
	}
	var given, kept int
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "talks given %d, still in memory %d", &given, &kept); err == nil {
			break
		}
	}
	t.Logf("%d talks given, %d still in memory", given, kept)
	if given != talksGiven {
		t.Fatalf("the laptop gave %d talks, want %d:\n%s", given, talksGiven, out)
	}
	// The last talk or two may still sit in a cache that expires with
	// the next drawing; a talk per window kept would be all of them.
	if kept > 2 {
		t.Fatalf("%d of %d talks are still in memory after they ended:\n%s", kept, given, out)
	}
}

// giveTalksOnGL is the child: the roadshow on the real driver gives the
// same rehearsal talk talksGiven times, every other one full screen as
// on a projector, stepping through every slide and leaving with Esc as a
// presenter does, then lets Fyne's caches expire and reports how many
// talks are still in memory.
func giveTalksOnGL(dir string) int {
	a := newKioskGUI()
	data, snap, err := openCatalogue(dir, quietLog())
	if err != nil {
		fmt.Println(err)
		return 1
	}
	defer data.Close()
	r := &roadshowApp{app: a, lib: &deckLibrary{data: data, snap: snap, lang: catalog.En},
		log: slog.New(slog.NewTextHandler(io.Discard, nil)), display: -1}
	r.builderWin = a.NewWindow("builder")
	busy := canvas.NewRectangle(screens.ColorPanel)
	r.builderWin.SetContent(busy)
	r.builderWin.Resize(fyne.NewSize(400, 300))
	d := deck.New("Roadshow", catalog.En, time.Now())
	d.AddProjects(snap.At(0).ID, snap.At(1).ID, snap.At(2).ID, snap.At(3).ID)

	var talks []weak.Pointer[rs.Presenter] // only the UI goroutine touches it
	inMemory := func() (n int) {
		runtime.GC()
		fyne.DoAndWait(func() {
			for _, t := range talks {
				if t.Value() != nil {
					n++
				}
			}
		})
		return n
	}
	ui := func(f func()) { fyne.DoAndWait(f) }
	drawn := func() { // a few frames of the real driver
		for range 3 {
			ui(func() {})
			time.Sleep(20 * time.Millisecond)
		}
	}
	kept := -1
	go func() {
		defer ui(a.Quit)
		for i := range talksGiven {
			ui(func() {
				r.present(d, true)
				talks = append(talks, weak.Make(r.talk))
				if i%2 == 1 {
					wins := r.app.Driver().AllWindows() // the talk's is the newest
					wins[len(wins)-1].SetFullScreen(true)
				}
			})
			drawn()
			for range d.Slides {
				ui(func() { r.talk.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight}) })
				drawn()
			}
			ui(func() { r.talk.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEscape}) })
			drawn()
		}
		// Fyne drops what expired at most every ten seconds, when a
		// window is drawn anew: keep the builder changing meanwhile.
		deadline := time.Now().Add(40 * time.Second)
		for kept = inMemory(); kept > 0 && time.Now().Before(deadline); kept = inMemory() {
			ui(busy.Refresh)
			time.Sleep(200 * time.Millisecond)
		}
	}()
	r.builderWin.ShowAndRun()
	fmt.Printf("talks given %d, still in memory %d\n", len(talks), kept)
	return 0
}
