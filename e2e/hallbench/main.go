// Command hallbench measures a catalogue update spreading through a hall
// on loopback, with real kiosks (the built binary, under one Xvfb
// display): one screen has a new catalogue of about 1 GB, five others
// take it from the hall. It prints what the first screen uploaded (in
// catalogues: one source serving all would upload five) and the time
// until all five have it, against five syncs of the same feed from nginx
// at once in the same run (all share this machine's one disk, so the
// times are a ratio, not a promise). Media are random bytes made in a
// temporary folder at each run.
//
//	go run ./e2e/hallbench [-mb 1000] [-screens 5]
package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"time"

	"showhall/e2e"
	"showhall/hallnet"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/feed/feedtest"
)

func main() {
	mb := flag.Int("mb", 1000, "megabytes of media in the new catalogue")
	screens := flag.Int("screens", 5, "screens that take the new catalogue")
	flag.Parse()
	if err := run(*mb, *screens); err != nil {
		fmt.Fprintln(os.Stderr, "hallbench:", err)
		os.Exit(1)
	}
}

func run(mb, screens int) error {
	work, err := os.MkdirTemp("", "showhall-hallbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)
	// The feed, the first screen's copy, and five copies (the nginx
	// syncs are removed before the hall's five are made), with a margin.
	need := uint64(mb) << 20 * uint64(screens+3)
	if free := freeBytes(work); free < need {
		return fmt.Errorf("%s has %d MB free; the bench needs about %d MB (-mb %d, -screens %d): free some space or lower -mb", work, free>>20, need>>20, mb, screens)
	}
	bin, err := e2e.Binary(work)
	if err != nil {
		return err
	}

	// The publisher's key, an old small catalogue every screen has, and
	// the new one: a video for every other project, a cover for each.
	key := filepath.Join(work, "curator")
	pub, err := feed.WriteKeyPair(key)
	if err != nil {
		return err
	}
	priv, err := feed.ReadPrivateKey(key)
	if err != nil {
		return err
	}
	clip := filepath.Join(work, "clip.mp4")
	publish := func(name string, projects int, size int64, seed int64, signed time.Time) (catalog.Document, string, error) {
		videos := int64(max(1, projects/2))
		opt := feedtest.MediaOptions{Covers: true, Seed: seed}
		if size > 0 {
			opt.VideoEvery, opt.VideoSize = 2, 1024
		}
		src := filepath.Join(work, name+"-src")
		doc, where, err := feedtest.Catalogue(projects, seed, src, opt)
		if err != nil {
			return doc, "", err
		}
		if size > 0 {
			// A kiosk plays what it takes, so the videos must be real:
			// one clip made by ffmpeg, each copy made unique by bytes
			// changed in its picture data (it still opens and plays).
			if err := makeClip(clip, size/videos); err != nil {
				return doc, "", err
			}
			if doc, err = realVideos(doc, clip, src, seed); err != nil {
				return doc, "", err
			}
			where = func(m catalog.Media) (string, error) { return filepath.Join(src, m.Hash), nil }
		}
		dir := filepath.Join(work, name)
		err = feed.Publish(dir, doc, where, feed.WriteOptions{Key: priv, Generated: signed.UTC().Truncate(time.Second)})
		os.RemoveAll(filepath.Join(work, name+"-src"))
		return doc, dir, err
	}
	_, oldFeed, err := publish("old", 4, 0, 1, time.Now().Add(-time.Hour))
	if err != nil {
		return err
	}
	doc, newFeed, err := publish("new", 200, int64(mb)<<20, 2, time.Now().Add(-time.Minute))
	if err != nil {
		return err
	}
	var total int64
	for _, m := range doc.Media {
		total += m.Size
	}
	fmt.Printf("new catalogue: %d projects, %d media files, %.0f MB; %d screens take it\n", len(doc.Projects), len(doc.Media), float64(total)/1e6, screens)

	ng, err := feedtest.StartNginx(newFeed, filepath.Join(work, "nginx"))
	if err != nil {
		return err
	}
	defer ng.Stop()
	feedtest.Warm(newFeed)

	// Five syncs of the feed from nginx at once, each into its own data
	// folder, by the binary as a technician runs it.
	start := time.Now()
	var wg sync.WaitGroup
	errs := make([]error, screens)
	for i := range screens {
		wg.Add(1)
		go func() {
			defer wg.Done()
			data := filepath.Join(work, fmt.Sprintf("nginx-%d", i))
			_, errs[i] = runBin(bin, "--data", data, "sync", "--trust", key+".pub", ng.URL)
		}()
	}
	wg.Wait()
	fromNginx := time.Since(start)
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	fmt.Printf("%d syncs from nginx at once: %v\n", screens, fromNginx.Round(100*time.Millisecond))
	for i := range screens {
		os.RemoveAll(filepath.Join(work, fmt.Sprintf("nginx-%d", i)))
	}

	// The hall: the first screen has the new catalogue (synced from nginx
	// before its start), the others the old one, all trusting the key.
	first := filepath.Join(work, "hall-0")
	if _, err := runBin(bin, "--data", first, "sync", "--trust", key+".pub", ng.URL); err != nil {
		return err
	}
	var datas, addrs []string
	datas = append(datas, first)
	for i := 1; i <= screens; i++ {
		data := filepath.Join(work, fmt.Sprintf("hall-%d", i))
		if _, err := runBin(bin, "--data", data, "import", "--trust", key+".pub", "--trust-fingerprint", pub.ID(), oldFeed); err != nil {
			return err
		}
		datas = append(datas, data)
	}
	for range datas {
		addr, err := freePort()
		if err != nil {
			return err
		}
		addrs = append(addrs, addr)
	}
	d, err := e2e.StartXvfb(1280, 720)
	if err != nil {
		return err
	}
	defer d.Stop()
	ctx, cancel := context.WithTimeout(context.Background(), time.Hour)
	defer cancel()
	var kiosks []*e2e.Kiosk
	defer func() {
		for _, k := range kiosks {
			k.Stop()
		}
	}()
	// The takers first, the first screen last: the spread begins at
	// each taker's first look at the hall after that.
	order := append(append([]int{}, rangeFrom(1, screens)...), 0)
	byIndex := make([]*e2e.Kiosk, len(datas))
	for _, i := range order {
		var others []string
		for j, a := range addrs {
			if j != i {
				others = append(others, a)
			}
		}
		k, err := e2e.StartKiosk(ctx, d, bin, "--data", datas[i], "kiosk", "--hall-listen", addrs[i], "--peers", strings.Join(others, ","))
		if err != nil {
			return err
		}
		kiosks = append(kiosks, k)
		byIndex[i] = k
		if !k.WaitLog("hall endpoint listening", time.Minute) {
			return fmt.Errorf("screen %d did not start its hall endpoint:\n%s", i, k.Log())
		}
	}
	start = time.Now()
	c := &hallnet.Client{}
	want, err := c.Status(ctx, addrs[0])
	if err != nil {
		return err
	}
	var firstTake time.Duration
	for {
		done := 0
		for _, a := range addrs[1:] {
			st, err := c.Status(ctx, a)
			if err != nil {
				continue
			}
			if st.Catalogue.Content == want.Catalogue.Content {
				done++
			}
			if firstTake == 0 && (done > 0 || st.Spread != nil && st.Spread.Taking != "") {
				firstTake = time.Since(start)
			}
		}
		if done == screens {
			break
		}
		if time.Since(start) > 30*time.Minute {
			return fmt.Errorf("after 30 minutes %d of %d screens had the new catalogue", done, screens)
		}
		time.Sleep(200 * time.Millisecond)
	}
	spread := time.Since(start)
	firstSt, err := c.Status(ctx, addrs[0])
	if err != nil {
		return err
	}
	var sent []string
	for _, a := range addrs {
		if st, err := c.Status(ctx, a); err == nil && st.Spread != nil {
			sent = append(sent, fmt.Sprintf("%.0f", float64(st.Spread.UploadedBytes)/1e6))
		}
	}
	for i, k := range byIndex[1:] {
		if !k.WaitLog("newer catalogue taken from another screen", time.Minute) {
			return fmt.Errorf("screen %d has the catalogue but did not log where it came from:\n%s", i+1, k.Log())
		}
	}
	uploaded := float64(firstSt.Spread.UploadedBytes) / float64(total)
	fmt.Printf("hall: all %d screens have it %v after the first screen started (the first began taking after %v, its look at the hall)\n",
		screens, spread.Round(100*time.Millisecond), firstTake.Round(100*time.Millisecond))
	fmt.Printf("MB served by each screen (the first first): %s\n", strings.Join(sent, ", "))
	fmt.Printf("first screen uploaded %.2f catalogues (target at most 2; one source serving all: %d)\n", uploaded, screens)
	fmt.Printf("time: hall %.2fx five syncs from nginx; from the first take %.2fx\n",
		spread.Seconds()/fromNginx.Seconds(), (spread-firstTake).Seconds()/fromNginx.Seconds())
	return nil
}

func rangeFrom(a, b int) []int {
	var out []int
	for i := a; i <= b; i++ {
		out = append(out, i)
	}
	return out
}

// runBin runs the showhall binary and returns its output.
func runBin(bin string, args ...string) (string, error) {
	cmd := exec.Command(bin, args...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("showhall %s: %v\n%s", strings.Join(args, " "), err, out)
	}
	return string(out), nil
}

func freePort() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer ln.Close()
	return ln.Addr().String(), nil
}

func freeBytes(dir string) uint64 {
	var st syscall.Statfs_t
	if err := syscall.Statfs(dir, &st); err != nil {
		return 0
	}
	return st.Bavail * uint64(st.Bsize)
}

// makeClip makes an H.264 clip of about size bytes with ffmpeg (moving
// noise, so that it does not compress away).
func makeClip(path string, size int64) error {
	if _, err := os.Stat(path); err == nil {
		return nil
	}
	const seconds = 10
	kbits := size * 8 / 1000 / seconds
	out, err := exec.Command("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i", fmt.Sprintf("testsrc2=size=640x360:rate=25:duration=%d", seconds),
		"-vf", "noise=alls=60:allf=t", "-c:v", "libx264", "-preset", "ultrafast", "-b:v", fmt.Sprintf("%dk", kbits),
		"-maxrate", fmt.Sprintf("%dk", kbits), "-bufsize", fmt.Sprintf("%dk", kbits), "-pix_fmt", "yuv420p", "-movflags", "+faststart", path).CombinedOutput()
	if err != nil {
		return fmt.Errorf("making the bench's video clip with ffmpeg: %v\n%s", err, out)
	}
	return nil
}

// realVideos puts a unique copy of clip in place of every video of doc
// (written into dir, named by its hash), the references to it renamed.
func realVideos(doc catalog.Document, clip, dir string, seed int64) (catalog.Document, error) {
	base, err := os.ReadFile(clip)
	if err != nil {
		return doc, err
	}
	raw, err := json.Marshal(doc)
	if err != nil {
		return doc, err
	}
	text := string(raw)
	rng := rand.New(rand.NewPCG(uint64(seed), 7))
	sizes := map[string]int64{}
	for _, m := range doc.Media {
		if !m.IsVideo() {
			continue
		}
		v := bytes.Clone(base)
		// The last half is picture data (the index is at the start).
		for range 16 {
			v[len(v)/2+rng.IntN(len(v)/2)] = byte(rng.Uint32())
		}
		sum := sha256.Sum256(v)
		h := hex.EncodeToString(sum[:])
		if err := os.WriteFile(filepath.Join(dir, h), v, 0o644); err != nil {
			return doc, err
		}
		text = strings.ReplaceAll(text, m.Hash, h)
		sizes[h] = int64(len(v))
	}
	var out catalog.Document
	if err := json.Unmarshal([]byte(text), &out); err != nil {
		return doc, err
	}
	for i, m := range out.Media {
		if n, ok := sizes[m.Hash]; ok {
			out.Media[i].Size = n
		}
	}
	// Six kiosks on this machine: no promo loop, the spread is measured.
	for i := range out.Rotations {
		out.Rotations[i].Attract = nil
	}
	return out, nil
}
