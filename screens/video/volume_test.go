package video

import (
	"errors"
	"testing"

	"fyne.io/fyne/v2/test"

	"showhall/screens/uitest"
)

// The volume control shows the level and steps it by ten within 10-100,
// telling the player each new level; a level the player refuses is not
// shown.
func TestVolumeControlStepsTheLevelWithinBounds(t *testing.T) {
	uitest.NewApp(t)
	var told []int
	refuse := false
	var heard error
	v := NewVolume(80, func(p int) error {
		if refuse {
			return errors.New("no audio device")
		}
		told = append(told, p)
		return nil
	}, func(err error) { heard = err })
	test.NewTempWindow(t, v)
	if v.shown.Text != "80%" {
		t.Fatalf("shows %q at 80", v.shown.Text)
	}
	test.Tap(v.up)
	test.Tap(v.up)
	test.Tap(v.up) // already at 100
	if v.Level() != 100 || v.shown.Text != "100%" || !v.up.Disabled() {
		t.Fatalf("after three louder: level %d, shown %q, louder enabled %v", v.Level(), v.shown.Text, !v.up.Disabled())
	}
	for range 12 {
		v.Quieter()
	}
	if v.Level() != 10 || !v.down.Disabled() {
		t.Fatalf("after twelve quieter: level %d, want 10: the video keeps its sound", v.Level())
	}
	want := []int{90, 100, 90, 80, 70, 60, 50, 40, 30, 20, 10}
	if len(told) != len(want) {
		t.Fatalf("the player was told %v, want %v", told, want)
	}
	for i := range want {
		if told[i] != want[i] {
			t.Fatalf("the player was told %v, want %v", told, want)
		}
	}
	refuse = true
	v.Louder()
	if v.Level() != 10 || v.shown.Text != "10%" || heard == nil {
		t.Fatalf("a refused level shows %q (level %d), error heard: %v", v.shown.Text, v.Level(), heard)
	}
}

// A project's video plays with sound at the hall volume and its
// subtitles; the control under it changes the playing video's volume, and
// a level chosen before Play is the one Play uses.
func TestVolumeControlDrivesTheDetailVideo(t *testing.T) {
	s, p, _, _ := newDetail(t)
	v := NewVolume(s.HallVolume(), s.SetVolume, nil)
	if v.Level() != 70 {
		t.Fatalf("the control starts at %d, want the hall volume 70", v.Level())
	}
	v.Quieter()
	s.Play()
	if p.Muted() || p.Volume() != 60 {
		t.Fatalf("playing muted %v at %d, want sound at 60", p.Muted(), p.Volume())
	}
	v.Louder()
	v.Louder()
	if p.Volume() != 80 {
		t.Fatalf("after two louder the player is at %d, want 80", p.Volume())
	}
}
