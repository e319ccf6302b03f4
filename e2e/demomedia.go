package e2e

import (
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"showhall/assets"
)

// WriteDemoMedia writes the demo catalogue's media into dir as files named
// by their sha256, where a publisher's media folder keeps them: what the
// benches and tests hand to feed.Publish to make feeds and bundles of the
// demo.
func WriteDemoMedia(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	media := assets.DemoMedia()
	return fs.WalkDir(media, ".", func(path string, e fs.DirEntry, err error) error {
		if err != nil || e.IsDir() {
			return err
		}
		src, err := media.Open(path)
		if err != nil {
			return err
		}
		defer src.Close()
		hash := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
		dst, err := os.Create(filepath.Join(dir, hash))
		if err != nil {
			return err
		}
		if _, err := io.Copy(dst, src); err != nil {
			dst.Close()
			return err
		}
		return dst.Close()
	})
}
