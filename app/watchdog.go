package app

import (
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strconv"
	"sync"
	"time"
)

// Watchdog speaks systemd's notify protocol (sd_notify(3)): READY=1 once
// the kiosk shows its first frame, then WATCHDOG=1 at half the interval
// systemd asked for (WatchdogSec=), and STOPPING=1 on a clean stop.
//
// A ping is sent only after a function posted to the UI goroutine has
// run, so a UI loop that hangs stops the pings and systemd restarts the
// kiosk, even though the process and its other goroutines are alive.
//
// The core does not import Fyne: the caller passes the UI executor
// (fyne.Do in the app, a plain function in tests). When NOTIFY_SOCKET is
// unset (a laptop, a developer's terminal) every method does nothing.
type Watchdog struct {
	socket   string        // $NOTIFY_SOCKET; "" when not run by systemd
	interval time.Duration // between pings; 0 when systemd wants none
	runOnUI  func(func())
	log      *slog.Logger

	readyOnce sync.Once
	stopOnce  sync.Once
	stop      chan struct{}
	done      chan struct{}
}

// StartWatchdog reads what systemd put in the environment, removes it so
// that child processes do not talk to systemd in showhall's name, and
// starts pinging through runOnUI. runOnUI must run its argument on the UI
// goroutine; it may return at once (fyne.Do) or wait (fyne.DoAndWait).
//
// The returned Watchdog is never nil, even with an error: an environment
// that cannot be understood is reported and the watchdog stays off, since
// a kiosk that runs unwatched beats a kiosk that does not run.
func StartWatchdog(runOnUI func(func()), log *slog.Logger) (*Watchdog, error) {
	w := &Watchdog{
		socket:  os.Getenv("NOTIFY_SOCKET"),
		runOnUI: runOnUI,
		log:     log,
		stop:    make(chan struct{}),
		done:    make(chan struct{}),
	}
	usec, pid := os.Getenv("WATCHDOG_USEC"), os.Getenv("WATCHDOG_PID")
	for _, k := range []string{"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"} {
		os.Unsetenv(k)
	}
	if w.socket == "" {
		close(w.done)
		return w, nil
	}
	var err error
	w.interval, err = pingInterval(usec, pid, os.Getpid())
	if err != nil {
		err = fmt.Errorf("systemd watchdog left off: %w", err)
	}
	if w.interval == 0 {
		close(w.done)
		return w, err
	}
	if runOnUI == nil {
		close(w.done)
		return w, errors.New("systemd watchdog left off: no UI executor given")
	}
	log.Info("systemd watchdog on", "ping_every", w.interval)
	go w.loop()
	return w, err
}

// pingInterval is half of WATCHDOG_USEC, or 0 when systemd wants no
// pings from this process (no watchdog, or it watches another PID).
func pingInterval(usec, pid string, self int) (time.Duration, error) {
	if usec == "" {
		return 0, nil
	}
	if pid != "" {
		p, err := strconv.Atoi(pid)
		if err != nil {
			return 0, fmt.Errorf("WATCHDOG_PID=%q is not a process id", pid)
		}
		if p != self {
			return 0, fmt.Errorf("WATCHDOG_PID=%d names another process (this is %d)", p, self)
		}
	}
	u, err := strconv.ParseUint(usec, 10, 63)
	if err != nil || u == 0 {
		return 0, fmt.Errorf("WATCHDOG_USEC=%q is not a positive number of microseconds", usec)
	}
	return time.Duration(u) * time.Microsecond / 2, nil
}

// Enabled reports whether systemd is listening.
func (w *Watchdog) Enabled() bool { return w != nil && w.socket != "" }

// Ready tells systemd that the kiosk is up (call it once the first frame
// is on screen); later calls do nothing.
func (w *Watchdog) Ready() {
	if !w.Enabled() {
		return
	}
	w.readyOnce.Do(func() {
		if err := w.notify("READY=1\nSTATUS=showing the kiosk"); err != nil {
			w.log.Warn("could not tell systemd the kiosk is ready", "error", err)
		}
	})
}

// Stop ends the pings and tells systemd the stop is deliberate. Safe to
// call more than once, and on a nil or disabled Watchdog.
func (w *Watchdog) Stop() {
	if !w.Enabled() {
		return
	}
	w.stopOnce.Do(func() {
		close(w.stop)
		<-w.done
		if err := w.notify("STOPPING=1"); err != nil {
			w.log.Warn("could not tell systemd the kiosk is stopping", "error", err)
		}
	})
}

// loop posts one check to the UI goroutine at a time and pings systemd
// each time a check has run since the last ping. A check still waiting
// means the UI is stuck: no new one is posted (the queue must not grow
// while the UI is stuck) and no ping is sent.
func (w *Watchdog) loop() {
	defer close(w.done)
	answered := make(chan struct{}, 1)
	pending := false
	post := func() {
		pending = true
		// In its own goroutine, so that an executor that waits for the
		// UI (fyne.DoAndWait) cannot block the loop and Stop.
		go w.runOnUI(func() {
			select {
			case answered <- struct{}{}:
			default:
			}
		})
	}
	post()
	tick := time.NewTicker(w.interval)
	defer tick.Stop()
	var stuckSince time.Time
	for {
		select {
		case <-w.stop:
			return
		case <-answered:
			pending = false
			if !stuckSince.IsZero() {
				w.log.Warn("the UI goroutine answers again", "stuck_for", time.Since(stuckSince).Round(time.Millisecond))
				stuckSince = time.Time{}
			}
			if err := w.notify("WATCHDOG=1"); err != nil {
				w.log.Warn("could not ping systemd's watchdog", "error", err)
			}
		case <-tick.C:
			if !pending {
				post()
			} else if stuckSince.IsZero() {
				stuckSince = time.Now()
				w.log.Error("the UI goroutine has not answered; systemd will restart the kiosk if it stays stuck",
					"waited", w.interval)
			}
		}
	}
}

// notify sends one datagram to systemd. A socket name starting with '@'
// is in the abstract namespace; Go's net package maps '@' to the leading
// NUL byte the kernel expects.
func (w *Watchdog) notify(state string) error {
	conn, err := net.DialUnix("unixgram", nil, &net.UnixAddr{Name: w.socket, Net: "unixgram"})
	if err != nil {
		return err
	}
	defer conn.Close()
	_, err = conn.Write([]byte(state))
	return err
}
