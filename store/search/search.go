package search

import (
	"sort"

	"showhall/store/catalog"
)

// Range is a matched part of a text, in rune offsets [Start, End).
type Range struct{ Start, End int }

// Hit is one project a query found.
type Hit struct {
	Index int   // the project, for Snapshot.At
	Score int   // higher is better; only the order means anything
	Field Field // the field of the best match
	// Lang is the language of Text: the visitor's, unless the query only
	// matched the project in another language (English typed on the
	// Chinese screen, pinyin on the English one).
	Lang catalog.Lang
	// Text is the matched field as displayed in Lang (for a tag, the one
	// tag); Ranges are the matched parts of it, for highlighting.
	Text   string
	Ranges []Range
}

// scratch is a query's per-project working memory, reused across queries.
type scratch struct {
	score   []int32 // best score of each project so far; 0: none
	src     []int32 // its source: >= 0 a source, < 0 -(vocab text + 1)
	touched []int32
	within  []uint64 // bitset of allowed projects, when filtering
	memo    [memoSize]memoEntry
	gen     uint32 // memo entries of other generations are stale
}

// The catalogue repeats itself (the same words in many projects), so a
// query meets the same (state, term) pairs again and again: remembering
// step's answers makes a verification mostly table look-ups.
const memoSize = 4096

type memoEntry struct {
	gen, term    uint32
	mask, next   uint64
	done, prefix int32
}

func (sc *scratch) step(q *query, x *Index, id uint32, mask uint64) (uint64, int, int) {
	e := &sc.memo[(uint64(id)*0x9E3779B1^mask*0x85EBCA77)>>7%memoSize]
	if e.gen == sc.gen && e.term == id && e.mask == mask {
		return e.next, int(e.done), int(e.prefix)
	}
	next, done, prefix := q.step(&x.terms[id], mask)
	*e = memoEntry{gen: sc.gen, term: id, mask: mask, next: next, done: int32(done), prefix: int32(prefix)}
	return next, done, prefix
}

// Search returns up to limit projects matching query, best first (limit
// <= 0: all of them). lang is the language the visitor reads.
func (x *Index) Search(query string, lang catalog.Lang, limit int) []Hit {
	hits, _ := x.Find(query, lang, nil, limit)
	return hits
}

// Find is Search among the projects within (indexes as Snapshot.Filter
// returns them; nil: all projects). It also returns how many projects
// match in all, for a result count.
func (x *Index) Find(query string, lang catalog.Lang, within []int, limit int) ([]Hit, int) {
	q := parseQuery(query)
	if len(q.atoms) == 0 || x.snap.Len() == 0 {
		return nil, 0
	}
	sc := x.getScratch()
	defer x.putScratch(sc)
	if within != nil {
		for _, i := range within {
			if i >= 0 && i < x.snap.Len() {
				sc.within[i>>6] |= 1 << (i & 63)
			}
		}
	}
	allowed := func(p int32) bool {
		return within == nil || sc.within[p>>6]&(1<<(p&63)) != 0
	}
	bit := langBit(lang)
	consider := func(p int32, score int32, src int32) {
		if sc.score[p] == 0 {
			sc.touched = append(sc.touched, p)
		}
		if score > sc.score[p] {
			sc.score[p], sc.src[p] = score, src
		}
	}

	// Matches in theme, track and zone names, shared by many projects:
	// first, so that a project they find skips its summary and body.
	for v := range x.vocab {
		vt := &x.vocab[v]
		best := int32(0)
		for i := range vt.ids {
			end, done, _ := x.run(&q, sc, vt.ids, i, 1)
			if done != notDone {
				best = max(best, score(FieldTag, i, end-i+1, len(vt.ids), done, vt.langs&bit == 0))
			}
		}
		if best == 0 {
			continue
		}
		for _, p := range vt.members {
			if sc.score[p] < best && allowed(p) {
				consider(p, best, -int32(v)-1)
			}
		}
	}

	// Matches in the projects' own fields, from the postings of every term
	// a match can start on, a group of equal pairs at a time.
	for _, id := range x.starts[q.atoms[0]] {
		m1, done1, _ := sc.step(&q, x, id, 1)
		if m1 == 0 && done1 == notDone {
			continue
		}
		from := uint32(0)
		if g0 := x.grpOff[id]; g0 > 0 {
			from = x.groups[g0-1].end
		}
		for _, g := range x.groups[x.grpOff[id]:x.grpOff[id+1]] {
			posts := x.post[from:g.end]
			from = g.end
			m2, done2 := uint64(0), done1
			if done1 == notDone {
				if g.next == noTerm {
					continue
				}
				m2, done2, _ = sc.step(&q, x, g.next, m1)
				if m2 == 0 && done2 == notDone {
					continue
				}
			}
			for _, pos := range posts {
				s := x.unitSrc[pos]
				src := &x.srcs[s]
				p := src.project
				if sc.score[p] >= src.kind.base()+maxBonus || !allowed(p) {
					continue
				}
				end, done := int(pos), done1
				if done == notDone {
					end, done = int(pos)+1, done2
				}
				if done == notDone {
					end, done, _ = x.run(&q, sc, x.units, int(pos)+2, m2)
					if done == notDone {
						continue
					}
				}
				consider(p, score(src.kind, int(pos-src.start), end-int(pos)+1, int(src.end-src.start), done, src.langs&bit == 0), int32(s))
			}
		}
	}

	total := len(sc.touched)
	better := func(a, b int32) bool {
		if sc.score[a] != sc.score[b] {
			return sc.score[a] > sc.score[b]
		}
		return a < b
	}
	var top []int32
	if limit <= 0 || limit >= total {
		top = append([]int32(nil), sc.touched...)
		sort.Slice(top, func(i, j int) bool { return better(top[i], top[j]) })
	} else {
		// Keep the best limit in order; most candidates lose to the last.
		top = make([]int32, 0, limit)
		for _, p := range sc.touched {
			if len(top) == limit && !better(p, top[limit-1]) {
				continue
			}
			k := sort.Search(len(top), func(i int) bool { return better(p, top[i]) })
			if len(top) < limit {
				top = append(top, 0)
			}
			copy(top[k+1:], top[k:])
			top[k] = p
		}
	}
	hits := make([]Hit, len(top))
	for k, p := range top {
		hits[k] = x.hit(&q, p, sc.score[p], sc.src[p], lang)
	}
	return hits, total
}

// run feeds units from i on, starting in the states mask, until the query
// is done or cannot go on. It returns the index of the last unit used.
func (x *Index) run(q *query, sc *scratch, ids []uint32, i int, mask uint64) (end int, done int, prefix int) {
	for ; i < len(ids) && ids[i] < uint32(len(x.terms)); i++ {
		if sc != nil {
			mask, done, prefix = sc.step(q, x, ids[i], mask)
		} else {
			mask, done, prefix = q.step(&x.terms[ids[i]], mask)
		}
		if done != notDone {
			return i, done, prefix
		}
		if mask == 0 {
			break
		}
	}
	return i, notDone, 0
}

// score ranks a match of length units starting at unit start of a field
// of size units.
func score(kind Field, start, length, size int, done int, otherLang bool) int32 {
	s := kind.base()
	if start == 0 {
		s += bonusFieldStart
		if length == size && done == doneWhole {
			s += bonusExact
		}
	}
	if done == doneWhole {
		s += bonusWhole
	}
	s -= int32(min(start, maxPosPenalty))
	if otherLang {
		s -= otherLangMalus
	}
	return s
}

// hit describes a project's best match, with the ranges to highlight.
func (x *Index) hit(q *query, p, sc, src int32, lang catalog.Lang) Hit {
	h := Hit{Index: int(p), Score: int(sc)}
	var langs uint8
	var text catalog.Text
	if src >= 0 {
		s := &x.srcs[src]
		h.Field, langs = s.kind, s.langs
		pr := x.snap.At(int(p))
		switch s.kind {
		case FieldTitle:
			text = pr.Title
		case FieldOrganisation:
			text = pr.Organisation
		case FieldTag:
			text = pr.Technologies[s.item]
		case FieldSite:
			text = pr.Site
		case FieldSummary:
			text = pr.Summary
		case FieldBody:
			text = pr.Body
		}
	} else {
		vt := &x.vocab[-src-1]
		h.Field, langs, text = FieldTag, vt.langs, vt.name
	}
	h.Lang = pickLang(lang, langs)
	h.Text = text.In(h.Lang)
	h.Ranges = x.ranges(q, h.Text)
	return h
}

// pickLang is the visitor's language if the text shows in it, else the
// nearest language that does.
func pickLang(l catalog.Lang, langs uint8) catalog.Lang {
	order := map[catalog.Lang][3]catalog.Lang{
		catalog.Hans: {catalog.Hans, catalog.Hant, catalog.En},
		catalog.Hant: {catalog.Hant, catalog.Hans, catalog.En},
		catalog.En:   {catalog.En, catalog.Hans, catalog.Hant},
	}[l]
	if order[0] == "" {
		order = [3]catalog.Lang{catalog.Hans, catalog.Hant, catalog.En}
	}
	for _, c := range order {
		if langs&langBit(c) != 0 {
			return c
		}
	}
	return order[0]
}

// ranges finds every non-overlapping match of q in text, left to right.
func (x *Index) ranges(q *query, text string) []Range {
	units := tokenize(text, nil)
	ids := make([]uint32, len(units))
	for i := range units {
		u := &units[i]
		var ok bool
		if u.han != 0 {
			ids[i], ok = x.hanID[u.han]
		} else {
			ids[i], ok = x.word[u.word]
		}
		if !ok {
			ids[i] = noTerm
		}
	}
	var out []Range
	for i := 0; i < len(ids); i++ {
		end, done, prefix := x.run(q, nil, ids, i, 1)
		if done == notDone {
			continue
		}
		r := Range{Start: int(units[i].start), End: int(units[end].end)}
		if prefix > 0 && units[end].han == 0 {
			r.End = min(r.End, int(units[end].start)+prefix)
		}
		out = append(out, r)
		i = end
	}
	return out
}

func (x *Index) getScratch() *scratch {
	if s, ok := x.pool.Get().(*scratch); ok {
		return s
	}
	n := x.snap.Len()
	return &scratch{score: make([]int32, n), src: make([]int32, n), within: make([]uint64, (n+63)/64), gen: 1}
}

func (x *Index) putScratch(s *scratch) {
	for _, p := range s.touched {
		s.score[p] = 0
	}
	s.touched = s.touched[:0]
	clear(s.within)
	s.gen++
	x.pool.Put(s)
}
