package feedtest

import (
	"bytes"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// BadVideo names the videos that cannot play, as Clips makes them, with
// a word of the sentence each is refused with.
var BadVideo = map[string]string{
	"empty.mp4":  "the file is empty",
	"random.mp4": "not an MP4, MOV, WebM or Matroska file",
	"cut.mp4":    "cut short",
	"sound.m4a":  "no video track",
}

// Clips makes with ffmpeg a real one-second H.264 clip ("clip.mp4") and
// the videos that cannot play (BadVideo): empty, random bytes named
// .mp4, the clip cut in half, and sound only. It skips the test when
// ffmpeg is missing, unless SHOWHALL_REQUIRE_MPV=1 (make test) fails it.
func Clips(t testing.TB) map[string][]byte {
	t.Helper()
	if _, err := exec.LookPath("ffmpeg"); err != nil {
		if os.Getenv("SHOWHALL_REQUIRE_MPV") == "1" {
			t.Fatal("ffmpeg is needed to make the clips (on Debian: apt install ffmpeg)")
		}
		t.Skip("ffmpeg is needed to make the clips")
	}
	dir := t.TempDir()
	run := func(name string, args ...string) []byte {
		out := filepath.Join(dir, name)
		if b, err := exec.Command("ffmpeg", append(append([]string{"-v", "error", "-y"}, args...), out)...).CombinedOutput(); err != nil {
			t.Fatalf("ffmpeg: %v\n%s", err, b)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	good := run("clip.mp4", "-f", "lavfi", "-i", "testsrc2=s=320x180:r=30:d=1", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p")
	noise := make([]byte, 50000)
	for i := range noise {
		noise[i] = byte(i*7919 + i>>3)
	}
	return map[string][]byte{
		"clip.mp4":   good,
		"empty.mp4":  {},
		"random.mp4": noise,
		"cut.mp4":    good[:len(good)/2],
		"sound.m4a":  run("sound.m4a", "-f", "lavfi", "-i", "sine=d=1", "-c:a", "aac"),
	}
}

// JPEG is a real JPEG of w x h pixels with detail in every block, so
// that half of it is half of its pixels.
func JPEG(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * y), uint8(x ^ y), uint8(x + 3*y), 255})
		}
	}
	var b bytes.Buffer
	jpeg.Encode(&b, img, &jpeg.Options{Quality: 90})
	return b.Bytes()
}
