package handout

import (
	"fmt"
	"os"
	"strings"
	"unicode"

	"github.com/signintech/gopdf"
	"golang.org/x/image/font/sfnt"
)

// loadFonts registers the two fonts with the PDF and parses the Latin
// one, so runs can be split by which font has a glyph.
func loadFonts(pdf *gopdf.GoPdf, cjk, latin string) (*sfnt.Font, error) {
	if err := pdf.AddTTFFont("cjk", cjk); err != nil {
		return nil, fmt.Errorf("loading the font %s: %w", cjk, err)
	}
	if err := pdf.AddTTFFont("latin", latin); err != nil {
		return nil, fmt.Errorf("loading the font %s: %w", latin, err)
	}
	raw, err := os.ReadFile(latin)
	if err != nil {
		return nil, err
	}
	f, err := sfnt.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("reading the font %s: %w", latin, err)
	}
	return f, nil
}

// fontFor picks the font of one rune: Latin for what it has (letters,
// digits, Western punctuation, the middle dot), Chinese for the rest.
func (r *renderer) fontFor(c rune) string {
	if isCJK(c) {
		return "cjk"
	}
	var buf sfnt.Buffer
	if i, err := r.latin.GlyphIndex(&buf, c); err == nil && i != 0 {
		return "latin"
	}
	return "cjk"
}

func isCJK(c rune) bool {
	return unicode.Is(unicode.Han, c) || (c >= 0x3000 && c <= 0x30ff) || (c >= 0xff00 && c <= 0xffef)
}

type run struct{ font, text string }

// runs cuts s where the font changes.
func (r *renderer) runs(s string) []run {
	var out []run
	for _, c := range s {
		f := r.fontFor(c)
		if n := len(out); n > 0 && out[n-1].font == f {
			out[n-1].text += string(c)
			continue
		}
		out = append(out, run{f, string(c)})
	}
	return out
}

// width measures s at size, run by run.
func (r *renderer) width(s string, size float64) float64 {
	w := 0.0
	for _, ru := range r.runs(s) {
		r.pdf.SetFont(ru.font, "", size)
		m, _ := r.pdf.MeasureTextWidth(ru.text)
		w += m
	}
	return w
}

// line writes one line of mixed text at (x, y).
func (r *renderer) line(s string, x, y, size float64) {
	for _, ru := range r.runs(s) {
		r.pdf.SetFont(ru.font, "", size)
		r.pdf.SetXY(x, y)
		r.pdf.Cell(nil, ru.text)
		m, _ := r.pdf.MeasureTextWidth(ru.text)
		x += m
	}
}

// tokens splits text where a line may break: at spaces, and between
// Chinese characters (which need no spaces). A Chinese closing mark stays
// with the character before it.
func tokens(s string) []string {
	var out []string
	var cur strings.Builder
	flush := func() {
		if cur.Len() > 0 {
			out = append(out, cur.String())
			cur.Reset()
		}
	}
	for _, c := range s {
		switch {
		case c == ' ':
			flush()
			out = append(out, " ")
		case strings.ContainsRune("，。、；：！？）」』》", c) && len(out) > 0 && cur.Len() == 0:
			out[len(out)-1] += string(c)
		case isCJK(c):
			flush()
			cur.WriteRune(c)
			flush()
		default:
			cur.WriteRune(c)
		}
	}
	flush()
	return out
}

// wrap breaks a paragraph into lines no wider than width.
func (r *renderer) wrap(para string, width, size float64) []string {
	var lines []string
	line, w := "", 0.0
	for _, t := range tokens(para) {
		tw := r.width(t, size)
		if w+tw > width && strings.TrimSpace(line) != "" {
			lines = append(lines, strings.TrimRight(line, " "))
			line, w = "", 0
			if t == " " {
				continue
			}
		}
		// A single word wider than the line is cut where it overflows.
		for tw > width && len([]rune(t)) > 1 {
			rs := []rune(t)
			n := len(rs) - 1
			for n > 1 && r.width(string(rs[:n]), size) > width {
				n--
			}
			lines = append(lines, string(rs[:n]))
			t = string(rs[n:])
			tw = r.width(t, size)
		}
		line += t
		w += tw
	}
	if strings.TrimSpace(line) != "" {
		lines = append(lines, strings.TrimRight(line, " "))
	}
	return lines
}
