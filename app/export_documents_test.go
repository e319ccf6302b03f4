package app

import (
	"archive/zip"
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/feed/feedtest"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
)

// A bundle exported from a screen carries the hall's signed notices and
// opening hours inside it (hall/), so that a bundle mailed or copied on
// its own brings them; an import takes them with the same checks as from
// a stick, and still takes those an older screen wrote beside a bundle:
// a notice forged there is refused.
func TestExportCarriesNoticesAndHoursAndImportTakesThem(t *testing.T) {
	dir := t.TempDir()
	from, to := filepath.Join(dir, "from"), filepath.Join(dir, "to")
	run := func(data string, args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"--data", data}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}
	key := filepath.Join(dir, "keys", "hall")
	os.MkdirAll(filepath.Dir(key), 0o700)
	pub, err := feed.WriteKeyPair(key)
	if err != nil {
		t.Fatal(err)
	}
	priv, _ := feed.ReadPrivateKey(key)
	doc, where, err := feedtest.Catalogue(3, 1, filepath.Join(dir, "src"), feedtest.MediaOptions{Covers: true})
	if err != nil {
		t.Fatal(err)
	}
	first := filepath.Join(dir, "first", "feed")
	if err := feed.Publish(first, doc, where, feed.WriteOptions{Key: priv}); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(from, "import", "--trust", key+".pub", first); code != ExitOK {
		t.Fatalf("first import: %d %s %s", code, out, errs)
	}

	now := time.Now()
	data, err := openData(from, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	n := notice.Notice{ID: "close-early", Level: notice.Info, Start: now.Add(-time.Minute), End: now.Add(time.Hour), Signed: now,
		Text: catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"}}
	file, _ := notice.Sign(priv, n)
	if _, _, err := acceptNotice(data, file, now); err != nil {
		t.Fatal(err)
	}
	h := hours.Default()
	h.Follow, h.Signed = true, now
	hf, _ := hours.Sign(priv, h)
	if _, err := acceptHours(data, hf); err != nil {
		t.Fatal(err)
	}
	data.Close()

	out := filepath.Join(dir, "stick", "showhall", "season.zip")
	os.MkdirAll(filepath.Dir(out), 0o755)
	time.Sleep(1100 * time.Millisecond) // the export is signed after the first feed
	code, stdout, errs := run(from, "export", "--key", key, "--out", out)
	if code != ExitOK || !strings.Contains(stdout, "with hall/notice-close-early.notice") || !strings.Contains(stdout, "with hall/opening.hours") {
		t.Fatalf("export: %d %q %q", code, stdout, errs)
	}
	if beside, _ := os.ReadDir(filepath.Dir(out)); len(beside) != 1 {
		t.Fatalf("the export wrote beside the bundle: %v", beside)
	}
	zr, err := zip.OpenReader(out)
	if err != nil {
		t.Fatal(err)
	}
	inside := map[string]bool{}
	for _, f := range zr.File {
		inside[f.Name] = true
	}
	zr.Close()
	if !inside["hall/notice-close-early.notice"] || !inside["hall/opening.hours"] {
		t.Fatalf("the bundle holds %v", inside)
	}
	folder := filepath.Join(dir, "folder", "feed")
	if code, stdout, errs := run(from, "export", "--key", key, "--out", folder); code != ExitOK {
		t.Fatalf("export to a folder: %d %q %q", code, stdout, errs)
	}
	if _, err := os.Stat(filepath.Join(folder, "hall", "notice-close-early.notice")); err != nil {
		t.Fatalf("the folder bundle has no notice inside: %v", err)
	}
	if beside, _ := filepath.Glob(filepath.Join(dir, "folder", "*.notice")); len(beside) != 0 {
		t.Fatalf("the export wrote beside the folder: %v", beside)
	}

	// Mailed on its own.
	mailed := filepath.Join(dir, "mail", "season.zip")
	os.MkdirAll(filepath.Dir(mailed), 0o755)
	raw, _ := os.ReadFile(out)
	os.WriteFile(mailed, raw, 0o644)
	code, stdout, errs = run(to, "import", "--trust", key+".pub", "--trust-fingerprint", pub.ID(), mailed)
	if code != ExitOK || !strings.Contains(stdout, "hall/notice-close-early.notice: notice close-early taken") ||
		!strings.Contains(stdout, "hall/opening.hours: opening hours taken") {
		t.Fatalf("import: %d %q %q", code, stdout, errs)
	}

	// An older screen's way: documents beside the bundle, a forged one
	// among them.
	_, stranger, _ := ed25519.GenerateKey(nil)
	forged := n
	forged.ID = "forged"
	ff, _ := notice.Sign(stranger, forged)
	os.WriteFile(filepath.Join(filepath.Dir(mailed), "forged.notice"), ff, 0o644)
	later := n
	later.ID, later.Signed = "later", now.Add(time.Second)
	lf, _ := notice.Sign(priv, later)
	os.WriteFile(filepath.Join(filepath.Dir(mailed), "notice-later.notice"), lf, 0o644)
	code, stdout, errs = run(to, "import", mailed)
	if code != ExitOK || !strings.Contains(stdout, "hall/notice-close-early.notice: notice close-early already in use") ||
		!strings.Contains(stdout, "notice-later.notice: notice later taken") ||
		!strings.Contains(errs, "forged.notice refused: the notice is not signed by a key this screen trusts") {
		t.Fatalf("import again: %d %q %q", code, stdout, errs)
	}
	data, err = openData(to, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	var ids []string
	for _, n := range loadNotices(data, quietLog()) {
		ids = append(ids, n.ID)
	}
	if slices.Sort(ids); !slices.Equal(ids, []string{"close-early", "later"}) {
		t.Fatalf("notices after the import: %v", ids)
	}
	if got, _, _ := hall.LoadHours(data.DB); !got.Follow || !got.Signed.Equal(h.Signed) {
		t.Fatalf("hours after the import: %+v", got)
	}
}

// A notice's id is free text: ids that read the same in a file name, and
// a very long one, still make a bundle, each notice under a name of its
// own.
func TestHallFilesNameEveryNoticeApart(t *testing.T) {
	dir := t.TempDir()
	data, err := openData(filepath.Join(dir, "data"), quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	priv, err := curatorSigner(t, data)
	if err != nil {
		t.Fatal(err)
	}
	now := time.Now()
	for _, id := range []string{"a/b", "a_b", "a:b", strings.Repeat("展", 300)} {
		n := notice.Notice{ID: id, Level: notice.Info, Start: now.Add(-time.Minute), End: now.Add(time.Hour), Signed: now, Text: closesEarly}
		file, _ := notice.Sign(priv, n)
		if _, _, err := acceptNotice(data, file, now); err != nil {
			t.Fatal(err)
		}
	}
	files, err := hallFiles(data, now)
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for _, f := range files {
		if names[f.Name] || len(f.Name) > 200 || !strings.HasSuffix(f.Name, notice.Ext) {
			t.Errorf("notice file named %q (names so far %v)", f.Name, names)
		}
		names[f.Name] = true
	}
	if len(names) != 4 {
		t.Fatalf("%d notice files for 4 notices: %v", len(names), names)
	}
	doc, where, err := feedtest.Catalogue(2, 1, filepath.Join(dir, "src"), feedtest.MediaOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if err := feed.WriteBundle(filepath.Join(dir, "b.zip"), doc, where, feed.WriteOptions{Key: priv, Hall: files}); err != nil {
		t.Fatalf("a bundle with these notices: %v", err)
	}
}

// curatorSigner makes a key the data folder trusts for notices.
func curatorSigner(t *testing.T, data *Data) (ed25519.PrivateKey, error) {
	t.Helper()
	pub, priv, err := ed25519.GenerateKey(nil)
	if err != nil {
		return nil, err
	}
	_, err = feed.Trust(data.DB, feed.PublicKey(pub))
	return priv, err
}
