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
// Chromium's are printed. Run by `make bench` (Chromium and mpv come from
// `make bench-deps`).
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"showhall/e2e"
)

func main() {
	window := flag.Duration("window", 20*time.Second, "how long CPU time is measured, in steady state")
	warm := flag.Duration("warm", 8*time.Second, "how long each player plays before the measure starts")
	only := flag.String("only", "kiosk,kiosk-frames,chromium,mpv", "the players to measure, comma-separated")
	dataDir := flag.String("data", "", "the kiosk's data folder (default: a new one, with the demo catalogue loaded and its thumbnails made first)")
	threads := flag.Bool("threads", false, "also print the kiosk's CPU by thread name")
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

	fmt.Printf("Attract-loop cost on Xvfb 1920x1080 (software GL), %d demo clips, %v of steady state each (after %v of warm-up)\n\n",
		len(clips), *window, *warm)
	fmt.Printf("%-34s %10s %10s %10s %12s\n", "player", "CPU", "+ X server", "vs Chrome", "peak PSS")
	results := map[string]cost{}
	for _, name := range strings.Split(*only, ",") {
		var c cost
		var err error
		switch name {
		case "kiosk", "kiosk-frames":
			data := *dataDir
			if data == "" {
				data = filepath.Join(tmp, "demo")
			}
			env := []string{}
			if name == "kiosk-frames" {
				env = append(env, "SHOWHALL_VIDEO_OUTPUT=frames")
			}
			c, err = measureKiosk(d, bin, data, env, xpid, *warm, *window, *threads)
		case "chromium":
			c, err = measureChromium(d, tmp, clips, xpid, *warm, *window)
		case "mpv":
			c, err = measureCommand(d, xpid, *warm, *window, exec.Command("mpv",
				append([]string{"--no-config", "--vo=x11", "--fs", "--mute=yes", "--ao=null",
					"--loop-playlist=inf", "--really-quiet"}, clips...)...))
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
	for _, name := range strings.Split(*only, ",") {
		c, ok := results[name]
		if !ok {
			continue
		}
		ratio := "-"
		if haveChrome && chrome.cores > 0 {
			ratio = fmt.Sprintf("%.2f", c.cores/chrome.cores)
		}
		fmt.Printf("%-34s %10.2f %10.2f %10s %9.1f MB\n", label(name), c.cores, c.cores+c.xcores, ratio, c.pss/1e6)
	}
	if k, ok := results["kiosk"]; ok {
		if m, ok := results["mpv"]; ok && m.cores > 0 {
			fmt.Printf("\nkiosk / mpv --vo=x11: %.2f (CPU), %.2f (with the X server)\n", k.cores/m.cores, (k.cores+k.xcores)/(m.cores+m.xcores))
		}
		fmt.Printf("targets: kiosk / Chromium at most 1.2; kiosk peak PSS under 220 MB\n")
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
}

func measureKiosk(d *e2e.Display, bin, data string, env []string, xpid int, warm, window time.Duration, threads bool) (cost, error) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	if _, err := os.Stat(filepath.Join(data, "catalogue.db")); err != nil {
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
	}
	for _, kv := range env { // the kiosk's environment is this program's
		k, v, _ := strings.Cut(kv, "=")
		os.Setenv(k, v)
		defer os.Unsetenv(k)
	}
	k, err := e2e.StartKiosk(ctx, d, bin, "--data", data, "kiosk")
	if err != nil {
		return cost{}, err
	}
	defer k.Stop()
	if !k.WaitLog("video players ready", 60*time.Second) {
		return cost{}, fmt.Errorf("the kiosk started no video player; log:\n%s", k.Log())
	}
	pid := k.Cmd.Process.Pid
	var before map[string]float64
	c := measure(pid, xpid, warm, window, func() {
		if threads {
			before = threadTimes(pid)
		}
	})
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
let i = 0;
const v = document.getElementById("v");
function next() { v.src = clips[i]; i = (i + 1) % clips.length; v.play(); }
v.addEventListener("ended", next);
next();
</script></body></html>`
	if err := os.WriteFile(page, []byte(html), 0o644); err != nil {
		return cost{}, err
	}
	profile := filepath.Join(tmp, "chromium-profile")
	cmd := exec.Command(exe, "--kiosk", "--disable-gpu", "--no-sandbox", "--no-first-run",
		"--noerrdialogs", "--disable-infobars", "--autoplay-policy=no-user-gesture-required",
		"--user-data-dir="+profile, "--window-position=0,0", "--window-size=1920,1080",
		"--allow-file-access-from-files", "file://"+page)
	return measureCommand(d, xpid, warm, window, cmd)
}

// measureCommand starts cmd on the display, lets it warm up, measures it
// and ends it.
func measureCommand(d *e2e.Display, xpid int, warm, window time.Duration, cmd *exec.Cmd) (cost, error) {
	cmd.Env = d.Env()
	cmd.SysProcAttr = newGroup()
	if err := cmd.Start(); err != nil {
		return cost{}, err
	}
	defer stopGroup(cmd)
	return measure(cmd.Process.Pid, xpid, warm, window, nil), nil
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
