package screens

import (
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
)

// fitLines is a line of large words that never runs off the screen: the
// attract screen's season and exhibit, read from across the hall, and at
// the largest text size on a portrait totem wider than the screen. Too
// wide, the line breaks at its " · " (Chinese above English); a part still
// too wide shrinks down to shrinkFloor of its size, past that wraps onto
// a second line, and past that loses its end to an ellipsis.
type fitLines struct {
	box   *fyne.Container // the lines, one above the other
	text  string
	size  float32 // in pixels, the hall's text size applied
	color color.Color
	bold  bool
	width float32 // the width fitted to; 0 until the first Fit
}

// shrinkFloor is how small a part may get before it is cut short: below
// three quarters the words stop reading as the same line.
const shrinkFloor = 0.75

// lineSeparator joins a name's languages on one line.
const lineSeparator = "  ·  "

func newFitLines(size float32, c color.Color, bold bool) *fitLines {
	return &fitLines{box: container.NewVBox(), size: TextPx(size), color: c, bold: bold}
}

// SetText shows s, fitted to the last width.
func (f *fitLines) SetText(s string) {
	if s == f.text {
		return
	}
	f.text = s
	f.refit()
}

// Fit lays the words out for a width, when it changed.
func (f *fitLines) Fit(width float32) {
	if width == f.width {
		return
	}
	f.width = width
	f.refit()
}

func (f *fitLines) refit() {
	objs := make([]fyne.CanvasObject, 0, 2)
	for _, l := range f.lines() {
		t := canvas.NewText(l.text, f.color)
		t.TextSize, t.TextStyle.Bold = l.size, f.bold
		objs = append(objs, t)
	}
	f.box.Objects = objs
	f.box.Refresh() // lays the new lines out even when the box keeps its size
}

type fittedLine struct {
	text string
	size float32
}

// lines is the text broken and shrunk to fit f.width.
func (f *fitLines) lines() []fittedLine {
	if strings.TrimSpace(f.text) == "" {
		return nil
	}
	style := fyne.TextStyle{Bold: f.bold}
	if f.width <= 0 || fyne.MeasureText(f.text, f.size, style).Width <= f.width {
		return []fittedLine{{f.text, f.size}}
	}
	var out []fittedLine
	for _, part := range strings.Split(f.text, lineSeparator) {
		if part = strings.TrimSpace(part); part != "" {
			out = append(out, fitPart(part, f.size, f.width, style)...)
		}
	}
	return out
}

// fitPart fits one language's words: shrunk on one line if that is
// enough, else wrapped onto two lines at the smallest size.
func fitPart(s string, size, width float32, style fyne.TextStyle) []fittedLine {
	if l, ok := shrinkLine(s, size, width, style); ok {
		return []fittedLine{l}
	}
	size *= shrinkFloor
	first, rest := breakLine(s, size, width, style)
	if rest == "" {
		return []fittedLine{{first, size}}
	}
	return []fittedLine{{first, size}, cutLine(rest, size, width, style)}
}

// shrinkLine shrinks s, down to shrinkFloor, until it fits width.
func shrinkLine(s string, size, width float32, style fyne.TextStyle) (fittedLine, bool) {
	w := fyne.MeasureText(s, size, style).Width
	if w <= width {
		return fittedLine{s, size}, true
	}
	// Text widths grow roughly with the size, not exactly (the letters
	// are hinted to the pixel grid): start from the proportion and step
	// down until it fits.
	for smaller := size * width / w; smaller >= size*shrinkFloor; smaller *= 0.97 {
		if fyne.MeasureText(s, smaller, style).Width <= width {
			return fittedLine{s, smaller}, true
		}
	}
	return fittedLine{}, false
}

// breakLine splits s where the most of it fits width: after a space in
// words with spaces, anywhere in Chinese.
func breakLine(s string, size, width float32, style fyne.TextStyle) (first, rest string) {
	runes := []rune(s)
	best := 0
	for i := 1; i <= len(runes); i++ {
		if fyne.MeasureText(strings.TrimSpace(string(runes[:i])), size, style).Width > width {
			break
		}
		if i == len(runes) || runes[i] == ' ' || !strings.Contains(s, " ") {
			best = i
		}
	}
	if best == 0 { // one word wider than the screen
		return cutLine(s, size, width, style).text, ""
	}
	return strings.TrimSpace(string(runes[:best])), strings.TrimSpace(string(runes[best:]))
}

// cutLine cuts s short with an ellipsis where it must to fit width.
func cutLine(s string, size, width float32, style fyne.TextStyle) fittedLine {
	if fyne.MeasureText(s, size, style).Width <= width {
		return fittedLine{s, size}
	}
	runes := []rune(s)
	lo, hi := 0, len(runes) // the longest prefix that fits with its ellipsis
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if fyne.MeasureText(strings.TrimSpace(string(runes[:mid]))+"…", size, style).Width <= width {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return fittedLine{strings.TrimSpace(string(runes[:lo])) + "…", size}
}
