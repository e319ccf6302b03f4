// Package partial keeps media files a screen takes from the hall piece
// by piece: each piece is checked against its signed sha256 before it
// is written, the pieces a screen holds can be served onward at once,
// and only a file whose every piece and whole hash check out goes into
// the media store. A file cut off (a restart, a screen gone) keeps the
// pieces that check out: they are hashed again when it is opened.
package partial

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"showhall/store/media"
)

// ext names a file being taken in pieces, in the folder of a Set.
const ext = ".part"

// ErrMismatch is a piece whose content is not the one signed.
var ErrMismatch = media.ErrMismatch

// File is one media file being taken in pieces.
type File struct {
	Hash      string
	Size      int64
	PieceSize int64
	hashes    []string
	path      string

	mu   sync.Mutex
	f    *os.File
	have []bool
	left int
	done bool
}

// Set is the files a screen is taking in pieces, in one folder; safe for
// the downloading goroutines and the hall endpoint at once.
type Set struct {
	dir   string
	mu    sync.Mutex
	files map[string]*File
}

// NewSet keeps its files in dir (created when missing).
func NewSet(dir string) *Set { return &Set{dir: dir, files: map[string]*File{}} }

// Open starts or resumes taking the file hash of size bytes, cut into
// pieces of pieceSize with the signed hashes: the pieces already on disk
// that check out are kept.
func (s *Set) Open(hash string, size, pieceSize int64, hashes []string) (*File, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if f, ok := s.files[hash]; ok {
		return f, nil
	}
	if len(hash) != 64 || strings.ContainsAny(hash, `/\.`) || pieceSize <= 0 || int64(len(hashes)) != (size+pieceSize-1)/pieceSize {
		return nil, fmt.Errorf("media %.12s: its pieces do not cut its %d bytes", hash, size)
	}
	if err := os.MkdirAll(s.dir, 0o755); err != nil {
		return nil, err
	}
	f := &File{Hash: hash, Size: size, PieceSize: pieceSize, hashes: hashes, path: filepath.Join(s.dir, hash+ext),
		have: make([]bool, len(hashes)), left: len(hashes)}
	fh, err := os.OpenFile(f.path, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	f.f = fh
	if st, err := fh.Stat(); err == nil && st.Size() > size {
		fh.Truncate(size)
	}
	buf := make([]byte, pieceSize)
	for i := range hashes {
		n, err := fh.ReadAt(buf[:f.pieceLen(i)], int64(i)*pieceSize)
		if int64(n) == f.pieceLen(i) && (err == nil || err == io.EOF) && sum(buf[:n]) == hashes[i] {
			f.have[i] = true
			f.left--
		}
	}
	s.files[hash] = f
	return f, nil
}

// File is the file hash being taken, or nil.
func (s *Set) File(hash string) *File {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.files[hash]
}

// Keep removes the files in the folder that are not among hashes (what
// is left of a catalogue no longer taken).
func (s *Set) Keep(hashes map[string]bool) {
	entries, _ := os.ReadDir(s.dir)
	s.mu.Lock()
	defer s.mu.Unlock()
	for _, e := range entries {
		h := strings.TrimSuffix(e.Name(), ext)
		if !hashes[h] && s.files[h] == nil {
			os.Remove(filepath.Join(s.dir, e.Name()))
		}
	}
}

// Close closes every open file and forgets it; what is on disk stays
// for the next take.
func (s *Set) Close() {
	s.mu.Lock()
	defer s.mu.Unlock()
	for h, f := range s.files {
		f.close()
		delete(s.files, h)
	}
}

// Section opens the bytes [off, off+n) of the file hash when every
// piece they touch is held and checked here; the caller closes it. The
// size is the whole file's.
func (s *Set) Section(hash string, off, n int64) (r io.ReadSeeker, size int64, closer io.Closer, ok bool) {
	s.mu.Lock()
	f := s.files[hash]
	s.mu.Unlock()
	if f == nil || !f.covers(off, n) {
		return nil, 0, nil, false
	}
	fh, err := os.Open(f.path)
	if err != nil {
		return nil, 0, nil, false
	}
	return io.NewSectionReader(fh, 0, f.Size), f.Size, fh, true
}

func (f *File) pieceLen(i int) int64 { return min(f.PieceSize, f.Size-int64(i)*f.PieceSize) }

func (f *File) covers(off, n int64) bool {
	if off < 0 || n <= 0 || off+n > f.Size {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.done {
		return false
	}
	for i := off / f.PieceSize; i <= (off+n-1)/f.PieceSize; i++ {
		if !f.have[i] {
			return false
		}
	}
	return true
}

// Has reports whether piece i is held and checked.
func (f *File) Has(i int) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.have[i]
}

// Complete reports whether every piece is held.
func (f *File) Complete() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.left == 0
}

// Write reads piece i from r and keeps it if it is exactly the signed
// piece; otherwise it writes nothing and returns an error wrapping
// ErrMismatch (the sender is to blame) or r's error (the connection).
func (f *File) Write(i int, r io.Reader) (int64, error) {
	if i < 0 || i >= len(f.hashes) {
		return 0, fmt.Errorf("media %.12s has no piece %d", f.Hash, i)
	}
	want := f.pieceLen(i)
	var buf bytes.Buffer
	buf.Grow(int(want))
	n, err := io.Copy(&buf, io.LimitReader(r, want+1))
	if err != nil {
		return n, err
	}
	if n != want || sum(buf.Bytes()) != f.hashes[i] {
		return n, fmt.Errorf("%w: piece %d of media %.12s is not the signed one (%d bytes, %d expected)", ErrMismatch, i, f.Hash, n, want)
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.done || f.have[i] {
		return n, nil
	}
	if f.f == nil {
		return n, errors.New("the file is closed")
	}
	if _, err := f.f.WriteAt(buf.Bytes(), int64(i)*f.PieceSize); err != nil {
		return n, err
	}
	f.have[i] = true
	f.left--
	return n, nil
}

// Finish puts the file, once every piece is held, into ms: it is made
// durable, checked whole against its hash, and renamed in. A whole that
// does not match (pieces signed for another content) is removed.
func (f *File) Finish(ms *media.Store) error {
	f.mu.Lock()
	if f.done {
		f.mu.Unlock()
		return nil
	}
	if f.left > 0 || f.f == nil {
		f.mu.Unlock()
		return fmt.Errorf("media %.12s: %d pieces still missing", f.Hash, f.left)
	}
	fh := f.f
	f.mu.Unlock()
	// Every piece is there, nothing writes any more: the pieces are
	// served on while the whole (up to gigabytes) is read and hashed.
	if err := fh.Sync(); err != nil {
		return err
	}
	h := sha256.New()
	if _, err := io.Copy(h, io.NewSectionReader(fh, 0, f.Size)); err != nil {
		return err
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.done || f.f == nil {
		return nil
	}
	if got := hex.EncodeToString(h.Sum(nil)); got != f.Hash {
		f.f.Close()
		f.f = nil
		os.Remove(f.path)
		f.done = true
		return fmt.Errorf("%w: the signed pieces of media %.12s make a file of sha256 %.12s", ErrMismatch, f.Hash, got)
	}
	f.f.Close()
	f.f = nil
	if err := ms.Adopt(f.path, f.Hash); err != nil {
		return err
	}
	f.done = true
	return nil
}

func (f *File) close() {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.f != nil {
		f.f.Close()
		f.f = nil
	}
}

func sum(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}
