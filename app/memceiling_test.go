package app

import (
	"context"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"
)

// The ceiling comes from the service's MemoryHigh (nine tenths of it) or
// from the variable; "max" or no cgroup means none.
func TestMemoryCeilingFromTheServiceOrTheVariable(t *testing.T) {
	own, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		t.Skip("no /proc/self/cgroup here")
	}
	var path string
	for _, line := range strings.Split(string(own), "\n") {
		if p, ok := strings.CutPrefix(line, "0::"); ok {
			path = p
		}
	}
	if path == "" {
		t.Skip("not cgroup v2")
	}
	root := t.TempDir()
	dir := filepath.Join(root, path)
	os.MkdirAll(dir, 0o755)
	t.Setenv(EnvMemoryCeiling, "")

	os.WriteFile(filepath.Join(dir, "memory.high"), []byte("max\n"), 0o644)
	if c, _, err := memoryCeiling(root); c != 0 || err != nil {
		t.Fatalf("MemoryHigh=max: ceiling %d, %v", c, err)
	}
	os.WriteFile(filepath.Join(dir, "memory.high"), []byte("1073741824\n"), 0o644)
	if c, from, err := memoryCeiling(root); c != 1073741824/10*9 || err != nil || !strings.Contains(from, "MemoryHigh") {
		t.Fatalf("MemoryHigh=1G: ceiling %d from %q, %v", c, from, err)
	}
	t.Setenv(EnvMemoryCeiling, "700")
	if c, _, err := memoryCeiling(root); c != 700<<20 || err != nil {
		t.Fatalf("the variable: ceiling %d, %v", c, err)
	}
	t.Setenv(EnvMemoryCeiling, "lots")
	if _, _, err := memoryCeiling(root); err == nil {
		t.Fatal("a ceiling that is not a number was accepted")
	}
}

// Above the ceiling the kiosk restarts, but only once the attract screen
// shows: never under a visitor's finger. Below it, never.
func TestMemoryWatchRestartsBetweenVisitorsOnly(t *testing.T) {
	var rss, restarts atomic.Int64
	var attract atomic.Bool
	var logged lockedBuffer
	w := &memoryWatch{ceiling: 500 << 20, every: 5 * time.Millisecond,
		rss:       func() (int64, error) { return rss.Load(), nil },
		onAttract: attract.Load,
		restart:   func() { restarts.Add(1) },
		log:       slog.New(slog.NewTextHandler(&logged, nil))}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	go func() { w.run(ctx); close(done) }()

	rss.Store(400 << 20)
	attract.Store(true)
	time.Sleep(50 * time.Millisecond)
	if restarts.Load() != 0 {
		t.Fatal("restarted below the ceiling")
	}
	rss.Store(600 << 20)
	attract.Store(false)
	time.Sleep(50 * time.Millisecond)
	if restarts.Load() != 0 {
		t.Fatal("restarted while a visitor was on a page")
	}
	attract.Store(true)
	select {
	case <-done:
	case <-time.After(5 * time.Second):
		t.Fatal("no restart above the ceiling on the attract screen")
	}
	if restarts.Load() != 1 {
		t.Fatalf("%d restarts", restarts.Load())
	}
	if !strings.Contains(logged.String(), "rss_mb=600 ceiling_mb=500") {
		t.Fatalf("the log does not say how much it held: %q", logged.String())
	}
}

func TestResidentMemoryIsRead(t *testing.T) {
	if _, err := os.Stat("/proc/self/status"); err != nil {
		t.Skip("no /proc")
	}
	rss, err := residentMemory()
	if err != nil || rss < 1<<20 {
		t.Fatalf("resident memory %d, %v", rss, err)
	}
}
