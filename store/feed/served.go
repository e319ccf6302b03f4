package feed

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	"showhall/store"
	"showhall/store/durable"
	"showhall/store/media"
)

// A screen passes its catalogue on to the other screens of the hall in
// the feed format it came in: the signed manifest and its signature
// exactly as verified, and the media from its own store. The signature is
// the publisher's, so a peer checks everything as it would from the
// portal; the screen that serves vouches for nothing.

// keepSigned writes the manifest and signature that were verified for
// the catalogue now in use into dir, named by the manifest's sha256 (the
// content the store records), so that a pair is never mixed with
// another catalogue's. Pairs of other catalogues are removed. Nothing is
// written when dir is empty.
func keepSigned(dir string, raw, sig []byte) error {
	if dir == "" {
		return nil
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	sum := sha256.Sum256(raw)
	name := hex.EncodeToString(sum[:])
	for _, f := range []struct {
		ext  string
		data []byte
	}{{".sig", sig}, {".json", raw}} {
		path := filepath.Join(dir, name+f.ext)
		if old, err := os.ReadFile(path); err == nil && bytes.Equal(old, f.data) {
			continue
		}
		tmp := path + ".tmp"
		if err := writeFileSync(tmp, f.data); err != nil {
			return err
		}
		if err := os.Rename(tmp, path); err != nil {
			return err
		}
	}
	durable.SyncDir(dir)
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if !strings.HasPrefix(e.Name(), name+".") {
			os.Remove(filepath.Join(dir, e.Name()))
		}
	}
	return nil
}

var mediaName = regexp.MustCompile(`^[0-9a-f]{64}$`)

// PeerHandler serves the catalogue in use as a feed, for the other
// screens' sync: manifest.json and manifest.json.sig as kept by the last
// sync or import (their KeepSigned option), media/<sha256> from the media store, with
// range requests for resumed downloads. A screen whose catalogue came
// from no signed feed (the demo), or whose kept pair is not the one in
// use, answers 404 with the reason.
func PeerHandler(dir string, db *store.DB, ms *media.Store) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			http.Error(w, "read only", http.StatusMethodNotAllowed)
			return
		}
		name := strings.TrimPrefix(r.URL.Path, "/")
		switch {
		case name == ManifestName || name == SignatureName:
			sg, err := db.Signed()
			if err != nil || sg.Content == "" {
				http.Error(w, "this screen's catalogue came from no signed feed: it has nothing to pass on", http.StatusNotFound)
				return
			}
			ext := ".json"
			if name == SignatureName {
				ext = ".sig"
			}
			f, err := os.Open(filepath.Join(dir, sg.Content+ext))
			if err != nil {
				http.Error(w, "this screen did not keep the signed feed of its catalogue", http.StatusNotFound)
				return
			}
			defer f.Close()
			w.Header().Set("ETag", `"`+sg.Content+`"`)
			w.Header().Set("Cache-Control", "no-cache")
			http.ServeContent(w, r, name, time.Time{}, f)
		case strings.HasPrefix(name, MediaDir+"/") && mediaName.MatchString(strings.TrimPrefix(name, MediaDir+"/")):
			hash := strings.TrimPrefix(name, MediaDir+"/")
			f, err := ms.Open(hash)
			if err != nil {
				http.Error(w, "no such media here", http.StatusNotFound)
				return
			}
			defer f.Close()
			w.Header().Set("Content-Type", "application/octet-stream")
			w.Header().Set("ETag", `"`+hash+`"`)
			http.ServeContent(w, r, "", time.Time{}, f)
		default:
			http.NotFound(w, r)
		}
	})
}

// ErrNotServed is a screen asked for a feed it cannot give.
var ErrNotServed = errors.New("no signed feed to pass on")

// HasSigned reports whether dir holds the signed feed of the catalogue in
// use, ready for PeerHandler.
func HasSigned(dir string, db *store.DB) error {
	sg, err := db.Signed()
	if err != nil {
		return err
	}
	if sg.Content == "" {
		return fmt.Errorf("%w: the catalogue came from no signed feed", ErrNotServed)
	}
	for _, ext := range []string{".json", ".sig"} {
		if _, err := os.Stat(filepath.Join(dir, sg.Content+ext)); err != nil {
			return fmt.Errorf("%w: %v", ErrNotServed, err)
		}
	}
	return nil
}
