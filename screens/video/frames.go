package video

import (
	"context"
	"image"
)

// frameBuffers is how many frame buffers a surface may have at once: the
// one on screen, one on its way to the screen and one being rendered.
const frameBuffers = 3

// framePool hands out frame buffers and takes them back. A 1080p frame is
// 8 MB: when the screen falls behind the player, the render goroutine
// waits for a buffer to come back rather than making another, so a
// playing video costs a fixed amount of memory and no garbage.
type framePool struct {
	free chan *image.RGBA // nil entries: buffers not made yet
}

func newFramePool(n int) framePool {
	p := framePool{free: make(chan *image.RGBA, n)}
	for i := 0; i < n; i++ {
		p.free <- nil
	}
	return p
}

// get returns a w x h buffer, waiting while all are in use; nil once ctx
// ends.
func (p framePool) get(ctx context.Context, w, h int) *image.RGBA {
	var buf *image.RGBA
	select {
	case buf = <-p.free:
	case <-ctx.Done():
		return nil
	}
	if buf == nil || buf.Rect.Dx() != w || buf.Rect.Dy() != h {
		buf = image.NewRGBA(image.Rect(0, 0, w, h))
	}
	return buf
}

// put gives a buffer back. It never waits: it runs on the UI goroutine.
// Every buffer came from get, so there is always room.
func (p framePool) put(buf *image.RGBA) {
	select {
	case p.free <- buf:
	default:
	}
}

// release lets the spare buffers go, keeping their places: a stopped
// surface holds only the frame it shows. It never waits.
func (p framePool) release() {
	for range len(p.free) {
		select {
		case <-p.free:
			p.free <- nil
		default:
			return
		}
	}
}
