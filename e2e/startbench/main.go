// Command startbench measures how fast the kiosk shows its first frame and
// how much memory it holds, on the demo catalogue and on a generated one
// of 10,000 projects, with the real binary on Xvfb. It also times loading
// the catalogue snapshot and filtering it. Run by `make bench`.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"time"

	"golang.org/x/sys/unix"

	"showhall/e2e"
	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/media"
)

var firstFrame = regexp.MustCompile(`msg="first frame" since_start=(\S+)`)

func main() {
	runs := flag.Int("runs", 5, "starts per catalogue (the median is reported)")
	flag.Parse()
	tmp, err := os.MkdirTemp("", "startbench-")
	check(err)
	defer os.RemoveAll(tmp)
	bin, err := e2e.Binary(tmp)
	check(err)
	// A hall PC starts the kiosk from a binary read from disk; one the
	// linker has just written sits in the page cache in another shape, and
	// 5-6 MiB more of it shows in the kiosk's resident memory. Reading it
	// back from disk once makes every start below measure the hall's case.
	check(evict(bin))
	d, err := e2e.StartXvfb(1920, 1080)
	check(err)
	defer d.Stop()

	demo := filepath.Join(tmp, "demo")
	big := filepath.Join(tmp, "10k")
	check(prepare(big, 10000))

	fmt.Printf("%-22s %12s %12s %12s %12s\n", "catalogue", "first frame", "(in-app)", "peak RSS", "own (anon)")
	fmt.Println("(medians of the starts; the highest peak of them in brackets)")
	// The first start on an empty folder also loads the demo catalogue and
	// makes every thumbnail in the background; later starts find them.
	ext, in, rss, anon := start(d, bin, demo, true)
	fmt.Printf("%-22s %12s %12s %9.1f MB %9.1f MB  (while making all thumbnails)\n", "demo, first start", ext, in, mb(rss), mb(anon))
	for _, c := range []struct{ name, dir string }{{"demo", demo}, {"10,000 projects", big}} {
		var exts, ins []time.Duration
		var peaks, anons []int64
		for i := 0; i < *runs; i++ {
			e, in, rss, anon := start(d, bin, c.dir, false)
			exts, ins = append(exts, e), append(ins, in)
			peaks, anons = append(peaks, rss), append(anons, anon)
		}
		fmt.Printf("%-22s %12s %12s %9.1f MB %9.1f MB  (%.1f MB, %.1f MB)\n", c.name, median(exts), median(ins),
			mb(medianBytes(peaks)), mb(medianBytes(anons)), mb(slices.Max(peaks)), mb(slices.Max(anons)))
	}

	// A visitor on the 10,000 projects: home, a scroll, a project, home
	// again, in English: the peak of the whole visit.
	var visits []int64
	for i := 0; i < *runs; i++ {
		visits = append(visits, visit(d, bin, big))
	}
	fmt.Printf("%-22s %12s %12s %9.1f MB %12s  (%.1f MB)\n", "10,000, after a visit", "", "", mb(medianBytes(visits)), "", mb(slices.Max(visits)))

	// The roadshow: `showhall present` on the demo catalogue, to the deck
	// builder's first frame.
	var exts, ins []time.Duration
	for i := 0; i < *runs; i++ {
		e, in, _, _ := startVerb(d, bin, demo, false, "present")
		exts, ins = append(exts, e), append(ins, in)
	}
	fmt.Printf("%-22s %12s %12s\n", "present", median(exts), median(ins))

	db, err := store.Open(filepath.Join(big, "catalogue.db"), store.Options{})
	check(err)
	defer db.Close()
	t0 := time.Now()
	snap, err := db.Snapshot()
	check(err)
	load := time.Since(t0)
	f := catalog.Filter{catalog.FacetTheme: {"smart-healthcare", "smart-rail"}, catalog.FacetYear: {"2025"}}
	t0 = time.Now()
	const n = 1000
	for i := 0; i < n; i++ {
		snap.Filter(f)
	}
	fmt.Printf("\nsnapshot load, 10,000 projects: %v\nbrowse filter, 10,000 projects: %v per filter\n", load.Round(time.Millisecond), (time.Since(t0) / n).Round(time.Microsecond))
}

// start runs the kiosk once and returns the time from launch to its first
// frame seen from outside (the log line arriving), the same as the kiosk
// measured it, and its peak RSS a few seconds in (or, with thumbs, once
// every thumbnail is made).
func start(d *e2e.Display, bin, data string, thumbs bool) (time.Duration, time.Duration, int64, int64) {
	return startVerb(d, bin, data, thumbs, "kiosk")
}

// startVerb is start for any of showhall's windows.
func startVerb(d *e2e.Display, bin, data string, thumbs bool, verb string) (time.Duration, time.Duration, int64, int64) {
	// Long enough for the first start to make every thumbnail.
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	defer cancel()
	k, err := e2e.StartKiosk(ctx, d, bin, "--data", data, verb)
	check(err)
	if !k.WaitLog(`msg="first frame"`, 30*time.Second) {
		k.Stop()
		check(fmt.Errorf("no first frame; log:\n%s", k.Log()))
	}
	external := time.Since(k.Started)
	m := firstFrame.FindStringSubmatch(k.Log())
	internal, _ := time.ParseDuration(m[1])
	time.Sleep(3 * time.Second) // pictures of the first screen decode
	if thumbs && !k.WaitLog("thumbnails ready", 5*time.Minute) {
		k.Stop()
		check(fmt.Errorf("thumbnails were not made; log:\n%s", k.Log()))
	}
	rss, err := e2e.PeakRSS(k.Cmd.Process.Pid)
	check(err)
	anon, err := e2e.AnonRSS(k.Cmd.Process.Pid)
	check(err)
	k.Stop()
	return external.Round(time.Millisecond), internal, rss, anon
}

// visit starts the kiosk, walks a visitor through it with synthetic
// touches and returns the peak RSS of the whole visit.
func visit(d *e2e.Display, bin, data string) int64 {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	k, err := e2e.StartKiosk(ctx, d, bin, "--data", data, "kiosk")
	check(err)
	defer k.Stop()
	if !k.WaitLog(`msg="first frame"`, 30*time.Second) {
		check(fmt.Errorf("no first frame; log:\n%s", k.Log()))
	}
	time.Sleep(2 * time.Second)
	steps := []func() error{
		func() error { return d.Tap(960, 540) }, // attract -> home
		func() error { return d.Drag(960, 900, 960, 300) },
		func() error { return d.Drag(960, 300, 960, 900) },
		func() error { return d.Tap(250, 330) }, // the first featured exhibit
		func() error { return d.Tap(1860, 40) }, // English
		func() error { return d.Tap(60, 40) },   // home
		func() error { return d.Tap(1860, 40) }, // English again: no change
	}
	for _, step := range steps {
		check(step())
		time.Sleep(1500 * time.Millisecond)
	}
	if !k.WaitLog("exhibit opened", time.Second) {
		check(fmt.Errorf("the visit opened no exhibit; log:\n%s", k.Log()))
	}
	rss, err := e2e.PeakRSS(k.Cmd.Process.Pid)
	check(err)
	return rss
}

// prepare fills a data folder with a generated catalogue of n projects.
func prepare(dir string, n int) error {
	db, err := store.Open(filepath.Join(dir, "catalogue.db"), store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	ms, err := media.Open(filepath.Join(dir, "media"))
	if err != nil {
		return err
	}
	_, err = store.Import(db, ms, catalogtest.Generate(n, 1), nil, "startbench", time.Now())
	return err
}

// evict writes a file out and drops it from the page cache, so that its
// next reader gets it from disk.
func evict(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("writing %s out: %w", path, err)
	}
	if err := unix.Fadvise(int(f.Fd()), 0, 0, unix.FADV_DONTNEED); err != nil {
		return fmt.Errorf("dropping %s from the page cache: %w", path, err)
	}
	return nil
}

func mb(b int64) float64 { return float64(b) / 1e6 }

func medianBytes(bs []int64) int64 {
	slices.Sort(bs)
	return bs[len(bs)/2]
}

func median(ds []time.Duration) time.Duration {
	sort.Slice(ds, func(i, j int) bool { return ds[i] < ds[j] })
	return ds[len(ds)/2]
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "startbench:", err)
		os.Exit(1)
	}
}
