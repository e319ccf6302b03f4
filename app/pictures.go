package app

import (
	"errors"
	"fmt"
	"image"
	"os"

	"showhall/screens"
	"showhall/store/media"
)

// storePictures serves the screens' pictures from the media store's
// thumbnails, making a missing thumbnail on first use.
type storePictures struct{ ms *media.Store }

func (s storePictures) Load(hash string, size screens.ImageSize) (image.Image, error) {
	sz := media.Tile
	switch size {
	case screens.SizeHero:
		sz = media.Hero
	case screens.SizeGallery:
		sz = media.Gallery
	}
	path, err := s.ms.Thumb(hash, sz)
	if errors.Is(err, media.ErrNotImage) || errors.Is(err, media.ErrTooLarge) {
		return nil, fmt.Errorf("%w: %w", screens.ErrUnusablePicture, err)
	}
	if err != nil {
		return nil, err
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	return img, err
}
