package app

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeSystemd plays systemd's side of the notify protocol: a unixgram
// socket whose datagrams the test reads.
type fakeSystemd struct {
	conn *net.UnixConn
	msgs chan string
}

func listenNotify(t *testing.T, name string) *fakeSystemd {
	t.Helper()
	conn, err := net.ListenUnixgram("unixgram", &net.UnixAddr{Name: name, Net: "unixgram"})
	if err != nil {
		t.Fatalf("listening on %s: %v", name, err)
	}
	s := &fakeSystemd{conn: conn, msgs: make(chan string, 1000)}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := conn.Read(buf)
			if err != nil {
				close(s.msgs)
				return
			}
			s.msgs <- string(buf[:n])
		}
	}()
	t.Cleanup(func() { conn.Close() })
	return s
}

// collect returns what systemd received during d.
func (s *fakeSystemd) collect(d time.Duration) []string {
	var got []string
	deadline := time.After(d)
	for {
		select {
		case m := <-s.msgs:
			got = append(got, m)
		case <-deadline:
			return got
		}
	}
}

func count(msgs []string, state string) int {
	n := 0
	for _, m := range msgs {
		for _, line := range strings.Split(m, "\n") {
			if line == state {
				n++
			}
		}
	}
	return n
}

// fakeUI is the UI goroutine: it runs posted functions in order, like
// fyne.Do, unless the test holds it (a hung UI loop).
type fakeUI struct {
	queue chan func()
	hold  sync.Mutex
}

func newFakeUI(t *testing.T) *fakeUI {
	u := &fakeUI{queue: make(chan func(), 1000)}
	stop := make(chan struct{})
	go func() {
		for {
			select {
			case f := <-u.queue:
				u.hold.Lock()
				f()
				u.hold.Unlock()
			case <-stop:
				return
			}
		}
	}()
	t.Cleanup(func() { close(stop) })
	return u
}

func (u *fakeUI) Do(f func()) { u.queue <- f }

func quietLog() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

func shortTempDir(t *testing.T) string {
	t.Helper()
	// A socket path must fit in 108 bytes; t.TempDir can be longer.
	dir, err := os.MkdirTemp("", "wd")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	return dir
}

func TestWatchdogReadyPingsAndHungUI(t *testing.T) {
	sock := filepath.Join(shortTempDir(t), "notify")
	sd := listenNotify(t, sock)
	t.Setenv("NOTIFY_SOCKET", sock)
	t.Setenv("WATCHDOG_USEC", "100000") // WatchdogSec=0.1: a ping every 50 ms
	t.Setenv("WATCHDOG_PID", fmt.Sprint(os.Getpid()))
	ui := newFakeUI(t)

	w, err := StartWatchdog(ui.Do, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	defer w.Stop()
	for _, k := range []string{"NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID"} {
		if v, ok := os.LookupEnv(k); ok {
			t.Errorf("%s=%s left in the environment for child processes", k, v)
		}
	}
	w.Ready()
	w.Ready() // once only

	healthy := sd.collect(600 * time.Millisecond)
	if n := count(healthy, "READY=1"); n != 1 {
		t.Errorf("READY=1 sent %d times, want once; got %q", n, healthy)
	}
	if n := count(healthy, "WATCHDOG=1"); n < 4 || n > 14 {
		t.Errorf("%d pings in 600 ms at one per 50 ms; got %q", n, healthy)
	}

	// The UI goroutine hangs: at most the ping already on its way, then
	// silence, however long it lasts.
	ui.hold.Lock()
	sd.collect(60 * time.Millisecond)
	hung := sd.collect(500 * time.Millisecond)
	if n := count(hung, "WATCHDOG=1"); n != 0 {
		ui.hold.Unlock()
		t.Fatalf("%d pings while the UI goroutine was stuck", n)
	}
	if n := len(ui.queue); n > 1 {
		t.Errorf("%d checks queued behind the stuck UI, want at most 1", n)
	}
	ui.hold.Unlock()

	// It recovers: the pings come back.
	back := sd.collect(300 * time.Millisecond)
	if n := count(back, "WATCHDOG=1"); n < 2 {
		t.Errorf("%d pings after the UI recovered; got %q", n, back)
	}

	w.Stop()
	w.Stop()
	final := sd.collect(200 * time.Millisecond)
	if count(final, "STOPPING=1") != 1 || count(final, "WATCHDOG=1") > 1 {
		t.Errorf("after Stop: %q, want STOPPING=1 and no more pings", final)
	}
}

func TestWatchdogAbstractSocket(t *testing.T) {
	name := fmt.Sprintf("@showhall-watchdog-test-%d", os.Getpid())
	sd := listenNotify(t, name)
	t.Setenv("NOTIFY_SOCKET", name)
	t.Setenv("WATCHDOG_USEC", "100000")
	ui := newFakeUI(t)
	w, err := StartWatchdog(ui.Do, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	w.Ready()
	got := sd.collect(300 * time.Millisecond)
	w.Stop()
	if count(got, "READY=1") != 1 || count(got, "WATCHDOG=1") < 2 {
		t.Errorf("over the abstract socket %s: %q", name, got)
	}
}

// A UI executor that waits for the function to run (fyne.DoAndWait) must
// not stop Stop from returning when the UI is stuck.
func TestWatchdogBlockingExecutorStuck(t *testing.T) {
	sock := filepath.Join(shortTempDir(t), "notify")
	sd := listenNotify(t, sock)
	t.Setenv("NOTIFY_SOCKET", sock)
	t.Setenv("WATCHDOG_USEC", "100000")
	stuck := make(chan struct{})
	defer close(stuck)
	w, err := StartWatchdog(func(func()) { <-stuck }, quietLog())
	if err != nil {
		t.Fatal(err)
	}
	if got := sd.collect(300 * time.Millisecond); count(got, "WATCHDOG=1") != 0 {
		t.Errorf("pings from a UI that never ran anything: %q", got)
	}
	done := make(chan struct{})
	go func() { w.Stop(); close(done) }()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Stop hung behind a stuck UI executor")
	}
}

func TestWatchdogOffWithoutSystemd(t *testing.T) {
	t.Setenv("NOTIFY_SOCKET", "")
	t.Setenv("WATCHDOG_USEC", "100000")
	called := false
	w, err := StartWatchdog(func(func()) { called = true }, quietLog())
	if err != nil || w.Enabled() {
		t.Fatalf("without NOTIFY_SOCKET: enabled %v, error %v", w.Enabled(), err)
	}
	w.Ready()
	w.Stop()
	time.Sleep(100 * time.Millisecond)
	if called {
		t.Error("the UI executor was used without systemd")
	}
	var none *Watchdog // a kiosk that never started one
	none.Ready()
	none.Stop()
}

func TestPingInterval(t *testing.T) {
	for _, c := range []struct {
		usec, pid string
		want      time.Duration
		err       bool
	}{
		{"", "", 0, false},
		{"30000000", "", 15 * time.Second, false},
		{"30000000", "42", 15 * time.Second, false},
		{"30000000", "41", 0, true}, // systemd watches another process
		{"30000000", "x", 0, true},
		{"soon", "", 0, true},
		{"0", "", 0, true},
	} {
		got, err := pingInterval(c.usec, c.pid, 42)
		if got != c.want || (err != nil) != c.err {
			t.Errorf("pingInterval(%q, %q) = %v, %v; want %v, error %v", c.usec, c.pid, got, err, c.want, c.err)
		}
	}
}
