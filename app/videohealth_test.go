package app

import (
	"strings"
	"testing"

	"showhall/player/playertest"
)

// decoding is a fake player that names its decoder, as mpv's does.
type decoding struct {
	*playertest.Player
	name string
}

func (d decoding) Decoder() string { return d.name }

func TestHealthSaysWhichDecoderPlaysTheVideos(t *testing.T) {
	v := &kioskVideo{attract: decoding{playertest.NewPlayer(), "h264 (hardware: vaapi-copy)"}, detail: playertest.NewPlayer()}
	got := v.describe()
	for _, want := range []string{"attract loop: h264 (hardware: vaapi-copy), drawn by the player into the window", "project videos: nothing played yet"} {
		if !strings.Contains(got, want) {
			t.Errorf("health says %q, want it to say %q", got, want)
		}
	}
	t.Setenv("SHOWHALL_VIDEO_OUTPUT", "frames")
	if got := v.describe(); !strings.Contains(got, "frames drawn by the window") {
		t.Errorf("with frames through the window, health says %q", got)
	}
	if (*kioskVideo)(nil).describe() != "" {
		t.Error("a kiosk without video describes some")
	}
}
