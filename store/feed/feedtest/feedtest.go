// Package feedtest makes feeds with real media files for tests and
// benchmarks, and starts a real nginx on loopback to serve them.
package feedtest

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand"
	"os"
	"path/filepath"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

// MediaOptions say what media WithMedia gives a catalogue.
type MediaOptions struct {
	Covers     bool  // a small PNG cover per project
	VideoEvery int   // a video for every n-th project (0: none)
	VideoSize  int64 // bytes of each video (an MP4 header, then random content)
	Seed       int64 // varies the content, so two feeds share what they should
}

// Catalogue makes a valid catalogue of n projects whose media files are
// written into dir (named by their hash). It returns the document and a
// function that says where each media file is.
func Catalogue(n int, seed int64, dir string, opt MediaOptions) (catalog.Document, func(catalog.Media) (string, error), error) {
	doc := catalogtest.Generate(n, seed)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return doc, nil, err
	}
	rng := rand.New(rand.NewSource(opt.Seed))
	add := func(content []byte, typ string) (string, error) {
		sum := sha256.Sum256(content)
		h := hex.EncodeToString(sum[:])
		for _, m := range doc.Media {
			if m.Hash == h {
				return h, nil
			}
		}
		if err := os.WriteFile(filepath.Join(dir, h), content, 0o644); err != nil {
			return "", err
		}
		doc.Media = append(doc.Media, catalog.Media{Hash: h, Type: typ, Size: int64(len(content))})
		return h, nil
	}
	for i := range doc.Projects {
		p := &doc.Projects[i]
		if opt.Covers {
			h, err := add(Picture(int(opt.Seed)*100000+i), "image/png")
			if err != nil {
				return doc, nil, err
			}
			p.Cover = h
		}
		if opt.VideoEvery > 0 && i%opt.VideoEvery == 0 {
			h, err := add(Video(opt.VideoSize, rng), "video/mp4")
			if err != nil {
				return doc, nil, err
			}
			p.Videos = []string{h}
		}
	}
	doc.Version = fmt.Sprintf("%s-m%d", doc.Version, opt.Seed)
	where := func(m catalog.Media) (string, error) { return filepath.Join(dir, m.Hash), nil }
	return doc, where, doc.Validate()
}

// Picture is a small PNG, different for every seed.
func Picture(seed int) []byte {
	img := image.NewRGBA(image.Rect(0, 0, 32, 18))
	c := color.RGBA{uint8(seed), uint8(seed >> 8), uint8(seed >> 16), 255}
	for y := 0; y < 18; y++ {
		for x := 0; x < 32; x++ {
			img.Set(x, y, c)
		}
	}
	img.Set(seed%32, 0, color.White)
	pr, pw := io.Pipe()
	go func() { pw.CloseWithError(png.Encode(pw, img)) }()
	b, _ := io.ReadAll(pr)
	return b
}

// Video is an MP4 file of about size bytes (at least a few hundred): a
// whole container with one 320x180 video track of one second, whose
// media data is random. It passes the hall's container check, which is
// all the checks without libmpv see; it shows no frame.
func Video(size int64, rng *rand.Rand) []byte {
	box := func(typ string, parts ...[]byte) []byte {
		n := 8
		for _, p := range parts {
			n += len(p)
		}
		b := binary.BigEndian.AppendUint32(nil, uint32(n))
		b = append(b, typ...)
		for _, p := range parts {
			b = append(b, p...)
		}
		return b
	}
	mvhd := make([]byte, 100)
	binary.BigEndian.PutUint32(mvhd[12:], 1000) // timescale
	binary.BigEndian.PutUint32(mvhd[16:], 1000) // duration: 1 s
	tkhd := make([]byte, 84)
	binary.BigEndian.PutUint32(tkhd[76:], 320<<16)
	binary.BigEndian.PutUint32(tkhd[80:], 180<<16)
	hdlr := append(append(make([]byte, 8), "vide"...), make([]byte, 13)...)
	head := box("ftyp", []byte("isom\x00\x00\x02\x00isom"))
	head = append(head, box("moov", box("mvhd", mvhd), box("trak", box("tkhd", tkhd), box("mdia", box("hdlr", hdlr))))...)
	data := make([]byte, max(size-int64(len(head))-8, 1))
	rng.Read(data)
	return append(head, box("mdat", data)...)
}
