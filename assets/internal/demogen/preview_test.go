package demogen

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestPreview paints one picture of each motif as PNG into $PREVIEW, to
// look at while tuning the painter:
//
//	PREVIEW=/tmp/preview go test -run Preview ./assets/internal/demogen
func TestPreview(t *testing.T) {
	dir := os.Getenv("PREVIEW")
	if dir == "" {
		t.Skip("set PREVIEW to a folder to paint previews")
	}
	_, jobs := Plan()
	for m := motifNetwork; m <= motifRings; m++ {
		for _, j := range jobs {
			if j.Motif != m {
				continue
			}
			start := time.Now()
			img := Render(j)
			t.Logf("motif %d (%s slot %d): painted in %v", m, j.Project, j.Slot, time.Since(start).Round(time.Millisecond))
			f, err := os.Create(filepath.Join(dir, fmt.Sprintf("motif%d.png", m)))
			if err != nil {
				t.Fatal(err)
			}
			if err := png.Encode(f, img); err != nil {
				t.Fatal(err)
			}
			f.Close()
			break
		}
	}
}
