// Command pinyingen writes store/search/pinyin.dat, the table of Chinese
// character readings the search index is built with:
//
//	go generate ./store/search
//
// Its facts come from the go-pinyin module's dictionary, read here once
// rather than loaded into every kiosk's heap (its package builds a map of
// 41,000 entries, 2 MB, at start-up). Per character it keeps the toneless
// readings in the dictionary's order, without repeats, at most three: the
// tail readings are archaic (see maxReadings in index.go).
//
// The file is one header and two parts, so that a lookup is a binary
// search over fixed-size records and allocates nothing:
//
//	"PY1" count(3 bytes)
//	count records: rune(3 bytes) end(3 bytes), by rune; big-endian
//	the readings, space-separated, one character's after another;
//	a character's are text[end of the record before : its end]
package main

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"slices"
	"strings"

	"github.com/mozillazg/go-pinyin"
)

const maxReadings = 3

func main() {
	out := "pinyin.dat"
	if len(os.Args) > 1 {
		out = os.Args[1]
	}
	args := pinyin.NewArgs() // toneless
	args.Heteronym = true
	args.Fallback = func(rune, pinyin.Args) []string { return nil }

	var runes []rune
	for r := range pinyin.PinyinDict {
		runes = append(runes, rune(r))
	}
	slices.Sort(runes)

	var records, text bytes.Buffer
	put3 := func(b *bytes.Buffer, v int) {
		if v < 0 || v >= 1<<24 {
			log.Fatalf("%d does not fit three bytes", v)
		}
		b.Write([]byte{byte(v >> 16), byte(v >> 8), byte(v)})
	}
	count := 0
	for _, r := range runes {
		rs := pinyin.SinglePinyin(r, args)
		if len(rs) > maxReadings {
			rs = rs[:maxReadings]
		}
		if len(rs) == 0 {
			continue
		}
		for _, s := range rs {
			if s == "" || strings.ContainsAny(s, " \n") {
				log.Fatalf("%U: unexpected reading %q", r, s)
			}
		}
		text.WriteString(strings.Join(rs, " "))
		put3(&records, int(r))
		put3(&records, text.Len())
		count++
	}
	var file bytes.Buffer
	file.WriteString("PY1")
	put3(&file, count)
	file.Write(records.Bytes())
	file.Write(text.Bytes())
	if err := os.WriteFile(out, file.Bytes(), 0o644); err != nil {
		log.Fatal(err)
	}
	fmt.Fprintf(os.Stderr, "%s: %d characters, %d bytes\n", out, count, file.Len())
}
