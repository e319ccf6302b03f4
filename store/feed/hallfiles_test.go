package feed

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed/feedtest"
)

// A bundle, zip or folder, carries the hall's signed documents in its
// hall/ folder, outside the signed manifest: the manifest is the same
// byte for byte with or without them, and an import hands them over
// whatever becomes of the catalogue (new, the one in use, older).
func TestBundlesCarryTheHallsDocuments(t *testing.T) {
	k := newKit(t)
	src, doc := k.feed(3, 21, smallMedia)
	local := newData(t)
	if _, err := Import(context.Background(), local.importOpts(k, src)); err != nil {
		t.Fatal(err)
	}
	ldoc, _ := local.db.Document()
	where := func(m catalog.Media) (string, error) { return local.ms.Path(m.Hash), nil }
	docs := []HallFile{{Name: "notice-closes-early.notice", Data: []byte("a signed notice")}, {Name: "opening.hours", Data: []byte("signed hours")}}
	older := nextSigned()
	newer := nextSigned()

	base := t.TempDir()
	bare := filepath.Join(base, "bare")
	if err := Publish(bare, ldoc, where, WriteOptions{Key: k.priv, Generated: newer}); err != nil {
		t.Fatal(err)
	}
	withDocs := filepath.Join(base, "with-docs")
	if err := Publish(withDocs, ldoc, where, WriteOptions{Key: k.priv, Generated: newer, Hall: docs}); err != nil {
		t.Fatal(err)
	}
	a, _ := os.ReadFile(filepath.Join(bare, ManifestName))
	b, _ := os.ReadFile(filepath.Join(withDocs, ManifestName))
	if !bytes.Equal(a, b) {
		t.Fatal("the hall's documents changed the signed manifest")
	}
	zipped := filepath.Join(base, "season.zip")
	if err := WriteBundle(zipped, ldoc, where, WriteOptions{Key: k.priv, Generated: newer, Hall: docs}); err != nil {
		t.Fatal(err)
	}
	oldZip := filepath.Join(base, "old.zip")
	if err := WriteBundle(oldZip, ldoc, where, WriteOptions{Key: k.priv, Generated: older, Hall: docs}); err != nil {
		t.Fatal(err)
	}
	same := func(res Result) {
		t.Helper()
		if res.HallErr != nil || len(res.Hall) != len(docs) {
			t.Fatalf("hall documents %+v (%v), want %d", res.Hall, res.HallErr, len(docs))
		}
		for i, f := range res.Hall {
			if f.Name != docs[i].Name || !bytes.Equal(f.Data, docs[i].Data) || f.Err != nil {
				t.Fatalf("hall document %d: %+v, want %+v", i, f, docs[i])
			}
		}
	}
	for _, p := range []string{zipped, withDocs} {
		d := newData(t)
		res, err := Import(context.Background(), d.importOpts(k, p))
		if err != nil || !res.Changed || d.version(t) != doc.Version {
			t.Fatalf("%s: %+v %v", p, res, err)
		}
		same(res)
		res, err = Import(context.Background(), d.importOpts(k, p))
		if err != nil || !res.Current {
			t.Fatalf("%s again: %+v %v", p, res, err)
		}
		same(res)
		res, err = Import(context.Background(), d.importOpts(k, oldZip))
		if !errors.Is(err, store.ErrOlder) {
			t.Fatalf("an older bundle: %v", err)
		}
		same(res)
	}
	d := newData(t)
	if res, err := Import(context.Background(), d.importOpts(k, bare)); err != nil || res.Hall != nil || res.HallErr != nil {
		t.Fatalf("a bundle without documents: %+v %v", res, err)
	}

	for _, bad := range [][]HallFile{
		{{Name: "../escape.notice", Data: []byte("x")}},
		{{Name: ".hidden", Data: []byte("x")}},
		{{Name: "a.notice", Data: []byte("x")}, {Name: "a.notice", Data: []byte("y")}},
		{{Name: "huge.notice", Data: make([]byte, MaxHallFile+1)}},
	} {
		p := filepath.Join(base, "bad.zip")
		if err := WriteBundle(p, ldoc, where, WriteOptions{Key: k.priv, Hall: bad}); err == nil {
			t.Errorf("a bundle was written with %q", bad[0].Name)
		}
		if _, err := os.Stat(p); err == nil {
			t.Errorf("a bundle refused for %q was left behind", bad[0].Name)
		}
	}
}

// A hostile hall/ folder costs the catalogue nothing: thousands of files
// are refused in one sentence, a file too large or expanding past its
// declared size is refused by itself, the others read. The zip reader's
// own checks still refuse the whole bundle for entries no bundle holds.
func TestHostileHallFoldersAreBounded(t *testing.T) {
	k := newKit(t)
	feedDir, doc := k.feed(2, 22, feedtest.MediaOptions{Covers: true})
	manifest, _ := os.ReadFile(filepath.Join(feedDir, ManifestName))
	sig, _ := os.ReadFile(filepath.Join(feedDir, SignatureName))
	good := func() []entry {
		es := []entry{{name: ManifestName, mode: 0o644, body: manifest}, {name: SignatureName, mode: 0o644, body: sig}}
		for _, m := range doc.Media {
			b, _ := os.ReadFile(filepath.Join(feedDir, MediaDir, m.Hash))
			es = append(es, entry{name: MediaDir + "/" + m.Hash, mode: 0o644, body: b})
		}
		return es
	}
	hours := entry{name: "hall/opening.hours", mode: 0o644, body: []byte("signed hours")}
	var thousands []entry
	for i := range 5000 {
		thousands = append(thousands, entry{name: fmt.Sprintf("hall/n-%d.notice", i), mode: 0o644, body: []byte("x")})
	}
	cases := []struct {
		name    string
		entries []entry
		whole   string   // the folder refused as a whole
		each    []string // what became of each file: "" read
	}{
		{"thousands of files", append(good(), thousands...), "holds 5000 files, more than the 64", nil},
		{"one too large", append(good(), entry{name: "hall/big.notice", mode: 0o644, body: make([]byte, 1<<20)}, hours),
			"", []string{"hall/big.notice is 1048576 bytes, more than a notice or opening hours can be", ""}},
		{"expands past its size", append(good(), entry{name: "hall/bomb.notice", mode: 0o644, body: make([]byte, 1<<20), size: 100}, hours),
			"", []string{"hall/bomb.notice is damaged", ""}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newData(t)
			res, err := Import(context.Background(), d.importOpts(k, hostileZip(t, k, c.entries)))
			if err != nil || d.version(t) != doc.Version {
				t.Fatalf("the catalogue was refused for its hall/ folder: %v", err)
			}
			if c.whole != "" {
				if res.HallErr == nil || !strings.Contains(res.HallErr.Error(), c.whole) || res.Hall != nil {
					t.Fatalf("hall/ folder: %v, %d files; want %q", res.HallErr, len(res.Hall), c.whole)
				}
				return
			}
			if res.HallErr != nil || len(res.Hall) != len(c.each) {
				t.Fatalf("hall/ folder: %v, %+v", res.HallErr, res.Hall)
			}
			for i, want := range c.each {
				f := res.Hall[i]
				if want == "" && (f.Err != nil || !bytes.Equal(f.Data, hours.body)) ||
					want != "" && (f.Err == nil || !strings.Contains(f.Err.Error(), want) || f.Data != nil) {
					t.Errorf("%s: %v (%d bytes), want %q", f.Path(), f.Err, len(f.Data), want)
				}
			}
		})
	}
	// The archive's checks hold for hall/ entries as for any other.
	for want, e := range map[string]entry{
		"would expand to":      {name: "hall/x.notice", mode: 0o644, body: []byte("x"), size: 1 << 50},
		"escapes the bundle":   {name: "hall/../../x.notice", mode: 0o644, body: []byte("x")},
		"link or special file": {name: "hall/x.notice", mode: fs.ModeSymlink | 0o777, body: []byte("/etc/passwd")},
	} {
		d := newData(t)
		_, err := Import(context.Background(), d.importOpts(k, hostileZip(t, k, append(good(), e))))
		wantErr(t, err, want)
		if d.version(t) != "" {
			t.Fatal("catalogue changed")
		}
	}
	// Nothing of an unsigned bundle is read, its documents included.
	d := newData(t)
	res, err := Import(context.Background(), d.importOpts(k, hostileZip(t, k, append(good()[:1], hours))))
	wantErr(t, err, "not signed")
	if res.Hall != nil {
		t.Fatal("documents were read from an unsigned bundle")
	}

	// A feed folder: thousands of files refused as a whole; a link and a
	// file too large refused by themselves.
	hallDir := filepath.Join(feedDir, HallDir)
	os.Mkdir(hallDir, 0o755)
	for i := range 200 {
		os.WriteFile(filepath.Join(hallDir, fmt.Sprintf("n-%d.notice", i)), []byte("x"), 0o644)
	}
	d = newData(t)
	res, err = Import(context.Background(), d.importOpts(k, feedDir))
	if err != nil || res.HallErr == nil || !strings.Contains(res.HallErr.Error(), "more than the 64 files") || d.version(t) != doc.Version {
		t.Fatalf("a folder with 200 documents: %v, %v", err, res.HallErr)
	}
	os.RemoveAll(hallDir)
	os.Mkdir(hallDir, 0o755)
	os.WriteFile(filepath.Join(hallDir, "big.notice"), make([]byte, MaxHallFile+1), 0o644)
	os.Symlink("/etc/passwd", filepath.Join(hallDir, "link.notice"))
	os.WriteFile(filepath.Join(hallDir, "opening.hours"), hours.body, 0o644)
	d = newData(t)
	res, err = Import(context.Background(), d.importOpts(k, feedDir))
	if err != nil || res.HallErr != nil || len(res.Hall) != 3 {
		t.Fatalf("a folder with a link and a large file: %v, %v, %+v", err, res.HallErr, res.Hall)
	}
	for i, want := range []string{"more than a notice or opening hours can be", "is a link", ""} {
		f := res.Hall[i]
		if want == "" && (f.Err != nil || !bytes.Equal(f.Data, hours.body)) || want != "" && (f.Err == nil || !strings.Contains(f.Err.Error(), want)) {
			t.Errorf("%s: %v, want %q", f.Path(), f.Err, want)
		}
	}
}
