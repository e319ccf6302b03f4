package player_test

import (
	"slices"
	"strings"
	"testing"

	"showhall/player"
	"showhall/store/catalog"
)

func hash(c byte) string { return strings.Repeat(string(c), 64) }

func TestAttractSourcesFallBackToShowcasedVideos(t *testing.T) {
	doc := catalog.Document{
		Projects: []catalog.Project{
			{ID: "p1", Videos: []string{hash('a'), hash('b')}},
			{ID: "p2", Videos: []string{hash('c'), hash('a')}},
		},
		Media: []catalog.Media{
			{Hash: hash('a'), Type: "video/mp4", Subtitles: map[catalog.Lang]string{catalog.En: hash('e')}},
			{Hash: hash('b'), Type: "image/png"},
			{Hash: hash('c'), Type: "video/mp4"},
			{Hash: hash('e'), Type: "application/x-subrip"},
		},
	}
	snap := catalog.NewSnapshot(doc)
	path := func(h string) string { return "/media/" + h[:1] }
	rot := &catalog.Rotation{Showcase: []catalog.Showcase{{Project: "p2"}, {Project: "p1"}}}

	got := player.AttractSources(snap, rot, catalog.En, path)
	want := []player.Source{{Path: "/media/c"}, {Path: "/media/a", Subtitles: "/media/e"}}
	if !slices.Equal(got, want) {
		t.Fatalf("no attract list: got %v, want the showcased videos %v", got, want)
	}

	rot.Attract = []string{hash('a')}
	if got := player.AttractSources(snap, rot, catalog.Hans, path); !slices.Equal(got, []player.Source{{Path: "/media/a"}}) {
		t.Fatalf("attract list: got %v", got)
	}

	rot.Attract, rot.Showcase = nil, []catalog.Showcase{{Project: "nobody"}}
	if got := player.AttractSources(snap, rot, catalog.En, path); len(got) != 0 {
		t.Fatalf("no videos at all: got %v, want none (the slideshow)", got)
	}
}
