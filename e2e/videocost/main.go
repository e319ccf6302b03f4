// Command videocost measures what the kiosk's attract loop costs a hall PC
// beside what a browser kiosk and mpv alone spend on the same clips, on
// the same virtual 1920x1080 display, one after the other in one run:
//
//   - the kiosk on the demo catalogue, its attract screen playing the
//     season's promo videos;
//   - Chromium --kiosk --disable-gpu, the demo's promo clips looping in a
//     muted <video> element that fills the window;
//   - mpv --vo=x11 full screen on the same clips: the floor.
//
// Each runs until it is in steady state, then its CPU time (the whole
// process tree's, and the X server's beside it) is taken over 20 s, and
// its proportional memory (PSS, the tree's) sampled; the ratios to
// Chromium's are printed. The kiosk's dropped frames come from its hall
// status, Chromium's from the video element's playback quality.
//
// Then the same on 1080p30 clips the bench makes with ffmpeg, H.264 and
// HEVC (-hd), each the only promo of a catalogue the kiosk imports: the
// size of real promos, where dropped frames show whether a PC keeps up.
//
// Run by `make bench` (Chromium and mpv come from `make bench-deps`).
package main

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"

	"showhall/assets"
	"showhall/e2e"
	"showhall/hallnet"
	"showhall/player/playertest"
	"showhall/store/catalog"
	"showhall/store/feed"
)

func main() {
	window := flag.Duration("window", 20*time.Second, "how long CPU time is measured, in steady state")
	warm := flag.Duration("warm", 8*time.Second, "how long each player plays before the measure starts")
	only := flag.String("only", "kiosk,kiosk-frames,chromium,mpv", "the players to measure, comma-separated")
	dataDir := flag.String("data", "", "the kiosk's data folder (default: a new one, with the demo catalogue loaded and its thumbnails made first)")
	threads := flag.Bool("threads", false, "also print the kiosk's CPU by thread name")
	hd := flag.String("hd", "h264,hevc", "codecs of the 1080p30 clips measured after the demo's (comma-separated; empty: none)")
	flag.Parse()

	tmp, err := os.MkdirTemp("", "videocost-")
	check(err)
	defer os.RemoveAll(tmp)
	bin, err := e2e.Binary(tmp)
	check(err)
	clips, err := demoClips()
	check(err)
	d, err := e2e.StartXvfb(1920, 1080)
	check(err)
	defer d.Stop()
	xpid := d.PID()

	fmt.Printf("Attract-loop cost on Xvfb %s 1920x1080 (software GL), %d demo clips (960x540 H.264), %v of steady state each (after %v of warm-up)\n",
		d.Name, len(clips), *window, *warm)
	// mpv's X11 output shares its images with the server (MIT-SHM) only
	// on displays numbered under 10, which it takes for local; a hall PC
	// is :0. On :10 and above every frame goes through the socket and its
	// two images count in the player's own memory.
	if n, err := strconv.Atoi(strings.TrimPrefix(d.Name, ":")); err == nil && n >= 10 {
		fmt.Printf("(display %s: mpv will not share its images with the X server here, as it would on a hall PC's :0; expect more memory and CPU for the kiosk and mpv)\n", d.Name)
	}
	fmt.Println()
	r := round{d: d, bin: bin, tmp: tmp, xpid: xpid, warm: *warm, window: *window, threads: *threads}
	r.run(*only, clips, *dataDir)
	for _, codec := range strings.Split(*hd, ",") {
		if codec == "" {
			continue
		}
		clip, data, err := hdCatalogue(bin, tmp, codec)
		if err != nil {
			fmt.Printf("\n1080p30 %s: %v\n", codec, err)
			continue
		}
		fmt.Printf("\nThe same on one 1080p30 %s clip (made by ffmpeg), the only promo of an imported catalogue:\n\n", codec)
		r.run(*only, []string{clip}, data)
	}
}

// round measures the players one after the other on the same clips.
type round struct {
	d            *e2e.Display
	bin, tmp     string
	xpid         int
	warm, window time.Duration
	threads      bool
}

func (r round) run(only string, clips []string, dataDir string) {
	d, bin, tmp, xpid := r.d, r.bin, r.tmp, r.xpid
	warm, window := r.warm, r.window
	fmt.Printf("%-34s %10s %10s %10s %12s %10s\n", "player", "CPU", "+ X server", "vs Chrome", "peak PSS", "dropped")
	results := map[string]cost{}
	for _, name := range strings.Split(only, ",") {
		var c cost
		var err error
		switch name {
		case "kiosk", "kiosk-frames":
			data := dataDir
			if data == "" {
				data = filepath.Join(tmp, "demo")
			}
			env := []string{}
			if name == "kiosk-frames" {
				env = append(env, "SHOWHALL_VIDEO_OUTPUT=frames")
			}
			c, err = measureKiosk(d, bin, data, env, xpid, warm, window, r.threads)
		case "chromium":
			c, err = measureChromium(d, tmp, clips, xpid, warm, window)
		case "mpv":
			c, err = measureCommand(d, xpid, warm, window, exec.Command("mpv",
				append([]string{"--no-config", "--vo=x11", "--fs", "--mute=yes", "--ao=null",
					"--loop-playlist=inf", "--really-quiet"}, clips...)...), nil)
		default:
			err = fmt.Errorf("unknown player %q (kiosk, chromium or mpv)", name)
		}
		if err != nil {
			fmt.Printf("%-34s %s\n", name, err)
			continue
		}
		results[name] = c
	}
	fmt.Printf("(load average at the end: %s; every player shares the machine with whatever else runs)\n", loadavg())
	chrome, haveChrome := results["chromium"]
	for _, name := range strings.Split(only, ",") {
		c, ok := results[name]
		if !ok {
			continue
		}
		ratio := "-"
		if haveChrome && chrome.cores > 0 {
			ratio = fmt.Sprintf("%.2f", c.cores/chrome.cores)
		}
		fmt.Printf("%-34s %10.2f %10.2f %10s %9.1f MB %10s\n", label(name), c.cores, c.cores+c.xcores, ratio, c.pss/1e6, c.dropRate())
	}
	if k, ok := results["kiosk"]; ok {
		if m, ok := results["mpv"]; ok && m.cores > 0 {
			fmt.Printf("\nkiosk / mpv --vo=x11: %.2f (CPU), %.2f (with the X server)\n", k.cores/m.cores, (k.cores+k.xcores)/(m.cores+m.xcores))
		}
		fmt.Printf("targets: kiosk / Chromium at most 1.2; kiosk peak PSS under 220 MB (demo); dropped frames under 1%%\n")
	}
}

// loadavg is the machine's load over the last minute, five and fifteen.
func loadavg() string {
	raw, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(raw))
	if len(f) < 3 {
		return "?"
	}
	return strings.Join(f[:3], " ")
}

func label(name string) string {
	switch name {
	case "kiosk":
		return "showhall kiosk, attract loop"
	case "kiosk-frames":
		return "the same, frames through Fyne"
	case "chromium":
		return "Chromium --kiosk --disable-gpu"
	case "mpv":
		return "mpv --vo=x11 (the floor)"
	}
	return name
}

// cost is one player's measure: cores of its process tree and of the X
// server over the window, and the tree's peak PSS in bytes.
type cost struct {
	cores, xcores, pss float64
	// frames shown and dropped during the window; shown < 0: not known
	shown, dropped int64
}

func (c cost) dropRate() string {
	if c.shown < 0 || c.shown+c.dropped == 0 {
		return "-"
	}
	return fmt.Sprintf("%.2f%%", 100*float64(c.dropped)/float64(c.shown+c.dropped))
}

func measureKiosk(d *e2e.Display, bin, data string, env []string, xpid int, warm, window time.Duration, threads bool) (cost, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	warmed := filepath.Join(data, ".videocost-thumbnails-made")
	if _, err := os.Stat(warmed); err != nil {
		// A first start loads the demo catalogue and makes every
		// thumbnail, which a hall's kiosk has long done by the time it
		// loops promos.
		first, err := e2e.StartKiosk(ctx, d, bin, "--data", data, "kiosk")
		if err != nil {
			return cost{}, err
		}
		ready := first.WaitLog("thumbnails ready", 5*time.Minute)
		first.Stop()
		if !ready {
			return cost{}, fmt.Errorf("the kiosk made no thumbnails; log:\n%s", first.Log())
		}
		if err := os.WriteFile(warmed, nil, 0o644); err != nil {
			return cost{}, err
		}
	}
	for _, kv := range env { // the kiosk's environment is this program's
		k, v, _ := strings.Cut(kv, "=")
		os.Setenv(k, v)
		defer os.Unsetenv(k)
	}
	hall := freeAddress()
	k, err := e2e.StartKiosk(ctx, d, bin, "--data", data, "kiosk", "--hall-listen", hall)
	if err != nil {
		return cost{}, err
	}
	defer k.Stop()
	if !k.WaitLog("video players ready", 60*time.Second) {
		return cost{}, fmt.Errorf("the kiosk started no video player; log:\n%s", k.Log())
	}
	pid := k.Cmd.Process.Pid
	var before map[string]float64
	var v0 hallnet.Playback
	c := measure(pid, xpid, warm, window, func() {
		if threads {
			before = threadTimes(pid)
		}
		v0 = kioskPlayback(hall)
	})
	v1 := kioskPlayback(hall)
	c.shown, c.dropped = int64(v1.Frames)-int64(v0.Frames), int64(v1.Dropped)-int64(v0.Dropped)
	if v1.Decoder == "" {
		c.shown = -1
	}
	if threads {
		after := threadTimes(pid)
		type row struct {
			name  string
			cores float64
		}
		var rows []row
		for n, t := range after {
			rows = append(rows, row{n, (t - before[n]) / window.Seconds()})
		}
		sort.Slice(rows, func(i, j int) bool { return rows[i].cores > rows[j].cores })
		fmt.Println("kiosk threads (cores):")
		for _, r := range rows {
			if r.cores >= 0.005 {
				fmt.Printf("    %-20s %.3f\n", r.name, r.cores)
			}
		}
	}
	if strings.Contains(k.Log(), "videos are off") {
		return c, fmt.Errorf("the kiosk played no video; log:\n%s", k.Log())
	}
	return c, nil
}

func measureChromium(d *e2e.Display, tmp string, clips []string, xpid int, warm, window time.Duration) (cost, error) {
	exe := ""
	for _, n := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(n); err == nil {
			exe = p
			break
		}
	}
	if exe == "" {
		return cost{}, fmt.Errorf("Chromium is not installed (make bench-deps installs it)")
	}
	page := filepath.Join(tmp, "loop.html")
	var list []string
	for _, c := range clips {
		list = append(list, strconv.Quote("file://"+c))
	}
	html := `<!doctype html><html><body style="margin:0;background:#000;overflow:hidden">
<video id="v" muted autoplay style="width:100vw;height:100vh;object-fit:contain;display:block"></video>
<script>
const clips = [` + strings.Join(list, ",") + `];
let i = 0, shown = 0, dropped = 0;
const v = document.getElementById("v");
// The element counts per source: keep the sums over the clips.
function add() { const q = v.getVideoPlaybackQuality(); shown += q.totalVideoFrames - q.droppedVideoFrames; dropped += q.droppedVideoFrames; }
function next() { if (v.src) add(); v.src = clips[i]; i = (i + 1) % clips.length; v.play(); }
v.addEventListener("ended", next);
next();
setInterval(() => { const q = v.getVideoPlaybackQuality(); console.log("playback " + (shown + q.totalVideoFrames - q.droppedVideoFrames) + " " + (dropped + q.droppedVideoFrames)); }, 500);
</script></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		return cost{}, err
	}
	profile := filepath.Join(tmp, "chromium-profile")
	cmd := exec.Command(exe, "--kiosk", "--disable-gpu", "--no-sandbox", "--no-first-run",
		"--noerrdialogs", "--disable-infobars", "--autoplay-policy=no-user-gesture-required",
		"--user-data-dir="+profile, "--window-position=0,0", "--window-size=1920,1080",
		"--allow-file-access-from-files", "--enable-logging=stderr", "--v=0", "file://"+page)
	var log playertest.Log
	cmd.Stderr = &log
	var p0 [2]int64
	c, err := measureCommand(d, xpid, warm, window, cmd, func() { p0 = chromiumPlayback(log.String()) })
	p1 := chromiumPlayback(log.String())
	c.shown, c.dropped = p1[0]-p0[0], p1[1]-p0[1]
	if err == nil && p1[0] == 0 {
		// Debian's Chromium has no HEVC decoder: it shows nothing, at no
		// cost, which is no measure to compare with.
		return c, fmt.Errorf("Chromium showed no frame of these clips (it has no decoder for them)")
	}
	return c, err
}

var playbackLine = regexp.MustCompile(`"playback (\d+) (\d+)"`)

// chromiumPlayback is the last count of frames shown and dropped the
// page logged.
func chromiumPlayback(log string) [2]int64 {
	m := playbackLine.FindAllStringSubmatch(log, -1)
	if len(m) == 0 {
		return [2]int64{}
	}
	last := m[len(m)-1]
	a, _ := strconv.ParseInt(last[1], 10, 64)
	b, _ := strconv.ParseInt(last[2], 10, 64)
	return [2]int64{a, b}
}

// kioskPlayback is the attract loop's playback as the kiosk's hall
// status tells it.
func kioskPlayback(addr string) hallnet.Playback {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := (&hallnet.Client{Timeout: 10 * time.Second}).Status(ctx, addr)
	if err != nil || st.Video == nil {
		return hallnet.Playback{}
	}
	return *st.Video
}

func freeAddress() string {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	check(err)
	defer ln.Close()
	return ln.Addr().String()
}

// measureCommand starts cmd on the display, lets it warm up, measures it
// and ends it.
func measureCommand(d *e2e.Display, xpid int, warm, window time.Duration, cmd *exec.Cmd, start func()) (cost, error) {
	cmd.Env = d.Env()
	cmd.SysProcAttr = newGroup()
	if err := cmd.Start(); err != nil {
		return cost{}, err
	}
	defer stopGroup(cmd)
	c := measure(cmd.Process.Pid, xpid, warm, window, start)
	c.shown = -1
	return c, nil
}

// measure waits warm, then takes the tree's and the X server's CPU time
// over window, sampling the tree's PSS as it goes (and during the warm-up,
// for the peak). start, if not nil, runs as the window starts.
func measure(pid, xpid int, warm, window time.Duration, start func()) cost {
	var peak float64
	sample := func(until time.Time) {
		for time.Now().Before(until) {
			peak = max(peak, treePSS(pid))
			time.Sleep(250 * time.Millisecond)
		}
	}
	sample(time.Now().Add(warm))
	if start != nil {
		start()
	}
	t0, x0, w0 := treeCPU(pid), cpuSeconds(xpid), time.Now()
	sample(w0.Add(window))
	t1, x1, el := treeCPU(pid), cpuSeconds(xpid), time.Since(w0).Seconds()
	return cost{cores: (t1 - t0) / el, xcores: (x1 - x0) / el, pss: peak}
}

// demoClips are the demo catalogue's promo clips, absolute paths.
func demoClips() ([]string, error) {
	dir, err := moduleDir()
	if err != nil {
		return nil, err
	}
	clips, err := filepath.Glob(filepath.Join(dir, "assets", "video", "promo-*.mp4"))
	if err != nil || len(clips) == 0 {
		return nil, fmt.Errorf("no demo clips in assets/video (%v)", err)
	}
	return clips, nil
}

func moduleDir() (string, error) {
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Dir}}").Output()
	if err != nil {
		return "", fmt.Errorf("go list -m: %v", err)
	}
	return strings.TrimSpace(string(out)), nil
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "videocost:", err)
		os.Exit(1)
	}
}

// hdCatalogue makes a 20 s 1080p30 clip in codec (h264 or hevc) with
// ffmpeg, and a data folder whose catalogue, the demo's, has it as the
// only promo of every season (imported from a signed feed, its
// thumbnails made).
func hdCatalogue(bin, tmp, codec string) (clip, data string, err error) {
	enc := map[string][]string{
		"h264": {"-c:v", "libx264", "-preset", "veryfast", "-crf", "23"},
		"hevc": {"-c:v", "libx265", "-preset", "fast", "-crf", "26", "-x265-params", "log-level=error", "-tag:v", "hvc1"},
	}[codec]
	if enc == nil {
		return "", "", fmt.Errorf("unknown codec %q (h264 or hevc)", codec)
	}
	clip = filepath.Join(tmp, "promo-1080p-"+codec+".mp4")
	// A moving test picture with grain, so the clip has the bit rate of
	// filmed footage rather than of flat colours.
	args := append([]string{"-v", "error", "-y", "-f", "lavfi", "-i", "testsrc2=s=1920x1080:r=30:d=20", "-vf", "noise=alls=12:allf=t", "-pix_fmt", "yuv420p"}, enc...)
	if out, err := exec.Command("ffmpeg", append(args, clip)...).CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("ffmpeg: %v\n%s", err, out)
	}
	raw, err := os.ReadFile(clip)
	if err != nil {
		return "", "", err
	}
	sum := sha256.Sum256(raw)
	hash := hex.EncodeToString(sum[:])

	doc, err := assets.DemoDocument()
	if err != nil {
		return "", "", err
	}
	doc.Version = "videocost-" + codec
	doc.Published = time.Now().UTC().Truncate(time.Second)
	doc.Media = append(doc.Media, catalog.Media{Hash: hash, Type: "video/mp4", Size: int64(len(raw)), Width: 1920, Height: 1080})
	for i := range doc.Rotations {
		doc.Rotations[i].Attract = []string{hash}
	}
	key := filepath.Join(tmp, "videocost-key")
	if _, err := os.Stat(key); err != nil {
		if _, err := feed.WriteKeyPair(key); err != nil {
			return "", "", err
		}
	}
	priv, err := feed.ReadPrivateKey(key)
	if err != nil {
		return "", "", err
	}
	media, err := demoMediaDir(tmp)
	if err != nil {
		return "", "", err
	}
	dir := filepath.Join(tmp, "feed-"+codec)
	err = feed.Publish(dir, doc, func(m catalog.Media) (string, error) {
		if m.Hash == hash {
			return clip, nil
		}
		return filepath.Join(media, m.Hash), nil
	}, feed.WriteOptions{Key: priv, Generated: doc.Published, Generator: "showhall videocost"})
	if err != nil {
		return "", "", err
	}
	data = filepath.Join(tmp, "data-"+codec)
	cmd := exec.Command(bin, "--data", data, "import", "--trust", key+".pub", dir)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", "", fmt.Errorf("importing the 1080p catalogue: %v\n%s", err, out)
	}
	return clip, data, nil
}

// demoMediaDir writes the demo's media to files named by their hash,
// once.
func demoMediaDir(tmp string) (string, error) {
	dir := filepath.Join(tmp, "demo-media")
	if _, err := os.Stat(dir); err == nil {
		return dir, nil
	}
	return dir, e2e.WriteDemoMedia(dir)
}
