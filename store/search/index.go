package search

import (
	"strings"
	"sync"

	"showhall/store/catalog"
)

// Field says where in a project a query matched.
type Field uint8

// Fields, from the most to the least telling match.
const (
	FieldTitle        Field = iota
	FieldOrganisation       // the organisation that built it
	FieldTag                // a theme, track or zone name, or a technology
	FieldSite               // where it runs
	FieldSummary
	FieldBody
)

func (f Field) String() string {
	return [...]string{"title", "organisation", "tag", "site", "summary", "body"}[f]
}

// base is the part of a score the field gives: any match in a title
// outranks any match in an organisation, and so on.
func (f Field) base() int32 {
	return [...]int32{4000, 3000, 2000, 2000, 1050, 1000}[f]
}

// Bonuses within a field; their sum stays under the gap between fields.
const (
	bonusExact      = 400 // the query is the whole field
	bonusFieldStart = 200 // the match starts the field
	bonusWhole      = 100 // the last unit matched is complete, not a prefix
	maxPosPenalty   = 50  // one point per unit before the match, at most this
	otherLangMalus  = 250 // matched only in a language the visitor does not read
	maxBonus        = bonusExact + bonusFieldStart + bonusWhole
	// The worst match in a field, base-maxPosPenalty-otherLangMalus, is
	// still no worse than the best in the next field, base-1000+maxBonus:
	// a project found in its title need not be looked at further.
)

// noTerm separates fields in the unit array, so that no match runs over.
const noTerm = ^uint32(0)

// term is one distinct unit of the catalogue.
type term struct {
	han      rune     // folded Chinese character, or 0 for a word
	word     []rune   // folded word
	readings []string // pinyin syllables of a character, toneless, all readings
}

// source is one field text of one project, in the languages langs (a set of
// langBit) that display this very text (after folding).
type source struct {
	project    int32
	kind       Field
	item       uint16 // which technology, for a FieldTag source
	langs      uint8
	start, end uint32 // its units are units[start:end]
}

// group is the positions of a term followed by the term next.
type group struct {
	next uint32
	end  uint32 // the group is post[end of the previous group:end]
}

// vocabText is one language's name of a theme, track or zone.
type vocabText struct {
	name    catalog.Text
	langs   uint8
	ids     []uint32
	members []int32 // projects with this term, in browse order
}

// Index finds projects of one snapshot. It is immutable and safe for
// concurrent use; build a new one with each snapshot.
type Index struct {
	snap  *catalog.Snapshot
	terms []term
	hanID map[rune]uint32
	word  map[string]uint32
	// starts lists, by the first rune a query can begin with, the terms a
	// match may start on: a character under itself and under the first
	// letter of each reading, a word under its first rune.
	starts map[rune][]uint32

	units   []uint32 // term ids of every source, noTerm between them
	unitSrc []uint32 // source of each unit
	srcs    []source
	// The postings of term t are grouped by the term that follows it:
	// groups[grpOff[t]:grpOff[t+1]]. A query checks the pair once per
	// group and skips whole groups, instead of checking every position.
	grpOff []uint32
	groups []group
	post   []uint32 // positions in units, by term, then next term, then position

	vocab []vocabText

	pool sync.Pool // of *scratch
}

func langBit(l catalog.Lang) uint8 {
	switch l {
	case catalog.Hant:
		return 2
	case catalog.En:
		return 4
	}
	return 1
}

// maxReadings bounds the readings kept per character. The dictionary
// lists the usual ones first and ends with archaic ones (育 yu zhou yo)
// that would only make short queries noisy; three keep 长 zhang chang,
// 行 xing hang, 重 zhong chong, 番 fan pan and 参 can shen.
const maxReadings = 3

// readings returns the toneless syllables of r; ü (written v) is also
// offered as u, as people without the v convention type it.
func readings(r rune) []string {
	out := tableReadings(r)
	if len(out) > maxReadings {
		out = out[:maxReadings]
	}
	for _, s := range out {
		if s == "lv" || s == "nv" || s == "lve" || s == "nve" {
			out = append(out, s[:1]+"u"+s[2:])
		}
	}
	return out
}

type builder struct {
	x       *Index
	buf     []unit
	views   [3][]uint32
	hanSeen map[rune]bool
}

// termOf returns the id of a unit's term, adding it if new.
func (b *builder) termOf(u *unit) uint32 {
	x := b.x
	if u.han != 0 {
		id, ok := x.hanID[u.han]
		if !ok {
			id = uint32(len(x.terms))
			x.terms = append(x.terms, term{han: u.han, readings: readings(u.han)})
			x.hanID[u.han] = id
		}
		// A Traditional character may read otherwise than its Simplified
		// form (乾 qian folds to 干 gan): keep its usual reading too.
		if u.orig != u.han && !b.hanSeen[u.orig] {
			b.hanSeen[u.orig] = true
			t := &x.terms[id]
			if rs := readings(u.orig); len(rs) > 0 && !contains(t.readings, rs[0]) {
				t.readings = append(t.readings, rs[0])
			}
		}
		return id
	}
	id, ok := x.word[u.word]
	if !ok {
		id = uint32(len(x.terms))
		x.terms = append(x.terms, term{word: []rune(u.word)})
		x.word[strings.Clone(u.word)] = id
	}
	return id
}

func contains(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// seq tokenizes s into term ids, appended to dst.
func (b *builder) seq(s string, dst []uint32) []uint32 {
	b.buf = tokenize(s, b.buf)
	for i := range b.buf {
		dst = append(dst, b.termOf(&b.buf[i]))
	}
	return dst
}

func equal(a, b []uint32) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// views tokenizes a text as each language displays it and groups the
// languages that show the same units. It calls add once per group.
func (b *builder) eachView(t catalog.Text, add func(langs uint8, ids []uint32)) {
	var done uint8
	for k, l := range catalog.Langs {
		b.views[k] = b.seq(t.In(l), b.views[k][:0])
	}
	for k := range catalog.Langs {
		bit := uint8(1) << k
		if done&bit != 0 || len(b.views[k]) == 0 {
			continue
		}
		langs := bit
		for m := k + 1; m < len(catalog.Langs); m++ {
			if equal(b.views[k], b.views[m]) {
				langs |= 1 << m
			}
		}
		done |= langs
		add(langs, b.views[k])
	}
}

// Build indexes every project of the snapshot, and the names of the
// themes, tracks and zones they belong to.
func Build(snap *catalog.Snapshot) *Index {
	n := snap.Len()
	x := &Index{
		snap:   snap,
		hanID:  make(map[rune]uint32, 4096),
		word:   make(map[string]uint32, 4096),
		starts: map[rune][]uint32{},
		units:  make([]uint32, 0, n*64),
		srcs:   make([]source, 0, n*12),
	}
	b := &builder{x: x, hanSeen: map[rune]bool{}}
	x.units = append(x.units, noTerm)
	addSource := func(i int, kind Field, item int, t catalog.Text) {
		b.eachView(t, func(langs uint8, ids []uint32) {
			x.srcs = append(x.srcs, source{project: int32(i), kind: kind, item: uint16(item), langs: langs,
				start: uint32(len(x.units)), end: uint32(len(x.units) + len(ids))})
			x.units = append(x.units, ids...)
			x.units = append(x.units, noTerm)
		})
	}
	// Field-major order: postings then meet titles before bodies, and a
	// project already found by its title skips its weaker matches.
	for _, kind := range []Field{FieldTitle, FieldOrganisation, FieldTag, FieldSite, FieldSummary, FieldBody} {
		for i := 0; i < n; i++ {
			p := snap.At(i)
			switch kind {
			case FieldTitle:
				addSource(i, kind, 0, p.Title)
			case FieldOrganisation:
				addSource(i, kind, 0, p.Organisation)
			case FieldTag:
				for k, t := range p.Technologies {
					if k <= 0xFFFF {
						addSource(i, kind, k, t)
					}
				}
			case FieldSite:
				addSource(i, kind, 0, p.Site)
			case FieldSummary:
				addSource(i, kind, 0, p.Summary)
			case FieldBody:
				addSource(i, kind, 0, p.Body)
			}
		}
	}
	x.unitSrc = make([]uint32, len(x.units))
	for s := range x.srcs {
		for u := x.srcs[s].start; u < x.srcs[s].end; u++ {
			x.unitSrc[u] = uint32(s)
		}
	}

	voc := snap.Vocabulary()
	for _, fv := range []struct {
		facet catalog.Facet
		terms []catalog.Term
	}{{catalog.FacetTheme, voc.Themes}, {catalog.FacetTrack, voc.Tracks}, {catalog.FacetZone, voc.Zones}} {
		for _, t := range fv.terms {
			idx := snap.Filter(catalog.Filter{fv.facet: {t.ID}})
			if len(idx) == 0 {
				continue
			}
			members := make([]int32, len(idx))
			for k, v := range idx {
				members[k] = int32(v)
			}
			b.eachView(t.Name, func(langs uint8, ids []uint32) {
				x.vocab = append(x.vocab, vocabText{name: t.Name, langs: langs, ids: append([]uint32(nil), ids...), members: members})
			})
		}
	}

	x.buildPostings()

	for id := range x.terms {
		t := &x.terms[id]
		if t.han != 0 {
			x.addStart(t.han, uint32(id))
			for _, r := range t.readings {
				x.addStart(rune(r[0]), uint32(id))
			}
		} else {
			x.addStart(t.word[0], uint32(id))
		}
	}
	return x
}

func (x *Index) addStart(r rune, id uint32) {
	l := x.starts[r]
	if len(l) > 0 && l[len(l)-1] == id {
		return
	}
	x.starts[r] = append(l, id)
}

// buildPostings sorts every position by (term, next term, position) with
// two stable counting sorts, then cuts the runs into groups.
func (x *Index) buildPostings() {
	nt := uint32(len(x.terms))
	key := func(id uint32) uint32 { // noTerm sorts last
		return min(id, nt)
	}
	count := make([]uint32, nt+2)
	sortBy := func(in, out []uint32, k func(pos uint32) uint32) {
		clear(count)
		for _, pos := range in {
			count[k(pos)+1]++
		}
		for i := 1; i < len(count); i++ {
			count[i] += count[i-1]
		}
		for _, pos := range in {
			c := k(pos)
			out[count[c]] = pos
			count[c]++
		}
	}
	// Two buffers of the exact size, used in turn: the index is built
	// while the kiosk starts, when memory is at its peak.
	n := 0
	for _, id := range x.units {
		if id != noTerm {
			n++
		}
	}
	all, byNext := make([]uint32, 0, n), make([]uint32, n)
	for pos, id := range x.units {
		if id != noTerm {
			all = append(all, uint32(pos))
		}
	}
	sortBy(all, byNext, func(pos uint32) uint32 { return key(x.units[pos+1]) })
	sortBy(byNext, all, func(pos uint32) uint32 { return x.units[pos] })
	x.post = all

	x.grpOff = make([]uint32, nt+1)
	for i, pos := range x.post {
		t, next := x.units[pos], x.units[pos+1]
		n := len(x.groups)
		if n == 0 || x.units[x.post[i-1]] != t || x.groups[n-1].next != next {
			if n > 0 {
				x.groups[n-1].end = uint32(i)
			}
			x.groups = append(x.groups, group{next: next})
		}
		x.grpOff[t+1] = uint32(len(x.groups))
	}
	if n := len(x.groups); n > 0 {
		x.groups[n-1].end = uint32(len(x.post))
	}
	// Terms without positions (names of themes only) get empty ranges.
	for t := uint32(1); t <= nt; t++ {
		x.grpOff[t] = max(x.grpOff[t], x.grpOff[t-1])
	}
}
