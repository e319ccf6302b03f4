package app

import (
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"fyne.io/fyne/v2"
	fyneapp "fyne.io/fyne/v2/app"

	"showhall/screens"
)

// newGUI makes the Fyne app in the hall's look, for every mode.
func newGUI() fyne.App {
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(screens.HallTheme{})
	return a
}

// quitOnSignal ends the app cleanly on a technician's Ctrl+C or a
// service manager's stop.
func quitOnSignal(a fyne.App, log *slog.Logger) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		log.Info("stopping", "signal", s.String())
		fyne.Do(a.Quit)
	}()
}
