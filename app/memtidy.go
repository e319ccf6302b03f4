package app

import (
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"showhall/app/heaptrim"
	"showhall/store/hall"
)

// tidyAfter is how long a screen stays quiet (the attract loop, or dark
// at night) after a visitor before the kiosk gives memory back: longer
// than the minute Fyne keeps the textures of a page no longer shown, so
// that they are freed first.
const tidyAfter = 90 * time.Second

// memoryTidy gives back, once a visitor has gone, the memory the C
// libraries freed while the visitor browsed and glibc kept: Mesa's
// textures of every page seen, the project video's frames. Without it a
// kiosk holds hundreds of megabytes more on its attract loop after the
// first visitors than before them (BENCHMARKS.md, "Memory after
// visitors"). Its fields belong to the UI goroutine.
type memoryTidy struct {
	after   time.Duration
	settle  time.Duration // from the repaint to the release
	release func()        // gives the memory back; runs on a goroutine of its own

	visited    bool      // someone used the screen since the last tidy
	quietSince time.Time // when the quiet screen showed; zero while someone uses it
	pending    bool      // a check is due
	stillQuiet func() bool
	repaint    func()

	last atomic.Pointer[givenBack] // the last release, for the health page
}

// givenBack is what one release of memory did.
type givenBack struct {
	at            time.Time
	before, after int64 // resident bytes
}

// visitor notes that someone is using the screen.
func (m *memoryTidy) visitor() {
	m.visited = true
	m.quietSince = time.Time{}
}

// quietNow is called whenever a quiet screen (attract or dark) shows: if
// a visitor came since the last tidy, the memory is given back once the
// screen has been quiet for m.after. stillQuiet says whether it still is
// then; repaint asks the window to draw again first, which frees the
// textures Fyne has let expire (a dark screen would otherwise not draw
// again before morning).
func (m *memoryTidy) quietNow(stillQuiet func() bool, repaint func()) {
	if m.quietSince.IsZero() {
		m.quietSince = time.Now()
	}
	m.stillQuiet, m.repaint = stillQuiet, repaint
	m.checkIn(m.after)
}

func (m *memoryTidy) checkIn(d time.Duration) {
	if !m.visited || m.release == nil || m.pending {
		return
	}
	m.pending = true
	time.AfterFunc(d, func() { fyne.Do(m.check) })
}

func (m *memoryTidy) check() {
	m.pending = false
	if !m.visited || m.quietSince.IsZero() || !m.stillQuiet() {
		return // someone came back; the next quiet screen checks again
	}
	if left := m.after - time.Since(m.quietSince); left > 0 {
		m.checkIn(left)
		return
	}
	m.visited = false
	m.repaint()
	// The repaint happens at the UI goroutine's next frame.
	time.AfterFunc(m.settle, m.release)
}

// releaseMemory gives the C heaps' free pages back and logs how much the
// kiosk's resident memory fell.
func (k *kiosk) releaseMemory() {
	before, _ := residentMemory()
	start := time.Now()
	if !heaptrim.Release() {
		return // nothing to give back, or not glibc's allocator
	}
	after, _ := residentMemory()
	k.tidy.last.Store(&givenBack{at: time.Now(), before: before, after: after})
	k.log.Info("memory given back after visitors", "rss_before_mb", before>>20, "rss_after_mb", after>>20,
		"took", time.Since(start).Round(time.Millisecond))
}

// memoryHealth is the health page's memory line: what the kiosk holds,
// and what it last gave back after visitors.
func (k *kiosk) memoryHealth() *hall.Memory {
	rss, err := residentMemory()
	if err != nil {
		return nil
	}
	m := &hall.Memory{Resident: rss}
	if g := k.tidy.last.Load(); g != nil {
		m.GivenBackAt, m.Before, m.After = g.at, g.before, g.after
	}
	return m
}
