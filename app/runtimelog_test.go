package app

import (
	"bytes"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"
)

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// The soak bench and a technician chasing memory read these lines and
// profiles; without the variable the kiosk logs nothing of the kind.
func TestRuntimeLogWritesLinesAndProfilesOnlyWhenAsked(t *testing.T) {
	var out lockedBuffer
	log := slog.New(slog.NewTextHandler(&out, nil))
	t.Setenv(EnvRuntimeLog, "")
	startRuntimeLog(log)
	time.Sleep(50 * time.Millisecond)
	if out.String() != "" {
		t.Fatalf("logged without being asked: %q", out.String())
	}

	dir := t.TempDir()
	t.Setenv(EnvRuntimeLog, "1s")
	t.Setenv(EnvHeapProfiles, dir)
	startRuntimeLog(log)
	line := regexp.MustCompile(`msg=runtime goroutines=\d+ heap_live=[1-9]\d* heap_objects=[1-9]\d* go_total=[1-9]\d* gc=\d+`)
	deadline := time.Now().Add(5 * time.Second)
	for !line.MatchString(out.String()) || !exists(filepath.Join(dir, "heap-001.pprof")) {
		if time.Now().After(deadline) {
			t.Fatalf("no runtime line and heap profile within 5 s; log: %q", out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}

	out.mu.Lock()
	out.b.Reset()
	out.mu.Unlock()
	t.Setenv(EnvRuntimeLog, "10ms")
	startRuntimeLog(log)
	if got := out.String(); !regexp.MustCompile(`ignoring SHOWHALL_RUNTIME_LOG`).MatchString(got) {
		t.Fatalf("an interval under a second was not refused: %q", got)
	}
}

func exists(path string) bool {
	_, err := os.Stat(path)
	return err == nil
}
