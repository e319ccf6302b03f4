package feed

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"context"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"showhall/store"
	"showhall/store/catalog"
)

// A stick pulled out while its media are being copied changes nothing:
// the catalogue in use stays whole, and the files verified before the
// stick went are kept, so the next insertion copies only the rest.
func TestImportFromAStickPulledOutMidCopyResumes(t *testing.T) {
	k := newKit(t)
	d := newData(t)
	first, _ := k.feed(10, 1, smallMedia)
	if _, err := Import(context.Background(), d.importOpts(k, first)); err != nil {
		t.Fatal(err)
	}
	before := d.version(t)

	src, doc := k.feed(30, 2, smallMedia)
	stick := filepath.Join(t.TempDir(), "STICK")
	if out, err := exec.Command("cp", "-a", src, stick).CombinedOutput(); err != nil {
		t.Fatalf("copying the feed onto the stick: %s", out)
	}
	pulled := 0
	opt := d.importOpts(k, stick)
	opt.Progress = func(p Progress) {
		if p.Phase == PhaseMedia && p.Files >= 5 && pulled == 0 {
			pulled = p.Files
			os.RemoveAll(stick)
		}
	}
	_, err := Import(context.Background(), opt)
	if err == nil || pulled == 0 {
		t.Fatalf("pulled after %d files, the import said %v", pulled, err)
	}
	if got := d.version(t); got != before {
		t.Fatalf("after a stick pulled out the catalogue is %q, want %q still", got, before)
	}
	d.checkStore(t)

	if out, err := exec.Command("cp", "-a", src, stick).CombinedOutput(); err != nil {
		t.Fatalf("putting the stick back: %s", out)
	}
	res, err := Import(context.Background(), d.importOpts(k, stick))
	if err != nil {
		t.Fatal(err)
	}
	if !res.Changed || res.Version != doc.Version {
		t.Fatalf("the second insertion gave %+v", res)
	}
	if res.Fetched > len(doc.Media)-pulled {
		t.Fatalf("the second insertion copied %d files again; %d of %d were verified before the stick was pulled", res.Fetched, pulled, len(doc.Media))
	}
	d.checkStore(t)
}

// An older bundle is refused, and says what it offered, so that a
// curator can go back to it on purpose.
func TestImportOfAnOlderBundleSaysWhatItOffered(t *testing.T) {
	k := newKit(t)
	d := newData(t)
	older, oldDoc := k.feed(5, 1, smallMedia)
	newer, _ := k.feed(5, 2, smallMedia)
	if _, err := Import(context.Background(), d.importOpts(k, newer)); err != nil {
		t.Fatal(err)
	}
	res, err := Import(context.Background(), d.importOpts(k, older))
	if !errors.Is(err, store.ErrOlder) {
		t.Fatalf("an older bundle gave %v", err)
	}
	if res.Offered.Version != oldDoc.Version || res.Offered.Time.IsZero() {
		t.Fatalf("the refusal offered %+v", res.Offered)
	}
	if err := NoteOlder(d.db, Offer{URL: older, Version: res.Offered.Version, Signed: res.Offered.Time}); err != nil {
		t.Fatal(err)
	}
	opt := d.importOpts(k, older)
	opt.AllowOlder = true
	if _, err := Import(context.Background(), opt); err != nil {
		t.Fatal(err)
	}
	if err := NoteGoneBack(d.db); err != nil {
		t.Fatal(err)
	}
	if st, _ := ReadState(d.db); st.Older != nil || d.version(t) != oldDoc.Version {
		t.Fatalf("after going back: offer %+v, catalogue %s", st.Older, d.version(t))
	}
}

// A zip bomb signed by a trusted key: the manifest and the zip's headers
// say a media file is small, its compressed data expands to 256 MiB of
// zeros. The import stops at the declared size, refuses the file, and
// leaves the catalogue and the media store as they were.
func TestImportOfASignedZipBombStopsAtTheDeclaredSize(t *testing.T) {
	k := newKit(t)
	d := newData(t)
	first, _ := k.feed(3, 1, smallMedia)
	if _, err := Import(context.Background(), d.importOpts(k, first)); err != nil {
		t.Fatal(err)
	}
	before := d.version(t)
	src, _ := k.feed(3, 2, smallMedia)
	honest := filepath.Join(t.TempDir(), "honest.zip")
	local := newData(t)
	if _, err := Import(context.Background(), local.importOpts(k, src)); err != nil {
		t.Fatal(err)
	}
	doc, _ := local.db.Document()
	if err := WriteBundle(honest, doc, func(m catalog.Media) (string, error) { return local.ms.Path(m.Hash), nil }, WriteOptions{Key: k.priv, Generated: nextSigned()}); err != nil {
		t.Fatal(err)
	}
	bomb := filepath.Join(t.TempDir(), "bomb.zip")
	zr, err := zip.OpenReader(honest)
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	out, _ := os.Create(bomb)
	zw := zip.NewWriter(out)
	bombed := ""
	for _, f := range zr.File {
		if bombed == "" && strings.HasPrefix(f.Name, MediaDir+"/") {
			bombed = f.Name
			h := f.FileHeader // sizes and checksum of the honest file
			h.Method = zip.Deflate
			var raw bytes.Buffer
			fw, _ := flate.NewWriter(&raw, flate.BestCompression)
			zeros := make([]byte, 1<<20)
			for range 256 {
				fw.Write(zeros)
			}
			fw.Close()
			h.CompressedSize64 = uint64(raw.Len())
			w, err := zw.CreateRaw(&h)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(raw.Bytes())
			continue
		}
		w, err := zw.CreateRaw(&f.FileHeader)
		if err != nil {
			t.Fatal(err)
		}
		r, _ := f.OpenRaw()
		io.Copy(w, r)
	}
	zw.Close()
	out.Close()
	if bombed == "" {
		t.Fatal("the bundle has no media to bomb")
	}
	copied := int64(0)
	opt := d.importOpts(k, bomb)
	opt.Progress = func(p Progress) { copied = max(copied, p.Bytes) }
	start := time.Now()
	_, err = Import(context.Background(), opt)
	if err == nil {
		t.Fatal("a zip bomb was imported")
	}
	t.Logf("refused in %v after %d bytes: %v", time.Since(start), copied, err)
	if copied > 64<<20 {
		t.Fatalf("the import read %d bytes of a bomb", copied)
	}
	if got := d.version(t); got != before {
		t.Fatalf("the catalogue is %q after a bomb, want %q", got, before)
	}
	d.checkStore(t)
}

// Inspect says what a bundle would bring and where it stands, changing
// nothing.
func TestInspectChangesNothing(t *testing.T) {
	k := newKit(t)
	d := newData(t)
	first, _ := k.feed(5, 1, smallMedia)
	if _, err := Import(context.Background(), d.importOpts(k, first)); err != nil {
		t.Fatal(err)
	}
	if _, err := Trust(d.db, k.pub); err != nil {
		t.Fatal(err)
	}
	newer, doc := k.feed(8, 2, smallMedia)
	p, err := Inspect(newer, d.db, d.ms)
	if err != nil {
		t.Fatal(err)
	}
	if p.Order != nil || p.Catalogue.Version != doc.Version || p.MediaFiles == 0 || p.MediaBytes == 0 || p.SignedBy != k.pub.ID() {
		t.Fatalf("newer bundle: %+v", p)
	}
	if p, err := Inspect(first, d.db, d.ms); err != nil || !errors.Is(p.Order, store.ErrUnchanged) || p.MediaFiles != 0 {
		t.Fatalf("the bundle in use: %v, %v, %d files", err, p.Order, p.MediaFiles)
	}
	if d.version(t) == doc.Version {
		t.Fatal("inspecting applied the bundle")
	}
	os.Remove(filepath.Join(newer, SignatureName))
	if _, err := Inspect(newer, d.db, d.ms); !errors.Is(err, ErrSignature) {
		t.Fatalf("an unsigned bundle gave %v", err)
	}
}
