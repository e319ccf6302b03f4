package search

import (
	"testing"

	"showhall/store/catalog"
)

// FuzzSearch: any query, valid UTF-8 or not, returns in-range hits and
// ranges, and never panics.
func FuzzSearch(f *testing.F) {
	snap, x := testIndex(f)
	for _, s := range []string{"zhihuiyiliao", "zhyl", "醫療", "Robot", "smart heal", "智慧yl", "", " ", "\xff", "ａｂｃ", "lv", "12", "-", "中文 english 混合 zhong"} {
		f.Add(s, 10)
	}
	f.Fuzz(func(t *testing.T, q string, limit int) {
		for _, l := range catalog.Langs {
			hits, total := x.Find(q, l, nil, limit%50)
			if total < len(hits) {
				t.Fatalf("total %d < %d hits", total, len(hits))
			}
			for _, h := range hits {
				if h.Index < 0 || h.Index >= snap.Len() {
					t.Fatalf("hit index %d out of range", h.Index)
				}
				n := len([]rune(h.Text))
				for _, r := range h.Ranges {
					if r.Start < 0 || r.End > n || r.Start >= r.End {
						t.Fatalf("range %v in %q", r, h.Text)
					}
				}
			}
		}
	})
}
