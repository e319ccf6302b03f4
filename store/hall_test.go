package store

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/deck"
	"showhall/store/stats"
)

// A hall that ran a build with one database file (schema 3) keeps its
// settings, statistics, outbox and decks when it opens with this one:
// they move to hall.db and leave catalogue.db.
func TestSchemaThreeMovesTheHallsDataToHallDB(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "catalogue.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(b, 3); err != nil {
		t.Fatal(err)
	}
	old := &DB{bolt: b, hall: b, path: path} // the old layout: everything in one file
	if err := old.PutSetting("portal_url", "https://portal.example/stats"); err != nil {
		t.Fatal(err)
	}
	e := stats.New(stats.ExhibitOpened, now)
	e.Project = "p1"
	if err := old.RecordEvents(e); err != nil {
		t.Fatal(err)
	}
	if _, err := old.SaveDeck(deck.Deck{Title: "Roadshow", Lang: catalog.En, Slides: []deck.Slide{{Kind: deck.KindTitle}}}, now); err != nil {
		t.Fatal(err)
	}
	b.Close()

	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var portal string
	if found, err := db.GetSetting("portal_url", &portal); !found || err != nil || portal != "https://portal.example/stats" {
		t.Fatalf("the portal setting did not move: %q %v %v", portal, found, err)
	}
	if n, _ := db.OutboxLen(); n != 1 {
		t.Fatalf("%d events wait for the portal after the move, want 1", n)
	}
	if evs, _ := db.Events(stats.Period{}); len(evs) != 1 || evs[0].ID != e.ID {
		t.Fatalf("statistics after the move: %+v", evs)
	}
	if decks, _ := db.Decks(); len(decks) != 1 {
		t.Fatalf("%d decks after the move", len(decks))
	}
	// A new event does not reuse the moved one's key.
	if err := db.RecordEvents(stats.New(stats.IdleReset, now)); err != nil {
		t.Fatal(err)
	}
	if evs, _ := db.Events(stats.Period{}); len(evs) != 2 {
		t.Fatalf("%d events after recording one more, want 2", len(evs))
	}
	db.bolt.View(func(tx *bolt.Tx) error {
		v, _ := schemaVersion(tx)
		if v != SchemaVersion() {
			t.Errorf("catalogue.db at schema %d", v)
		}
		for _, name := range hallBuckets {
			if tx.Bucket(name) != nil {
				t.Errorf("catalogue.db still has %s", name)
			}
		}
		return nil
	})
}

// A damaged catalogue.db is named as the damaged file, and once it is
// moved aside the hall's data is all there.
func TestTheHallsDataOutlivesADamagedCatalogue(t *testing.T) {
	db, _, dir := openTemp(t)
	doc := catalogtest.Generate(40, 1)
	if err := db.ReplaceCatalogue(doc, "test", now); err != nil {
		t.Fatal(err)
	}
	if err := db.PutSetting("pin_hash", "argon2id$x"); err != nil {
		t.Fatal(err)
	}
	if err := db.PutRotation(plannedSeason(doc)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	path := filepath.Join(dir, "catalogue.db")
	os.WriteFile(path, make([]byte, 64<<10), 0o600)

	_, err := Open(path, Options{})
	var damage *DamageError
	if !asDamage(err, &damage) || damage.Path != path {
		t.Fatalf("got %v, want the catalogue named as damaged", err)
	}
	if _, err := MoveAside(path, now); err != nil {
		t.Fatal(err)
	}
	db, err = Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var pin string
	if found, _ := db.GetSetting("pin_hash", &pin); !found || pin != "argon2id$x" {
		t.Fatal("the curator's PIN went with the damaged catalogue")
	}
	if err := db.ReplaceCatalogue(doc, "test", now); err != nil {
		t.Fatal(err)
	}
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if r, _ := snap.Current(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)); r == nil || r.ID != "planned-2027" {
		t.Fatalf("the planned season went with the damaged catalogue: %+v", r)
	}
}

func plannedSeason(doc catalog.Document) catalog.Rotation {
	return catalog.Rotation{
		ID: "planned-2027", Name: catalog.Text{En: "2027 spring"}, TimeZone: catalog.HallZone,
		Start: time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC), End: time.Date(2027, 4, 30, 16, 0, 0, 0, time.UTC),
		Showcase: []catalog.Showcase{{Project: doc.Projects[3].ID, Featured: true}, {Project: doc.Projects[5].ID}},
	}
}

// A planned season survives a new catalogue; the feed's seasons are
// replaced; a feed season with a planned one's id gives way to the plan;
// a planned exhibit the new catalogue lacks is left out, not broken.
func TestPlannedSeasonsSurviveANewCatalogue(t *testing.T) {
	db, _, _ := openTemp(t)
	doc := catalogtest.Generate(40, 1)
	if err := db.ReplaceCatalogue(doc, "feed", now); err != nil {
		t.Fatal(err)
	}
	planned := plannedSeason(doc)
	if err := db.PutRotation(planned); err != nil {
		t.Fatal(err)
	}
	// An override of one of the feed's own seasons.
	over := doc.Rotations[0]
	over.Name = catalog.Text{En: "the curator's version"}
	if err := db.PutRotation(over); err != nil {
		t.Fatal(err)
	}

	next := catalogtest.Generate(40, 1)
	next.Version = "next"
	next.Projects = append(next.Projects[:5:5], next.Projects[6:]...) // project 5 is gone
	for i := range next.Rotations {
		var keep []catalog.Showcase
		for _, s := range next.Rotations[i].Showcase {
			if s.Project != doc.Projects[5].ID {
				keep = append(keep, s)
			}
		}
		next.Rotations[i].Showcase = keep
	}
	if err := db.ReplaceCatalogue(next, "feed", now); err != nil {
		t.Fatal(err)
	}
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	got, _ := snap.Current(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC))
	if got == nil || got.ID != planned.ID || len(got.Showcase) != 1 || got.Showcase[0].Project != doc.Projects[3].ID {
		t.Fatalf("current in February 2027 after the sync: %+v", got)
	}
	var names []string
	for _, r := range snap.Rotations() {
		if r.ID == over.ID {
			names = append(names, r.Name.En)
		}
	}
	if len(names) != 1 || names[0] != "the curator's version" {
		t.Fatalf("the feed's season %s shows as %q", over.ID, names)
	}
	info, _ := db.Info()
	if info.Rotations != len(next.Rotations)+1 {
		t.Fatalf("%d seasons, want the feed's %d and the planned one", info.Rotations, len(next.Rotations))
	}
	// Only the curator removes a planned season.
	if err := db.DeleteRotation(planned.ID); err != nil {
		t.Fatal(err)
	}
	if info, _ := db.Info(); info.Rotations != len(next.Rotations) {
		t.Fatalf("%d seasons after the curator removed the planned one", info.Rotations)
	}
}

func asDamage(err error, target **DamageError) bool { return errors.As(err, target) }
