package media

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"image"
	"image/color"
	"image/png"
	"sync"
	"testing"
)

// pngHeader is a real PNG signature, IHDR and IEND: enough for a
// picture's header to be read, as a hostile file would be.
func pngHeader(w, h uint32, depth, colorType byte) []byte {
	var b bytes.Buffer
	b.WriteString("\x89PNG\r\n\x1a\n")
	chunk := func(kind string, data []byte) {
		binary.Write(&b, binary.BigEndian, uint32(len(data)))
		body := append([]byte(kind), data...)
		b.Write(body)
		binary.Write(&b, binary.BigEndian, crc32.ChecksumIEEE(body))
	}
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], w)
	binary.BigEndian.PutUint32(ihdr[4:], h)
	ihdr[8], ihdr[9] = depth, colorType
	chunk("IHDR", ihdr)
	chunk("IEND", nil)
	return b.Bytes()
}

func TestDecodedBytesLimitRefusesDeepPictures(t *testing.T) {
	s, _ := Open(t.TempDir())
	// 8000x7500 is 60 megapixels, within the pixel limit; at 16 bits a
	// channel RGBA it decodes to 480 MB.
	deep, _ := s.Put(bytes.NewReader(pngHeader(8000, 7500, 16, 6)), "", -1)
	_, _, _, err := CheckImage(s.Path(deep))
	if !errors.Is(err, ErrTooLarge) {
		t.Fatalf("a 60-megapixel 16-bit RGBA PNG: %v, want ErrTooLarge", err)
	}
	if want := "would take 457 MB decoded"; !bytes.Contains([]byte(err.Error()), []byte(want)) {
		t.Fatalf("error %q does not say %q", err, want)
	}
	// The same size in 8-bit grey decodes to 60 MB: accepted.
	grey, _ := s.Put(bytes.NewReader(pngHeader(8000, 7500, 8, 0)), "", -1)
	if _, _, _, err := CheckImage(s.Path(grey)); err != nil {
		t.Fatalf("a 60-megapixel grey PNG: %v", err)
	}
	if _, err := s.Thumb(deep, Tile); !errors.Is(err, ErrTooLarge) {
		t.Fatalf("thumbnail of the deep PNG: %v", err)
	}
}

// TestAFailedPictureIsNotDecodedAgain: a picture whose header is fine but
// whose pixels are cut short fails only after a full decode; it used to
// be decoded again at every showing.
func TestAFailedPictureIsNotDecodedAgain(t *testing.T) {
	s, _ := Open(t.TempDir())
	var full bytes.Buffer
	png.Encode(&full, noise(400, 300))
	cut := full.Bytes()[:full.Len()/2]
	h, _ := s.Put(bytes.NewReader(cut), "", -1)
	before := decodeStats.started.Load()
	for i := 0; i < 5; i++ {
		if _, err := s.Thumb(h, Tile); !errors.Is(err, ErrNotImage) {
			t.Fatalf("showing %d of a cut picture: %v", i, err)
		}
	}
	if err := s.MakeThumbs(h); !errors.Is(err, ErrNotImage) {
		t.Fatalf("thumbnails of a cut picture: %v", err)
	}
	if n := decodeStats.started.Load() - before; n != 1 {
		t.Fatalf("the cut picture was decoded %d times, want once", n)
	}
}

// TestDecodesAreBoundedAcrossCallers: the screens' loaders and the
// thumbnail makers decode one picture at a time between them.
func TestDecodesAreBoundedAcrossCallers(t *testing.T) {
	s, _ := Open(t.TempDir())
	var hashes []string
	for i := 0; i < 6; i++ {
		var b bytes.Buffer
		png.Encode(&b, noise(320+i, 240))
		h, _ := s.Put(&b, "", -1)
		hashes = append(hashes, h)
	}
	decodeStats.peak.Store(0)
	var wg sync.WaitGroup
	for i, h := range hashes {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var err error
			if i%2 == 0 {
				_, err = s.Thumb(h, Gallery)
			} else {
				err = s.MakeThumbs(h)
			}
			if err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if p := decodeStats.peak.Load(); p != 1 {
		t.Fatalf("%d pictures decoded at once, want 1", p)
	}
}

func noise(w, h int) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	x := uint32(1)
	for i := range img.Pix {
		x = x*1664525 + 1013904223
		img.Pix[i] = uint8(x >> 24)
	}
	img.Set(0, 0, color.NRGBA{A: 255})
	return img
}
