// Command videobench measures the libmpv player at its render surface and
// writes the results into BENCHMARKS.md's "## Video" section:
//
//	go run ./player/mpv/internal/videobench -write BENCHMARKS.md
//
// It generates its clips with ffmpeg in a temp dir. Frames are timed when
// Render returns them: mpv's software renderer blocks until a frame's
// display time, so that is when a visitor would see it (before Fyne's own
// upload, which is measured separately by the screens' benchmarks).
package main

import (
	"context"
	"flag"
	"fmt"
	"image"
	"io"
	"log"
	"log/slog"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"showhall/player"
	"showhall/player/mpv"
)

var (
	write    = flag.String("write", "", "replace the \"## Video\" section of this markdown file")
	only     = flag.String("only", "gap,first,egap,etimeline,efirst,drops,rss", "which measures to run (egap, etimeline, efirst: drawn into an X window, as the attract loop)")
	dropSecs = flag.Int("drop-seconds", 60, "seconds of 1080p30 to play for the dropped-frame count")
	loops    = flag.Int("loops", 500, "playlist loops for the memory measure")
	surfW    = flag.Int("w", 1920, "render surface width in pixels")
	surfH    = flag.Int("h", 1080, "render surface height in pixels")
)

const frameInterval = time.Second / 30

func main() {
	flag.Parse()
	dir, err := os.MkdirTemp("", "videobench-")
	check(err)
	defer os.RemoveAll(dir)

	var lines []string
	report := func(format string, args ...any) {
		s := fmt.Sprintf(format, args...)
		fmt.Println(s)
		lines = append(lines, s)
	}
	report("Measured %s on %s (%d CPUs) by `go run ./player/mpv/internal/videobench -write BENCHMARKS.md`; render surface %dx%d, software rendering (mpv's SW render API), hwdec option %s.",
		time.Now().UTC().Format("2006-01-02"), cpuName(), runtime.NumCPU(), *surfW, *surfH, hwdec())
	report("")
	report("| Measure | Result | Target |")
	report("|---|---|---|")
	want := func(name string) bool { return slices.Contains(strings.Split(*only, ","), name) }
	if want("gap") {
		gapBench(dir, report)
	}
	if want("first") {
		firstFrameBench(dir, report)
	}
	if want("egap") || want("efirst") || want("etimeline") {
		root, stop := display()
		if want("egap") {
			embedGapBench(dir, root, report)
		}
		if want("etimeline") {
			embedTimelineGapBench(dir, root, report)
		}
		if want("efirst") {
			embedFirstBench(dir, root, report)
		}
		stop()
	}
	if want("drops") {
		dropBench(dir, report)
	}
	if want("rss") {
		rssBench(dir, report)
	}
	report("")
	report("Frames are timed when the player's Render returns them into the surface's image (mpv's software renderer waits for each frame's display time), before Fyne uploads the image.")
	report("")
	report("The player limits glibc's malloc arenas to 2 (`mallopt`, see player/mpv/README.md). With glibc's default, the memory measure over 250 loops grew RSS by 73 MB (171 → 244 MB) against 3 MB with 2 arenas; compare with `MALLOC_ARENA_MAX=8 go run ./player/mpv/internal/videobench -only rss -loops 250`.")
	if *write != "" {
		check(writeSection(*write, lines))
		fmt.Println("wrote the Video section of", *write)
	}
}

// surface renders every frame offered, as the video widget does, and
// keeps (time, colour) of each new frame.
type surface struct {
	mu     sync.Mutex
	frames []frame
	keep   bool
}

type frame struct {
	at    time.Time
	color string
}

func render(ctx context.Context, p player.Player, w, h int, keep bool) *surface {
	s := &surface{keep: keep}
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-p.Redraw():
			}
			fresh, err := p.Render(img)
			if err != nil || !fresh {
				continue
			}
			f := frame{at: time.Now()}
			if s.keep {
				f.color = classify(img)
			}
			s.mu.Lock()
			s.frames = append(s.frames, f)
			s.mu.Unlock()
		}
	}()
	return s
}

func (s *surface) snapshot() []frame {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.frames)
}

func newPlayer() *mpv.Player {
	p, err := mpv.New(mpv.Options{Mute: true, Extra: map[string]string{"ao": "null"},
		Log: slog.New(slog.NewTextHandler(io.Discard, nil))})
	check(err)
	return p
}

// gapBench loops red, green, blue 720p clips and times each change of
// colour at the surface.
func gapBench(dir string, report func(string, ...any)) {
	var items []player.Source
	for _, c := range []string{"red", "green", "blue"} {
		items = append(items, player.Source{Path: clip(dir, c+".mp4", "color=c="+c+":s=1280x720:r=30:d=2")})
	}
	p := newPlayer()
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 21*time.Second)
	defer cancel()
	s := render(ctx, p, *surfW, *surfH, true)
	player.NewLoop(p, items, player.LoopOptions{Repeat: true}).Run(ctx)
	frames := s.snapshot()
	var gaps []time.Duration
	blacks := 0
	for i := 1; i < len(frames); i++ {
		if frames[i].color == "black" {
			blacks++
		}
		if frames[i].color != frames[i-1].color && frames[i-1].color != "black" {
			gaps = append(gaps, frames[i].at.Sub(frames[i-1].at))
		}
	}
	// Frame-to-frame within a clip, for comparison.
	var within []time.Duration
	for i := 1; i < len(frames); i++ {
		if frames[i].color == frames[i-1].color {
			within = append(within, frames[i].at.Sub(frames[i-1].at))
		}
	}
	if len(gaps) == 0 {
		report("| Gap between playlist items | no transition seen | |")
		return
	}
	worst := slices.Max(gaps)
	report("| Gap between playlist items: last frame of one to first frame of the next, at the surface (%d transitions of 720p H.264 clips) | median %s, worst %s (a normal frame-to-frame step here: median %s); black frames shown: %d | at most one frame interval (33 ms) beyond the normal step, i.e. ≤ 67 ms |",
		len(gaps), ms(median(gaps)), ms(worst), ms(median(within)), blacks)
}

// firstFrameBench times Load (what a tap on play does) to the first new
// frame at the surface, cold each time.
func firstFrameBench(dir string, report func(string, ...any)) {
	src := player.Source{Path: clip(dir, "first.mp4", "testsrc2=s=1920x1080:r=30:d=3")}
	p := newPlayer()
	defer p.Close()
	var times []time.Duration
	for range 10 {
		p.Stop()
		time.Sleep(200 * time.Millisecond)
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		s := render(ctx, p, *surfW, *surfH, true)
		t0 := time.Now()
		check(p.Load(src))
		for ctx.Err() == nil {
			if f := s.snapshot(); len(f) > 0 && f[len(f)-1].color != "black" {
				times = append(times, f[len(f)-1].at.Sub(t0))
				break
			}
			time.Sleep(time.Millisecond)
		}
		cancel()
	}
	if len(times) == 0 {
		report("| Play to first frame | no frame | < 300 ms |")
		return
	}
	report("| Play to first frame (load of a 1080p H.264 file to its first frame at the surface, 10 tries) | median %s, worst %s | < 300 ms |",
		ms(median(times)), ms(slices.Max(times)))

	// The kiosk opens the project videos' player at the first video a
	// visitor plays: that tap also pays for a new mpv core.
	var cold []time.Duration
	for range 5 {
		t0 := time.Now()
		q := newPlayer()
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		s := render(ctx, q, *surfW, *surfH, true)
		check(q.Load(src))
		for ctx.Err() == nil {
			if f := s.snapshot(); len(f) > 0 && f[len(f)-1].color != "black" {
				cold = append(cold, f[len(f)-1].at.Sub(t0))
				break
			}
			time.Sleep(time.Millisecond)
		}
		cancel()
		q.Close()
	}
	if len(cold) > 0 {
		report("| The same with a player opened for it (mpv.New, then Load: the first project video a kiosk plays; 5 tries) | median %s, worst %s | < 300 ms |",
			ms(median(cold)), ms(slices.Max(cold)))
	}
}

// dropBench plays a 1080p30 clip and counts the frames that reached the
// surface against those in the file.
func dropBench(dir string, report func(string, ...any)) {
	d := *dropSecs
	src := player.Source{Path: clip(dir, "hd60.mp4", fmt.Sprintf("testsrc2=s=1920x1080:r=30:d=%d", d))}
	p := newPlayer()
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), time.Duration(d+30)*time.Second)
	defer cancel()
	s := render(ctx, p, *surfW, *surfH, false)
	// mpv's own counters, read while the file plays (they vanish at its end).
	var mu sync.Mutex
	counters := ""
	go func() {
		for ctx.Err() == nil {
			if p.Position() > 0 {
				c := fmt.Sprintf("frame-drop-count %s, decoder-frame-drop-count %s, hwdec-current %q",
					p.Property("frame-drop-count"), p.Property("decoder-frame-drop-count"), p.Property("hwdec-current"))
				mu.Lock()
				counters = c
				mu.Unlock()
			}
			time.Sleep(500 * time.Millisecond)
		}
	}()
	player.NewLoop(p, []player.Source{src}, player.LoopOptions{}).Run(ctx)
	want := d * 30
	got := len(s.snapshot())
	dropped := max(0, want-got)
	report("| Frames dropped playing 1080p30 H.264 for %d s (new frames rendered at the surface: %d; frames in the file: %d) | %d (%.2f%%) | < 1%% |",
		d, got, want, dropped, 100*float64(dropped)/float64(want))
	mu.Lock()
	report("| mpv's own counters near the end of that file | %s | |", counters)
	mu.Unlock()
}

// rssBench loops a playlist of two very short clips and compares the
// resident memory after 10 loops with that after many.
func rssBench(dir string, report func(string, ...any)) {
	items := []player.Source{
		{Path: clip(dir, "short1.mp4", "testsrc2=s=640x360:r=30:d=0.3")},
		{Path: clip(dir, "short2.mp4", "color=c=orange:s=640x360:r=30:d=0.3")},
	}
	p := newPlayer()
	defer p.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	render(ctx, p, 640, 360, false)
	var mu sync.Mutex
	rss := map[int]int64{}
	n := 0
	loop := player.NewLoop(p, items, player.LoopOptions{Repeat: true, OnEvent: func(e player.LoopEvent) {
		if e.Kind != player.ItemStarted || e.Index != 0 {
			return
		}
		mu.Lock()
		defer mu.Unlock()
		n++
		if n == 11 || n == *loops+1 {
			debug.FreeOSMemory()
			rss[n-1] = rssKB()
			if n == *loops+1 {
				cancel()
			}
		}
		if n%50 == 0 {
			fmt.Fprintf(os.Stderr, "  %d loops, RSS %.1f MB\n", n, float64(rssKB())/1024)
		}
	}})
	t0 := time.Now()
	loop.Run(ctx)
	mu.Lock()
	defer mu.Unlock()
	growth := float64(rss[*loops]-rss[10]) / 1024
	report("| RSS after %d loops of a 2-item playlist vs after 10 (%s) | %.1f MB → %.1f MB: %+.1f MB | < 10 MB growth |",
		*loops, time.Since(t0).Round(time.Second), float64(rss[10])/1024, float64(rss[*loops])/1024, growth)
}

func clip(dir, name, src string) string {
	path := filepath.Join(dir, name)
	out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", src,
		"-c:v", "libx264", "-preset", "veryfast", "-pix_fmt", "yuv420p", path).CombinedOutput()
	if err != nil {
		log.Fatalf("ffmpeg %s: %v\n%s", name, err, out)
	}
	return path
}

// classify names the colour in the middle of a frame.
func classify(img *image.RGBA) string {
	c := img.RGBAAt(img.Rect.Dx()/2, img.Rect.Dy()/2)
	switch {
	case c.R < 16 && c.G < 16 && c.B < 16:
		return "black"
	case c.R > 150 && c.G < 80 && c.B < 80:
		return "red"
	case c.G > 80 && c.R < 80 && c.B < 80:
		return "green"
	case c.B > 150 && c.R < 80 && c.G < 80:
		return "blue"
	}
	return "other"
}

func hwdec() string {
	p := newPlayer()
	defer p.Close()
	return p.Property("hwdec")
}

func rssKB() int64 {
	b, err := os.ReadFile("/proc/self/status")
	check(err)
	for _, l := range strings.Split(string(b), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			v, _ := strconv.ParseInt(f[1], 10, 64)
			return v
		}
	}
	return 0
}

func cpuName() string {
	b, _ := os.ReadFile("/proc/cpuinfo")
	for _, l := range strings.Split(string(b), "\n") {
		if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
			return strings.TrimSpace(v)
		}
	}
	return runtime.GOARCH
}

func median(d []time.Duration) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[len(s)/2]
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }

// writeSection replaces (or appends) the "## Video" section of a file.
func writeSection(path string, lines []string) error {
	old, err := os.ReadFile(path)
	if err != nil && !os.IsNotExist(err) {
		return err
	}
	text := string(old)
	if text == "" {
		text = "# Benchmarks\n\nRerun everything with `make bench`; each section says how to rerun it alone.\n"
	}
	section := "## Video\n\n" + strings.Join(lines, "\n") + "\n"
	start := strings.Index(text, "## Video\n")
	if start < 0 {
		text = strings.TrimRight(text, "\n") + "\n\n" + section
	} else {
		end := len(text)
		if next := strings.Index(text[start+1:], "\n## "); next >= 0 {
			end = start + 1 + next + 1
		}
		text = text[:start] + section + map[bool]string{true: "\n", false: ""}[end < len(text)] + text[end:]
	}
	return os.WriteFile(path, []byte(text), 0o644)
}

func check(err error) {
	if err != nil {
		log.Fatal(err)
	}
}
