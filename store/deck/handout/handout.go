// Package handout writes a roadshow deck as a PDF the audience takes
// home: one page per slide, or a compact handout with several projects
// per page, each with its picture, key facts and a QR code to its page on
// the matchmaking portal. It imports no Fyne.
package handout

import (
	"errors"
	"image"
	"io"
	"os"
	"strings"

	"github.com/disintegration/imaging"
	"github.com/signintech/gopdf"
	qrcode "github.com/skip2/go-qrcode"
	"golang.org/x/image/font/sfnt"

	"showhall/store/catalog"
	"showhall/store/deck"
)

// Layout is how slides are laid out on paper.
type Layout int

// The two handouts.
const (
	PerSlide Layout = iota // one landscape page per slide, like the talk
	Compact                // portrait pages with several projects each
)

// Fonts: gopdf embeds only plain TrueType files (glyf outlines) and has
// no font fallback. Noto Sans CJK, the screens' font, is a collection
// (.ttc) of CFF fonts, which it cannot read; Droid Sans Fallback (Debian's
// fonts-droid-fallback) is a plain TTF with Simplified and Traditional
// Chinese but no Latin letters or digits, so text is written in runs:
// DejaVu Sans (fonts-dejavu-core) for what it has, Droid for the rest.
var (
	CJKFontCandidates = []string{
		"/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf",
	}
	LatinFontCandidates = []string{
		"/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
		"/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
	}
)

// ErrNoFont says no usable font was found.
var ErrNoFont = errors.New("no font for the PDF: install the Debian packages fonts-droid-fallback and fonts-dejavu-core")

// FindFonts returns the first CJK and the first Latin font present.
func FindFonts() (cjk, latin string, err error) {
	find := func(paths []string) string {
		for _, p := range paths {
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
		return ""
	}
	cjk, latin = find(CJKFontCandidates), find(LatinFontCandidates)
	if cjk == "" || latin == "" {
		return "", "", ErrNoFont
	}
	return cjk, latin, nil
}

// Input is what a handout is made from.
type Input struct {
	Deck deck.Deck
	Snap *catalog.Snapshot
	// Picture loads a stored picture (a gallery-size thumbnail); nil, or
	// an error, leaves a grey box.
	Picture func(hash string) (image.Image, error)
	// T translates the interface strings (organisation, site, scan_qr...)
	// into the deck's language.
	T func(key string) string
	// CJKFont and LatinFont are TrueType files; empty finds them.
	CJKFont, LatinFont string
}

// Write writes the handout as PDF.
func Write(w io.Writer, in Input, layout Layout) error {
	if in.CJKFont == "" || in.LatinFont == "" {
		cjk, latin, err := FindFonts()
		if err != nil {
			return err
		}
		in.CJKFont, in.LatinFont = cjk, latin
	}
	if in.T == nil {
		in.T = func(k string) string { return k }
	}
	pdf := &gopdf.GoPdf{}
	size := *gopdf.PageSizeA4Landscape
	if layout == Compact {
		size = *gopdf.PageSizeA4
	}
	pdf.Start(gopdf.Config{PageSize: size})
	pdf.SetInfo(gopdf.PdfInfo{Title: in.Deck.Title, Subject: in.Deck.Event, Creator: "showhall"})
	latin, err := loadFonts(pdf, in.CJKFont, in.LatinFont)
	if err != nil {
		return err
	}
	r := &renderer{pdf: pdf, in: in, w: size.W, h: size.H, latin: latin}
	if layout == Compact {
		err = r.compact()
	} else {
		err = r.perSlide()
	}
	if err != nil {
		return err
	}
	_, err = pdf.WriteTo(w)
	return err
}

// WriteFile writes the handout to path through a temporary file.
func WriteFile(path string, in Input, layout Layout) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return err
	}
	err = Write(f, in, layout)
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp, path)
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// Colours of the printed page: dark text on white, the hall's warm accent.
var (
	ink    = [3]uint8{0x1a, 0x22, 0x33}
	muted  = [3]uint8{0x5a, 0x66, 0x7a}
	accent = [3]uint8{0xd9, 0x83, 0x0b}
	stage  = [3]uint8{0x0b, 0x14, 0x26}
)

const margin = 36.0 // half an inch

type renderer struct {
	pdf   *gopdf.GoPdf
	in    Input
	w, h  float64
	latin *sfnt.Font // to ask which runes the Latin font has
}

func (r *renderer) lang() catalog.Lang { return r.in.Deck.Lang }

func (r *renderer) color(c [3]uint8) { r.pdf.SetTextColor(c[0], c[1], c[2]) }

// text writes s wrapped to width from (x, y) and returns the y below it;
// at most maxLines lines (0: no limit), the last one cut with an ellipsis.
func (r *renderer) text(s string, x, y, width, size float64, c [3]uint8, maxLines int) float64 {
	s = strings.TrimSpace(s)
	if s == "" {
		return y
	}
	r.color(c)
	var lines []string
	for _, para := range strings.Split(s, "\n") {
		if strings.TrimSpace(para) != "" {
			lines = append(lines, r.wrap(para, width, size)...)
		}
	}
	if maxLines > 0 && len(lines) > maxLines {
		lines = lines[:maxLines]
		lines[maxLines-1] = strings.TrimRight(trimRunes(lines[maxLines-1], 2), " ") + "…"
	}
	lh := size * 1.4
	for _, l := range lines {
		r.line(l, x, y, size)
		y += lh
	}
	return y
}

func trimRunes(s string, n int) string {
	rs := []rune(s)
	if len(rs) <= n {
		return ""
	}
	return string(rs[:len(rs)-n])
}

// picture draws the stored picture fitted into the box, centred, or a
// grey box when there is none.
func (r *renderer) picture(hash string, x, y, w, h float64) {
	var img image.Image
	if hash != "" && r.in.Picture != nil {
		img, _ = r.in.Picture(hash)
	}
	if img == nil {
		r.pdf.SetFillColor(0xe4, 0xe8, 0xee)
		r.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "F")
		return
	}
	b := img.Bounds()
	scale := min(w/float64(b.Dx()), h/float64(b.Dy()))
	dw, dh := float64(b.Dx())*scale, float64(b.Dy())*scale
	// About 150 dpi is plenty on paper and keeps the file small.
	if px := int(dw * 150 / 72); px < b.Dx() {
		img = imaging.Resize(img, px, 0, imaging.Lanczos)
	}
	rect := &gopdf.Rect{W: dw, H: dh}
	if err := r.pdf.ImageFromWithOption(img, gopdf.ImageFromOption{Format: "jpeg", X: x + (w-dw)/2, Y: y + (h-dh)/2, Rect: rect}); err != nil {
		r.pdf.SetFillColor(0xe4, 0xe8, 0xee)
		r.pdf.RectFromUpperLeftWithStyle(x, y, w, h, "F")
	}
}

// qr draws a QR code for url as a square of side s; nothing when the
// project has no portal page.
func (r *renderer) qr(url string, x, y, s float64) bool {
	if url == "" {
		return false
	}
	q, err := qrcode.New(url, qrcode.Medium)
	if err != nil {
		return false
	}
	return r.pdf.ImageFromWithOption(q.Image(256), gopdf.ImageFromOption{Format: "png", X: x, Y: y, Rect: &gopdf.Rect{W: s, H: s}}) == nil
}

func (r *renderer) rule(x, y, w float64) {
	r.pdf.SetStrokeColor(accent[0], accent[1], accent[2])
	r.pdf.SetLineWidth(2)
	r.pdf.Line(x, y, x+w, y)
}
