package fonts

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"
	"unsafe"

	"github.com/go-text/typesetting/font"
	"github.com/go-text/typesetting/font/opentype"

	"showhall/assets"
)

// The embedded fonts are the files make-fonts.py wrote.
func TestEmbeddedFontsAreTheGeneratedFiles(t *testing.T) {
	for name, b := range map[string][]byte{"HallSansSC-Regular.otf": Regular, "HallSansSC-Bold.otf": Bold} {
		file, err := os.ReadFile(name)
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(file, b) || !bytes.HasPrefix(b, []byte("OTTO")) {
			t.Fatalf("%s: the embedded font is not the OpenType file in the folder", name)
		}
	}
}

// Every character of the demo catalogue and the interface is in the cut,
// so the kiosk never opens the system's 19 MB collection for them.
func TestTheCharacterListCoversTheDemo(t *testing.T) {
	list, err := os.ReadFile("characters.txt")
	if err != nil {
		t.Fatal(err)
	}
	have := map[rune]bool{}
	for _, r := range string(list) {
		have[r] = true
	}
	doc, err := assets.DemoDocument()
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	for _, p := range doc.Projects {
		for _, s := range []string{p.Title.Hans, p.Title.Hant, p.Title.En, p.Summary.Hans, p.Summary.Hant, p.Body.Hans, p.Body.Hant, p.Organisation.Hans, p.Organisation.Hant, p.Site.Hans, p.Site.Hant} {
			texts = append(texts, s)
		}
	}
	missing := map[rune]bool{}
	for _, s := range texts {
		for _, r := range s {
			if r > ' ' && utf8.ValidRune(r) && !have[r] {
				missing[r] = true
			}
		}
	}
	if len(missing) > 0 {
		t.Fatalf("%d characters of the demo are not in the fonts (run make fonts): %q", len(missing), fmt.Sprint(keys(missing)))
	}
}

// Both faces draw every Chinese character of the list, and carry little
// else: the text renderer keeps every glyph outline of a face it opens in
// memory, so alternates it never uses (regional and vertical forms) must
// stay out of the cut.
func TestTheFacesDrawTheListAndLittleElse(t *testing.T) {
	list, err := os.ReadFile("characters.txt")
	if err != nil {
		t.Fatal(err)
	}
	han := 0
	for name, b := range map[string][]byte{"regular": Regular, "bold": Bold} {
		face, err := font.ParseTTF(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		han = 0
		var missing []rune
		for _, r := range string(list) {
			if !unicode.Is(unicode.Han, r) {
				continue // symbols Noto CJK lacks fall back to Fyne's faces
			}
			han++
			if _, ok := face.NominalGlyph(r); !ok {
				missing = append(missing, r)
			}
		}
		if han < 8000 || len(missing) > 0 {
			t.Fatalf("%s: %d Han characters listed, %d without a glyph: %q", name, han, len(missing), string(missing))
		}
		if n, chars := glyphCount(t, b), utf8.RuneCount(list); n > chars {
			t.Fatalf("%s: %d glyphs for %d characters: alternates crept into the cut", name, n, chars)
		}
	}
}

// glyphCount reads the number of glyphs from a font's maxp table.
func glyphCount(t *testing.T, b []byte) int {
	t.Helper()
	ld, err := opentype.NewLoader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	maxp, err := ld.RawTable(opentype.MustNewTag("maxp"))
	if err != nil || len(maxp) < 6 {
		t.Fatalf("no maxp table: %v", err)
	}
	return int(maxp[4])<<8 | int(maxp[5])
}

func keys(m map[rune]bool) []string {
	var out []string
	for r := range m {
		out = append(out, string(r))
	}
	return out
}

// residentKB is this process's resident memory in the mapping holding p.
func residentKB(t *testing.T, p uintptr) int {
	t.Helper()
	f, err := os.Open("/proc/self/smaps")
	if err != nil {
		t.Skip("no /proc/self/smaps")
	}
	defer f.Close()
	inside := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) > 0 && strings.Contains(fields[0], "-") && !strings.HasSuffix(fields[0], ":") {
			lo, hi, _ := strings.Cut(fields[0], "-")
			a, _ := strconv.ParseUint(lo, 16, 64)
			b, _ := strconv.ParseUint(hi, 16, 64)
			inside = uint64(p) >= a && uint64(p) < b
			continue
		}
		if inside && fields[0] == "Rss:" {
			kb, _ := strconv.Atoi(fields[1])
			return kb
		}
	}
	t.Fatal("no mapping holds the fonts")
	return 0
}

func TestReleasePagesGivesTheFontsBackAndKeepsThem(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("pages are given back on Linux only")
	}
	want := sha256.Sum256(Regular) // reads every page
	sha256.Sum256(Bold)
	at := uintptr(unsafe.Pointer(unsafe.SliceData(Regular)))
	before := residentKB(t, at)
	ReleasePages()
	after := residentKB(t, at)
	if dropped := before - after; dropped < (len(Regular)+len(Bold))/1024*9/10 {
		t.Fatalf("only %d kB given back of %d kB of fonts (%d -> %d kB)", dropped, (len(Regular)+len(Bold))/1024, before, after)
	}
	if sha256.Sum256(Regular) != want {
		t.Fatal("the font read back differently")
	}
}
