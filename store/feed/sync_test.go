package feed

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/feed/feedtest"
	"showhall/store/media"
)

var smallMedia = feedtest.MediaOptions{Covers: true, VideoEvery: 3, VideoSize: 200 << 10}

func TestSyncThenNothingChangedThenUpdate(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(12, 1, smallMedia)
	srv := httptest.NewServer(Handler(feedDir))
	defer srv.Close()
	d := newData(t)

	res := mustSync(t, d.syncOpts(k, srv.URL+"/"))
	if !res.Changed || res.Version != doc.Version || res.Fetched != len(doc.Media) {
		t.Fatalf("first sync: %+v; want %d files of version %s", res, len(doc.Media), doc.Version)
	}
	d.checkStore(t)
	got, _ := d.db.Document()
	if len(got.Projects) != 12 || len(got.Media) != len(doc.Media) {
		t.Fatalf("store has %d projects and %d media", len(got.Projects), len(got.Media))
	}

	// Nothing changed: one conditional request, answered 304.
	res = mustSync(t, d.syncOpts(k, srv.URL))
	if !res.NotModified || res.Changed || res.Requests != 1 {
		t.Fatalf("second sync: %+v; want one request answered 304", res)
	}

	// A new catalogue sharing most media: only the new files are fetched,
	// unused ones are pruned after the switch.
	doc2 := doc
	doc2.Version = "v2"
	doc2.Projects = doc.Projects[:8]
	keep := map[string]bool{}
	for _, p := range doc2.Projects {
		for _, h := range append(p.Images(), p.Videos...) {
			keep[h] = true
		}
	}
	doc2.Media = nil
	for _, m := range doc.Media {
		if keep[m.Hash] {
			doc2.Media = append(doc2.Media, m)
		}
	}
	doc2.Rotations = nil
	for _, r := range doc.Rotations {
		r.Showcase = r.Showcase[:0:0]
		doc2.Rotations = append(doc2.Rotations, r)
	}
	where := func(m catalog.Media) (string, error) { return filepath.Join(filepath.Dir(feedDir), "src", m.Hash), nil }
	if err := Publish(feedDir, doc2, where, WriteOptions{Key: k.priv}); err != nil {
		t.Fatal(err)
	}
	res = mustSync(t, d.syncOpts(k, srv.URL+"/manifest.json"))
	if !res.Changed || res.Version != "v2" || res.Fetched != 0 || res.Report.Pruned != len(doc.Media)-len(doc2.Media) {
		t.Fatalf("third sync: %+v", res)
	}
	d.checkStore(t)
	st, _ := ReadState(d.db)
	if st.CatalogueVersion != "v2" || st.LastError != "" || st.LastSuccess.IsZero() || st.ETag == "" {
		t.Fatalf("sync state: %+v", st)
	}
}

func TestSyncRefusesUnsignedAndWronglySigned(t *testing.T) {
	k := newKit(t)
	other := newKit(t)
	feedDir, _ := k.feed(3, 1, feedtest.MediaOptions{Covers: true})
	srv := serveDir(t, feedDir, nil)
	d := newData(t)

	_, err := Sync(context.Background(), d.syncOpts(other, srv.URL))
	wantErr(t, err, "not signed by any trusted key")

	raw, _ := os.ReadFile(filepath.Join(feedDir, ManifestName))
	tampered := strings.Replace(string(raw), "test-3-1", "test-3-X", 1)
	os.WriteFile(filepath.Join(feedDir, ManifestName), []byte(tampered), 0o644)
	_, err = Sync(context.Background(), d.syncOpts(k, srv.URL))
	wantErr(t, err, "changed after signing")

	os.Remove(filepath.Join(feedDir, SignatureName))
	_, err = Sync(context.Background(), d.syncOpts(k, srv.URL))
	wantErr(t, err, "not signed")
	if !errors.Is(err, ErrSignature) {
		t.Fatalf("%v is not ErrSignature", err)
	}
	if v := d.version(t); v != "" {
		t.Fatalf("catalogue changed to %q", v)
	}
	st, _ := ReadState(d.db)
	if !strings.Contains(st.LastError, "not signed") {
		t.Fatalf("last error not recorded: %+v", st)
	}

	// No trusted key at all.
	opt := d.syncOpts(k, srv.URL)
	opt.Trusted = nil
	_, err = Sync(context.Background(), opt)
	wantErr(t, err, "no trusted publisher keys")
}

// dropFirst cuts the connection half-way through the first response for
// each media file, and records the Range headers it sees.
type dropFirst struct {
	mu     sync.Mutex
	seen   map[string]bool
	ranges []string
}

func (d *dropFirst) wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.URL.Path, "/media/") {
			next.ServeHTTP(w, r)
			return
		}
		d.mu.Lock()
		first := !d.seen[r.URL.Path]
		d.seen[r.URL.Path] = true
		if rg := r.Header.Get("Range"); rg != "" {
			d.ranges = append(d.ranges, rg)
		}
		d.mu.Unlock()
		if !first {
			next.ServeHTTP(w, r)
			return
		}
		// Send the headers and half the body, then hang up.
		rec := &halfWriter{ResponseWriter: w}
		next.ServeHTTP(rec, r)
	})
}

type halfWriter struct {
	http.ResponseWriter
	written int
}

func (h *halfWriter) Write(b []byte) (int, error) {
	limit := 50 << 10
	if h.written >= limit {
		conn, _, err := http.NewResponseController(h.ResponseWriter).Hijack()
		if err == nil {
			conn.Close()
		}
		return 0, net.ErrClosed
	}
	n := min(len(b), limit-h.written)
	h.written += n
	h.ResponseWriter.Write(b[:n])
	http.NewResponseController(h.ResponseWriter).Flush()
	return n, nil
}

func TestConnectionDroppedMidFileResumesWithRange(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(6, 2, feedtest.MediaOptions{VideoEvery: 2, VideoSize: 300 << 10})
	drop := &dropFirst{seen: map[string]bool{}}
	srv := serveDir(t, feedDir, drop.wrap)
	d := newData(t)

	// One attempt per file: the sync fails and keeps the partial files.
	opt := d.syncOpts(k, srv.URL)
	opt.Retries = 1
	_, err := Sync(context.Background(), opt)
	wantErr(t, err, "connection broke")
	if d.version(t) != "" {
		t.Fatal("catalogue changed after a failed sync")
	}
	checkBlobs(t, d.ms)

	// The next run (a new process would do the same) resumes them.
	d.db.Close()
	d.open(t)
	res := mustSync(t, d.syncOpts(k, srv.URL))
	if res.Resumed == 0 || len(drop.ranges) == 0 {
		t.Fatalf("nothing resumed: %+v, ranges %v", res, drop.ranges)
	}
	if res.Version != doc.Version {
		t.Fatalf("version %s", res.Version)
	}
	d.checkStore(t)
	if _, err := os.Stat(filepath.Join(d.ms.Dir(), "partial")); !os.IsNotExist(err) {
		t.Fatalf("partial folder left after success: %v", err)
	}
}

func TestDroppedConnectionIsRetriedWithinOneSync(t *testing.T) {
	k := newKit(t)
	feedDir, _ := k.feed(4, 3, feedtest.MediaOptions{VideoEvery: 1, VideoSize: 120 << 10})
	drop := &dropFirst{seen: map[string]bool{}}
	srv := serveDir(t, feedDir, drop.wrap)
	d := newData(t)
	res := mustSync(t, d.syncOpts(k, srv.URL))
	if res.Resumed != 4 {
		t.Fatalf("want 4 resumed downloads: %+v", res)
	}
	d.checkStore(t)
}

// statusOnce answers code for the first n media requests.
func statusFor(code int, n int32) func(http.Handler) http.Handler {
	var count atomic.Int32
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/media/") && count.Add(1) <= n {
				http.Error(w, "boom", code)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func TestServerErrors(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(3, 4, feedtest.MediaOptions{Covers: true})

	t.Run("500 always", func(t *testing.T) {
		srv := serveDir(t, feedDir, statusFor(500, 1000))
		d := newData(t)
		_, err := Sync(context.Background(), d.syncOpts(k, srv.URL))
		wantErr(t, err, "500 Internal Server Error")
		if d.version(t) != "" {
			t.Fatal("catalogue changed")
		}
	})
	t.Run("500 then fine", func(t *testing.T) {
		srv := serveDir(t, feedDir, statusFor(500, 2))
		d := newData(t)
		res := mustSync(t, d.syncOpts(k, srv.URL))
		if res.Version != doc.Version {
			t.Fatal(res)
		}
	})
	t.Run("404 media", func(t *testing.T) {
		srv := serveDir(t, feedDir, statusFor(404, 1000))
		d := newData(t)
		opt := d.syncOpts(k, srv.URL)
		opt.RetryWait = time.Hour // a 404 must not be retried
		_, err := Sync(context.Background(), opt)
		wantErr(t, err, "404 Not Found")
	})
	t.Run("404 manifest", func(t *testing.T) {
		srv := serveDir(t, t.TempDir(), nil)
		d := newData(t)
		_, err := Sync(context.Background(), d.syncOpts(k, srv.URL))
		wantErr(t, err, "manifest.json answered 404 Not Found")
	})
	t.Run("nobody listening", func(t *testing.T) {
		d := newData(t)
		_, err := Sync(context.Background(), d.syncOpts(k, "http://127.0.0.1:1/"))
		wantErr(t, err, "connection refused")
	})
}

func TestWrongContentLength(t *testing.T) {
	k := newKit(t)
	feedDir, _ := k.feed(2, 5, feedtest.MediaOptions{VideoEvery: 1, VideoSize: 64 << 10})
	for _, delta := range []int{+100, -100} {
		t.Run(fmt.Sprint(delta), func(t *testing.T) {
			srv := serveDir(t, feedDir, func(next http.Handler) http.Handler {
				return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					if !strings.Contains(r.URL.Path, "/media/") {
						next.ServeHTTP(w, r)
						return
					}
					b, _ := os.ReadFile(filepath.Join(feedDir, filepath.FromSlash(r.URL.Path)))
					w.Header().Set("Content-Length", fmt.Sprint(len(b)+delta))
					w.WriteHeader(200)
					w.Write(b[:min(len(b), len(b)+delta)])
				})
			})
			d := newData(t)
			_, err := Sync(context.Background(), d.syncOpts(k, srv.URL))
			wantErr(t, err, "but the manifest says the file is")
			if d.version(t) != "" {
				t.Fatal("catalogue changed")
			}
			checkBlobs(t, d.ms)
		})
	}
}

func TestSlowServerTimesOut(t *testing.T) {
	k := newKit(t)
	feedDir, _ := k.feed(2, 6, feedtest.MediaOptions{VideoEvery: 1, VideoSize: 64 << 10})
	release := make(chan struct{})
	defer close(release)
	srv := serveDir(t, feedDir, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if strings.Contains(r.URL.Path, "/media/") {
				w.Header().Set("Content-Length", "65536")
				w.WriteHeader(200)
				w.Write(make([]byte, 1000))
				http.NewResponseController(w).Flush()
				select { // then nothing more
				case <-release:
				case <-r.Context().Done():
				}
				return
			}
			next.ServeHTTP(w, r)
		})
	})
	d := newData(t)
	opt := d.syncOpts(k, srv.URL)
	opt.StallTimeout = time.Second
	opt.Retries = 2
	start := time.Now()
	_, err := Sync(context.Background(), opt)
	wantErr(t, err, "no data for 1s")
	if time.Since(start) > 10*time.Second {
		t.Fatalf("took %v", time.Since(start))
	}

	// The caller's context ends a sync too, however patient the stall
	// timeout.
	opt.StallTimeout = time.Hour
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	_, err = Sync(ctx, opt)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("want deadline exceeded, got %v", err)
	}
	if d.version(t) != "" {
		t.Fatal("catalogue changed")
	}
}

func TestHashMismatchIsRefused(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(3, 7, feedtest.MediaOptions{VideoEvery: 1, VideoSize: 10 << 10})
	victim := filepath.Join(feedDir, MediaDir, doc.Media[1].Hash)
	b, _ := os.ReadFile(victim)
	b[100] ^= 0xff
	os.Remove(victim) // a hard link may share the source file
	os.WriteFile(victim, b, 0o644)
	srv := serveDir(t, feedDir, nil)
	d := newData(t)
	_, err := Sync(context.Background(), d.syncOpts(k, srv.URL))
	if !errors.Is(err, media.ErrMismatch) {
		t.Fatalf("want a mismatch, got %v", err)
	}
	if d.version(t) != "" || d.ms.Has(doc.Media[1].Hash, -1) {
		t.Fatal("catalogue or bad file in the store")
	}
	checkBlobs(t, d.ms)
}

func TestBadManifests(t *testing.T) {
	k := newKit(t)
	cases := []struct {
		name string
		edit func(dir string)
		want string
	}{
		{"malformed", func(dir string) { writeSigned(t, k, dir, []byte("{this is not json")) }, "not valid JSON"},
		{"truncated", func(dir string) {
			raw, _ := os.ReadFile(filepath.Join(dir, ManifestName))
			writeSigned(t, k, dir, raw[:len(raw)/2])
		}, "cut short"},
		{"unknown version", func(dir string) {
			rewriteSigned(t, k, dir, func(m map[string]any) { m["feed_format"] = 99 })
		}, "feed format 99 is not supported"},
		{"no version", func(dir string) {
			rewriteSigned(t, k, dir, func(m map[string]any) { delete(m, "feed_format") })
		}, "no feed_format"},
		{"versions disagree", func(dir string) {
			rewriteSigned(t, k, dir, func(m map[string]any) { m["catalogue_version"] = "other" })
		}, "does not match"},
		{"invalid catalogue", func(dir string) {
			rewriteSigned(t, k, dir, func(m map[string]any) {
				m["catalogue"].(map[string]any)["projects"].([]any)[0].(map[string]any)["zone"] = "atlantis"
			})
		}, `unknown zone "atlantis"`},
		{"media too large", func(dir string) {
			rewriteSigned(t, k, dir, func(m map[string]any) {
				m["catalogue"].(map[string]any)["media"].([]any)[0].(map[string]any)["size"] = 1 << 50
			})
		}, "more than the limit"},
		{"media type", func(dir string) {
			rewriteSigned(t, k, dir, func(m map[string]any) {
				m["catalogue"].(map[string]any)["media"].([]any)[0].(map[string]any)["type"] = "application/x-sh"
			})
		}, "only pictures, videos and subtitles"},
		{"enormous", func(dir string) {
			big := append([]byte(`{"feed_format":1,"pad":"`), make([]byte, 2<<20)...)
			writeSigned(t, k, dir, append(big, `"}`...))
		}, "more than the limit of 1048576"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			feedDir, _ := k.feed(2, 8, feedtest.MediaOptions{Covers: true})
			c.edit(feedDir)
			srv := serveDir(t, feedDir, nil)
			d := newData(t)
			opt := d.syncOpts(k, srv.URL)
			opt.Limits.MaxManifest = 1 << 20
			_, err := Sync(context.Background(), opt)
			wantErr(t, err, c.want)
			if d.version(t) != "" {
				t.Fatal("catalogue changed")
			}
		})
	}
}

func TestEndlessManifestIsCut(t *testing.T) {
	d := newData(t)
	k := newKit(t)
	srv := serveDir(t, t.TempDir(), func(http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			buf := make([]byte, 64<<10)
			for i := 0; i < 1000; i++ { // 64 MB, no Content-Length
				if _, err := w.Write(buf); err != nil {
					return
				}
			}
		})
	})
	opt := d.syncOpts(k, srv.URL)
	opt.Limits.MaxManifest = 1 << 20
	_, err := Sync(context.Background(), opt)
	wantErr(t, err, "larger than the limit")
}
