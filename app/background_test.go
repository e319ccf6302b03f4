package app

import (
	"context"
	"crypto/ed25519"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"
	"time"

	"showhall/store/catalog"
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
