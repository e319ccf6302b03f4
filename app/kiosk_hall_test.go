package app

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"image"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"showhall/hallnet"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/feed"
	"showhall/store/feed/feedtest"
	"showhall/store/hall"
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

// peerScreen is another screen of the hall: a real data folder with the
// catalogue imported, its feed passed on and its status served on a
// loopback port, as a kiosk's endpoint serves them.
type peerScreen struct {
	data *Data
	id   string
	addr string
	feed *hallnet.FeedServer
	// hold, when set, keeps every request for a media file waiting
	// until it is closed or the request ends: a slow screen.
	hold atomic.Pointer[chan struct{}]
}

func (p *peerScreen) Status() hallnet.Status {
	sg, _ := p.data.DB.Signed()
	return hallnet.Status{Name: p.id, ID: p.id, LastFrame: time.Now(), Display: "on", Catalogue: hallnet.Catalogue{
		Version: sg.Version, Signed: sg.Time, Content: sg.Content, Signer: sg.Signer,
		PassedOn: feed.HasSigned(p.data.signedDir(), p.data.DB) == nil},
		Spread: &hallnet.Spread{Serving: p.feed.Serving(), UploadedBytes: p.feed.Uploaded()}}
}

func (p *peerScreen) Screenshot(context.Context) (image.Image, error) { return nil, errors.New("none") }

func newPeerScreen(t *testing.T, id, feedDir string, pub feed.PublicKey) *peerScreen {
	t.Helper()
	return newPeerScreenWith(t, id, feedDir, pub, nil)
}

// newPeerScreenWith is newPeerScreen with prep run on the data folder
// before the catalogue is imported.
func newPeerScreenWith(t *testing.T, id, feedDir string, pub feed.PublicKey, prep func(*Data)) *peerScreen {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	data, err := openData(t.TempDir(), log)
	if err != nil {
		t.Fatal(err)
	}
	if prep != nil {
		prep(data)
	}
	t.Cleanup(func() { data.Close() })
	p := &peerScreen{data: data, id: id}
	if feedDir != "" {
		if _, err := feed.Import(context.Background(), feed.ImportOptions{Path: feedDir, Trusted: []feed.PublicKey{pub},
			DB: data.DB, Media: data.Media, KeepSigned: data.signedDir()}); err != nil {
			t.Fatal(err)
		}
	}
	mux := http.NewServeMux()
	p.feed = hallnet.ServeFeed(http.StripPrefix(strings.TrimSuffix(hallnet.PathFeed, "/"), feed.PeerHandler(data.signedDir(), data.DB, data.Media)))
	mux.Handle(hallnet.PathFeed, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if hold := p.hold.Load(); hold != nil && strings.Contains(r.URL.Path, "/"+feed.MediaDir+"/") {
			select {
			case <-*hold:
			case <-r.Context().Done():
				return
			}
		}
		p.feed.ServeHTTP(w, r)
	}))
	mux.Handle("/", hallnet.Handler(p, nil, log))
	srv, err := hallnet.Listen("127.0.0.1:0", mux, log)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	p.addr = srv.Addr()
	return p
}

// A kiosk takes the newest catalogue the hall passes on: two screens
// offer it, one with a damaged file; it ends with the catalogue, whole,
// its files from both, and the screen that sent the damaged file (if it
// was asked for it) named and not asked for it again.
func TestKioskTakesTheNewestCatalogueFromTheHall(t *testing.T) {
	k, _ := testKiosk(t)
	logged := &lockedLog{}
	log := slog.New(slog.NewTextHandler(logged, nil))
	pub, priv := curatorKey(t)
	older := publishTestFeed(t, priv, 1, time.Now().Add(-time.Hour))
	newer := publishTestFeed(t, priv, 2, time.Now().Add(-time.Minute))

	damaged := newPeerScreen(t, "damaged", newer, pub)
	whole := newPeerScreen(t, "whole", newer, pub)
	behind := newPeerScreen(t, "behind", older, pub)
	hashes, _ := damaged.data.Media.Hashes()
	victim := damaged.data.Media.Path(hashes[0])
	os.Chmod(victim, 0o644)
	st, _ := os.Stat(victim)
	os.WriteFile(victim, make([]byte, st.Size()), 0o644)

	self := newPeerScreen(t, "self", "", pub)
	if _, err := feed.Trust(self.data.DB, pub); err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	peers := func() []string { return []string{behind.addr, damaged.addr, whole.addr} }
	k.takeNewest(context.Background(), &hallnet.Client{}, self.data, hall.Identity{ID: "self"}, peers, failed, log)
	got, _ := self.data.DB.Signed()
	want, _ := whole.data.DB.Signed()
	if got.Content != want.Content {
		t.Fatalf("after one look at the hall the kiosk has %+v, want %+v; log:\n%s", got, want, logged.String())
	}
	if err := feed.HasSigned(self.data.signedDir(), self.data.DB); err != nil {
		t.Fatalf("the catalogue taken is not passed on: %v", err)
	}
	if k.snap.Load().Version() != want.Version {
		t.Fatalf("the kiosk was not handed the new catalogue")
	}
	// Its thumbnails are made in the background: let them finish before
	// the folders go.
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logged.String(), "thumbnails ready") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if len(failed) > 0 {
		t.Fatalf("offers refused: %v; log:\n%s", failed, logged.String())
	}
	for _, line := range strings.Split(logged.String(), "\n") {
		if strings.Contains(line, "damaged copy") && (!strings.Contains(line, damaged.addr) || !strings.Contains(line, hashes[0])) {
			t.Errorf("a damaged copy blamed on the wrong screen or file: %s", line)
		}
	}
	if strings.Count(logged.String(), "damaged copy") > 1 {
		t.Errorf("the damaged screen was asked for its damaged file twice; log:\n%s", logged.String())
	}
	if damaged.feed.Uploaded() == 0 && whole.feed.Uploaded() == 0 {
		t.Error("neither screen served anything")
	}
	t.Logf("served: damaged screen %d bytes, whole screen %d bytes", damaged.feed.Uploaded(), whole.feed.Uploaded())
	// The same look again changes nothing.
	k.takeNewest(context.Background(), &hallnet.Client{}, self.data, hall.Identity{ID: "self"}, peers, failed, log)
	if again, _ := self.data.DB.Signed(); again != got {
		t.Fatalf("a second look changed the catalogue: %+v", again)
	}
}

// publishTestFeed publishes a made-up catalogue of four projects (seed
// picks them) signed by priv at signed, in a folder of its own.
func publishTestFeed(t *testing.T, priv ed25519.PrivateKey, seed int64, signed time.Time) string {
	t.Helper()
	base := t.TempDir()
	doc, where, err := feedtest.Catalogue(4, seed, filepath.Join(base, "src"), feedtest.MediaOptions{Covers: true, Seed: seed})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(base, "feed")
	if err := feed.Publish(dir, doc, where, feed.WriteOptions{Key: priv, Generated: signed}); err != nil {
		t.Fatal(err)
	}
	return dir
}

// lockedLog is a log written from several goroutines.
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// A catalogue whose manifest signs the pieces of its videos is taken
// piece by piece from the screens that hold it: a screen sending one
// damaged piece is named for that piece and not asked again, the other
// sends the rest, and every file ends whole in the store.
func TestKioskTakesLargeFilesInPieces(t *testing.T) {
	k, _ := testKiosk(t)
	logged := &lockedLog{}
	log := slog.New(slog.NewTextHandler(logged, nil))
	pub, priv := curatorKey(t)
	const piece = 64 << 10
	base := t.TempDir()
	doc, where, err := feedtest.Catalogue(3, 5, filepath.Join(base, "src"), feedtest.MediaOptions{Covers: true, VideoEvery: 1, VideoSize: 400 << 10, Seed: 5})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(base, "feed")
	if err := feed.Publish(dir, doc, where, feed.WriteOptions{Key: priv, Generated: time.Now().Add(-time.Minute), PieceSize: piece}); err != nil {
		t.Fatal(err)
	}
	// The test's videos are made-up MP4s: only their container is checked.
	noProbe := func(d *Data) { d.Media.SetVideoProbe(nil) }
	damaged := newPeerScreenWith(t, "damaged", dir, pub, noProbe)
	whole := newPeerScreenWith(t, "whole", dir, pub, noProbe)
	var video string
	for _, m := range doc.Media {
		if m.Size > 3*piece {
			video = m.Hash
		}
	}
	if !damaged.data.Media.Has(video, -1) {
		t.Fatal("the screens did not keep the test's video")
	}
	victim := damaged.data.Media.Path(video)
	os.Chmod(victim, 0o644)
	body, _ := os.ReadFile(victim)
	body[2*piece+10] ^= 0xff
	os.WriteFile(victim, body, 0o644)

	self := newPeerScreenWith(t, "self", "", pub, noProbe)
	if _, err := feed.Trust(self.data.DB, pub); err != nil {
		t.Fatal(err)
	}
	peers := func() []string { return []string{damaged.addr, whole.addr} }
	k.takeNewest(context.Background(), &hallnet.Client{}, self.data, hall.Identity{ID: "self"}, peers, map[string]bool{}, log)
	got, _ := self.data.DB.Signed()
	want, _ := whole.data.DB.Signed()
	if got.Content != want.Content {
		t.Fatalf("the kiosk has %+v, want %+v; log:\n%s", got, want, logged.String())
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(logged.String(), "thumbnails ready") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	for _, m := range doc.Media {
		if !self.data.Media.Has(m.Hash, m.Size) {
			t.Errorf("media %.12s missing", m.Hash)
		}
	}
	for _, line := range strings.Split(logged.String(), "\n") {
		if strings.Contains(line, "damaged copy") && (!strings.Contains(line, damaged.addr) || !strings.Contains(line, video) ||
			!strings.Contains(line, fmt.Sprintf("piece_at=%d", 2*piece))) {
			t.Errorf("a damaged piece blamed on the wrong screen or piece: %s", line)
		}
	}
	if strings.Count(logged.String(), "damaged copy") > 1 {
		t.Errorf("the damaged screen was asked again; log:\n%s", logged.String())
	}
	if !regexp.MustCompile(` pieces=[1-9]`).MatchString(logged.String()) {
		t.Errorf("the take fetched no pieces; log:\n%s", logged.String())
	}
	if damaged.feed.Uploaded() == 0 || whole.feed.Uploaded() == 0 {
		t.Errorf("pieces came from one screen only: damaged %d bytes, whole %d bytes", damaged.feed.Uploaded(), whole.feed.Uploaded())
	}
	if left, _ := os.ReadDir(filepath.Join(self.data.Media.Dir(), "pieces")); len(left) > 0 {
		t.Errorf("pieces left beside the store: %d files", len(left))
	}
}

// curatorKey makes a curator's key pair, as `showhall keygen` does.
func curatorKey(t *testing.T) (feed.PublicKey, ed25519.PrivateKey) {
	t.Helper()
	keyPath := filepath.Join(t.TempDir(), "curator")
	pub, err := feed.WriteKeyPair(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := feed.ReadPrivateKey(keyPath)
	if err != nil {
		t.Fatal(err)
	}
	return pub, priv
}

// A curator's push does not wait behind a take from the hall under way:
// the take gives way (the offer is not held against the screen that
// made it) and the pushed catalogue is in use at once.
func TestPushGoesBeforeATakeFromTheHall(t *testing.T) {
	k, _ := testKiosk(t)
	logged := &lockedLog{}
	log := slog.New(slog.NewTextHandler(logged, nil))
	pub, priv := curatorKey(t)
	slow := newPeerScreen(t, "slow", publishTestFeed(t, priv, 7, time.Now().Add(-time.Hour)), pub)
	hold := make(chan struct{})
	slow.hold.Store(&hold)
	defer close(hold)

	self := newPeerScreen(t, "self", "", pub)
	if _, err := feed.Trust(self.data.DB, pub); err != nil {
		t.Fatal(err)
	}
	failed := map[string]bool{}
	took := make(chan struct{})
	go func() {
		defer close(took)
		k.takeNewest(context.Background(), &hallnet.Client{}, self.data, hall.Identity{ID: "self"},
			func() []string { return []string{slow.addr} }, failed, log)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for k.hall.taking.Load() == nil || k.hall.taking.Load() == "" {
		if time.Now().After(deadline) {
			t.Fatalf("the take from the slow screen did not start; log:\n%s", logged.String())
		}
		time.Sleep(10 * time.Millisecond)
	}

	// The curator pushes a newer catalogue while the take waits for files.
	base := t.TempDir()
	pushed, pwhere, err := feedtest.Catalogue(3, 8, filepath.Join(base, "src"), feedtest.MediaOptions{Covers: true, Seed: 8})
	if err != nil {
		t.Fatal(err)
	}
	pushed.Version = "pushed-over-the-take"
	zip := filepath.Join(base, "pushed.zip")
	if err := feed.WriteBundle(zip, pushed, pwhere, feed.WriteOptions{Key: priv, Generated: time.Now().Add(-time.Minute)}); err != nil {
		t.Fatal(err)
	}
	body, err := os.ReadFile(zip)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(body)
	args, _ := json.Marshal(hallnet.PushArgs{SHA256: hex.EncodeToString(sum[:]), Size: int64(len(body))})
	s := &kioskScreen{k: k, data: self.data, log: log}
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	said, err := s.push(ctx, hallnet.Command{Args: args}, bytes.NewReader(body))
	if err != nil {
		t.Fatalf("push: %v; log:\n%s", err, logged.String())
	}
	if !strings.Contains(said, "in use") {
		t.Fatalf("push said %q", said)
	}
	select {
	case <-took:
	case <-time.After(10 * time.Second):
		t.Fatal("the take did not end after the push")
	}
	got, _ := self.data.DB.Signed()
	if got.Version != pushed.Version {
		t.Fatalf("in use: %+v, want the pushed catalogue %q; log:\n%s", got, pushed.Version, logged.String())
	}
	if !strings.Contains(logged.String(), "gave way to a curator's push") {
		t.Errorf("the take's giving way is not logged; log:\n%s", logged.String())
	}
	if len(failed) > 0 || strings.Contains(logged.String(), "refused") {
		t.Errorf("the slow screen's offer was held against it: %v; log:\n%s", failed, logged.String())
	}
	// Its thumbnails are made in the background: let them finish before
	// the folders go.
	deadline = time.Now().Add(10 * time.Second)
	for !strings.Contains(logged.String(), "thumbnails ready") && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
}
