package stats

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"
)

var sh = mustZone("Asia/Shanghai")

func mustZone(n string) *time.Location {
	l, err := time.LoadLocation(n)
	if err != nil {
		panic(err)
	}
	return l
}

// generate makes a week of visits: exhibit p<i> is opened 10*(i+1) times
// a day, each visit dwells (i+1)*10 s, every project's video is started
// 4 times a day and finished twice.
func generate(start time.Time, days, projects int) []Event {
	rng := rand.New(rand.NewPCG(1, 2))
	var evs []Event
	for d := 0; d < days; d++ {
		day := start.AddDate(0, 0, d)
		for i := 0; i < projects; i++ {
			id, theme := fmt.Sprintf("p%d", i), fmt.Sprintf("t%d", i%2)
			for n := 0; n < 10*(i+1); n++ {
				at := day.Add(time.Duration(9*3600+rng.IntN(8*3600)) * time.Second)
				evs = append(evs,
					Event{ID: NewID(at), Kind: ExhibitOpened, Time: at.UTC(), Project: id, Theme: theme},
					Event{ID: NewID(at), Kind: ExhibitDwell, Time: at.Add(time.Minute).UTC(), Project: id, Theme: theme, Value: int64(i+1) * 10000})
			}
			for n := 0; n < 4; n++ {
				at := day.Add(12 * time.Hour)
				evs = append(evs, Event{ID: NewID(at), Kind: VideoStarted, Time: at.UTC(), Project: id, Theme: theme})
				if n%2 == 0 {
					evs = append(evs, Event{ID: NewID(at), Kind: VideoFinished, Time: at.Add(time.Minute).UTC(), Project: id, Theme: theme})
				}
			}
		}
		evs = append(evs, Event{ID: NewID(day), Kind: Search, Time: day.Add(10 * time.Hour).UTC(), Value: 4},
			Event{ID: NewID(day), Kind: Language, Time: day.Add(10 * time.Hour).UTC(), Lang: "en"})
	}
	rng.Shuffle(len(evs), func(i, j int) { evs[i], evs[j] = evs[j], evs[i] })
	return evs
}

func TestSummariseGeneratedWeek(t *testing.T) {
	start := time.Date(2026, 9, 1, 0, 0, 0, 0, sh)
	evs := generate(start, 7, 3)
	rep := Summarise(evs, Period{start, start.AddDate(0, 0, 7)}, sh)

	if len(rep.Exhibits) != 3 || rep.Exhibits[0].Key != "p2" || rep.Exhibits[2].Key != "p0" {
		t.Fatalf("exhibits not most-opened first: %+v", rep.Exhibits)
	}
	for i, want := range []int64{210, 140, 70} {
		if got := rep.Exhibits[i].Opens; got != want {
			t.Errorf("%s opens %d, want %d", rep.Exhibits[i].Key, got, want)
		}
	}
	if d := rep.Exhibits[0].MedianDwell; d != 30*time.Second {
		t.Errorf("median dwell of p2 %v, want 30s", d)
	}
	if c := rep.Exhibits[1].Completion(); c != 0.5 {
		t.Errorf("video completion %v, want 0.5", c)
	}
	// t0 holds p0 and p2, t1 holds p1.
	if rep.Themes[0].Key != "t0" || rep.Themes[0].Opens != 280 || rep.Themes[1].Opens != 140 {
		t.Errorf("themes %+v", rep.Themes)
	}
	if rep.Themes[0].MedianDwell != 30*time.Second { // 70 samples of 10 s, 210 of 30 s
		t.Errorf("theme median dwell %v, want 30s", rep.Themes[0].MedianDwell)
	}
	if len(rep.Daily) != 7 || rep.Daily[0].Opens != 60 || !rep.Daily[0].Date.Equal(start) {
		t.Errorf("daily %+v", rep.Daily)
	}
	if rep.Opens != 420 || rep.Searches != 7 || rep.Languages["en"] != 7 {
		t.Errorf("totals opens %d searches %d languages %v", rep.Opens, rep.Searches, rep.Languages)
	}
	if rep.OpensPerDay() != 60 {
		t.Errorf("opens per day %v", rep.OpensPerDay())
	}

	// A period of two days counts only them.
	two := Summarise(evs, Period{start.AddDate(0, 0, 2), start.AddDate(0, 0, 4)}, sh)
	if two.Opens != 120 || len(two.Daily) != 2 {
		t.Errorf("two days: %d opens over %d days", two.Opens, len(two.Daily))
	}
}

func TestMedianThemeCount(t *testing.T) {
	// 70 values of 10000 and 210 of 30000: the median is 30000.
	v := make([]int64, 0, 280)
	for i := 0; i < 70; i++ {
		v = append(v, 10000)
	}
	for i := 0; i < 210; i++ {
		v = append(v, 30000)
	}
	if median(v) != 30000 || median([]int64{1, 3}) != 2 || median(nil) != 0 {
		t.Fatal("median")
	}
}

func TestSummariesCountButDoNotSkewTheMedian(t *testing.T) {
	day := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	evs := []Event{
		{Kind: Summary, Of: ExhibitOpened, Project: "a", Time: day, Count: 500},
		{Kind: Summary, Of: ExhibitDwell, Project: "a", Time: day, Count: 500, Value: 1 << 40},
		{Kind: ExhibitOpened, Project: "a", Time: day.Add(time.Hour)},
		{Kind: ExhibitDwell, Project: "a", Time: day.Add(time.Hour), Value: 5000},
	}
	rep := Summarise(evs, Period{day, day.AddDate(0, 0, 1)}, time.UTC)
	if rep.Exhibits[0].Opens != 501 || rep.Exhibits[0].MedianDwell != 5*time.Second {
		t.Fatalf("%+v", rep.Exhibits[0])
	}
}

func TestCompareTwoRotations(t *testing.T) {
	s1 := time.Date(2026, 3, 1, 0, 0, 0, 0, sh)
	s2 := time.Date(2026, 9, 1, 0, 0, 0, 0, sh)
	a := Summarise(generate(s1, 7, 2), Period{s1, s1.AddDate(0, 0, 7)}, sh)
	b := Summarise(generate(s2, 3, 3), Period{s2, s2.AddDate(0, 0, 3)}, sh)
	pairs := Compare(a, b)
	if len(pairs) != 3 || pairs[0].Key != "p2" || pairs[0].A.Opens != 0 || pairs[2].Key != "p0" || pairs[2].A.Opens != 70 || pairs[2].B.Opens != 30 {
		t.Fatalf("%+v", pairs)
	}
	if a.OpensPerDay() != 30 || b.OpensPerDay() != 60 {
		t.Fatalf("per day %v %v", a.OpensPerDay(), b.OpensPerDay())
	}
}

func TestCSV(t *testing.T) {
	start := time.Date(2026, 9, 1, 0, 0, 0, 0, sh)
	evs := generate(start, 2, 2)
	var raw, sum bytes.Buffer
	if err := WriteEventsCSV(&raw, evs); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&raw).ReadAll()
	if err != nil || len(recs) != len(evs)+1 || recs[0][0] != "id" {
		t.Fatalf("raw CSV: %d rows, %v", len(recs), err)
	}
	if err := WriteReportCSV(&sum, Summarise(evs, Period{start, start.AddDate(0, 0, 2)}, sh)); err != nil {
		t.Fatal(err)
	}
	recs, err = csv.NewReader(&sum).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if recs[1][0] != "exhibit" || recs[1][1] != "p1" || recs[1][2] != "40" || recs[1][3] != "20.0" || recs[1][7] != "0.500" {
		t.Fatalf("first summary row %v", recs[1])
	}
}

func TestIDsAreUniqueAndTimeOrdered(t *testing.T) {
	seen := map[string]bool{}
	at := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	prev := ""
	for i := 0; i < 10000; i++ {
		id := NewID(at.Add(time.Duration(i/3) * time.Millisecond))
		if seen[id] || len(id) != 32 {
			t.Fatalf("id %q repeated or malformed", id)
		}
		if id[:16] < prev {
			t.Fatal("ids out of time order")
		}
		prev = id[:16]
		seen[id] = true
	}
}
