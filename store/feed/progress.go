package feed

import (
	"sync"
	"sync/atomic"
	"time"

	"showhall/store"
)

// Phases of a sync or an import, in order.
const (
	PhaseManifest = "manifest" // fetching and checking the manifest
	PhaseMedia    = "media"    // fetching missing media
	PhaseCommit   = "commit"   // thumbnails, then the one-transaction switch
)

// Progress is a moment of a sync or an import.
type Progress struct {
	Phase      string
	Files      int // media files finished
	FilesTotal int // media files to fetch
	Bytes      int64
	BytesTotal int64
}

// Result says what a sync or an import did.
type Result struct {
	Source      string
	NotModified bool   // the feed had not changed: nothing else was fetched
	Changed     bool   // a new catalogue was committed; load a new snapshot
	Version     string // catalogue version now in the store
	SignedBy    string // id of the trusted key that signed the manifest
	Requests    int    // HTTP requests made
	Fetched     int    // media files fetched
	FetchBytes  int64  // bytes received for them (resumed parts excluded)
	Resumed     int    // downloads continued from a partial file
	Report      store.Report
	// Current: the feed offered the catalogue already in use, verified
	// again; nothing was switched.
	Current bool
	// KeysAdded and KeysRevoked are the ids of the trusted keys the feed
	// (or --trust) changed, with the switch.
	KeysAdded, KeysRevoked []string
	// StaleSince is the signed valid_until of the catalogue in use when
	// it has passed (zero otherwise); StaleNews says this sync is the
	// first to see it, so that it is logged once.
	StaleSince time.Time
	StaleNews  bool
	// Offered is the signed position of the catalogue the feed offered,
	// once its signature verified (zero before): what an older feed that
	// was refused would have brought, for a curator to go back to.
	Offered store.Signed
	// PassOnError says why the catalogue, switched or verified, could not
	// be kept to pass on to the hall's other screens (KeepSigned); the
	// switch itself stands.
	PassOnError error
	// Hall holds the signed documents (notices, opening hours) a bundle
	// carried in its hall/ folder, read but not checked: the caller takes
	// each with its own keys. HallErr says why the folder was refused as
	// a whole (too many files); the catalogue is not affected.
	Hall    []HallFile
	HallErr error
}

// progress turns byte counts from several goroutines into calls of the
// caller's function: serialised, and at most about five a second.
type progress struct {
	fn    func(Progress)
	mu    sync.Mutex
	p     Progress
	bytes atomic.Int64
	files atomic.Int64
	last  time.Time
}

func newProgress(fn func(Progress)) *progress { return &progress{fn: fn} }

func (p *progress) phase(name string, filesTotal int, bytesTotal int64) {
	if p == nil {
		return
	}
	p.bytes.Store(0)
	p.files.Store(0)
	p.mu.Lock()
	p.p = Progress{Phase: name, FilesTotal: filesTotal, BytesTotal: bytesTotal}
	p.mu.Unlock()
	p.report(true)
}

func (p *progress) addBytes(n int64) {
	if p != nil {
		p.bytes.Add(n)
		p.report(false)
	}
}

func (p *progress) fileDone() {
	if p != nil {
		p.files.Add(1)
		p.report(true)
	}
}

func (p *progress) report(force bool) {
	if p.fn == nil {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	now := time.Now()
	if !force && now.Sub(p.last) < 200*time.Millisecond {
		return
	}
	p.last = now
	p.p.Bytes = p.bytes.Load()
	p.p.Files = int(p.files.Load())
	p.fn(p.p)
}

// Write counts bytes written through it.
func (p *progress) Write(b []byte) (int, error) {
	p.addBytes(int64(len(b)))
	return len(b), nil
}
