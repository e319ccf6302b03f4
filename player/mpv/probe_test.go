package mpv_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"showhall/player/mpv"
)

// The deep check decodes a first frame of a real clip and refuses what
// the container check alone would let through: a clip whose container
// is whole but whose video stream is garbage.
func TestProbe(t *testing.T) {
	dir := fixtures(t)
	probe, err := mpv.Probe("")
	need(t, "libmpv", err)
	for _, name := range []string{"red.mp4", "green.webm", "hd.mp4"} {
		info, err := probe(filepath.Join(dir, name))
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !info.Deep || info.Width <= 0 || info.Height <= 0 || info.Duration <= 0 {
			t.Errorf("%s: %+v", name, info)
		}
	}
	for _, name := range []string{"truncated.mp4", "notvideo.mp4", "empty.mp4"} {
		start := time.Now()
		_, err := probe(filepath.Join(dir, name))
		t.Logf("%s: %v in %s", name, err, time.Since(start))
		if err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	audio := filepath.Join(t.TempDir(), "sound.m4a")
	if out, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac", audio).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, out)
	}
	if _, err := probe(audio); err == nil || !strings.Contains(err.Error(), "no video track") {
		t.Errorf("sound only: %v", err)
	}
	// A whole container whose frames are noise: every byte of the
	// media data overwritten.
	b, err := os.ReadFile(filepath.Join(dir, "red.mp4"))
	if err != nil {
		t.Fatal(err)
	}
	i := strings.Index(string(b), "mdat")
	size := int(b[i-4])<<24 | int(b[i-3])<<16 | int(b[i-2])<<8 | int(b[i-1])
	for j := i + 4; j < i-4+size; j++ {
		b[j] = byte(j * 7)
	}
	noise := filepath.Join(t.TempDir(), "noise.mp4")
	os.WriteFile(noise, b, 0o644)
	if info, err := probe(noise); err == nil {
		t.Errorf("noise frames accepted: %+v", info)
	} else {
		t.Logf("noise: %v", err)
	}
}
