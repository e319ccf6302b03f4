package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"showhall/store/catalog"
	"showhall/store/feed/feedtest"
)

// cutJPEG is a real JPEG cut in half: its header reads fine.
func cutJPEG(t *testing.T) []byte {
	t.Helper()
	whole := feedtest.JPEG(640, 360)
	return whole[:len(whole)/2]
}

// Each video that cannot play, and a JPEG cut in half, is a row error at
// publish naming the file and saying why; the good rows are published
// with --skip-bad-rows.
func TestSpreadsheetRefusesMediaThatCannotPlay(t *testing.T) {
	clips := feedtest.Clips(t)
	dir := mediaFolder(t)
	for name, b := range clips {
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "half.jpg"), cutJPEG(t), 0o644)
	row := func(id, cover, video string) []string {
		return []string{id, "好", "", "", "", "", "smart-rail", "", "pazhou", "market", "call", "", "2025", cover, "", video}
	}
	rows := [][]string{strings.Split(sheetHeader, ","),
		row("p-1", "a.png", "clip.mp4"),
		row("p-2", "a.png", "empty.mp4"),
		row("p-3", "a.png", "random.mp4"),
		row("p-4", "a.png", "cut.mp4"),
		row("p-5", "a.png", "sound.mp4"),
		row("p-6", "half.jpg", ""),
	}
	os.Rename(filepath.Join(dir, "sound.m4a"), filepath.Join(dir, "sound.mp4"))
	want := map[int]string{
		3: "empty.mp4: not a video the hall can play: " + feedtest.BadVideo["empty.mp4"],
		4: "random.mp4: not a video the hall can play: it is " + feedtest.BadVideo["random.mp4"],
		5: "cut.mp4: not a video the hall can play: the file is " + feedtest.BadVideo["cut.mp4"],
		6: "sound.mp4: not a video the hall can play: it has " + feedtest.BadVideo["sound.m4a"],
		7: "half.jpg: not a picture the hall can show (JPEG, PNG, GIF or WebP): the picture is cut short or damaged",
	}
	_, err := ParseSheet(rows, SheetOptions{MediaDir: dir, Base: sheetBase()})
	var se *SheetError
	if !errors.As(err, &se) {
		t.Fatalf("want a SheetError, got %v", err)
	}
	got := map[int]string{}
	for _, r := range se.Rows {
		got[r.Row] = r.Reason
	}
	for row, w := range want {
		if !strings.Contains(got[row], w) {
			t.Errorf("row %d: %q, want %q", row, got[row], w)
		}
	}
	if len(got) != len(want) {
		t.Errorf("bad rows %v", got)
	}
	sh, err := ParseSheet(rows, SheetOptions{MediaDir: dir, Base: sheetBase(), SkipBadRows: true})
	if err != nil || len(sh.Doc.Projects) != 1 || len(sh.Skipped) != len(want) {
		t.Fatalf("good rows: %v, %+v", err, sh)
	}
	if m := sh.Doc.Media; len(m) != 2 || sh.Doc.Projects[0].Videos[0] == "" {
		t.Fatalf("media of the good row: %+v", m)
	}
}

// A signed bundle whose publisher let bad media through: the import
// sets each aside with the sentence publish would have given, keeps the
// projects, and notes the failures for the health page.
func TestImportSetsAsideMediaThatCannotPlay(t *testing.T) {
	clips := feedtest.Clips(t)
	k := newKit(t)
	src := t.TempDir()
	doc, where, err := feedtest.Catalogue(6, 40, src, feedtest.MediaOptions{Seed: 40})
	if err != nil {
		t.Fatal(err)
	}
	add := func(i int, b []byte, typ string) string {
		sum := sha256.Sum256(b)
		h := hex.EncodeToString(sum[:])
		if err := os.WriteFile(filepath.Join(src, h), b, 0o644); err != nil {
			t.Fatal(err)
		}
		doc.Media = append(doc.Media, catalog.Media{Hash: h, Type: typ, Size: int64(len(b))})
		if typ == "image/jpeg" {
			doc.Projects[i].Cover = h
		} else {
			doc.Projects[i].Videos = []string{h}
		}
		return h
	}
	add(0, clips["clip.mp4"], "video/mp4")
	names := []string{"random.mp4", "cut.mp4", "sound.m4a", "empty.mp4"}
	for i, n := range names {
		add(i+1, clips[n], "video/mp4")
	}
	add(5, cutJPEG(t), "image/jpeg")
	out := filepath.Join(t.TempDir(), "feed")
	if err := Publish(out, doc, where, WriteOptions{Key: k.priv, Generated: nextSigned()}); err != nil {
		t.Fatal(err)
	}
	d := newData(t)
	res, err := Import(context.Background(), d.importOpts(k, out))
	if err != nil {
		t.Fatal(err)
	}
	probs := res.Report.Problems
	if len(probs) != 5 {
		t.Fatalf("problems: %v", probs)
	}
	for i, n := range names {
		if !strings.Contains(probs[i].Err.Error(), feedtest.BadVideo[n]) {
			t.Errorf("%s: %v", n, probs[i])
		}
	}
	if !strings.Contains(probs[4].Err.Error(), "the picture is cut short or damaged") {
		t.Errorf("cut JPEG: %v", probs[4])
	}
	snap, _ := d.db.Snapshot()
	if snap.Len() != 6 {
		t.Fatalf("%d projects, want 6", snap.Len())
	}
	for i := 1; i <= 5; i++ {
		p, _ := snap.Project(doc.Projects[i].ID)
		if len(p.Videos) != 0 || p.Cover != "" {
			t.Errorf("project %d keeps %v %q", i, p.Videos, p.Cover)
		}
	}
	if p, _ := snap.Project(doc.Projects[0].ID); len(p.Videos) != 1 {
		t.Error("the good clip was dropped")
	}
	failed, _ := d.db.MediaFailures()
	if len(failed) != 5 || failed[0].Reason != probs[0].Err.Error() {
		t.Errorf("noted: %+v", failed)
	}
	d.checkStore(t)
}
