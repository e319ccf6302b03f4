package media

import (
	"os"

	"golang.org/x/sys/unix"
)

// syncAll makes every file written to the store durable with one syncfs
// call, instead of one fsync per file: loading a few hundred pictures
// takes a second less.
func (s *Store) syncAll(written []string) error {
	d, err := os.Open(s.dir)
	if err != nil {
		return err
	}
	defer d.Close()
	return unix.Syncfs(int(d.Fd()))
}
