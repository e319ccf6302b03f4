package screens

import (
	"container/list"
	"errors"
	"image"
	"image/color"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"
)

// ImageSize names the shapes of pictures the screens show.
type ImageSize int

// The picture shapes: a tile in a grid, a large featured exhibit, a
// gallery picture filling most of the screen.
const (
	SizeTile ImageSize = iota
	SizeHero
	SizeGallery
)

// ErrUnusablePicture marks a picture that can never be shown (not a
// picture, too large to decode): an ImageSource wraps it, and the screens
// remember the picture and show its placeholder without loading it again.
// Other failures (a full disk while its thumbnail was written) are tried
// again at the next showing.
var ErrUnusablePicture = errors.New("the picture cannot be shown")

// ImageSource loads a picture of a stored file, already scaled for size.
// It does disk I/O and decoding, so the screens call it only off the UI
// goroutine.
type ImageSource interface {
	Load(hash string, size ImageSize) (image.Image, error)
}

// imageCache keeps recently shown pictures decoded, so that scrolling back
// and forth does not decode again, within a fixed budget of entries.
type imageCache struct {
	mu     sync.Mutex
	budget int // bytes of decoded pixels kept at most
	used   int
	order  *list.List // front = most recent
	items  map[imageKey]*list.Element
}

type imageKey struct {
	hash string
	size ImageSize
}

type cacheEntry struct {
	key   imageKey
	img   image.Image
	bytes int
}

func newImageCache(budget int) *imageCache {
	return &imageCache{budget: budget, order: list.New(), items: map[imageKey]*list.Element{}}
}

// pixelBytes estimates the memory a decoded picture holds.
func pixelBytes(img image.Image) int {
	b := img.Bounds()
	perPixel := 4
	switch img.(type) {
	case *image.YCbCr: // JPEG, 4:2:0: one luma byte and half a chroma byte
		perPixel = 2
	case *image.Gray:
		perPixel = 1
	}
	return b.Dx() * b.Dy() * perPixel
}

func (c *imageCache) get(k imageKey) (image.Image, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.order.MoveToFront(e)
		return e.Value.(*cacheEntry).img, true
	}
	return nil, false
}

func (c *imageCache) put(k imageKey, img image.Image) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.items[k]; ok {
		c.order.MoveToFront(e)
		return
	}
	n := pixelBytes(img)
	c.items[k] = c.order.PushFront(&cacheEntry{k, img, n})
	c.used += n
	for c.used > c.budget && c.order.Len() > 1 {
		last := c.order.Back()
		e := last.Value.(*cacheEntry)
		delete(c.items, e.key)
		c.used -= e.bytes
		c.order.Remove(last)
	}
}

// CacheBudget is how many bytes of decoded pictures stay in memory: about
// two screens of tiles and a few gallery pictures, so memory stays flat
// over days of browsing.
var CacheBudget = 32 << 20

// Pictures loads pictures in the background for the screens: a small
// pool of workers, a cache, and results handed to the UI goroutine.
type Pictures struct {
	src   ImageSource
	cache *imageCache
	jobs  chan func()
	// failed holds the hashes of pictures that could not be loaded: the
	// hash names the content, so it would fail again, and a visitor
	// paging through a project would have it read at every showing.
	failed sync.Map
}

// NewPictures starts the loaders. A nil source shows placeholders only.
func NewPictures(src ImageSource) *Pictures {
	p := &Pictures{src: src, cache: newImageCache(CacheBudget), jobs: make(chan func(), 512)}
	for i := 0; i < 2; i++ {
		go func() {
			for job := range p.jobs {
				job()
			}
		}()
	}
	return p
}

// placeholder is shown while a picture loads and when it cannot.
var placeholder = func() image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 16, 9))
	for y := 0; y < 9; y++ {
		for x := 0; x < 16; x++ {
			img.Set(x, y, color.NRGBA{R: 0x1c, G: 0x2c, B: uint8(0x4a + y*3), A: 0xff})
		}
	}
	return img
}()

// Picture is a picture that fills its space and loads itself.
type Picture struct {
	widget.BaseWidget
	img  *canvas.Image
	pics *Pictures
	key  imageKey
}

// NewPicture shows the stored picture hash at size, or a placeholder when
// hash is empty or the picture cannot be loaded.
func (p *Pictures) NewPicture(hash string, size ImageSize) *Picture {
	w := &Picture{pics: p, img: canvas.NewImageFromImage(placeholder)}
	w.img.FillMode = canvas.ImageFillCover
	w.img.ScaleMode = canvas.ImageScaleSmooth
	w.ExtendBaseWidget(w)
	w.SetHash(hash, size)
	return w
}

// SetHash changes the picture shown, as a recycled grid cell does.
func (w *Picture) SetHash(hash string, size ImageSize) {
	k := imageKey{hash, size}
	if k == w.key && w.img.Image != nil {
		return
	}
	w.key = k
	if hash == "" || w.pics == nil || w.pics.src == nil {
		w.show(placeholder)
		return
	}
	if img, ok := w.pics.cache.get(k); ok {
		w.show(img)
		return
	}
	if _, bad := w.pics.failed.Load(hash); bad {
		w.show(placeholder)
		return
	}
	w.show(placeholder)
	p := w.pics
	job := func() {
		img, err := p.src.Load(k.hash, k.size)
		if err != nil {
			fyne.LogError("loading picture "+k.hash, err)
			if errors.Is(err, ErrUnusablePicture) {
				p.failed.Store(k.hash, true)
			}
			return
		}
		p.cache.put(k, img)
		fyne.Do(func() {
			if w.key == k { // the cell may show another project by now
				w.show(img)
			}
		})
	}
	select {
	case p.jobs <- job:
	default:
		// Scrolling faster than pictures decode: drop this one; the cell
		// asks again when it is shown.
		w.key = imageKey{}
	}
}

func (w *Picture) show(img image.Image) {
	w.img.Image = img
	w.img.Refresh()
}

// SetFill chooses how the picture fills its space.
func (w *Picture) SetFill(f canvas.ImageFill) {
	w.img.FillMode = f
	w.img.Refresh()
}

func (w *Picture) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(container.NewStack(w.img))
}
