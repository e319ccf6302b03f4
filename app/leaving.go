package app

import (
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
)

// The kiosk leaves without closing Fyne's loop. Goroutines post work to
// the UI goroutine all the time (video frames, the idle watch, pictures
// decoded); while Fyne closes its queue on Quit, a post racing with the
// close panics the process ("send on closed channel", seen on the
// development machine in one stop in six). So the kiosk stops its own
// work on the UI goroutine, lets go of its stores from another, and ends
// the process, leaving the window and the video players to go with it.
// Freeing libmpv's players waited on the player's core to drop its
// video output: 2-9 s on a loaded machine, a dark screen all that time
// before the service could start the kiosk again.

// atExit adds a step to the kiosk's way out; steps run last added first,
// as deferred calls would.
func (k *kiosk) atExit(step func()) { k.exitSteps = append(k.exitSteps, step) }

// leave ends the kiosk with code. UI goroutine only.
func (k *kiosk) leave(code int) {
	if k.leaving {
		return
	}
	k.leaving = true
	k.exitCode = code
	k.stop()
	k.video.stop() // the surfaces' frame goroutines end
	go func() { k.exit(k.finish()) }()
}

// finish runs the steps out, within the stop guard's deadline, and
// returns the exit code.
func (k *kiosk) finish() int {
	k.guard.Arm(stopDeadline)
	for i := len(k.exitSteps) - 1; i >= 0; i-- {
		k.exitSteps[i]()
	}
	k.guard.Finished()
	return k.exitCode
}

// leaveOnSignal leaves cleanly on a technician's Ctrl+C or a service
// manager's stop. A UI too stuck to take it is the watchdog's to end.
func (k *kiosk) leaveOnSignal(log *slog.Logger) {
	k.signals = make(chan os.Signal, 1)
	signal.Notify(k.signals, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-k.signals
		log.Info("stopping", "signal", s.String())
		fyne.Do(func() { k.leave(ExitOK) })
	}()
}

// takeSignals makes the kiosk's way out the only one. Fyne's driver
// quits on the same signals, from a goroutine it starts with its loop:
// its quit would race the kiosk's (and close the window under the video
// player drawing into it). Once the first frame is drawn that goroutine
// has long listened; Reset takes every listener off and the kiosk's
// goes back on.
func (k *kiosk) takeSignals() {
	if k.signals == nil {
		return
	}
	signal.Reset(os.Interrupt, syscall.SIGTERM)
	signal.Notify(k.signals, os.Interrupt, syscall.SIGTERM)
}
