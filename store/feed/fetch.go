package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"time"

	"showhall/store/catalog"
	"showhall/store/media"
)

// Fetching a feed over HTTP: the conditional manifest request, its
// signature, and the media downloads (parallel, resumed, retried, each
// verified before it enters the media store). What is done with a
// fetched feed is sync.go's and apply.go's business.

func defaultClient(parallel int) *http.Client {
	t := http.DefaultTransport.(*http.Transport).Clone()
	t.DialContext = (&net.Dialer{Timeout: 15 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	t.TLSHandshakeTimeout = 15 * time.Second
	t.ResponseHeaderTimeout = 60 * time.Second
	t.MaxIdleConnsPerHost = parallel + 1
	return &http.Client{Transport: t}
}

// fetchManifest asks for the manifest, conditionally when the catalogue in
// the store is the one last committed from this same URL.
func (s *syncer) fetchManifest(ctx context.Context) (raw []byte, notModified bool, err error) {
	st, _ := ReadState(s.opt.DB)
	info, err := s.opt.DB.Info()
	if err != nil {
		return nil, false, err
	}
	conditional := st.URL == s.manifestURL && !info.Empty() && info.Version == st.CatalogueVersion
	resp, cancel, err := s.request(ctx, s.manifestURL, func(r *http.Request) {
		if conditional && st.ETag != "" {
			r.Header.Set("If-None-Match", st.ETag)
		}
		if conditional && st.LastModified != "" {
			r.Header.Set("If-Modified-Since", st.LastModified)
		}
	})
	if err != nil {
		return nil, false, err
	}
	defer cancel()
	defer resp.Body.Close()
	switch {
	case resp.StatusCode == http.StatusNotModified && conditional:
		return nil, true, nil
	case resp.StatusCode != http.StatusOK:
		return nil, false, statusError(s.manifestURL, resp)
	}
	if resp.ContentLength > s.lim.MaxManifest {
		return nil, false, fmt.Errorf("%w: the server says it is %d bytes, more than the limit of %d", ErrManifest, resp.ContentLength, s.lim.MaxManifest)
	}
	raw, err = readAtMost(resp.Body, s.lim.MaxManifest, ManifestName)
	if err != nil {
		return nil, false, s.explain(err, ManifestName)
	}
	s.etag = resp.Header.Get("ETag")
	s.lastModified = strongLastModified(resp.Header)
	return raw, false, nil
}

var errNotFound = errors.New("not found")

// strongLastModified returns Last-Modified only when it can tell versions
// apart: a file changed in the same second as the answer could change
// again within that second without its date changing (RFC 9110 8.8.2.2).
func strongLastModified(h http.Header) string {
	lm, err1 := http.ParseTime(h.Get("Last-Modified"))
	date, err2 := http.ParseTime(h.Get("Date"))
	if err1 != nil || err2 != nil || date.Sub(lm) < time.Second {
		return ""
	}
	return h.Get("Last-Modified")
}

// get fetches a small file of the feed whole.
func (s *syncer) get(ctx context.Context, name string, max int64) ([]byte, error) {
	u := s.root.JoinPath(name).String()
	resp, cancel, err := s.request(ctx, u, nil)
	if err != nil {
		return nil, err
	}
	defer cancel()
	defer resp.Body.Close()
	if resp.StatusCode == http.StatusNotFound {
		return nil, errNotFound
	}
	if resp.StatusCode != http.StatusOK {
		return nil, statusError(u, resp)
	}
	raw, err := readAtMost(resp.Body, max, name)
	if err != nil {
		return nil, s.explain(err, name)
	}
	return raw, nil
}

// request sends a GET whose body must keep flowing: the returned cancel
// must be called when done, and the stall timer restarts at every read.
func (s *syncer) request(ctx context.Context, u string, edit func(*http.Request)) (*http.Response, func(), error) {
	rctx, cancel := context.WithCancelCause(ctx)
	timer := time.AfterFunc(s.opt.StallTimeout, func() { cancel(errStalled) })
	done := func() { timer.Stop(); cancel(nil) }
	req, err := http.NewRequestWithContext(rctx, http.MethodGet, u, nil)
	if err != nil {
		done()
		return nil, nil, err
	}
	req.Header.Set("User-Agent", s.opt.UserAgent)
	if edit != nil {
		edit(req)
	}
	s.requestsMu.Lock()
	s.requests++
	s.requestsMu.Unlock()
	resp, err := s.client.Do(req)
	if err != nil {
		done()
		if context.Cause(rctx) == errStalled {
			return nil, nil, fmt.Errorf("%w: %s: no answer within %v", ErrHTTP, u, s.opt.StallTimeout)
		}
		if ctx.Err() != nil {
			return nil, nil, ctx.Err()
		}
		return nil, nil, fmt.Errorf("%w: %s: %v", ErrHTTP, u, err)
	}
	timer.Reset(s.opt.StallTimeout)
	resp.Body = &stallReader{ReadCloser: resp.Body, timer: timer, d: s.opt.StallTimeout, ctx: rctx}
	return resp, done, nil
}

// stallReader restarts the stall timer whenever data arrives.
type stallReader struct {
	io.ReadCloser
	timer *time.Timer
	d     time.Duration
	ctx   context.Context
}

func (r *stallReader) Read(b []byte) (int, error) {
	n, err := r.ReadCloser.Read(b)
	if n > 0 {
		r.timer.Reset(r.d)
	}
	if err != nil && err != io.EOF && context.Cause(r.ctx) == errStalled {
		err = errStalled
	}
	return n, err
}

func (s *syncer) explain(err error, what string) error {
	if errors.Is(err, errStalled) {
		return fmt.Errorf("%w: %s: %v for %v; the connection is too slow or hung", ErrHTTP, what, errStalled, s.opt.StallTimeout)
	}
	if errors.Is(err, ErrManifest) {
		return err
	}
	return fmt.Errorf("%w: %s: the connection broke: %v", ErrHTTP, what, err)
}

func statusError(u string, resp *http.Response) error {
	io.Copy(io.Discard, io.LimitReader(resp.Body, 4096))
	return fmt.Errorf("%w: %s answered %s", ErrHTTP, u, resp.Status)
}

// permanent marks download errors not worth retrying.
type permanent struct{ error }

func (p permanent) Unwrap() error { return p.error }

// fetchMedia downloads every media file the store lacks, a few at once.
// The first failure stops the others.
func (s *syncer) fetchMedia(ctx context.Context, doc catalog.Document, res *Result) error {
	var todo []catalog.Media
	var total int64
	for _, m := range doc.Media {
		if !s.opt.Media.Has(m.Hash, m.Size) {
			todo = append(todo, m)
			total += m.Size
		}
	}
	if len(todo) == 0 {
		return nil
	}
	if err := os.MkdirAll(s.opt.PartialDir, 0o755); err != nil {
		return err
	}
	var partial int64
	for _, m := range todo {
		if st, err := os.Stat(s.partPath(m.Hash)); err == nil && st.Size() <= m.Size {
			partial += st.Size()
		}
	}
	if err := checkSpace(s.opt.Media.Dir(), total-partial); err != nil {
		return err
	}
	s.pr.phase(PhaseMedia, len(todo), total)

	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)
	jobs := make(chan catalog.Media)
	var wg sync.WaitGroup
	var mu sync.Mutex
	var firstErr error
	for range min(s.opt.Parallel, len(todo)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for m := range jobs {
				st, err := s.download(ctx, m)
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = err
					cancel(err)
				}
				if err == nil {
					res.Fetched++
					res.FetchBytes += st.fetched
					if st.resumed {
						res.Resumed++
					}
				}
				mu.Unlock()
				s.pr.fileDone()
			}
		}()
	}
feed:
	for _, m := range todo {
		select {
		case jobs <- m:
		case <-ctx.Done():
			break feed
		}
	}
	close(jobs)
	wg.Wait()
	if firstErr != nil {
		return firstErr
	}
	return context.Cause(ctx)
}

func (s *syncer) partPath(hash string) string { return filepath.Join(s.opt.PartialDir, hash) }

type fetchStats struct {
	fetched int64
	resumed bool
}

// download gets one media file into the store, retrying and resuming.
func (s *syncer) download(ctx context.Context, m catalog.Media) (fetchStats, error) {
	var st fetchStats
	wait := s.opt.RetryWait
	for attempt := 1; ; attempt++ {
		err := s.fetchOnce(ctx, m, &st)
		if err == nil {
			return st, nil
		}
		if ctx.Err() != nil {
			return st, context.Cause(ctx)
		}
		var p permanent
		if errors.As(err, &p) || attempt >= s.opt.Retries {
			return st, fmt.Errorf("media %.12s: %w", m.Hash, err)
		}
		select {
		case <-time.After(wait):
		case <-ctx.Done():
			return st, context.Cause(ctx)
		}
		wait *= 2
	}
}

// fetchOnce makes one attempt: it continues the partial file if there is
// one, and when the file is complete checks it and moves it into the store.
func (s *syncer) fetchOnce(ctx context.Context, m catalog.Media, st *fetchStats) error {
	part := s.partPath(m.Hash)
	f, err := os.OpenFile(part, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return permanent{err}
	}
	defer f.Close()
	have, h, err := hashPrefix(f, m.Size)
	if err != nil {
		return permanent{err}
	}
	resumed := have > 0
	if have < m.Size {
		u := s.root.JoinPath(MediaDir, m.Hash).String()
		resp, cancel, err := s.request(ctx, u, func(r *http.Request) {
			// Asked explicitly, so Go does not decompress behind our back:
			// offsets must be offsets in the file itself.
			r.Header.Set("Accept-Encoding", "identity")
			if have > 0 {
				r.Header.Set("Range", fmt.Sprintf("bytes=%d-", have))
			}
		})
		if err != nil {
			return err
		}
		defer cancel()
		defer resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			if have > 0 { // the server ignored the range: start over
				if have, h, err = restart(f); err != nil {
					return permanent{err}
				}
				resumed = false
			}
		case http.StatusPartialContent:
			if err := checkContentRange(resp.Header.Get("Content-Range"), have, m.Size); err != nil {
				restart(f)
				return permanent{fmt.Errorf("%w: %s: %v", ErrHTTP, u, err)}
			}
		case http.StatusRequestedRangeNotSatisfiable:
			restart(f)
			return fmt.Errorf("%w: %s refused to resume at byte %d; starting over", ErrHTTP, u, have)
		case http.StatusNotFound, http.StatusGone, http.StatusForbidden, http.StatusUnauthorized:
			return permanent{statusError(u, resp)}
		default:
			return statusError(u, resp)
		}
		if resp.ContentLength >= 0 && have+resp.ContentLength != m.Size {
			restart(f)
			return permanent{fmt.Errorf("%w: %s: the server sends %d bytes from byte %d, but the manifest says the file is %d bytes",
				ErrHTTP, u, resp.ContentLength, have, m.Size)}
		}
		if resumed {
			st.resumed = true
		}
		n, err := io.Copy(io.MultiWriter(f, h, s.pr), io.LimitReader(resp.Body, m.Size-have+1))
		st.fetched += n
		have += n
		if have > m.Size {
			restart(f)
			return permanent{fmt.Errorf("%w: %s is longer than the %d bytes the manifest says", ErrHTTP, u, m.Size)}
		}
		if err != nil {
			if errors.Is(err, errStalled) {
				return fmt.Errorf("%w: %s: no data for %v (got %d of %d bytes)", ErrHTTP, u, s.opt.StallTimeout, have, m.Size)
			}
			if ctx.Err() != nil {
				return context.Cause(ctx)
			}
			if isDiskError(err) {
				return permanent{err}
			}
			return fmt.Errorf("%w: %s: the connection broke after %d of %d bytes: %v", ErrHTTP, u, have, m.Size, err)
		}
		if have < m.Size {
			return fmt.Errorf("%w: %s ended after %d of %d bytes", ErrHTTP, u, have, m.Size)
		}
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != m.Hash {
		restart(f)
		err := fmt.Errorf("%w: downloaded content has sha256 %.12s", media.ErrMismatch, got)
		if resumed { // the kept part may have been damaged: one more try from scratch
			return err
		}
		return permanent{err}
	}
	if err := f.Sync(); err != nil {
		return permanent{err}
	}
	if err := f.Close(); err != nil {
		return permanent{err}
	}
	return s.adopt(part, m)
}

// adopt moves a verified download into the store; when the partial folder
// is on another file system, the store copies and re-verifies it.
func (s *syncer) adopt(part string, m catalog.Media) error {
	if err := s.opt.Media.Adopt(part, m.Hash); err == nil {
		return nil
	}
	f, err := os.Open(part)
	if err != nil {
		return permanent{err}
	}
	defer f.Close()
	if _, err := s.opt.Media.Put(f, m.Hash, m.Size); err != nil {
		return permanent{err}
	}
	os.Remove(part)
	return nil
}

// hashPrefix hashes what a partial file already holds and leaves the
// offset at its end; a file longer than expected is started over.
func hashPrefix(f *os.File, size int64) (int64, hash.Hash, error) {
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return 0, nil, err
	}
	if n > size {
		return restart(f)
	}
	return n, h, nil
}

func restart(f *os.File) (int64, hash.Hash, error) {
	if err := f.Truncate(0); err != nil {
		return 0, nil, err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return 0, nil, err
	}
	return 0, sha256.New(), nil
}

// checkContentRange checks a 206 answer starts where asked and is of the
// file the manifest describes.
func checkContentRange(cr string, from, size int64) error {
	spec, ok := strings.CutPrefix(cr, "bytes ")
	if !ok {
		return fmt.Errorf("bad Content-Range %q", cr)
	}
	rng, total, ok := strings.Cut(spec, "/")
	first, _, ok2 := strings.Cut(rng, "-")
	start, err := strconv.ParseInt(first, 10, 64)
	if !ok || !ok2 || err != nil {
		return fmt.Errorf("bad Content-Range %q", cr)
	}
	if start != from {
		return fmt.Errorf("asked for bytes from %d, got from %d", from, start)
	}
	if total != "*" {
		if n, err := strconv.ParseInt(total, 10, 64); err != nil || n != size {
			return fmt.Errorf("the server's file is %s bytes, the manifest says %d", total, size)
		}
	}
	return nil
}

func isDiskError(err error) bool {
	var pe *os.PathError
	return errors.As(err, &pe) || strings.Contains(err.Error(), "no space left on device")
}
