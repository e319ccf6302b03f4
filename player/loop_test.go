package player_test

import (
	"context"
	"errors"
	"io"
	"log/slog"
	"slices"
	"testing"
	"time"

	"showhall/player"
	"showhall/player/playertest"
)

// rig is a loop on a fake player and a fake clock, stepped by hand.
type rig struct {
	t     *testing.T
	p     *playertest.Player
	clock *playertest.Clock
	loop  *player.Loop
	log   []player.LoopEvent
}

func newRig(t *testing.T, repeat bool, paths ...string) *rig {
	r := &rig{t: t, p: playertest.NewPlayer(), clock: playertest.NewClock()}
	items := make([]player.Source, len(paths))
	for i, p := range paths {
		items[i] = player.Source{Path: p}
	}
	r.loop = player.NewLoop(r.p, items, player.LoopOptions{
		Repeat: repeat, Clock: r.clock,
		Log:     slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnEvent: func(e player.LoopEvent) { r.log = append(r.log, e) },
	})
	return r
}

// run plays d of time in 100 ms steps, as Run would: events first, then
// the watchdog.
func (r *rig) run(d time.Duration) {
	const step = 100 * time.Millisecond
	for ; d > 0; d -= step {
		r.clock.Advance(step)
		r.p.Advance(step)
		r.drain()
		r.loop.Check()
		r.drain()
	}
}

func (r *rig) drain() {
	for {
		select {
		case ev := <-r.p.Events():
			r.loop.Handle(ev)
		default:
			return
		}
	}
}

func (r *rig) skipped() []string {
	var out []string
	for _, e := range r.log {
		if e.Kind == player.ItemSkipped {
			out = append(out, e.Source.Path)
		}
	}
	return out
}

func TestLoopPlaysInOrderAndWrapsGaplessly(t *testing.T) {
	r := newRig(t, true, "a.mp4", "b.mp4", "c.mp4")
	for _, p := range []string{"a.mp4", "b.mp4", "c.mp4"} {
		r.p.Add(p, playertest.Media{Duration: 2 * time.Second})
	}
	r.loop.Start()
	r.drain()
	if got := r.p.Queued(); got != "b.mp4" {
		t.Fatalf("while a plays, queued %q, want b.mp4 (queued before a ends)", got)
	}
	r.run(13 * time.Second) // six and a half items
	want := []string{"a.mp4", "b.mp4", "c.mp4", "a.mp4", "b.mp4", "c.mp4", "a.mp4"}
	if got := r.p.Played(); !slices.Equal(got, want) {
		t.Fatalf("played %v, want %v", got, want)
	}
	if r.p.Current() != "a.mp4" || r.p.Queued() != "b.mp4" {
		t.Fatalf("now %q queued %q", r.p.Current(), r.p.Queued())
	}
	if done, _ := r.loop.Done(); done {
		t.Fatal("a repeating loop finished")
	}
}

func TestLoopOnceFinishes(t *testing.T) {
	r := newRig(t, false, "a.mp4", "b.mp4")
	r.p.Add("a.mp4", playertest.Media{Duration: time.Second})
	r.p.Add("b.mp4", playertest.Media{Duration: time.Second})
	r.loop.Start()
	r.run(5 * time.Second)
	if got := r.p.Played(); !slices.Equal(got, []string{"a.mp4", "b.mp4"}) {
		t.Fatalf("played %v", got)
	}
	if done, err := r.loop.Done(); !done || err != nil {
		t.Fatalf("done %v err %v, want finished cleanly", done, err)
	}
}

func TestLoopSkipsBrokenSourcesAndGoesOn(t *testing.T) {
	r := newRig(t, true, "missing.mp4", "a.mp4", "notvideo.txt", "b.mp4", "truncated.mp4")
	r.p.Add("a.mp4", playertest.Media{Duration: time.Second})
	r.p.Add("b.mp4", playertest.Media{Duration: time.Second})
	r.p.Add("notvideo.txt", playertest.Media{OpenErr: errors.New("unrecognized file format")})
	r.p.Add("truncated.mp4", playertest.Media{OpenErr: errors.New("invalid data")})
	r.loop.Start()
	r.run(6500 * time.Millisecond)
	want := []string{"a.mp4", "b.mp4", "a.mp4", "b.mp4", "a.mp4", "b.mp4", "a.mp4"}
	if got := r.p.Played(); !slices.Equal(got, want) {
		t.Fatalf("played %v, want %v", got, want)
	}
	// Each broken source is reported once, then left out.
	if got := r.skipped(); !slices.Equal(got, []string{"missing.mp4", "notvideo.txt", "truncated.mp4"}) {
		t.Fatalf("skipped %v", got)
	}
}

func TestLoopWithNothingPlayableGivesUp(t *testing.T) {
	r := newRig(t, true, "missing.mp4", "gone.mp4")
	r.loop.Start()
	r.run(time.Second)
	if done, err := r.loop.Done(); !done || !errors.Is(err, player.ErrNothingPlayable) {
		t.Fatalf("done %v err %v, want ErrNothingPlayable", done, err)
	}
	empty := newRig(t, true)
	empty.loop.Start()
	if _, err := empty.loop.Done(); !errors.Is(err, player.ErrNothingPlayable) {
		t.Fatalf("an empty list: %v", err)
	}
}

func TestWatchdogSkipsAVideoWithoutFrames(t *testing.T) {
	r := newRig(t, true, "black.mp4", "a.mp4")
	r.p.Add("black.mp4", playertest.Media{Duration: time.Minute, NoFrames: true})
	r.p.Add("a.mp4", playertest.Media{Duration: 3 * time.Second})
	r.loop.Start()
	r.run(4900 * time.Millisecond)
	if r.p.Current() != "black.mp4" {
		t.Fatalf("skipped before 5 s: now %q", r.p.Current())
	}
	r.run(200 * time.Millisecond)
	if r.p.Current() != "a.mp4" {
		t.Fatalf("not skipped after 5 s: now %q", r.p.Current())
	}
	if got := r.skipped(); len(got) != 1 || !errors.Is(r.log[len(r.log)-2].Reason, player.ErrNoFirstFrame) {
		t.Fatalf("skip log %v %+v", got, r.log)
	}
	r.run(10 * time.Second) // a alone now loops
	for _, p := range r.p.Played()[2:] {
		if p != "a.mp4" {
			t.Fatalf("played %v after the skip", r.p.Played())
		}
	}
}

func TestWatchdogSkipsAStalledVideo(t *testing.T) {
	r := newRig(t, true, "a.mp4", "stalls.mp4", "b.mp4")
	r.p.Add("a.mp4", playertest.Media{Duration: time.Second})
	r.p.Add("stalls.mp4", playertest.Media{Duration: time.Minute, StallAt: 2 * time.Second})
	r.p.Add("b.mp4", playertest.Media{Duration: time.Second})
	r.loop.Start()
	r.run(time.Second + 2*time.Second + 9800*time.Millisecond) // a, then stalls is stuck for 9.8 s
	if r.p.Current() != "stalls.mp4" {
		t.Fatalf("skipped too early: now %q", r.p.Current())
	}
	r.run(300 * time.Millisecond)
	if r.p.Current() != "b.mp4" {
		t.Fatalf("stalled video not skipped: now %q", r.p.Current())
	}
	if got := r.skipped(); !slices.Equal(got, []string{"stalls.mp4"}) {
		t.Fatalf("skipped %v", got)
	}
}

func TestWatchdogIgnoresPause(t *testing.T) {
	r := newRig(t, false, "a.mp4")
	r.p.Add("a.mp4", playertest.Media{Duration: time.Minute})
	r.loop.Start()
	r.run(time.Second)
	r.p.Pause()
	r.run(30 * time.Second)
	r.p.Play()
	r.run(time.Second)
	if r.p.Current() != "a.mp4" || len(r.skipped()) != 0 {
		t.Fatalf("a paused video was skipped: %v", r.skipped())
	}
}

// Run is the same steps on real goroutines; it stops the player when told.
func TestRunStopsWhenCancelled(t *testing.T) {
	p := playertest.NewPlayer()
	p.Add("a.mp4", playertest.Media{Duration: time.Second})
	clock := playertest.NewClock()
	started := make(chan player.LoopEvent, 8)
	loop := player.NewLoop(p, []player.Source{{Path: "a.mp4"}}, player.LoopOptions{
		Repeat: true, Clock: clock,
		OnEvent: func(e player.LoopEvent) { started <- e },
	})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	go func() { done <- loop.Run(ctx) }()
	select {
	case e := <-started:
		if e.Kind != player.ItemStarted || e.Source.Path != "a.mp4" {
			t.Fatalf("first event %+v", e)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Run did not start the first source")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	if p.Current() != "" {
		t.Fatalf("still playing %q after Run returned", p.Current())
	}
}

// sharedPlayer is a fake player with a.mp4 and b.mp4, a minute each, on
// which the tests below run loops of their own.
type sharedPlayer struct {
	p     *playertest.Player
	clock *playertest.Clock
}

func newSharedPlayer() *sharedPlayer {
	p := playertest.NewPlayer()
	p.Add("a.mp4", playertest.Media{Duration: time.Minute})
	p.Add("b.mp4", playertest.Media{Duration: time.Minute})
	return &sharedPlayer{p: p, clock: playertest.NewClock()}
}

// run starts Run of a repeating loop over path on its own goroutine; it
// returns Run's result and the loop's events as they come.
func (s *sharedPlayer) run(ctx context.Context, path string) (chan error, chan player.LoopEvent) {
	events := make(chan player.LoopEvent, 16)
	loop := player.NewLoop(s.p, []player.Source{{Path: path}}, player.LoopOptions{
		Repeat: true, Clock: s.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnEvent: func(e player.LoopEvent) { events <- e },
	})
	done := make(chan error, 1)
	go func() { done <- loop.Run(ctx) }()
	return done, events
}

// TestALoopWaitsForTheOneBeforeToStop: a surface stopped and played again
// at once runs a new loop while the old one is still stopping. The new
// loop's video must not be stopped by the old loop's last act, nor its
// events read by it. Repeated, as the two goroutines meet differently
// each time.
func TestALoopWaitsForTheOneBeforeToStop(t *testing.T) {
	sp := newSharedPlayer()
	p := sp.p
	start := func(path string) (context.CancelFunc, chan error, chan player.LoopEvent) {
		ctx, cancel := context.WithCancel(context.Background())
		done, events := sp.run(ctx, path)
		return cancel, done, events
	}
	startedIn := func(events chan player.LoopEvent, path string) bool {
		for {
			select {
			case e := <-events:
				if e.Kind == player.ItemStarted && e.Source.Path == path {
					return true
				}
			case <-time.After(5 * time.Second):
				return false
			}
		}
	}
	for i := range 30 {
		stopA, doneA, eventsA := start("a.mp4")
		if !startedIn(eventsA, "a.mp4") {
			t.Fatalf("round %d: a did not start", i)
		}
		stopA()
		stopB, doneB, eventsB := start("b.mp4")
		if !startedIn(eventsB, "b.mp4") {
			t.Fatalf("round %d: the second loop never heard its video start", i)
		}
		<-doneA
		if got := p.Current(); got != "b.mp4" {
			t.Fatalf("round %d: playing %q once the first loop has stopped, want b.mp4", i, got)
		}
		stopB()
		<-doneB
	}
}

// TestANewLoopTakesThePlayerFromOneStillRunning: a page that left its
// video running must not keep the player from the next one: the new loop
// stops the old and plays.
func TestANewLoopTakesThePlayerFromOneStillRunning(t *testing.T) {
	sp := newSharedPlayer()
	p := sp.p
	never := context.Background() // neither loop is ever cancelled
	doneA, eventsA := sp.run(never, "a.mp4")
	if e := <-eventsA; e.Kind != player.ItemStarted {
		t.Fatalf("a: first event %+v", e)
	}
	doneB, eventsB := sp.run(never, "b.mp4")
	select {
	case err := <-doneA:
		if err != nil {
			t.Fatalf("the first loop ended with %v", err)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the first loop still runs after a second took the player")
	}
	select {
	case e := <-eventsB:
		if e.Kind != player.ItemStarted || e.Source.Path != "b.mp4" || p.Current() != "b.mp4" {
			t.Fatalf("b: first event %+v, playing %q", e, p.Current())
		}
	case <-time.After(5 * time.Second):
		t.Fatal("the second loop never started")
	}
	select {
	case err := <-doneB:
		t.Fatalf("the second loop ended (%v) though nothing took the player from it", err)
	default:
	}
}

// A timeline starts over by itself: nothing is queued after it. On a
// player that plays it to its end anyway, the attract loop opens it
// again rather than going dark.
func TestLoopQueuesNothingAfterATimelineAndReopensItAtItsEnd(t *testing.T) {
	r := &rig{t: t, p: playertest.NewPlayer(), clock: playertest.NewClock()}
	tl := player.NewTimeline([]player.Source{{Path: "a.mp4"}, {Path: "b.mp4", Subtitles: "b.srt"}})
	r.p.Add(tl.Path, playertest.Media{Duration: 4 * time.Second})
	r.loop = player.NewLoop(r.p, []player.Source{tl}, player.LoopOptions{
		Repeat: true, Clock: r.clock, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnEvent: func(e player.LoopEvent) { r.log = append(r.log, e) },
	})
	r.loop.Start()
	r.drain()
	if q := r.p.Queued(); q != "" {
		t.Fatalf("queued after a timeline: %q", q)
	}
	r.run(9 * time.Second)
	if done, err := r.loop.Done(); done {
		t.Fatalf("the loop ended (%v) when its timeline did", err)
	}
	if got := r.p.Played(); len(got) < 3 || got[0] != tl.Path || got[2] != tl.Path {
		t.Fatalf("played %v, want the timeline opened again at each end", got)
	}
	if s := r.skipped(); len(s) > 0 {
		t.Fatalf("skipped %v", s)
	}
}
