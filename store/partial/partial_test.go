package partial

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"io"
	"math/rand/v2"
	"path/filepath"
	"testing"

	"showhall/store/media"
)

func content(n int) (body []byte, hash string, pieces []string) {
	body = make([]byte, n)
	rnd := rand.New(rand.NewPCG(1, 2))
	for i := range body {
		body[i] = byte(rnd.Uint32())
	}
	s := sha256.Sum256(body)
	for off := 0; off < n; off += 100 {
		p := sha256.Sum256(body[off:min(n, off+100)])
		pieces = append(pieces, hex.EncodeToString(p[:]))
	}
	return body, hex.EncodeToString(s[:]), pieces
}

// Pieces are kept only when they are the signed ones; the held ones are
// served at once, kept over a restart, and the whole file goes into the
// store only once every piece is there and the whole checks out.
func TestPiecesCheckedServedResumedAndFinished(t *testing.T) {
	dir := t.TempDir()
	ms, err := media.Open(filepath.Join(dir, "media"))
	if err != nil {
		t.Fatal(err)
	}
	body, hash, pieces := content(250)
	set := NewSet(filepath.Join(dir, "media", "pieces"))
	f, err := set.Open(hash, 250, 100, pieces)
	if err != nil {
		t.Fatal(err)
	}
	damaged := bytes.Clone(body[100:200])
	damaged[3] ^= 1
	if _, err := f.Write(1, bytes.NewReader(damaged)); !errors.Is(err, ErrMismatch) {
		t.Fatalf("a damaged piece: %v, want a mismatch", err)
	}
	if _, err := f.Write(1, bytes.NewReader(body[100:200])); err != nil {
		t.Fatal(err)
	}
	if _, _, _, ok := set.Section(hash, 0, 100); ok {
		t.Fatal("piece 0 served before it is held")
	}
	r, size, c, ok := set.Section(hash, 100, 100)
	if !ok || size != 250 {
		t.Fatalf("piece 1 not served (%v, %d)", ok, size)
	}
	r.Seek(100, io.SeekStart)
	got := make([]byte, 100)
	io.ReadFull(r, got)
	c.Close()
	if !bytes.Equal(got, body[100:200]) {
		t.Fatal("piece 1 served with other bytes")
	}
	if err := f.Finish(ms); err == nil {
		t.Fatal("finished with pieces missing")
	}

	set.Close() // a restart
	set = NewSet(filepath.Join(dir, "media", "pieces"))
	f, err = set.Open(hash, 250, 100, pieces)
	if err != nil {
		t.Fatal(err)
	}
	if !f.Has(1) || f.Has(0) || f.Has(2) {
		t.Fatal("after a restart the checked piece is not kept alone")
	}
	f.Write(0, bytes.NewReader(body[:100]))
	f.Write(2, bytes.NewReader(body[200:]))
	if !f.Complete() {
		t.Fatal("not complete with every piece")
	}
	if err := f.Finish(ms); err != nil {
		t.Fatal(err)
	}
	if !ms.Has(hash, 250) {
		t.Fatal("the finished file is not in the store")
	}
	if _, _, _, ok := set.Section(hash, 0, 100); ok {
		t.Fatal("a finished file is still served from its pieces")
	}
}
