package app

import (
	"bytes"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"
)

// syncBuffer is a buffer the guard's timer and the test may share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// A kiosk stuck on its way out leaves by itself and says where it was
// stuck; one that stops in time is left alone.
func TestAKioskStuckStoppingLeavesAndSaysWhere(t *testing.T) {
	var out syncBuffer
	exited := make(chan int, 1)
	g := newStopGuard(slog.New(slog.NewTextHandler(&out, nil)), &out)
	g.exit = func(code int) { exited <- code }
	g.Arm(50 * time.Millisecond)
	select {
	case code := <-exited:
		if code != ExitStopHung {
			t.Errorf("exit code %d, want %d", code, ExitStopHung)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("a kiosk stuck stopping did not leave")
	}
	log := out.String()
	for _, want := range []string{"stopping took too long", "goroutine", "TestAKioskStuckStoppingLeavesAndSaysWhere"} {
		if !strings.Contains(log, want) {
			t.Errorf("the log does not say %q:\n%.2000s", want, log)
		}
	}

	g = newStopGuard(slog.New(slog.NewTextHandler(&out, nil)), &out)
	g.exit = func(code int) { exited <- code }
	g.Arm(50 * time.Millisecond)
	g.Finished()
	select {
	case <-exited:
		t.Error("a kiosk that stopped in time was made to exit")
	case <-time.After(200 * time.Millisecond):
	}
}
