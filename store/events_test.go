package store

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/stats"
)

func TestEventsAreStoredAndQueuedOldestFirst(t *testing.T) {
	db, _, _ := openTemp(t)
	t0 := time.Date(2026, 9, 1, 2, 0, 0, 0, time.UTC)
	var evs []stats.Event
	for i := 0; i < 50; i++ {
		e := stats.New(stats.ExhibitOpened, t0.Add(time.Duration(i)*time.Minute))
		e.Project = "p1"
		evs = append(evs, e)
	}
	if err := db.RecordEvents(evs[25:]...); err != nil {
		t.Fatal(err)
	}
	if err := db.RecordEvents(evs[:25]...); err != nil { // recorded late, happened early
		t.Fatal(err)
	}
	if n, _ := db.OutboxLen(); n != 50 {
		t.Fatalf("outbox holds %d, want 50", n)
	}
	batch, err := db.OutboxBatch(10)
	if err != nil || len(batch) != 10 || batch[0].ID != evs[0].ID || batch[9].ID != evs[9].ID {
		t.Fatalf("first batch is not the ten oldest: %v", err)
	}
	if err := db.OutboxDone(ids(batch)); err != nil {
		t.Fatal(err)
	}
	if n, _ := db.OutboxLen(); n != 40 {
		t.Fatalf("outbox holds %d after 10 were sent", n)
	}
	// Sent events stay for the console's figures.
	got, err := db.Events(stats.Period{From: t0, To: t0.Add(10 * time.Minute)})
	if err != nil || len(got) != 10 {
		t.Fatalf("%d events in the first ten minutes, %v", len(got), err)
	}
	if all, _ := db.Events(stats.Period{}); len(all) != 50 {
		t.Fatalf("%d events in all", len(all))
	}
}

func ids(evs []stats.Event) []string {
	out := make([]string, len(evs))
	for i, e := range evs {
		out[i] = e.ID
	}
	return out
}

func TestAFullOutboxFoldsTheOldestIntoDailySummaries(t *testing.T) {
	db, _, _ := openTemp(t)
	t0 := time.Date(2026, 3, 1, 2, 0, 0, 0, time.UTC)
	var evs []stats.Event
	// Three days of 100 opens of two projects, and their dwells.
	for d := 0; d < 3; d++ {
		for i := 0; i < 100; i++ {
			at := t0.AddDate(0, 0, d).Add(time.Duration(i) * time.Minute)
			o := stats.New(stats.ExhibitOpened, at)
			o.Project = []string{"a", "b"}[i%2]
			w := stats.New(stats.ExhibitDwell, at.Add(time.Second))
			w.Project, w.Value = o.Project, 1000
			evs = append(evs, o, w)
		}
	}
	if err := db.RecordEvents(evs...); err != nil {
		t.Fatal(err)
	}
	before, _ := db.Events(stats.Period{})
	whole := stats.Period{From: t0.AddDate(0, 0, -1), To: t0.AddDate(0, 0, 5)}
	want := stats.Summarise(before, whole, time.UTC)

	folded, err := db.SummariseOutbox(300) // 600 waiting: fold down to 270
	if err != nil || folded != 330 {
		t.Fatalf("folded %d, %v", folded, err)
	}
	n, _ := db.OutboxLen()
	after, _ := db.Events(stats.Period{})
	if n > 300 || len(after) != n {
		t.Fatalf("outbox %d, events %d after folding", n, len(after))
	}
	got := stats.Summarise(after, whole, time.UTC)
	if got.Opens != want.Opens || got.Exhibits[0].Opens != want.Exhibits[0].Opens || got.Exhibits[1].Opens != want.Exhibits[1].Opens {
		t.Fatalf("opens changed by folding: %d/%+v, want %d/%+v", got.Opens, got.Exhibits, want.Opens, want.Exhibits)
	}
	summaries := 0
	for _, e := range after {
		if e.Kind == stats.Summary {
			summaries++
		}
	}
	// 330 oldest = day one (200) and 130 of day two: 2 kinds x 2 projects x 2 days.
	if summaries != 8 {
		t.Fatalf("%d summaries, want 8", summaries)
	}
	// The summaries go out first, being the oldest.
	first, _ := db.OutboxBatch(1)
	if first[0].Kind != stats.Summary {
		t.Fatalf("the oldest waiting event is %s", first[0].Kind)
	}
	// Under the bound nothing happens.
	if folded, _ := db.SummariseOutbox(300); folded != 0 {
		t.Fatalf("folded %d under the bound", folded)
	}
	// Folding a second time folds summaries into summaries, counts kept.
	if _, err := db.SummariseOutbox(100); err != nil {
		t.Fatal(err)
	}
	again, _ := db.Events(stats.Period{})
	if got := stats.Summarise(again, whole, time.UTC); got.Opens != want.Opens {
		t.Fatalf("opens %d after folding twice, want %d", got.Opens, want.Opens)
	}
}

func TestPutRotationValidatesAgainstTheCatalogue(t *testing.T) {
	db, _, _ := openTemp(t)
	doc := catalogtest.Generate(40, 1)
	if err := db.ReplaceCatalogue(doc, "test", now); err != nil {
		t.Fatal(err)
	}
	r := catalog.Rotation{
		ID: "r2027-1", Name: catalog.Text{En: "2027 spring"}, TimeZone: catalog.HallZone,
		Start: time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC), End: time.Date(2027, 4, 30, 16, 0, 0, 0, time.UTC),
		Showcase: []catalog.Showcase{{Project: doc.Projects[3].ID, Featured: true}, {Project: doc.Projects[5].ID}},
	}
	if err := db.PutRotation(r); err != nil {
		t.Fatal(err)
	}
	bad := r
	bad.Showcase = append(append([]catalog.Showcase(nil), r.Showcase...), catalog.Showcase{Project: "no-such-project"})
	var verr *catalog.ValidationError
	if err := db.PutRotation(bad); !errors.As(err, &verr) {
		t.Fatalf("a rotation showing an unknown project was saved: %v", err)
	}
	bad = r
	bad.End = bad.Start
	if err := db.PutRotation(bad); err == nil {
		t.Fatal("a rotation ending as it starts was saved")
	}
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := snap.Current(time.Date(2027, 2, 1, 0, 0, 0, 0, time.UTC)); got.ID != "r2027-1" || len(got.Showcase) != 2 {
		t.Fatalf("current in February 2027: %+v", got)
	}
	if err := db.DeleteRotation("r2027-1"); err != nil {
		t.Fatal(err)
	}
	if info, _ := db.Info(); info.Rotations != 3 {
		t.Fatalf("%d rotations after deleting", info.Rotations)
	}
}

// visitorMonth records a month of a busy hall's events, every kind, and
// takes the first two weeks off the outbox as if uploaded.
func visitorMonth(t *testing.T, db *DB, t0 time.Time) {
	t.Helper()
	var evs []stats.Event
	kinds := []stats.Kind{stats.ExhibitOpened, stats.ExhibitDwell, stats.VideoStarted, stats.VideoFinished,
		stats.Search, stats.Language, stats.IdleReset, stats.ExhibitOpened}
	for i := 0; i < 6000; i++ {
		// Spread over 30 days and every hour, so hall days and UTC days differ.
		e := stats.New(kinds[i%len(kinds)], t0.Add(time.Duration(i)*(30*24*time.Hour/6000)))
		e.Project = []string{"p1", "p2", "p3"}[i%3]
		e.Theme = []string{"smart-healthcare", "smart-rail"}[i%2]
		e.Rotation, e.Lang, e.Value = "r1", []string{"zh-Hans", "en"}[i%2], int64(1000+i)
		evs = append(evs, e)
	}
	if err := db.RecordEvents(evs...); err != nil {
		t.Fatal(err)
	}
	var sent []string
	for _, e := range evs {
		if e.Time.Before(t0.AddDate(0, 0, 14)) {
			sent = append(sent, e.ID)
		}
	}
	if err := db.OutboxDone(sent); err != nil {
		t.Fatal(err)
	}
}

func countsOnly(r stats.Report) stats.Report {
	for _, rows := range [][]stats.Row{r.Exhibits, r.Themes} {
		for i := range rows {
			rows[i].MedianDwell, rows[i].DwellSamples = 0, 0
		}
	}
	return r
}

func waitingWeight(t *testing.T, db *DB) int64 {
	t.Helper()
	batch, err := db.OutboxBatch(1 << 30)
	if err != nil {
		t.Fatal(err)
	}
	var n int64
	for i := range batch {
		n += batch[i].Weight()
	}
	return n
}

func TestOldEventsFoldIntoDailySummariesWithTheSameFigures(t *testing.T) {
	db, _, _ := openTemp(t)
	t0 := time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC)
	visitorMonth(t, db, t0)
	zone, _ := time.LoadLocation(catalog.HallZone)
	all := stats.Period{From: t0.AddDate(0, 0, -1), To: t0.AddDate(0, 0, 31)}
	before, _ := db.Events(stats.Period{})
	waitingBefore := waitingWeight(t, db)

	folded, err := db.FoldEvents(t0.AddDate(0, 0, 21))
	if err != nil || folded < 2000 {
		t.Fatalf("folded %d events, %v", folded, err)
	}
	after, _ := db.Events(stats.Period{})
	if len(after) >= len(before)/2 {
		t.Fatalf("%d events before folding, %d after: the bucket hardly shrank", len(before), len(after))
	}
	a, b := countsOnly(stats.Summarise(before, all, zone)), countsOnly(stats.Summarise(after, all, zone))
	if !reflect.DeepEqual(a, b) {
		t.Fatalf("the console's figures changed by folding:\nbefore %+v\nafter  %+v", a, b)
	}
	if w := waitingWeight(t, db); w != waitingBefore {
		t.Fatalf("the portal would receive %d visitor actions after folding, %d before", w, waitingBefore)
	}
	if again, err := db.FoldEvents(t0.AddDate(0, 0, 21)); again != 0 || err != nil {
		t.Fatalf("folding again folded %d, %v", again, err)
	}
}

func TestTheCuratorsRetentionAppliesWhenTheOutboxIsKept(t *testing.T) {
	db, _, _ := openTemp(t)
	t0 := time.Now().AddDate(0, 0, -30)
	visitorMonth(t, db, t0)
	n, _ := db.Events(stats.Period{})
	if folded, _ := db.SummariseOutbox(0); folded != 0 {
		t.Fatalf("with the default retention %d events of the last month were folded", folded)
	}
	if err := db.PutSetting(SettingEventRetentionDays, 10); err != nil {
		t.Fatal(err)
	}
	folded, err := db.SummariseOutbox(0)
	if err != nil || folded < len(n)/2 {
		t.Fatalf("with 10 days' retention %d of %d events were folded, %v", folded, len(n), err)
	}
}
