package search

import (
	_ "embed"
	"sort"
	"strings"
)

//go:generate go run ./internal/pinyingen

// pinyinTable holds the toneless readings of 41,000 Chinese characters,
// as internal/pinyingen lays them out: a binary search over fixed records,
// straight from the binary's read-only data, so the table costs the kiosk
// no heap.
//
//go:embed pinyin.dat
var pinyinTable string

const pinyinRecord = 6 // rune, end of its readings: three bytes each

var pinyinCount, pinyinText = func() (int, string) {
	if len(pinyinTable) < 6 || pinyinTable[:3] != "PY1" {
		panic("search: pinyin.dat is not a pinyin table (go generate ./store/search)")
	}
	n := get3(pinyinTable, 3)
	if len(pinyinTable) < 6+n*pinyinRecord {
		panic("search: pinyin.dat is cut short (go generate ./store/search)")
	}
	return n, pinyinTable[6+n*pinyinRecord:]
}()

func get3(s string, at int) int {
	return int(s[at])<<16 | int(s[at+1])<<8 | int(s[at+2])
}

// tableReadings returns the readings of r as the table lists them, or nil
// for a character it does not know.
func tableReadings(r rune) []string {
	rec := func(i int) int { return 6 + i*pinyinRecord }
	i := sort.Search(pinyinCount, func(i int) bool { return get3(pinyinTable, rec(i)) >= int(r) })
	if i == pinyinCount || get3(pinyinTable, rec(i)) != int(r) {
		return nil
	}
	start := 0
	if i > 0 {
		start = get3(pinyinTable, rec(i-1)+3)
	}
	return strings.Fields(pinyinText[start:get3(pinyinTable, rec(i)+3)])
}
