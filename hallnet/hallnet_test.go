package hallnet

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// screen is a screen's facts as a kiosk would hand them over.
type screen struct {
	mu   sync.Mutex
	st   Status
	shot image.Image
	err  error
}

func (s *screen) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.st
}

func (s *screen) Screenshot(ctx context.Context) (image.Image, error) {
	if s.err != nil {
		return nil, s.err
	}
	return s.shot, nil
}

func quiet() *slog.Logger { return slog.New(slog.NewTextHandler(io.Discard, nil)) }

// serve runs sc's endpoint on a loopback port of its own.
func serve(t testing.TB, sc Screen) *Server {
	t.Helper()
	srv, err := Listen("127.0.0.1:0", Handler(sc, nil, quiet()), quiet())
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	return srv
}

func fresh(name, id string) *screen {
	return &screen{st: Status{Name: name, ID: id, Version: "test", Display: "on", LastFrame: time.Now(),
		Catalogue: Catalogue{Version: "2026.2", Signer: "ab12cd34", Signed: time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)}}}
}

func TestStatusSaysWhetherTheScreenIsDrawing(t *testing.T) {
	sc := fresh("入口大屏", "aaaa")
	srv := serve(t, sc)
	c := &Client{}
	st, err := c.Status(context.Background(), srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	if st.Name != "入口大屏" || st.Stuck || st.Now.IsZero() || st.FrameAgeSeconds < 0 || st.FrameAgeSeconds > 5 {
		t.Fatalf("a drawing screen: %+v", st)
	}
	sc.mu.Lock()
	sc.st.LastFrame = time.Now().Add(-StuckAfter - time.Second)
	sc.mu.Unlock()
	st, _ = c.Status(context.Background(), srv.Addr())
	if !st.Stuck {
		t.Fatalf("a screen without a frame for %v is not stuck: %+v", StuckAfter, st)
	}
	sc.mu.Lock()
	sc.st.LastFrame = time.Time{}
	sc.mu.Unlock()
	if st, _ = c.Status(context.Background(), srv.Addr()); !st.Stuck {
		t.Fatal("a screen that never drew is not stuck")
	}
	e := []Entry{{Status: &st}}
	Judge(e)
	if e[0].State != Stuck {
		t.Fatalf("judged %s (%s)", e[0].State, e[0].Reason)
	}
}

func TestEndpointIsReadOnly(t *testing.T) {
	srv := serve(t, fresh("a", "aaaa"))
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodDelete} {
		req, _ := http.NewRequest(m, "http://"+srv.Addr()+PathStatus, strings.NewReader("{}"))
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("%s %s: %s", m, PathStatus, resp.Status)
		}
	}
}

func TestScreenshotIsAPNGOrSaysWhyNot(t *testing.T) {
	img := image.NewRGBA(image.Rect(0, 0, 64, 36))
	img.Set(10, 10, color.RGBA{200, 30, 30, 255})
	sc := fresh("a", "aaaa")
	sc.shot = img
	srv := serve(t, sc)
	c := &Client{}
	raw, err := c.Screenshot(context.Background(), srv.Addr())
	if err != nil {
		t.Fatal(err)
	}
	got, err := png.Decode(bytes.NewReader(raw))
	if err != nil || got.Bounds() != img.Bounds() {
		t.Fatalf("screenshot: %v, %v", got.Bounds(), err)
	}
	if r, _, _, _ := got.At(10, 10).RGBA(); r>>8 != 200 {
		t.Fatalf("pixel changed on the way: %v", got.At(10, 10))
	}
	sc.err = errors.New("the screen's UI does not answer")
	_, err = c.Screenshot(context.Background(), srv.Addr())
	if err == nil || !strings.Contains(err.Error(), "the screen's UI does not answer") {
		t.Fatalf("a failing screenshot: %v", err)
	}
}

// Asking one screen finds the others through the peers each names; a
// screen reached twice is listed once; an address that does not answer
// is listed as unreachable.
func TestGatherFindsTheHallFromOneScreen(t *testing.T) {
	a, b, c := fresh("A", "aaaa"), fresh("B", "bbbb"), fresh("C", "cccc")
	sa, sb, sc := serve(t, a), serve(t, b), serve(t, c)
	dead := deadAddr(t)
	a.st.Peers = []string{sb.Addr()}
	b.st.Peers = []string{sc.Addr(), sa.Addr(), dead}
	b.st.Catalogue.Version, b.st.Catalogue.Signed = "2026.1", a.st.Catalogue.Signed.Add(-24*time.Hour)
	c.st.MediaProblems = []string{"p7: video 1a2b3c…: missing"}
	a.st.Display = "off"

	list := (&Client{Timeout: time.Second}).Gather(context.Background(), []string{sa.Addr(), sa.Addr()})
	got := map[string]Entry{}
	for _, e := range list {
		got[e.Name+"@"+e.Address] = e
	}
	if len(list) != 4 {
		t.Fatalf("listed %d entries, want A, B, C and the dead address: %+v", len(list), list)
	}
	want := map[string]string{"A@" + sa.Addr(): Asleep, "B@" + sb.Addr(): Behind, "C@" + sc.Addr(): Problem, "@" + dead: Unreachable}
	for k, state := range want {
		if e, ok := got[k]; !ok || e.State != state {
			t.Errorf("%s: %+v; want %s", k, e, state)
		}
	}
	if e := got["B@"+sb.Addr()]; !strings.Contains(e.Reason, "2026.2") {
		t.Errorf("behind without saying what the hall has: %q", e.Reason)
	}
}

// deadAddr is a loopback address where nothing listens.
func deadAddr(t testing.TB) string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// BenchmarkGatherTwentyScreens reads the status of a hall of 20 screens,
// each on its own loopback HTTP server, from one seed that names the
// others: what `showhall hall list` does (target: under 1 s).
func BenchmarkGatherTwentyScreens(b *testing.B) {
	const n = 20
	var addrs []string
	var screens []*screen
	for i := 0; i < n; i++ {
		sc := fresh(fmt.Sprintf("screen %02d", i), fmt.Sprintf("id%02d", i))
		for j := 0; j < 30; j++ {
			sc.st.MediaProblems = append(sc.st.MediaProblems, fmt.Sprintf("project-%d: picture %064x: missing", j, j))
		}
		screens = append(screens, sc)
		addrs = append(addrs, serve(b, sc).Addr())
	}
	for _, sc := range screens {
		sc.st.Peers = addrs
	}
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// A new client each time: every gather opens its connections, as
		// a technician's `hall list` does.
		c := &Client{HTTP: &http.Client{Transport: &http.Transport{}}}
		list := c.Gather(context.Background(), addrs[:1])
		if len(list) != n {
			b.Fatalf("gathered %d screens", len(list))
		}
	}
}

func TestPeersAreReadOrRefusedWithAReason(t *testing.T) {
	got, err := ParsePeers(" 192.168.1.21:7470, kiosk-2 ,[fe80::1]:8000,")
	want := []string{"192.168.1.21:7470", "kiosk-2:7470", "[fe80::1]:8000"}
	if err != nil || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Fatalf("got %v, %v; want %v", got, err, want)
	}
	for _, bad := range []string{"host:port", "host:0", ":7470", "http://x:1/", "host:99999"} {
		if _, err := ParsePeers(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
