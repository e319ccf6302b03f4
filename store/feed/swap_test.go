package feed

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// When a feed folder cannot be swapped in and the previous one cannot be
// put back either, the publisher is told where the previous feed is: a
// web server serving the folder finds nothing until it is moved back.
func TestFailedSwapSaysWhereThePreviousFeedIs(t *testing.T) {
	parent := t.TempDir()
	dir, tmp := filepath.Join(parent, "feed"), filepath.Join(parent, ".feed.tmp")
	for _, d := range []string{dir, tmp} {
		if err := os.Mkdir(d, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(dir, ManifestName), []byte("previous"), 0o644)
	exchangeDirs = func(a, b string) error { return errors.New("no exchange here") }
	rename = func(from, to string) error {
		if to == dir {
			return errors.New("disk trouble")
		}
		return os.Rename(from, to)
	}
	t.Cleanup(func() { rename, exchangeDirs = os.Rename, exchange })

	err := swapIn(tmp, dir)
	if err == nil || !strings.Contains(err.Error(), "disk trouble") || !strings.Contains(err.Error(), tmp+".old") {
		t.Fatalf("swap error %v; want the failure and where the previous feed is", err)
	}
	if b, _ := os.ReadFile(filepath.Join(tmp+".old", ManifestName)); string(b) != "previous" {
		t.Fatal("the previous feed is not where the error says")
	}

	// When putting it back works, it is back and the error is the swap's.
	os.Rename(tmp+".old", dir)
	rename = func(from, to string) error {
		if from == tmp {
			return errors.New("disk trouble")
		}
		return os.Rename(from, to)
	}
	if err := swapIn(tmp, dir); err == nil || strings.Contains(err.Error(), ".old") {
		t.Fatalf("swap error %v; want the failure alone", err)
	}
	if b, _ := os.ReadFile(filepath.Join(dir, ManifestName)); string(b) != "previous" {
		t.Fatal("the previous feed was not put back")
	}
}
