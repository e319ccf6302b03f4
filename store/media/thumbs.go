package media

import (
	"errors"
	"fmt"
	"image"
	"image/color"
	_ "image/gif" // pictures may arrive as GIF, JPEG or PNG
	"image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"

	"github.com/disintegration/imaging"
	_ "golang.org/x/image/webp" // and WebP, which portals increasingly serve
)

// Size names a thumbnail shape the screens use.
type Size struct {
	Name          string
	Width, Height int
	// Crop fills the box exactly (tiles); otherwise the picture fits
	// inside it with its own proportions (gallery).
	Crop bool
}

// The sizes the screens ask for. A 16:9 tile at 1080p is at most about a
// quarter of the screen wide; the gallery fills most of it.
var (
	Tile    = Size{Name: "tile", Width: 480, Height: 270, Crop: true}
	Hero    = Size{Name: "hero", Width: 960, Height: 540, Crop: true}
	Gallery = Size{Name: "gallery", Width: 1600, Height: 900}
)

// Sizes lists every thumbnail size made at import.
var Sizes = []Size{Tile, Hero, Gallery}

// Limits on pictures decoded: checked from the header before any pixel is
// decoded, so a hostile file cannot exhaust memory. Pixels alone do not
// say it: a 16-bit RGBA PNG holds 8 bytes a pixel, so 60 megapixels of
// it decode to 480 MB. MaxDecodedBytes bounds what the header's colour
// model says the decoded picture will take.
const (
	MaxSide         = 12000
	MaxPixels       = 60_000_000
	MaxDecodedBytes = 160 << 20
)

// bytesPerPixel is what a decoded pixel of the colour model takes in Go's
// image types (8 for a model it does not know, to be safe).
func bytesPerPixel(m color.Model) int {
	if _, ok := m.(color.Palette); ok {
		return 1
	}
	switch m {
	case color.GrayModel, color.AlphaModel:
		return 1
	case color.Gray16Model, color.Alpha16Model:
		return 2
	case color.YCbCrModel:
		return 3 // 4:4:4 at worst
	case color.RGBAModel, color.NRGBAModel, color.CMYKModel:
		return 4
	}
	return 8
}

// ErrNotImage is returned for files that are not a picture we can read.
var ErrNotImage = errors.New("not a picture the hall can show (JPEG, PNG, GIF or WebP)")

// ErrTooLarge is returned for pictures too large to decode safely.
var ErrTooLarge = errors.New("picture too large to decode safely")

// CheckImage reads only the header of a picture and refuses what cannot
// or should not be decoded.
func CheckImage(path string) (width, height int, format string, err error) {
	f, err := os.Open(path)
	if err != nil {
		return 0, 0, "", err
	}
	defer f.Close()
	cfg, format, err := image.DecodeConfig(f)
	if err != nil {
		return 0, 0, "", fmt.Errorf("%w: %v", ErrNotImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxSide || cfg.Height > MaxSide || cfg.Width*cfg.Height > MaxPixels {
		return cfg.Width, cfg.Height, format, fmt.Errorf("%w: %dx%d (at most %d pixels a side and %d in all)", ErrTooLarge, cfg.Width, cfg.Height, MaxSide, MaxPixels)
	}
	if n := cfg.Width * cfg.Height * bytesPerPixel(cfg.ColorModel); n > MaxDecodedBytes {
		return cfg.Width, cfg.Height, format, fmt.Errorf("%w: %dx%d at %d bytes a pixel would take %d MB decoded (at most %d MB)",
			ErrTooLarge, cfg.Width, cfg.Height, bytesPerPixel(cfg.ColorModel), n>>20, MaxDecodedBytes>>20)
	}
	return cfg.Width, cfg.Height, format, nil
}

// decodeSlots bounds the pictures decoded at once in the whole process
// (the screens' loaders, the thumbnails made in the background and on
// demand): each holds up to MaxDecodedBytes, and a hall PC has two cores.
var decodeSlots = make(chan struct{}, 1)

// decodeStats counts full decodes, for the tests.
var decodeStats struct {
	started atomic.Int64
	running atomic.Int64
	peak    atomic.Int64
}

// failedPictures remembers, by hash, the pictures that could not be
// decoded: the hash names the content, so it would fail again, and a
// visitor paging through a project would have it decoded at every showing.
var failedPictures sync.Map // hash -> error

// ThumbPath is where the thumbnail of hash at size is cached.
func (s *Store) ThumbPath(hash string, size Size) string {
	return filepath.Join(s.dir, "thumbs", size.Name+"-"+strconv.Itoa(size.Width)+"x"+strconv.Itoa(size.Height), hash+".jpg")
}

// Thumb returns the path of the thumbnail of hash at size, making it if
// it is not cached yet. Safe to call from several goroutines: the file is
// written aside and renamed, so a reader never sees half a thumbnail.
func (s *Store) Thumb(hash string, size Size) (string, error) {
	dst := s.ThumbPath(hash, size)
	if _, err := os.Stat(dst); err == nil {
		return dst, nil
	}
	if err := failedBefore(hash); err != nil {
		return "", err
	}
	decodeSlots <- struct{}{}
	defer func() { <-decodeSlots }()
	if _, err := os.Stat(dst); err == nil {
		return dst, nil // made while this one waited for its turn
	}
	img, err := s.decode(hash)
	if err != nil {
		return "", err
	}
	return dst, s.writeThumb(img, hash, size)
}

func failedBefore(hash string) error {
	if err, ok := failedPictures.Load(hash); ok {
		return err.(error)
	}
	return nil
}

// MakeThumbs makes every size of thumbnail for a picture, decoding it once.
func (s *Store) MakeThumbs(hash string) error {
	var img image.Image
	for _, size := range Sizes {
		if _, err := os.Stat(s.ThumbPath(hash, size)); err == nil {
			continue
		}
		if img == nil {
			if err := failedBefore(hash); err != nil {
				return err
			}
			decodeSlots <- struct{}{}
			defer func() { <-decodeSlots }()
			var err error
			if img, err = s.decode(hash); err != nil {
				return err
			}
		}
		if err := s.writeThumb(img, hash, size); err != nil {
			return err
		}
	}
	return nil
}

// decode reads a stored picture upright, after checking from its header
// that it is safe to decode.
// A picture that is refused or fails to decode is remembered as failed.
// The caller holds a decode slot.
func (s *Store) decode(hash string) (image.Image, error) {
	src := s.Path(hash)
	if _, _, _, err := CheckImage(src); err != nil {
		if errors.Is(err, ErrNotImage) || errors.Is(err, ErrTooLarge) {
			failedPictures.Store(hash, err)
		}
		return nil, err
	}
	decodeStats.started.Add(1)
	n := decodeStats.running.Add(1)
	defer decodeStats.running.Add(-1)
	for p := decodeStats.peak.Load(); n > p && !decodeStats.peak.CompareAndSwap(p, n); p = decodeStats.peak.Load() {
	}
	img, err := imaging.Open(src, imaging.AutoOrientation(true))
	if err != nil {
		err = fmt.Errorf("%w: %v", ErrNotImage, err)
		failedPictures.Store(hash, err)
		return nil, err
	}
	return img, nil
}

// resample is the filter thumbnails are made with: for shrinking, a
// linear filter looks as good as Lanczos at two thirds of the time.
var resample = imaging.Linear

func (s *Store) writeThumb(img image.Image, hash string, size Size) error {
	dst := s.ThumbPath(hash, size)
	var out image.Image
	if size.Crop {
		out = imaging.Fill(img, size.Width, size.Height, imaging.Center, resample)
	} else {
		b := img.Bounds()
		if b.Dx() > size.Width || b.Dy() > size.Height {
			out = imaging.Fit(img, size.Width, size.Height, resample)
		} else {
			out = img
		}
	}
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return err
	}
	tmp, err := os.CreateTemp(s.tmpDir(), "thumb-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	err = jpeg.Encode(tmp, out, &jpeg.Options{Quality: 85})
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("writing thumbnail: %w", err)
	}
	return os.Rename(tmp.Name(), dst)
}

func (s *Store) removeThumbs(hash string) {
	for _, size := range Sizes {
		os.Remove(s.ThumbPath(hash, size))
	}
}

// VerifyImage checks a picture from its header (CheckImage), then decodes
// it whole, in the process's one decode slot: a header can be intact in a
// picture cut in half. It is what a picture gets before it is accepted
// (publish, import, sync); the decoded pixels are thrown away.
func VerifyImage(path string) (width, height int, format string, err error) {
	width, height, format, err = CheckImage(path)
	if err != nil {
		return width, height, format, err
	}
	decodeSlots <- struct{}{}
	defer func() { <-decodeSlots }()
	f, err := os.Open(path)
	if err != nil {
		return width, height, format, err
	}
	defer f.Close()
	if _, _, err := image.Decode(f); err != nil {
		return width, height, format, fmt.Errorf("%w: the picture is cut short or damaged (%v)", ErrNotImage, err)
	}
	return width, height, format, nil
}
