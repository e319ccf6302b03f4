package media

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// The container check alone, on real WebM made by ffmpeg: whole, cut
// in half, over the size limit; and a deep probe's refusal is the
// file's.
func TestCheckVideoWebM(t *testing.T) {
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		t.Skip("ffmpeg is needed to make the clip")
	}
	dir := t.TempDir()
	clip := filepath.Join(dir, "clip.webm")
	if b, err := exec.Command("ffmpeg", "-v", "error", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1",
		"-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", clip).CombinedOutput(); err != nil {
		t.Fatalf("ffmpeg: %v\n%s", err, b)
	}
	info, err := CheckVideo(clip, 0, nil)
	if err != nil || info.Container != "matroska" || info.Width != 320 || info.Height != 180 || info.Duration < 900*time.Millisecond || info.Deep {
		t.Fatalf("whole clip: %+v, %v", info, err)
	}
	b, _ := os.ReadFile(clip)
	cut := filepath.Join(dir, "cut.webm")
	os.WriteFile(cut, b[:len(b)/2], 0o644)
	if _, err := CheckVideo(cut, 0, nil); !errors.Is(err, ErrNotVideo) || !strings.Contains(err.Error(), "cut short") {
		t.Errorf("cut clip: %v", err)
	}
	if _, err := CheckVideo(clip, int64(len(b)-1), nil); !errors.Is(err, ErrNotVideo) || !strings.Contains(err.Error(), "more than") {
		t.Errorf("clip over the limit: %v", err)
	}
	refuse := func(string) (VideoInfo, error) {
		return VideoInfo{}, errors.New("its first frame could not be decoded")
	}
	if _, err := CheckVideo(clip, 0, refuse); !errors.Is(err, ErrNotVideo) || !strings.Contains(err.Error(), "first frame") {
		t.Errorf("probe's refusal: %v", err)
	}
}
