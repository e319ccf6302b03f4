package feed

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"showhall/store"
)

// switchable serves one of several feed folders with the showhall
// server, on loopback; the test says which.
type switchable struct {
	dir      atomic.Value
	requests atomic.Int32
}

func (s *switchable) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	Handler(s.dir.Load().(string)).ServeHTTP(w, r)
}

func serveSwitchable(t *testing.T, dir string) (*switchable, string) {
	t.Helper()
	s := &switchable{}
	s.dir.Store(dir)
	srv := httptest.NewServer(s)
	t.Cleanup(srv.Close)
	return s, srv.URL + "/"
}

// A server that offers an older catalogue, validly signed, after a newer
// one was synced, does not take the hall back: the sync is refused from
// the manifest alone (no media fetched), the newer catalogue and its
// media stay, and the refused offer is kept for a curator, who can go
// back on purpose.
func TestSyncRefusesAnOlderCatalogue(t *testing.T) {
	k := newKit(t)
	dir1, doc1 := k.feed(6, 41, smallMedia)
	dir2, doc2 := k.feed(8, 42, smallMedia)
	srv, url := serveSwitchable(t, dir1)
	d := newData(t)
	mustSync(t, d.syncOpts(k, url))
	srv.dir.Store(dir2)
	mustSync(t, d.syncOpts(k, url))

	srv.dir.Store(dir1)
	srv.requests.Store(0)
	_, err := Sync(context.Background(), d.syncOpts(k, url))
	if !errors.Is(err, store.ErrOlder) {
		t.Fatalf("older feed: %v; want it refused as older", err)
	}
	wantErr(t, err, "before catalogue "+doc2.Version+" in use here")
	if n := srv.requests.Load(); n != 2 {
		t.Fatalf("%d requests for an older feed; want 2 (manifest and signature, no media)", n)
	}
	if v := d.version(t); v != doc2.Version {
		t.Fatalf("the hall went back to %s", v)
	}
	d.checkStore(t)
	st, _ := ReadState(d.db)
	if st.Older == nil || st.Older.Version != doc1.Version || st.LastError == "" {
		t.Fatalf("sync state does not name the refused older catalogue: %+v", st)
	}
	// A server that fails meanwhile does not make the curator lose it.
	srv.dir.Store(t.TempDir())
	if _, err := Sync(context.Background(), d.syncOpts(k, url)); err == nil {
		t.Fatal("an empty feed folder synced")
	}
	if st, _ := ReadState(d.db); st.Older == nil {
		t.Fatal("a failed sync forgot the older catalogue offered")
	}
	srv.dir.Store(dir1)

	opt := d.syncOpts(k, url)
	opt.AllowOlder = true
	res := mustSync(t, opt)
	if !res.Changed || d.version(t) != doc1.Version {
		t.Fatalf("going back on purpose: %+v", res)
	}
	d.checkStore(t)
	if st, _ := ReadState(d.db); st.Older != nil {
		t.Fatalf("the older offer is still kept after going back: %+v", st.Older)
	}
}

// The same with a USB stick: an older bundle is refused, a newer one and
// the same one again are fine.
func TestImportRefusesAnOlderCatalogue(t *testing.T) {
	k := newKit(t)
	dir1, _ := k.feed(5, 43, smallMedia)
	dir2, doc2 := k.feed(7, 44, smallMedia)
	d := newData(t)
	for _, dir := range []string{dir1, dir2} {
		if _, err := Import(context.Background(), d.importOpts(k, dir)); err != nil {
			t.Fatal(err)
		}
	}
	_, err := Import(context.Background(), d.importOpts(k, dir1))
	if !errors.Is(err, store.ErrOlder) {
		t.Fatalf("older bundle: %v; want it refused as older", err)
	}
	if v := d.version(t); v != doc2.Version {
		t.Fatalf("the hall went back to %s", v)
	}
	d.checkStore(t)
	res, err := Import(context.Background(), d.importOpts(k, dir2))
	if err != nil || !res.Current || res.Changed {
		t.Fatalf("the bundle in use again: %+v, %v; want nothing to do", res, err)
	}
	opt := d.importOpts(k, dir1)
	opt.AllowOlder = true
	if _, err := Import(context.Background(), opt); err != nil {
		t.Fatalf("going back on purpose: %v", err)
	}
}

// A feed past its signed valid_until is flagged stale, and a server that
// answers 304 Not Modified does not make it fresh again; the catalogue is
// still the one shown.
func TestExpiredFeedIsFlaggedEvenWhenNotModified(t *testing.T) {
	k := newKit(t)
	signed := time.Now().Add(-72 * time.Hour)
	dir, doc := k.feedWith(4, 45, smallMedia, WriteOptions{Generated: signed, ValidFor: 24 * time.Hour})
	srv := httptest.NewServer(Handler(dir))
	defer srv.Close()
	d := newData(t)
	res := mustSync(t, d.syncOpts(k, srv.URL))
	if !res.Changed || res.StaleSince.IsZero() || !res.StaleNews {
		t.Fatalf("first sync of an expired feed: %+v; want it flagged stale", res)
	}
	res = mustSync(t, d.syncOpts(k, srv.URL))
	if !res.NotModified {
		t.Fatalf("second sync: %+v; want a 304", res)
	}
	if !res.StaleSince.Equal(signed.Add(24 * time.Hour)) {
		t.Fatalf("a 304 made an expired catalogue look fresh: %+v", res)
	}
	if res.StaleNews {
		t.Fatal("the expiry was reported twice")
	}
	sg, _ := d.db.Signed()
	if !sg.Expired(time.Now()) || d.version(t) != doc.Version {
		t.Fatalf("store: %+v, version %s", sg, d.version(t))
	}

	// A fresh feed clears the flag.
	fresh, _ := k.feedWith(4, 46, smallMedia, WriteOptions{Generated: time.Now()})
	res = mustSync(t, d.syncOpts(k, serveDir(t, fresh, nil).URL))
	if !res.StaleSince.IsZero() {
		t.Fatalf("a fresh feed is flagged stale: %+v", res)
	}
}

// Format 1 feeds (no valid_until) are still read, and never expire; a
// format 2 feed without valid_until is refused.
func TestFormatOneStillRead(t *testing.T) {
	k := newKit(t)
	dir, doc := k.feed(3, 47, smallMedia)
	rewriteSigned(t, k, dir, func(m map[string]any) {
		m["feed_format"] = 1
		delete(m, "valid_until")
	})
	d := newData(t)
	if _, err := Import(context.Background(), d.importOpts(k, dir)); err != nil {
		t.Fatalf("format 1 feed: %v", err)
	}
	if sg, _ := d.db.Signed(); d.version(t) != doc.Version || !sg.ValidUntil.IsZero() || !sg.Known() {
		t.Fatalf("after a format 1 feed: %+v", sg)
	} else if sg.Signer != k.pub.ID() {
		t.Fatalf("the catalogue's signer is kept as %q, want %s", sg.Signer, k.pub.ID())
	}
	rewriteSigned(t, k, dir, func(m map[string]any) { m["feed_format"] = 2 })
	_, err := Import(context.Background(), d.importOpts(k, dir))
	wantErr(t, err, "needs valid_until")
}

func trusted(t *testing.T, db *store.DB) []string {
	t.Helper()
	keys, err := TrustedKeys(db)
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, k := range keys {
		ids = append(ids, k.ID())
	}
	return ids
}

// Keys rotate through the feed itself: a feed signed by key A announces
// key B and revokes A; then a feed signed by B is accepted, and one
// signed only by A is refused.
func TestKeyRotationAndRevocation(t *testing.T) {
	a, b := newKit(t), newKit(t)
	d := newData(t)
	if _, err := Trust(d.db, a.pub); err != nil {
		t.Fatal(err)
	}
	opts := func(path string) ImportOptions { return ImportOptions{Path: path, DB: d.db, Media: d.ms} }

	rotate, _ := a.feedWith(3, 51, smallMedia, WriteOptions{Keys: &KeyChanges{Add: []string{b.pub.String()}, Revoke: []string{a.pub.ID()}}})
	res, err := Import(context.Background(), opts(rotate))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(res.KeysAdded, []string{b.pub.ID()}) || !slices.Equal(res.KeysRevoked, []string{a.pub.ID()}) {
		t.Fatalf("key changes reported: %+v", res)
	}
	if got := trusted(t, d.db); !slices.Equal(got, []string{b.pub.ID()}) {
		t.Fatalf("trusted after rotation: %v; want only %s", got, b.pub.ID())
	}
	byB, docB := b.feed(4, 52, smallMedia)
	if _, err := Import(context.Background(), opts(byB)); err != nil {
		t.Fatalf("feed signed by the new key: %v", err)
	}
	byA, _ := a.feed(5, 53, smallMedia)
	_, err = Import(context.Background(), opts(byA))
	if !errors.Is(err, ErrSignature) {
		t.Fatalf("feed signed by the revoked key: %v; want it refused", err)
	}
	if d.version(t) != docB.Version {
		t.Fatal("a feed signed by a revoked key changed the catalogue")
	}
}

// A feed cannot revoke the last trusted key without announcing another:
// the hall would never accept a feed again. Nothing of it is applied.
func TestFeedCannotRevokeTheLastKey(t *testing.T) {
	a := newKit(t)
	d := newData(t)
	Trust(d.db, a.pub)
	first, doc := a.feed(3, 54, smallMedia)
	if _, err := Import(context.Background(), ImportOptions{Path: first, DB: d.db, Media: d.ms}); err != nil {
		t.Fatal(err)
	}
	brick, _ := a.feedWith(3, 55, smallMedia, WriteOptions{Keys: &KeyChanges{Revoke: []string{a.pub.String()}}})
	_, err := Import(context.Background(), ImportOptions{Path: brick, DB: d.db, Media: d.ms})
	if !errors.Is(err, ErrLastKey) {
		t.Fatalf("revoking the last key: %v; want ErrLastKey", err)
	}
	if d.version(t) != doc.Version || !slices.Equal(trusted(t, d.db), []string{a.pub.ID()}) {
		t.Fatal("a refused feed changed the catalogue or the keys")
	}
}

// A key a technician vouches for (--trust) is stored only once the
// feed it came with verified and switched: a bundle with a damaged file
// leaves it untrusted.
func TestTrustedOnlyAfterTheFeedSwitched(t *testing.T) {
	x := newKit(t)
	d := newData(t)
	dir, doc := x.feed(3, 56, smallMedia)
	damaged := filepath.Join(dir, MediaDir, doc.Media[0].Hash)
	writeFile(t, damaged, []byte("not what was signed"))
	opt := ImportOptions{Path: dir, DB: d.db, Media: d.ms, TrustNew: []PublicKey{x.pub}}
	if _, err := Import(context.Background(), opt); err == nil {
		t.Fatal("a damaged bundle was imported")
	}
	if got := trusted(t, d.db); len(got) != 0 {
		t.Fatalf("key trusted although its bundle was refused: %v", got)
	}
	good, _ := x.feed(3, 57, smallMedia)
	opt.Path = good
	if _, err := Import(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if got := trusted(t, d.db); !slices.Equal(got, []string{x.pub.ID()}) {
		t.Fatalf("trusted after a good bundle: %v", got)
	}
}

func writeFile(t *testing.T, path string, content []byte) {
	t.Helper()
	if err := os.WriteFile(path, content, 0o644); err != nil {
		t.Fatal(err)
	}
}

// A key on the stick beside the bundle it would vouch for is refused,
// unless the technician also gives its fingerprint from the publisher.
func TestKeyCarriedByTheStickIsRefused(t *testing.T) {
	k := newKit(t)
	stick := t.TempDir()
	keyFile := filepath.Join(stick, "curator.pub")
	writeFile(t, keyFile, []byte(k.pub.String()+"\n"))
	bundle := filepath.Join(stick, "catalogue.zip")
	writeFile(t, bundle, nil)
	folder := filepath.Join(stick, "feed")
	os.Mkdir(folder, 0o755)
	inFolder := filepath.Join(folder, "x.pub")
	writeFile(t, inFolder, []byte(k.pub.String()+"\n"))

	for _, c := range []struct{ key, feed string }{{keyFile, bundle}, {inFolder, folder}, {inFolder, filepath.Join(folder, ".")}} {
		if _, err := ReadVouchedKey(c.key, c.feed, ""); !errors.Is(err, ErrCarriedKey) {
			t.Fatalf("%s for %s: %v; want it refused", c.key, c.feed, err)
		}
	}
	if got, err := ReadVouchedKey(keyFile, bundle, strings.ToUpper(k.pub.ID())); err != nil || got.ID() != k.pub.ID() {
		t.Fatalf("with its fingerprint: %v", err)
	}
	if _, err := ReadVouchedKey(keyFile, bundle, "00000000"); err == nil {
		t.Fatal("a wrong fingerprint was accepted")
	}
	// A key kept apart from the stick, and a key for a URL, need no fingerprint.
	own := filepath.Join(t.TempDir(), "hall.pub")
	writeFile(t, own, []byte(k.pub.String()+"\n"))
	for _, feed := range []string{bundle, ""} {
		if _, err := ReadVouchedKey(own, feed, ""); err != nil {
			t.Fatalf("own key for %q: %v", feed, err)
		}
	}
}
