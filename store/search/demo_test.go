package search

import (
	"testing"

	"showhall/assets"
	"showhall/store/catalog"
)

func demoIndex(t testing.TB) (*catalog.Snapshot, *Index) {
	t.Helper()
	doc, err := assets.DemoDocument()
	if err != nil {
		t.Fatal(err)
	}
	snap := catalog.NewSnapshot(doc)
	return snap, Build(snap)
}

// TestDemoGolden pins the first hits of typical queries on the demo
// catalogue the hall ships with. If the demo is regenerated with other
// projects, look at the new results (go run ./store/search/internal/explore
// QUERY...) and update the ids.
func TestDemoGolden(t *testing.T) {
	snap, x := demoIndex(t)
	smartHealth := []string{"p2026-020", "p2026-045", "p2025-014"} // by theme, newest first
	for _, c := range []struct {
		q    string
		lang catalog.Lang
		want []string
	}{
		{"zhihuiyiliao", catalog.Hans, smartHealth},
		{"zhyl", catalog.Hans, smartHealth},
		{"zhihuiyl", catalog.Hant, smartHealth},
		{"zhihuiyl", catalog.En, smartHealth},
		{"醫療", catalog.Hans, []string{"p2024-017", "p2025-044", "p2026-045"}},
		{"医疗", catalog.Hant, []string{"p2024-017", "p2025-044", "p2026-045"}},
		{"robot", catalog.En, []string{"p2026-019", "p2025-018", "p2024-042"}},
		{"Robot", catalog.Hans, []string{"p2026-019", "p2025-018", "p2024-042"}},
		{"med", catalog.En, []string{"p2026-020", "p2025-044", "p2024-017"}},
		{"jiqiren", catalog.Hans, []string{"p2025-018", "p2025-032", "p2026-019"}},
		{"yinhang", catalog.Hans, []string{"p2024-043"}},                        // 银行, not yinxing
		{"qingrong", catalog.Hant, []string{"p2026-007", "p2026-010"}},          // organisation 青榕
		{"yczl", catalog.Hans, []string{"p2026-014", "p2026-015", "p2025-003"}}, // organisation 羊城智联 by initials
		{"xyzzy", catalog.Hans, nil},
	} {
		hits := x.Search(c.q, c.lang, 10)
		if len(c.want) == 0 && len(hits) > 0 || len(hits) < len(c.want) {
			t.Errorf("%q (%s): want %v first, got %s", c.q, c.lang, c.want, describe(snap, hits))
			continue
		}
		for k, id := range c.want {
			if got := snap.At(hits[k].Index).ID; got != id {
				t.Errorf("%q (%s): hit %d is %s, want %s; all: %s", c.q, c.lang, k, got, id, describe(snap, hits))
				break
			}
		}
	}
}
