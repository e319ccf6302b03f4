//go:build uifreeze

package app

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"fyne.io/fyne/v2"
)

// startFreezeHook, in a test build only (go build -tags uifreeze), makes
// SIGUSR2 block the UI goroutine for a minute, as a hang in a screen
// would, so that the end-to-end test sees the hall report the screen
// stuck while its other goroutines (and its hall endpoint) still answer.
func startFreezeHook() {
	ch := make(chan os.Signal, 1)
	signal.Notify(ch, syscall.SIGUSR2)
	go func() {
		for range ch {
			fyne.Do(func() { time.Sleep(time.Minute) })
		}
	}()
}
