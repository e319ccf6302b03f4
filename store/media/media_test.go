package media

import (
	"bytes"
	"errors"
	"image"
	"image/color"
	"image/jpeg"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func jpegOf(w, h int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			img.Set(x, y, color.RGBA{uint8(x), uint8(y), 90, 255})
		}
	}
	var buf bytes.Buffer
	jpeg.Encode(&buf, img, nil)
	return buf.Bytes()
}

// withOrientation inserts an EXIF block saying the camera was turned a
// quarter turn (orientation 6), as phones write it.
func withOrientation(j []byte, orientation uint16) []byte {
	tiff := []byte{'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, byte(orientation >> 8), byte(orientation), 0, 0, 0, 0, 0, 0}
	payload := append([]byte("Exif\x00\x00"), tiff...)
	seg := []byte{0xFF, 0xE1, byte((len(payload) + 2) >> 8), byte(len(payload) + 2)}
	out := append([]byte{}, j[:2]...)
	out = append(out, seg...)
	out = append(out, payload...)
	return append(out, j[2:]...)
}

func TestPutVerifiesAndStoresOnce(t *testing.T) {
	s, err := Open(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	data := jpegOf(40, 20)
	h, err := s.Put(bytes.NewReader(data), "", int64(len(data)))
	if err != nil || !s.Has(h, int64(len(data))) {
		t.Fatalf("put: %v", err)
	}
	if _, err := s.Put(bytes.NewReader(data), strings.Repeat("0", 64), -1); !errors.Is(err, ErrMismatch) {
		t.Fatalf("wrong hash accepted: %v", err)
	}
	// A stream longer than declared stops one byte past the size.
	big := bytes.NewReader(make([]byte, 1<<20))
	if _, err := s.Put(big, "", 10); !errors.Is(err, ErrMismatch) || big.Len() < 1<<20-100 {
		t.Fatalf("oversized stream: %v, %d bytes left unread", err, big.Len())
	}
	left, _ := os.ReadDir(filepath.Join(s.Dir(), "tmp"))
	if len(left) != 0 {
		t.Fatalf("temporary files left: %v", left)
	}
}

func TestThumbnailsRespectCameraOrientation(t *testing.T) {
	s, _ := Open(t.TempDir())
	data := withOrientation(jpegOf(200, 100), 6)
	h, err := s.Put(bytes.NewReader(data), "", -1)
	if err != nil {
		t.Fatal(err)
	}
	path, err := s.Thumb(h, Gallery)
	if err != nil {
		t.Fatal(err)
	}
	w, ht, _, err := CheckImage(path)
	if err != nil || w != 100 || ht != 200 {
		t.Fatalf("gallery thumbnail is %dx%d (%v), want the upright 100x200", w, ht, err)
	}
	path, _ = s.Thumb(h, Tile)
	if w, ht, _, _ := CheckImage(path); w != Tile.Width || ht != Tile.Height {
		t.Fatalf("tile is %dx%d", w, ht)
	}
}

func TestPruneKeepsWhatIsUsed(t *testing.T) {
	s, _ := Open(t.TempDir())
	a, _ := s.Put(bytes.NewReader(jpegOf(10, 10)), "", -1)
	b, _ := s.Put(bytes.NewReader(jpegOf(11, 10)), "", -1)
	s.MakeThumbs(b)
	n, err := s.Prune(map[string]bool{a: true})
	if err != nil || n != 1 || !s.Has(a, -1) || s.Has(b, -1) {
		t.Fatalf("pruned %d (%v)", n, err)
	}
	if _, err := os.Stat(s.ThumbPath(b, Tile)); !os.IsNotExist(err) {
		t.Fatal("a pruned file's thumbnail is left")
	}
}

func TestOpenClearsLeftoverTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	s, _ := Open(dir)
	f, _ := s.TempFile("download-*")
	f.WriteString("half a file from a killed process")
	f.Close()
	if _, err := Open(dir); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(f.Name()); !os.IsNotExist(err) {
		t.Fatal("leftover temporary file survived a restart")
	}
}
