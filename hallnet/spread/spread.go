// Package spread decides, for one screen taking a new catalogue from the
// hall, which file to fetch next and from which other screen, so that a
// new season reaches every screen of a hall about as fast as one screen
// alone would download it, instead of every screen queueing at the one
// that had it first.
//
// The rules: the file the fewest screens hold goes first (so that the
// first copies out of the first screen are all different, and every
// screen soon has something to give); it comes from the holder serving
// the fewest downloads; no screen is asked for more than Slots downloads
// at once (a screen that already took a file serves it onward while it
// fetches the rest, so the hall grows sources as fast as it can); a
// screen that sent a damaged copy of a file is not asked for anything again.
//
// A large file whose manifest signs its pieces is fetched as pieces
// (Pieces), each from its own holder: a screen serves a piece onward as
// soon as it has checked it, instead of a whole video only once it has
// all of it, and a damaged piece is blamed on the screen that sent it.
//
// A Swarm holds no network and no clock of its own: the kiosk drives it
// with real downloads, the hall model (hallnet/spread/hallmodel) with
// simulated ones, through the same calls.
package spread

import (
	"math/rand/v2"
	"slices"
	"strconv"
	"sync"
	"time"
)

// Slots is how many downloads a screen serves at once; beyond that it
// answers "busy" and the asker turns to another holder. One stream fills
// a LAN link, and a copy served at the full rate is a new source soonest
// (the hall model, hallmodel, finds one slot and one download at a time
// fastest for a hall of twenty).
const Slots = 1

// Parallel is how many files a screen fetches at once from the hall: one
// at a time takes the whole of a link, and frees the serving screen's
// slot soonest.
const Parallel = 1

// LacksFor is how long a screen that answered "not here" for a file is
// not asked for it again: one still taking the catalogue may have it
// a little later.
const LacksFor = 2 * time.Second

// BusyRest is how long a screen that answered "busy" is left alone.
const BusyRest = 100 * time.Millisecond

// File is one media file to fetch, or one piece of a large one.
type File struct {
	Hash string // sha256 of this file or piece
	Size int64
	// Of is the whole file's hash when this is a piece of it ("" for a
	// whole file), Offset where the piece begins in it.
	Of     string
	Offset int64
}

// Key names the file or piece in a swarm: a piece by its file and place
// (two files may share a piece's content, each still needs it written).
func (f File) Key() string {
	if f.Of == "" {
		return f.Hash
	}
	return f.Of + "@" + strconv.FormatInt(f.Offset, 10)
}

// Pieces is file f as pieces of pieceSize bytes (the last one shorter)
// with the given hashes, in order; nil when they do not fit its size.
// A screen serves a piece onward as soon as it has checked it, so a
// large video reaches a hall in several copies at once instead of one
// after the other.
func Pieces(f File, pieceSize int64, hashes []string) []File {
	if pieceSize <= 0 || int64(len(hashes)) != PieceCount(f.Size, pieceSize) {
		return nil
	}
	out := make([]File, len(hashes))
	for i, h := range hashes {
		off := int64(i) * pieceSize
		out[i] = File{Hash: h, Size: min(pieceSize, f.Size-off), Of: f.Hash, Offset: off}
	}
	return out
}

// PieceCount is how many pieces of pieceSize a file of size bytes has.
func PieceCount(size, pieceSize int64) int64 {
	if size <= 0 {
		return 1
	}
	return (size + pieceSize - 1) / pieceSize
}

// Source is another screen as its status describes it.
type Source struct {
	Addr string
	Name string
	// Complete: it serves the whole catalogue. Otherwise it is taking the
	// same catalogue and serves the files it has already verified.
	Complete bool
	// Has lists the files and pieces (by Key) a screen still taking the
	// catalogue is known to hold; nil means unknown (it is asked, and may
	// answer "not here").
	Has map[string]bool
	// Serving is how many downloads it serves now, as it last said.
	Serving int
}

type source struct {
	Source
	mine      int                  // downloads this screen has under way from it
	lacks     map[string]time.Time // file → when it said "not here"
	damaged   bool                 // it sent a damaged copy: not asked again
	busyUntil time.Time            // it said "busy"
}

// Swarm is one screen's fetching of one catalogue's files. It is safe
// for use by several downloading goroutines.
type Swarm struct {
	mu       sync.Mutex
	now      func() time.Time
	rnd      *rand.Rand
	files    map[string]File // every file of the catalogue
	want     map[string]File // not yet held, nor under way
	order    []string        // want's keys, in a random order of this screen's own
	inflight map[string]string
	src      map[string]*source
	left     int
}

// New is a swarm for files; seed makes this screen's order its own
// (screens seeded alike would fetch alike). now is the clock (time.Now
// when nil).
func New(files []File, seed uint64, now func() time.Time) *Swarm {
	if now == nil {
		now = time.Now
	}
	s := &Swarm{now: now, rnd: rand.New(rand.NewPCG(seed, seed^0x5eed)), want: map[string]File{}, files: map[string]File{},
		inflight: map[string]string{}, src: map[string]*source{}}
	for _, f := range files {
		if _, dup := s.want[f.Key()]; !dup {
			s.want[f.Key()] = f
			s.files[f.Key()] = f
			s.order = append(s.order, f.Key())
		}
	}
	s.rnd.Shuffle(len(s.order), func(i, j int) { s.order[i], s.order[j] = s.order[j], s.order[i] })
	s.left = len(s.want)
	return s
}

// Offer adds a screen that holds the catalogue, or updates what it says
// of itself.
func (s *Swarm) Offer(o Source) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.src[o.Addr]; ok {
		c.Source = o
		return
	}
	s.src[o.Addr] = &source{Source: o, lacks: map[string]time.Time{}}
}

// Serving updates how many downloads a screen says it serves (every
// answer of a screen says so).
func (s *Swarm) Serving(addr string, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.src[addr]; ok {
		c.Serving = n
	}
}

// holds reports whether c may be asked for key now.
func (s *Swarm) holds(c *source, key string, now time.Time) bool {
	if c.damaged {
		return false
	}
	if at, ok := c.lacks[key]; ok && now.Sub(at) < LacksFor {
		return false
	}
	return c.Complete || c.Has == nil || c.Has[key]
}

// load is how busy c is as far as this screen knows: what it said, or
// at least what this screen asks of it.
func (c *source) load() int { return max(c.Serving, c.mine) }

// Next is the next file to fetch and the screen to fetch it from; ok is
// false when nothing can start now (all held or under way, or every
// holder busy: ask again when a download ends). The file is under way
// until Got, Lacks, Busy, Damaged or Failed is called for it.
func (s *Swarm) Next() (f File, addr string, ok bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	now := s.now()
	best, bestRarity := -1, 0
	var bestSrc *source
	srcs := s.sorted()
	// Every file is held at least by the complete screens: a file that
	// rare cannot be beaten, and the search stops there (a catalogue in
	// pieces is hundreds of them, asked of twenty screens).
	floor := 0
	for _, c := range srcs {
		if c.Complete && !c.damaged {
			floor++
		}
	}
	for i, h := range s.order {
		if best >= 0 && bestRarity <= floor {
			break
		}
		rarity, ties := 0, 0
		var pick *source
		for _, c := range srcs {
			if !s.holds(c, h, now) {
				continue
			}
			// Screens known to hold it count for its rarity, busy or not.
			if c.Complete || c.Has[h] {
				rarity++
			}
			if now.Before(c.busyUntil) || c.load() >= Slots {
				continue
			}
			// The least busy; among equals, by rank, then at random.
			switch {
			case pick == nil || c.load() < pick.load() || c.load() == pick.load() && rank(c, h) > rank(pick, h):
				pick, ties = c, 1
			case c.load() == pick.load() && rank(c, h) == rank(pick, h):
				ties++
				if s.rnd.IntN(ties) == 0 {
					pick = c
				}
			}
		}
		if pick == nil {
			continue
		}
		if best < 0 || rarity < bestRarity {
			best, bestRarity, bestSrc = i, rarity, pick
		}
	}
	if best < 0 {
		return File{}, "", false
	}
	h := s.order[best]
	s.order = slices.Delete(s.order, best, best+1)
	f = s.want[h]
	delete(s.want, h)
	s.inflight[h] = bestSrc.Addr
	bestSrc.mine++
	bestSrc.Serving++ // until it says otherwise
	return f, bestSrc.Addr, true
}

// rank orders holders of equal load for key: one still taking the
// catalogue known to hold it, one that may hold it (asking costs a round
// trip on the LAN), a complete one (the one everyone else asks too).
func rank(c *source, key string) int {
	switch {
	case !c.Complete && c.Has[key]:
		return 2
	case !c.Complete:
		return 1
	}
	return 0
}

// sorted is the sources in address order, so that a run is repeatable
// for a seed.
func (s *Swarm) sorted() []*source {
	out := make([]*source, 0, len(s.src))
	for _, c := range s.src {
		out = append(out, c)
	}
	slices.SortFunc(out, func(a, b *source) int {
		switch {
		case a.Addr < b.Addr:
			return -1
		case a.Addr > b.Addr:
			return 1
		}
		return 0
	})
	return out
}

// end closes the download of key from addr; with back, the file is
// wanted again (at a random place, so retries do not all go first).
func (s *Swarm) end(key, addr string, back bool) (*source, bool) {
	got, ok := s.inflight[key]
	if !ok || got != addr {
		return nil, false
	}
	delete(s.inflight, key)
	c := s.src[addr]
	if c != nil {
		c.mine--
		c.Serving = max(0, c.Serving-1)
	}
	if back {
		s.want[key] = s.files[key]
		s.order = slices.Insert(s.order, s.rnd.IntN(len(s.order)+1), key)
	}
	return c, true
}

// Got: the file or piece (by Key) arrived whole and verified.
func (s *Swarm) Got(key, addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if _, ok := s.end(key, addr, false); ok {
		s.left--
	}
}

// Lacks: the screen at addr does not have the file (yet).
func (s *Swarm) Lacks(key, addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.end(key, addr, true); ok && c != nil {
		c.lacks[key] = s.now()
	}
}

// Busy: the screen at addr serves all the downloads it takes; it is
// left alone for a moment.
func (s *Swarm) Busy(key, addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.end(key, addr, true); ok && c != nil {
		c.Serving = max(c.Serving, Slots)
		c.busyUntil = s.now().Add(BusyRest)
	}
}

// Damaged: the screen at addr sent the file with another content than
// the signed hash. Its disk or its software is not to be trusted: it is
// not asked for any file again.
func (s *Swarm) Damaged(key, addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.end(key, addr, true); ok && c != nil {
		c.damaged = true
	}
}

// Failed: the download broke off (the screen went away, the network);
// the file is wanted again and the screen rests for a moment.
func (s *Swarm) Failed(key, addr string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if c, ok := s.end(key, addr, true); ok && c != nil {
		c.busyUntil = s.now().Add(LacksFor)
	}
}

// Left is how many files are not held yet (under way included).
func (s *Swarm) Left() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.left
}

// Hopeless is the files wanted that no screen offered can give (every
// holder sent a damaged copy), when nothing is under way.
func (s *Swarm) Hopeless() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if len(s.inflight) > 0 {
		return nil
	}
	var out []string
	for _, h := range s.order {
		can := false
		for _, c := range s.src {
			if !c.damaged && (c.Complete || c.Has == nil || c.Has[h]) {
				can = true
				break
			}
		}
		if !can {
			out = append(out, h)
		}
	}
	return out
}
