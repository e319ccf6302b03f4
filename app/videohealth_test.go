package app

import (
	"strings"
	"testing"

	"showhall/player/playertest"
	"showhall/store/hall"
)

// decoding is a fake player that names its decoder, as mpv's does.
type decoding struct {
	*playertest.Player
	name string
}

func (d decoding) Decoder() string { return d.name }

// dropping is a fake player that cannot keep up.
type dropping struct {
	decoding
	dropped uint64
}

func (d dropping) Dropped() uint64 { return d.dropped }

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

func TestHealthAndStatusSayHowManyFramesTheLoopDropped(t *testing.T) {
	p := dropping{decoding{playertest.NewPlayer(), "hevc (software)"}, 12}
	v := &kioskVideo{attract: p, detail: playertest.NewPlayer()}
	if got := v.describe(); !strings.Contains(got, "attract loop: hevc (software), drawn by the player into the window, 12 of 12 frames dropped") {
		t.Errorf("health says %q", got)
	}
	k, _ := testKiosk(t)
	k.hall.loop.Store(playback(p))
	data, err := openData(t.TempDir(), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { data.Close() })
	st := (&kioskScreen{k: k, data: data, log: quietLog(), id: hall.Identity{Name: "hall-1", ID: "a1"}}).Status()
	if st.Video == nil || st.Video.Decoder != "hevc (software)" || st.Video.Dropped != 12 {
		t.Fatalf("status video %+v", st.Video)
	}
}
