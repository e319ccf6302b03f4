package main

import (
	"bufio"
	"context"
	"fmt"
	"log"
	"os"
	"os/exec"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"showhall/player"
	"showhall/player/mpv"
)

// The attract loop's path: mpv draws into a window with its own X11
// output, so no frame passes through Go. A frame is timed when mpv's
// playback position moves to it (the attract player has no audio, so the
// position is the frame mpv has just handed to its window), the same
// signal the kiosk's watchdog counts.

// display starts a virtual screen of the bench's size and returns the
// id of its root window, the window the embedded player draws into, and
// a function that stops it.
func display() (uintptr, func()) {
	r, w, err := os.Pipe()
	check(err)
	cmd := exec.Command("Xvfb", "-screen", "0", fmt.Sprintf("%dx%dx24", *surfW, *surfH), "-nolisten", "tcp", "-displayfd", "3")
	cmd.ExtraFiles = []*os.File{w}
	check(cmd.Start())
	w.Close()
	stop := func() { cmd.Process.Kill(); cmd.Wait() }
	line, err := bufio.NewReader(r).ReadString('\n')
	if err != nil {
		stop()
		log.Fatalf("Xvfb gave no display number: %v", err)
	}
	name := ":" + strings.TrimSpace(line)
	os.Setenv("DISPLAY", name)
	out, err := exec.Command("xwininfo", "-root", "-display", name).Output()
	if err != nil {
		stop()
		log.Fatalf("xwininfo (x11-utils): %v", err)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if _, id, ok := strings.Cut(l, "Window id: "); ok {
			if v, err := strconv.ParseUint(strings.Fields(id)[0], 0, 64); err == nil {
				return uintptr(v), stop
			}
		}
	}
	stop()
	log.Fatalf("no root window id in:\n%s", out)
	return 0, nil
}

// shown is one frame mpv put in its window: when, and at which position.
type shown struct {
	at  time.Time
	pos time.Duration
}

// watch records every move of an embedded player's frame count.
func watch(ctx context.Context, p *mpv.Player) func() []shown {
	var mu sync.Mutex
	var frames []shown
	seen := p.Frames()
	go func() {
		for {
			select {
			case <-ctx.Done():
				return
			case <-p.Redraw():
			}
			if n := p.Frames(); n != seen {
				seen = n
				f := shown{at: time.Now(), pos: p.Position()}
				mu.Lock()
				frames = append(frames, f)
				mu.Unlock()
			}
		}
	}()
	return func() []shown {
		mu.Lock()
		defer mu.Unlock()
		return slices.Clone(frames)
	}
}

func embeddedPlayer(root uintptr) *mpv.Player {
	p := newPlayer()
	check(p.Embed(root))
	return p
}

// playEmbedded loops three 2 s clips (red, green, blue, 720p) drawn into
// the window for 21 s, as the list that as makes of them, and returns the
// frames shown.
func playEmbedded(dir string, root uintptr, as func([]player.Source) []player.Source) []shown {
	var items []player.Source
	for _, c := range []string{"red", "green", "blue"} {
		items = append(items, player.Source{Path: clip(dir, "e"+c+".mp4", "color=c="+c+":s=1280x720:r=30:d=2")})
	}
	p := embeddedPlayer(root)
	defer p.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 21*time.Second)
	defer cancel()
	frames := watch(ctx, p)
	player.NewLoop(p, as(items), player.LoopOptions{Repeat: true}).Run(ctx)
	return frames()
}

// embedGapBench loops three 2 s clips drawn into the window, one file
// after the other (the attract loop's way before timelines), and times
// the step from the last frame of one to the first of the next (the
// position going back to the start) against the steps inside a clip.
func embedGapBench(dir string, root uintptr, report func(string, ...any)) {
	f := playEmbedded(dir, root, func(items []player.Source) []player.Source { return items })
	var gaps, within []time.Duration
	for i := 1; i < len(f); i++ {
		step := f[i].at.Sub(f[i-1].at)
		if f[i].pos < f[i-1].pos-500*time.Millisecond {
			gaps = append(gaps, step)
		} else if i > 1 && f[i-1].pos >= f[i-2].pos {
			within = append(within, step)
		}
	}
	if len(gaps) == 0 || len(within) == 0 {
		report("| Gap between playlist items, drawn into the window | no transition seen (%d frames) | |", len(f))
		return
	}
	report("| Gap between playlist items, **drawn into the window**, one file after the other: last frame of one to first frame of the next, timed by mpv's position (%d transitions of 720p H.264 clips, %d frames) | median %s, worst %s (a normal frame-to-frame step here: median %s) | at most one frame interval (33 ms) beyond the normal step, i.e. ≤ 67 ms |",
		len(gaps), len(f), ms(median(gaps)), ms(slices.Max(gaps)), ms(median(within)))
}

// embedFirstBench times Load to the first frame drawn into the window,
// from a stopped player each time (mpv closes its window on Stop).
func embedFirstBench(dir string, root uintptr, report func(string, ...any)) {
	src := player.Source{Path: clip(dir, "efirst.mp4", "testsrc2=s=1920x1080:r=30:d=3")}
	p := embeddedPlayer(root)
	defer p.Close()
	var times []time.Duration
	for range 10 {
		p.Stop()
		time.Sleep(200 * time.Millisecond)
		n := p.Frames()
		t0 := time.Now()
		check(p.Load(src))
		for time.Since(t0) < 5*time.Second {
			if p.Frames() != n {
				times = append(times, time.Since(t0))
				break
			}
			time.Sleep(time.Millisecond)
		}
	}
	if len(times) == 0 {
		report("| Play to first frame, drawn into the window | no frame | < 300 ms |")
		return
	}
	report("| Play to first frame, **drawn into the window** (load of a 1080p H.264 file to its first frame, 10 tries) | median %s, worst %s | < 300 ms |",
		ms(median(times)), ms(slices.Max(times)))
}

// embedTimelineGapBench plays the same three clips as the attract loop
// does: one timeline (player.Timeline) that starts over by itself, so
// mpv switches parts inside one playback instead of ending one file and
// opening the next. The position runs on across parts, so a step is a
// transition when it crosses a part's start (or the timeline starts
// over).
func embedTimelineGapBench(dir string, root uintptr, report func(string, ...any)) {
	f := playEmbedded(dir, root, func(items []player.Source) []player.Source {
		return []player.Source{player.NewTimeline(items)}
	})
	var gaps, within, over []time.Duration
	const part = 2 * time.Second
	for i := 1; i < len(f); i++ {
		step := f[i].at.Sub(f[i-1].at)
		a, b := f[i-1].pos, f[i].pos
		switch {
		case b < a:
			over = append(over, step)
			gaps = append(gaps, step)
		case a/part != b/part:
			gaps = append(gaps, step)
		case i > 1 && a >= f[i-2].pos:
			within = append(within, step)
		}
	}
	if len(gaps) == 0 || len(within) == 0 {
		report("| Gap between clips of one timeline, drawn into the window | no transition seen (%d frames) | |", len(f))
		return
	}
	overs := "none"
	if len(over) > 0 {
		overs = fmt.Sprintf("median %s, worst %s", ms(median(over)), ms(slices.Max(over)))
	}
	report("| Gap between clips played as **one timeline** (the attract loop's way since 2026-12-03), drawn into the window: last frame of one to first frame of the next (%d transitions of 720p H.264 clips, %d frames) | median %s, worst %s (a normal step: median %s; of them, the %d starts over: %s) | ≤ 67 ms |",
		len(gaps), len(f), ms(median(gaps)), ms(slices.Max(gaps)), ms(median(within)), len(over), overs)
}
