package app

import (
	"sync/atomic"
	"testing"
	"time"

	"showhall/screens/uitest"
)

// tidyKiosk is a test kiosk whose memory tidy counts its releases instead
// of calling glibc, after a quiet 50 ms.
func tidyKiosk(t *testing.T) (*kiosk, *atomic.Int32) {
	k, _ := testKiosk(t)
	var released atomic.Int32
	k.tidy.after, k.tidy.settle = 50*time.Millisecond, 10*time.Millisecond
	k.tidy.release = func() { released.Add(1) }
	return k, &released
}

// expectReleases lets the kiosk's queue run until memory has been given
// back want times in all, then a little longer, and fails if it was
// given back another number of times.
func expectReleases(t *testing.T, k *kiosk, released *atomic.Int32, want int32, why string) {
	t.Helper()
	a := k.app.(*uitest.App)
	a.WaitUntil(30*time.Second, func() bool { return released.Load() >= want })
	a.Wait(500 * time.Millisecond)
	if got := released.Load(); got != want {
		t.Fatalf("memory given back %d times in all %s, want %d", got, why, want)
	}
}

func TestMemoryIsGivenBackOnceAVisitorHasGone(t *testing.T) {
	k, released := tidyKiosk(t)
	k.showAttract()
	expectReleases(t, k, released, 0, "on an attract screen nobody touched")

	k.Home()
	k.showAttract()
	expectReleases(t, k, released, 1, "after a visitor went")
	k.showAttract()
	expectReleases(t, k, released, 1, "after one visitor and two attract screens")
}

func TestNoMemoryIsGivenBackWhileSomeoneIsThere(t *testing.T) {
	k, released := tidyKiosk(t)
	k.Home()
	k.showAttract()
	k.Home() // back before the screen had been quiet long enough
	expectReleases(t, k, released, 0, "with a visitor on the screen")
	k.showAttract()
	expectReleases(t, k, released, 1, "once the visitor went again")
}

func TestMemoryIsGivenBackWhenTheScreenSleeps(t *testing.T) {
	k, released := tidyKiosk(t)
	k.Home()
	k.coverWith(false, time.Time{})
	expectReleases(t, k, released, 1, "on the dark screen after a visitor")
}

// The health page's memory line: what the kiosk holds, and once memory
// was given back, from how much to how much and when.
func TestMemoryIsToldToTheHealthPage(t *testing.T) {
	k, _ := testKiosk(t)
	m := k.memoryHealth()
	if m == nil || m.Resident <= 0 || !m.GivenBackAt.IsZero() {
		t.Fatalf("before any release: %+v", m)
	}
	at := time.Date(2026, 12, 3, 10, 48, 0, 0, time.UTC)
	k.tidy.last.Store(&givenBack{at: at, before: 505 << 20, after: 302 << 20})
	if m = k.memoryHealth(); !m.GivenBackAt.Equal(at) || m.Before != 505<<20 || m.After != 302<<20 {
		t.Fatalf("after a release: %+v", m)
	}
}
