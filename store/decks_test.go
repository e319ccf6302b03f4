package store

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/deck"
)

func sampleDeck(now time.Time) deck.Deck {
	d := deck.New("琶洲路演 · 三月", catalog.Hans, now)
	d.Event, d.Date, d.Venue, d.Minutes = "人工智能场景路演", "2026-03-18", "琶洲会展中心 B 厅", 25
	d.Contact = deck.Contact{Name: "陈小姐", Organisation: "试验区管委会", Email: "roadshow@example.cn"}
	d.AddProjects("p-0001", "p-0002", "p-0003")
	d.Slides[2].Notes = "先讲落地效果，再讲合作方式。"
	return d
}

func TestDeckRoundTrip(t *testing.T) {
	db, _, _ := openTemp(t)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	saved, err := db.SaveDeck(sampleDeck(now), now)
	if err != nil {
		t.Fatal(err)
	}
	if !deck.ValidID(saved.ID) {
		t.Fatalf("saved deck got id %q", saved.ID)
	}
	got, err := db.Deck(saved.ID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, saved) {
		t.Fatalf("read back\n%+v\nsaved\n%+v", got, saved)
	}
	if kinds := []deck.Kind{got.Slides[0].Kind, got.Slides[4].Kind}; kinds[0] != deck.KindTitle || kinds[1] != deck.KindClosing {
		t.Fatalf("projects were not put between title and closing: %+v", got.Slides)
	}

	later := now.Add(time.Hour)
	dup, err := db.DuplicateDeck(saved.ID, " (copy)", later)
	if err != nil {
		t.Fatal(err)
	}
	if dup.ID == saved.ID || dup.Title != saved.Title+" (copy)" || !reflect.DeepEqual(dup.Slides, saved.Slides) {
		t.Fatalf("duplicate: %+v", dup)
	}
	// Changing the copy leaves the original alone.
	dup.Slides[2].Notes = "changed"
	if _, err := db.SaveDeck(dup, later); err != nil {
		t.Fatal(err)
	}
	if orig, _ := db.Deck(saved.ID); orig.Slides[2].Notes != saved.Slides[2].Notes {
		t.Fatal("changing the copy changed the original")
	}

	list, err := db.Decks()
	if err != nil || len(list) != 2 || list[0].ID != dup.ID {
		t.Fatalf("list (newest first): %v %v", list, err)
	}
	if err := db.DeleteDeck(saved.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := db.Deck(saved.ID); !errors.Is(err, deck.ErrNotFound) {
		t.Fatalf("deleted deck read back: %v", err)
	}
	if err := db.DeleteDeck(saved.ID); !errors.Is(err, deck.ErrNotFound) {
		t.Fatalf("deleting twice: %v", err)
	}
}

func TestSaveDeckRefusesAnInvalidDeck(t *testing.T) {
	db, _, _ := openTemp(t)
	d := sampleDeck(time.Now())
	d.Title = ""
	d.Slides = append(d.Slides, deck.Slide{Kind: "video"})
	_, err := db.SaveDeck(d, time.Now())
	var inv *deck.InvalidError
	if !errors.As(err, &inv) || len(inv.Problems) != 2 {
		t.Fatalf("got %v", err)
	}
}

func TestDeckExportImport(t *testing.T) {
	db, _, dir := openTemp(t)
	now := time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC)
	saved, err := db.SaveDeck(sampleDeck(now), now)
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "talk.deck.json")
	if err := db.ExportDeck(saved.ID, path, now); err != nil {
		t.Fatal(err)
	}
	raw, _ := os.ReadFile(path)
	if !strings.Contains(string(raw), `"p-0002"`) || !strings.Contains(string(raw), `"format": "showhall-deck"`) {
		t.Fatalf("export does not carry the project ids:\n%s", raw)
	}
	in, err := db.ImportDeck(path, now.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	if in.ID == saved.ID {
		t.Fatal("an import overwrote the deck it came from")
	}
	if !reflect.DeepEqual(in.Slides, saved.Slides) || in.Contact != saved.Contact || in.Date != saved.Date {
		t.Fatalf("imported %+v", in)
	}
	missing := in.Missing(func(id string) bool { return id != "p-0003" })
	if !reflect.DeepEqual(missing, []string{"p-0003"}) {
		t.Fatalf("missing projects: %v", missing)
	}
}

func TestDeckImportRefusesHostileFiles(t *testing.T) {
	db, _, dir := openTemp(t)
	good := `{"format":"showhall-deck","version":1,"exported":"2026-03-01T09:00:00Z","deck":{"id":"x","title":"T","lang":"en","contact":{},"slides":[{"kind":"title"}],"created":"2026-03-01T09:00:00Z","updated":"2026-03-01T09:00:00Z"}}`
	huge := `{"format":"showhall-deck","version":1,"deck":{"title":"` + strings.Repeat("A", deck.MaxFileBytes) + `"}}`
	manySlides := strings.Replace(good, `[{"kind":"title"}]`, "["+strings.Repeat(`{"kind":"title"},`, deck.MaxSlides)+`{"kind":"title"}]`, 1)
	cases := map[string]struct{ content, want string }{
		"not json":        {"\x00\x01PK binary", "not a deck file"},
		"other json":      {`{"format":1,"projects":[]}`, "not a deck file"},
		"catalogue":       {`{"format":"catalogue","version":1}`, "not a deck file"},
		"newer version":   {strings.Replace(good, `"version":1`, `"version":7`, 1), "version 7"},
		"unknown field":   {strings.Replace(good, `"title":"T"`, `"title":"T","script":"rm -rf"`, 1), "malformed"},
		"trailing data":   {good + `{"more":1}`, "not readable JSON"},
		"bad slide kind":  {strings.Replace(good, `"kind":"title"`, `"kind":"video"`, 1), "unknown kind"},
		"path as project": {strings.Replace(good, `{"kind":"title"}`, `{"kind":"project","project":"../../etc/passwd"}`, 1), "not a valid project id"},
		"bad language":    {strings.Replace(good, `"lang":"en"`, `"lang":"fr"`, 1), "language"},
		"too many slides": {manySlides, "more than the 300"},
		"oversized":       {huge, "larger than 4 MB"},
		"long notes":      {strings.Replace(good, `{"kind":"title"}`, `{"kind":"title","notes":"`+strings.Repeat("讲", deck.MaxNotesRunes+1)+`"}`, 1), "longer than"},
	}
	for name, c := range cases {
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
		os.WriteFile(path, []byte(c.content), 0o644)
		_, err := db.ImportDeck(path, time.Now())
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: got %v, want a message with %q", name, err, c.want)
		}
	}
	if list, _ := db.Decks(); len(list) != 0 {
		t.Fatalf("a refused file left %d decks behind", len(list))
	}
	// The good one is accepted, so the cases above fail for their reason.
	path := filepath.Join(dir, "good.json")
	os.WriteFile(path, []byte(good), 0o644)
	if _, err := db.ImportDeck(path, time.Now()); err != nil {
		t.Fatal(err)
	}
}
