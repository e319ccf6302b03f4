// Package media keeps the hall's pictures and videos on disk, each stored
// once under the sha256 of its content, and makes the thumbnails the
// screens show. Files only ever appear in the store whole and verified:
// they are written to a temporary file, hashed, synced and renamed.
package media

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync"

	"showhall/store/durable"
)

// Store is a content-addressed folder of media files.
type Store struct {
	dir string

	probeMu sync.Mutex
	probe   VideoProbe // see SetVideoProbe
}

// Open prepares a store in dir, creating it if needed, and clears
// temporary files a killed process may have left behind.
func Open(dir string) (*Store, error) {
	for _, d := range []string{dir, filepath.Join(dir, "tmp"), filepath.Join(dir, "thumbs")} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return nil, fmt.Errorf("media store: %w", err)
		}
	}
	s := &Store{dir: dir}
	if entries, err := os.ReadDir(s.tmpDir()); err == nil {
		for _, e := range entries {
			os.Remove(filepath.Join(s.tmpDir(), e.Name()))
		}
	}
	return s, nil
}

// Dir is the folder the store lives in.
func (s *Store) Dir() string { return s.dir }

func (s *Store) tmpDir() string { return filepath.Join(s.dir, "tmp") }

// Path is where the file with the given hash lives (whether or not it is
// there yet).
func (s *Store) Path(hash string) string {
	if len(hash) < 2 {
		return filepath.Join(s.dir, "blobs", "_", hash)
	}
	return filepath.Join(s.dir, "blobs", hash[:2], hash)
}

// Has reports whether the file is in the store with the expected size
// (size < 0 skips the size check).
func (s *Store) Has(hash string, size int64) bool {
	st, err := os.Stat(s.Path(hash))
	return err == nil && st.Mode().IsRegular() && (size < 0 || st.Size() == size)
}

// ErrMismatch is returned when content does not match its declared hash
// or size.
var ErrMismatch = errors.New("content does not match its declared hash or size")

// Put copies r into the store and returns its hash. When want is not
// empty the content must hash to it; when size >= 0 it must be that long
// (reading stops one byte past it, so an oversized stream cannot fill the
// disk). On any error nothing is left in the store. The file is durable
// when Put returns.
func (s *Store) Put(r io.Reader, want string, size int64) (string, error) {
	return s.put(r, want, size, true)
}

// Batch puts many files and makes them durable together, which is much
// faster than one by one. Nothing put in a batch may be referred to (by a
// catalogue commit) before Commit returns.
type Batch struct {
	s       *Store
	written []string
}

// NewBatch starts a batch of puts.
func (s *Store) NewBatch() *Batch { return &Batch{s: s} }

// Put is Store.Put without waiting for the disk.
func (b *Batch) Put(r io.Reader, want string, size int64) (string, error) {
	h, err := b.s.put(r, want, size, false)
	if err == nil {
		b.written = append(b.written, b.s.Path(h))
	}
	return h, err
}

// Commit makes every file of the batch durable.
func (b *Batch) Commit() error {
	if len(b.written) == 0 {
		return nil
	}
	return b.s.syncAll(b.written)
}

func (s *Store) put(r io.Reader, want string, size int64, syncNow bool) (string, error) {
	tmp, err := os.CreateTemp(s.tmpDir(), "put-*")
	if err != nil {
		return "", fmt.Errorf("media store: %w", err)
	}
	defer os.Remove(tmp.Name()) // a no-op once renamed
	if size >= 0 {
		r = io.LimitReader(r, size+1)
	}
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), r)
	if err == nil && syncNow {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return "", fmt.Errorf("media store: writing: %w", err)
	}
	got := hex.EncodeToString(h.Sum(nil))
	if (want != "" && got != want) || (size >= 0 && n != size) {
		return "", fmt.Errorf("%w: expected %s (%d bytes), got %s (%d bytes)", ErrMismatch, short(want), size, short(got), n)
	}
	return got, s.adopt(tmp.Name(), got, syncNow)
}

// Adopt moves an already verified file (for example a finished download
// in the same file system) into the store under hash.
func (s *Store) Adopt(path, hash string) error {
	return s.adopt(path, hash, true)
}

func (s *Store) adopt(path, hash string, syncNow bool) error {
	dst := s.Path(hash)
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("media store: %w", err)
	}
	if err := os.Rename(path, dst); err != nil {
		return fmt.Errorf("media store: %w", err)
	}
	if syncNow {
		durable.SyncDir(filepath.Dir(dst))
	}
	return nil
}

// TempFile creates a file in the store's scratch folder, on the same
// file system as the blobs so that a verified file can be renamed in.
func (s *Store) TempFile(pattern string) (*os.File, error) {
	return os.CreateTemp(s.tmpDir(), pattern)
}

// Open opens a stored file for reading.
func (s *Store) Open(hash string) (*os.File, error) {
	return os.Open(s.Path(hash))
}

// Hashes lists every file in the store.
func (s *Store) Hashes() ([]string, error) {
	var out []string
	root := filepath.Join(s.dir, "blobs")
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil
			}
			return err
		}
		if d.Type().IsRegular() {
			out = append(out, d.Name())
		}
		return nil
	})
	return out, err
}

// Prune removes every stored file (and its thumbnails) not in keep. It is
// called only after the catalogue that stopped using them is committed.
func (s *Store) Prune(keep map[string]bool) (removed int, err error) {
	all, err := s.Hashes()
	if err != nil {
		return 0, err
	}
	for _, h := range all {
		if keep[h] {
			continue
		}
		if err := os.Remove(s.Path(h)); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return removed, err
		}
		s.removeThumbs(h)
		removed++
	}
	return removed, nil
}

func short(h string) string {
	if len(h) > 12 {
		return h[:12]
	}
	if h == "" {
		return "(any)"
	}
	return h
}

// HashFile returns the sha256 of a file on disk.
func HashFile(path string) (string, int64, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", 0, err
	}
	defer f.Close()
	h := sha256.New()
	n, err := io.Copy(h, f)
	if err != nil {
		return "", 0, err
	}
	return hex.EncodeToString(h.Sum(nil)), n, nil
}
