package mpv_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"showhall/player"
	"showhall/store/media"
)

// TestReadsLocalFilesOnly: files that are more than they seem. A "video"
// whose content is a playlist naming a URL, or an HLS playlist, made the
// kiosk fetch and play a remote stream; a subtitle entry that is a
// playlist went to libmpv unchecked. A real HTTP server on loopback
// stands for the network: it must see no request, and the loop skips the
// files and plays the real clip.
func TestReadsLocalFilesOnly(t *testing.T) {
	dir := fixtures(t)
	clip, err := os.ReadFile(filepath.Join(dir, "red.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	var requests atomic.Int64
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		requests.Add(1)
		w.Header().Set("Content-Type", "video/mp4")
		w.Write(clip)
	})}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String()

	work := t.TempDir()
	m3u := filepath.Join(work, "playlist.mp4")
	writeFile(t, m3u, "#EXTM3U\n#EXTINF:-1,live\n"+url+"/remote.mp4\n")
	hls := filepath.Join(work, "hls.mp4")
	writeFile(t, hls, "#EXTM3U\n#EXT-X-VERSION:3\n#EXT-X-TARGETDURATION:2\n#EXTINF:2.0,\n"+url+"/segment.ts\n#EXT-X-ENDLIST\n")
	pls := filepath.Join(work, "pls.mp4")
	writeFile(t, pls, "[playlist]\nFile1="+url+"/remote.mp4\nNumberOfEntries=1\n")
	subs := filepath.Join(work, "subs.srt")
	writeFile(t, subs, "#EXTM3U\n"+url+"/remote.srt\n")

	p := newPlayer(t)
	var items []player.Source
	for _, path := range []string{m3u, hls, pls, filepath.Join(dir, "red.mp4")} {
		items = append(items, player.Source{Path: path})
	}
	items[3].Subtitles = subs
	var mu sync.Mutex
	var started []string
	loop := player.NewLoop(p, items, player.LoopOptions{
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnEvent: func(e player.LoopEvent) {
			if e.Kind == player.ItemStarted {
				mu.Lock()
				started = append(started, filepath.Base(e.Source.Path))
				mu.Unlock()
			}
		},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := loop.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSubtitles(subs); !errors.Is(err, media.ErrNotSubtitle) {
		t.Errorf("a playlist as subtitles: %v, want ErrNotSubtitle", err)
	}
	time.Sleep(500 * time.Millisecond) // a fetch started late would show now
	if n := requests.Load(); n != 0 {
		t.Fatalf("the player made %d requests to the network", n)
	}
	mu.Lock()
	defer mu.Unlock()
	if !slices.Equal(started, []string{"red.mp4"}) {
		t.Fatalf("started %v, want only the real clip", started)
	}
}
