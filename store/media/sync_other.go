//go:build !linux

package media

import "os"

// syncAll makes every file written to the store durable, one at a time.
func (s *Store) syncAll(written []string) error {
	for _, path := range written {
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil {
			return err
		}
	}
	return nil
}
