package player

import (
	"context"
	"errors"
	"log/slog"
	"sync"
	"time"
)

// LoopOptions tune a Loop. The zero value plays the list once on the
// system clock with the default watchdog.
type LoopOptions struct {
	// Repeat starts over after the last source (the attract loop).
	Repeat bool
	Clock  Clock
	// FirstFrame and Stall are the watchdog's limits (0: the defaults).
	FirstFrame, Stall time.Duration
	// CheckEvery is how often the watchdog looks (0: 250 ms).
	CheckEvery time.Duration
	Log        *slog.Logger
	// OnEvent hears what the loop did, for statistics; it runs on Run's
	// goroutine and must not block.
	OnEvent func(LoopEvent)
}

// LoopEventKind says what the loop did with a source.
type LoopEventKind int

const (
	ItemStarted  LoopEventKind = iota + 1 // a source began to play
	ItemFinished                          // a source played to its end
	ItemSkipped                           // a source was dropped; Reason says why
)

// LoopEvent is one thing the loop did.
type LoopEvent struct {
	Kind   LoopEventKind
	Index  int
	Source Source
	Reason error // for ItemSkipped
}

// Loop plays a list of sources on one Player: each next source is queued
// as soon as the current one starts, so the player switches without a
// gap; a source that fails or trips the watchdog is dropped for the rest
// of the loop's life and the loop goes on with the others.
//
// Run drives it. Start, Handle and Check are the steps Run takes, exported
// so a test or another driver can take them itself; call them from one
// goroutine only.
type Loop struct {
	p     Player
	items []Source
	bad   []bool
	o     LoopOptions
	wd    Watchdog

	cur    int // the source playing or being opened; -1 for none
	queued int // the source queued after cur; -1 for none
	// opening: a Load was sent and its Started has not come back yet.
	opening bool
	done    bool
	err     error
}

// NewLoop prepares a loop over items; nothing plays before Start or Run.
func NewLoop(p Player, items []Source, o LoopOptions) *Loop {
	if o.Clock == nil {
		o.Clock = SystemClock{}
	}
	if o.CheckEvery <= 0 {
		o.CheckEvery = 250 * time.Millisecond
	}
	if o.Log == nil {
		o.Log = slog.Default()
	}
	return &Loop{p: p, items: items, bad: make([]bool, len(items)), o: o,
		wd: Watchdog{FirstFrame: o.FirstFrame, Stall: o.Stall}, cur: -1, queued: -1}
}

// Run plays until ctx is done (then it stops the player and returns nil),
// until a non-repeating list has played (nil), or until no source is left
// that plays (ErrNothingPlayable).
func (l *Loop) Run(ctx context.Context) error {
	// One loop at a time on a player. A new loop takes the player: the
	// one before it is told to stop, and the new one waits until it has
	// (a surface stopped and played again at once, a page that forgot to
	// stop its video). Its Stop must not land after our first Load, nor
	// its reads take our events.
	ctx, done := takePlayer(ctx, l.p)
	defer done()
	if ctx.Err() != nil {
		return nil
	}
	defer l.p.Stop()
	// Forget what an earlier loop on this player left unread (the end of
	// the video it stopped), so it is not taken for news about ours.
	for drained := false; !drained; {
		select {
		case <-l.p.Events():
		default:
			drained = true
		}
	}
	l.Start()
	tick, stop := l.o.Clock.NewTicker(l.o.CheckEvery)
	defer stop()
	for !l.done {
		select {
		case <-ctx.Done():
			return nil
		case ev := <-l.p.Events():
			l.Handle(ev)
		case <-tick:
			l.Check()
		}
	}
	return l.err
}

// holders is, for each player a loop has run on, the loop that holds it.
// Entries stay: an app has two or three players, made once.
var holders sync.Map // Player -> *holder

type holder struct {
	mu  sync.Mutex
	cur *hold
}

// hold is one loop's time on a player; finished is closed once it and
// every loop before it have let go of the player.
type hold struct {
	stop     context.CancelFunc
	finished chan struct{}
}

// takePlayer tells the loop holding p to stop, waits until it has, and
// returns ctx, now also ended by the next loop to take p, and the func
// that lets p go.
func takePlayer(ctx context.Context, p Player) (context.Context, func()) {
	h, _ := holders.LoadOrStore(p, &holder{})
	hd := h.(*holder)
	ctx, stop := context.WithCancel(ctx)
	mine := &hold{stop: stop, finished: make(chan struct{})}
	hd.mu.Lock()
	prev := hd.cur
	hd.cur = mine
	hd.mu.Unlock()
	if prev != nil {
		prev.stop()
		<-prev.finished // a stopped loop only stops its player: soon
	}
	return ctx, func() {
		stop()
		hd.mu.Lock()
		if hd.cur == mine {
			hd.cur = nil
		}
		hd.mu.Unlock()
		close(mine.finished)
	}
}

// Done reports whether the loop has finished, and with which error.
func (l *Loop) Done() (bool, error) { return l.done, l.err }

// Current is the index of the source playing, or -1.
func (l *Loop) Current() int { return l.cur }

// Start loads the first playable source.
func (l *Loop) Start() {
	if len(l.items) == 0 {
		l.finish(ErrNothingPlayable)
		return
	}
	l.load(0)
}

// Handle takes in one event of the player.
func (l *Loop) Handle(ev Event) {
	if l.done {
		return
	}
	switch ev.Kind {
	case Started:
		i := l.indexOf(ev.Path)
		if i < 0 {
			return // a source of an earlier Load, still draining
		}
		l.cur, l.opening = i, false
		if l.bad[i] { // queued before it was found broken
			l.skipCurrent()
			return
		}
		l.wd.Arm(l.o.Clock.Now(), l.p.Frames(), l.p.Position())
		l.emit(ItemStarted, i, nil)
		l.queueAfter(i)
	case Ended:
		if i := l.indexOf(ev.Path); i >= 0 {
			l.wd.Disarm()
			l.emit(ItemFinished, i, nil)
		}
		if l.queued < 0 {
			if l.o.Repeat && l.anyPlayable() {
				l.restart() // a timeline that did not start over by itself
			} else {
				l.finish(nil) // a list played once has ended
			}
		}
	case Failed:
		i := l.indexOf(ev.Path)
		if i < 0 {
			return
		}
		if i == l.cur {
			l.wd.Disarm()
			l.opening = false
		}
		l.drop(i, ev.Err)
		// The player moves on to the queued source by itself; queue
		// another when the queued one was this broken source.
		if l.queued < 0 || l.bad[l.queued] {
			l.queued = -1
			l.queueAfter(i)
			if l.queued < 0 && !l.anyPlayable() {
				l.finish(ErrNothingPlayable)
			}
		}
	case Idle:
		// A safety net: a queued source starts by itself when Queue
		// lands, and an idle report can trail a Load.
		if l.queued < 0 && !l.opening {
			l.restart()
		}
	}
}

// Check runs the watchdog once and skips the current source when stuck.
func (l *Loop) Check() {
	if l.done || l.cur < 0 {
		return
	}
	err := l.wd.Check(l.o.Clock.Now(), l.p.Frames(), l.p.Position(), l.p.Paused())
	if err != nil {
		l.drop(l.cur, err)
		l.skipCurrent()
	}
}

// skipCurrent leaves the current source for the queued one, or for the
// next playable source when nothing good is queued.
func (l *Loop) skipCurrent() {
	if l.queued >= 0 && !l.bad[l.queued] {
		if err := l.p.Next(); err == nil {
			return
		}
	}
	l.queued = -1
	l.restart()
}

// restart loads the next playable source after the current one.
func (l *Loop) restart() {
	next := l.following(l.cur)
	if next < 0 {
		if l.anyPlayable() && !l.o.Repeat {
			l.finish(nil)
		} else {
			l.finish(ErrNothingPlayable)
		}
		return
	}
	l.load(next)
}

func (l *Loop) load(i int) {
	i = l.firstPlayableFrom(i)
	if i < 0 {
		l.finish(ErrNothingPlayable)
		return
	}
	l.cur, l.queued, l.opening = i, -1, true
	l.wd.Arm(l.o.Clock.Now(), l.p.Frames(), 0) // an open that hangs is stuck too
	if err := l.p.Load(l.items[i]); err != nil {
		l.drop(i, err)
		l.restart()
	}
}

func (l *Loop) queueAfter(i int) {
	next := l.following(i)
	if next < 0 || l.items[i].RepeatsByItself() {
		l.queued = -1
		return
	}
	if err := l.p.Queue(l.items[next]); err != nil {
		l.o.Log.Warn("video: cannot queue", "path", l.items[next].Path, "err", err)
		l.queued = -1
		return
	}
	l.queued = next
}

// drop marks a source as broken for the rest of the loop, with a log
// line and an event.
func (l *Loop) drop(i int, reason error) {
	if l.bad[i] {
		return
	}
	l.bad[i] = true
	l.o.Log.Warn("video: skipping", "path", l.items[i].Path, "reason", reason)
	l.emit(ItemSkipped, i, reason)
}

// following is the next playable index after i (wrapping when
// repeating), or -1.
func (l *Loop) following(i int) int {
	n := len(l.items)
	for k := 1; k <= n; k++ {
		j := i + k
		if j >= n {
			if !l.o.Repeat {
				return -1
			}
			j %= n
		}
		if !l.bad[j] {
			return j
		}
	}
	return -1
}

func (l *Loop) firstPlayableFrom(i int) int {
	for ; i < len(l.items); i++ {
		if !l.bad[i] {
			return i
		}
	}
	return -1
}

func (l *Loop) anyPlayable() bool { return l.firstPlayableFrom(0) >= 0 }

// indexOf maps an event's path to the source it is about, preferring the
// queued and the current source when a path appears more than once.
func (l *Loop) indexOf(path string) int {
	for _, i := range []int{l.queued, l.cur} {
		if i >= 0 && l.items[i].Path == path {
			return i
		}
	}
	for i, s := range l.items {
		if s.Path == path {
			return i
		}
	}
	return -1
}

func (l *Loop) emit(k LoopEventKind, i int, reason error) {
	if l.o.OnEvent != nil {
		l.o.OnEvent(LoopEvent{Kind: k, Index: i, Source: l.items[i], Reason: reason})
	}
}

func (l *Loop) finish(err error) {
	l.done, l.err = true, err
	l.wd.Disarm()
	if errors.Is(err, ErrNothingPlayable) {
		l.o.Log.Warn("video: nothing left to play", "sources", len(l.items))
	}
}
