package mpv

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// machine is what this PC offers video, looked at once per process: a
// sound card, and a GPU whose video decoder mpv could use.
type machine struct {
	sound, gpu bool
}

var (
	machineOnce sync.Once
	thisMachine machine
)

// lookAtMachine finds out, once, whether the PC has a sound card and a
// GPU, and says in one log line each what the players do without them.
// Without this, mpv probes ALSA, PipeWire and VDPAU at every start and
// their libraries print a dozen errors of their own to the log.
func lookAtMachine(log *slog.Logger) machine {
	machineOnce.Do(func() {
		thisMachine = machine{sound: hasSoundCard(), gpu: hasGPU()}
		if !thisMachine.sound {
			log.Info("no sound card: videos play silently (audio output off)")
		}
		if !thisMachine.gpu {
			log.Info("no GPU: videos are decoded in software")
		}
	})
	return thisMachine
}

// hasSoundCard reports whether the kernel knows any sound card.
func hasSoundCard() bool {
	raw, err := os.ReadFile("/proc/asound/cards")
	if err != nil {
		return false
	}
	s := strings.TrimSpace(string(raw))
	return s != "" && !strings.Contains(s, "no soundcards")
}

// hasGPU reports whether there is a GPU device that a hardware video
// decoder (VA-API, VDPAU, NVDEC) could open.
func hasGPU() bool {
	for _, pattern := range []string{"/dev/dri/renderD*", "/dev/nvidia[0-9]*"} {
		if m, _ := filepath.Glob(pattern); len(m) > 0 {
			return true
		}
	}
	return false
}
