package feed

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"syscall"
	"testing"
	"time"

	"showhall/store"
	"showhall/store/feed/feedtest"
	"showhall/store/media"
)

// TestMain lets the test binary play the part of a syncing kiosk that the
// kill test can SIGKILL.
func TestMain(m *testing.M) {
	if os.Getenv("SHOWHALL_FEED_CHILD") == "1" {
		os.Exit(childSync())
	}
	os.Exit(m.Run())
}

func childSync() int {
	dir := os.Getenv("SHOWHALL_FEED_DATA")
	key, err := ParsePublicKey(os.Getenv("SHOWHALL_FEED_KEY"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	ms, err := media.Open(filepath.Join(dir, "media"))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	db, err := store.Open(filepath.Join(dir, "catalogue.db"), store.Options{LockTimeout: 5 * time.Second})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 3
	}
	defer db.Close()
	_, err = Sync(context.Background(), SyncOptions{URL: os.Getenv("SHOWHALL_FEED_URL"), Trusted: []PublicKey{key}, DB: db, Media: ms, Parallel: 3,
		AllowOlder: true}) // the test goes back and forth between two feeds
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}

// killSeedEnv replays a run of the kill test with the seed it logged.
const killSeedEnv = "SHOWHALL_KILL_SEED"

// killSeed is the seed of the kill times: the one given to replay a
// failure, or a new one.
func killSeed() (int64, error) {
	v := os.Getenv(killSeedEnv)
	if v == "" {
		return time.Now().UnixNano(), nil
	}
	seed, err := strconv.ParseInt(v, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s=%q is not a seed the kill test logged (a whole number)", killSeedEnv, v)
	}
	return seed, nil
}

func TestKillSeedCanBeReplayed(t *testing.T) {
	t.Setenv(killSeedEnv, "1733140800123456789")
	if seed, err := killSeed(); err != nil || seed != 1733140800123456789 {
		t.Fatalf("the logged seed gives %d, %v", seed, err)
	}
	t.Setenv(killSeedEnv, "yesterday")
	if _, err := killSeed(); err == nil {
		t.Fatal("a seed that is not a number was taken")
	}
}

// slow serves a feed a little at a time, so that a sync lasts long enough
// to be killed in every phase.
func slow(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		next.ServeHTTP(&slowWriter{w}, r)
	})
}

type slowWriter struct{ http.ResponseWriter }

func (s *slowWriter) Write(b []byte) (int, error) {
	n := 0
	for len(b) > 0 {
		k := min(len(b), 16<<10)
		m, err := s.ResponseWriter.Write(b[:k])
		n += m
		if err != nil {
			return n, err
		}
		b = b[k:]
		time.Sleep(time.Millisecond)
	}
	return n, nil
}

func fingerprint(t *testing.T, db *store.DB) string {
	t.Helper()
	doc, err := db.Document()
	if err != nil {
		t.Fatal(err)
	}
	raw, _ := json.Marshal(doc)
	sum := sha256.Sum256(raw)
	return doc.Version + "/" + hex.EncodeToString(sum[:8])
}

func TestKilledSyncLeavesOldOrNewCatalogue(t *testing.T) {
	if testing.Short() {
		t.Skip("kill test skipped in -short mode")
	}
	k := newKit(t)
	opt := feedtest.MediaOptions{Covers: true, VideoEvery: 2, VideoSize: 150 << 10}
	dir1, _ := k.feed(30, 21, opt)
	dir2, _ := k.feed(30, 22, opt)
	srv1 := httptest.NewServer(slow(Handler(dir1)))
	defer srv1.Close()
	srv2 := httptest.NewServer(slow(Handler(dir2)))
	defer srv2.Close()

	// The two catalogues as a store holds them, for exact comparison.
	want := map[string]string{}
	for _, u := range []string{srv1.URL, srv2.URL} {
		ref := newData(t)
		mustSync(t, ref.syncOpts(k, u))
		want[u] = fingerprint(t, ref.db)
	}
	d := newData(t)
	mustSync(t, d.syncOpts(k, srv1.URL))
	cur := srv1.URL
	d.db.Close()

	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	run := func(url string, killAfter time.Duration) (killed bool, err error) {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), "SHOWHALL_FEED_CHILD=1", "SHOWHALL_FEED_DATA="+d.dir,
			"SHOWHALL_FEED_URL="+url, "SHOWHALL_FEED_KEY="+k.pub.String())
		cmd.Stderr = os.Stderr
		if err := cmd.Start(); err != nil {
			return false, err
		}
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		if killAfter < 0 {
			return false, <-done
		}
		select {
		case err := <-done:
			return false, err
		case <-time.After(killAfter):
			cmd.Process.Signal(syscall.SIGKILL)
			<-done
			return true, nil
		}
	}
	// How long an uninterrupted sync takes here, process start included.
	start := time.Now()
	other := map[string]string{srv1.URL: srv2.URL, srv2.URL: srv1.URL}
	if _, err := run(other[cur], -1); err != nil {
		t.Fatalf("child sync: %v", err)
	}
	full := time.Since(start)
	cur = other[cur]
	t.Logf("an uninterrupted sync takes %v", full)

	seed, err := killSeed()
	if err != nil {
		t.Fatal(err)
	}
	// Logged first, so a failure below can be replayed exactly.
	t.Logf("kill times drawn with seed %d; replay with %s=%d", seed, killSeedEnv, seed)
	rng := rand.New(rand.NewSource(seed))
	kills, changed := 0, 0
	for i := 0; kills < 50 && i < 200; i++ {
		target := other[cur]
		killed, err := run(target, time.Duration(rng.Int63n(int64(full)*11/10)))
		if err != nil {
			t.Fatalf("child: %v", err)
		}
		if killed {
			kills++
		}
		d.open(t)
		fp := fingerprint(t, d.db)
		switch fp {
		case want[cur]:
		case want[target]:
			cur = target
			changed++
		default:
			t.Fatalf("after kill %d the catalogue is neither the old nor the new one: %s", kills, fp)
		}
		if !killed && cur != target {
			t.Fatal("a sync that finished did not switch the catalogue")
		}
		d.checkStore(t)
		d.db.Close()
	}
	if kills < 50 {
		t.Fatalf("only %d kills", kills)
	}
	t.Logf("%d kills; the catalogue switched %d times", kills, changed)
	d.open(t) // for the cleanup's Close
}
