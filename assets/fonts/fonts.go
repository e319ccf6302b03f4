// Package fonts embeds the hall's text faces: the Simplified Chinese face
// of Noto Sans CJK, regular and bold, cut down to the characters a
// catalogue is written in (see make-fonts.py). They give Chinese titles a
// real bold and Simplified Chinese glyph shapes, and cost about 2 MB each
// where the system's full collection costs 19 MB: Fyne keeps the whole
// outline table of every face it opens in memory. Characters outside them
// fall back to the system's fonts. The fonts are under the SIL Open Font
// License (OFL.txt).
package fonts

import (
	_ "embed"
	"unsafe"
)

//go:generate /usr/bin/python3 make-fonts.py

// Embedded as strings so they sit in the binary's read-only data: nothing
// may write to them, and their pages can be given back (ReleasePages).
var (
	//go:embed HallSansSC-Regular.otf
	regular string
	//go:embed HallSansSC-Bold.otf
	bold string
)

// Regular is the regular weight (OpenType, CFF outlines). Read only.
var Regular = readOnly(regular)

// Bold is the bold weight. Read only.
var Bold = readOnly(bold)

func readOnly(s string) []byte { return unsafe.Slice(unsafe.StringData(s), len(s)) }

// ReleasePages tells the system this process is done reading the fonts'
// bytes. Fyne copies what it needs when it opens a face, so after the
// first frame the binary's copy only counts against the kiosk's resident
// memory; the pages are read back from the binary if a face is opened
// again.
func ReleasePages() {
	release(Regular)
	release(Bold)
}
