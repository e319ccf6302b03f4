// Command soak runs the real kiosk for a long while and watches it grow:
// a week of hall life compressed into about half an hour. Synthetic
// touches walk visitors through the kiosk (home, a project with its
// pictures, search by touch, browse by chips, the language switch, and
// now and then walking away to the idle reset); a feed server on
// loopback publishes a new catalogue every few minutes, which the kiosk
// syncs; and the feed's seasons begin and end every few minutes of real
// time, so the attract screen switches seasons by itself as a hall's
// would at its planned instants. When a visitor has walked away (every
// tenth journey) it samples the kiosk's resident memory, Go heap,
// goroutines, threads and open files, and at the end prints the growth
// after the warm-up against the targets.
//
// Run by `make soak` (not part of `make test`); -duration shortens it.
package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
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
	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed"
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
	duration := flag.Duration("duration", 30*time.Minute, "how long the kiosk runs")
	warmup := flag.Duration("warmup", 5*time.Minute, "growth is counted from the first sample after this")
	sample := flag.Duration("sample", time.Minute, "least time between samples (taken after a visitor walks away)")
	publishEvery := flag.Duration("publish", 4*time.Minute, "time between new catalogues on the feed")
	seasonEvery := flag.Duration("season", 3*time.Minute, "length of each season, in real time")
	csvPath := flag.String("csv", "", "also write the samples to this CSV file")
	keep := flag.Bool("keep", false, "keep the temporary folder (data, log, screenshots)")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "soak-")
	check(err)
	if !*keep {
		defer os.RemoveAll(tmp)
	} else {
		fmt.Println("keeping", tmp)
	}
	bin, err := e2e.Binary(tmp)
	check(err)
	d, err := e2e.StartXvfb(1920, 1080)
	check(err)
	defer d.Stop()

	// The feed: the demo catalogue, republished with a new version every
	// few minutes and seasons that turn every few minutes from now on.
	pub := newPublisher(tmp, time.Now(), *seasonEvery, *duration+*seasonEvery)
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
	check(db.Close())

	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	// The kiosk logs its goroutines and heap at every sample.
	os.Setenv("SHOWHALL_RUNTIME_LOG", sample.String())
	k, err := startKiosk(ctx, d, bin, "--data", data, "kiosk", "--idle", "30")
	check(err)
	logPath := filepath.Join(tmp, "kiosk.log")
	defer func() {
		k.Stop()
		os.WriteFile(logPath, []byte(k.Log()), 0o644)
	}()
	if !k.WaitLog("first frame", time.Minute) {
		fail("no first frame within a minute; log:\n%s", k.Log())
	}
	pid := k.Cmd.Process.Pid

	var samples []sample_
	start := time.Now()
	end := start.Add(*duration)
	nextSample := start.Add(*sample)
	nextPublish := start.Add(*publishEvery)
	walker := &visitor{d: d}
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
		if walker.journey() && !time.Now().Before(nextSample) {
			take()
			nextSample = time.Now().Add(*sample)
		}
	}
	if *csvPath != "" {
		check(writeCSV(*csvPath, samples))
	}
	syncs := strings.Count(k.Log(), "new catalogue synced")
	switches := strings.Count(k.Log(), "attract screen renewed")
	fmt.Printf("catalogues published %d, synced by the kiosk %d; attract screen renewed %d times (new season or catalogue); taps %d\n", pub.version, syncs, switches, walker.taps)
	if !report(samples, *warmup) {
		os.WriteFile(logPath, []byte(k.Log()), 0o644)
		fmt.Println("kiosk log:", logPath)
		os.Exit(1)
	}
}

// report prints the growth after the warm-up and whether it meets the
// targets.
func report(samples []sample_, warmup time.Duration) bool {
	base := -1
	for i, s := range samples {
		if s.at >= warmup {
			base = i
			break
		}
	}
	if base < 0 || len(samples)-base < 2 {
		fmt.Println("too short to judge growth: run longer than the warm-up")
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
	fmt.Printf("after the warm-up (medians of %d samples around minute %.1f and minute %.1f):\n", n, b.at.Minutes(), last.at.Minutes())
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
	// The demo's media as files on disk, named by their hash.
	check(os.MkdirAll(p.mediaDir, 0o755))
	check(fs.WalkDir(assets.DemoMedia(), ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		src, err := assets.DemoMedia().Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		hash := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		dst, err := os.Create(filepath.Join(p.mediaDir, hash))
		if err != nil {
			return err
		}
		defer dst.Close()
		_, err = io.Copy(dst, src)
		return err
	}))
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
	journeys, resets, taps int
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

// journey is one visitor: from the attract screen or from home (where
// the last visitor left it) to a project, a search, a browse, and either
// home again or, every tenth visitor, walking away.
func (v *visitor) journey() (walkedAway bool) {
	n := v.journeys
	v.journeys++
	short := 400 * time.Millisecond
	v.tap(attractMiddle[0], attractMiddle[1], short) // on attract: opens home; on home: a tile
	v.tap(homeButton[0], homeButton[1], short)
	f := featured[n%len(featured)]
	v.tap(f[0], f[1], short)
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

func run(bin string, args ...string) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	if out, err := cmd.CombinedOutput(); err != nil {
		fail("showhall %s: %v\n%s", strings.Join(args, " "), err, out)
	}
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
	os.Exit(1)
}
