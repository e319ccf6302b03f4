package feed

import (
	"bufio"
	"context"
	"errors"
	"net"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/feed/feedtest"
)

// The same feed through a real nginx and through showhall serve, as a
// hall would have it: publish, sync, nothing changed, publish again, sync.
func syncThroughServer(t *testing.T, k *kit, feedDir, url string) {
	t.Helper()
	d := newData(t)
	res := mustSync(t, d.syncOpts(k, url))
	if !res.Changed || res.Fetched == 0 {
		t.Fatalf("first sync: %+v", res)
	}
	d.checkStore(t)
	res = mustSync(t, d.syncOpts(k, url))
	if !res.NotModified || res.Requests != 1 {
		t.Fatalf("unchanged feed: %+v; want one request answered 304", res)
	}
	// Republish with one project fewer: the server must notice at once.
	time.Sleep(1100 * time.Millisecond) // a new second for Last-Modified based servers
	doc, err := d.db.Document()
	if err != nil {
		t.Fatal(err)
	}
	doc.Version += "-b"
	where := func(m catalog.Media) (string, error) { return d.ms.Path(m.Hash), nil }
	for i := range doc.Rotations {
		doc.Rotations[i].Showcase = nil
	}
	doc.Projects = doc.Projects[1:]
	if err := Publish(feedDir, doc, where, WriteOptions{Key: k.priv}); err != nil {
		t.Fatal(err)
	}
	res = mustSync(t, d.syncOpts(k, url))
	if !res.Changed || res.Version != doc.Version || res.Fetched != 0 {
		t.Fatalf("after republishing: %+v", res)
	}
	d.checkStore(t)
}

func TestSyncThroughNginx(t *testing.T) {
	if _, err := feedtest.FindNginx(); err != nil {
		if os.Getenv("SHOWHALL_REQUIRE_NGINX") == "1" {
			t.Fatalf("%v; SHOWHALL_REQUIRE_NGINX=1 says it must be here (make deps installs it)", err)
		}
		t.Skipf("%v; set SHOWHALL_REQUIRE_NGINX=1 to make this a failure", err)
	}
	k := newKit(t)
	feedDir, _ := k.feed(20, 41, smallMedia)
	ng, err := feedtest.StartNginx(feedDir, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer ng.Stop()
	syncThroughServer(t, k, feedDir, ng.URL)
}

// TestSyncThroughShowhallServe runs the real binary when SHOWHALL_BIN
// names it (make test does), else the same server in this process.
func TestSyncThroughShowhallServe(t *testing.T) {
	k := newKit(t)
	feedDir, _ := k.feed(20, 42, smallMedia)
	bin := os.Getenv("SHOWHALL_BIN")
	if bin == "" {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		ctx, cancel := context.WithCancel(context.Background())
		done := make(chan error, 1)
		go func() { done <- Serve(ctx, ln, feedDir, nil) }()
		syncThroughServer(t, k, feedDir, "http://"+ln.Addr().String()+"/")
		cancel()
		if err := <-done; err != nil {
			t.Fatalf("serve: %v", err)
		}
		return
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	cmd := exec.Command(bin, "serve", "--addr", addr, feedDir)
	stderr, _ := cmd.StderrPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	ready := make(chan struct{})
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			if strings.Contains(sc.Text(), "serving") {
				close(ready)
				break
			}
		}
		for sc.Scan() {
		}
	}()
	select {
	case <-ready:
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("showhall serve did not start")
	}
	syncThroughServer(t, k, feedDir, "http://"+addr+"/")
	// A graceful stop on SIGTERM, with exit code 0.
	cmd.Process.Signal(os.Interrupt)
	err = cmd.Wait()
	var ee *exec.ExitError
	if errors.As(err, &ee) || err != nil {
		t.Fatalf("showhall serve did not stop cleanly: %v", err)
	}
}
