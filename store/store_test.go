package store

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/jpeg"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/feed/feedtest"
	"showhall/store/media"
)

var now = time.Date(2026, 11, 23, 2, 0, 0, 0, time.UTC)

func openTemp(t *testing.T) (*DB, *media.Store, string) {
	t.Helper()
	dir := t.TempDir()
	db, err := Open(filepath.Join(dir, "catalogue.db"), Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	ms, err := media.Open(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	return db, ms, dir
}

func TestNewDatabaseIsAtTheCurrentSchema(t *testing.T) {
	db, _, _ := openTemp(t)
	var v int
	db.bolt.View(func(tx *bolt.Tx) error { v, _ = schemaVersion(tx); return nil })
	if v != SchemaVersion() {
		t.Fatalf("schema %d, want %d", v, SchemaVersion())
	}
	info, err := db.Info()
	if err != nil || !info.Empty() {
		t.Fatalf("a new database holds a catalogue: %+v %v", info, err)
	}
}

func TestMigratesFromVersionOne(t *testing.T) {
	path := filepath.Join(t.TempDir(), "old.db")
	b, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := migrate(b, 1); err != nil {
		t.Fatal(err)
	}
	b.View(func(tx *bolt.Tx) error {
		if tx.Bucket(bucketSettings) != nil {
			t.Error("version 1 already has settings")
		}
		return nil
	})
	b.Close()

	db, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.PutSetting("idle_seconds", 45); err != nil {
		t.Fatalf("settings after migration: %v", err)
	}
	var got int
	if found, err := db.GetSetting("idle_seconds", &got); !found || err != nil || got != 45 {
		t.Fatalf("setting read back as %d %v %v", got, found, err)
	}
	db.hall.View(func(tx *bolt.Tx) error {
		for _, b := range [][]byte{bucketEvents, bucketOutbox, bucketDecks, bucketPlanned} {
			if tx.Bucket(b) == nil {
				t.Errorf("no %s bucket in hall.db after migrating from version 1", b)
			}
		}
		return nil
	})
}

func TestSecondInstanceIsToldAnotherIsRunning(t *testing.T) {
	_, _, dir := openTemp(t)
	start := time.Now()
	_, err := Open(filepath.Join(dir, "catalogue.db"), Options{LockTimeout: 200 * time.Millisecond})
	if !errors.Is(err, ErrAlreadyRunning) {
		t.Fatalf("got %v", err)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatal("the second instance hung")
	}
}

func TestDamagedFilesAreRecognised(t *testing.T) {
	dir := t.TempDir()
	garbage := filepath.Join(dir, "garbage.db")
	os.WriteFile(garbage, bytes.Repeat([]byte("not a database "), 1000), 0o600)

	// A real catalogue cut short, as a full disk or a bad copy leaves it.
	good := filepath.Join(dir, "good.db")
	db, err := Open(good, Options{})
	if err != nil {
		t.Fatal(err)
	}
	db.ReplaceCatalogue(catalogtest.Generate(200, 1), "test", now)
	db.Close()
	raw, _ := os.ReadFile(good)
	truncated := filepath.Join(dir, "truncated.db")
	os.WriteFile(truncated, raw[:4096+100], 0o600)

	for _, path := range []string{garbage, truncated} {
		db, err := Open(path, Options{})
		if err == nil {
			// Some damage only shows when pages are read.
			_, err = db.Document()
			db.Close()
		}
		if !errors.Is(err, ErrCorrupt) {
			t.Errorf("%s: got %v, want ErrCorrupt", filepath.Base(path), err)
		}
	}

	aside, err := MoveAside(garbage, now)
	if err != nil || !strings.Contains(aside, "damaged-20261123T020000Z") {
		t.Fatalf("moved aside to %q: %v", aside, err)
	}
	if _, err := os.Stat(garbage); !os.IsNotExist(err) {
		t.Fatal("the damaged file is still in place")
	}
}

func TestNewerSchemaIsRefused(t *testing.T) {
	db, _, dir := openTemp(t)
	db.bolt.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keySchemaVersion, u64(99)) })
	db.Close()
	_, err := Open(filepath.Join(dir, "catalogue.db"), Options{})
	if !errors.Is(err, ErrTooNew) {
		t.Fatalf("got %v", err)
	}
}

// picture encodes a small JPEG whose colour depends on seed.
func picture(seed int, w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x * seed), uint8(y), uint8(seed * 40), 255})
		}
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, nil)
	return buf.Bytes()
}

func hashOf(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// withMedia gives the first len(files) projects of doc a cover each.
func withMedia(doc catalog.Document, files [][]byte, types []string) (catalog.Document, map[string][]byte) {
	blobs := map[string][]byte{}
	for i, f := range files {
		h := hashOf(f)
		blobs[h] = f
		doc.Media = append(doc.Media, catalog.Media{Hash: h, Type: types[i], Size: int64(len(f))})
		doc.Projects[i].Cover = h
	}
	return doc, blobs
}

func opener(blobs map[string][]byte) OpenFunc {
	return func(m catalog.Media) (io.ReadCloser, error) {
		b, ok := blobs[m.Hash]
		if !ok {
			return nil, os.ErrNotExist
		}
		return io.NopCloser(bytes.NewReader(b)), nil
	}
}

func TestImportThenReadBack(t *testing.T) {
	db, ms, _ := openTemp(t)
	doc, blobs := withMedia(catalogtest.Generate(120, 4), [][]byte{picture(1, 320, 180), picture(2, 320, 180)}, []string{"image/jpeg", "image/jpeg"})
	rep, err := Import(db, ms, doc, opener(blobs), "test", now)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Copied != 2 || len(rep.Problems) != 0 {
		t.Fatalf("report %+v", rep)
	}
	snap, err := db.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	if snap.Len() != 120 || snap.Version() != doc.Version || len(snap.Rotations()) != 3 {
		t.Fatalf("read back %d projects, version %q", snap.Len(), snap.Version())
	}
	p, ok := snap.Project(doc.Projects[0].ID)
	if !ok || p.Title != doc.Projects[0].Title || p.Cover != doc.Projects[0].Cover {
		t.Fatalf("project read back as %+v", p)
	}
	if len(rep.Pictures) != 2 {
		t.Fatalf("pictures to thumbnail: %v", rep.Pictures)
	}
	info, _ := db.Info()
	if info.Projects != 120 || info.Source != "test" || !info.Committed.Equal(now) {
		t.Fatalf("info %+v", info)
	}
	if err := db.Check(); err != nil {
		t.Fatal(err)
	}
}

func TestSecondImportReplacesAndPrunes(t *testing.T) {
	db, ms, _ := openTemp(t)
	first, blobs1 := withMedia(catalogtest.Generate(50, 1), [][]byte{picture(1, 64, 36), picture(2, 64, 36)}, []string{"image/jpeg", "image/jpeg"})
	if _, err := Import(db, ms, first, opener(blobs1), "first", now); err != nil {
		t.Fatal(err)
	}
	second, blobs2 := withMedia(catalogtest.Generate(20, 2), [][]byte{picture(2, 64, 36), picture(3, 64, 36)}, []string{"image/jpeg", "image/jpeg"})
	rep, err := Import(db, ms, second, opener(blobs2), "second", now)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Present != 1 || rep.Copied != 1 || rep.Pruned != 1 {
		t.Fatalf("report %+v", rep)
	}
	snap, _ := db.Snapshot()
	if snap.Len() != 20 {
		t.Fatalf("%d projects after replacing 50 with 20", snap.Len())
	}
	if ms.Has(first.Projects[0].Cover, -1) {
		t.Fatal("a file the new catalogue does not use is still stored")
	}
}

// The pictures of the catalogue a visitor is still browsing outlive the
// import that drops them, and go at the next one.
func TestImportKeepsWhatTheScreensStillShow(t *testing.T) {
	db, ms, _ := openTemp(t)
	first, blobs1 := withMedia(catalogtest.Generate(50, 1), [][]byte{picture(1, 64, 36), picture(2, 64, 36)}, []string{"image/jpeg", "image/jpeg"})
	if _, err := Import(db, ms, first, opener(blobs1), "first", now); err != nil {
		t.Fatal(err)
	}
	onScreen := first.Projects[0].Cover
	second, blobs2 := withMedia(catalogtest.Generate(20, 2), [][]byte{picture(3, 64, 36)}, []string{"image/jpeg"})
	rep, err := ImportKeeping(db, ms, second, opener(blobs2), "second", now, []string{onScreen})
	if err != nil {
		t.Fatal(err)
	}
	if rep.Pruned != 1 || !ms.Has(onScreen, -1) {
		t.Fatalf("the picture on screen was pruned (report %+v)", rep)
	}
	third, blobs3 := withMedia(catalogtest.Generate(20, 3), [][]byte{picture(3, 64, 36)}, []string{"image/jpeg"})
	if _, err := Import(db, ms, third, opener(blobs3), "third", now); err != nil {
		t.Fatal(err)
	}
	if ms.Has(onScreen, -1) {
		t.Fatal("a picture nothing shows any more is still stored")
	}
}

func TestMediaThatDoesNotMatchItsHashChangesNothing(t *testing.T) {
	db, ms, _ := openTemp(t)
	first := catalogtest.Generate(30, 1)
	if _, err := Import(db, ms, first, opener(nil), "first", now); err != nil {
		t.Fatal(err)
	}
	second, blobs := withMedia(catalogtest.Generate(10, 2), [][]byte{picture(1, 64, 36)}, []string{"image/jpeg"})
	for h := range blobs {
		blobs[h] = picture(9, 64, 36) // the server sends something else
	}
	_, err := Import(db, ms, second, opener(blobs), "second", now)
	if !errors.Is(err, media.ErrMismatch) {
		t.Fatalf("got %v", err)
	}
	snap, _ := db.Snapshot()
	if snap.Len() != 30 || snap.Version() != first.Version {
		t.Fatalf("the catalogue changed to %d projects (%s)", snap.Len(), snap.Version())
	}
	if hs, _ := ms.Hashes(); len(hs) != 0 {
		t.Fatalf("unverified files were kept: %v", hs)
	}
}

// pngHeader is a valid PNG signature and header chunk for a picture of the
// given size, with no pixels after it.
func pngHeader(w, h uint32) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = 8, 6 // 8-bit RGBA
	binary.Write(&b, binary.BigEndian, uint32(13))
	chunk := append([]byte("IHDR"), ihdr...)
	b.Write(chunk)
	binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(chunk))
	return b.Bytes()
}

func TestHostilePicturesLeaveTheProjectWithAPlaceholder(t *testing.T) {
	db, ms, _ := openTemp(t)
	good := picture(1, 64, 36)
	bomb := pngHeader(60000, 60000)
	text := []byte("<html>this is an error page, not a picture</html>")
	whole := picture(5, 320, 180)
	cut := whole[:len(whole)*2/3]
	doc, blobs := withMedia(catalogtest.Generate(10, 1), [][]byte{good, bomb, text, cut}, []string{"image/jpeg", "image/png", "image/jpeg", "image/jpeg"})
	rep, err := Import(db, ms, doc, opener(blobs), "test", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 3 {
		t.Fatalf("problems: %v", rep.Problems)
	}
	if !errors.Is(rep.Problems[0].Err, media.ErrTooLarge) || !errors.Is(rep.Problems[1].Err, media.ErrNotImage) ||
		!strings.Contains(rep.Problems[2].Err.Error(), "cut short") {
		t.Errorf("problems not explained: %v", rep.Problems)
	}
	snap, _ := db.Snapshot()
	if snap.Len() != 10 {
		t.Fatalf("%d projects shown, want all 10", snap.Len())
	}
	// A picture whose header is fine but whose pixels are cut short is
	// decoded whole at import, and refused like the others.
	for i, want := range []string{hashOf(good), "", "", ""} {
		p, _ := snap.Project(doc.Projects[i].ID)
		if p.Cover != want {
			t.Errorf("project %d cover %q, want %q", i, p.Cover, want)
		}
	}
	failed, err := db.MediaFailures()
	if err != nil || len(failed) != 3 || failed[2].Hash != hashOf(cut) || failed[2].Project != doc.Projects[3].ID ||
		failed[2].Reason != rep.Problems[2].Err.Error() {
		t.Errorf("failures noted for the health page: %+v (%v)", failed, err)
	}
	if err := ms.MakeThumbs(hashOf(good)); err != nil {
		t.Errorf("thumbnail of a good picture: %v", err)
	}
}

// TestSubtitlesThatAreNotTextAreRefusedAtImport: a video's subtitle entry
// whose content is a playlist pointing at the network is dropped (and
// reported); the video keeps its real subtitles and plays.
func TestSubtitlesThatAreNotTextAreRefusedAtImport(t *testing.T) {
	db, ms, _ := openTemp(t)
	video := feedtest.Video(2048, rand.New(rand.NewSource(1)))
	srt := []byte("1\n00:00:00,500 --> 00:00:03,800\nSmart culture and tourism\n")
	playlist := []byte("#EXTM3U\n#EXTINF:-1,live\nhttp://127.0.0.1:9/stream.ts\n")
	doc := catalogtest.Generate(3, 1)
	blobs := map[string][]byte{}
	for _, f := range [][]byte{video, srt, playlist} {
		blobs[hashOf(f)] = f
	}
	doc.Media = append(doc.Media,
		catalog.Media{Hash: hashOf(video), Type: "video/mp4", Size: int64(len(video)),
			Subtitles: map[catalog.Lang]string{catalog.En: hashOf(srt), catalog.Hans: hashOf(playlist)}},
		catalog.Media{Hash: hashOf(srt), Type: "application/x-subrip", Size: int64(len(srt))},
		catalog.Media{Hash: hashOf(playlist), Type: "application/x-subrip", Size: int64(len(playlist))})
	doc.Projects[0].Videos = []string{hashOf(video)}
	rep, err := Import(db, ms, doc, opener(blobs), "test", now)
	if err != nil {
		t.Fatal(err)
	}
	if len(rep.Problems) != 1 || rep.Problems[0].Media != hashOf(playlist) || !errors.Is(rep.Problems[0].Err, media.ErrNotSubtitle) {
		t.Fatalf("problems: %v", rep.Problems)
	}
	snap, _ := db.Snapshot()
	m, ok := snap.Media(hashOf(video))
	if !ok || m.Subtitles[catalog.En] != hashOf(srt) || m.Subtitles[catalog.Hans] != "" {
		t.Fatalf("the video's subtitles after import: %v (found %v)", m.Subtitles, ok)
	}
	if _, ok := snap.Media(hashOf(playlist)); ok {
		t.Fatal("the playlist posing as subtitles is in the catalogue")
	}
}

// Media the catalogue in use holds were checked as they came in: a
// catalogue that brings them again checks only what is new to it, and a
// file refused before (not in the catalogue in use) is checked again.
func TestImportChecksOnlyMediaTheCatalogueInUseDoesNotHold(t *testing.T) {
	db, ms, _ := openTemp(t)
	notAPicture := []byte("this is not a picture, whatever its name says")
	first, blobs1 := withMedia(catalogtest.Generate(50, 1), [][]byte{picture(1, 64, 36), picture(2, 64, 36), notAPicture}, []string{"image/jpeg", "image/jpeg", "image/jpeg"})
	rep, err := Import(db, ms, first, opener(blobs1), "first", now)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Checked != 3 || len(rep.Problems) != 1 {
		t.Fatalf("first import: %+v", rep)
	}
	second, blobs2 := withMedia(catalogtest.Generate(20, 2), [][]byte{picture(1, 64, 36), picture(2, 64, 36), notAPicture, picture(3, 64, 36)}, []string{"image/jpeg", "image/jpeg", "image/jpeg", "image/jpeg"})
	rep, err = Import(db, ms, second, opener(blobs2), "second", now)
	if err != nil {
		t.Fatal(err)
	}
	// The refused file is checked (and refused) again, the new one checked;
	// the two pictures in use are not, and still get their thumbnails.
	if rep.Checked != 2 || len(rep.Problems) != 1 || len(rep.Pictures) != 3 {
		t.Fatalf("second import: checked %d, problems %v, pictures %d; want 2, one, 3", rep.Checked, rep.Problems, len(rep.Pictures))
	}
}
