package media

import (
	"encoding/binary"
	"fmt"
	"io"
	"math"
	"os"
	"time"
)

// ReadVideoContainer reads the header of an MP4/QuickTime or
// WebM/Matroska file in Go, without decoding anything: a recognised
// container, whole (no box or segment reaching past the end of the file),
// with a video track and a duration.
func ReadVideoContainer(path string) (VideoInfo, error) {
	f, err := os.Open(path)
	if err != nil {
		return VideoInfo{}, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return VideoInfo{}, err
	}
	var head [12]byte
	n, _ := io.ReadFull(f, head[:])
	switch {
	case n == 0:
		return VideoInfo{}, fmt.Errorf("%w: the file is empty", ErrNotVideo)
	case n >= 4 && binary.BigEndian.Uint32(head[:4]) == ebmlHeader:
		return readMatroska(f, st.Size())
	case n >= 8 && isMP4Box(head[4:8]):
		return readMP4(f, st.Size())
	}
	return VideoInfo{}, fmt.Errorf("%w: it is not an MP4, MOV, WebM or Matroska file", ErrNotVideo)
}

// Top-level box types an MP4 or QuickTime file may start with.
func isMP4Box(t []byte) bool {
	switch string(t) {
	case "ftyp", "moov", "mdat", "free", "skip", "wide", "pnot":
		return true
	}
	return false
}

// maxMoov bounds the index read into memory: an hour of 60 fps video
// indexes in a few MB.
const maxMoov = 64 << 20

func readMP4(f io.ReaderAt, size int64) (VideoInfo, error) {
	info := VideoInfo{Container: "mp4"}
	var moov []byte
	hasData := false
	for off := int64(0); off < size; {
		var h [16]byte
		if n, _ := f.ReadAt(h[:8], off); n < 8 {
			return info, fmt.Errorf("%w: the file is cut short (%d stray bytes at its end)", ErrNotVideo, size-off)
		}
		boxSize, typ, hdr := int64(binary.BigEndian.Uint32(h[:4])), string(h[4:8]), int64(8)
		switch boxSize {
		case 0: // to the end of the file
			boxSize = size - off
		case 1:
			if n, _ := f.ReadAt(h[8:16], off+8); n < 8 {
				return info, fmt.Errorf("%w: the file is cut short", ErrNotVideo)
			}
			boxSize, hdr = int64(binary.BigEndian.Uint64(h[8:16])), 16
		}
		if boxSize < hdr {
			return info, fmt.Errorf("%w: its %q box is damaged", ErrNotVideo, typ)
		}
		if boxSize > size-off {
			return info, fmt.Errorf("%w: the file is cut short (its %q box needs %d bytes, %d remain)", ErrNotVideo, typ, boxSize, size-off)
		}
		switch typ {
		case "moov":
			if boxSize > maxMoov {
				return info, fmt.Errorf("%w: its index is %d MB, more than the %d MB the hall reads", ErrNotVideo, boxSize>>20, maxMoov>>20)
			}
			moov = make([]byte, boxSize-hdr)
			if _, err := f.ReadAt(moov, off+hdr); err != nil {
				return info, fmt.Errorf("%w: reading its index: %v", ErrNotVideo, err)
			}
		case "mdat":
			hasData = boxSize > hdr
		}
		off += boxSize
	}
	if moov == nil {
		return info, fmt.Errorf("%w: it has no index (moov box); the file may be cut short", ErrNotVideo)
	}
	if !hasData {
		return info, fmt.Errorf("%w: it holds no media data", ErrNotVideo)
	}
	video := false
	for _, b := range boxes(moov) {
		switch b.typ {
		case "mvhd":
			info.Duration = mvhdDuration(b.body)
		case "trak":
			var handler string
			var w, h int
			for _, t := range boxes(b.body) {
				switch t.typ {
				case "tkhd":
					if len(t.body) >= 84 { // width and height end the box, 16.16 fixed point
						w = int(binary.BigEndian.Uint32(t.body[len(t.body)-8:]) >> 16)
						h = int(binary.BigEndian.Uint32(t.body[len(t.body)-4:]) >> 16)
					}
				case "mdia":
					for _, m := range boxes(t.body) {
						if m.typ == "hdlr" && len(m.body) >= 12 {
							handler = string(m.body[8:12])
						}
					}
				}
			}
			if handler == "vide" && !video {
				video, info.Width, info.Height = true, w, h
			}
		}
	}
	if !video {
		return info, fmt.Errorf("%w: it has no video track (sound only?)", ErrNotVideo)
	}
	if info.Duration <= 0 {
		return info, fmt.Errorf("%w: it has no duration", ErrNotVideo)
	}
	return info, nil
}

type box struct {
	typ  string
	body []byte
}

// boxes splits the inside of a box into its children; a damaged child
// ends the list.
func boxes(b []byte) []box {
	var out []box
	for len(b) >= 8 {
		n, hdr := uint64(binary.BigEndian.Uint32(b[:4])), uint64(8)
		if n == 1 && len(b) >= 16 {
			n, hdr = binary.BigEndian.Uint64(b[8:16]), 16
		} else if n == 0 {
			n = uint64(len(b))
		}
		if n < hdr || n > uint64(len(b)) {
			break
		}
		out = append(out, box{string(b[4:8]), b[hdr:n]})
		b = b[n:]
	}
	return out
}

func mvhdDuration(b []byte) time.Duration {
	var scale, dur uint64
	switch {
	case len(b) >= 32 && b[0] == 1:
		scale, dur = uint64(binary.BigEndian.Uint32(b[20:24])), binary.BigEndian.Uint64(b[24:32])
	case len(b) >= 20:
		scale, dur = uint64(binary.BigEndian.Uint32(b[12:16])), uint64(binary.BigEndian.Uint32(b[16:20]))
	}
	if scale == 0 || dur == 0 || dur == math.MaxUint32 || dur == math.MaxUint64 {
		return 0
	}
	return time.Duration(float64(dur) / float64(scale) * float64(time.Second))
}

// Matroska (and WebM, its subset) is EBML: elements of a variable-length
// id and size.
const (
	ebmlHeader    = 0x1A45DFA3
	mkvSegment    = 0x18538067
	mkvInfo       = 0x1549A966
	mkvScale      = 0x2AD7B1
	mkvDuration   = 0x4489
	mkvTracks     = 0x1654AE6B
	mkvTrackEntry = 0xAE
	mkvTrackType  = 0x83
	mkvVideo      = 0xE0
	mkvPixelW     = 0xB0
	mkvPixelH     = 0xBA
	mkvCluster    = 0x1F43B675
	unknownSize   = -1
)

// vint reads an EBML variable-length integer at b; keepMarker keeps the
// length bit (ids keep it, sizes do not). It returns the value and its
// length, or 0 length when b does not hold one.
func vint(b []byte, keepMarker bool) (int64, int) {
	if len(b) == 0 || b[0] == 0 {
		return 0, 0
	}
	n := 1
	for m := byte(0x80); b[0]&m == 0; m >>= 1 {
		n++
	}
	if n > 8 || len(b) < n {
		return 0, 0
	}
	v := int64(b[0])
	if !keepMarker {
		v &= int64(0xFF >> n)
	}
	allOnes := v == int64(0xFF>>n)
	for _, c := range b[1:n] {
		v = v<<8 | int64(c)
		allOnes = allOnes && c == 0xFF
	}
	if !keepMarker && allOnes {
		return unknownSize, n
	}
	return v, n
}

type element struct {
	id        int64
	size      int64 // unknownSize when the writer did not say
	hdr, data int64 // offset of the element and of its data
}

func readElement(f io.ReaderAt, off int64) (element, bool) {
	var b [16]byte
	n, _ := f.ReadAt(b[:], off)
	id, il := vint(b[:n], true)
	if il == 0 {
		return element{}, false
	}
	size, sl := vint(b[il:n], false)
	if sl == 0 {
		return element{}, false
	}
	return element{id: id, size: size, hdr: off, data: off + int64(il+sl)}, true
}

// maxMkvHeader bounds the Info and Tracks elements read into memory.
const maxMkvHeader = 16 << 20

func readMatroska(f io.ReaderAt, size int64) (VideoInfo, error) {
	info := VideoInfo{Container: "matroska"}
	head, ok := readElement(f, 0)
	if !ok || head.size == unknownSize || head.data+head.size > size {
		return info, fmt.Errorf("%w: its Matroska header is damaged", ErrNotVideo)
	}
	seg, ok := readElement(f, head.data+head.size)
	if !ok || seg.id != mkvSegment {
		return info, fmt.Errorf("%w: it has no Matroska segment; the file may be cut short", ErrNotVideo)
	}
	end := size
	if seg.size != unknownSize {
		if seg.data+seg.size > size {
			return info, fmt.Errorf("%w: the file is cut short (its segment needs %d bytes, %d remain)", ErrNotVideo, seg.size, size-seg.data)
		}
		end = seg.data + seg.size
	}
	scale, video, clusters := int64(1_000_000), false, false
	var dur float64
	for off := seg.data; off < end; {
		e, ok := readElement(f, off)
		if !ok {
			return info, fmt.Errorf("%w: the file is cut short or damaged in its segment", ErrNotVideo)
		}
		if e.id == mkvCluster {
			clusters = true
		}
		if e.size == unknownSize {
			break // a live-written cluster: the header is behind us
		}
		if e.data+e.size > end {
			return info, fmt.Errorf("%w: the file is cut short (an element needs %d bytes, %d remain)", ErrNotVideo, e.size, end-e.data)
		}
		if e.id == mkvInfo || e.id == mkvTracks {
			if e.size > maxMkvHeader {
				return info, fmt.Errorf("%w: its header is %d MB, more than the hall reads", ErrNotVideo, e.size>>20)
			}
			body := make([]byte, e.size)
			if _, err := f.ReadAt(body, e.data); err != nil {
				return info, fmt.Errorf("%w: reading its header: %v", ErrNotVideo, err)
			}
			if e.id == mkvInfo {
				for _, c := range children(body) {
					switch c.id {
					case mkvScale:
						if v := uintOf(c.body); v > 0 {
							scale = int64(v)
						}
					case mkvDuration:
						dur = floatOf(c.body)
					}
				}
			} else {
				for _, t := range children(body) {
					if t.id != mkvTrackEntry {
						continue
					}
					var typ uint64
					var w, h int
					for _, c := range children(t.body) {
						switch c.id {
						case mkvTrackType:
							typ = uintOf(c.body)
						case mkvVideo:
							for _, v := range children(c.body) {
								switch v.id {
								case mkvPixelW:
									w = int(uintOf(v.body))
								case mkvPixelH:
									h = int(uintOf(v.body))
								}
							}
						}
					}
					if typ == 1 && !video {
						video, info.Width, info.Height = true, w, h
					}
				}
			}
		}
		off = e.data + e.size
	}
	if !video {
		return info, fmt.Errorf("%w: it has no video track (sound only?)", ErrNotVideo)
	}
	if !clusters {
		return info, fmt.Errorf("%w: it holds no media data; the file may be cut short", ErrNotVideo)
	}
	info.Duration = time.Duration(dur * float64(scale))
	if info.Duration <= 0 {
		return info, fmt.Errorf("%w: it has no duration", ErrNotVideo)
	}
	return info, nil
}

type child struct {
	id   int64
	body []byte
}

// children splits an element's data into its child elements; a damaged
// child ends the list.
func children(b []byte) []child {
	var out []child
	for len(b) > 0 {
		id, il := vint(b, true)
		if il == 0 {
			break
		}
		size, sl := vint(b[il:], false)
		if sl == 0 || size < 0 || size > int64(len(b)-il-sl) {
			break
		}
		start := il + sl
		out = append(out, child{id, b[start : start+int(size)]})
		b = b[start+int(size):]
	}
	return out
}

func uintOf(b []byte) uint64 {
	if len(b) > 8 {
		return 0
	}
	var v uint64
	for _, c := range b {
		v = v<<8 | uint64(c)
	}
	return v
}

func floatOf(b []byte) float64 {
	switch len(b) {
	case 4:
		return float64(math.Float32frombits(binary.BigEndian.Uint32(b)))
	case 8:
		return math.Float64frombits(binary.BigEndian.Uint64(b))
	}
	return 0
}
