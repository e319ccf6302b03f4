package app

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"showhall/store/catalog/catalogtest"
	"showhall/store/feed"
)

// TestKioskSyncsInTheBackground publishes a feed on a real HTTP server on
// loopback and checks the kiosk picks it up by itself, shows it only at
// the next return home, and keeps its catalogue when the server fails.
func TestKioskSyncsInTheBackground(t *testing.T) {
	k, _ := testKiosk(t)
	dir := t.TempDir()
	data, snap, err := openCatalogue(filepath.Join(dir, "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	k.SetSnapshot(snap)
	k.Home()

	pub, priv, _ := ed25519.GenerateKey(nil)
	if _, err := feed.Trust(data.DB, feed.PublicKey(pub)); err != nil {
		t.Fatal(err)
	}
	doc := catalogtest.Generate(25, 42)
	feedDir := filepath.Join(dir, "feed")
	if err := feed.Publish(feedDir, doc, nil, feed.WriteOptions{Key: priv, Generated: time.Now()}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(feedDir)))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go k.backgroundSync(ctx, data, srv.URL, time.Hour)
	deadline := time.Now().Add(20 * time.Second)
	for k.snap.Load().Version() != doc.Version && time.Now().Before(deadline) {
		time.Sleep(50 * time.Millisecond)
	}
	if got := k.snap.Load().Version(); got != doc.Version {
		t.Fatalf("after a background sync the kiosk holds %q, want %q", got, doc.Version)
	}
	if k.shown.Version() == doc.Version {
		t.Fatal("the new catalogue replaced the one a visitor is browsing")
	}
	// The page on screen keeps its pictures although the new catalogue
	// has none of them.
	onScreen := snap.At(0).Cover
	if onScreen == "" || !data.Media.Has(onScreen, -1) {
		t.Fatalf("the sync removed picture %q of the catalogue on screen", onScreen)
	}
	k.Home()
	if k.shown.Len() != 25 {
		t.Fatalf("back home the kiosk shows %d projects, want the synced 25", k.shown.Len())
	}
	// The next catalogue lets them go: nothing shows them any more.
	doc2 := catalogtest.Generate(25, 43)
	if err := feed.Publish(feedDir, doc2, nil, feed.WriteOptions{Key: priv, Generated: time.Now()}); err != nil {
		t.Fatal(err)
	}
	ctxNext, cancelNext := context.WithCancel(context.Background())
	go k.backgroundSync(ctxNext, data, srv.URL, time.Hour)
	for k.snap.Load().Version() != doc2.Version && time.Now().Before(deadline.Add(20*time.Second)) {
		time.Sleep(50 * time.Millisecond)
	}
	cancelNext()
	if k.snap.Load().Version() != doc2.Version {
		t.Fatal("the next catalogue was not synced")
	}
	if data.Media.Has(onScreen, -1) {
		t.Fatal("a picture no catalogue shows any more is still stored")
	}

	// The portal breaks: the kiosk keeps what it has.
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 500) })
	cancel()
	ctx2, cancel2 := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel2()
	k.backgroundSync(ctx2, data, srv.URL, time.Hour)
	if k.snap.Load().Version() != doc2.Version {
		t.Fatal("a failed sync changed the catalogue")
	}
}

// A feed past its signed valid_until is logged once as expired, however
// many syncs (304 Not Modified) follow; the kiosk keeps showing it.
func TestExpiredCatalogueIsLoggedOnce(t *testing.T) {
	k, _ := testKiosk(t)
	var logged bytes.Buffer
	<-k.firstIndex // the index builder logs too; it is done once this is closed
	k.log = slog.New(slog.NewTextHandler(&logged, nil))
	dir := t.TempDir()
	data, _, err := openCatalogue(filepath.Join(dir, "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	pub, priv, _ := ed25519.GenerateKey(nil)
	feed.Trust(data.DB, feed.PublicKey(pub))
	doc := catalogtest.Generate(5, 44)
	feedDir := filepath.Join(dir, "feed")
	signed := time.Now().Add(-48 * time.Hour)
	if err := feed.Publish(feedDir, doc, nil, feed.WriteOptions{Key: priv, Generated: signed, ValidFor: 24 * time.Hour}); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(feed.Handler(feedDir))
	defer srv.Close()
	var requests atomic.Int32
	srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		feed.Handler(feedDir).ServeHTTP(w, r)
	})
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		for requests.Load() < 8 {
			time.Sleep(10 * time.Millisecond)
		}
		cancel()
	}()
	k.backgroundSync(ctx, data, srv.URL, 20*time.Millisecond)
	if n := strings.Count(logged.String(), "the catalogue has expired"); n != 1 {
		t.Fatalf("expiry logged %d times over %d requests:\n%s", n, requests.Load(), logged.String())
	}
	if k.snap.Load().Version() != doc.Version {
		t.Fatal("the expired catalogue is not the one the kiosk holds")
	}
}
