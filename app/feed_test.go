package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"showhall/store"
	"showhall/store/feed"
	"showhall/store/feed/feedtest"
)

// The feed verbs' work is tested in store/feed; these check the command
// line: exit codes and messages.
func TestFeedVerbsCommandLine(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "hall")
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"--data", filepath.Join(dir, "data")}, args...), &out, &errb)
		return code, out.String() + errb.String()
	}
	if code, out := run("keygen", "--out", key); code != ExitOK || !strings.Contains(out, "hall.pub") {
		t.Fatalf("keygen: %d %s", code, out)
	}
	if st, err := os.Stat(key); err != nil || st.Mode().Perm() != 0o600 {
		t.Fatalf("private key: %v %v", st, err)
	}
	for _, c := range []struct {
		args []string
		code int
		says string
	}{
		{[]string{"keygen", "--out", key}, ExitFailure, "refusing to overwrite"},
		{[]string{"keygen"}, ExitUsage, "give --out NAME"},
		{[]string{"sync"}, ExitUsage, "give one feed URL"},
		{[]string{"sync", "--bogus", "x"}, ExitUsage, "flag provided but not defined"},
		{[]string{"sync", "http://127.0.0.1:1/"}, ExitFailure, "no trusted publisher keys"},
		{[]string{"sync", "--trust", key, "http://127.0.0.1:1/"}, ExitFailure, "PRIVATE key"},
		{[]string{"sync", "--trust", key + ".pub", "ftp://x/"}, ExitFailure, "not a feed address"},
		{[]string{"import", filepath.Join(dir, "nowhere")}, ExitFailure, "no such feed folder or bundle"},
		{[]string{"publish", "--key", key, "--out", filepath.Join(dir, "feed")}, ExitFailure, "no catalogue to publish"},
		{[]string{"publish", "--key", key + ".pub", "--out", filepath.Join(dir, "feed")}, ExitFailure, "signing needs the private key"},
		{[]string{"export", "--key", key}, ExitUsage, "give --key NAME and --out PATH"},
		{[]string{"serve", "--addr", "127.0.0.1:0", dir}, ExitFailure, "not a feed folder"},
		{[]string{"sync", "--help"}, ExitOK, "Usage: showhall [--data DIR] sync"},
	} {
		code, out := run(c.args...)
		if code != c.code || !strings.Contains(out, c.says) {
			t.Errorf("showhall %s: exit %d, %q; want exit %d saying %q", strings.Join(c.args, " "), code, out, c.code, c.says)
		}
	}
}

// A key given with --trust is stored only once the bundle it came with
// verified and switched, and a key that comes on the stick itself is
// refused without its fingerprint.
func TestImportTrustsAKeyOnlyAfterItsBundle(t *testing.T) {
	dir := t.TempDir()
	data := filepath.Join(dir, "data")
	run := func(args ...string) (int, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"--data", data}, args...), &out, &errb)
		return code, out.String() + errb.String()
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
	stick := filepath.Join(dir, "stick")
	if err := feed.Publish(stick, doc, where, feed.WriteOptions{Key: priv}); err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(stick, feed.MediaDir, doc.Media[0].Hash)
	good, _ := os.ReadFile(damaged)
	os.WriteFile(damaged, []byte("not what was signed"), 0o644)

	code, out := run("import", "--trust", key+".pub", stick)
	if code != ExitFailure || !strings.Contains(out, "about to trust a new publisher key: fingerprint "+pub.ID()) {
		t.Fatalf("damaged bundle: exit %d, %q", code, out)
	}
	trustedIDs := func() []string {
		db, err := store.Open(filepath.Join(data, "catalogue.db"), store.Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		keys, _ := feed.TrustedKeys(db)
		var ids []string
		for _, k := range keys {
			ids = append(ids, k.ID())
		}
		return ids
	}
	if ids := trustedIDs(); len(ids) != 0 {
		t.Fatalf("key trusted although its bundle was refused: %v", ids)
	}

	os.WriteFile(damaged, good, 0o644)
	onStick := filepath.Join(stick, "hall.pub")
	raw, _ := os.ReadFile(key + ".pub")
	os.WriteFile(onStick, raw, 0o644)
	if code, out := run("import", "--trust", onStick, stick); code != ExitFailure || !strings.Contains(out, "proves nothing") {
		t.Fatalf("key on the stick: exit %d, %q", code, out)
	}
	if code, out := run("import", "--trust", onStick, "--trust-fingerprint", pub.ID(), stick); code != ExitOK {
		t.Fatalf("key on the stick with its fingerprint: exit %d, %q", code, out)
	}
	if ids := trustedIDs(); len(ids) != 1 || ids[0] != pub.ID() {
		t.Fatalf("trusted after the good bundle: %v", ids)
	}
}
