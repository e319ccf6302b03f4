package plan

import (
	"strings"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

var sh, _ = time.LoadLocation(catalog.HallZone)

func rot(id, first, last string, projects ...string) catalog.Rotation {
	r := catalog.Rotation{ID: id, Name: catalog.Text{En: id}, TimeZone: catalog.HallZone}
	if err := SetDates(&r, first, last); err != nil {
		panic(err)
	}
	for _, p := range projects {
		r.Showcase = append(r.Showcase, catalog.Showcase{Project: p})
	}
	return r
}

func messages(fs []Finding) string {
	var b strings.Builder
	for _, f := range fs {
		b.WriteString(f.String() + "\n")
	}
	return b.String()
}

func TestPlannerChecks(t *testing.T) {
	doc := catalogtest.Generate(20, 1)
	hash := strings.Repeat("ab", 32)
	doc.Projects[1].Cover = hash // the store has no such file
	snap := catalog.NewSnapshot(doc)
	p1, p2 := snap.At(0).ID, "" // p2 is the one with the missing cover
	for i := 0; i < snap.Len(); i++ {
		if snap.At(i).Cover == hash {
			p2 = snap.At(i).ID
		}
	}
	now := time.Date(2026, 6, 15, 12, 0, 0, 0, sh)
	plan := Plan{Snap: snap, Now: now, Zone: sh, HasMedia: func(h string) bool { return h != hash }}

	plan.Rotations = []catalog.Rotation{
		rot("spring", "2026-03-01", "2026-06-30", p1),
		rot("summer", "2026-06-20", "2026-08-31", p1, p2), // overlaps spring by 11 days
		rot("autumn", "2026-09-15", "2026-12-31"),         // empty; gap 1-14 Sep
	}
	plan.Rotations[2].Attract = []string{hash}
	got := messages(Check(plan))
	for _, want := range []string{
		`error: "summer" (summer) overlaps "spring" (spring) from 2026-06-20 to 2026-06-30`,
		`error: "autumn" (autumn) showcases no project`,
		`warning: nothing is planned from 2026-09-01 to 2026-09-14: the hall keeps showing "summer" (summer) until "autumn" (autumn) starts`,
		`is missing 1 media file(s)`,
		`attract video abababababab… is missing`,
		`warning: nothing is planned after "autumn" (autumn) ends on 2026-12-31`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing finding %q in:\n%s", want, got)
		}
	}
	if !HasErrors(Check(plan)) {
		t.Error("overlap and empty rotation are not errors")
	}

	// A clean plan: back to back, all media present, nothing but the
	// reminder about what follows the last one.
	plan.HasMedia = nil
	plan.Rotations = []catalog.Rotation{
		rot("spring", "2026-03-01", "2026-06-30", p1),
		rot("summer", "2026-07-01", "2026-12-31", p1, p2),
	}
	fs := Check(plan)
	if HasErrors(fs) || len(fs) != 1 || !strings.Contains(fs[0].Message, "after") {
		t.Fatalf("clean plan: %s", messages(fs))
	}

	// Nothing has started yet: the first rotation shows early.
	plan.Now = time.Date(2026, 1, 10, 0, 0, 0, 0, sh)
	if got := messages(Check(plan)); !strings.Contains(got, `nothing is current before 2026-03-01: until then the hall shows "spring" (spring) early`) {
		t.Fatalf("before the first rotation:\n%s", got)
	}
	// Everything ended.
	plan.Now = time.Date(2027, 2, 1, 0, 0, 0, 0, sh)
	if got := messages(Check(plan)); !strings.Contains(got, `every rotation has ended: the hall is showing "summer"`) {
		t.Fatalf("after the last rotation:\n%s", got)
	}
}

func TestDatesAreWholeDaysInTheHallZone(t *testing.T) {
	r := rot("x", "2026-09-01", "2026-12-31", "p")
	if !r.Start.Equal(time.Date(2026, 8, 31, 16, 0, 0, 0, time.UTC)) || !r.End.Equal(time.Date(2026, 12, 31, 16, 0, 0, 0, time.UTC)) {
		t.Fatalf("start %v end %v", r.Start, r.End)
	}
	if f, l := Dates(&r); f != "2026-09-01" || l != "2026-12-31" {
		t.Fatalf("dates %s %s", f, l)
	}
	if err := SetDates(&r, "2026-09-02", "2026-09-01"); err == nil {
		t.Fatal("last day before the first accepted")
	}
	if err := SetDates(&r, "1 Sep", "2026-09-01"); err == nil {
		t.Fatal("a date in another format accepted")
	}
}
