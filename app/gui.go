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

// newGUI makes the Fyne app in the hall's look, for the laptop modes
// (the curator's console, the roadshow), whose file dialogs remember
// their last folder in Fyne's preferences.
func newGUI() fyne.App {
	a := fyneapp.NewWithID(AppID)
	a.Settings().SetTheme(screens.HallTheme{})
	return a
}

// newKioskGUI makes the kiosk's Fyne app without Fyne's preferences: the
// kiosk keeps its settings in hall.db and has no file dialog. With an app
// id Fyne loads, watches and rewrites a preferences file of its own; its
// watcher read the file half written at shutdown, and a kiosk killed
// during that write left it empty, each logging "Preferences load error:
// EOF" into the journal. Without an id Fyne keeps them in memory only.
func newKioskGUI() fyne.App {
	a := fyneapp.NewWithID("")
	a.Settings().SetTheme(screens.HallTheme{})
	return a
}

// quitOnSignal ends the app cleanly on a technician's Ctrl+C or a
// service manager's stop. stopFirst, if any, runs on the UI goroutine
// before the quit: what posts to the UI all the time (a video's frames)
// stops there, as a post racing Fyne's closing queue panics.
func quitOnSignal(a fyne.App, log *slog.Logger, stopFirst func()) {
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	go func() {
		s := <-sig
		log.Info("stopping", "signal", s.String())
		fyne.Do(func() {
			if stopFirst != nil {
				stopFirst()
			}
			a.Quit()
		})
	}()
}
