package hallnet

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"

	"showhall/hallnet/spread"
)

// A screen's feed serves spread.Slots media downloads at once: one more
// is told "busy" (and the client says ErrBusy), a file it lacks is
// ErrLacks, and what it served is counted.
func TestFeedServesItsSlotsAndCounts(t *testing.T) {
	release := make(chan struct{})
	started := make(chan struct{}, 8)
	body := strings.Repeat("x", 1000)
	inner := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/slow"):
			started <- struct{}{}
			<-release
		case strings.HasSuffix(r.URL.Path, "/none"):
			http.NotFound(w, r)
			return
		}
		io.WriteString(w, body)
	})
	fs := ServeFeed(inner)
	mux := http.NewServeMux()
	mux.Handle(PathFeed, fs)
	srv, err := Listen("127.0.0.1:0", mux, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	c := &Client{}
	ctx := context.Background()

	var held []io.ReadCloser
	done := make(chan io.ReadCloser, spread.Slots)
	for range spread.Slots {
		go func() {
			b, _, _, err := c.Media(ctx, srv.Addr(), "slow")
			if err != nil {
				t.Error(err)
			}
			done <- b
		}()
		<-started
	}
	if fs.Serving() != spread.Slots {
		t.Fatalf("serving %d, want %d", fs.Serving(), spread.Slots)
	}
	_, _, serving, err := c.Media(ctx, srv.Addr(), "other")
	if !errors.Is(err, ErrBusy) || serving != spread.Slots {
		t.Fatalf("one download more: %v (serving %d), want ErrBusy", err, serving)
	}
	close(release)
	for range spread.Slots {
		if b := <-done; b != nil {
			io.Copy(io.Discard, b)
			held = append(held, b)
		}
	}
	for _, b := range held {
		b.Close()
	}
	if _, _, _, err := c.Media(ctx, srv.Addr(), "none"); !errors.Is(err, ErrLacks) {
		t.Fatalf("a file it lacks: %v, want ErrLacks", err)
	}
	b, size, _, err := c.Media(ctx, srv.Addr(), "whole")
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(b)
	b.Close()
	if string(got) != body || size != int64(len(body)) {
		t.Fatalf("got %d bytes (size %d)", len(got), size)
	}
	if fs.Serving() != 0 {
		t.Fatalf("still serving %d", fs.Serving())
	}
	if fs.Uploaded() < int64((spread.Slots+1)*len(body)) {
		t.Fatalf("uploaded %d bytes, want at least %d", fs.Uploaded(), (spread.Slots+1)*len(body))
	}
}
