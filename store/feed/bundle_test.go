package feed

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"showhall/store/catalog"
	"showhall/store/feed/feedtest"
)

func (d *data) importOpts(k *kit, path string) ImportOptions {
	return ImportOptions{Path: path, Trusted: []PublicKey{k.pub}, DB: d.db, Media: d.ms}
}

func TestExportImportFolderAndZip(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(40, 11, smallMedia)
	src := newData(t)
	if _, err := Import(context.Background(), src.importOpts(k, feedDir)); err != nil {
		t.Fatal(err)
	}
	src.checkStore(t)
	local, _ := src.db.Document()
	fromStore := func(m catalog.Media) (string, error) { return src.ms.Path(m.Hash), nil }

	// Whole catalogue, as a zip.
	zipPath := filepath.Join(t.TempDir(), "hall.zip")
	if err := WriteBundle(zipPath, local, fromStore, WriteOptions{Key: k.priv}); err != nil {
		t.Fatal(err)
	}
	d := newData(t)
	res, err := Import(context.Background(), d.importOpts(k, zipPath))
	if err != nil {
		t.Fatal(err)
	}
	if res.Version != doc.Version || res.Fetched != len(doc.Media) {
		t.Fatalf("%+v", res)
	}
	d.checkStore(t)

	// One rotation, as a folder: only its projects and their media.
	part, err := ForRotation(local, "r2026-2")
	if err != nil {
		t.Fatal(err)
	}
	part.Version = "roadshow"
	out := filepath.Join(t.TempDir(), "stick")
	if err := Publish(out, part, fromStore, WriteOptions{Key: k.priv, Link: true}); err != nil {
		t.Fatal(err)
	}
	res, err = Import(context.Background(), d.importOpts(k, out))
	if err != nil {
		t.Fatal(err)
	}
	got, _ := d.db.Document()
	if len(got.Rotations) != 1 || len(got.Projects) != len(part.Projects) || len(got.Projects) == 0 || len(got.Projects) >= 40 {
		t.Fatalf("rotation bundle: %d rotations, %d projects", len(got.Rotations), len(got.Projects))
	}
	if n := countFiles(t, filepath.Join(out, MediaDir)); n != len(part.Media) || n >= len(doc.Media) {
		t.Fatalf("rotation bundle holds %d media of %d", n, len(doc.Media))
	}
	if res.Report.Pruned == 0 {
		t.Fatal("media of the other projects were not pruned")
	}
	d.checkStore(t)

	// Publishing again over the folder replaces it; a non-feed folder is
	// never replaced.
	if err := Publish(out, local, fromStore, WriteOptions{Key: k.priv}); err != nil {
		t.Fatal(err)
	}
	if n := countFiles(t, filepath.Join(out, MediaDir)); n != len(doc.Media) {
		t.Fatalf("republished folder has %d media", n)
	}
	docs := t.TempDir()
	os.WriteFile(filepath.Join(docs, "thesis.doc"), []byte("precious"), 0o644)
	err = Publish(docs, local, fromStore, WriteOptions{Key: k.priv})
	wantErr(t, err, "is not a feed")
	if entries, _ := os.ReadDir(filepath.Dir(out)); len(entries) != 1 {
		t.Fatalf("temporary folders left beside the feed: %v", entries)
	}
}

func TestImportRefusesWrongKeyAndMissingSignature(t *testing.T) {
	k := newKit(t)
	feedDir, _ := k.feed(2, 12, feedtest.MediaOptions{Covers: true})
	d := newData(t)
	_, err := Import(context.Background(), d.importOpts(newKit(t), feedDir))
	wantErr(t, err, "not signed by any trusted key")
	os.Remove(filepath.Join(feedDir, SignatureName))
	_, err = Import(context.Background(), d.importOpts(k, feedDir))
	wantErr(t, err, "not signed")
	if d.version(t) != "" {
		t.Fatal("catalogue changed")
	}
}

func TestImportRefusesLinksInFolders(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(2, 13, feedtest.MediaOptions{Covers: true})
	victim := filepath.Join(feedDir, MediaDir, doc.Media[0].Hash)
	os.Rename(victim, victim+".real")
	os.Symlink(victim+".real", victim)
	d := newData(t)
	_, err := Import(context.Background(), d.importOpts(k, feedDir))
	wantErr(t, err, "is a link or special file")
	if d.version(t) != "" {
		t.Fatal("catalogue changed")
	}
}

type entry struct {
	name string
	mode fs.FileMode
	body []byte
	size uint64 // declared, when not zero and different
}

// hostileZip writes a zip by hand, so that it can lie.
func hostileZip(t *testing.T, k *kit, entries []entry) string {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, e := range entries {
		hdr := &zip.FileHeader{Name: e.name, Method: zip.Store}
		hdr.SetMode(e.mode)
		if e.size != 0 {
			hdr.UncompressedSize64 = e.size
			hdr.CompressedSize64 = uint64(len(e.body))
			w, err := zw.CreateRaw(hdr)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(e.body)
			continue
		}
		w, err := zw.CreateHeader(hdr)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(e.body)
	}
	zw.Close()
	p := filepath.Join(t.TempDir(), "bundle.zip")
	os.WriteFile(p, buf.Bytes(), 0o644)
	return p
}

func TestHostileBundlesAreRefused(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(2, 14, feedtest.MediaOptions{Covers: true})
	manifest, _ := os.ReadFile(filepath.Join(feedDir, ManifestName))
	sig, _ := os.ReadFile(filepath.Join(feedDir, SignatureName))
	m0 := doc.Media[0]
	body0, _ := os.ReadFile(filepath.Join(feedDir, MediaDir, m0.Hash))
	good := func() []entry {
		es := []entry{{name: ManifestName, mode: 0o644, body: manifest}, {name: SignatureName, mode: 0o644, body: sig}}
		for _, m := range doc.Media {
			b, _ := os.ReadFile(filepath.Join(feedDir, MediaDir, m.Hash))
			es = append(es, entry{name: MediaDir + "/" + m.Hash, mode: 0o644, body: b})
		}
		return es
	}
	cases := []struct {
		name    string
		entries []entry
		want    string
	}{
		{"escapes", append(good(), entry{name: "media/../../etc/cron.d/x", mode: 0o644, body: []byte("x")}), "escapes the bundle"},
		{"absolute", append(good(), entry{name: "/etc/passwd", mode: 0o644, body: []byte("x")}), "absolute path"},
		{"backslash", append(good(), entry{name: `..\..\evil`, mode: 0o644, body: []byte("x")}), "backslash"},
		{"drive", append(good(), entry{name: `C:/evil`, mode: 0o644, body: []byte("x")}), "names a drive"},
		{"symlink", append(good()[:2], entry{name: MediaDir + "/" + m0.Hash, mode: fs.ModeSymlink | 0o777, body: []byte("/etc/passwd")}), "link or special file"},
		{"duplicate", append(good(), entry{name: ManifestName, mode: 0o644, body: []byte("{}")}), "appears twice"},
		{"larger than declared", append(good()[:2], entry{name: MediaDir + "/" + m0.Hash, mode: 0o644, body: append(body0, make([]byte, 5000)...)}), "the manifest says"},
		{"bomb", append(good(), entry{name: "media/bomb", mode: 0o644, body: []byte("x"), size: 1 << 50}), "would expand to"},
		{"missing media", good()[:2], "though the manifest names it"},
		{"not a zip", nil, "not a zip bundle"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var p string
			if c.entries == nil {
				p = filepath.Join(t.TempDir(), "x.zip")
				os.WriteFile(p, []byte("hello"), 0o644)
			} else {
				p = hostileZip(t, k, c.entries)
			}
			d := newData(t)
			_, err := Import(context.Background(), d.importOpts(k, p))
			wantErr(t, err, c.want)
			if d.version(t) != "" {
				t.Fatal("catalogue changed")
			}
			checkBlobs(t, d.ms)
		})
	}
	// The good one, to be sure the cases above fail for their reason.
	d := newData(t)
	if _, err := Import(context.Background(), d.importOpts(k, hostileZip(t, k, good()))); err != nil {
		t.Fatal(err)
	}
}

func TestServeHandler(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(2, 15, feedtest.MediaOptions{VideoEvery: 1, VideoSize: 10000})
	os.WriteFile(filepath.Join(feedDir, "secret.txt"), []byte("no"), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(feedDir, MediaDir, strings.Repeat("a", 64)))
	srv := httptest.NewServer(Handler(feedDir))
	defer srv.Close()
	get := func(path string, hdr map[string]string) *http.Response {
		req, _ := http.NewRequest("GET", srv.URL+path, nil)
		for k, v := range hdr {
			req.Header.Set(k, v)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	r := get("/manifest.json", nil)
	tag := r.Header.Get("ETag")
	if r.StatusCode != 200 || tag == "" || r.Header.Get("Content-Type") != "application/json" {
		t.Fatalf("manifest: %v %v", r.Status, r.Header)
	}
	if r := get("/manifest.json", map[string]string{"If-None-Match": tag}); r.StatusCode != http.StatusNotModified {
		t.Fatalf("conditional: %v", r.Status)
	}
	h := doc.Media[0].Hash
	r = get("/media/"+h, map[string]string{"Range": "bytes=100-199"})
	if r.StatusCode != http.StatusPartialContent || r.ContentLength != 100 || r.Header.Get("ETag") != `"`+h+`"` {
		t.Fatalf("range: %v %v", r.Status, r.Header)
	}
	for _, p := range []string{"/secret.txt", "/../../etc/passwd", "/media/" + strings.Repeat("a", 64), "/media/", "/media/%2e%2e/%2e%2e/etc/passwd"} {
		if r := get(p, nil); r.StatusCode != http.StatusNotFound {
			t.Fatalf("%s: %v, want 404", p, r.Status)
		}
	}
}

func TestKeys(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "hall")
	pub, err := WriteKeyPair(p)
	if err != nil {
		t.Fatal(err)
	}
	st, _ := os.Stat(p)
	if st.Mode().Perm() != 0o600 {
		t.Fatalf("private key mode %v", st.Mode().Perm())
	}
	if _, err := WriteKeyPair(p); err == nil || !strings.Contains(err.Error(), "refusing to overwrite") {
		t.Fatalf("overwrite: %v", err)
	}
	back, err := ReadPublicKey(p + ".pub")
	if err != nil || back.String() != pub.String() {
		t.Fatalf("read back: %v", err)
	}
	if _, err := ReadPublicKey(p); err == nil || !strings.Contains(err.Error(), "PRIVATE") {
		t.Fatalf("private as public: %v", err)
	}
	if _, err := ReadPrivateKey(p + ".pub"); err == nil || !strings.Contains(err.Error(), "public key") {
		t.Fatalf("public as private: %v", err)
	}
}
