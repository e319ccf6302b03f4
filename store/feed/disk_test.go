package feed

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"showhall/store/feed/feedtest"
	"showhall/store/media"
)

// tinyDisk mounts a small tmpfs, so that a full disk is a real one. It
// needs root, as in the project's CI container. Where it cannot run it
// skips, except where it must run: as root, or under CI (CI set), a
// mount that fails is a failure, so the test is never skipped unseen.
func tinyDisk(t *testing.T, size string) string {
	t.Helper()
	if os.Getuid() != 0 {
		if os.Getenv("CI") != "" {
			t.Fatal("the disk-full test must run as root under CI (it mounts a small tmpfs)")
		}
		t.Skip("mounting a tmpfs to fill needs root")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Fatalf("cannot mount a %s tmpfs as root (a container needs CAP_SYS_ADMIN, e.g. docker run --privileged): %v %s", size, err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

func TestDiskFull(t *testing.T) {
	k := newKit(t)
	feedDir, _ := k.feed(6, 31, feedtest.MediaOptions{Covers: true, VideoEvery: 1, VideoSize: 512 << 10})
	srv := serveDir(t, feedDir, nil)

	t.Run("refused before downloading", func(t *testing.T) {
		d := newData(t)
		var err error
		if d.ms, err = media.Open(filepath.Join(tinyDisk(t, "2m"), "media")); err != nil {
			t.Fatal(err)
		}
		_, err = Sync(context.Background(), d.syncOpts(k, srv.URL))
		wantErr(t, err, "not enough disk space")
		_, err = Import(context.Background(), d.importOpts(k, feedDir))
		wantErr(t, err, "not enough disk space")
		if d.version(t) != "" {
			t.Fatal("catalogue changed")
		}
	})
	t.Run("fills up while downloading", func(t *testing.T) {
		d := newData(t)
		mustSync(t, d.syncOpts(k, serveDir(t, mustFeed(t, k, 32), nil).URL))
		old := fingerprint(t, d.db)
		opt := d.syncOpts(k, srv.URL)
		// Smaller than any one new video, so the disk fills whatever order
		// and pace the parallel downloads take.
		opt.PartialDir = tinyDisk(t, "256k")
		opt.AllowOlder = true // feed 31 was signed first; the order is not this test's business
		_, err := Sync(context.Background(), opt)
		wantErr(t, err, "the disk is full; nothing was changed")
		wantErr(t, err, "no space left on device")
		if fingerprint(t, d.db) != old {
			t.Fatal("catalogue changed")
		}
		d.checkStore(t)
	})
}

func mustFeed(t *testing.T, k *kit, seed int64) string {
	dir, _ := k.feed(3, seed, feedtest.MediaOptions{Covers: true})
	return dir
}
