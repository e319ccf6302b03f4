package app

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"showhall/hallnet"
	"showhall/store/hall"
	"showhall/store/outbox"
	"showhall/store/stats"
)

// healthPortal is a portal on loopback: it checks each upload's
// signature, keeps one copy of each event id, and can be down (503) or
// lose its answer (it keeps the batch, then answers 500).
type healthPortal struct {
	mu       sync.Mutex
	byID     map[string]stats.Event
	posts    int
	down     atomic.Bool
	loseNext atomic.Bool
}

func (p *healthPortal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if p.down.Load() {
		http.Error(w, "down", http.StatusServiceUnavailable)
		return
	}
	body, _ := io.ReadAll(r.Body)
	if _, err := outbox.Verify(r.Header, body); err != nil {
		http.Error(w, err.Error(), http.StatusForbidden)
		return
	}
	var up outbox.Upload
	if err := json.Unmarshal(body, &up); err != nil {
		http.Error(w, err.Error(), http.StatusBadRequest)
		return
	}
	p.mu.Lock()
	p.posts++
	for _, e := range up.Events {
		p.byID[e.ID] = e
	}
	p.mu.Unlock()
	if p.loseNext.Swap(false) {
		http.Error(w, "answer lost", http.StatusInternalServerError)
		return
	}
	w.Write([]byte(`{"accepted":1}`))
}

func (p *healthPortal) health() []stats.Health {
	p.mu.Lock()
	defer p.mu.Unlock()
	var out []stats.Health
	for _, e := range p.byID {
		if e.Kind == stats.ScreenHealth && e.Health != nil {
			out = append(out, *e.Health)
		}
	}
	return out
}

// outboxHealth is the health events waiting in the outbox.
func outboxHealth(t *testing.T, data *Data) []stats.Event {
	t.Helper()
	evs, err := data.DB.OutboxBatch(1000)
	if err != nil {
		t.Fatal(err)
	}
	var out []stats.Event
	for _, e := range evs {
		if e.Kind == stats.ScreenHealth {
			out = append(out, e)
		}
	}
	return out
}

// A screen's health goes to the portal with the statistics: nothing
// while no portal is set; once set, one report, another when the screen
// changes (its display switched off), none while nothing changes; kept
// in the outbox while the portal is down, and a batch whose answer was
// lost and is sent again counts once.
func TestHealthGoesWithTheStatistics(t *testing.T) {
	k, _ := testKiosk(t)
	data, err := openData(t.TempDir(), slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	sc := &kioskScreen{k: k, data: data, id: hall.Identity{Name: "screen-a", ID: "a1"}, started: time.Now(), log: slog.New(slog.DiscardHandler)}
	k.hall.lastFrame.Store(time.Now().UnixNano())
	k.hall.showing.Store("attract")

	run := func() (stop func()) {
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan struct{})
		go func() { defer close(done); sc.healthToPortal(ctx, 5*time.Millisecond, time.Hour) }()
		return func() { cancel(); <-done }
	}
	stop := run()
	time.Sleep(50 * time.Millisecond) // several looks: none may record
	stop()
	if got := outboxHealth(t, data); len(got) != 0 {
		t.Fatalf("health recorded with no portal set: %+v", got)
	}

	p := &healthPortal{byID: map[string]stats.Event{}}
	srv := httptest.NewServer(p)
	defer srv.Close()
	set, err := hall.LoadSettings(data.DB)
	if err != nil {
		t.Fatal(err)
	}
	set.PortalURL, set.PortalLocal = srv.URL, true
	if err := hall.SaveSettings(data.DB, set); err != nil {
		t.Fatal(err)
	}
	stop = run()
	waitUntil(t, func() bool { return len(outboxHealth(t, data)) == 1 }, "the first health report")
	time.Sleep(50 * time.Millisecond)
	if n := len(outboxHealth(t, data)); n != 1 {
		t.Fatalf("%d health reports while nothing changed, want 1", n)
	}
	k.hall.displayOff.Store(true)
	waitUntil(t, func() bool { return len(outboxHealth(t, data)) == 2 }, "a report of the display switched off")
	stop()

	_, key, _ := ed25519.GenerateKey(nil)
	c := &outbox.Client{Store: data.DB, Kiosk: "screen-a", Key: key, URL: srv.URL, LocalHTTP: true}
	p.down.Store(true)
	if _, err := c.Flush(context.Background()); err == nil {
		t.Fatal("an upload to a portal that is down succeeded")
	}
	if n := len(outboxHealth(t, data)); n != 2 {
		t.Fatalf("%d health reports kept while the portal is down, want 2", n)
	}
	p.down.Store(false)
	p.loseNext.Store(true)
	if _, err := c.Flush(context.Background()); err == nil {
		t.Fatal("an upload whose answer was lost counted as done")
	}
	if _, err := c.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := len(outboxHealth(t, data)); n != 0 {
		t.Fatalf("%d health reports still waiting after the upload", n)
	}
	got := p.health()
	if len(got) != 2 || p.posts != 2 {
		t.Fatalf("the portal has %d health reports from %d posts, want 2 from 2: %+v", len(got), p.posts, got)
	}
	states := map[string]bool{}
	for _, h := range got {
		if h.Screen != "screen-a" || h.ScreenID != "a1" || h.Season == "" || h.Showing != "attract" || h.DiskFree == 0 {
			t.Errorf("health report %+v", h)
		}
		states[h.State+"/"+h.Display] = true
	}
	if !states[hallnet.Fine+"/on"] || !states[hallnet.Asleep+"/off"] {
		t.Errorf("the reports' states: %v, want fine/on and asleep/off", states)
	}
}

func waitUntil(t *testing.T, cond func() bool, what string) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("no %s within 10 s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
