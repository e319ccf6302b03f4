// Command bench measures catalogue sync against a real nginx on loopback:
// a full sync of 1,000 projects with about 1 GB of media compared with
// `wget -r -N` fetching the same tree in the same run, a sync when nothing
// changed, and reading a 1,000-row spreadsheet. Media are random bytes
// made in a temporary folder at each run (nothing is committed).
//
//	go run ./store/feed/bench [-projects 1000] [-mb 1000]
package main

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"showhall/store"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/feed/feedtest"
	"showhall/store/media"
)

func main() {
	projects := flag.Int("projects", 1000, "projects in the catalogue")
	mb := flag.Int("mb", 1000, "megabytes of media in all")
	flag.Parse()
	if err := run(*projects, *mb); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

func run(projects, mb int) error {
	work, err := os.MkdirTemp("", "showhall-syncbench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(work)

	// One video for every other project and a cover for each.
	videos := (projects + 1) / 2
	start := time.Now()
	doc, where, err := feedtest.Catalogue(projects, 1, filepath.Join(work, "src"), feedtest.MediaOptions{
		Covers: true, VideoEvery: 2, VideoSize: int64(mb) << 20 / int64(videos), Seed: 1,
	})
	if err != nil {
		return err
	}
	_, priv, _ := ed25519.GenerateKey(rand.Reader)
	pub := feed.PublicKey(priv.Public().(ed25519.PublicKey))
	feedDir := filepath.Join(work, "feed")
	if err := feed.Publish(feedDir, doc, where, feed.WriteOptions{Key: priv}); err != nil {
		return err
	}
	var total int64
	for _, m := range doc.Media {
		total += m.Size
	}
	fmt.Printf("feed: %d projects, %d media files, %.0f MB (made in %v)\n", len(doc.Projects), len(doc.Media), float64(total)/1e6, time.Since(start).Round(time.Second))

	ng, err := feedtest.StartNginx(feedDir, filepath.Join(work, "nginx"))
	if err != nil {
		return err
	}
	defer ng.Stop()

	// Both read from the same page cache: warm it once so that neither
	// pays for the first read of the source files.
	feedtest.Warm(feedDir)

	wgetDir := filepath.Join(work, "wget")
	os.MkdirAll(wgetDir, 0o755)
	start = time.Now()
	cmd := exec.Command("wget", "-q", "-r", "-N", "-np", "-nH", "-e", "robots=off", "-P", wgetDir, ng.URL)
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("wget: %w", err)
	}
	wgetTime := time.Since(start)
	os.RemoveAll(wgetDir)

	data := filepath.Join(work, "kiosk")
	ms, err := media.Open(filepath.Join(data, "media"))
	if err != nil {
		return err
	}
	db, err := store.Open(filepath.Join(data, "catalogue.db"), store.Options{})
	if err != nil {
		return err
	}
	defer db.Close()
	opt := feed.SyncOptions{URL: ng.URL, Trusted: []feed.PublicKey{pub}, DB: db, Media: ms}
	start = time.Now()
	res, err := feed.Sync(context.Background(), opt)
	if err != nil {
		return err
	}
	syncTime := time.Since(start)
	fmt.Printf("full sync: %v (%d files, %.0f MB/s); wget -r -N: %v; ratio %.2f (target <= 1.2)\n",
		syncTime.Round(time.Millisecond), res.Fetched, float64(res.FetchBytes)/1e6/syncTime.Seconds(), wgetTime.Round(time.Millisecond), syncTime.Seconds()/wgetTime.Seconds())

	var times []time.Duration
	for i := 0; i < 21; i++ {
		start = time.Now()
		res, err = feed.Sync(context.Background(), opt)
		if err != nil {
			return err
		}
		times = append(times, time.Since(start))
		if !res.NotModified || res.Requests != 1 {
			return fmt.Errorf("no-change sync made %d requests (not modified: %v)", res.Requests, res.NotModified)
		}
	}
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	fmt.Printf("no-change sync: median %v, worst %v of 21, 1 request each (target < 100ms)\n", times[10].Round(10*time.Microsecond), times[20].Round(10*time.Microsecond))

	return sheetBench(work, doc)
}

// sheetBench writes the catalogue's projects as a 1,000-row CSV naming
// the covers in a media folder, and reads it back as publish --from does.
func sheetBench(work string, doc catalog.Document) error {
	dir := filepath.Join(work, "sheet")
	mediaDir := filepath.Join(dir, "media")
	os.MkdirAll(mediaDir, 0o755)
	var b strings.Builder
	b.WriteString("id,title_zh_hans,title_zh_hant,title_en,summary_en,themes,track,zone,funding,status,lists,year,cover,portal_url\n")
	for i, p := range doc.Projects {
		name := fmt.Sprintf("cover-%d.png", i)
		os.WriteFile(filepath.Join(mediaDir, name), feedtest.Picture(i), 0o644)
		fmt.Fprintf(&b, "%s,%s,%s,%q,%q,%s,%s,%s,%s,%s,demonstration:%d,%d,%s,%s\n", p.ID, p.Title.Hans, p.Title.Hant, p.Title.En, p.Summary.En,
			strings.Join(p.Themes, ";"), p.Track, p.Zone, p.Funding, p.Status, p.Year, p.Year, name, p.PortalURL)
	}
	path := filepath.Join(dir, "projects.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		return err
	}
	start := time.Now()
	sh, err := feed.ReadSheet(path, feed.SheetOptions{MediaDir: mediaDir, Base: doc})
	if err != nil {
		return err
	}
	fmt.Printf("spreadsheet: %d rows with a cover each read and checked in %v\n", len(sh.Doc.Projects), time.Since(start).Round(time.Millisecond))
	return nil
}
