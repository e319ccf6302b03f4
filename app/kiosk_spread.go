package app

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"sync"
	"time"

	"showhall/hallnet"
	"showhall/hallnet/spread"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/media"
	"showhall/store/partial"
)

// How a screen takes a newer catalogue from the hall. The signed
// manifest comes from one screen that has the whole catalogue and is
// checked first (a trusted signer, newer than the catalogue in use);
// then its files come from every screen that holds them, the choice of
// file and screen made by hallnet/spread, each file checked against its
// signed hash as it arrives; last, the usual sync from that screen finds
// every file in place, checks it all again and switches in one step.

// hallCheckEvery is how often a kiosk looks at the other screens'
// catalogues for a newer one to take.
const hallCheckEvery = 15 * time.Second

// hallRegather is how often a screen taking a catalogue reads the hall
// again, to find the screens that have begun to take it too.
const hallRegather = 3 * time.Second

// spreadPoll is how soon a screen asks again when every screen holding
// a file it lacks is busy: on a LAN a small file is served in less.
const spreadPoll = 50 * time.Millisecond

// hallGiveUp ends a take that got no file at all for this long (every
// screen holding it gone): it is tried again at the next look.
const hallGiveUp = 2 * time.Minute

// takeFromHall keeps the kiosk's catalogue as new as the newest in the
// hall: every hallCheckEvery it reads the other screens' status, and when
// some pass on a catalogue signed after its own, it takes it. The first
// look comes at a moment of the screen's own within the first interval,
// so that the screens of a hall started together do not all ask at once.
// A screen whose offer failed (an unknown signer, an older catalogue, a
// file nobody else holds damaged) is named in the log and not asked for
// that catalogue again.
func (k *kiosk) takeFromHall(ctx context.Context, data *Data, id hall.Identity, peers func() []string, log *slog.Logger) {
	c := &hallnet.Client{}
	failed := map[string]bool{} // address + content of offers that failed
	wait := hallCheckEvery/3 + rand.N(hallCheckEvery*2/3)
	for {
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = hallCheckEvery
		k.takeNewest(ctx, c, data, id, peers, failed, log)
	}
}

// takeNewest is one look at the hall: the newest catalogue passed on by
// the screens at peers (and those they name), if newer than this
// screen's, taken with the least busy of them giving the manifest; the
// others are tried in turn when an offer fails, and failed offers are
// noted in failed.
func (k *kiosk) takeNewest(ctx context.Context, c *hallnet.Client, data *Data, id hall.Identity, peers func() []string, failed map[string]bool, log *slog.Logger) {
	own, err := data.DB.Signed()
	if err != nil {
		return
	}
	entries := c.Gather(ctx, peers())
	var offers []hallnet.Entry
	var newest time.Time
	for _, e := range entries {
		if e.Status == nil || e.ID == id.ID || !e.Status.Catalogue.PassedOn || failed[e.Address+e.Status.Catalogue.Content] {
			continue
		}
		signed := e.Status.Catalogue.Signed
		if !signed.After(own.Time) || signed.Before(newest) {
			continue
		}
		if signed.After(newest) {
			newest, offers = signed, nil
		}
		offers = append(offers, e)
	}
	rand.Shuffle(len(offers), func(i, j int) { offers[i], offers[j] = offers[j], offers[i] })
	slices.SortStableFunc(offers, func(a, b hallnet.Entry) int { return cmp.Compare(serving(a), serving(b)) })
	for _, e := range offers {
		if k.takeFrom(ctx, c, data, id, e, entries, peers, log) {
			return
		}
		if ctx.Err() != nil {
			return
		}
		failed[e.Address+e.Status.Catalogue.Content] = true
	}
}

// serving is how many downloads a screen said it serves.
func serving(e hallnet.Entry) int {
	if e.Status == nil || e.Status.Spread == nil {
		return 0
	}
	return e.Status.Spread.Serving
}

// takeFrom takes the catalogue the screen e passes on, its files from
// every screen of the hall that has them; false when it was refused.
func (k *kiosk) takeFrom(ctx context.Context, c *hallnet.Client, data *Data, id hall.Identity, e hallnet.Entry, entries []hallnet.Entry, peers func() []string, log *slog.Logger) bool {
	start := time.Now()
	k.hall.syncMu.Lock()
	defer k.hall.syncMu.Unlock()
	ctx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	k.hall.setTakeStop(func() { stop(errPushedFirst) })
	defer k.hall.setTakeStop(nil)
	refused := func(err error) bool {
		if context.Cause(ctx) == errPushedFirst {
			// Not the offer's fault: the pushed catalogue goes first, the
			// files taken so far stay, and the next look asks again.
			log.Info("taking a catalogue from the hall gave way to a curator's push; the files taken so far are kept",
				"screen", e.Name, "version", e.CatalogueVersion)
			return true
		}
		if ctx.Err() == nil {
			log.Warn("a newer catalogue offered by another screen was refused; asking another", "screen", e.Name, "address", e.Address, "version", e.CatalogueVersion, "error", err)
		}
		return false
	}
	raw, sig, err := c.SignedFeed(ctx, e.Address)
	if err != nil {
		return refused(err)
	}
	trusted, err := feed.TrustedKeys(data.DB)
	if err != nil {
		return refused(err)
	}
	if _, err := feed.Verify(trusted, raw, sig); err != nil {
		return refused(err)
	}
	m, err := feed.ParseManifest(raw, feed.Limits{})
	if err != nil {
		return refused(err)
	}
	if own, err := data.DB.Signed(); err != nil {
		return refused(err)
	} else if !m.Generated.After(own.Time) {
		return refused(fmt.Errorf("it is signed %s, not after this screen's catalogue (%s): never taken back", m.Generated.Format(time.RFC3339), own.Time.Format(time.RFC3339)))
	}
	sum := sha256.Sum256(raw)
	content := hex.EncodeToString(sum[:])
	set := k.pieceSet(data)
	defer set.Close()
	files, err := wanted(m, data.Media, set)
	if err != nil {
		return refused(err)
	}
	var got spreadTally
	if len(files) > 0 {
		k.hall.taking.Store(content)
		err := fetchFromHall(ctx, c, data.Media, set, id, content, files, entries, peers, &got, log)
		k.hall.taking.Store("")
		if err != nil {
			return refused(err)
		}
	}
	url := "http://" + e.Address + hallnet.PathFeed
	res, err := feed.Sync(ctx, feed.SyncOptions{URL: url, DB: data.DB, Media: data.Media, UserAgent: "showhall/" + Version,
		KeepSigned: data.signedDir(), KeepMedia: k.mediaOnScreen})
	if err != nil {
		return refused(err)
	}
	if res.PassOnError != nil {
		log.Warn("the catalogue taken from the hall cannot be passed on", "error", res.PassOnError)
	}
	if res.Changed {
		log.Info("newer catalogue taken from another screen; shown from the next return home", "screen", e.Name, "address", e.Address,
			"version", res.Version, "signed_by", res.SignedBy, "files", got.files+res.Fetched, "pieces", got.pieces, "bytes", got.bytes+res.FetchBytes,
			"from_screens", len(got.from), "took", time.Since(start).Round(time.Millisecond))
		k.newCatalogue(data, log)
	}
	return true
}

// pieceSet is the kiosk's files being taken in pieces, beside the media
// store (a finished one is renamed into it).
func (k *kiosk) pieceSet(data *Data) *partial.Set {
	k.hall.piecesOnce.Do(func() { k.hall.pieces = partial.NewSet(filepath.Join(data.Media.Dir(), "pieces")) })
	return k.hall.pieces
}

// wanted is what a screen lacks of the catalogue of m: whole files, and
// the pieces not yet held of the files whose pieces m signs (the pieces
// held from a take cut off are kept, a file whose pieces are all held
// goes into the store at once). Pieces of files no longer wanted are
// removed.
func wanted(m *feed.Manifest, ms *media.Store, set *partial.Set) ([]spread.File, error) {
	var files []spread.File
	inPieces := map[string]bool{}
	for _, f := range m.Catalogue.Media {
		if ms.Has(f.Hash, f.Size) {
			continue
		}
		whole := spread.File{Hash: f.Hash, Size: f.Size}
		p, ok := m.Pieces[f.Hash]
		if !ok {
			files = append(files, whole)
			continue
		}
		pf, err := set.Open(f.Hash, f.Size, p.Size, p.SHA256)
		if err != nil {
			return nil, err
		}
		inPieces[f.Hash] = true
		if pf.Complete() {
			if err := pf.Finish(ms); err != nil {
				return nil, err
			}
			continue
		}
		for i, piece := range spread.Pieces(whole, p.Size, p.SHA256) {
			if !pf.Has(i) {
				files = append(files, piece)
			}
		}
	}
	set.Keep(inPieces)
	return files, nil
}

// spreadTally is what a take fetched, and from how many screens.
type spreadTally struct {
	mu     sync.Mutex
	files  int
	pieces int // of large files (a file in pieces counts once in files)
	bytes  int64
	from   map[string]bool
}

func (t *spreadTally) add(addr string, n int64, f spread.File) {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.from == nil {
		t.from = map[string]bool{}
	}
	if f.Of == "" {
		t.files++
	} else {
		t.pieces++
		if f.Offset == 0 {
			t.files++
		}
	}
	t.bytes += n
	t.from[addr] = true
}

// fetchFromHall puts files (of the catalogue whose manifest has the
// sha256 content) into the media store, each from the screen spread
// chooses, each checked against its signed hash; a screen that sends a
// damaged copy is named in the log and not asked for that file again.
func fetchFromHall(ctx context.Context, c *hallnet.Client, ms *media.Store, set *partial.Set, id hall.Identity, content string, files []spread.File,
	entries []hallnet.Entry, peers func() []string, got *spreadTally, log *slog.Logger) error {
	sw := spread.New(files, rand.Uint64(), nil)
	var namesMu sync.Mutex
	names := map[string]string{}
	offer := func(entries []hallnet.Entry) {
		namesMu.Lock()
		defer namesMu.Unlock()
		for _, e := range entries {
			st := e.Status
			if st == nil || e.ID == id.ID {
				continue
			}
			names[e.Address] = e.Name
			switch {
			case st.Catalogue.Content == content && st.Catalogue.PassedOn:
				sw.Offer(spread.Source{Addr: e.Address, Name: e.Name, Complete: true, Serving: serving(e)})
			case st.Spread != nil && st.Spread.Taking == content:
				sw.Offer(spread.Source{Addr: e.Address, Name: e.Name, Serving: serving(e)})
			}
		}
	}
	nameOf := func(addr string) string {
		namesMu.Lock()
		defer namesMu.Unlock()
		return names[addr]
	}
	offer(entries)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	var mu sync.Mutex
	lastGot, lastGather := time.Now(), time.Now()
	var wg sync.WaitGroup
	for range spread.Parallel {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for ctx.Err() == nil {
				f, addr, ok := sw.Next()
				if !ok {
					if sw.Left() == 0 {
						return
					}
					mu.Lock()
					stale := time.Since(lastGather) > hallRegather
					if stale {
						lastGather = time.Now()
					}
					idle := time.Since(lastGot)
					mu.Unlock()
					if stale {
						offer(c.Gather(ctx, peers()))
					}
					if h := sw.Hopeless(); len(h) > 0 && stale {
						cancel(fmt.Errorf("no screen of the hall sends file %.12s undamaged (%d such files)", h[0], len(h)))
						return
					}
					if idle > hallGiveUp {
						cancel(fmt.Errorf("no file came from the hall for %v", hallGiveUp))
						return
					}
					select {
					case <-ctx.Done():
					case <-time.After(spreadPoll):
					}
					continue
				}
				var n int64
				var err error
				if f.Of != "" {
					n, err = fetchPiece(ctx, c, ms, set, sw, f, addr)
				} else {
					n, err = fetchOne(ctx, c, ms, sw, f, addr)
				}
				switch {
				case err == nil:
					got.add(addr, n, f)
					mu.Lock()
					lastGot = time.Now()
					mu.Unlock()
				case errors.Is(err, media.ErrMismatch):
					log.Warn("another screen sent a damaged copy of a file of the new catalogue; it is not asked for any file again",
						"screen", nameOf(addr), "address", addr, "media", cmp.Or(f.Of, f.Hash), "piece_at", f.Offset, "error", err)
				case errors.Is(err, errDisk), errors.Is(err, errPieces):
					cancel(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	if sw.Left() == 0 {
		return nil
	}
	if err := context.Cause(ctx); err != nil {
		return err
	}
	return errors.New("the hall's files could not all be fetched")
}

// errDisk marks a file that could not be written here: no other screen
// can help with that.
var errDisk = errors.New("this screen cannot store the file")

// fetchOne fetches one file from the screen at addr into the store and
// tells sw how it went.
func fetchOne(ctx context.Context, c *hallnet.Client, ms *media.Store, sw *spread.Swarm, f spread.File, addr string) (int64, error) {
	body, size, serving, err := c.Media(ctx, addr, f.Hash)
	if serving >= 0 {
		sw.Serving(addr, serving)
	}
	switch {
	case errors.Is(err, hallnet.ErrLacks):
		sw.Lacks(f.Hash, addr)
		return 0, err
	case errors.Is(err, hallnet.ErrBusy):
		sw.Busy(f.Hash, addr)
		return 0, err
	case err != nil:
		sw.Failed(f.Hash, addr)
		return 0, err
	}
	defer body.Close()
	if size >= 0 && size != f.Size {
		sw.Damaged(f.Hash, addr)
		return 0, fmt.Errorf("%w: it sends %d bytes, the signed manifest says %d", media.ErrMismatch, size, f.Size)
	}
	r := &readTally{r: body}
	if _, err := ms.Put(r, f.Hash, f.Size); err != nil {
		switch {
		case r.err != nil && r.err != io.EOF:
			sw.Failed(f.Hash, addr)
			return 0, r.err
		case errors.Is(err, media.ErrMismatch):
			sw.Damaged(f.Hash, addr)
			return 0, err
		}
		sw.Failed(f.Hash, addr)
		return 0, fmt.Errorf("%w: %v", errDisk, err)
	}
	sw.Got(f.Hash, addr)
	return r.n, nil
}

// errPieces marks a file whose signed pieces, all checked, do not make
// its signed whole: the feed is at fault, no screen can help.
var errPieces = errors.New("the catalogue's signed pieces do not make its file")

// fetchPiece fetches one piece of a large file from the screen at addr,
// checks it against its signed hash before keeping it (a damaged piece
// is blamed on that screen alone), and puts the file into the store once
// every piece is held and the whole checks out.
func fetchPiece(ctx context.Context, c *hallnet.Client, ms *media.Store, set *partial.Set, sw *spread.Swarm, f spread.File, addr string) (int64, error) {
	pf := set.File(f.Of)
	if pf == nil {
		sw.Failed(f.Key(), addr)
		return 0, fmt.Errorf("%w: media %.12s is not being taken", errDisk, f.Of)
	}
	body, _, serving, err := c.Piece(ctx, addr, f.Of, f.Offset, f.Size)
	if serving >= 0 {
		sw.Serving(addr, serving)
	}
	switch {
	case errors.Is(err, hallnet.ErrLacks):
		sw.Lacks(f.Key(), addr)
		return 0, err
	case errors.Is(err, hallnet.ErrBusy):
		sw.Busy(f.Key(), addr)
		return 0, err
	case err != nil:
		sw.Failed(f.Key(), addr)
		return 0, err
	}
	defer body.Close()
	r := &readTally{r: body}
	if _, err := pf.Write(int(f.Offset/pf.PieceSize), r); err != nil {
		switch {
		case r.err != nil && r.err != io.EOF:
			sw.Failed(f.Key(), addr)
			return 0, r.err
		case errors.Is(err, partial.ErrMismatch):
			sw.Damaged(f.Key(), addr)
			return 0, err
		}
		sw.Failed(f.Key(), addr)
		return 0, fmt.Errorf("%w: %v", errDisk, err)
	}
	sw.Got(f.Key(), addr)
	if pf.Complete() {
		if err := pf.Finish(ms); errors.Is(err, partial.ErrMismatch) {
			return r.n, fmt.Errorf("%w: %v", errPieces, err)
		} else if err != nil {
			return r.n, fmt.Errorf("%w: %v", errDisk, err)
		}
	}
	return r.n, nil
}

// readTally counts what a download read and keeps its read error, so
// that a broken connection is not taken for a damaged file.
type readTally struct {
	r   io.Reader
	n   int64
	err error
}

func (t *readTally) Read(b []byte) (int, error) {
	n, err := t.r.Read(b)
	t.n += int64(n)
	if err != nil {
		t.err = err
	}
	return n, err
}
