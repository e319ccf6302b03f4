package video

import (
	"io"
	"log/slog"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/player"
	"showhall/player/playertest"
	"showhall/screens/uitest"
)

// timelines is a fake player that plays timelines (as one file, here).
type timelines struct{ *playertest.Player }

func (timelines) PlaysTimelines() bool { return true }

// The attract loop's videos play as one timeline on a player that can;
// a project page's play one by one.
func TestAttractPlaysItsVideosAsOneTimeline(t *testing.T) {
	uitest.NewApp(t)
	items := []player.Source{{Path: "a.mp4"}, {Path: "b.mp4", Subtitles: "b.srt"}}
	tl := player.NewTimeline(items)
	p := timelines{playertest.NewPlayer()}
	p.Add(tl.Path, playertest.Media{Duration: 4 * time.Second})
	s := New(p, items, Options{Mode: Attract, Clock: playertest.NewClock()})
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(320, 180))
	s.Play()
	eventually(t, "the timeline plays", func() bool { return p.Current() == tl.Path })
	s.Stop()

	d := timelines{playertest.NewPlayer()}
	d.Add("a.mp4", playertest.Media{Duration: 4 * time.Second})
	detail := New(d, items, Options{Mode: Detail, Clock: playertest.NewClock()})
	w.SetContent(detail)
	detail.Play()
	eventually(t, "the project's first video plays", func() bool { return d.Current() == "a.mp4" })
	detail.Stop()
}

// When one file of the timeline cannot be read, the loop plays the
// videos one by one and skips that one, instead of leaving the screen
// to the slideshow.
func TestAttractPlaysItsVideosOneByOneWhenTheTimelineFails(t *testing.T) {
	uitest.NewApp(t)
	items := []player.Source{{Path: "a.mp4"}, {Path: "broken.mp4"}}
	p := timelines{playertest.NewPlayer()}
	p.Add("a.mp4", playertest.Media{Duration: 4 * time.Second}) // the timeline itself is unknown: it fails
	slideshow := false
	s := New(p, items, Options{Mode: Attract, Clock: playertest.NewClock(),
		Log:               slog.New(slog.NewTextHandler(io.Discard, nil)),
		OnNothingPlayable: func() { slideshow = true }})
	w := test.NewTempWindow(t, s)
	w.Resize(fyne.NewSize(320, 180))
	s.Play()
	eventually(t, "a plays on its own", func() bool { return p.Current() == "a.mp4" })
	if slideshow {
		t.Fatal("the surface gave up for the slideshow")
	}
	s.Stop()
}
