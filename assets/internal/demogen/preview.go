package demogen

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
)

// Preview paints one picture of each motif as motifN.png into dir, to
// look at while tuning the painter (`go run ./assets/demo/gen -preview
// DIR`), and returns the files written. The folder is made if need be.
// A width above 0 paints them that wide instead of at the demo's size.
func Preview(dir string, width int) ([]string, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	_, jobs := Plan()
	var files []string
	for m := motifNetwork; m <= motifRings; m++ {
		for _, j := range jobs {
			if j.Motif != m {
				continue
			}
			if width > 0 {
				j.Width, j.Height = width, j.Height*width/j.Width
			}
			path := filepath.Join(dir, fmt.Sprintf("motif%d.png", m))
			if err := writePNG(path, j); err != nil {
				return files, err
			}
			files = append(files, path)
			break
		}
	}
	return files, nil
}

func writePNG(path string, j ImageJob) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	err = png.Encode(f, Render(j))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return err
}
