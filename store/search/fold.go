package search

//go:generate go run gen_fold.go

import (
	"unicode"
	"unicode/utf8"
)

// tradToSimp maps Traditional and variant characters to Simplified ones.
var tradToSimp = func() map[rune]rune {
	m := make(map[rune]rune, utf8.RuneCountInString(foldPairs)/2)
	rs := []rune(foldPairs)
	for i := 0; i+1 < len(rs); i += 2 {
		m[rs[i]] = rs[i+1]
	}
	return m
}()

// isHan reports whether r is a Chinese character.
func isHan(r rune) bool {
	if 0x4E00 <= r && r <= 0x9FFF { // the common block, without a table search
		return true
	}
	return r >= 0x2E80 && unicode.Is(unicode.Han, r)
}

// fold brings a rune to the form the index compares: Simplified for Chinese,
// lower case for letters, half width for full-width ASCII (as some input
// methods type it).
func fold(r rune) rune {
	if r >= 0xFF01 && r <= 0xFF5E {
		r -= 0xFEE0
	}
	if r < utf8.RuneSelf {
		if 'A' <= r && r <= 'Z' {
			r += 'a' - 'A'
		}
		return r
	}
	if s, ok := tradToSimp[r]; ok {
		return s
	}
	return unicode.ToLower(r)
}

// isWordRune reports whether r belongs to a word (a run of letters and
// digits other than Chinese characters).
func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
	}
	return (unicode.IsLetter(r) || unicode.IsDigit(r)) && !isHan(r)
}
