package catalog_test

import (
	"strconv"
	"strings"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

func TestGeneratedDocumentIsValid(t *testing.T) {
	doc := catalogtest.Generate(300, 1)
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestValidateReportsEveryBrokenReference(t *testing.T) {
	doc := catalogtest.Generate(5, 1)
	doc.Projects[0].Themes = []string{"no-such-theme"}
	doc.Projects[1].Cover = strings.Repeat("a", 64)
	doc.Projects[2].ID = doc.Projects[3].ID
	doc.Rotations[0].Showcase = append(doc.Rotations[0].Showcase, catalog.Showcase{Project: "ghost"})
	doc.Rotations[1].End = doc.Rotations[1].Start
	err := doc.Validate()
	ve, ok := err.(*catalog.ValidationError)
	if !ok {
		t.Fatalf("want a ValidationError, got %v", err)
	}
	for _, want := range []string{"unknown theme", "not in the media list", "appears twice", "unknown project \"ghost\"", "ends before it starts"} {
		found := false
		for _, p := range ve.Problems {
			found = found || strings.Contains(p, want)
		}
		if !found {
			t.Errorf("no problem mentions %q in %q", want, ve.Problems)
		}
	}
}

func TestValidateRefusesUnknownFormat(t *testing.T) {
	doc := catalogtest.Generate(1, 1)
	doc.Format = 99
	if err := doc.Validate(); err == nil || !strings.Contains(err.Error(), "format 99") {
		t.Fatalf("want a format error, got %v", err)
	}
}

// naive is the obvious filter, to check the bitset one against.
func naive(s *catalog.Snapshot, f catalog.Filter) []int {
	var out []int
	for i := 0; i < s.Len(); i++ {
		p := s.At(i)
		ok := true
		for facet, vals := range f {
			any := false
			for _, v := range vals {
				switch facet {
				case catalog.FacetTheme:
					any = any || p.HasTheme(v)
				case catalog.FacetTrack:
					any = any || p.Track == v
				case catalog.FacetZone:
					any = any || p.Zone == v
				case catalog.FacetYear:
					any = any || strconv.Itoa(p.Year) == v
				case catalog.FacetList:
					any = any || p.OnList(v)
				}
			}
			ok = ok && any
		}
		if ok {
			out = append(out, i)
		}
	}
	return out
}

func TestFilterCombinesFacets(t *testing.T) {
	s := catalog.NewSnapshot(catalogtest.Generate(1000, 7))
	filters := []catalog.Filter{
		{},
		{catalog.FacetTheme: {"smart-healthcare"}},
		{catalog.FacetTheme: {"smart-healthcare", "smart-rail"}},
		{catalog.FacetTheme: {"smart-healthcare"}, catalog.FacetYear: {"2025"}},
		{catalog.FacetTrack: {"city"}, catalog.FacetZone: {"pazhou", "yuzhu"}, catalog.FacetList: {"opportunity"}},
		{catalog.FacetYear: {"1999"}},
	}
	for _, f := range filters {
		got, want := s.Filter(f), naive(s, f)
		if len(got) != len(want) {
			t.Fatalf("%v: %d projects, want %d", f, len(got), len(want))
		}
		for i := range got {
			if got[i] != want[i] {
				t.Fatalf("%v: result %d is %d, want %d", f, i, got[i], want[i])
			}
		}
	}
	if n := len(s.Filter(catalog.Filter{catalog.FacetYear: {"1999"}})); n != 0 {
		t.Fatalf("a year nobody has selects %d projects", n)
	}
}

func TestCountIsWhatTheChipWouldSelect(t *testing.T) {
	s := catalog.NewSnapshot(catalogtest.Generate(500, 3))
	f := catalog.Filter{catalog.FacetYear: {"2026"}, catalog.FacetTheme: {"smart-rail"}}
	for _, theme := range s.Values(catalog.FacetTheme) {
		want := len(s.Filter(f.With(catalog.FacetTheme, theme, true).With(catalog.FacetTheme, "smart-rail", theme == "smart-rail")))
		if got := s.Count(f, catalog.FacetTheme, theme); got != want {
			t.Errorf("count for %s = %d, want %d", theme, got, want)
		}
	}
}

func TestFilterWithToggles(t *testing.T) {
	f := catalog.Filter{}.With(catalog.FacetTheme, "a", true).With(catalog.FacetTheme, "b", true)
	if !f.Has(catalog.FacetTheme, "a") || !f.Has(catalog.FacetTheme, "b") {
		t.Fatal(f)
	}
	g := f.With(catalog.FacetTheme, "a", false).With(catalog.FacetTheme, "b", false)
	if !g.Empty() || f.Empty() {
		t.Fatalf("toggling off left %v, and changed the original to %v", g, f)
	}
}

func TestBrowseOrderIsNewestFirst(t *testing.T) {
	s := catalog.NewSnapshot(catalogtest.Generate(100, 2))
	for i := 1; i < s.Len(); i++ {
		if s.At(i).Year > s.At(i-1).Year {
			t.Fatalf("project %d (%d) after one from %d", i, s.At(i).Year, s.At(i-1).Year)
		}
	}
}

func TestCurrentRotationNeverGoesDark(t *testing.T) {
	s := catalog.NewSnapshot(catalogtest.Generate(50, 1))
	sh, _ := time.LoadLocation(catalog.HallZone)
	cases := []struct {
		when time.Time
		want string
	}{
		{time.Date(2025, 6, 1, 12, 0, 0, 0, sh), "r2026-1"}, // before any: the next to come
		{time.Date(2026, 1, 1, 0, 0, 0, 0, sh), "r2026-1"},
		{time.Date(2026, 4, 30, 23, 59, 59, 0, sh), "r2026-1"},
		{time.Date(2026, 5, 1, 0, 0, 0, 0, sh), "r2026-2"}, // the boundary belongs to the new one
		{time.Date(2026, 11, 23, 10, 0, 0, 0, sh), "r2026-3"},
		{time.Date(2028, 1, 1, 0, 0, 0, 0, sh), "r2026-3"}, // after all: the most recent past
	}
	for _, c := range cases {
		r, err := s.Current(c.when)
		if err != nil || r.ID != c.want {
			t.Errorf("at %v: got %v %v, want %s", c.when, r, err, c.want)
		}
	}
	if _, err := catalog.NewSnapshot(catalog.Document{}).Current(time.Now()); err != catalog.ErrNoRotation {
		t.Errorf("an empty catalogue gave %v", err)
	}
}

func TestOverlappingRotationsLatestStartWins(t *testing.T) {
	doc := catalogtest.Generate(30, 1)
	extra := doc.Rotations[1]
	extra.ID = "special"
	extra.Start = doc.Rotations[1].Start.Add(24 * time.Hour)
	extra.End = extra.Start.Add(7 * 24 * time.Hour)
	doc.Rotations = append(doc.Rotations, extra)
	season := doc.Rotations[1].ID
	s := catalog.NewSnapshot(doc)
	if r, _ := s.Current(extra.Start.Add(time.Hour)); r.ID != "special" {
		t.Fatalf("during the special week %s is current", r.ID)
	}
	if r, _ := s.Current(extra.End.Add(time.Hour)); r.ID != season {
		t.Fatalf("after the special week %s is current", r.ID)
	}
}

func TestRelatedSharesThemes(t *testing.T) {
	s := catalog.NewSnapshot(catalogtest.Generate(200, 5))
	p := s.At(0)
	rel := s.Related(p, 6)
	if len(rel) != 6 {
		t.Fatalf("got %d related", len(rel))
	}
	for _, q := range rel {
		if q.ID == p.ID {
			t.Fatal("a project is related to itself")
		}
	}
	if !rel[0].HasTheme(p.Themes[0]) {
		t.Errorf("the most related project %s shares no theme with %v", rel[0].ID, p.Themes)
	}
}

func TestTextFallsBackToTheClosestLanguage(t *testing.T) {
	tx := catalog.Text{Hans: "医疗", En: "health"}
	if tx.In(catalog.Hant) != "医疗" || tx.In(catalog.En) != "health" {
		t.Fatal(tx.In(catalog.Hant), tx.In(catalog.En))
	}
	if (catalog.Text{En: "only"}).In(catalog.Hans) != "only" {
		t.Fatal("English did not stand in")
	}
	for _, in := range []string{"zh_TW", "zh-HK", "zh-Hant"} {
		if l, ok := catalog.ParseLang(in); !ok || l != catalog.Hant {
			t.Errorf("%s parsed as %v", in, l)
		}
	}
}

func BenchmarkSnapshot10k(b *testing.B) {
	doc := catalogtest.Generate(10000, 1)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		catalog.NewSnapshot(doc)
	}
}

func BenchmarkFilter10k(b *testing.B) {
	s := catalog.NewSnapshot(catalogtest.Generate(10000, 1))
	f := catalog.Filter{catalog.FacetTheme: {"smart-healthcare", "smart-rail"}, catalog.FacetYear: {"2025", "2026"}, catalog.FacetZone: {"pazhou"}}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.Filter(f)
	}
}
