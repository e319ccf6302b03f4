package feed

import (
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A screen that imported a catalogue passes it on in the signed feed
// format; another screen syncs it from there with every check, and a
// file changed on the serving screen is refused, the catalogue kept.
func TestScreenPassesItsCatalogueOn(t *testing.T) {
	k := newKit(t)
	dir, doc := k.feed(4, 71, smallMedia)
	first := newData(t)
	opt := first.importOpts(k, dir)
	opt.KeepSigned = filepath.Join(first.dir, "signed")
	res, err := Import(context.Background(), opt)
	if err != nil || res.PassOnError != nil {
		t.Fatalf("import: %v, %v", err, res.PassOnError)
	}
	if err := HasSigned(opt.KeepSigned, first.db); err != nil {
		t.Fatalf("the imported catalogue was not kept to pass on: %v", err)
	}
	srv := httptest.NewServer(PeerHandler(opt.KeepSigned, first.db, first.ms))
	defer srv.Close()

	second := newData(t)
	sopt := second.syncOpts(k, srv.URL)
	sopt.KeepSigned = filepath.Join(second.dir, "signed")
	res = mustSync(t, sopt)
	if !res.Changed || second.version(t) != doc.Version {
		t.Fatalf("sync from a screen: %+v", res)
	}
	a, _ := first.db.Signed()
	b, _ := second.db.Signed()
	if a.Content != b.Content || b.Signer != k.pub.ID() {
		t.Fatalf("the second screen has %+v, the first %+v", b, a)
	}
	second.checkStore(t)
	// Asked again: one conditional request, nothing changed.
	if res = mustSync(t, sopt); !res.NotModified {
		t.Fatalf("second sync from the screen: %+v; want a 304", res)
	}

	// A newer catalogue on the first screen, one of its files then
	// changed on its disk: the third screen refuses that file and keeps
	// what it has.
	newer, doc2 := k.feed(4, 72, smallMedia)
	if _, err := Import(context.Background(), first.importOpts(k, newer)); err != nil {
		t.Fatal(err)
	}
	opt.Path = newer
	if _, err := Import(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	victim := first.ms.Path(doc2.Media[0].Hash)
	os.Chmod(victim, 0o644)
	if err := os.WriteFile(victim, []byte(strings.Repeat("x", int(doc2.Media[0].Size))), 0o644); err != nil {
		t.Fatal(err)
	}
	third := newData(t)
	if _, err := Sync(context.Background(), third.syncOpts(k, srv.URL)); err == nil {
		t.Fatal("a changed file served by a screen was accepted")
	}
	if info, _ := third.db.Info(); !info.Empty() {
		t.Fatalf("a refused sync left catalogue %s", info.Version)
	}
}

// A screen whose catalogue came from no signed feed has nothing to pass on.
func TestUnsignedCatalogueIsNotPassedOn(t *testing.T) {
	d := newData(t)
	srv := httptest.NewServer(PeerHandler(filepath.Join(d.dir, "signed"), d.db, d.ms))
	defer srv.Close()
	k := newKit(t)
	other := newData(t)
	_, err := Sync(context.Background(), other.syncOpts(k, srv.URL))
	if err == nil || !strings.Contains(err.Error(), "404") {
		t.Fatalf("sync from a screen with no signed catalogue: %v", err)
	}
}
