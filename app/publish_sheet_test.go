package app

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"
)

// A CSV file saved by Chinese Excel (GB18030), with the portal's spelling
// of funding and status, is published, and the presenter is told which
// encoding it was read as.
func TestPublishFromGB18030SheetSaysTheEncoding(t *testing.T) {
	dir := t.TempDir()
	key := filepath.Join(dir, "hall")
	run := func(args ...string) (int, string, string) {
		var out, errb bytes.Buffer
		code := Main(append([]string{"--data", filepath.Join(dir, "laptop")}, args...), &out, &errb)
		return code, out.String(), errb.String()
	}
	if code, _, e := run("keygen", "--out", key); code != ExitOK {
		t.Fatalf("keygen: %d %s", code, e)
	}
	csv := "id,title_zh_hans,themes,zone,funding,status,year\n" +
		"p-001,低空物流配送,low-altitude,nansha,市场场景,已落地,2026\n"
	raw, err := simplifiedchinese.GB18030.NewEncoder().Bytes([]byte(csv))
	if err != nil {
		t.Fatal(err)
	}
	sheet := filepath.Join(dir, "projects.csv")
	if err := os.WriteFile(sheet, raw, 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, e := run("publish", "--key", key, "--out", filepath.Join(dir, "feed"), "--from", sheet)
	if code != ExitOK {
		t.Fatalf("publish --from: exit %d: %s%s", code, out, e)
	}
	if !strings.Contains(out, sheet+": read as GB18030\n") || !strings.Contains(out, "(1 projects") {
		t.Fatalf("publish said:\n%s", out)
	}
}
