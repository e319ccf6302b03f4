package hallnet

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// maxStatus bounds a status read from the network; a real one is a few
// kilobytes even with a long list of media problems.
const maxStatus = 1 << 20

// maxScreenshot bounds a screenshot read from the network (an 8K screen
// as an uncompressed PNG is about 100 MB).
const maxScreenshot = 128 << 20

// Client reads other screens' hall endpoints.
type Client struct {
	HTTP *http.Client
	// Timeout bounds each request (default 3 s): an unreachable screen
	// must not hold up the list of the others.
	Timeout time.Duration
}

func (c *Client) http() *http.Client {
	if c.HTTP != nil {
		return c.HTTP
	}
	return http.DefaultClient
}

func (c *Client) timeout() time.Duration {
	if c.Timeout > 0 {
		return c.Timeout
	}
	return 3 * time.Second
}

// Status reads one screen's status at addr (HOST:PORT).
func (c *Client) Status(ctx context.Context, addr string) (Status, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout())
	defer cancel()
	body, err := c.get(ctx, addr, PathStatus, maxStatus)
	if err != nil {
		return Status{}, err
	}
	var st Status
	if err := json.Unmarshal(body, &st); err != nil {
		return Status{}, fmt.Errorf("%s answered with a status that is not showhall's: %v", addr, err)
	}
	if st.ID == "" {
		return Status{}, fmt.Errorf("%s answered with a status that names no screen", addr)
	}
	return st, nil
}

// Screenshot reads a screenshot (PNG bytes) of the screen at addr.
func (c *Client) Screenshot(ctx context.Context, addr string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout()+screenshotTimeout)
	defer cancel()
	return c.get(ctx, addr, PathScreenshot, maxScreenshot)
}

func (c *Client) get(ctx context.Context, addr, path string, max int64) ([]byte, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+path, nil)
	if err != nil {
		return nil, fmt.Errorf("%q is not a screen's address (give HOST:PORT): %v", addr, err)
	}
	resp, err := c.http().Do(req)
	if err != nil {
		return nil, explainNetError(addr, err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, max+1))
	if err != nil {
		return nil, explainNetError(addr, err)
	}
	if int64(len(body)) > max {
		return nil, fmt.Errorf("%s answered with more than %d bytes", addr, max)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("%s: %s", addr, firstLine(body, resp.Status))
	}
	return body, nil
}

// explainNetError says in a sentence why a screen did not answer.
func explainNetError(addr string, err error) error {
	var op *net.OpError
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return fmt.Errorf("%s did not answer in time", addr)
	case errors.As(err, &op) && op.Op == "dial":
		return fmt.Errorf("%s cannot be reached (%v)", addr, op.Err)
	}
	return fmt.Errorf("%s: %v", addr, err)
}

func firstLine(body []byte, fallback string) string {
	s, _, _ := strings.Cut(strings.TrimSpace(string(body)), "\n")
	if s == "" {
		return fallback
	}
	return s
}

// States of a screen on the hall list.
const (
	Fine        = "fine"
	Behind      = "behind"      // shows an older catalogue than another screen of the hall
	Stuck       = "stuck"       // draws no frames: its UI hangs
	Asleep      = "asleep"      // its display is switched off
	Unreachable = "unreachable" // its endpoint does not answer
	Problem     = "problem"     // media missing or refused, sync failing, disk nearly full, catalogue expired
)

// LowDisk is the free space under which a screen is a problem: the next
// catalogue may not fit.
const LowDisk = 1 << 30

// Entry is one screen on the hall list.
type Entry struct {
	Name             string  `json:"name"`
	ID               string  `json:"id"`
	Address          string  `json:"address"`
	CatalogueVersion string  `json:"catalogue_version"`
	Season           string  `json:"season,omitempty"`
	State            string  `json:"state"`
	Reason           string  `json:"reason,omitempty"`
	Status           *Status `json:"status,omitempty"` // nil when unreachable
}

// Gather reads the status of every screen it can find from the seed
// addresses: the seeds first, then the peers each screen names, until
// no new address turns up. Screens reached at two addresses are listed
// once. Requests run side by side, so the hall takes about as long as
// its slowest screen.
func (c *Client) Gather(ctx context.Context, seeds []string) []Entry {
	var (
		mu      sync.Mutex
		seen    = map[string]bool{} // addresses asked
		byID    = map[string]int{}  // index in entries
		entries []Entry
		wg      sync.WaitGroup
	)
	var ask func(addr string)
	ask = func(addr string) {
		defer wg.Done()
		st, err := c.Status(ctx, addr)
		mu.Lock()
		defer mu.Unlock()
		if err != nil {
			entries = append(entries, Entry{Address: addr, State: Unreachable, Reason: err.Error()})
			return
		}
		if _, dup := byID[st.ID]; dup {
			return
		}
		byID[st.ID] = len(entries)
		entries = append(entries, Entry{Name: st.Name, ID: st.ID, Address: addr, CatalogueVersion: st.Catalogue.Version,
			Season: seasonName(st.Season), Status: &st})
		for _, p := range st.Peers {
			if !seen[p] {
				seen[p] = true
				wg.Add(1)
				go ask(p)
			}
		}
	}
	mu.Lock()
	for _, a := range seeds {
		if !seen[a] {
			seen[a] = true
			wg.Add(1)
			go ask(a)
		}
	}
	mu.Unlock()
	wg.Wait()
	// An address that does not answer names no screen: it is listed
	// by its address alone.
	Judge(entries)
	slices.SortFunc(entries, func(a, b Entry) int {
		return cmp.Or(cmp.Compare(a.Name, b.Name), cmp.Compare(a.Address, b.Address))
	})
	return entries
}

func seasonName(s *Season) string {
	if s == nil {
		return ""
	}
	return cmp.Or(s.Name, s.ID)
}

// Judge gives every reachable entry its state and reason. "Behind" is
// measured against the newest catalogue any screen of the hall shows,
// by its signed time (what the signature covers, never arrival order).
func Judge(entries []Entry) {
	var newest time.Time
	var newestVersion string
	for _, e := range entries {
		if e.Status != nil && e.Status.Catalogue.Signed.After(newest) {
			newest, newestVersion = e.Status.Catalogue.Signed, e.Status.Catalogue.Version
		}
	}
	for i := range entries {
		e := &entries[i]
		if e.Status == nil {
			continue
		}
		e.State, e.Reason = judge(e.Status, newest, newestVersion)
	}
}

func judge(st *Status, newest time.Time, newestVersion string) (state, reason string) {
	if st.Stuck {
		if st.LastFrame.IsZero() {
			return Stuck, "it has not drawn a frame since it started"
		}
		return Stuck, fmt.Sprintf("no frame drawn for %.0f s: its screen is frozen", st.FrameAgeSeconds)
	}
	var problems []string
	if n := len(st.MediaProblems); n > 0 {
		problems = append(problems, fmt.Sprintf("%d media problem(s), first: %s", n, st.MediaProblems[0]))
	}
	if st.LastSync.Failing() {
		problems = append(problems, "last sync failed: "+st.LastSync.LastError)
	}
	if st.DiskFree > 0 && st.DiskFree < LowDisk {
		problems = append(problems, fmt.Sprintf("only %d MB free on its disk", st.DiskFree>>20))
	}
	if st.Catalogue.Stale {
		problems = append(problems, "its catalogue is past its signed validity")
	}
	if st.EventsWaiting > 100000 {
		problems = append(problems, fmt.Sprintf("%d visitor events wait for upload", st.EventsWaiting))
	}
	switch {
	case len(problems) > 0:
		return Problem, strings.Join(problems, "; ")
	case st.Catalogue.Signed.Before(newest):
		return Behind, fmt.Sprintf("shows catalogue %s; the hall has %s", st.Catalogue.Version, newestVersion)
	case st.Display == "off":
		return Asleep, "its display is switched off"
	}
	return Fine, ""
}

// Answers of a screen's feed that are not a failure of the screen.
var (
	// ErrLacks: the screen does not hold that file (yet).
	ErrLacks = errors.New("the screen does not hold that file")
	// ErrBusy: the screen serves all the downloads it takes at once.
	ErrBusy = errors.New("the screen is busy serving other screens")
)

// maxManifest bounds a signed manifest read from another screen (the
// feed's own limit).
const (
	maxManifest  = 64 << 20
	maxSignature = 1024
)

// SignedFeed reads the signed manifest and its signature that the screen
// at addr passes on, for the caller to verify.
func (c *Client) SignedFeed(ctx context.Context, addr string) (manifest, sig []byte, err error) {
	ctx, cancel := context.WithTimeout(ctx, c.timeout()+time.Minute)
	defer cancel()
	if manifest, err = c.get(ctx, addr, PathFeed+"manifest.json", maxManifest); err != nil {
		return nil, nil, err
	}
	if sig, err = c.get(ctx, addr, PathFeed+"manifest.json.sig", maxSignature); err != nil {
		return nil, nil, err
	}
	return manifest, sig, nil
}

// StallAfter is how long a media download may receive nothing before it
// is given up (a screen switched off in the middle of a copy).
const StallAfter = 30 * time.Second

// Media starts the download of one media file (by its sha256) from the
// screen at addr. serving is how many downloads that screen serves, as
// it said (-1 when it did not). The body must be closed; it fails when
// nothing arrives for StallAfter. ErrLacks and ErrBusy say why a screen
// did not give it.
func (c *Client) Media(ctx context.Context, addr, hash string) (body io.ReadCloser, size int64, serving int, err error) {
	return c.media(ctx, addr, hash, 0, -1)
}

// contentRangeSize is the whole size a 206 answer names ("*" unknown).
func contentRangeSize(resp *http.Response) string {
	cr := resp.Header.Get("Content-Range")
	if i := strings.LastIndexByte(cr, '/'); i >= 0 {
		return cr[i+1:]
	}
	return ""
}

// Piece is Media for the n bytes of the file hash from off: one piece of
// a large file, which a screen still taking the file serves as soon as
// it holds it (and answers "not here" until then).
func (c *Client) Piece(ctx context.Context, addr, hash string, off, n int64) (body io.ReadCloser, size int64, serving int, err error) {
	return c.media(ctx, addr, hash, off, n)
}

func (c *Client) media(ctx context.Context, addr, hash string, off, n int64) (body io.ReadCloser, size int64, serving int, err error) {
	ctx, cancel := context.WithCancelCause(ctx)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+addr+PathFeed+"media/"+hash, nil)
	if err != nil {
		cancel(nil)
		return nil, 0, -1, fmt.Errorf("%q is not a screen's address: %v", addr, err)
	}
	req.Header.Set("Accept-Encoding", "identity")
	want := http.StatusOK
	if n >= 0 {
		req.Header.Set("Range", fmt.Sprintf("bytes=%d-%d", off, off+n-1))
		want = http.StatusPartialContent
	}
	connect := time.AfterFunc(c.timeout(), func() { cancel(context.DeadlineExceeded) })
	resp, err := c.http().Do(req)
	connect.Stop()
	if err != nil {
		cancel(nil)
		return nil, 0, -1, explainNetError(addr, err)
	}
	serving = -1
	if n, err := strconv.Atoi(resp.Header.Get(HeaderServing)); err == nil {
		serving = n
	}
	switch resp.StatusCode {
	case want:
		if want == http.StatusPartialContent && resp.Header.Get("Content-Range") != fmt.Sprintf("bytes %d-%d/", off, off+n-1)+contentRangeSize(resp) {
			resp.Body.Close()
			cancel(nil)
			return nil, 0, serving, fmt.Errorf("%s sent bytes %q, not the piece asked for", addr, resp.Header.Get("Content-Range"))
		}
	case http.StatusNotFound, http.StatusRequestedRangeNotSatisfiable:
		resp.Body.Close()
		cancel(nil)
		return nil, 0, serving, ErrLacks
	case http.StatusServiceUnavailable:
		resp.Body.Close()
		cancel(nil)
		return nil, 0, serving, ErrBusy
	default:
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		resp.Body.Close()
		cancel(nil)
		return nil, 0, serving, fmt.Errorf("%s: %s", addr, firstLine(body, resp.Status))
	}
	s := &stalling{r: resp.Body, cancel: cancel}
	s.timer = time.AfterFunc(StallAfter, func() {
		cancel(fmt.Errorf("%s sent nothing for %v", addr, StallAfter))
	})
	return s, resp.ContentLength, serving, nil
}

// stalling is a download's body that gives up when nothing arrives for
// StallAfter.
type stalling struct {
	r      io.ReadCloser
	timer  *time.Timer
	cancel context.CancelCauseFunc
}

func (s *stalling) Read(b []byte) (int, error) {
	n, err := s.r.Read(b)
	if n > 0 {
		s.timer.Reset(StallAfter)
	}
	return n, err
}

func (s *stalling) Close() error {
	s.timer.Stop()
	err := s.r.Close()
	s.cancel(nil)
	return err
}
