package search

import "math/bits"

// maxAtoms bounds a query: the matcher keeps its states in a uint64.
const maxAtoms = 64

// query is a folded query: its atoms are Chinese characters, letters and
// digits; spaces and punctuation only mark where a typed word ended.
type query struct {
	atoms []rune
	han   uint64 // bit j: atom j is a Chinese character
	space uint64 // bit j: a separator came right before atom j
}

func parseQuery(s string) query {
	var q query
	sep := false
	for _, r := range s {
		if len(q.atoms) == maxAtoms {
			break
		}
		switch {
		case isHan(r):
			q.han |= 1 << len(q.atoms)
		case isWordRune(r) || isWordRune(fold(r)):
		default:
			sep = true
			continue
		}
		if sep && len(q.atoms) > 0 {
			q.space |= 1 << len(q.atoms)
		}
		sep = false
		q.atoms = append(q.atoms, fold(r))
	}
	return q
}

// How a match ended.
const (
	notDone    = iota
	donePrefix // the query ended inside the last unit (zhihuiy, med)
	doneWhole  // the query ended with the last unit
)

// step feeds one unit to the matcher. mask holds the query positions the
// match may be at before the unit; step returns those after it, and
// whether the query can end within or with it (prefix: how many atoms
// the last word consumed, for highlighting part of it).
//
// A character consumes a typed character equal to it, or one of its
// readings in full (yi), its initial (zh, ch, sh) or its first letter, or,
// at the very end of the query, any start of a reading. A word consumes
// itself, or a start of itself when the query ends or a space follows.
func (q *query) step(t *term, mask uint64) (next uint64, done int, prefix int) {
	n := len(q.atoms)
	adv := func(p int, how int) {
		if p == n {
			done = max(done, how)
		} else {
			next |= 1 << p
		}
	}
	for m := mask; m != 0; m &= m - 1 {
		j := bits.TrailingZeros64(m)
		if t.han != 0 {
			if q.han&(1<<j) != 0 {
				if q.atoms[j] == t.han {
					adv(j+1, doneWhole)
				}
				continue
			}
			for _, s := range t.readings {
				k := q.common(j, s)
				switch {
				case k == len(s):
					adv(j+k, doneWhole)
				case k > 0 && j+k == n:
					done = max(done, donePrefix)
				}
				if k >= 1 {
					adv(j+1, donePrefix)
				}
				if k >= 2 && s[1] == 'h' && (s[0] == 'z' || s[0] == 'c' || s[0] == 's') {
					adv(j+2, donePrefix)
				}
			}
			continue
		}
		k := q.commonRunes(j, t.word)
		switch {
		case k == 0:
		case k == len(t.word):
			adv(j+k, doneWhole)
		case j+k == n:
			if donePrefix >= done {
				done = donePrefix
				prefix = max(prefix, k)
			}
		case q.space&(1<<(j+k)) != 0:
			next |= 1 << (j + k)
		}
	}
	return next, done, prefix
}

// common is how many atoms from j spell the start of the syllable s,
// without crossing a typed space.
func (q *query) common(j int, s string) int {
	k := 0
	for k < len(s) && j+k < len(q.atoms) && q.atoms[j+k] == rune(s[k]) {
		if k > 0 && q.space&(1<<(j+k)) != 0 {
			break
		}
		k++
	}
	return k
}

func (q *query) commonRunes(j int, w []rune) int {
	k := 0
	for k < len(w) && j+k < len(q.atoms) && q.atoms[j+k] == w[k] {
		if k > 0 && q.space&(1<<(j+k)) != 0 {
			break
		}
		k++
	}
	return k
}
