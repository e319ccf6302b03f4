// Package uitest runs Fyne's test driver the way the real driver runs an
// application: what other goroutines hand to fyne.Do waits in a queue and
// runs on the test's own goroutine when the test lets it (Run, Wait,
// Eventually), as the real event loop runs it on the main goroutine.
//
// Fyne's test driver runs fyne.Do's function at once, on the goroutine
// that called it, so a player or a loader goroutine would change widgets
// while the test reads them: `go test -race` then reports the test
// driver's shortcut instead of the application's threading. With this
// app, widgets are touched from one goroutine only, and a race the
// detector still finds is a real one.
package uitest

import (
	"bytes"
	"runtime"
	"strconv"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// App is Fyne's test app with a main goroutine: the test's.
type App struct {
	fyne.App
	drv *driver
}

type driver struct {
	fyne.Driver
	owner uint64 // the goroutine that runs the queue

	mu     sync.Mutex
	queue  []queued
	closed bool // the test is over: later work is dropped
}

// queued is work handed to fyne.Do, and what its caller waits on.
type queued struct {
	f    func()
	done chan struct{}
}

// NewApp makes the test app current for t; t's goroutine is its main one.
func NewApp(t testing.TB) *App {
	t.Helper()
	var a *App
	// Registered first, so it runs last: after the test, this closed app
	// stays the current one, and work a goroutine of the test still hands
	// to fyne.Do is dropped here, not run at once by the plain test app
	// Fyne's own clean-up restores (where it would race with the next
	// test).
	t.Cleanup(func() { fyne.SetCurrentApp(a) })
	base := test.NewTempApp(t)
	a = &App{App: base, drv: &driver{Driver: base.Driver(), owner: goroutineID()}}
	fyne.SetCurrentApp(a)
	t.Cleanup(a.close)
	return a
}

// Driver is the test driver with a queue for other goroutines' work.
func (a *App) Driver() fyne.Driver { return a.drv }

func (d *driver) DoFromGoroutine(f func(), wait bool) {
	if goroutineID() == d.owner {
		f() // the main goroutine itself: as the real driver does
		return
	}
	d.mu.Lock()
	if d.closed {
		d.mu.Unlock()
		return
	}
	done := make(chan struct{})
	d.queue = append(d.queue, queued{f, done})
	d.mu.Unlock()
	if wait {
		<-done
	}
}

// Run runs, on the calling goroutine (the test's), everything other
// goroutines have handed to fyne.Do so far, and what that hands on.
func (a *App) Run() {
	for {
		a.drv.mu.Lock()
		q := a.drv.queue
		a.drv.queue = nil
		a.drv.mu.Unlock()
		if len(q) == 0 {
			return
		}
		for _, w := range q {
			w.f()
			close(w.done)
		}
	}
}

// Wait lets d pass while the queue runs, as a real window would.
func (a *App) Wait(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); time.Sleep(2 * time.Millisecond) {
		a.Run()
	}
	a.Run()
}

// Eventually runs the queue until cond holds, for up to 30 seconds (a
// loaded machine under the race detector is slow; a passing test waits
// only as long as it needs), and fails the test with what was awaited if
// it never does.
func (a *App) Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	if !a.WaitUntil(30*time.Second, cond) {
		t.Fatalf("timed out waiting until %s", what)
	}
}

// WaitUntil runs the queue until cond holds, for up to d, and reports
// whether it did.
func (a *App) WaitUntil(d time.Duration, cond func() bool) bool {
	for end := time.Now().Add(d); ; time.Sleep(2 * time.Millisecond) {
		a.Run()
		if cond() {
			return true
		}
		if time.Now().After(end) {
			return false
		}
	}
}

// close ends the queue when the test ends: what is still queued is
// dropped, as is what goroutines hand over later (the windows are gone),
// and whoever waits for it is let go. Running it would touch a kiosk the
// test's other clean-ups have already stopped, and could start again
// what they stopped (a slideshow) with no one left to stop it.
func (a *App) close() {
	a.drv.mu.Lock()
	a.drv.closed = true
	q := a.drv.queue
	a.drv.queue = nil
	a.drv.mu.Unlock()
	for _, w := range q {
		close(w.done)
	}
}

// goroutineID reads the calling goroutine's number from its stack header
// ("goroutine 7 [running]:"); tests only.
func goroutineID() uint64 {
	var buf [64]byte
	b := buf[:runtime.Stack(buf[:], false)]
	b = bytes.TrimPrefix(b, []byte("goroutine "))
	if i := bytes.IndexByte(b, ' '); i > 0 {
		b = b[:i]
	}
	id, _ := strconv.ParseUint(string(b), 10, 64)
	return id
}
