package app

import (
	"errors"
	"log/slog"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"showhall/store"
)

// ExitTooNew is the kiosk's exit status when its data folder was written
// by a newer showhall: starting again cannot help, so the systemd units
// list it in RestartPreventExitStatus= (packaging/README.md).
const ExitTooNew = 3

// startFailure decides what a kiosk does when its data folder cannot be
// opened. A database from a newer showhall is not a crash: restarting
// would loop with the hall dark, so the kiosk shows the maintenance
// screen until a technician stops it, then exits with ExitTooNew. Any
// other failure exits with ExitFailure and the service starts it again.
func startFailure(err error) (code int, maintenance bool) {
	if errors.Is(err, store.ErrTooNew) {
		return ExitTooNew, true
	}
	return ExitFailure, false
}

// maintenanceLines is what the screen says, in the hall's three
// languages, then for the technician.
var maintenanceLines = []string{
	"本屏幕正在维护，请稍后再来。",
	"本螢幕正在維護，請稍後再來。",
	"This screen is under maintenance; please come back later.",
}

// maintenanceScreen is the whole window of a kiosk that cannot show its
// catalogue: one sentence in three languages for visitors, and for the
// technician what happened and where the data is.
func maintenanceScreen(dataDir string) fyne.CanvasObject {
	lines := []fyne.CanvasObject{layout.NewSpacer()}
	for _, l := range maintenanceLines {
		t := canvas.NewText(l, theme.Color(theme.ColorNameForeground))
		t.TextSize = 48
		t.Alignment = fyne.TextAlignCenter
		lines = append(lines, t)
	}
	tech := canvas.NewText("The data folder "+dataDir+" was written by a newer showhall: install that version, or move the folder aside to start from the demo catalogue.",
		theme.Color(theme.ColorNameDisabled))
	tech.TextSize = 20
	tech.Alignment = fyne.TextAlignCenter
	lines = append(lines, layout.NewSpacer(), tech)
	return container.NewStack(canvas.NewRectangle(theme.Color(theme.ColorNameBackground)), container.NewVBox(lines...))
}

// runMaintenance shows the maintenance screen until the service stops
// the kiosk, answering systemd's watchdog so it is not restarted.
func runMaintenance(a fyne.App, env *Env, log *slog.Logger, why error) int {
	log.Error("THE DATA FOLDER WAS WRITTEN BY A NEWER SHOWHALL: showing the maintenance screen. Install the newer showhall, or move the data folder aside to start from the demo catalogue",
		"data", env.DataDir, "error", why)
	win := a.NewWindow("showhall")
	win.SetPadded(false)
	win.SetContent(maintenanceScreen(env.DataDir))
	if env.Windowed {
		win.Resize(fyne.NewSize(1280, 720))
	} else {
		win.SetFullScreen(true)
		win.SetCloseIntercept(func() {})
	}
	wd, err := StartWatchdog(fyne.Do, log)
	if err != nil {
		log.Warn("watchdog", "error", err)
	}
	defer wd.Stop()
	wd.Ready()
	quitOnSignal(a, log, nil)
	win.ShowAndRun()
	return ExitTooNew
}
