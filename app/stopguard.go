package app

import (
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"sync"
	"time"
)

// stopDeadline is how long a kiosk whose window has closed may take to let
// go of its players, database and network. It stops in well under a
// second; a service manager waits far longer (systemd: 90 s) before it
// kills, all that time with a dark screen and no restart.
const stopDeadline = 8 * time.Second

// ExitStopHung is the exit code of a kiosk that did not finish stopping
// in time; its service restarts it like any failure.
const ExitStopHung = 4

// stopGuard makes sure a kiosk that was asked to stop does stop. Past the
// deadline it writes where every goroutine stands, so the hang can be
// found from the journal, and leaves: nothing is lost by leaving, the
// catalogue's database is safe against a process that ends at any moment.
type stopGuard struct {
	log   *slog.Logger
	out   io.Writer
	exit  func(code int)
	mu    sync.Mutex
	timer *time.Timer
	done  bool
}

func newStopGuard(log *slog.Logger, out io.Writer) *stopGuard {
	return &stopGuard{log: log, out: out, exit: os.Exit}
}

// Arm starts the count as the window closes.
func (g *stopGuard) Arm(d time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	if g.done {
		return
	}
	g.timer = time.AfterFunc(d, func() {
		g.mu.Lock()
		finished := g.done
		g.mu.Unlock()
		if finished {
			return
		}
		g.log.Error("stopping took too long; leaving without finishing", "after", d)
		fmt.Fprintln(g.out, "showhall: where each goroutine stood when stopping took too long:")
		pprof.Lookup("goroutine").WriteTo(g.out, 2)
		g.exit(ExitStopHung)
	})
}

// Finished says everything stopped in time.
func (g *stopGuard) Finished() {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.done = true
	if g.timer != nil {
		g.timer.Stop()
	}
}
