package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"showhall/store/catalog"
)

// Handler serves a feed folder to kiosks: only the files a feed has
// (manifest.json, its signature, media/<sha256>), as plain files with
// strong ETags, conditional requests and byte ranges. Nothing else in
// the folder is reachable, links included, so a typo in the folder given
// cannot expose a laptop's files.
func Handler(dir string) http.Handler {
	return &handler{dir: dir, etags: map[string]cachedTag{}}
}

type handler struct {
	dir   string
	mu    sync.Mutex
	etags map[string]cachedTag // manifest and signature, by name
}

type cachedTag struct {
	size  int64
	mtime time.Time
	tag   string
}

func (h *handler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "only GET and HEAD", http.StatusMethodNotAllowed)
		return
	}
	p := path.Clean("/" + r.URL.Path)
	if p == "/" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		fmt.Fprintf(w, "showhall feed\n\n%s\n%s\n%s/<sha256>\n", ManifestName, SignatureName, MediaDir)
		return
	}
	name := strings.TrimPrefix(p, "/")
	mediaHash, isMedia := strings.CutPrefix(name, MediaDir+"/")
	if !(name == ManifestName || name == SignatureName || isMedia && catalog.ValidHash(mediaHash)) {
		http.NotFound(w, r)
		return
	}
	full := filepath.Join(h.dir, filepath.FromSlash(name))
	if st, err := os.Lstat(full); err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	f, err := os.Open(full)
	if err != nil {
		http.NotFound(w, r)
		return
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		http.NotFound(w, r)
		return
	}
	hdr := w.Header()
	if isMedia {
		// Named by their content: the name is the tag, and never changes.
		hdr.Set("ETag", `"`+mediaHash+`"`)
		hdr.Set("Cache-Control", "public, max-age=31536000, immutable")
		hdr.Set("Content-Type", "application/octet-stream")
	} else {
		tag, err := h.tagOf(name, f, st)
		if err != nil {
			http.Error(w, "cannot read "+name, http.StatusInternalServerError)
			return
		}
		hdr.Set("ETag", tag)
		hdr.Set("Cache-Control", "no-cache")
		if name == ManifestName {
			hdr.Set("Content-Type", "application/json")
		} else {
			hdr.Set("Content-Type", "text/plain; charset=utf-8")
		}
	}
	// ServeContent answers If-None-Match, If-Modified-Since, If-Range and
	// Range from the headers set above.
	http.ServeContent(w, r, name, st.ModTime(), f)
}

// tagOf is a strong ETag from the content's hash, recomputed only when
// the file's size or time changes.
func (h *handler) tagOf(name string, f *os.File, st os.FileInfo) (string, error) {
	h.mu.Lock()
	c, ok := h.etags[name]
	h.mu.Unlock()
	if ok && c.size == st.Size() && c.mtime.Equal(st.ModTime()) {
		return c.tag, nil
	}
	sum := sha256.New()
	if _, err := io.Copy(sum, f); err != nil {
		return "", err
	}
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return "", err
	}
	tag := `"` + hex.EncodeToString(sum.Sum(nil))[:32] + `"`
	h.mu.Lock()
	h.etags[name] = cachedTag{size: st.Size(), mtime: st.ModTime(), tag: tag}
	h.mu.Unlock()
	return tag, nil
}

// Serve serves the feed folder on ln until ctx is done, then lets the
// requests in flight finish (for up to ten seconds).
func Serve(ctx context.Context, ln net.Listener, dir string, logf func(format string, args ...any)) error {
	if st, err := os.Stat(filepath.Join(dir, ManifestName)); err != nil || !st.Mode().IsRegular() {
		return fmt.Errorf("%s is not a feed folder (no %s); make one with 'showhall publish'", dir, ManifestName)
	}
	var hdl http.Handler = Handler(dir)
	if logf != nil {
		inner := hdl
		hdl = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			sw := &statusWriter{ResponseWriter: w, status: http.StatusOK}
			start := time.Now()
			inner.ServeHTTP(sw, r)
			logf("%s %s %s %d %v", r.RemoteAddr, r.Method, r.URL.Path, sw.status, time.Since(start).Round(time.Millisecond))
		})
	}
	srv := &http.Server{Handler: hdl, ReadHeaderTimeout: 15 * time.Second, IdleTimeout: 2 * time.Minute}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := srv.Shutdown(sctx)
	if e := <-errc; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

type statusWriter struct {
	http.ResponseWriter
	status int
}

func (w *statusWriter) WriteHeader(code int) {
	w.status = code
	w.ResponseWriter.WriteHeader(code)
}
