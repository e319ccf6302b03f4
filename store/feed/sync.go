package feed

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/media"
)

// SyncOptions say where to sync from and how.
type SyncOptions struct {
	// URL is the feed's root (the folder holding manifest.json) or the
	// manifest's own URL.
	URL string
	// Trusted publisher keys; nil means the keys in the store's settings.
	Trusted []PublicKey
	DB      *store.DB
	Media   *media.Store
	// HTTPClient defaults to one with connect and header timeouts and no
	// overall timeout (videos are large; StallTimeout catches hangs).
	HTTPClient *http.Client
	Parallel   int           // downloads at once; default 4
	Retries    int           // attempts per file; default 4
	RetryWait  time.Duration // first pause between attempts, doubling; default 1s
	// StallTimeout aborts a request that receives nothing for this long;
	// default 60s.
	StallTimeout time.Duration
	// PartialDir keeps unfinished downloads across runs, to be resumed
	// with range requests. It must be on the media store's file system;
	// default Media.Dir()/partial.
	PartialDir string
	Limits     Limits
	// Progress, when set, is called (serialised, a few times a second)
	// from the sync's goroutines; it must return quickly.
	Progress func(Progress)
	// KeepMedia, when set, names media to keep although the new
	// catalogue no longer uses them: what the screens still show.
	KeepMedia func() []string
	Now       func() time.Time
	UserAgent string
	// AllowOlder accepts a catalogue signed before the one in use: a
	// curator's (or a technician's) explicit decision to go back. Without
	// it an older feed is refused before any media is fetched.
	AllowOlder bool
	// TrustNew are keys a technician vouches for (--trust): they verify
	// this feed, and are stored as trusted only with its switch.
	TrustNew []PublicKey
	// KeepSigned, when set, is a folder where the manifest and signature
	// of the catalogue in use are kept once switched (or verified again),
	// for PeerHandler to pass the catalogue on to the hall's other screens.
	KeepSigned string
}

// ErrHTTP marks a request the server answered with an error or not at all.
var ErrHTTP = errors.New("the feed server did not deliver")

// errStalled is the cause given when StallTimeout expires.
var errStalled = errors.New("no data from the server")

// Sync brings the catalogue up to date with the feed at opt.URL: a
// conditional request for the manifest (nothing more when it has not
// changed), its signature checked before the manifest is parsed, only
// missing media downloaded (resumed when a partial file is left from an
// earlier run) and verified, then one transaction switches the catalogue
// and unused media are removed. The outcome is recorded in the settings
// (sync_state) for curators. On any error the previous catalogue stays.
func Sync(ctx context.Context, opt SyncOptions) (Result, error) {
	s, err := newSyncer(opt)
	if err != nil {
		return Result{Source: opt.URL}, err
	}
	res, err := s.run(ctx)
	now := s.now()
	st, serr := ReadState(opt.DB)
	if serr != nil {
		st = State{}
	}
	st.LastAttempt = now
	if err != nil {
		st.LastError = err.Error()
		st.LastErrorAt = now
		if errors.Is(err, store.ErrOlder) && s.offer != nil {
			// Kept so that a curator can go back to it on purpose.
			st.Older = &Offer{URL: s.manifestURL, Version: s.offer.Version, Signed: s.offer.Time}
		}
	} else {
		st.LastError = ""
		st.LastSuccess = now
		st.Older = nil // in step with the feed again, or gone back to it
		if res.Changed || res.Current {
			st.URL = s.manifestURL
			st.CatalogueVersion = res.Version
			st.ETag, st.LastModified = s.etag, s.lastModified
		}
	}
	if werr := writeState(opt.DB, st); werr != nil && err == nil {
		err = fmt.Errorf("the catalogue was updated but the sync state could not be saved: %w", werr)
	}
	noteStale(opt.DB, now, &res)
	return res, err
}

// noteStale flags a catalogue past its signed validity; a 304 or a
// failing server does not make it fresh again.
func noteStale(db *store.DB, now time.Time, res *Result) {
	if sg, err := db.Signed(); err == nil && sg.Expired(now) {
		res.StaleSince = sg.ValidUntil
	}
	_, res.StaleNews, _ = db.NoteExpired(now)
}

type syncer struct {
	opt          SyncOptions
	lim          Limits
	client       *http.Client
	root         *url.URL // ends with '/'
	manifestURL  string
	etag         string
	lastModified string
	pr           *progress
	offer        *store.Signed // the verified feed's position
	requestsMu   sync.Mutex
	requests     int
}

func newSyncer(opt SyncOptions) (*syncer, error) {
	u, err := url.Parse(opt.URL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return nil, fmt.Errorf("%q is not a feed address (expected http://host/path/ or https://...)", opt.URL)
	}
	if strings.HasSuffix(u.Path, "/"+ManifestName) {
		u.Path = strings.TrimSuffix(u.Path, ManifestName)
	} else if !strings.HasSuffix(u.Path, "/") {
		u.Path += "/"
	}
	u.RawPath = ""
	u.RawQuery, u.Fragment = "", ""
	if opt.Parallel <= 0 {
		opt.Parallel = 4
	}
	if opt.Retries <= 0 {
		opt.Retries = 4
	}
	if opt.RetryWait <= 0 {
		opt.RetryWait = time.Second
	}
	if opt.StallTimeout <= 0 {
		opt.StallTimeout = 60 * time.Second
	}
	if opt.PartialDir == "" {
		opt.PartialDir = filepath.Join(opt.Media.Dir(), "partial")
	}
	if opt.UserAgent == "" {
		opt.UserAgent = "showhall-sync"
	}
	s := &syncer{opt: opt, lim: opt.Limits.withDefaults(), client: opt.HTTPClient, root: u, pr: newProgress(opt.Progress)}
	s.manifestURL = u.JoinPath(ManifestName).String()
	if s.client == nil {
		s.client = defaultClient(opt.Parallel)
	}
	return s, nil
}

func (s *syncer) now() time.Time {
	if s.opt.Now != nil {
		return s.opt.Now()
	}
	return time.Now()
}

func (s *syncer) run(ctx context.Context) (res Result, err error) {
	res.Source = s.manifestURL
	defer func() { res.Requests = s.requests }()
	trusted := s.opt.Trusted
	if trusted == nil {
		if trusted, err = TrustedKeys(s.opt.DB); err != nil {
			return res, err
		}
	}
	trusted = append(trusted[:len(trusted):len(trusted)], s.opt.TrustNew...)
	if len(trusted) == 0 {
		return res, errors.New("no trusted publisher keys: give one with --trust KEY.pub (it is remembered for later syncs)")
	}
	s.pr.phase(PhaseManifest, 0, 0)
	raw, notModified, err := s.fetchManifest(ctx)
	if err != nil {
		return res, err
	}
	if notModified {
		res.NotModified = true
		info, err := s.opt.DB.Info()
		res.Version = info.Version
		return res, err
	}
	sig, err := s.get(ctx, SignatureName, maxSigFile)
	if errors.Is(err, errNotFound) {
		return res, fmt.Errorf("%w: the feed is not signed (%s answered 404 Not Found)", ErrSignature, s.root.JoinPath(SignatureName))
	}
	if err != nil {
		return res, err
	}
	c, err := verifyFeed(trusted, raw, sig, s.lim, s.now())
	if err != nil {
		return res, err
	}
	s.offer = &c.signed
	res.SignedBy, res.Offered = c.signer.ID(), c.signed
	doc := c.m.Catalogue
	sw := c.storeSwitch(s.opt.AllowOlder, s.opt.TrustNew, &res)
	if err := c.precheck(s.opt.DB, s.opt.AllowOlder); errors.Is(err, store.ErrUnchanged) {
		// Served again without validators (or by another server): only
		// the time of verification and any key change are written.
		if err := s.opt.DB.Reverified(sw); err != nil {
			return res, err
		}
		res.Current, res.Version = true, doc.Version
		res.PassOnError = keepSigned(s.opt.KeepSigned, raw, sig)
		return res, nil
	} else if err != nil {
		return res, err
	}
	if err := s.fetchMedia(ctx, doc, &res); err != nil {
		return res, explainWriteError(err)
	}
	if err := ctx.Err(); err != nil {
		return res, err
	}
	s.pr.phase(PhaseCommit, 0, 0)
	missing := func(f catalog.Media) (io.ReadCloser, error) {
		return nil, fmt.Errorf("media %.12s vanished from the store during the sync", f.Hash)
	}
	var keep []string
	if s.opt.KeepMedia != nil {
		keep = s.opt.KeepMedia()
	}
	rep, err := store.ImportWith(s.opt.DB, s.opt.Media, doc, missing,
		store.ImportOptions{Source: s.manifestURL, Now: s.now(), Keep: keep, Switch: sw})
	// Downloaded files were already in the store when Import counted.
	rep.Present -= res.Fetched
	rep.Copied += res.Fetched
	res.Report = rep
	if errors.Is(err, store.ErrUnchanged) {
		// Another import switched to this same feed meanwhile.
		res.Current, res.Version = true, doc.Version
		res.PassOnError = keepSigned(s.opt.KeepSigned, raw, sig)
		return res, nil
	}
	if err != nil {
		res.KeysAdded, res.KeysRevoked = nil, nil // rolled back with the switch
		return res, explainWriteError(err)
	}
	res.Changed = true
	res.Version = doc.Version
	res.PassOnError = keepSigned(s.opt.KeepSigned, raw, sig)
	// Partial files of earlier feeds are useless now.
	os.RemoveAll(s.opt.PartialDir)
	return res, nil
}
