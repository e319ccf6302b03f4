package store

import (
	"errors"
	"sync"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

func signedAt(version string, t time.Time, content string) *Switch {
	return &Switch{Signed: Signed{Time: t, Version: version, Content: content, ValidUntil: t.AddDate(0, 0, 400), Verified: now}}
}

// The order check is made by the transaction that switches, whoever calls
// it: an older catalogue is refused there even when no caller checked
// first, and the one in use stays with its media.
func TestSwitchRefusesAnOlderCatalogueInItsTransaction(t *testing.T) {
	db, ms, _ := openTemp(t)
	t1 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	t2 := t1.Add(24 * time.Hour)
	v1, blobs1 := withMedia(catalogtest.Generate(10, 1), [][]byte{picture(1, 64, 36)}, []string{"image/jpeg"})
	v1.Version = "v1"
	v2, blobs2 := withMedia(catalogtest.Generate(12, 2), [][]byte{picture(2, 64, 36)}, []string{"image/jpeg"})
	v2.Version = "v2"

	if _, err := ImportWith(db, ms, v2, opener(blobs2), ImportOptions{Source: "feed", Now: now, Switch: signedAt("v2", t2, "c2")}); err != nil {
		t.Fatal(err)
	}
	_, err := ImportWith(db, ms, v1, opener(blobs1), ImportOptions{Source: "feed", Now: now, Switch: signedAt("v1", t1, "c1")})
	if !errors.Is(err, ErrOlder) {
		t.Fatalf("older catalogue: %v; want ErrOlder", err)
	}
	if info, _ := db.Info(); info.Version != "v2" || info.Projects != 12 {
		t.Fatalf("after refusing v1 the store holds %+v", info)
	}
	if !ms.Has(v2.Projects[0].Cover, -1) {
		t.Fatal("the media of the catalogue in use were pruned")
	}

	// The same feed again: nothing to do, not a failure.
	_, err = ImportWith(db, ms, v2, opener(blobs2), ImportOptions{Source: "feed", Now: now.Add(time.Hour), Switch: signedAt("v2", t2, "c2")})
	if !errors.Is(err, ErrUnchanged) {
		t.Fatalf("same feed again: %v; want ErrUnchanged", err)
	}
	if s, _ := db.Signed(); !s.Verified.Equal(now) {
		t.Fatalf("the time of verification was not kept: %+v", s)
	}
	// Another catalogue signed at the same moment: refused.
	_, err = ImportWith(db, ms, v1, opener(blobs1), ImportOptions{Source: "feed", Now: now, Switch: signedAt("v1", t2, "c1")})
	if !errors.Is(err, ErrConflict) {
		t.Fatalf("conflicting catalogue: %v; want ErrConflict", err)
	}
	// A curator's explicit going back.
	sw := signedAt("v1", t1, "c1")
	sw.AllowOlder = true
	if _, err := ImportWith(db, ms, v1, opener(blobs1), ImportOptions{Source: "feed", Now: now, Switch: sw}); err != nil {
		t.Fatalf("going back on purpose: %v", err)
	}
	if s, _ := db.Signed(); s.Version != "v1" || !s.Time.Equal(t1) {
		t.Fatalf("position after going back: %+v", s)
	}
}

// Two imports at once, one newer and one older: whichever order the
// transactions run in, the newer catalogue is what the store ends with.
func TestConcurrentSwitchesEndWithTheNewer(t *testing.T) {
	t1 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	for range 20 {
		db, ms, _ := openTemp(t)
		old, newer := catalogtest.Generate(3, 1), catalogtest.Generate(4, 2)
		old.Version, newer.Version = "old", "new"
		var wg sync.WaitGroup
		for _, c := range []struct {
			doc catalog.Document
			sw  *Switch
		}{{old, signedAt("old", t1, "a")}, {newer, signedAt("new", t1.Add(time.Minute), "b")}} {
			wg.Add(1)
			go func() {
				defer wg.Done()
				ImportWith(db, ms, c.doc, nil, ImportOptions{Source: "feed", Now: now, Switch: c.sw})
			}()
		}
		wg.Wait()
		if info, _ := db.Info(); info.Version != "new" {
			t.Fatalf("the store ended with %q", info.Version)
		}
	}
}

func TestExpiryIsNotedOnce(t *testing.T) {
	db, ms, _ := openTemp(t)
	t1 := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	sw := signedAt("v1", t1, "c")
	sw.Signed.ValidUntil = t1.Add(48 * time.Hour)
	if _, err := ImportWith(db, ms, catalogtest.Generate(3, 1), nil, ImportOptions{Source: "feed", Now: now, Switch: sw}); err != nil {
		t.Fatal(err)
	}
	if exp, first, _ := db.NoteExpired(t1.Add(24 * time.Hour)); exp || first {
		t.Fatal("expired a day before valid_until")
	}
	if exp, first, _ := db.NoteExpired(t1.Add(72 * time.Hour)); !exp || !first {
		t.Fatal("expiry not noted")
	}
	if exp, first, _ := db.NoteExpired(t1.Add(96 * time.Hour)); !exp || first {
		t.Fatal("expiry noted twice")
	}
}
