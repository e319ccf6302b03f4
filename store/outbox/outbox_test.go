package outbox

import (
	"context"
	"encoding/json"
	"net"
	"net/http"
	"path/filepath"
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
}

func (p *portal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.requests++
	if p.down {
		http.Error(w, "maintenance", http.StatusServiceUnavailable)
		return
	}
	var up Upload
	if err := json.NewDecoder(r.Body).Decode(&up); err != nil {
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

	c := &Client{URL: "http://" + ln.Addr().String() + "/stats", Kiosk: "hall-1", Store: db, Batch: 100,
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
