package outbox

import (
	"bytes"
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"showhall/store"
	"showhall/store/stats"
)

// portal is a stand-in for the portal's statistics endpoint on
// 127.0.0.1. It counts each event id once, as the real one must. While
// down it fails; with lostReplies it stores a batch and then breaks the
// connection before answering, the case where a naive client would
// count twice.
type portal struct {
	mu          sync.Mutex
	down        bool
	lostReplies int
	seen        map[string]bool
	received    int // events received, repeats included
	requests    int
	forged      int                 // uploads whose signature did not verify
	keys        []ed25519.PublicKey // the screen key of each verified upload
}

func (p *portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests++
	if p.down {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
		return
	}
	body, _ := io.ReadAll(r.Body)
	key, err := Verify(r.Header, body)
	if err != nil {
		p.forged++
		http.Error(w, err.Error(), http.StatusUnauthorized)
		return
	}
	p.keys = append(p.keys, key)
	var up Upload
	if err := json.Unmarshal(body, &up); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	accepted := 0
	for _, e := range up.Events {
		p.received++
		if !p.seen[e.ID] {
			p.seen[e.ID] = true
			accepted++
		}
	}
	if p.lostReplies > 0 {
		p.lostReplies--
		conn, _, _ := w.(http.Hijacker).Hijack()
		conn.Close()
		return
	}
	json.NewEncoder(w).Encode(Reply{Accepted: accepted})
}

func TestUploadSurvivesAPortalThatFailsThenRecovers(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t0 := time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)
	var evs []stats.Event
	for i := 0; i < 1234; i++ {
		e := stats.New(stats.ExhibitOpened, t0.Add(time.Duration(i)*time.Second))
		e.Project = "p1"
		evs = append(evs, e)
	}
	if err := db.RecordEvents(evs...); err != nil {
		t.Fatal(err)
	}

	p := &portal{down: true, seen: map[string]bool{}}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: p}
	go srv.Serve(ln)
	defer srv.Close()

	c := &Client{URL: "http://" + ln.Addr().String() + "/stats", LocalHTTP: true, Key: screenKey(), Kiosk: "hall-1", Store: db, Batch: 100,
		HTTP: &http.Client{Timeout: 5 * time.Second}}
	ctx := context.Background()

	// Down: nothing leaves the outbox.
	if sent, err := c.Flush(ctx); err == nil || sent != 0 {
		t.Fatalf("flush to a portal that is down: sent %d, err %v", sent, err)
	}
	if n, _ := db.OutboxLen(); n != 1234 {
		t.Fatalf("outbox %d after a failed upload, want 1234", n)
	}

	// Back up, but the answer to two batches is lost on the way.
	p.mu.Lock()
	p.down, p.lostReplies = false, 2
	p.mu.Unlock()
	for tries := 0; tries < 5; tries++ {
		if _, err := c.Flush(ctx); err == nil {
			break
		}
	}
	if n, _ := db.OutboxLen(); n != 0 {
		t.Fatalf("outbox still holds %d", n)
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.seen) != 1234 {
		t.Fatalf("portal counted %d events, want 1234", len(p.seen))
	}
	if p.received != 1234+200 {
		t.Fatalf("portal received %d events; the two batches whose reply was lost should have come twice", p.received)
	}
}

func TestNoPortalStillKeepsTheOutboxBounded(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t0 := time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)
	var evs []stats.Event
	for i := 0; i < 300; i++ {
		evs = append(evs, stats.New(stats.IdleReset, t0.Add(time.Duration(i)*time.Minute)))
	}
	db.RecordEvents(evs...)
	c := &Client{Store: db, Limit: 100}
	if _, err := c.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.OutboxLen(); n > 100 {
		t.Fatalf("outbox %d over its bound of 100", n)
	}
}

func screenKey() ed25519.PrivateKey {
	_, k, _ := ed25519.GenerateKey(rand.Reader)
	return k
}

// TestUploadsAreSignedAndGoOverHTTPS: statistics carried no proof of
// origin and could go over plain HTTP. Each batch now carries the
// screen's public key and an ed25519 signature the portal checks (a
// real TLS server on loopback verifies it), a changed byte breaks it,
// and a plain http:// portal gets nothing unless a curator marked it
// local.
func TestUploadsAreSignedAndGoOverHTTPS(t *testing.T) {
	db, err := store.Open(filepath.Join(t.TempDir(), "catalogue.db"), store.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	t0 := time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)
	for i := 0; i < 30; i++ {
		db.RecordEvents(stats.New(stats.ExhibitOpened, t0.Add(time.Duration(i)*time.Second)))
	}
	p := &portal{seen: map[string]bool{}}
	tls := httptest.NewTLSServer(p)
	defer tls.Close()
	plain := httptest.NewServer(p)
	defer plain.Close()
	key := screenKey()
	ctx := context.Background()

	// Plain HTTP, not marked local: refused before anything is sent.
	c := &Client{URL: plain.URL + "/stats", Key: key, Kiosk: "hall-1", Store: db, Batch: 10, HTTP: plain.Client()}
	if _, err := c.Flush(ctx); err == nil || !strings.Contains(err.Error(), "must start with https://") {
		t.Fatalf("upload to %s: %v, want a refusal", c.URL, err)
	}
	// No key: nothing unsigned leaves the screen.
	c = &Client{URL: tls.URL + "/stats", Kiosk: "hall-1", Store: db, Batch: 10, HTTP: tls.Client()}
	if _, err := c.Flush(ctx); err == nil || !strings.Contains(err.Error(), "no key") {
		t.Fatalf("upload without a key: %v", err)
	}
	p.mu.Lock()
	if p.requests != 0 {
		t.Fatalf("%d requests reached the portal", p.requests)
	}
	p.mu.Unlock()
	if n, _ := db.OutboxLen(); n != 30 {
		t.Fatalf("outbox %d after refused uploads, want 30", n)
	}

	c.Key = key
	if sent, err := c.Flush(ctx); err != nil || sent != 30 {
		t.Fatalf("signed upload over HTTPS: sent %d, %v", sent, err)
	}
	p.mu.Lock()
	if p.forged != 0 || len(p.keys) != 3 || !p.keys[0].Equal(key.Public()) {
		t.Fatalf("portal: %d forged, keys %v", p.forged, p.keys)
	}
	p.mu.Unlock()

	// The portal can tell forged data: a changed body, or another key's
	// signature under this screen's key, does not verify.
	body := []byte(`{"kiosk":"hall-1","events":[]}`)
	h := http.Header{}
	h.Set(HeaderKey, PublicKeyText(key))
	h.Set(HeaderSignature, Sign(key, body))
	if _, err := Verify(h, body); err != nil {
		t.Fatal(err)
	}
	if _, err := Verify(h, bytes.Replace(body, []byte("hall-1"), []byte("hall-2"), 1)); err == nil {
		t.Fatal("a changed body verified")
	}
	h.Set(HeaderSignature, Sign(screenKey(), body))
	if _, err := Verify(h, body); err == nil {
		t.Fatal("another key's signature verified")
	}

	// Marked local by a curator, plain HTTP is allowed.
	db.RecordEvents(stats.New(stats.IdleReset, t0))
	c = &Client{URL: plain.URL + "/stats", LocalHTTP: true, Key: key, Kiosk: "hall-1", Store: db, HTTP: plain.Client()}
	if sent, err := c.Flush(ctx); err != nil || sent != 1 {
		t.Fatalf("upload to a portal marked local: sent %d, %v", sent, err)
	}
}
