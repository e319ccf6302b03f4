package feed

import (
	"context"
	"crypto/ed25519"
	"encoding/json"
	"errors"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed/feedtest"
	"showhall/store/media"
)

// kit is a publisher key, and the feeds it signed.
type kit struct {
	t    *testing.T
	priv ed25519.PrivateKey
	pub  PublicKey
}

func newKit(t *testing.T) *kit {
	t.Helper()
	path := filepath.Join(t.TempDir(), "key")
	pub, err := WriteKeyPair(path)
	if err != nil {
		t.Fatal(err)
	}
	priv, err := ReadPrivateKey(path)
	if err != nil {
		t.Fatal(err)
	}
	return &kit{t: t, priv: priv, pub: pub}
}

// feed publishes a catalogue of n projects with media into a new folder.
func (k *kit) feed(n int, seed int64, opt feedtest.MediaOptions) (dir string, doc catalog.Document) {
	k.t.Helper()
	return k.feedWith(n, seed, opt, WriteOptions{})
}

// feedWith is feed with write options; the key is the kit's, and the
// signed time the next one unless wo says.
func (k *kit) feedWith(n int, seed int64, opt feedtest.MediaOptions, wo WriteOptions) (dir string, doc catalog.Document) {
	k.t.Helper()
	wo.Key = k.priv
	if wo.Generated.IsZero() {
		wo.Generated = nextSigned()
	}
	base := k.t.TempDir()
	if opt.Seed == 0 {
		opt.Seed = seed
	}
	doc, where, err := feedtest.Catalogue(n, seed, filepath.Join(base, "src"), opt)
	if err != nil {
		k.t.Fatal(err)
	}
	dir = filepath.Join(base, "feed")
	if err := Publish(dir, doc, where, wo); err != nil {
		k.t.Fatal(err)
	}
	return dir, doc
}

var signedFeeds atomic.Int64

// nextSigned is the signed time of the next test feed: later than every
// feed made before it in this test run, as a publisher's feeds are.
func nextSigned() time.Time {
	return time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(signedFeeds.Add(1)) * time.Minute)
}

// data is a kiosk's data folder.
type data struct {
	dir string
	db  *store.DB
	ms  *media.Store
}

func newData(t *testing.T) *data {
	t.Helper()
	d := &data{dir: t.TempDir()}
	d.open(t)
	t.Cleanup(func() { d.db.Close() })
	return d
}

func (d *data) open(t *testing.T) {
	t.Helper()
	var err error
	if d.ms, err = media.Open(filepath.Join(d.dir, "media")); err != nil {
		t.Fatal(err)
	}
	if d.db, err = store.Open(filepath.Join(d.dir, "catalogue.db"), store.Options{}); err != nil {
		t.Fatal(err)
	}
}

func (d *data) syncOpts(k *kit, url string) SyncOptions {
	return SyncOptions{URL: url, Trusted: []PublicKey{k.pub}, DB: d.db, Media: d.ms, RetryWait: 5 * time.Millisecond, StallTimeout: 5 * time.Second}
}

func (d *data) version(t *testing.T) string {
	t.Helper()
	info, err := d.db.Info()
	if err != nil {
		t.Fatal(err)
	}
	return info.Version
}

// checkStore checks the database and that every stored file is whole and
// verified, and that every file the catalogue names is there.
func (d *data) checkStore(t *testing.T) {
	t.Helper()
	if err := d.db.Check(); err != nil {
		t.Fatalf("database check: %v", err)
	}
	checkBlobs(t, d.ms)
	doc, err := d.db.Document()
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range doc.Media {
		if !d.ms.Has(m.Hash, m.Size) {
			t.Fatalf("catalogue %s names media %.12s, which is not in the store", doc.Version, m.Hash)
		}
	}
}

func checkBlobs(t *testing.T, ms *media.Store) {
	t.Helper()
	hashes, err := ms.Hashes()
	if err != nil {
		t.Fatal(err)
	}
	for _, h := range hashes {
		got, _, err := media.HashFile(ms.Path(h))
		if err != nil {
			t.Fatal(err)
		}
		if got != h {
			t.Fatalf("unverified file in the media store: %s holds %s", h, got)
		}
	}
}

// serveDir serves a folder with Go's file server, behind wrap (if any).
func serveDir(t *testing.T, dir string, wrap func(http.Handler) http.Handler) *httptest.Server {
	t.Helper()
	var h http.Handler = http.FileServer(http.Dir(dir))
	if wrap != nil {
		h = wrap(h)
	}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return srv
}

func mustSync(t *testing.T, opt SyncOptions) Result {
	t.Helper()
	res, err := Sync(context.Background(), opt)
	if err != nil {
		t.Fatalf("sync: %v", err)
	}
	return res
}

// wantErr checks a sync failed with a message containing want, and
// changed nothing.
func wantErr(t *testing.T, err error, want string) {
	t.Helper()
	if err == nil {
		t.Fatalf("no error; want one containing %q", want)
	}
	if !strings.Contains(err.Error(), want) {
		t.Fatalf("error %q does not say %q", err, want)
	}
}

func rewriteSigned(t *testing.T, k *kit, dir string, edit func(m map[string]any)) {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join(dir, ManifestName))
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	edit(m)
	raw, _ = json.Marshal(m)
	writeSigned(t, k, dir, raw)
}

func writeSigned(t *testing.T, k *kit, dir string, raw []byte) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, ManifestName), raw, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, SignatureName), Sign(k.priv, raw), 0o644); err != nil {
		t.Fatal(err)
	}
}

func countFiles(t *testing.T, dir string) int {
	t.Helper()
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Type().IsRegular() {
			n++
		}
		if errors.Is(err, fs.ErrNotExist) {
			return nil
		}
		return err
	})
	return n
}
