package app

import (
	"context"
	"fmt"
	"image"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"showhall/hallnet"
	curscreens "showhall/screens/curator"
	"showhall/screens/uitest"
	"showhall/store/feed"
	"showhall/store/hall"
)

// otherScreen is another screen of the hall on loopback, with a real
// gate that trusts a key of its own, not this console's.
func otherScreen(t *testing.T, log *slog.Logger) (addr string) {
	t.Helper()
	data, err := openData(t.TempDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	theirs, err := feed.WriteKeyPair(filepath.Join(t.TempDir(), "other"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := feed.Trust(data.DB, theirs); err != nil {
		t.Fatal(err)
	}
	st := &fixedScreen{st: hallnet.Status{Name: "Gallery 2", ID: "other-id", Display: "on", LastFrame: time.Now(),
		Catalogue: hallnet.Catalogue{Version: "demo"}}}
	nonces := &hall.Nonces{Settings: data.DB, Keep: 3 * hallnet.CommandWindow}
	gate := &hallnet.Gate{ID: "other-id", Trusted: func() ([]feed.PublicKey, error) { return feed.TrustedKeys(data.DB) },
		Accept: nonces.Accept, Do: func(context.Context, hallnet.Command) (string, error) { return "done", nil }}
	srv, err := hallnet.Listen("127.0.0.1:0", hallnet.Handler(st, gate, log), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv.Addr()
}

// fixedScreen answers the same status, drawing all the while.
type fixedScreen struct{ st hallnet.Status }

func (f *fixedScreen) Status() hallnet.Status {
	s := f.st
	s.LastFrame = time.Now()
	return s
}
func (f *fixedScreen) Screenshot(context.Context) (image.Image, error) {
	return image.NewRGBA(image.Rect(0, 0, 1920, 1080)), nil
}

// The console's hall page at a kiosk reads the hall through the kiosk's
// real endpoint on loopback (which names the other screen as its peer),
// shrinks a screenshot for a tile, sends identify signed with the
// curator key (carried out here, refused by the screen that trusts
// another key), and renames the screen: the name is kept and the status
// says it at once.
func TestHallPageBackendAtAKiosk(t *testing.T) {
	k, _ := testKiosk(t)
	a := fyne.CurrentApp().(*uitest.App)
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	data, err := openData(t.TempDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	os.MkdirAll(filepath.Dir(curatorKeyPath(data)), 0o700)
	pub, err := feed.WriteKeyPair(curatorKeyPath(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := feed.Trust(data.DB, pub); err != nil {
		t.Fatal(err)
	}
	other := otherScreen(t, log)
	stop := startHallEndpoint(k, data, "127.0.0.1:0", []string{other}, log)
	t.Cleanup(stop)

	b := newCuratorBackend(data, k.snap.Load(), log)
	b.k = k
	b.hall = kioskHall(k)
	var _ curscreens.HallBackend = b

	if fp, _ := b.HallKey(); fp != pub.ID() {
		t.Fatalf("the page names key %q, want %q", fp, pub.ID())
	}
	// The kiosk also names the screens it discovers on this machine's
	// networks (other tests' kiosks may answer): only these two are
	// looked at.
	all := b.HallScreens()
	var list []curscreens.HallScreen
	for _, s := range all {
		if s.This || s.ID == "other-id" {
			list = append(list, s)
		}
	}
	if len(list) != 2 || !all[0].This || list[1].Name != "Gallery 2" || list[1].This || list[1].State == hallnet.Unreachable {
		t.Fatalf("hall as the page reads it: %+v", all)
	}
	self := list[0]
	if self.Name != b.ScreenName() || self.Season == "" {
		t.Fatalf("this screen's tile: %+v (name %q)", self, b.ScreenName())
	}

	// A screenshot, tile sized, taken on the UI goroutine the test runs.
	var shot image.Image
	var shotErr error
	got := make(chan struct{})
	go func() {
		shot, shotErr = b.HallScreenshot(self.Address)
		close(got)
	}()
	// The screen's own capture runs on the UI goroutine, which the test
	// lets run here; under the race detector on a loaded machine it
	// takes more than the usual few seconds.
	if !a.WaitUntil(time.Minute, func() bool {
		select {
		case <-got:
			return true
		default:
			return false
		}
	}) {
		t.Fatal("no screenshot within a minute")
	}
	if shotErr != nil || shot.Bounds().Dx() != tileWidth || shot.Bounds().Dy() != tileWidth*1080/1920 {
		t.Fatalf("screenshot: %v, %v", shotErr, shot)
	}

	// Identify to both: done here, refused there with the reason.
	var mu sync.Mutex
	answers := map[string]curscreens.HallAnswer{}
	b.HallCommand(hallnet.ActionIdentify, list, func(an curscreens.HallAnswer) {
		mu.Lock()
		answers[an.Screen.ID] = an
		mu.Unlock()
	})
	if an := answers[self.ID]; an.Outcome != curscreens.OutcomeDone || !strings.Contains(an.Message, "showing its name") {
		t.Fatalf("this screen answered %+v", an)
	}
	a.Eventually(t, "the name shown large", func() bool { return k.hall.identify != nil })
	if an := answers["other-id"]; an.Outcome != curscreens.OutcomeUntrusted || !strings.Contains(an.Message, "not from a curator key this screen trusts") {
		t.Fatalf("the other screen answered %+v", an)
	}

	// Renamed: kept in the store, in the status at once.
	if err := b.RenameScreen("  "); err == nil {
		t.Fatal("an empty name was taken")
	}
	if err := b.RenameScreen("二楼 东侧"); err != nil {
		t.Fatal(err)
	}
	st, err := (&hallnet.Client{}).Status(context.Background(), self.Address)
	if err != nil || st.Name != "二楼 东侧" || st.ID != self.ID {
		t.Fatalf("status after the rename: %v %+v", err, st)
	}
	if id, _ := hall.LoadIdentity(data.DB, "host"); id.Name != "二楼 东侧" || id.ID != self.ID {
		t.Fatalf("identity kept: %+v", id)
	}
	if l := b.HallScreens(); l[0].Name != "二楼 东侧" || b.ScreenName() != "二楼 东侧" {
		t.Fatalf("the page after the rename: %+v", l[0])
	}
}

// A laptop with no curator key: the page is told so, and a command is
// refused before anything is sent; a laptop has no screen to rename.
func TestHallPageBackendOnALaptopWithoutAKey(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	data, err := openData(t.TempDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	other := otherScreen(t, log)
	b := newCuratorBackend(data, nil, log)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	gone := ln.Addr().String()
	ln.Close()
	// Only the screens given: the screens other tests run on this
	// machine answer a discovery too.
	b.hall = laptopHall([]string{gone, other}, func() []string { return nil })
	if fp, path := b.HallKey(); fp != "" || path != curatorKeyPath(data) {
		t.Fatalf("key %q at %q", fp, path)
	}
	// The screen that does not answer comes last, by its address.
	list := b.HallScreens()
	if len(list) != 2 || list[0].Name != "Gallery 2" || list[0].This || list[1].Address != gone || list[1].State != hallnet.Unreachable || !list[1].Attention {
		t.Fatalf("hall from the laptop: %+v", list)
	}
	var got []curscreens.HallAnswer
	b.HallCommand(hallnet.ActionIdentify, list[:1], func(an curscreens.HallAnswer) { got = append(got, an) })
	if len(got) != 1 || got[0].Outcome != curscreens.OutcomeFailed || got[0].Message != "this machine has no curator key" {
		t.Fatalf("answers without a key: %+v", got)
	}
	if b.ScreenName() != "" || b.RenameScreen("x") == nil {
		t.Fatal("a laptop offers a screen to rename")
	}
}

// A renamed screen is announced under its new name at once: a discovery
// on this PC's networks finds it so (skipped where no network here can
// multicast; hallnet's own tests cover discovery in namespaces).
func TestRenamedScreenIsAnnouncedUnderItsNewName(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	id := hall.Identity{ID: fmt.Sprintf("rename-test-%d", time.Now().UnixNano()), Name: "before"}
	a := announce(id, "0.0.0.0:47999", ":47999", log)
	defer a.stop()
	if a.ann == nil {
		t.Skip("no network here can multicast")
	}
	named := func() string {
		found, err := hallnet.Discover(context.Background(), 1500*time.Millisecond)
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range found {
			if f.ID == id.ID {
				return f.Name
			}
		}
		return ""
	}
	if got := named(); got != "before" {
		t.Fatalf("announced as %q before the rename", got)
	}
	a.rename("East Gallery 2")
	if got := named(); got != "East Gallery 2" {
		t.Fatalf("announced as %q after the rename", got)
	}
}

// "Take newest catalogue" from the page: the kiosk looks at the hall at
// once (not at its next round, 15 s on) and takes the newer catalogue
// another screen passes on, with the usual checks.
func TestTakeNewestFromTheHallPage(t *testing.T) {
	k, _ := testKiosk(t)
	a := fyne.CurrentApp().(*uitest.App)
	logged := &lockedLog{}
	log := slog.New(slog.NewTextHandler(logged, nil))
	data, err := openData(t.TempDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	os.MkdirAll(filepath.Dir(curatorKeyPath(data)), 0o700)
	pub, err := feed.WriteKeyPair(curatorKeyPath(data))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := feed.Trust(data.DB, pub); err != nil {
		t.Fatal(err)
	}
	priv, _ := feed.ReadPrivateKey(curatorKeyPath(data))
	whole := newPeerScreen(t, "whole", publishTestFeed(t, priv, 5, time.Now().Add(-time.Minute)), pub)
	want, _ := whole.data.DB.Signed()

	asked := time.Now()
	stop := startHallEndpoint(k, data, "127.0.0.1:0", []string{whole.addr}, log)
	t.Cleanup(stop)
	b := newCuratorBackend(data, k.snap.Load(), log)
	b.k = k
	b.hall = kioskHall(k)
	var self []curscreens.HallScreen
	for _, s := range b.HallScreens() {
		if s.This {
			self = append(self, s)
		}
	}
	var got []curscreens.HallAnswer
	b.HallCommand(hallnet.ActionTakeNewest, self, func(an curscreens.HallAnswer) { got = append(got, an) })
	if len(got) != 2 || got[1].Outcome != curscreens.OutcomeDone || !strings.Contains(got[1].Message, "newer catalogue") {
		t.Fatalf("answers: %+v", got)
	}
	if !a.WaitUntil(20*time.Second, func() bool {
		sg, _ := data.DB.Signed()
		return sg.Content == want.Content && strings.Contains(logged.String(), "thumbnails ready")
	}) {
		t.Fatalf("the newer catalogue was not taken; log:\n%s", logged.String())
	}
	if took := time.Since(asked); took >= hallCheckEvery {
		t.Fatalf("taken after %s: by the periodic look, not the command", took)
	}
}
