package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
)

// EnvMemoryCeiling sets, in megabytes, the resident memory above which a
// kiosk restarts itself between visitors. Without it the ceiling is nine
// tenths of the service's MemoryHigh (the unit sets one), so the kiosk
// gives its memory back on its own terms, logged, before the kernel
// throttles or kills it; with neither there is no ceiling.
const EnvMemoryCeiling = "SHOWHALL_MEMORY_CEILING_MB"

// memoryCeiling finds the ceiling in bytes and says where it came from;
// 0 means none. cgroupRoot is /sys/fs/cgroup except in tests.
func memoryCeiling(cgroupRoot string) (int64, string, error) {
	if v := os.Getenv(EnvMemoryCeiling); v != "" {
		mb, err := strconv.ParseInt(v, 10, 64)
		if err != nil || mb <= 0 {
			return 0, "", fmt.Errorf("%s=%q: give a number of megabytes", EnvMemoryCeiling, v)
		}
		return mb << 20, EnvMemoryCeiling, nil
	}
	own, err := os.ReadFile("/proc/self/cgroup")
	if err != nil {
		return 0, "", nil // not Linux, or no cgroups: no ceiling
	}
	// cgroup v2: one line "0::/system.slice/showhall-kiosk.service".
	for _, line := range strings.Split(string(own), "\n") {
		path, ok := strings.CutPrefix(line, "0::")
		if !ok {
			continue
		}
		raw, err := os.ReadFile(filepath.Join(cgroupRoot, path, "memory.high"))
		if err != nil {
			return 0, "", nil
		}
		s := strings.TrimSpace(string(raw))
		if s == "max" {
			return 0, "", nil
		}
		high, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return 0, "", fmt.Errorf("the service's memory.high %q: %v", s, err)
		}
		return high / 10 * 9, "nine tenths of the service's MemoryHigh", nil
	}
	return 0, "", nil
}

// memoryWatch restarts the kiosk when its resident memory stays above
// the ceiling, at the first check that finds the attract screen showing,
// so that no visitor is in the middle of a page. The service starts it
// again within seconds; the log says how much it held.
type memoryWatch struct {
	ceiling   int64
	every     time.Duration
	rss       func() (int64, error)
	onAttract func() bool // asks the UI goroutine
	restart   func()
	log       *slog.Logger
}

func (w *memoryWatch) run(ctx context.Context) {
	t := time.NewTicker(w.every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		rss, err := w.rss()
		if err != nil {
			w.log.Warn("reading the kiosk's memory", "error", err)
			continue
		}
		if rss <= w.ceiling || !w.onAttract() {
			continue
		}
		w.log.Error("memory ceiling reached: restarting the kiosk between visitors to give its memory back",
			"rss_mb", rss>>20, "ceiling_mb", w.ceiling>>20)
		w.restart()
		return
	}
}

// residentMemory reads this process's resident memory.
func residentMemory() (int64, error) {
	raw, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) == 3 && f[0] == "VmRSS:" {
			kb, err := strconv.ParseInt(f[1], 10, 64)
			return kb << 10, err
		}
	}
	return 0, errors.New("no VmRSS in /proc/self/status")
}

// watchMemory starts the memory watch when a ceiling is set, for as long
// as ctx lasts.
func (k *kiosk) watchMemory(ctx context.Context) {
	ceiling, from, err := memoryCeiling("/sys/fs/cgroup")
	if err != nil {
		k.log.Warn("no memory ceiling", "error", err)
		return
	}
	if ceiling == 0 {
		return
	}
	k.log.Info("memory ceiling", "mb", ceiling>>20, "from", from)
	w := &memoryWatch{ceiling: ceiling, every: time.Minute, rss: residentMemory, log: k.log,
		onAttract: func() (on bool) {
			fyne.DoAndWait(func() { on = k.onAttr })
			return on
		},
		restart: func() {
			fyne.Do(func() { k.leave(ExitFailure) }) // the service starts it again
		}}
	go w.run(ctx)
}
