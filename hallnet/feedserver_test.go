package hallnet

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	"showhall/hallnet/spread"
	"showhall/store/partial"
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

// A screen still taking a large file serves the pieces of it that it
// holds and has checked, and says "not here" for the others; a screen
// with the whole file serves any piece from it.
func TestFeedServesHeldPieces(t *testing.T) {
	body := make([]byte, 250)
	for i := range body {
		body[i] = byte(i * 7)
	}
	whole := sha256.Sum256(body)
	hash := hex.EncodeToString(whole[:])
	var pieces []string
	for off := 0; off < len(body); off += 100 {
		s := sha256.Sum256(body[off:min(len(body), off+100)])
		pieces = append(pieces, hex.EncodeToString(s[:]))
	}
	set := partial.NewSet(t.TempDir())
	f, err := set.Open(hash, 250, 100, pieces)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(2, bytes.NewReader(body[200:])); err != nil {
		t.Fatal(err)
	}
	taking := ServeFeed(http.NotFoundHandler()) // nothing whole in its store yet
	taking.Pieces = set
	complete := ServeFeed(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.ServeContent(w, r, "", time.Time{}, bytes.NewReader(body))
	}))
	c := &Client{}
	for _, fs := range []*FeedServer{taking, complete} {
		mux := http.NewServeMux()
		mux.Handle(PathFeed, fs)
		srv, err := Listen("127.0.0.1:0", mux, slog.New(slog.DiscardHandler))
		if err != nil {
			t.Fatal(err)
		}
		defer srv.Close()
		b, _, _, err := c.Piece(context.Background(), srv.Addr(), hash, 200, 50)
		if err != nil {
			t.Fatal(err)
		}
		got, _ := io.ReadAll(b)
		b.Close()
		if !bytes.Equal(got, body[200:]) {
			t.Fatalf("piece 2: got %d bytes, other than its own", len(got))
		}
		_, _, _, err = c.Piece(context.Background(), srv.Addr(), hash, 0, 100)
		if fs == taking && !errors.Is(err, ErrLacks) {
			t.Fatalf("a piece the screen does not hold: %v, want ErrLacks", err)
		}
		if fs == complete && err != nil {
			t.Fatalf("a piece of a whole file: %v", err)
		}
	}
}
