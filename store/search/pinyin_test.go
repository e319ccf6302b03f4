package search

import (
	"slices"
	"testing"

	"github.com/mozillazg/go-pinyin"
)

// The table gives every character the readings the dictionary does,
// toneless, without repeats, the first three: the index it builds is the
// one the dictionary would give.
func TestPinyinTableMatchesTheDictionary(t *testing.T) {
	args := pinyin.NewArgs()
	args.Heteronym = true
	args.Fallback = func(rune, pinyin.Args) []string { return nil }
	n := 0
	for r := range pinyin.PinyinDict {
		want := pinyin.SinglePinyin(rune(r), args)
		if len(want) > maxReadings {
			want = want[:maxReadings]
		}
		if got := tableReadings(rune(r)); !slices.Equal(got, want) {
			t.Fatalf("%c (%U): table %q, dictionary %q (go generate ./store/search)", rune(r), r, got, want)
		}
		n++
	}
	if n < 40000 || pinyinCount != n {
		t.Fatalf("the table has %d characters, the dictionary %d", pinyinCount, n)
	}
	for _, r := range []rune{'a', '1', '，', 0x10FFFF, 0} {
		if got := tableReadings(r); got != nil {
			t.Fatalf("%U has readings %q", r, got)
		}
	}
	for r, want := range map[rune][]string{'行': {"xing", "hang", "heng"}, '长': {"zhang", "chang"}, '绿': {"lv", "lu"}} {
		if got := tableReadings(r); !slices.Equal(got, want) {
			t.Fatalf("%c: %q, want %q", r, got, want)
		}
	}
}

// Looking a character up allocates only the slice it returns.
func TestPinyinLookupAllocatesOnlyTheAnswer(t *testing.T) {
	if a := testing.AllocsPerRun(100, func() { tableReadings('重') }); a > 1 {
		t.Fatalf("%v allocations per lookup", a)
	}
}
