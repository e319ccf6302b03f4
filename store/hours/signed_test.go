package hours

import (
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"showhall/store/feed"
)

func TestSignedHoursAreCheckedBeforeTheyAreRead(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(nil)
	_, stranger, _ := ed25519.GenerateKey(nil)
	trusted := []feed.PublicKey{feed.PublicKey(pub)}
	h := Default()
	h.Follow, h.Closed = true, []string{"2026-10-01"}
	if _, err := Sign(priv, h); err == nil {
		t.Fatal("hours with no signing time were signed")
	}
	h.Signed = time.Date(2026, 9, 30, 8, 0, 0, 0, time.UTC)
	file, err := Sign(priv, h)
	if err != nil {
		t.Fatal(err)
	}
	got, err := Verify(file, trusted)
	if err != nil || !got.Follow || got.Closed[0] != "2026-10-01" || !got.Signed.Equal(h.Signed) {
		t.Fatalf("verified %+v, %v", got, err)
	}
	forged, _ := Sign(stranger, h)
	if _, err := Verify(forged, trusted); !errors.Is(err, ErrUnknown) {
		t.Fatalf("hours signed by a stranger: %v", err)
	}
	var f File
	json.Unmarshal(file, &f)
	f.Signature = ""
	unsigned, _ := json.Marshal(f)
	if _, err := Verify(unsigned, trusted); !errors.Is(err, ErrUnsigned) {
		t.Fatalf("unsigned hours: %v", err)
	}
	json.Unmarshal(file, &f)
	f.Hours = f.Hours[:len(f.Hours)-1] + `,"follow":false}`
	changed, _ := json.Marshal(f)
	if _, err := Verify(changed, trusted); !errors.Is(err, ErrUnknown) {
		t.Fatalf("hours changed after signing: %v", err)
	}
	if _, err := Verify([]byte(`{"format":"showhall-notice/1"}`), trusted); err == nil {
		t.Fatal("a notice was read as hours")
	}
}

func TestHoursNeverGoBack(t *testing.T) {
	at := time.Date(2026, 9, 30, 8, 0, 0, 0, time.UTC)
	if err := Replaces(time.Time{}, at); err != nil {
		t.Fatalf("signed hours over hours never signed: %v", err)
	}
	if err := Replaces(at, at.Add(time.Second)); err != nil {
		t.Fatalf("newer: %v", err)
	}
	if err := Replaces(at, at); !errors.Is(err, ErrUnchanged) {
		t.Fatalf("the same: %v", err)
	}
	if err := Replaces(at, at.Add(-time.Second)); !errors.Is(err, ErrOlder) {
		t.Fatalf("older: %v", err)
	}
}
