package e2e

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"image/png"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"showhall/hallnet"
	"showhall/store/catalog"
	"showhall/store/feed"
)

// freePort is a loopback address nothing listens on yet.
func freePort(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// run runs the binary with args and returns its standard output.
func run(t *testing.T, bin string, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(bin, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	if err != nil {
		err = fmt.Errorf("showhall %s: %v\n%s%s", strings.Join(args, " "), err, out.String(), errb.String())
	}
	return out.String(), err
}

// hallList is `showhall hall list --json`.
func hallList(t *testing.T, bin string, peers ...string) []hallnet.Entry {
	t.Helper()
	out, err := run(t, bin, "hall", "list", "--json", "--peers", strings.Join(peers, ","))
	if err != nil {
		t.Fatal(err)
	}
	var list []hallnet.Entry
	if err := json.Unmarshal([]byte(out), &list); err != nil {
		t.Fatalf("hall list --json: %v\n%s", err, out)
	}
	return list
}

// hallShot is `showhall hall screenshot`, read back.
func hallShot(t *testing.T, bin, addr, name, file string) image.Image {
	t.Helper()
	path := filepath.Join(shots, file)
	if _, err := run(t, bin, "hall", "screenshot", "--peers", addr, name, path); err != nil {
		t.Fatal(err)
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// startHallKiosk starts a full-screen kiosk serving its hall endpoint on
// addr, and waits for its first frame.
func startHallKiosk(t *testing.T, d *Display, bin, data, addr string, extra ...string) *Kiosk {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Minute)
	t.Cleanup(cancel)
	args := append([]string{"--data", data, "kiosk", "--hall-listen", addr}, extra...)
	k, err := StartKiosk(ctx, d, bin, args...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		k.Stop()
		_, port, _ := net.SplitHostPort(addr)
		os.WriteFile(filepath.Join(shots, "hall-kiosk-"+t.Name()+"-"+port+".log"), []byte(k.Log()), 0o644)
	})
	if (addr != "off" && !k.WaitLog("hall endpoint listening", 30*time.Second)) || !k.WaitLog("first frame", 30*time.Second) {
		t.Fatalf("no hall endpoint or no first frame; log:\n%s", k.Log())
	}
	return k
}

// The hall sees a kiosk: its state, its catalogue and season, and a
// screenshot that is what its display shows, the promo video included.
func TestHallSeesAScreenAndItsVideo(t *testing.T) {
	d, bin := setup(t)
	data, addr := t.TempDir(), freePort(t)
	host, _ := os.Hostname()
	k := startHallKiosk(t, d, bin, data, addr)
	if !k.WaitLog("video players ready", 30*time.Second) {
		t.Fatalf("no video players; log:\n%s", k.Log())
	}
	time.Sleep(2 * time.Second) // the first clip's frames are on screen

	list := ours(hallList(t, bin, addr), []string{addr})
	if len(list) != 1 {
		t.Fatalf("hall list: %+v", list)
	}
	e := list[0]
	if e.Name != host || len(e.ID) != 16 || e.Address != addr || e.CatalogueVersion != "demo-2026.1" || e.State != hallnet.Fine || e.Season == "" {
		t.Fatalf("the screen as listed: %+v", e)
	}
	if st := e.Status; st.Screen != "attract" || st.Stuck || st.Display != "on" || st.FrameAgeSeconds > 5 || st.Catalogue.Projects == 0 {
		t.Fatalf("its status: %+v", st)
	}

	// The promo loop covers the screen: two screenshots 1.5 s apart
	// differ (the video's frames are in them, not a black or white hole),
	// and each looks like what the display shows.
	first := hallShot(t, bin, addr, host, "hall-1-attract.png")
	display := shot(t, d, "hall-1-attract-display")
	if first.Bounds() != display.Bounds() {
		t.Fatalf("screenshot %v, display %v", first.Bounds(), display.Bounds())
	}
	if Spread(first) < 20 || DarkShare(first) > 0.8 {
		t.Fatalf("the hall's screenshot looks blank (spread %.1f, %.0f%% dark)", Spread(first), DarkShare(first)*100)
	}
	time.Sleep(1500 * time.Millisecond)
	later := hallShot(t, bin, addr, host, "hall-2-attract-later.png")
	if diff := Difference(first, later); diff < 0.05 {
		t.Fatalf("two screenshots 1.5 s apart differ by %.1f%%: the video is not in them", diff*100)
	}

	// On a still page the screenshot is the display, pixel for pixel.
	d.Tap(960, 540)
	if !waitFor(10*time.Second, func() bool { return statusOf(t, addr).Screen == "home" }) {
		t.Fatalf("the status did not follow the visitor home: %+v", statusOf(t, addr))
	}
	// Once its pictures are decoded nothing moves; on a loaded machine
	// that takes a while, so the two are compared until they agree.
	var diff float64
	if !waitFor(30*time.Second, func() bool {
		home := hallShot(t, bin, addr, host, "hall-3-home.png")
		homeDisplay := shot(t, d, "hall-3-home-display")
		diff = Difference(home, homeDisplay)
		return diff <= 0.01
	}) {
		t.Fatalf("the hall's screenshot of home differs from the display by %.1f%%", diff*100)
	}
}

func statusOf(t *testing.T, addr string) hallnet.Status {
	t.Helper()
	st, err := (&hallnet.Client{}).Status(context.Background(), addr)
	if err != nil {
		t.Fatal(err)
	}
	return st
}

// trustedKiosk prepares a data folder whose catalogue is signed by a
// curator key it trusts, as a hall screen has after its first import:
// the kiosk starts once (the demo catalogue), which is exported signed
// and imported back with the key.
func trustedKiosk(t *testing.T, d *Display, bin string) (data, key string) {
	t.Helper()
	data, keys := t.TempDir(), t.TempDir()
	key = filepath.Join(keys, "curator")
	if _, err := run(t, bin, "keygen", "--out", key); err != nil {
		t.Fatal(err)
	}
	k := startHallKiosk(t, d, bin, data, "off")
	k.Stop()
	bundle := filepath.Join(t.TempDir(), "hall.zip")
	if _, err := run(t, bin, "--data", data, "export", "--key", key, "--out", bundle); err != nil {
		t.Fatal(err)
	}
	pub, err := feed.ReadPublicKey(key + ".pub")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := run(t, bin, "--data", data, "import", "--trust", key+".pub", "--trust-fingerprint", pub.ID(), bundle); err != nil {
		t.Fatal(err)
	}
	return data, key
}

// A curator's signed command is carried out; an unsigned one, a replayed
// one, one signed by an unknown key and one with a time an hour off are
// refused and logged, and change nothing.
func TestHallCommandsAreSignedFreshAndOnce(t *testing.T) {
	d, bin := setup(t)
	data, key := trustedKiosk(t, d, bin)
	addr := freePort(t)
	host, _ := os.Hostname()
	k := startHallKiosk(t, d, bin, data, addr)
	waitDrawn(t, d, "hall-4-display")
	st := statusOf(t, addr)
	pub, _ := feed.ReadPublicKey(key + ".pub")
	if st.Catalogue.Signer != pub.ID() {
		t.Fatalf("the status names signer %q, want %s", st.Catalogue.Signer, pub.ID())
	}
	before := hallShot(t, bin, addr, host, "hall-4-before-identify.png")

	// --to the screen's address: other runs' screens on this machine
	// announce themselves on the network too.
	out, err := run(t, bin, "hall", "command", "--key", key, "--peers", addr, "--to", addr, "identify")
	if err != nil || !strings.Contains(out, "showing its name") {
		t.Fatalf("identify: %q, %v", out, err)
	}
	// The name shows at the UI's next frame: on a loaded machine, a
	// while after the answer.
	var named image.Image
	if !waitFor(8*time.Second, func() bool {
		named = hallShot(t, bin, addr, host, "hall-5-identify.png")
		return Difference(before, named) >= 0.3
	}) {
		t.Fatalf("identify changed %.0f%% of the screen: no name over it?", Difference(before, named)*100)
	}

	// The bad ones, straight to the endpoint.
	priv, err := feed.ReadPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	strangerPath := filepath.Join(t.TempDir(), "stranger")
	feed.WriteKeyPair(strangerPath)
	stranger, _ := feed.ReadPrivateKey(strangerPath)
	sign := func(p []byte, c hallnet.Command) []byte {
		env, err := hallnet.SignCommand(p, c)
		if err != nil {
			t.Fatal(err)
		}
		return env
	}
	good := sign(priv, hallnet.Command{Action: hallnet.ActionDisplayOff, To: st.ID, Time: time.Now()})
	var unsigned hallnet.Envelope
	json.Unmarshal(sign(priv, hallnet.Command{Action: hallnet.ActionRestart, To: st.ID, Time: time.Now()}), &unsigned)
	unsigned.Signature = ""
	unsignedRaw, _ := json.Marshal(unsigned)
	c := &hallnet.Client{}
	if _, err := c.SendCommand(context.Background(), addr, good); err != nil {
		t.Fatalf("display-off: %v", err)
	}
	for name, env := range map[string][]byte{
		"unsigned":    unsignedRaw,
		"replayed":    good,
		"unknown key": sign(stranger, hallnet.Command{Action: hallnet.ActionRestart, To: st.ID, Time: time.Now()}),
		"an hour off": sign(priv, hallnet.Command{Action: hallnet.ActionRestart, To: st.ID, Time: time.Now().Add(-time.Hour)}),
		"damaged":     []byte(`{"command":"` + base64.StdEncoding.EncodeToString([]byte(`{"action":"restart"}`)) + `","signature":"AAAA"}`),
	} {
		if _, err := c.SendCommand(context.Background(), addr, env); err == nil {
			t.Errorf("%s command accepted", name)
		}
	}
	if !waitFor(5*time.Second, func() bool { return strings.Count(k.Log(), "hall command refused") == 5 }) {
		t.Errorf("%d refusals logged, want 5; log:\n%s", strings.Count(k.Log(), "hall command refused"), k.Log())
	}

	// Display off: black, and the hall sees the screen asleep (and not
	// restarted by any of the refused commands).
	// The UI draws it at its next frame: a second here, more on a busy
	// machine.
	var off image.Image
	if !waitFor(20*time.Second, func() bool {
		off = hallShot(t, bin, addr, host, "hall-6-display-off.png")
		return DarkShare(off) >= 0.99
	}) {
		t.Errorf("display off: %.0f%% of the screen is dark", DarkShare(off)*100)
	}
	if list := ours(hallList(t, bin, addr), []string{addr}); len(list) != 1 || list[0].State != hallnet.Asleep {
		t.Fatalf("after display-off: %+v", list)
	}
	if _, err := run(t, bin, "hall", "command", "--key", key, "--peers", addr, "--to", addr, "display-on"); err != nil {
		t.Fatal(err)
	}
	if !waitFor(5*time.Second, func() bool { return statusOf(t, addr).Display == "on" }) {
		t.Fatal("display-on did not take")
	}

	// Restart: the kiosk quits with the code that asks its service for
	// a new start.
	if _, err := run(t, bin, "hall", "command", "--key", key, "--peers", addr, "--to", addr, "restart"); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- k.Cmd.Wait() }()
	select {
	case err := <-done:
		var exit *exec.ExitError
		if !errors.As(err, &exit) || exit.ExitCode() != 1 {
			t.Fatalf("after restart the kiosk ended with %v; want exit code 1 (restart me)", err)
		}
	case <-time.After(15 * time.Second):
		t.Fatal("the kiosk did not quit within 15 s of a restart command")
	}
}

// A screen whose UI loop hangs is reported stuck, while its endpoint
// still answers and its screenshot still comes (from the X server).
func TestStuckScreenIsSeenStuck(t *testing.T) {
	d, _ := setup(t)
	bin := filepath.Join(t.TempDir(), "showhall-uifreeze")
	build := exec.Command("go", "build", "-tags", "no_emoji,migrated_fynedo,uifreeze", "-o", bin, "showhall")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building the test build: %v\n%s", err, out)
	}
	data, addr := t.TempDir(), freePort(t)
	host, _ := os.Hostname()
	k := startHallKiosk(t, d, bin, data, addr)
	waitDrawn(t, d, "hall-7-display")
	// A still page: on the attract screen the promo loop's player draws
	// into the window by itself and goes on under a frozen UI, so the
	// screenshot and the display would be two moments of the video.
	d.Tap(960, 540)
	time.Sleep(3 * time.Second)
	if !waitFor(10*time.Second, func() bool { return statusOf(t, addr).FrameAgeSeconds < 3 }) {
		t.Fatalf("no fresh frame: %+v", statusOf(t, addr))
	}
	k.Cmd.Process.Signal(syscall.SIGUSR2) // blocks the UI goroutine for a minute
	if !waitFor(hallnet.StuckAfter+10*time.Second, func() bool { return statusOf(t, addr).Stuck }) {
		t.Fatalf("a frozen UI is not reported stuck: %+v", statusOf(t, addr))
	}
	list := ours(hallList(t, bin, addr), []string{addr})
	if len(list) != 1 || list[0].State != hallnet.Stuck || !strings.Contains(list[0].Reason, "frozen") {
		t.Fatalf("hall list of a frozen screen: %+v", list)
	}
	// What a frozen screen shows is still seen: the last frame it drew.
	frozen := hallShot(t, bin, addr, host, "hall-8-stuck.png")
	if diff := Difference(frozen, shot(t, d, "hall-8-stuck-display")); Spread(frozen) < 20 || diff > 0.01 {
		t.Fatalf("the screenshot of a frozen screen (spread %.1f) differs from its display by %.1f%%", Spread(frozen), diff*100)
	}
	k.Cmd.Process.Kill()
}

// waitDrawn waits until the display shows the kiosk's first pictures
// (decoded in the background: on a busy machine it takes seconds).
func waitDrawn(t *testing.T, d *Display, name string) {
	t.Helper()
	var img image.Image
	if !waitFor(30*time.Second, func() bool {
		img = shot(t, d, name)
		return Spread(img) >= 20
	}) {
		t.Fatalf("the display stays blank (spread %.1f)", Spread(img))
	}
}

// hallBundle writes the demo catalogue as version, signed at signed,
// to out: with season, only that season's projects and media (a small
// first catalogue); in any case without promo videos in the attract
// loop, so that five kiosks on two cores spend their time on the spread,
// not on video.
func hallBundle(t *testing.T, p *stickPublisher, out, version string, signed time.Time, season bool) catalog.Document {
	t.Helper()
	priv, err := feed.ReadPrivateKey(p.keyPath)
	if err != nil {
		t.Fatal(err)
	}
	doc := p.doc
	doc.Version = version
	doc.Rotations = slices.Clone(doc.Rotations)
	for i := range doc.Rotations {
		doc.Rotations[i].Attract = nil
	}
	if season {
		if doc, err = feed.ForRotation(doc, doc.Rotations[0].ID); err != nil {
			t.Fatal(err)
		}
	}
	where := func(m catalog.Media) (string, error) { return filepath.Join(p.mediaDir, m.Hash), nil }
	// The demo's media are small: pieces of the least size make its
	// larger ones spread piece by piece, as a season's videos do.
	opt := feed.WriteOptions{Key: priv, Generated: signed.UTC().Truncate(time.Second), Generator: "showhall e2e", PieceSize: feed.MinPieceSize}
	if err := feed.WriteBundle(out, doc, where, opt); err != nil {
		t.Fatal(err)
	}
	return doc
}

// tookPieces is a kiosk's log line of a take that came partly in pieces.
var tookPieces = regexp.MustCompile(` pieces=[1-9]`)

// ours is the hall list without the screens other runs on this machine
// announce on the network, judged among themselves.
func ours(list []hallnet.Entry, addrs []string) []hallnet.Entry {
	var out []hallnet.Entry
	for _, e := range list {
		if slices.Contains(addrs, e.Address) {
			out = append(out, e)
		}
	}
	hallnet.Judge(out)
	return out
}

// One update reaches all: five kiosks on loopback trusting one key. The
// fifth has the new catalogue already, but its copies of the new files
// are damaged on its disk. A bundle pushed to the first reaches all
// five, the files coming from every screen that has them; one screen
// killed (-9) during the spread comes back and catches up; the others
// refuse the damaged screen's copies and name it in their logs.
func TestOneUpdateReachesAll(t *testing.T) {
	d, bin := setupScreen(t, 1280, 720)
	pub := newStickPublisher(t, t.TempDir())
	key := pub.keyPath
	older, newer := filepath.Join(t.TempDir(), "older.zip"), filepath.Join(t.TempDir(), "newer.zip")
	olderDoc := hallBundle(t, pub, older, "hall-1", time.Now().Add(-time.Hour), true)
	newerDoc := hallBundle(t, pub, newer, "hall-2", time.Now().Add(-time.Minute), false)
	var newFiles []catalog.Media
	var newBytes int64
	for _, m := range newerDoc.Media {
		if !slices.ContainsFunc(olderDoc.Media, func(o catalog.Media) bool { return o.Hash == m.Hash }) {
			newFiles = append(newFiles, m)
			newBytes += m.Size
		}
	}
	if len(newFiles) == 0 {
		t.Fatal("the new catalogue brings no new file: nothing would spread")
	}
	t.Logf("the new catalogue brings %d files, %.1f MB", len(newFiles), float64(newBytes)/1e6)

	const n = 5
	var datas, addrs []string
	for range n {
		datas, addrs = append(datas, t.TempDir()), append(addrs, freePort(t))
	}
	pubKey, _ := feed.ReadPublicKey(key + ".pub")
	for i, data := range datas {
		bundles := []string{older}
		if i == n-1 {
			bundles = append(bundles, newer)
		}
		for _, b := range bundles {
			if _, err := run(t, bin, "--data", data, "import", "--trust", key+".pub", "--trust-fingerprint", pubKey.ID(), b); err != nil {
				t.Fatal(err)
			}
		}
	}
	start := func(i int) *Kiosk {
		var others []string
		for j, a := range addrs {
			if j != i {
				others = append(others, a)
			}
		}
		return startHallKiosk(t, d, bin, datas[i], addrs[i], "--peers", strings.Join(others, ","))
	}
	// The damaged screen first: its copies of the new files are spoiled
	// (same size, other bytes) before any other screen can ask for them.
	kiosks := make([]*Kiosk, n)
	kiosks[n-1] = start(n - 1)
	for _, m := range newFiles {
		path := filepath.Join(datas[n-1], "media", "blobs", m.Hash[:2], m.Hash)
		os.Chmod(path, 0o644)
		if err := os.WriteFile(path, bytes.Repeat([]byte{0x5a}, int(m.Size)), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for i := range n - 1 {
		kiosks[i] = start(i)
	}
	list := ours(hallList(t, bin, addrs[0]), addrs)
	if len(list) != n {
		t.Fatalf("hall list from one screen: %+v", list)
	}
	before := statusOf(t, addrs[0]).Catalogue
	if before.Version != "hall-1" || !before.PassedOn {
		t.Fatalf("before the push the first screen shows %+v", before)
	}

	began := time.Now()
	out, err := run(t, bin, "hall", "push", "--key", key, "--peers", addrs[0], "--to", addrs[0], newer)
	if err != nil || !strings.Contains(out, "the other screens take it from here") {
		t.Fatalf("push: %q, %v", out, err)
	}
	now := statusOf(t, addrs[0]).Catalogue
	if now.Version != "hall-2" {
		t.Fatalf("the pushed screen shows %+v", now)
	}
	// One screen killed during the spread: while it takes the catalogue
	// if it is seen doing so within its first look, else as it waits.
	const victim = 2
	waitFor(hallCheckWithin, func() bool {
		st, err := (&hallnet.Client{}).Status(context.Background(), addrs[victim])
		return err == nil && st.Spread != nil && st.Spread.Taking != ""
	})
	kiosks[victim].Cmd.Process.Kill()
	kiosks[victim].Cmd.Wait()
	t.Logf("screen %d killed %v after the push", victim+1, time.Since(began).Round(100*time.Millisecond))
	kiosks[victim] = start(victim)

	if !waitFor(4*time.Minute, func() bool {
		for _, a := range addrs {
			st, err := (&hallnet.Client{}).Status(context.Background(), a)
			if err != nil || st.Catalogue.Content != now.Content {
				return false
			}
		}
		return true
	}) {
		t.Fatalf("not every screen took the pushed catalogue within 4 minutes: %+v", ours(hallList(t, bin, addrs[0]), addrs))
	}
	t.Logf("the pushed catalogue reached all %d screens in %v", n, time.Since(began).Round(100*time.Millisecond))
	for i, k := range kiosks[1 : n-1] {
		// The status shows the new catalogue as soon as it is switched to,
		// a moment before the screen logs where it came from.
		if !k.WaitLog("newer catalogue taken from another screen", 30*time.Second) {
			t.Errorf("screen %d did not say where its catalogue came from; log:\n%s", i+2, k.Log())
		}
	}
	named, inPieces := 0, 0
	for _, k := range kiosks[:n-1] {
		for _, line := range strings.Split(k.Log(), "\n") {
			if strings.Contains(line, "newer catalogue taken from another screen") && tookPieces.MatchString(line) {
				inPieces++
			}
			if strings.Contains(line, "damaged copy") {
				if !strings.Contains(line, addrs[n-1]) {
					t.Errorf("a damaged copy blamed on another screen than the damaged one: %s", line)
				}
				named++
			}
		}
	}
	if named == 0 {
		t.Error("no screen named the damaged screen's copies")
	}
	if inPieces == 0 {
		t.Error("no screen took the larger files in pieces")
	}
	var uploaded []int64
	for _, a := range addrs {
		st := statusOf(t, a)
		uploaded = append(uploaded, st.Spread.UploadedBytes)
	}
	t.Logf("damaged copies refused: %d; bytes served by each screen: %v (the new files: %d bytes)", named, uploaded, newBytes)
	list = ours(hallList(t, bin, addrs[1]), addrs)
	if len(list) != n {
		t.Fatalf("after the spread the hall list has %d of our screens: %+v", len(list), list)
	}
	for _, e := range list {
		if e.CatalogueVersion != "hall-2" || e.State != hallnet.Fine && e.Address != addrs[n-1] {
			t.Errorf("after the spread: %+v (%s)", e, e.Reason)
		}
	}

	// The older bundle pushed again: refused, nothing goes back.
	out, err = run(t, bin, "hall", "push", "--key", key, "--peers", addrs[1], "--to", addrs[1], older)
	if err == nil || !strings.Contains(err.Error(), "older catalogue is refused") {
		t.Fatalf("an older bundle pushed: %q, %v", out, err)
	}
	if statusOf(t, addrs[1]).Catalogue.Content != now.Content {
		t.Fatal("an older push took a screen back")
	}
}

// hallCheckWithin is how long a kiosk may take to look at the hall
// (its 15 s interval, and a loaded machine).
const hallCheckWithin = 20 * time.Second
