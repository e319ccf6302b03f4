package mpv_test

import (
	"context"
	"debug/elf"
	"image"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"showhall/player"
	"showhall/player/mpv"
)

func newPlayer(t *testing.T) *mpv.Player {
	t.Helper()
	p, err := mpv.New(mpv.Options{Mute: true, Extra: map[string]string{"ao": "null"},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	need(t, "libmpv", err)
	t.Cleanup(func() { p.Close() })
	return p
}

// surface renders every frame the player offers, as the widget does, and
// remembers the colour of each new frame.
type surface struct {
	mu     sync.Mutex
	colors []string
	img    *image.RGBA
}

func watch(ctx context.Context, p player.Player, w, h int) *surface {
	s := &surface{img: image.NewRGBA(image.Rect(0, 0, w, h))}
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-p.Redraw():
				fresh, err := p.Render(s.img)
				if err != nil || !fresh {
					continue
				}
				c := classify(s.img)
				s.mu.Lock()
				if n := len(s.colors); n == 0 || s.colors[n-1] != c {
					s.colors = append(s.colors, c)
				}
				s.mu.Unlock()
			}
		}
	}()
	return s
}

func (s *surface) seen() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.colors)
}

// classify names the colour of the frame's middle: red, green, blue,
// black or other.
func classify(img *image.RGBA) string {
	var r, g, b, n int
	bd := img.Bounds()
	for y := bd.Dy() / 4; y < bd.Dy()*3/4; y += 4 {
		for x := bd.Dx() / 4; x < bd.Dx()*3/4; x += 4 {
			c := img.RGBAAt(x, y)
			r, g, b, n = r+int(c.R), g+int(c.G), b+int(c.B), n+1
		}
	}
	r, g, b = r/n, g/n, b/n
	switch {
	case r < 16 && g < 16 && b < 16:
		return "black"
	case r > 150 && g < 60 && b < 60:
		return "red"
	case g > 80 && r < 60 && b < 60:
		return "green"
	case b > 150 && r < 60 && g < 60:
		return "blue"
	}
	return "other"
}

func TestPlaysInOrderAndSurvivesBrokenFiles(t *testing.T) {
	dir := fixtures(t)
	p := newPlayer(t)
	var items []player.Source
	for _, n := range []string{"red.mp4", "missing.mp4", "empty.mp4", "green.webm", "notvideo.mp4", "truncated.mp4", "blue.mp4"} {
		items = append(items, player.Source{Path: filepath.Join(dir, n)})
	}
	var mu sync.Mutex
	var started, skipped []string
	loop := player.NewLoop(p, items, player.LoopOptions{
		Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnEvent: func(e player.LoopEvent) {
			mu.Lock()
			defer mu.Unlock()
			switch e.Kind {
			case player.ItemStarted:
				started = append(started, filepath.Base(e.Source.Path))
			case player.ItemSkipped:
				skipped = append(skipped, filepath.Base(e.Source.Path))
				if e.Reason == nil {
					t.Errorf("%s skipped without a reason", e.Source.Path)
				}
			}
		},
	})
	ctx, cancel := context.WithTimeout(context.Background(), 40*time.Second)
	defer cancel()
	s := watch(ctx, p, 320, 180)
	if err := loop.Run(ctx); err != nil {
		t.Fatal(err)
	}
	if ctx.Err() != nil {
		t.Fatalf("the list did not finish in time; started %v", started)
	}
	mu.Lock()
	defer mu.Unlock()
	if want := []string{"red.mp4", "green.webm", "blue.mp4"}; !slices.Equal(started, want) {
		t.Errorf("started %v, want %v", started, want)
	}
	slices.Sort(skipped)
	if want := []string{"empty.mp4", "missing.mp4", "notvideo.mp4", "truncated.mp4"}; !slices.Equal(skipped, want) {
		t.Errorf("skipped %v, want %v", skipped, want)
	}
	// What the surface showed: the three colours in order, never black
	// between them.
	seen := s.seen()
	if got := slices.DeleteFunc(slices.Clone(seen), func(c string) bool { return c == "black" }); !slices.Equal(got, []string{"red", "green", "blue"}) {
		t.Errorf("surface showed %v", seen)
	}
	for i, c := range seen {
		if c == "black" && i > 0 && i < len(seen)-1 {
			t.Errorf("a black frame between clips: %v", seen)
		}
	}
}

func TestLoopsGaplessly(t *testing.T) {
	dir := fixtures(t)
	p := newPlayer(t)
	items := []player.Source{{Path: filepath.Join(dir, "red.mp4")}, {Path: filepath.Join(dir, "blue.mp4")}}
	var mu sync.Mutex
	var started []string
	loop := player.NewLoop(p, items, player.LoopOptions{Repeat: true,
		OnEvent: func(e player.LoopEvent) {
			if e.Kind == player.ItemStarted {
				mu.Lock()
				started = append(started, filepath.Base(e.Source.Path))
				mu.Unlock()
			}
		}})
	ctx, cancel := context.WithTimeout(context.Background(), 9*time.Second)
	defer cancel()
	s := watch(ctx, p, 160, 90)
	loop.Run(ctx)
	mu.Lock()
	defer mu.Unlock()
	if len(started) < 4 || started[2] != "red.mp4" {
		t.Fatalf("started %v; want red, blue, red, blue...", started)
	}
	for _, c := range s.seen()[1:] {
		if c == "black" || c == "other" {
			t.Fatalf("the loop showed %v", s.seen())
		}
	}
}

func TestRendersAtTheSurfaceSize(t *testing.T) {
	dir := fixtures(t)
	p := newPlayer(t)
	p.Pause()
	if err := p.Load(player.Source{Path: filepath.Join(dir, "hd.mp4")}); err != nil {
		t.Fatal(err)
	}
	img := image.NewRGBA(image.Rect(0, 0, 640, 360)) // a third of the 1080p source
	deadline := time.After(10 * time.Second)
	for {
		select {
		case <-p.Redraw():
		case <-deadline:
			t.Fatal("no frame of the paused 1080p clip within 10 s")
		}
		if fresh, err := p.Render(img); err != nil {
			t.Fatal(err)
		} else if fresh && classify(img) != "black" {
			break
		}
	}
	if p.Duration() < time.Second || p.Frames() == 0 {
		t.Fatalf("duration %v frames %d", p.Duration(), p.Frames())
	}
	for _, px := range []image.Point{{0, 0}, {639, 359}, {320, 180}} {
		if img.RGBAAt(px.X, px.Y).A != 255 {
			t.Fatalf("pixel %v not opaque", px)
		}
	}
	if err := p.Seek(time.Second); err != nil {
		t.Fatal(err)
	}
	time.Sleep(300 * time.Millisecond)
	if pos := p.Position(); pos < 900*time.Millisecond || pos > 1100*time.Millisecond || !p.Paused() {
		t.Fatalf("after a paused seek to 1 s: position %v paused %v", pos, p.Paused())
	}
}

func TestSubtitlesAndVolume(t *testing.T) {
	dir := fixtures(t)
	p := newPlayer(t)
	srt := filepath.Join(dir, "red.en.srt")
	writeFile(t, srt, "1\n00:00:00,000 --> 00:00:02,000\nHello hall\n")
	if err := p.Load(player.Source{Path: filepath.Join(dir, "red.mp4"), Subtitles: srt}); err != nil {
		t.Fatal(err)
	}
	if err := p.SetVolume(40); err != nil {
		t.Fatal(err)
	}
	if err := p.SetMute(false); err != nil {
		t.Fatal(err)
	}
	if err := p.SetSubtitles(""); err != nil {
		t.Fatal(err)
	}
}

// mpv starts scripts of its own beside any it is told to load: the
// on-screen controller, the statistics page, the console and the
// auto-profiles, each a Lua state on a thread of its own (about 1.5 MB
// of the kiosk's memory apiece). None of them is for a kiosk, so none
// may be running: a message to one of them finds no one.
func TestRunsNoScriptsOfItsOwn(t *testing.T) {
	p := newPlayer(t)
	for _, script := range []string{"osc", "stats", "console", "auto_profiles", "ytdl_hook"} {
		if err := p.Command("script-message-to", script, "showhall-hello"); err == nil {
			t.Errorf("mpv's %s script is running in the player", script)
		}
	}
}

func TestMissingLibraryIsAnError(t *testing.T) {
	_, err := mpv.New(mpv.Options{Library: "libshowhall-no-such-mpv.so.9"})
	if err == nil || !strings.Contains(err.Error(), "libshowhall-no-such-mpv.so.9") {
		t.Fatalf("got %v, want an error naming the library", err)
	}
}

// The point of dlopen: a program with this package starts without libmpv.
func TestProgramDoesNotLinkLibmpv(t *testing.T) {
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	f, err := elf.Open(exe)
	if err != nil {
		t.Skipf("not an ELF program: %v", err)
	}
	defer f.Close()
	libs, err := f.ImportedLibraries()
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range libs {
		if strings.Contains(l, "mpv") {
			t.Fatalf("the program needs %s to start", l)
		}
	}
}

// A PC that cannot keep up drops frames, and the player says how many,
// over every clip: here a 1080p clip asked to play a hundred times too
// fast, as no machine decodes it.
func TestCountsDroppedFrames(t *testing.T) {
	dir := fixtures(t)
	p, err := mpv.New(mpv.Options{Mute: true, Extra: map[string]string{"ao": "null", "speed": "100", "framedrop": "decoder+vo"},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	need(t, "libmpv", err)
	t.Cleanup(func() { p.Close() })
	if p.Dropped() != 0 {
		t.Fatalf("%d frames dropped before anything played", p.Dropped())
	}
	hd := player.Source{Path: filepath.Join(dir, "hd.mp4")}
	loop := player.NewLoop(p, []player.Source{hd, hd}, player.LoopOptions{Repeat: true})
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Second)
	defer cancel()
	watch(ctx, p, 160, 90)
	loop.Run(ctx)
	if p.Dropped() == 0 {
		t.Fatalf("no frame counted as dropped; mpv says frame-drop-count %s, decoder-frame-drop-count %s",
			p.Property("frame-drop-count"), p.Property("decoder-frame-drop-count"))
	}
	t.Logf("%d frames dropped, %d shown", p.Dropped(), p.Frames())
}
