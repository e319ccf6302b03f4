package app

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"showhall/player/mpv"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/feed"
	"showhall/store/feed/feedtest"
)

// deepCheck says whether libmpv is here to decode first frames; make
// test (SHOWHALL_REQUIRE_MPV=1) needs it.
func deepCheck(t *testing.T) bool {
	_, err := mpv.Probe("")
	if err != nil && os.Getenv("SHOWHALL_REQUIRE_MPV") == "1" {
		t.Fatalf("libmpv: %v", err)
	}
	return err == nil
}

// badMediaFolder holds a good clip and picture and every file issue 17
// found accepted; noise.mp4 is a whole MP4 container whose frames are
// random bytes, which only decoding a first frame finds out.
func badMediaFolder(t *testing.T) (dir string, want map[string]string) {
	dir = t.TempDir()
	for name, b := range feedtest.Clips(t) {
		os.WriteFile(filepath.Join(dir, name), b, 0o644)
	}
	os.Rename(filepath.Join(dir, "sound.m4a"), filepath.Join(dir, "sound.mp4"))
	os.WriteFile(filepath.Join(dir, "noise.mp4"), feedtest.Video(60000, rand.New(rand.NewSource(17))), 0o644)
	whole := feedtest.JPEG(640, 360)
	os.WriteFile(filepath.Join(dir, "pic.jpg"), whole, 0o644)
	os.WriteFile(filepath.Join(dir, "half.jpg"), whole[:len(whole)/2], 0o644)
	want = map[string]string{
		"empty.mp4":  feedtest.BadVideo["empty.mp4"],
		"random.mp4": feedtest.BadVideo["random.mp4"],
		"cut.mp4":    feedtest.BadVideo["cut.mp4"],
		"sound.mp4":  feedtest.BadVideo["sound.m4a"],
		"half.jpg":   "the picture is cut short or damaged",
	}
	if deepCheck(t) {
		want["noise.mp4"] = "not a video the hall can play"
	}
	return dir, want
}

func runVerb(t *testing.T, args ...string) (int, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Main(args, &out, &errb)
	return code, out.String() + errb.String()
}

// publish --from SHEET refuses each file that cannot be shown with a row
// error naming it and saying why, and publishes nothing.
func TestPublishFromSheetRefusesMediaThatCannotPlay(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "hall")
	if code, out := runVerb(t, "--data", filepath.Join(dir, "laptop"), "keygen", "--out", key); code != ExitOK {
		t.Fatalf("keygen: %d %s", code, out)
	}
	mediaDir, want := badMediaFolder(t)
	csv := "id,title_en,themes,zone,funding,status,year,cover,videos\n" +
		"p-000,Good,low-altitude,nansha,market,deployed,2026,pic.jpg,clip.mp4\n"
	rows := map[string]int{}
	for i, name := range []string{"empty.mp4", "random.mp4", "cut.mp4", "sound.mp4", "noise.mp4", "half.jpg"} {
		cover, video := "pic.jpg", name
		if strings.HasSuffix(name, ".jpg") {
			cover, video = name, ""
		}
		csv += "p-00" + strconv.Itoa(i+1) + ",Bad,low-altitude,nansha,market,deployed,2026," + cover + "," + video + "\n"
		rows[name] = i + 3
	}
	sheet := filepath.Join(dir, "projects.csv")
	os.WriteFile(sheet, []byte(csv), 0o644)
	feedDir := filepath.Join(dir, "feed")
	code, out := runVerb(t, "--data", filepath.Join(dir, "laptop"), "publish", "--key", key, "--out", feedDir, "--from", sheet, "--media", mediaDir)
	if code == ExitOK {
		t.Fatalf("published: %s", out)
	}
	for name, why := range want {
		line := ""
		for _, l := range strings.Split(out, "\n") {
			if strings.Contains(l, "row "+strconv.Itoa(rows[name])+":") {
				line = l
			}
		}
		if !strings.Contains(line, name+": ") || !strings.Contains(line, why) {
			t.Errorf("%s: %q, want row %d naming it and %q\n%s", name, line, rows[name], why, out)
		}
	}
	if _, err := os.Stat(filepath.Join(feedDir, feed.ManifestName)); err == nil {
		t.Error("a feed was written")
	}
}

// import sets each such file aside with the same sentence, keeps the
// projects, and the curator's health page lists what was refused.
func TestImportSetsAsideMediaThatCannotPlayAndHealthListsThem(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "hall")
	if code, out := runVerb(t, "--data", filepath.Join(dir, "laptop"), "keygen", "--out", key); code != ExitOK {
		t.Fatalf("keygen: %d %s", code, out)
	}
	priv, err := feed.ReadPrivateKey(key)
	if err != nil {
		t.Fatal(err)
	}
	mediaDir, want := badMediaFolder(t)
	doc := catalogtest.Generate(8, 3)
	files := map[string]string{}
	add := func(name string) string {
		path := filepath.Join(mediaDir, name)
		b, _ := os.ReadFile(path)
		sum := sha256.Sum256(b)
		h := hex.EncodeToString(sum[:])
		typ := "video/mp4"
		if strings.HasSuffix(name, ".jpg") {
			typ = "image/jpeg"
		}
		doc.Media = append(doc.Media, catalog.Media{Hash: h, Type: typ, Size: int64(len(b))})
		files[h] = path
		return h
	}
	doc.Projects[0].Videos = []string{add("clip.mp4")}
	i := 1
	for name := range want {
		h := add(name)
		if strings.HasSuffix(name, ".jpg") {
			doc.Projects[i].Cover = h
		} else {
			doc.Projects[i].Videos = []string{h}
		}
		i++
	}
	feedDir := filepath.Join(dir, "feed")
	where := func(m catalog.Media) (string, error) { return files[m.Hash], nil }
	if err := feed.Publish(feedDir, doc, where, feed.WriteOptions{Key: priv}); err != nil {
		t.Fatal(err)
	}
	kiosk := filepath.Join(dir, "kiosk")
	code, out := runVerb(t, "--data", kiosk, "import", "--trust", key+".pub", feedDir)
	if code != ExitOK {
		t.Fatalf("import: exit %d: %s", code, out)
	}
	data, err := openData(kiosk, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	snap, err := data.DB.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	health := newCuratorBackend(data, snap, quietLog()).Health()
	if len(health.MediaRefused) != len(want) {
		t.Errorf("health lists %d refused: %q", len(health.MediaRefused), health.MediaRefused)
	}
	for name, why := range want {
		warned, listed := false, false
		for _, l := range strings.Split(out, "\n") {
			warned = warned || strings.HasPrefix(l, "warning: media "+hashOfFile(t, mediaDir, name)[:12]) && strings.Contains(l, why)
		}
		for _, l := range health.MediaRefused {
			listed = listed || strings.Contains(l, hashOfFile(t, mediaDir, name)[:12]) && strings.Contains(l, why)
		}
		if !warned || !listed {
			t.Errorf("%s: warned %v, listed %v:\n%s\n%q", name, warned, listed, out, health.MediaRefused)
		}
	}
	if snap.Len() != 8 {
		t.Errorf("%d projects, want 8", snap.Len())
	}
	for i := 1; i <= len(want); i++ {
		if p, _ := snap.Project(doc.Projects[i].ID); len(p.Videos) != 0 || p.Cover != "" {
			t.Errorf("project %d keeps %v %q", i, p.Videos, p.Cover)
		}
	}
	if p, _ := snap.Project(doc.Projects[0].ID); len(p.Videos) != 1 {
		t.Error("the good clip was refused")
	}
}

func hashOfFile(t *testing.T, dir, name string) string {
	b, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}
