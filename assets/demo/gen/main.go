// Command gen writes the embedded demo catalogue: assets/demo/catalogue.json
// and the pictures and promo clips (from assets/video) in assets/demo/media.
// Run it from the module root with `go run ./assets/demo/gen` or
// `go generate ./assets/...`; the output is the same every time, so a diff
// after a run means the generator or the clips changed. With -preview DIR
// it only paints one picture of each motif into DIR, to look at while
// tuning the painter.
package main

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"time"

	"showhall/assets/internal/demogen"
)

func main() {
	out := flag.String("out", "", "folder to write into (default: assets/demo next to this command)")
	video := flag.String("video", "", "folder of the promo clips (default: assets/video)")
	preview := flag.String("preview", "", "only paint one picture of each motif as PNG into this folder")
	flag.Parse()
	if *preview != "" {
		files, err := demogen.Preview(*preview, 0)
		for _, f := range files {
			fmt.Println("painted", f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "gen:", err)
			os.Exit(1)
		}
		return
	}
	dir := *out
	if dir == "" {
		dir = defaultDir()
	}
	// The clips sit beside the default output, whatever -out says.
	videoDir := *video
	if videoDir == "" {
		videoDir = filepath.Join(defaultDir(), "..", "video")
	}
	start := time.Now()
	st, err := demogen.Generate(dir, videoDir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Printf("wrote %d projects, %d pictures and %d clips (%.1f MB) to %s in %s\n",
		st.Projects, st.Images, st.Clips, float64(st.MediaBytes)/1e6, dir, time.Since(start).Round(100*time.Millisecond))
}

// defaultDir finds assets/demo whether run from the module root or, as go
// generate does, from the folder holding the //go:generate line.
func defaultDir() string {
	for _, d := range []string{"assets/demo", "demo", "."} {
		if _, err := os.Stat(filepath.Join(d, "gen", "main.go")); err == nil {
			return d
		}
	}
	_, file, _, _ := runtime.Caller(0)
	return filepath.Dir(filepath.Dir(file))
}
