// Command soak runs the real kiosk for a long while and watches it grow:
// a week of hall life compressed into about half an hour. Synthetic
// touches walk visitors through the kiosk (home, a project with its
// pictures, search by touch, browse by chips, the language switch, and
// now and then walking away to the idle reset); a feed server on
// loopback publishes a new catalogue every few minutes, which the kiosk
// syncs. The kiosk is a soak build whose hall calendar runs 336 times
// faster than real time (-speed): a day passes in about four minutes,
// so the feed's seasons (a day each) turn by themselves at their planned
// instants, and the hall opens and closes by its opening hours (9:00 to
// 21:00, closed on Mondays): the screen sleeps at night, wakes before
// opening, and a member of staff touching it at night sees that the hall
// is closed. Visitors come only while the hall is open, as the hall's
// status says. When a visitor has walked away (every tenth journey) it
// samples the kiosk's resident memory, Go heap, goroutines, threads and
// open files, and at the end prints the growth after the warm-up against
// the targets. Then the hall empties for a few minutes (-quiet): what the
// screen gives back once its visitors have gone, and whether its attract
// loop drops a frame meanwhile.
//
// Run by `make soak` (not part of `make test`); -duration shortens it,
// -speed 0 keeps the real calendar.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"

	"showhall/assets"
	"showhall/e2e"
	"showhall/hallnet"
	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/hours"
)

// Targets from the hall's requirements: a kiosk that runs for months.
const (
	maxRSSGrowthMB = 10.0
	// Goroutines and open files may wander by a few (a sync or a video
	// clip in flight when the sample is taken) but must come back.
	goroutineSlack = 8
	fileSlack      = 4
)

func main() {
	code := soak()
	stopAll()
	os.Exit(code)
}

// stops are what soak started that must end with it (displays, the
// kiosk, the presenter), last first, whichever way it ends.
var stops []func()

func stopAll() {
	for i := len(stops) - 1; i >= 0; i-- {
		stops[i]()
	}
	stops = nil
}

func soak() int {
	duration := flag.Duration("duration", 30*time.Minute, "how long the kiosk runs")
	warmup := flag.Duration("warmup", 5*time.Minute, "growth is counted from the first sample after this")
	warmVisitors := flag.Int("warmup-visitors", 40, "and only once this many visitors have come (they fill the picture cache and the window's textures)")
	sample := flag.Duration("sample", time.Minute, "least time between samples (taken after a visitor walks away)")
	publishEvery := flag.Duration("publish", 4*time.Minute, "time between new catalogues on the feed")
	speed := flag.Float64("speed", 336, "how much faster than real time the hall's calendar runs (0: the real calendar, seasons of 3 real minutes)")
	from := flag.String("from", "2026-08-29T08:00:00+08:00", "where the hall's calendar starts (with -speed): a Saturday morning before the 1 September seasons")
	seasonEvery := flag.Duration("season", 24*time.Hour, "length of each season in the hall's calendar (with -speed)")
	talks := flag.Bool("talks", true, "meanwhile, a presenter gives the same roadshow talk again and again on a second display (with -speed)")
	csvPath := flag.String("csv", "", "also write the samples to this CSV file")
	keep := flag.Bool("keep", false, "keep the temporary folder (data, log, screenshots)")
	quiet := flag.Duration("quiet", 3*time.Minute, "then the hall empties: no visitor for this long, samples every 15 s (what a screen gives back once its visitors have gone, and the attract loop's dropped frames meanwhile); 0 skips it")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "soak-")
	check(err)
	if !*keep {
		stops = append(stops, func() { os.RemoveAll(tmp) })
	} else {
		fmt.Println("keeping", tmp)
	}
	// A week in half an hour needs the soak build's calendar; at real
	// speed any build does.
	calendarStart := time.Now()
	span := *duration + *seasonEvery
	var bin string
	if *speed > 0 {
		calendarStart, err = time.Parse(time.RFC3339, *from)
		check(err)
		span = time.Duration(float64(*duration)**speed) + *seasonEvery
		bin = soakBinary(tmp)
		os.Setenv("SHOWHALL_TEST_CLOCK", fmt.Sprintf("%s*%g", *from, *speed))
	} else {
		*seasonEvery = 3 * time.Minute
		bin, err = e2e.Binary(tmp)
		check(err)
	}
	d, err := e2e.StartXvfb(1920, 1080)
	check(err)
	stops = append(stops, d.Stop)

	// The feed: the demo catalogue, republished with a new version every
	// few minutes and seasons that turn every few minutes from now on.
	pub := newPublisher(tmp, calendarStart, *seasonEvery, span)
	check(pub.publish())
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	srv := &http.Server{Handler: feed.Handler(pub.dir)}
	go srv.Serve(ln)
	defer srv.Close()
	url := "http://" + ln.Addr().String() + "/"

	// The kiosk's data folder: the first sync by hand (trusting the
	// soak's key), then a sync every minute by the kiosk itself.
	data := filepath.Join(tmp, "data")
	run(bin, "--data", data, "sync", "--trust", pub.keyPath+".pub", url)
	db, err := store.Open(filepath.Join(data, "catalogue.db"), store.Options{LockTimeout: 5 * time.Second})
	check(err)
	check(db.PutSetting("sync_minutes", 1))
	if *speed > 0 {
		// 9:00 to 21:00, closed on Mondays: a day and a night a few
		// minutes long each, six opening days in the week.
		h := hours.Default()
		h.Follow = true
		for d := range h.Week {
			if !h.Week[d].Closed {
				h.Week[d] = hours.Day{Open: 9 * 60, Close: 21 * 60}
			}
		}
		check(hall.SaveHours(db, h))
	}
	check(db.Close())
	hallAddr := freeAddress()

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The kiosk logs its goroutines and heap at every sample.
	os.Setenv("SHOWHALL_RUNTIME_LOG", sample.String())
	k, err := startKiosk(ctx, d, bin, "--data", data, "kiosk", "--idle", "30", "--hall-listen", hallAddr)
	check(err)
	logPath := filepath.Join(tmp, "kiosk.log")
	stops = append(stops, func() {
		k.Stop()
		os.WriteFile(logPath, []byte(k.Log()), 0o644)
	})
	if !k.WaitLog("first frame", time.Minute) {
		fail("no first frame within a minute; log:\n%s", k.Log())
	}
	pid := k.Cmd.Process.Pid

	var presenter *roadshow
	if *talks && *speed > 0 {
		presenter = startRoadshow(ctx, tmp, bin)
		stops = append(stops, presenter.stop)
	}

	var samples []sample_
	start := time.Now()
	end := start.Add(*duration)
	nextSample := start.Add(*sample)
	nextPublish := start.Add(*publishEvery)
	walker := &visitor{d: d, status: statusReader(hallAddr)}
	fmt.Printf("soak: %s of hall life on the demo catalogue, kiosk pid %d, feed %s\n", *duration, pid, url)
	fmt.Printf("%6s %9s %9s %10s %7s %7s %5s %8s %8s\n", "minute", "RSS MB", "anon MB", "live heap", "gorout", "threads", "files", "journeys", "resets")
	take := func() {
		s := takeSample(k, pid, time.Since(start))
		s.journeys, s.resets = walker.journeys, walker.resets
		samples = append(samples, s)
		fmt.Printf("%6.1f %9.1f %9.1f %10.1f %7d %7d %5d %8d %8d\n", s.at.Minutes(), s.rss, s.anon, s.heap, s.goroutines, s.threads, s.files, s.journeys, s.resets)
	}
	take()
	for time.Now().Before(end) {
		if k.Exited() {
			fail("the kiosk exited during the soak; log:\n%s", tail(k.Log(), 40))
		}
		if !time.Now().Before(nextPublish) {
			if err := pub.publish(); err != nil {
				fail("publishing a new catalogue: %v", err)
			}
			nextPublish = nextPublish.Add(*publishEvery)
		}
		// Samples are taken on the attract screen after a visitor has
		// walked away, the same state each time: in the middle of a visit
		// the decoded pictures of the page make the heap swing by tens of
		// megabytes.
		if walker.hallClosed() {
			continue
		}
		if walker.journey() && !time.Now().Before(nextSample) {
			take()
			nextSample = time.Now().Add(*sample)
		}
	}
	if *quiet > 0 {
		emptyHall(k, pid, start, *quiet, walker.status)
	}
	if *csvPath != "" {
		check(writeCSV(*csvPath, samples))
	}
	syncs := strings.Count(k.Log(), "new catalogue synced")
	switches := strings.Count(k.Log(), "attract screen renewed")
	fmt.Printf("catalogues published %d, synced by the kiosk %d; attract screen renewed %d times (new season or catalogue); taps %d\n", pub.version, syncs, switches, walker.taps)
	if *speed > 0 {
		fmt.Printf("hall calendar %s -> %s: %d seasons shown in turn, the screen came back before opening %d times, went dark %d times (woken by staff at night %d times)\n",
			calendarStart.Format("Mon 2 Jan 15:04"), calendarStart.Add(time.Duration(float64(time.Since(start))**speed)).Format("Mon 2 Jan 15:04"),
			len(walker.seasons), strings.Count(k.Log(), "the screen comes back"), strings.Count(k.Log(), "the hall is closed, the screen sleeps"), walker.staffTouches)
	}
	ok := report(samples, *warmup, *warmVisitors)
	if presenter != nil {
		ok = presenter.report() && ok
	}
	if !ok {
		os.WriteFile(logPath, []byte(k.Log()), 0o644)
		fmt.Println("kiosk log:", logPath)
		return 1
	}
	return 0
}

// emptyHall leaves the kiosk without visitors for a while, sampling its
// memory every 15 s, and says what it held when the last visitor left
// and at the end. These samples stay out of the growth verdict: they are
// another state of the screen, not a later one. It also counts the
// attract loop's frames in each 15 s, from the hall status, so that a
// frame lost while the kiosk gives memory back (glibc holds its heaps'
// locks meanwhile) shows in the row where it happened.
func emptyHall(k *kiosk, pid int, start time.Time, quiet time.Duration, status func() (hallnet.Status, error)) {
	fmt.Printf("the hall empties: no visitor for %s\n", quiet)
	fmt.Printf("%6s %9s %9s %10s %7s %7s  %s\n", "minute", "RSS MB", "anon MB", "live heap", "shown", "dropped", "screen")
	// playback is the loop's counts and what the screen shows (the
	// hall's hours may put it to sleep meanwhile: then no frame plays).
	playback := func() (*hallnet.Playback, string) {
		st, err := status()
		if err != nil {
			return nil, "no status"
		}
		shows := st.Screen
		if st.Display == "off" {
			shows = "asleep"
		}
		return st.Video, shows
	}
	first := takeSample(k, pid, time.Since(start))
	last := first
	fmt.Printf("%6.1f %9.1f %9.1f %10.1f\n", first.at.Minutes(), first.rss, first.anon, first.heap)
	before, _ := playback()
	var loop quietLoop
	for end := time.Now().Add(quiet); time.Now().Before(end); {
		time.Sleep(15 * time.Second)
		if k.Exited() {
			fail("the kiosk exited in the empty hall; log:\n%s", tail(k.Log(), 40))
		}
		last = takeSample(k, pid, time.Since(start))
		now, shows := playback()
		released := strings.Count(k.Log(), "memory given back after visitors") > loop.releases
		shown, dropped, ok := loop.add(before, now, released)
		before = now
		note := ""
		if released {
			note = "  <- memory given back"
		}
		if !ok {
			fmt.Printf("%6.1f %9.1f %9.1f %10.1f %7s %7s  %s%s\n", last.at.Minutes(), last.rss, last.anon, last.heap, "-", "-", shows, note)
			continue
		}
		fmt.Printf("%6.1f %9.1f %9.1f %10.1f %7d %7d  %s%s\n", last.at.Minutes(), last.rss, last.anon, last.heap, shown, dropped, shows, note)
	}
	fmt.Printf("empty hall: RSS %.1f MB as the last visitor left, %.1f MB after %s without visitors\n", first.rss, last.rss, quiet)
	fmt.Println("  " + loop.verdict())
	for _, line := range strings.Split(k.Log(), "\n") {
		if strings.Contains(line, "memory given back after visitors") {
			fmt.Println("  kiosk:", line)
		}
	}
}

// quietLoop adds up the attract loop's frames over the empty hall's
// windows, apart for the windows in which memory was given back.
type quietLoop struct {
	releases                 int
	shown, dropped           uint64 // in the other windows
	shownAtTrim, droppedTrim uint64 // in the windows with a release
}

// add counts one window between two readings of the hall status; ok is
// false when either reading has no playback (the loop restarting, a
// status that did not answer), which a counter gone backwards also means.
func (q *quietLoop) add(before, now *hallnet.Playback, released bool) (shown, dropped uint64, ok bool) {
	if released {
		q.releases++
	}
	if before == nil || now == nil || now.Frames < before.Frames || now.Dropped < before.Dropped {
		return 0, 0, false
	}
	shown, dropped = now.Frames-before.Frames, now.Dropped-before.Dropped
	if released {
		q.shownAtTrim += shown
		q.droppedTrim += dropped
	} else {
		q.shown += shown
		q.dropped += dropped
	}
	return shown, dropped, true
}

func (q *quietLoop) verdict() string {
	switch {
	case q.releases > 0 && q.shownAtTrim == 0:
		return fmt.Sprintf("attract loop: no frame played in the 15 s in which memory was given back (the screen asleep, or no video); in the other windows %d shown, %d dropped", q.shown, q.dropped)
	case q.releases == 0:
		return fmt.Sprintf("attract loop: %d frames shown, %d dropped; no memory given back meanwhile", q.shown, q.dropped)
	}
	return fmt.Sprintf("attract loop: in the 15 s in which memory was given back %d frames shown, %d dropped; in the other windows %d shown, %d dropped",
		q.shownAtTrim, q.droppedTrim, q.shown, q.dropped)
}

// report prints the growth after the warm-up and whether it meets the
// targets. The warm-up is counted in time and in visitors: with the hall
// closed half of its calendar, a few minutes may be a few visitors, and
// what a warm kiosk holds (decoded pictures up to the cache's bound,
// the window's textures) comes with visits, not with time.
func report(samples []sample_, warmup time.Duration, warmVisitors int) bool {
	base := -1
	for i, s := range samples {
		if s.at >= warmup && s.journeys >= warmVisitors {
			base = i
			break
		}
	}
	if base < 0 || len(samples)-base < 2 {
		fmt.Printf("too short to judge growth: run longer than the warm-up (%s and %d visitors)\n", warmup, warmVisitors)
		return true
	}
	// Each end is the median of up to three samples, so that one sample
	// taken while a picture was being decoded does not decide.
	after := samples[base:]
	n := min(3, len(after)/2)
	b, last := median(after[:n]), median(after[len(after)-n:])
	ok := true
	verdict := func(pass bool) string {
		if pass {
			return "ok"
		}
		ok = false
		return "TOO MUCH"
	}
	rssGrowth := last.rss - b.rss
	fmt.Printf("after the warm-up (medians of %d samples around minute %.1f and minute %.1f, visitor %d and visitor %d):\n", n, b.at.Minutes(), last.at.Minutes(), after[0].journeys, after[len(after)-1].journeys)
	fmt.Printf("  RSS        %+.1f MB (target under %.0f MB)  %s\n", rssGrowth, maxRSSGrowthMB, verdict(rssGrowth < maxRSSGrowthMB))
	fmt.Printf("  live heap  %+.1f MB (what the last collection kept)\n", last.heap-b.heap)
	fmt.Printf("  goroutines %d -> %d  %s\n", b.goroutines, last.goroutines, verdict(last.goroutines <= b.goroutines+goroutineSlack))
	fmt.Printf("  open files %d -> %d  %s\n", b.files, last.files, verdict(last.files <= b.files+fileSlack))
	fmt.Printf("  threads    %d -> %d\n", b.threads, last.threads)
	return ok
}

// median is the sample of the median RSS among ss, with the medians of
// the other figures.
func median(ss []sample_) sample_ {
	pick := func(f func(sample_) float64) float64 {
		v := make([]float64, len(ss))
		for i, s := range ss {
			v[i] = f(s)
		}
		slices.Sort(v)
		return v[len(v)/2]
	}
	return sample_{
		at:         ss[len(ss)/2].at,
		rss:        pick(func(s sample_) float64 { return s.rss }),
		anon:       pick(func(s sample_) float64 { return s.anon }),
		heap:       pick(func(s sample_) float64 { return s.heap }),
		goroutines: int(pick(func(s sample_) float64 { return float64(s.goroutines) })),
		threads:    int(pick(func(s sample_) float64 { return float64(s.threads) })),
		files:      int(pick(func(s sample_) float64 { return float64(s.files) })),
	}
}

type sample_ struct {
	at                  time.Duration
	rss, anon, heap     float64 // MB
	goroutines, threads int
	files               int
	journeys, resets    int
}

var runtimeLine = regexp.MustCompile(`msg=runtime goroutines=(\d+) heap_live=(\d+)`)

func takeSample(k *kiosk, pid int, at time.Duration) sample_ {
	s := sample_{at: at}
	rss, _ := procField(pid, "VmRSS:")
	anon, _ := procField(pid, "RssAnon:")
	threads, _ := procField(pid, "Threads:")
	s.rss, s.anon, s.threads = float64(rss)/1e6, float64(anon)/1e6, int(threads)
	if fds, err := os.ReadDir(fmt.Sprintf("/proc/%d/fd", pid)); err == nil {
		s.files = len(fds)
	}
	// The kiosk logs its goroutines and heap at every sample interval;
	// take the latest line.
	if m := runtimeLine.FindAllStringSubmatch(k.Log(), -1); len(m) > 0 {
		last := m[len(m)-1]
		s.goroutines, _ = strconv.Atoi(last[1])
		h, _ := strconv.ParseFloat(last[2], 64)
		s.heap = h / 1e6
	}
	return s
}

// procField reads a field of /proc/PID/status: sizes in bytes, counts as
// they are.
func procField(pid int, field string) (int64, error) {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return 0, err
	}
	for _, line := range strings.Split(string(raw), "\n") {
		if f := strings.Fields(line); len(f) >= 2 && f[0] == field {
			n, err := strconv.ParseInt(f[1], 10, 64)
			if len(f) == 3 && f[2] == "kB" {
				n *= 1024
			}
			return n, err
		}
	}
	return 0, errors.New("no " + field)
}

func writeCSV(path string, samples []sample_) error {
	var b strings.Builder
	b.WriteString("minute,rss_mb,anon_mb,live_heap_mb,goroutines,threads,open_files,journeys,idle_resets\n")
	for _, s := range samples {
		fmt.Fprintf(&b, "%.2f,%.1f,%.1f,%.1f,%d,%d,%d,%d,%d\n", s.at.Minutes(), s.rss, s.anon, s.heap, s.goroutines, s.threads, s.files, s.journeys, s.resets)
	}
	return os.WriteFile(path, []byte(b.String()), 0o644)
}

// publisher writes the soak's feed: the demo catalogue under a new
// version each time, its four seasons repeated one after another, each
// lasting seasonEvery from the soak's start.
type publisher struct {
	dir, keyPath, mediaDir string
	doc                    catalog.Document
	start                  time.Time
	season, span           time.Duration
	version                int
}

func newPublisher(tmp string, start time.Time, season, span time.Duration) *publisher {
	p := &publisher{dir: filepath.Join(tmp, "feed"), keyPath: filepath.Join(tmp, "soak-key"),
		mediaDir: filepath.Join(tmp, "media"), start: start, season: season, span: span}
	_, err := feed.WriteKeyPair(p.keyPath)
	check(err)
	p.doc, err = assets.DemoDocument()
	check(err)
	check(e2e.WriteDemoMedia(p.mediaDir))
	return p
}

func (p *publisher) publish() error {
	p.version++
	priv, err := feed.ReadPrivateKey(p.keyPath)
	if err != nil {
		return err
	}
	doc := p.doc
	doc.Version = fmt.Sprintf("soak-%04d", p.version)
	doc.Published = time.Now().UTC().Truncate(time.Second)
	demo := p.doc.Rotations
	doc.Rotations = nil
	for i := 0; time.Duration(i)*p.season < p.span; i++ {
		r := demo[i%len(demo)]
		r.ID = fmt.Sprintf("soak-season-%03d", i)
		r.Start = p.start.Add(time.Duration(i) * p.season).UTC().Truncate(time.Second)
		r.End = r.Start.Add(p.season)
		doc.Rotations = append(doc.Rotations, r)
	}
	// A catalogue that really changed: one project's summary names the
	// version, as a curator's correction would.
	doc.Projects = append([]catalog.Project(nil), p.doc.Projects...)
	doc.Projects[0].Summary.En = p.doc.Projects[0].Summary.En + " (" + doc.Version + ")"
	return feed.Publish(p.dir, doc, func(m catalog.Media) (string, error) {
		return filepath.Join(p.mediaDir, m.Hash), nil
	}, feed.WriteOptions{Key: priv, Generated: doc.Published, Generator: "showhall soak"})
}

// visitor walks through the kiosk with taps at the places a visitor
// touches on a 1920x1080 screen.
type visitor struct {
	d                      *e2e.Display
	status                 func() (hallnet.Status, error)
	journeys, resets, taps int
	staffTouches           int
	touchedTonight         bool
	seasons                []string // the seasons the screen showed, in order
	statusErrors           int
}

// hallClosed reports whether the screen sleeps because the hall is
// closed; then no visitor comes, but once a night a member of staff
// touches the screen, which says the hall is closed and sleeps again.
func (v *visitor) hallClosed() bool {
	st, err := v.status()
	if err != nil {
		// A loaded machine may answer late now and then; a kiosk that
		// stops answering for good fails the soak.
		if v.statusErrors++; v.statusErrors == 5 {
			fail("reading the kiosk's hall status 5 times in a row: %v", err)
		}
		return false
	}
	v.statusErrors = 0
	if st.Season != nil && (len(v.seasons) == 0 || v.seasons[len(v.seasons)-1] != st.Season.ID) {
		v.seasons = append(v.seasons, st.Season.ID)
	}
	if st.Screen != "asleep" {
		v.touchedTonight = false
		return false
	}
	if !v.touchedTonight {
		v.touchedTonight = true
		v.staffTouches++
		v.tap(attractMiddle[0], attractMiddle[1], time.Second)
	}
	time.Sleep(time.Second)
	return true
}

// statusReader reads the kiosk's hall status.
func statusReader(addr string) func() (hallnet.Status, error) {
	c := &hallnet.Client{Timeout: 10 * time.Second}
	return func() (hallnet.Status, error) {
		ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
		defer cancel()
		return c.Status(ctx, addr)
	}
}

// freeAddress is a loopback address no one listens on.
func freeAddress() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer ln.Close()
	return ln.Addr().String()
}

// soakBinary builds the kiosk with the soak's calendar (the soakclock
// build tag), which the hall's own builds leave out.
func soakBinary(tmp string) string {
	out := filepath.Join(tmp, "showhall-soak")
	cmd := exec.Command("go", "build", "-tags", "no_emoji,migrated_fynedo,soakclock", "-o", out, "showhall")
	if msg, err := cmd.CombinedOutput(); err != nil {
		fail("building the soak's kiosk: %v\n%s", err, msg)
	}
	return out
}

func (v *visitor) tap(x, y int, wait time.Duration) {
	v.d.Tap(x, y)
	v.taps++
	time.Sleep(wait)
}

// Places on the screen, 1920x1080, as the kiosk lays them out at the
// standard text size (the bar on top: a 1080-pixel screen is within a
// seated visitor's reach).
var (
	attractMiddle = [2]int{960, 540}
	homeButton    = [2]int{69, 49}
	backButton    = [2]int{181, 49}
	searchButton  = [2]int{1262, 49}
	langButtons   = [][2]int{{1741, 49}, {1853, 49}, {1625, 49}}
	featured      = [][2]int{{243, 300}, {720, 300}, {1199, 300}, {1677, 300}}
	tiles         = [][2]int{{178, 696}, {569, 696}, {959, 696}, {1351, 696}, {1741, 696}}
	nextPicture   = [2]int{900, 761}
	chips         = [][2]int{{148, 177}, {148, 249}, {148, 321}, {148, 608}}
	firstResult   = [2]int{610, 369}
	keys          = map[rune][2]int{'z': {592, 971}, 'h': {947, 898}, 'y': {910, 827}, 'l': {1164, 898}}
	keyDone       = [2]int{1834, 898}
)

// journey is one visitor, from the attract screen or from home (where
// the last visitor left it). Most look at one showcased exhibit and its
// pictures and go home; every third or so also searches and browses;
// every tenth walks away and leaves the kiosk to its idle reset.
func (v *visitor) journey() (walkedAway bool) {
	n := v.journeys
	v.journeys++
	short := 400 * time.Millisecond
	v.tap(attractMiddle[0], attractMiddle[1], short) // on attract: opens home; on home: a tile
	v.tap(homeButton[0], homeButton[1], short)
	f := featured[n%len(featured)]
	v.tap(f[0], f[1], short)
	if n%10 < 6 {
		v.tap(nextPicture[0], nextPicture[1], 300*time.Millisecond)
		v.tap(homeButton[0], homeButton[1], short)
		return false
	}
	v.tap(nextPicture[0], nextPicture[1], 300*time.Millisecond)
	v.tap(nextPicture[0], nextPicture[1], 300*time.Millisecond)
	v.d.Drag(1500, 900, 1500, 300)
	time.Sleep(short)
	v.tap(backButton[0], backButton[1], short)
	t := tiles[n%len(tiles)]
	v.tap(t[0], t[1], short)
	v.tap(homeButton[0], homeButton[1], short)
	// Search by touch: zhyl (智慧医疗 by initials), then the first result.
	v.tap(searchButton[0], searchButton[1], short)
	for _, r := range "zhyl" {
		k := keys[r]
		v.tap(k[0], k[1], 200*time.Millisecond)
	}
	v.tap(keyDone[0], keyDone[1], short)
	v.tap(firstResult[0], firstResult[1], short)
	v.tap(backButton[0], backButton[1], short)
	c := chips[n%len(chips)]
	v.tap(c[0], c[1], short)
	v.tap(firstResult[0], firstResult[1], short)
	l := langButtons[n%len(langButtons)]
	v.tap(l[0], l[1], short)
	v.tap(homeButton[0], homeButton[1], short)
	if n%10 == 9 {
		// Walking away: the countdown after 30 s, the reset 10 s later.
		time.Sleep(45 * time.Second)
		v.resets++
		return true
	}
	return false
}

// kiosk is the running binary with its log.
type kiosk struct{ *e2e.Kiosk }

func startKiosk(ctx context.Context, d *e2e.Display, bin string, args ...string) (*kiosk, error) {
	k, err := e2e.StartKiosk(ctx, d, bin, args...)
	if err != nil {
		return nil, err
	}
	return &kiosk{k}, nil
}

// Exited reports whether the kiosk has ended (a zombie not yet waited
// for counts as ended).
func (k *kiosk) Exited() bool {
	raw, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", k.Cmd.Process.Pid))
	if err != nil {
		return true
	}
	// The state follows the command name, which is in brackets.
	if i := strings.LastIndexByte(string(raw), ')'); i >= 0 && i+2 < len(raw) {
		return raw[i+2] == 'Z' || raw[i+2] == 'X'
	}
	return false
}

// run runs showhall to its end and returns what it printed.
func run(bin string, args ...string) string {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	out, err := cmd.Output()
	if err != nil {
		fail("showhall %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out)
}

func tail(s string, n int) string {
	var lines []string
	sc := bufio.NewScanner(strings.NewReader(s))
	for sc.Scan() {
		lines = append(lines, sc.Text())
	}
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}

func check(err error) {
	if err != nil {
		fail("%v", err)
	}
}

func fail(format string, args ...any) {
	fmt.Fprintf(os.Stderr, "soak: "+format+"\n", args...)
	stopAll()
	os.Exit(1)
}

// roadshow is a presenter's laptop beside the hall screen: the same
// process gives one talk after another (a soak build starts the talk
// again a second after it is left), driven by a clicker's keys.
type roadshow struct {
	d        *e2e.Display
	k        *kiosk
	done     chan struct{}
	talks    int
	samples  []sample_
	failures []string
}

const (
	consoleTitle = "showhall · presenter console"
	deckFile     = `{"format": "showhall-deck", "version": 1, "exported": "2026-03-01T08:00:00Z",
 "deck": {"id": "soak-talk", "title": "Pilot Zone roadshow", "lang": "en", "planned_minutes": 10,
  "slides": [{"kind": "title"}, {"kind": "project", "project": "p2024-001"}, {"kind": "project", "project": "p2024-002"},
   {"kind": "project", "project": "p2024-003"}, {"kind": "project", "project": "p2024-004"}, {"kind": "closing"}],
  "created": "2026-03-01T08:00:00Z", "updated": "2026-03-01T08:00:00Z"}}`
)

func startRoadshow(ctx context.Context, tmp, bin string) *roadshow {
	d, err := e2e.StartXvfb(1920, 1080)
	check(err)
	data := filepath.Join(tmp, "laptop")
	file := filepath.Join(tmp, "soak.showhall-deck")
	check(os.WriteFile(file, []byte(deckFile), 0o644))
	// The import names the deck it made: "imported ID (TITLE)".
	f := strings.Fields(run(bin, "--data", data, "present", "--import", file))
	if len(f) < 2 || f[0] != "imported" {
		fail("importing the talk's deck printed %q", strings.Join(f, " "))
	}
	os.Setenv("SHOWHALL_SOAK_TALKS", "1")
	k, err := startKiosk(ctx, d, bin, "--data", data, "present", "--deck", f[1], "--rehearse", "--lang", "en")
	os.Unsetenv("SHOWHALL_SOAK_TALKS")
	check(err)
	r := &roadshow{d: d, k: k, done: make(chan struct{})}
	go r.give()
	return r
}

// give clicks through one talk after another until stopped, sampling the
// process after each.
func (r *roadshow) give() {
	start := time.Now()
	for {
		select {
		case <-r.done:
			return
		default:
		}
		// Each talk opens its window again: wait for it, take the
		// keyboard, and step through every slide and back out.
		started := strings.Count(r.k.Log(), "rehearsal: talk and console in one window")
		if started <= r.talks || r.d.FocusWindow(consoleTitle) != nil {
			if r.k.Exited() {
				r.failures = append(r.failures, "the presenter's process ended:\n"+tail(r.k.Log(), 30))
				return
			}
			time.Sleep(200 * time.Millisecond)
			continue
		}
		for range 6 {
			r.d.Key("Right")
			time.Sleep(400 * time.Millisecond)
		}
		r.d.Key("Escape")
		r.talks++
		if r.talks%10 == 0 {
			s := takeSample(r.k, r.k.Cmd.Process.Pid, time.Since(start))
			s.journeys = r.talks
			r.samples = append(r.samples, s)
		}
	}
}

func (r *roadshow) stop() {
	close(r.done)
	r.k.Stop()
	r.d.Stop()
}

// report prints the presenter's process after its talks: its growth
// from the first sample to the last, against the hall screen's targets.
func (r *roadshow) report() bool {
	fmt.Printf("roadshow: %d talks given in one process\n", r.talks)
	for _, f := range r.failures {
		fmt.Println("  " + f)
	}
	if len(r.samples) < 4 {
		fmt.Println("  too few talks to judge growth")
		return len(r.failures) == 0
	}
	n := min(3, len(r.samples)/2)
	b, last := median(r.samples[1:1+n]), median(r.samples[len(r.samples)-n:])
	fmt.Printf("  from talk %d to talk %d: RSS %+.1f MB, live heap %+.1f MB, goroutines %d -> %d, open files %d -> %d, threads %d -> %d\n",
		r.samples[1].journeys, r.samples[len(r.samples)-1].journeys, last.rss-b.rss, last.heap-b.heap, b.goroutines, last.goroutines, b.files, last.files, b.threads, last.threads)
	ok := len(r.failures) == 0 && last.rss-b.rss < maxRSSGrowthMB && last.goroutines <= b.goroutines+goroutineSlack && last.files <= b.files+fileSlack
	if !ok {
		fmt.Println("  TOO MUCH")
	}
	return ok
}
