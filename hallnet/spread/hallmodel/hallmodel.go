// Package hallmodel is a model of a hall's screens on one switch, taking
// a new catalogue from the screen that had it first, with the real
// choosing code (hallnet/spread) deciding every download. It answers how
// long a hall of twenty takes to have a new season everywhere, against
// one screen's own download and against one screen serving all the
// others, for halls and links no test machine has.
//
// The network: every screen has a full-duplex link of the same speed to
// a non-blocking switch; downloads share each link fairly (max-min, as
// TCP roughly does). Latency and disk are left out: on a LAN a request
// costs a millisecond against the seconds a video takes.
package hallmodel

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"

	"showhall/hallnet/spread"
)

// Config describes a hall and its new catalogue.
type Config struct {
	Screens        int     // in the hall, the first one has the catalogue; default 20
	LinkBitsPerSec float64 // each screen's link; default 100 Mbit/s
	CatalogueBytes int64   // default 1 GB
	Files          int     // media files, sizes varied around the mean; default 60
	// CheckEvery is how often a screen looks at the hall (the kiosk's
	// 15 s): each screen first looks at a random moment within it.
	CheckEvery time.Duration
	Parallel   int    // downloads a screen runs at once (the kiosk's spread.Parallel)
	Seed       uint64 // the hall's randomness: look times, file sizes, orders
	// AskBlind: what a screen still taking the catalogue holds is not
	// known, as in the kiosk (its status does not list its files): it is
	// asked and may answer "not here". Otherwise the model tells the
	// swarm (faster to simulate).
	AskBlind bool
	// PieceBytes, when set, splits every file larger than it into pieces
	// of that size, each checked and served onward on its own (a feed
	// whose manifest signs piece hashes). Zero: whole files only.
	PieceBytes int64
	// OneSource makes every screen fetch everything from the first one,
	// with no limit on its downloads served: the hall without spreading.
	OneSource bool
}

func (c Config) withDefaults() Config {
	if c.Screens == 0 {
		c.Screens = 20
	}
	if c.LinkBitsPerSec == 0 {
		c.LinkBitsPerSec = 100e6
	}
	if c.CatalogueBytes == 0 {
		c.CatalogueBytes = 1 << 30
	}
	if c.Files == 0 {
		c.Files = 60
	}
	if c.CheckEvery == 0 {
		c.CheckEvery = 15 * time.Second
	}
	if c.Parallel == 0 {
		c.Parallel = spread.Parallel
	}
	return c
}

// Result is one run of the model.
type Result struct {
	All       time.Duration   // until every screen has the catalogue
	Own       time.Duration   // one screen's own download over its link, alone
	Done      []time.Duration // per screen, from the start
	Uploaded  []int64         // bytes each screen sent
	FirstSent float64         // what the first screen sent, in catalogues
}

// Ratio is All against Own.
func (r Result) Ratio() float64 { return r.All.Seconds() / r.Own.Seconds() }

func (r Result) String() string {
	return fmt.Sprintf("all %.1f s, own download %.1f s (%.2fx), first screen sent %.2f catalogues",
		r.All.Seconds(), r.Own.Seconds(), r.Ratio(), r.FirstSent)
}

type flow struct {
	from, to int
	file     spread.File
	left     float64 // bytes
	rate     float64 // bytes per second
}

type screen struct {
	lookAt  float64 // seconds; when it first looks at the hall
	looking bool
	swarm   *spread.Swarm
	has     map[string]bool
	done    float64 // seconds; -1 until complete
	mine    int     // downloads under way
}

// Run runs the model once.
func Run(cfg Config) Result {
	cfg = cfg.withDefaults()
	rnd := rand.New(rand.NewPCG(cfg.Seed, 0x4a11))
	files := inPieces(sizes(cfg, rnd), cfg.PieceBytes)
	link := cfg.LinkBitsPerSec / 8
	now := 0.0
	clock := func() time.Time { return time.Unix(0, 0).Add(time.Duration(now * float64(time.Second))) }

	scr := make([]*screen, cfg.Screens)
	for i := range scr {
		scr[i] = &screen{has: map[string]bool{}, done: -1, lookAt: rnd.Float64() * cfg.CheckEvery.Seconds()}
	}
	for _, f := range files {
		scr[0].has[f.Key()] = true
	}
	scr[0].done, scr[0].looking = 0, true
	addr := func(i int) string { return fmt.Sprintf("screen-%02d", i) }
	index := map[string]int{}
	for i := range scr {
		index[addr(i)] = i
	}
	uploaded := make([]int64, cfg.Screens)
	serving := make([]int, cfg.Screens)
	var flows []*flow

	offer := func(i int) {
		s := scr[i]
		for j, o := range scr {
			if j == i || !o.looking || (cfg.OneSource && j != 0) {
				continue
			}
			src := spread.Source{Addr: addr(j), Complete: o.done >= 0, Serving: serving[j]}
			if !src.Complete {
				if !cfg.AskBlind {
					src.Has = o.has
				}
			}
			if cfg.OneSource {
				src.Serving = 0 // no limit: everyone asks the first screen
			}
			s.swarm.Offer(src)
		}
	}
	start := func(i int) {
		s := scr[i]
		offer(i)
		for s.mine < cfg.Parallel {
			f, from, ok := s.swarm.Next()
			if !ok {
				return
			}
			j := index[from]
			if !scr[j].has[f.Key()] {
				s.swarm.Lacks(f.Key(), from)
				continue
			}
			if !cfg.OneSource && serving[j] >= spread.Slots {
				s.swarm.Busy(f.Key(), from)
				continue
			}
			serving[j]++
			s.mine++
			flows = append(flows, &flow{from: j, to: i, file: f, left: float64(f.Size)})
			offer(i)
		}
	}

	for steps := 0; ; steps++ {
		if steps > 10_000_000 {
			panic("hallmodel: the hall never finished")
		}
		// Screens whose moment to look has come join the spread.
		for i, s := range scr {
			if !s.looking && now >= s.lookAt {
				s.looking = true
				s.swarm = spread.New(files, cfg.Seed*1000+uint64(i), clock)
			}
		}
		all := true
		for i, s := range scr {
			if s.done < 0 {
				all = false
				if s.looking {
					start(i)
				}
			}
		}
		if all {
			break
		}
		share(flows, cfg.Screens, link)
		// The next event: a download ending, a screen looking, or a
		// short wait for a screen that can start nothing now.
		next := math.Inf(1)
		for _, f := range flows {
			if f.rate > 0 {
				next = min(next, now+f.left/f.rate)
			}
		}
		for _, s := range scr {
			if !s.looking {
				next = min(next, s.lookAt)
			} else if s.done < 0 && s.mine < cfg.Parallel {
				next = min(next, now+0.25)
			}
		}
		dt := next - now
		now = next
		kept := flows[:0]
		for _, f := range flows {
			sent := f.rate * dt
			f.left -= sent
			uploaded[f.from] += int64(sent)
			if f.left > 1e-6*float64(f.file.Size)+1 {
				kept = append(kept, f)
				continue
			}
			uploaded[f.from] += int64(f.left)
			serving[f.from]--
			s := scr[f.to]
			s.mine--
			s.has[f.file.Key()] = true
			s.swarm.Got(f.file.Key(), addr(f.from))
			if len(s.has) == len(files) {
				s.done = now
			}
		}
		flows = kept
	}
	res := Result{Own: seconds(float64(cfg.CatalogueBytes) / link), Uploaded: uploaded}
	for _, s := range scr {
		d := seconds(s.done)
		res.Done = append(res.Done, d)
		res.All = max(res.All, d)
	}
	res.FirstSent = float64(uploaded[0]) / float64(cfg.CatalogueBytes)
	return res
}

func seconds(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// sizes splits the catalogue into files of varied sizes (a few large
// videos, many small pictures), adding up to the catalogue exactly.
func sizes(cfg Config, rnd *rand.Rand) []spread.File {
	weights := make([]float64, cfg.Files)
	var sum float64
	for i := range weights {
		weights[i] = math.Exp(rnd.NormFloat64()) // log-normal
		sum += weights[i]
	}
	files := make([]spread.File, cfg.Files)
	var total int64
	for i, w := range weights {
		n := int64(w / sum * float64(cfg.CatalogueBytes))
		if i == len(weights)-1 {
			n = cfg.CatalogueBytes - total
		}
		total += n
		files[i] = spread.File{Hash: fmt.Sprintf("%064x", i+1), Size: max(n, 1)}
	}
	return files
}

// inPieces splits the files larger than pieceSize into pieces (with
// made-up hashes: the model checks nothing).
func inPieces(files []spread.File, pieceSize int64) []spread.File {
	if pieceSize <= 0 {
		return files
	}
	var out []spread.File
	for _, f := range files {
		if f.Size <= pieceSize {
			out = append(out, f)
			continue
		}
		hashes := make([]string, spread.PieceCount(f.Size, pieceSize))
		for i := range hashes {
			hashes[i] = fmt.Sprintf("%.56s%08x", f.Hash, i)
		}
		out = append(out, spread.Pieces(f, pieceSize, hashes)...)
	}
	return out
}

// share gives every flow its max-min fair rate: each screen's upload
// and download capacity shared among the flows through it.
func share(flows []*flow, screens int, capacity float64) {
	up := make([]float64, screens)
	down := make([]float64, screens)
	for i := range up {
		up[i], down[i] = capacity, capacity
	}
	fixed := make([]bool, len(flows))
	for left := len(flows); left > 0; {
		upN := make([]int, screens)
		downN := make([]int, screens)
		for k, f := range flows {
			if !fixed[k] {
				upN[f.from]++
				downN[f.to]++
			}
		}
		// The tightest link sets the rate of the flows through it.
		best := math.Inf(1)
		bestUp, bestIdx := false, -1
		for i := range screens {
			if upN[i] > 0 && up[i]/float64(upN[i]) < best {
				best, bestUp, bestIdx = up[i]/float64(upN[i]), true, i
			}
			if downN[i] > 0 && down[i]/float64(downN[i]) < best {
				best, bestUp, bestIdx = down[i]/float64(downN[i]), false, i
			}
		}
		for k, f := range flows {
			if fixed[k] || bestUp && f.from != bestIdx || !bestUp && f.to != bestIdx {
				continue
			}
			f.rate = best
			fixed[k] = true
			left--
			up[f.from] -= best
			down[f.to] -= best
		}
	}
}
