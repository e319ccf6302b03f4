package uitest

import (
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

func TestOtherGoroutinesWorkRunsOnTheTestGoroutine(t *testing.T) {
	a := NewApp(t)
	me := goroutineID()
	var ranOn atomic.Uint64
	go fyne.Do(func() { ranOn.Store(goroutineID()) })
	time.Sleep(20 * time.Millisecond)
	if ranOn.Load() != 0 {
		t.Fatal("fyne.Do from another goroutine ran before the test let it")
	}
	a.Eventually(t, "the work runs", func() bool { return ranOn.Load() != 0 })
	if ranOn.Load() != me {
		t.Fatalf("it ran on goroutine %d, not the test's %d", ranOn.Load(), me)
	}
}

func TestDoAndWaitReturnsOnceTheTestRunsIt(t *testing.T) {
	a := NewApp(t)
	returned := make(chan struct{})
	ran := false
	go func() {
		fyne.DoAndWait(func() { ran = true })
		close(returned)
	}()
	select {
	case <-returned:
		t.Fatal("DoAndWait returned before its work ran")
	case <-time.After(20 * time.Millisecond):
	}
	a.Eventually(t, "DoAndWait returns", func() bool {
		select {
		case <-returned:
			return true
		default:
			return false
		}
	})
	if !ran {
		t.Fatal("DoAndWait returned without running its work")
	}
}

func TestTheTestGoroutinesOwnWorkRunsAtOnce(t *testing.T) {
	NewApp(t)
	ran := false
	fyne.Do(func() { ran = true })
	if !ran {
		t.Fatal("fyne.Do on the main goroutine was deferred")
	}
}

func TestWorkAfterTheTestIsDropped(t *testing.T) {
	var a *App
	t.Run("inner", func(t *testing.T) { a = NewApp(t) })
	done := make(chan struct{})
	go func() {
		a.drv.DoFromGoroutine(func() { t.Error("work ran after its test ended") }, true)
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(time.Second):
		t.Fatal("a goroutine waits for work nobody will run")
	}
}

// Work still queued when the test ends is dropped, not run after the
// test's other clean-ups; a goroutine waiting for it is let go.
func TestWorkLeftAtTheEndIsDroppedAndItsWaiterLetGo(t *testing.T) {
	var ran atomic.Bool
	returned := make(chan struct{})
	t.Run("test", func(t *testing.T) {
		NewApp(t)
		go func() {
			fyne.DoAndWait(func() { ran.Store(true) })
			close(returned)
		}()
		time.Sleep(20 * time.Millisecond) // queued, never run by the test
	})
	select {
	case <-returned:
	case <-time.After(5 * time.Second):
		t.Fatal("a DoAndWait queued at the end of the test was never let go")
	}
	if ran.Load() {
		t.Fatal("work queued at the end of the test ran after it")
	}
}

// Work a goroutine hands over after its test has ended goes nowhere: not
// run at once on that goroutine, where it would race with the next test.
func TestWorkAfterTheEndGoesNowhere(t *testing.T) {
	var ran atomic.Bool
	t.Run("test", func(t *testing.T) { NewApp(t) })
	fyne.Do(func() { ran.Store(true) })
	time.Sleep(20 * time.Millisecond)
	if ran.Load() {
		t.Fatal("work handed over after the test ended ran")
	}
}
