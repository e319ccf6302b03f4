package search

import (
	"strings"
)

// unit is one comparable piece of a text: a Chinese character or a word.
// Start and End are rune offsets into the text as displayed.
type unit struct {
	han, orig  rune   // folded and original character, or 0 for a word
	word       string // folded word when han is 0
	start, end int32
}

// tokenize splits s into units, folding each; punctuation and spaces
// separate words and are otherwise dropped. buf is reused.
func tokenize(s string, buf []unit) []unit {
	out := buf[:0]
	wordAt, wordStart, pos := -1, int32(0), int32(0)
	lower := true // the word is already folded, so it can share s's bytes
	flush := func(at int) {
		if wordAt >= 0 {
			w := s[wordAt:at]
			if !lower {
				w = foldWord(w)
			}
			out = append(out, unit{word: w, start: wordStart, end: pos})
			wordAt, lower = -1, true
		}
	}
	for at, r := range s {
		switch {
		case isHan(r):
			flush(at)
			out = append(out, unit{han: fold(r), orig: r, start: pos, end: pos + 1})
		case isWordRune(r):
			if wordAt < 0 {
				wordAt, wordStart = at, pos
			}
			if lower && fold(r) != r {
				lower = false
			}
		default:
			flush(at)
		}
		pos++
	}
	flush(len(s))
	return out
}

func foldWord(w string) string {
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		b.WriteRune(fold(r))
	}
	return b.String()
}
