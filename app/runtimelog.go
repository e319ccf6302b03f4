package app

import (
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"runtime/pprof"
	"time"
)

// EnvRuntimeLog names an interval (a Go duration such as "1m") at which
// the kiosk logs its goroutines and Go heap. The soak bench reads these
// lines; a technician chasing memory can set it in the unit's environment.
const EnvRuntimeLog = "SHOWHALL_RUNTIME_LOG"

// EnvHeapProfiles names a folder where, with SHOWHALL_RUNTIME_LOG, a heap
// profile is written at every interval (heap-001.pprof, ...), to compare
// with `go tool pprof -base` when memory grows.
const EnvHeapProfiles = "SHOWHALL_HEAP_PROFILES"

// startRuntimeLog logs one "runtime" line at every interval named by
// SHOWHALL_RUNTIME_LOG, for the life of the process; nothing when unset.
func startRuntimeLog(log *slog.Logger) {
	v := os.Getenv(EnvRuntimeLog)
	if v == "" {
		return
	}
	every, err := time.ParseDuration(v)
	if err != nil || every < time.Second {
		log.Warn("ignoring "+EnvRuntimeLog+": give a duration of at least 1s, such as 1m", "value", v)
		return
	}
	profiles := os.Getenv(EnvHeapProfiles)
	go func() {
		for n := 1; ; n++ {
			logRuntime(log)
			if profiles != "" {
				if err := writeHeapProfile(filepath.Join(profiles, fmt.Sprintf("heap-%03d.pprof", n))); err != nil {
					log.Warn("heap profile", "error", err)
				}
			}
			time.Sleep(every)
		}
	}()
}

// logRuntime logs the goroutines and the Go heap: heap_live is what the
// last collection found still in use (what a leak grows), heap_inuse
// includes garbage not collected yet.
func logRuntime(log *slog.Logger) {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}, {Name: "/memory/classes/heap/objects:bytes"},
		{Name: "/memory/classes/total:bytes"}, {Name: "/gc/cycles/total:gc-cycles"}}
	metrics.Read(s)
	value := func(i int) uint64 {
		if s[i].Value.Kind() != metrics.KindUint64 {
			return 0
		}
		return s[i].Value.Uint64()
	}
	log.Info("runtime", "goroutines", runtime.NumGoroutine(), "heap_live", value(0),
		"heap_objects", value(1), "go_total", value(2), "gc", value(3))
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // the profile then shows what is live, not garbage
	if err := pprof.WriteHeapProfile(f); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
