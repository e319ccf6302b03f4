package app

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"showhall/hallnet"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hours"
	"showhall/store/notice"
)

// `hall command notice|hours` wants its document, and the document goes
// with those actions only.
func TestHallCommandDocumentFlags(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "curator")
	if _, err := feed.WriteKeyPair(key); err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"notice"}, "notice needs --file FILE"},
		{[]string{"hours"}, "hours needs --file FILE"},
		{[]string{"identify", "--file", "x"}, "--file goes with notice or hours only"},
		{[]string{"hours", "--withdraw", "--file", "x"}, "--withdraw goes with notice only"},
		{[]string{"notice", "--file", "x", "extra"}, "command needs one ACTION"},
	} {
		var out, errb bytes.Buffer
		args := append([]string{"hall", "command", "--key", key, "--peers", "127.0.0.1:1"}, c.args...)
		if code := Main(args, &out, &errb); code != ExitUsage || !strings.Contains(errb.String(), c.want) {
			t.Errorf("%q: exit %d, %q; want usage and %q", c.args, code, errb.String(), c.want)
		}
	}
}

// The document a notice or hours command carries: a signed file as it
// is; plain hours signed with the curator's key; a withdrawal signed anew
// as a newer, withdrawn version of the notice.
func TestHallDocumentSignsHoursAndWithdrawals(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "curator")
	pub, err := feed.WriteKeyPair(key)
	if err != nil {
		t.Fatal(err)
	}
	priv, _ := feed.ReadPrivateKey(key)
	keys := []feed.PublicKey{pub}
	now := time.Date(2026, 10, 1, 9, 0, 0, 0, time.UTC)

	plain := filepath.Join(dir, "hours.json")
	raw, _ := json.Marshal(hours.Default())
	os.WriteFile(plain, raw, 0o644)
	file, err := hallDocument(hallnet.ActionHours, plain, false, priv, now)
	if err != nil {
		t.Fatal(err)
	}
	if h, err := hours.Verify(file, keys); err != nil || !h.Signed.Equal(now) {
		t.Fatalf("plain hours sent as %+v, %v", h, err)
	}
	signedPath := filepath.Join(dir, "signed.hours")
	os.WriteFile(signedPath, file, 0o644)
	if again, err := hallDocument(hallnet.ActionHours, signedPath, false, priv, now.Add(time.Hour)); err != nil || !bytes.Equal(again, file) {
		t.Fatalf("signed hours were not sent as they are: %v", err)
	}
	os.WriteFile(plain, []byte("09:00 to 17:00"), 0o644)
	if _, err := hallDocument(hallnet.ActionHours, plain, false, priv, now); err == nil {
		t.Fatal("a file that is no hours was sent")
	}

	n := notice.Notice{ID: "close-early", Level: notice.Info, Start: now, End: now.Add(time.Hour), Signed: now,
		Text: catalog.Text{Hans: "今日16:00闭馆", Hant: "今日16:00閉館", En: "The hall closes at 16:00 today"}}
	nf, _ := notice.Sign(priv, n)
	path := filepath.Join(dir, "close.notice")
	os.WriteFile(path, nf, 0o644)
	w, err := hallDocument(hallnet.ActionNotice, path, true, priv, now.Add(time.Minute))
	if err != nil {
		t.Fatal(err)
	}
	var b notice.Board
	if _, err := b.Accept(nf, keys, now); err != nil {
		t.Fatal(err)
	}
	got, err := b.Accept(w, keys, now)
	if err != nil || !got.Withdrawn || !got.Signed.Equal(now.Add(time.Minute)) {
		t.Fatalf("the withdrawal: %+v, %v", got, err)
	}
}
