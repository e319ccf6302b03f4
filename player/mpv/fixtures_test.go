package mpv_test

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"
)

// required says whether missing libmpv or ffmpeg fails the tests (make
// test sets it) rather than skipping them.
var required = os.Getenv("SHOWHALL_REQUIRE_MPV") == "1"

func need(t testing.TB, what string, err error) {
	t.Helper()
	if err == nil {
		return
	}
	if required {
		t.Fatalf("%s: %v (SHOWHALL_REQUIRE_MPV=1; on Debian: apt install libmpv2 ffmpeg)", what, err)
	}
	t.Skipf("%s: %v", what, err)
}

// Fixtures are generated once per test binary into a temp dir.
var (
	fixOnce sync.Once
	fixDir  string
	fixErr  error
)

// The clips: solid colours so a rendered frame tells which clip it is.
var clips = []struct {
	name string
	args []string
}{
	{"red.mp4", []string{"-f", "lavfi", "-i", "color=c=red:s=320x180:r=30:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"}},
	{"green.webm", []string{"-f", "lavfi", "-i", "color=c=green:s=320x180:r=30:d=2", "-c:v", "libvpx-vp9", "-deadline", "realtime", "-cpu-used", "8", "-b:v", "200k"}},
	{"blue.mp4", []string{"-f", "lavfi", "-i", "color=c=blue:s=320x180:r=30:d=2", "-c:v", "libx265", "-preset", "ultrafast", "-x265-params", "log-level=error", "-tag:v", "hvc1", "-pix_fmt", "yuv420p"}},
	{"hd.mp4", []string{"-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"}},
	// moov atom at the end, cut off below: the file cannot be opened.
	{"full.mp4", []string{"-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p"}},
}

// fixtures returns the directory with the clips and the broken files:
// truncated.mp4, notvideo.mp4 (text), empty.mp4; missing.mp4 is absent.
func fixtures(t testing.TB) string {
	t.Helper()
	fixOnce.Do(func() {
		if _, fixErr = exec.LookPath("ffmpeg"); fixErr != nil {
			return
		}
		fixDir, fixErr = os.MkdirTemp("", "showhall-video-")
		if fixErr != nil {
			return
		}
		for _, c := range clips {
			args := append([]string{"-v", "error", "-y"}, c.args...)
			cmd := exec.Command("ffmpeg", append(args, filepath.Join(fixDir, c.name))...)
			if out, err := cmd.CombinedOutput(); err != nil {
				fixErr = &exec.Error{Name: "ffmpeg " + c.name + ": " + string(out), Err: err}
				return
			}
		}
		full, err := os.ReadFile(filepath.Join(fixDir, "full.mp4"))
		if err != nil {
			fixErr = err
			return
		}
		for name, data := range map[string][]byte{
			"truncated.mp4": full[:len(full)/2],
			"notvideo.mp4":  []byte("This is a text file, not a video.\n"),
			"empty.mp4":     nil,
		} {
			if fixErr = os.WriteFile(filepath.Join(fixDir, name), data, 0o644); fixErr != nil {
				return
			}
		}
	})
	need(t, "generating video fixtures with ffmpeg", fixErr)
	return fixDir
}

func TestMain(m *testing.M) {
	code := m.Run()
	if fixDir != "" {
		os.RemoveAll(fixDir)
	}
	os.Exit(code)
}

func writeFile(t testing.TB, path, s string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(s), 0o644); err != nil {
		t.Fatal(err)
	}
}
