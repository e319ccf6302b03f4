package mpv_test

import (
	"context"
	"log/slog"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"showhall/player"
	"showhall/player/mpv"
	"showhall/player/playertest"
)

// A timeline plays its parts in order, whatever their codecs, starts
// over by itself, and shows each part's subtitles while that part plays.
func TestTimelinePlaysItsPartsAndTheirSubtitlesAndStartsOver(t *testing.T) {
	dir := fixtures(t)
	var log playertest.Log
	p, err := mpv.New(mpv.Options{Mute: true, Extra: map[string]string{"ao": "null"},
		Log: slog.New(slog.NewTextHandler(&log, nil))})
	need(t, "libmpv", err)
	defer p.Close()
	srt := filepath.Join(dir, "green.tl.srt")
	writeFile(t, srt, "1\n00:00:00,000 --> 00:00:01,900\nGreen part\n")
	tl := player.NewTimeline([]player.Source{
		{Path: filepath.Join(dir, "red.mp4")},
		{Path: filepath.Join(dir, "green.webm"), Subtitles: srt},
		{Path: filepath.Join(dir, "blue.mp4")},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	s := watch(ctx, p, 160, 90)
	loop := player.NewLoop(p, []player.Source{tl}, player.LoopOptions{Repeat: true})
	go loop.Run(ctx)

	var subs []string
	for ctx.Err() == nil {
		seen := s.seen()
		if i := slices.Index(seen, "blue"); i >= 0 && slices.Contains(seen[i:], "red") {
			break // red, green, blue and red again
		}
		if txt := p.Property("sub-text"); txt != "" && !slices.Contains(subs, txt) {
			subs = append(subs, txt+" @"+classifyNow(p))
		}
		time.Sleep(20 * time.Millisecond)
	}
	seen := s.seen()
	if len(seen) < 4 || !slices.Equal(seen[:4], []string{"red", "green", "blue", "red"}) {
		t.Fatalf("the timeline showed %v; want red, green, blue, red", seen)
	}
	if len(subs) == 0 || subs[0] != "Green part @green" {
		t.Fatalf("subtitles seen: %q; want the green part's", subs)
	}
	if pos := p.Position(); pos > 6*time.Second {
		t.Fatalf("position %v: the timeline did not start over", pos)
	}
	if done, err := loop.Done(); done {
		t.Fatalf("the loop ended: %v", err)
	}
	// The decoder of each part, said once as it first plays.
	for _, want := range []string{"red.mp4 decoder=\"h264 (software)\"", "green.webm decoder=\"vp9 (software)\"", "blue.mp4 decoder=\"hevc (software)\""} {
		if n := strings.Count(log.String(), want); n != 1 {
			t.Errorf("%q logged %d times; log:\n%s", want, n, log.String())
		}
	}
}

// classifyNow names the part playing from the position (2 s each).
func classifyNow(p interface{ Position() time.Duration }) string {
	return []string{"red", "green", "blue"}[min(int(p.Position()/(2*time.Second)), 2)]
}

// A timeline with a part that cannot be read fails as a whole, so the
// one who built it can fall back to playing the parts one by one.
func TestTimelineWithABrokenPartFails(t *testing.T) {
	dir := fixtures(t)
	p := newPlayer(t)
	tl := player.NewTimeline([]player.Source{{Path: filepath.Join(dir, "red.mp4")}, {Path: filepath.Join(dir, "missing.mp4")}})
	ctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	err := player.NewLoop(p, []player.Source{tl}, player.LoopOptions{Repeat: true}).Run(ctx)
	if ctx.Err() != nil || err == nil {
		t.Fatalf("Run: %v (context: %v); want nothing playable", err, ctx.Err())
	}
	// The player is fine for plain files afterwards.
	if err := p.Load(player.Source{Path: filepath.Join(dir, "blue.mp4")}); err != nil {
		t.Fatal(err)
	}
	if got := p.Property("loop-file"); got != "no" {
		t.Fatalf("loop-file after a plain load: %q", got)
	}
}
