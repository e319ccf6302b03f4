package feedtest

import (
	"os"
	"path/filepath"
)

// Warm reads every file under dir once, so that the first reader a bench
// times does not pay for the disk.
func Warm(dir string) {
	filepath.Walk(dir, func(path string, info os.FileInfo, err error) error {
		if err == nil && info.Mode().IsRegular() {
			if f, err := os.Open(path); err == nil {
				buf := make([]byte, 1<<20)
				for {
					if _, err := f.Read(buf); err != nil {
						break
					}
				}
				f.Close()
			}
		}
		return nil
	})
}
