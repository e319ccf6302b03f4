package app

import (
	"bytes"
	"crypto/ed25519"
	"os"
	"path/filepath"
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
// opening hours beside it, and an import of the bundle takes them with
// the same checks as from a stick: a notice forged beside it is refused.
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
	if code != ExitOK || !strings.Contains(stdout, "notice-close-early.notice") || !strings.Contains(stdout, "opening.hours") {
		t.Fatalf("export: %d %q %q", code, stdout, errs)
	}
	_, stranger, _ := ed25519.GenerateKey(nil)
	forged := n
	forged.ID = "forged"
	ff, _ := notice.Sign(stranger, forged)
	os.WriteFile(filepath.Join(filepath.Dir(out), "forged.notice"), ff, 0o644)

	code, stdout, errs = run(to, "import", "--trust", key+".pub", "--trust-fingerprint", pub.ID(), out)
	if code != ExitOK || !strings.Contains(stdout, "notice close-early taken") || !strings.Contains(stdout, "opening hours taken") ||
		!strings.Contains(errs, "forged.notice refused: the notice is not signed by a key this screen trusts") {
		t.Fatalf("import: %d %q %q", code, stdout, errs)
	}
	data, err = openData(to, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer data.Close()
	if ns := loadNotices(data, quietLog()); len(ns) != 1 || ns[0].ID != "close-early" {
		t.Fatalf("notices after the import: %+v", ns)
	}
	if got, _, _ := hall.LoadHours(data.DB); !got.Follow || !got.Signed.Equal(h.Signed) {
		t.Fatalf("hours after the import: %+v", got)
	}
}
