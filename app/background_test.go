package app

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"showhall/store/catalog"
	"showhall/store/hall"
	"showhall/store/outbox"
	"showhall/store/stats"
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

// TestPlannedSeasonSurvivesASync plans a season on the kiosk as the
// console does, then syncs a changed catalogue from a real HTTP server on
// loopback: the season is still there, and current when it is due.
func TestPlannedSeasonSurvivesASync(t *testing.T) {
	dir := t.TempDir()
	data, _, err := openCatalogue(filepath.Join(dir, "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	pub, priv, _ := ed25519.GenerateKey(nil)
	if _, err := feed.Trust(data.DB, feed.PublicKey(pub)); err != nil {
		t.Fatal(err)
	}
	feedDir := filepath.Join(dir, "feed")
	srv := httptest.NewServer(http.FileServer(http.Dir(feedDir)))
	defer srv.Close()
	sync := func(doc catalog.Document) {
		t.Helper()
		if err := feed.Publish(feedDir, doc, nil, feed.WriteOptions{Key: priv, Generated: time.Now()}); err != nil {
			t.Fatal(err)
		}
		res, err := feed.Sync(context.Background(), feed.SyncOptions{URL: srv.URL, DB: data.DB, Media: data.Media})
		if err != nil || !res.Changed {
			t.Fatalf("sync of %s: changed %v, %v", doc.Version, res.Changed, err)
		}
	}
	first := catalogtest.Generate(25, 42)
	sync(first)

	zone, _ := time.LoadLocation(catalog.HallZone)
	planned := catalog.Rotation{
		ID: "spring-2030", Name: catalog.Text{Hans: "2030春季", Hant: "2030春季", En: "Spring 2030"}, TimeZone: catalog.HallZone,
		Start: time.Date(2030, 3, 1, 0, 0, 0, 0, zone), End: time.Date(2030, 6, 1, 0, 0, 0, 0, zone),
		Showcase: []catalog.Showcase{{Project: first.Projects[2].ID, Featured: true}, {Project: first.Projects[7].ID}},
	}
	if err := data.DB.PutRotation(planned); err != nil {
		t.Fatal(err)
	}

	changed := catalogtest.Generate(25, 42)
	changed.Version = first.Version + "-changed"
	changed.Projects[0].Title.En = "A renamed exhibit"
	changed.Rotations = changed.Rotations[:1]
	sync(changed)

	snap, err := data.DB.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if snap.Version() != changed.Version {
		t.Fatalf("the kiosk holds %q after the sync", snap.Version())
	}
	got, _ := snap.Current(time.Date(2030, 4, 1, 10, 0, 0, 0, zone))
	if got == nil || got.ID != planned.ID || len(got.Showcase) != 2 {
		t.Fatalf("on 1 April 2030 the hall shows %+v, want the season planned on the kiosk", got)
	}
}

// A curator's new sync interval applies to the wait under way, not from
// the next start: a kiosk told to sync every hour, then more often,
// syncs again at once.
func TestANewSyncIntervalTakesEffectAtOnce(t *testing.T) {
	k, _ := testKiosk(t)
	dir := t.TempDir()
	data, _, err := openCatalogue(filepath.Join(dir, "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	pub, priv, _ := ed25519.GenerateKey(nil)
	if _, err := feed.Trust(data.DB, feed.PublicKey(pub)); err != nil {
		t.Fatal(err)
	}
	feedDir := filepath.Join(dir, "feed")
	if err := feed.Publish(feedDir, catalogtest.Generate(5, 1), nil, feed.WriteOptions{Key: priv, Generated: time.Now()}); err != nil {
		t.Fatal(err)
	}
	var asked atomic.Int32
	files := http.FileServer(http.Dir(feedDir))
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/manifest.json" {
			asked.Add(1)
		}
		files.ServeHTTP(w, r)
	}))
	defer srv.Close()

	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { defer close(done); k.backgroundSync(ctx, data, srv.URL, time.Hour) }()
	defer func() { cancel(); <-done }()
	waitFor(t, 20*time.Second, "the first sync", func() bool { return asked.Load() >= 1 })
	time.Sleep(300 * time.Millisecond)
	if n := asked.Load(); n != 1 {
		t.Fatalf("%d syncs with an interval of an hour", n)
	}
	k.intervals.set(100 * time.Millisecond)
	waitFor(t, 10*time.Second, "syncs at the new interval", func() bool { return asked.Load() >= 3 })

	// The console's save is what sets it.
	s := hall.DefaultSettings()
	s.SyncMinutes = 7
	k.applySettings(s)
	if got := time.Duration(k.intervals.sync.Load()); got != 7*time.Minute {
		t.Fatalf("after saving 7 minutes the kiosk syncs every %s", got)
	}
}

// The same for the statistics upload: a kiosk uploading every hour,
// told to upload more often, sends what waits at once and keeps to the
// new interval.
func TestANewUploadIntervalTakesEffectAtOnce(t *testing.T) {
	k, _ := testKiosk(t)
	data, _, err := openCatalogue(filepath.Join(t.TempDir(), "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	var posts atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var up outbox.Upload
		json.NewDecoder(r.Body).Decode(&up)
		posts.Add(1)
		json.NewEncoder(w).Encode(outbox.Reply{Accepted: len(up.Events)})
	}))
	defer srv.Close()
	s := hall.DefaultSettings()
	// A test portal on loopback speaks plain HTTP: a curator marks such
	// an address as on the hall's own network.
	s.PortalURL, s.PortalLocal, s.SyncMinutes = srv.URL, true, 60
	if err := hall.SaveSettings(data.DB, s); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	k.startStatistics(ctx, data)
	waiting := func() int { n, _ := data.DB.OutboxLen(); return n }
	// The upload at start may or may not catch the first event.
	k.record(stats.IdleReset, nil, 0)
	waitFor(t, 10*time.Second, "the first event", func() bool { return waiting() == 1 || posts.Load() == 1 })
	time.Sleep(300 * time.Millisecond)
	sent := posts.Load()
	k.record(stats.IdleReset, nil, 0)
	waitFor(t, 10*time.Second, "the event to be recorded", func() bool { return waiting() >= 1 })
	time.Sleep(300 * time.Millisecond)
	if posts.Load() != sent {
		t.Fatalf("%d uploads, %d events waiting, with an hour's interval", posts.Load(), waiting())
	}
	k.intervals.set(100 * time.Millisecond)
	waitFor(t, 10*time.Second, "the upload at the new interval", func() bool { return waiting() == 0 })
	k.record(stats.IdleReset, nil, 0)
	time.Sleep(200 * time.Millisecond)
	waitFor(t, 10*time.Second, "the next upload", func() bool { return waiting() == 0 && posts.Load() >= sent+2 })
}

func waitFor(t *testing.T, d time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(d)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("waited %s for %s", d, what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
