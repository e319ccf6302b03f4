package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
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
