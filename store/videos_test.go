package store

import (
	"strings"
	"testing"

	"showhall/player"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/feed/feedtest"
)

// A video that cannot play is dropped at import with a sentence saying
// why, noted for the health page, and never reaches a playlist; its
// project stays.
func TestVideosThatCannotPlayAreSetAsideAtImport(t *testing.T) {
	clips := feedtest.Clips(t)
	good, bad, want := clips["clip.mp4"], clips, feedtest.BadVideo
	db, ms, _ := openTemp(t)
	doc := catalogtest.Generate(6, 1)
	blobs := map[string][]byte{hashOf(good): good}
	doc.Media = append(doc.Media, catalog.Media{Hash: hashOf(good), Type: "video/mp4", Size: int64(len(good))})
	doc.Projects[0].Videos = []string{hashOf(good)}
	names := []string{"empty.mp4", "random.mp4", "cut.mp4", "sound.m4a"}
	for i, name := range names {
		b := bad[name]
		blobs[hashOf(b)] = b
		doc.Media = append(doc.Media, catalog.Media{Hash: hashOf(b), Type: "video/mp4", Size: int64(len(b))})
		doc.Projects[i+1].Videos = []string{hashOf(b)}
	}
	for i := range doc.Rotations {
		doc.Rotations[i].Attract = nil
		for _, p := range doc.Projects[:5] {
			doc.Rotations[i].Attract = append(doc.Rotations[i].Attract, p.Videos...)
		}
	}
	rep, err := Import(db, ms, doc, opener(blobs), "test", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != len(names) {
		t.Fatalf("problems: %v", rep.Problems)
	}
	failed, _ := db.MediaFailures()
	for i, name := range names {
		p := rep.Problems[i]
		if p.Media != hashOf(bad[name]) || !strings.Contains(p.Err.Error(), want[name]) {
			t.Errorf("%s: %v", name, p)
		}
		if len(failed) != len(names) || failed[i].Reason != p.Err.Error() || failed[i].Project != doc.Projects[i+1].ID {
			t.Errorf("%s: noted as %+v", name, failed)
		}
	}
	snap, _ := db.Snapshot()
	if snap.Len() != 6 {
		t.Fatalf("%d projects, want all 6", snap.Len())
	}
	path := func(h string) string { return h }
	for _, r := range snap.Rotations() {
		r := r
		if got := player.AttractSources(snap, &r, catalog.En, path); len(got) != 1 || got[0].Path != hashOf(good) {
			t.Errorf("rotation %s loops %v, want only the good clip", r.ID, got)
		}
	}
	for i := 1; i <= len(names); i++ {
		p, _ := snap.Project(doc.Projects[i].ID)
		if got := player.ProjectSources(snap, p, catalog.En, path); len(got) != 0 {
			t.Errorf("project %d plays %v", i, got)
		}
	}
}
