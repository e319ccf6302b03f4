package media

import (
	"errors"
	"fmt"
	"image"
	_ "image/gif" // pictures may arrive as GIF, JPEG or PNG
	"image/jpeg"
	_ "image/png"
	"os"
	"path/filepath"
	"strconv"

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
// decoded, so a hostile file cannot exhaust memory.
const (
	MaxSide   = 12000
	MaxPixels = 60_000_000
)

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
	return cfg.Width, cfg.Height, format, nil
}

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
	img, err := s.decode(hash)
	if err != nil {
		return "", err
	}
	return dst, s.writeThumb(img, hash, size)
}

// MakeThumbs makes every size of thumbnail for a picture, decoding it once.
func (s *Store) MakeThumbs(hash string) error {
	var img image.Image
	for _, size := range Sizes {
		if _, err := os.Stat(s.ThumbPath(hash, size)); err == nil {
			continue
		}
		if img == nil {
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
func (s *Store) decode(hash string) (image.Image, error) {
	src := s.Path(hash)
	if _, _, _, err := CheckImage(src); err != nil {
		return nil, err
	}
	img, err := imaging.Open(src, imaging.AutoOrientation(true))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrNotImage, err)
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
