// Package search finds projects of a catalogue snapshot as a visitor types
// on the kiosk's keyboard: pinyin in full (zhihuiyiliao), by initials
// (zhyl) or mixed (zhihuiyl), English by word prefix in any case, Chinese
// characters Simplified or Traditional. It imports neither Fyne nor bbolt.
//
// # Units and folding
//
// Every field text is cut into units: a Chinese character, or a word (a run
// of letters and digits). Units are folded before comparison: Traditional
// and variant characters to Simplified (a table generated from OpenCC's
// data, see gen_fold.go), letters to lower case, full-width to half-width.
// Each distinct unit is a term; a character term carries its toneless
// pinyin readings (pinyin.dat, made from the go-pinyin module's dictionary
// by internal/pinyingen and read in place), all the usual ones of a polyphonic character (银行 is
// yinhang and 增长 zengzhang while 长隆 is changlong) but at most three,
// since the dictionary's tail readings are archaic and only add noise.
//
// # Matching
//
// A query is folded the same way into atoms (characters, letters, digits);
// spaces only mark where a typed word ended. A match is a run of
// consecutive units of one field that consumes the whole query: a
// character consumes itself, or a reading in full, its initial (zh, ch, sh)
// or first letter, or, at the end of the query, any start of a reading
// (zhihuiy already finds 智慧医疗); a word consumes itself, or its start at
// the end of the query or before a typed space. The matcher keeps the set
// of query positions it may be at in a uint64, so that every way of cutting
// the query into syllables is tried at once.
//
// # Index
//
// Build lays the units of every field of every project in one array
// (titles first, then organisations, technologies, sites, summaries,
// bodies; each language's text once, shared by the languages that show the
// same units), and keeps, per term, its positions grouped by the term that
// follows. A query looks up the terms that may start a match (by the
// query's first atom), checks each (term, next term) pair once and skips
// the groups that fail, and only then walks on from single positions. The
// catalogue repeats itself, so the matcher's answers per (state, term) are
// memoised for the query. Theme, track and zone names are matched once
// each and give their projects a tag match.
//
// # Ranking
//
// A project scores its best match. The field sets the base, title >
// organisation > tag and site > summary > body, and no bonus crosses into
// another field's band: a match that starts the field, one that ends on a
// whole unit rather than a prefix, and the whole field matched exactly
// raise it; every unit before the match lowers it a little; a match only
// in a language the visitor is not reading (English typed on the Chinese
// screen) lowers it more. Ties keep snapshot (browse) order. Highlight
// ranges are computed only for the hits returned.
//
// Query time (with p50/p99), build time and index memory over a generated
// catalogue of 10,000 projects:
//
//	go test -run='^$' -bench=. -benchmem ./store/search
package search
