package search

import (
	"encoding/json"
	"fmt"
	"os"
	"strings"
	"testing"

	"showhall/store/catalog"
)

// testIndex indexes the hand-written catalogue in testdata.
func testIndex(t testing.TB) (*catalog.Snapshot, *Index) {
	t.Helper()
	b, err := os.ReadFile("testdata/catalog.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc catalog.Document
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	if err := doc.Validate(); err != nil {
		t.Fatal(err)
	}
	snap := catalog.NewSnapshot(doc)
	return snap, Build(snap)
}

// describe renders hits as "id:field[highlighted]" for readable failures.
func describe(snap *catalog.Snapshot, hits []Hit) string {
	var parts []string
	for _, h := range hits {
		rs := []rune(h.Text)
		var hl []string
		for _, r := range h.Ranges {
			hl = append(hl, string(rs[r.Start:r.End]))
		}
		parts = append(parts, fmt.Sprintf("%s:%s/%s[%s]%d", snap.At(h.Index).ID, h.Field, h.Lang, strings.Join(hl, "|"), h.Score))
	}
	return strings.Join(parts, " ")
}

// TestGolden pins, for each query and language, the projects that must
// come first, in order, and what is highlighted in the best hit.
func TestGolden(t *testing.T) {
	snap, x := testIndex(t)
	for _, c := range []struct {
		q    string
		lang catalog.Lang
		want []string // ids of the first hits, in order
		mark string   // highlighted parts of the first hit, joined by |
	}{
		// Pinyin in full, by initials, mixed, and while still typing.
		{"zhihuiyiliao", catalog.Hans, []string{"med-imaging", "medical-records", "hospital-robot"}, "智慧医疗"},
		{"zhyl", catalog.Hans, []string{"med-imaging", "medical-records", "hospital-robot"}, "智慧医疗"},
		{"zhihuiyl", catalog.Hant, []string{"med-imaging", "medical-records", "hospital-robot"}, "智慧醫療"},
		{"zhihuiy", catalog.Hans, []string{"med-imaging"}, "智慧医"},
		{"zhi hui yi liao", catalog.Hans, []string{"med-imaging"}, "智慧医疗"},
		// Simplified and Traditional find the same projects.
		{"醫療", catalog.Hans, []string{"medical-records", "med-imaging", "hospital-robot"}, "医疗"},
		{"医疗", catalog.Hant, []string{"medical-records", "med-imaging", "hospital-robot"}, "醫療"},
		{"医疗", catalog.Hans, []string{"medical-records", "med-imaging", "hospital-robot"}, "医疗"},
		// English by word prefix, any case; ties in browse order.
		{"robot", catalog.En, []string{"humanoid-guide", "robot-inspection", "hospital-robot"}, "robot"},
		{"Robot", catalog.En, []string{"humanoid-guide", "robot-inspection", "hospital-robot"}, "robot"},
		{"ROBOT", catalog.Hans, []string{"humanoid-guide", "robot-inspection", "hospital-robot"}, "robot"},
		{"med", catalog.En, []string{"medical-records", "med-imaging"}, "Med"},
		{"smart heal", catalog.En, []string{"med-imaging", "medical-records", "hospital-robot"}, "Smart heal"},
		{"large model", catalog.En, []string{"medical-records"}, "large-model"},
		// Organisations by pinyin and initials; polyphonic characters.
		{"yinhang", catalog.Hans, []string{"bank-risk"}, "银行"},
		{"yckj", catalog.Hant, []string{"hospital-robot"}, "雲從科技"},
		{"guangqi", catalog.Hans, []string{"connected-car"}, "广汽"},
		{"zengzhang", catalog.Hans, []string{"cross-border-growth"}, "增长"},
		{"changlong", catalog.Hans, []string{"chimelong-guide"}, "长隆"},
		{"chongqing", catalog.Hans, []string{"cold-chain"}, "重庆"},
		{"panyu", catalog.Hans, []string{"chimelong-guide", "hospital-robot"}, "番禺"},
		// Tags: a theme name finds its projects; a technology too.
		{"dikong", catalog.Hans, []string{"drone-inspection"}, "低空"},
		{"jushen", catalog.Hans, []string{"humanoid-guide", "hospital-robot", "robot-inspection"}, "具身"},
		// Chinese typed directly, and characters mixed with pinyin.
		{"机器人", catalog.Hans, []string{"humanoid-guide", "robot-inspection", "hospital-robot"}, "机器人"},
		{"智慧yl", catalog.Hans, []string{"med-imaging"}, "智慧医疗"},
		// English found from the Chinese screen, pinyin from the English one.
		{"drone", catalog.Hans, []string{"drone-inspection"}, "drone"},
		{"wurenji", catalog.En, []string{"drone-inspection"}, "无人机"},
		// Nothing found.
		{"xyzzy", catalog.Hans, nil, ""},
		{"qqqqqq", catalog.En, nil, ""},
		{"  ", catalog.En, nil, ""},
	} {
		hits := x.Search(c.q, c.lang, 10)
		if len(c.want) == 0 {
			if len(hits) != 0 {
				t.Errorf("%q (%s): want nothing, got %s", c.q, c.lang, describe(snap, hits))
			}
			continue
		}
		if len(hits) < len(c.want) {
			t.Errorf("%q (%s): want %v first, got %s", c.q, c.lang, c.want, describe(snap, hits))
			continue
		}
		for k, id := range c.want {
			if got := snap.At(hits[k].Index).ID; got != id {
				t.Errorf("%q (%s): hit %d is %s, want %s; all: %s", c.q, c.lang, k, got, id, describe(snap, hits))
				break
			}
		}
		rs := []rune(hits[0].Text)
		var marks []string
		for _, r := range hits[0].Ranges {
			marks = append(marks, string(rs[r.Start:r.End]))
		}
		if got := strings.Join(marks, "|"); got != c.mark {
			t.Errorf("%q (%s): first hit highlights %q in %q, want %q", c.q, c.lang, got, hits[0].Text, c.mark)
		}
	}
}

// TestIncremental checks that every prefix of a typed query keeps finding
// the project, as results update with each key.
func TestIncremental(t *testing.T) {
	snap, x := testIndex(t)
	for _, c := range []struct{ q, id string }{
		{"zhihuiyiliao", "med-imaging"},
		{"zhihuiyl", "med-imaging"},
		{"guangzhouyinhang", "bank-risk"},
		{"humanoid", "humanoid-guide"},
	} {
		for n := 1; n <= len(c.q); n++ {
			found := false
			for _, h := range x.Search(c.q[:n], catalog.Hans, 0) {
				found = found || snap.At(h.Index).ID == c.id
			}
			if !found {
				t.Errorf("%q does not find %s", c.q[:n], c.id)
			}
		}
	}
}

// TestFind checks that a filter restricts hits and that the total counts
// every match.
func TestFind(t *testing.T) {
	snap, x := testIndex(t)
	all := x.Search("zhihui", catalog.Hans, 0)
	hits, total := x.Find("zhihui", catalog.Hans, nil, 2)
	if total != len(all) || len(hits) != 2 || hits[0].Index != all[0].Index || hits[1].Index != all[1].Index {
		t.Fatalf("Find with limit 2: %d of %d, want the first 2 of %d", len(hits), total, len(all))
	}
	within := snap.Filter(catalog.Filter{catalog.FacetTrack: {"health"}})
	hits, total = x.Find("zhihui", catalog.Hans, within, 0)
	if total != len(hits) || total == 0 {
		t.Fatalf("filtered: %d hits, total %d", len(hits), total)
	}
	for _, h := range hits {
		if !snap.Matches(h.Index, catalog.Filter{catalog.FacetTrack: {"health"}}) {
			t.Errorf("hit %s is not in the filter", snap.At(h.Index).ID)
		}
	}
	// The scores are ordered and ties keep browse order.
	for k := 1; k < len(all); k++ {
		a, b := all[k-1], all[k]
		if a.Score < b.Score || a.Score == b.Score && a.Index > b.Index {
			t.Fatalf("hits out of order at %d: %+v then %+v", k, a, b)
		}
	}
}

// TestConcurrent searches one index from several goroutines, as a screen
// and a background count may.
func TestConcurrent(t *testing.T) {
	_, x := testIndex(t)
	want := len(x.Search("zhihui", catalog.Hans, 0))
	done := make(chan int)
	for g := 0; g < 4; g++ {
		go func() {
			n := 0
			for k := 0; k < 50; k++ {
				n = len(x.Search("zhihui", catalog.Hans, 0))
				x.Search("robot", catalog.En, 3)
			}
			done <- n
		}()
	}
	for g := 0; g < 4; g++ {
		if n := <-done; n != want {
			t.Errorf("concurrent search found %d, want %d", n, want)
		}
	}
}
