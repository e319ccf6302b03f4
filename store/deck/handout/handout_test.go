package handout

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	_ "image/png"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"testing"
	"time"

	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/deck"
)

// testDeck is a talk of n projects from a generated catalogue whose
// projects all have a picture.
func testDeck(t *testing.T, n int) Input {
	t.Helper()
	doc := catalogtest.Generate(40, 3)
	for i := range doc.Projects {
		doc.Projects[i].Cover = fmt.Sprintf("%064x", i+1)
		doc.Projects[i].Site = catalog.Text{Hans: "琶洲核心片区 · 广州人工智能与数字经济试验区", En: "Pazhou core area"}
		doc.Projects[i].Technologies = []catalog.Text{{Hans: "行业大模型"}, {Hans: "具身智能"}, {Hans: "数据要素"}}
	}
	// Mixed Chinese and English, as real summaries are, to wrap.
	doc.Projects[0].Summary.Hans = "基于行业大模型的质检系统，在 Huangpu District 的 3 条产线上运行，缺陷检出率 99.2%。The system runs on edge devices with no cloud connection, and the line workers review every flagged part on a tablet."
	snap := catalog.NewSnapshot(doc)
	d := deck.New("人工智能应用场景路演", catalog.Hans, time.Date(2026, 3, 1, 0, 0, 0, 0, time.UTC))
	d.Event, d.Date, d.Venue = "琶洲三月路演 · 智慧医疗与智慧轨交", "2026-03-18", "琶洲会展中心 B 厅"
	d.Contact = deck.Contact{Name: "陈小姐", Organisation: "试验区管委会", Phone: "020-0000 0000", Email: "roadshow@example.cn", URL: "https://scenes.example.gov.cn/roadshow/2026-03"}
	for i := 0; i < n; i++ {
		d.AddProjects(snap.At(i).ID)
	}
	cjk, latin, err := FindFonts()
	if err != nil {
		t.Skip(err)
	}
	return Input{
		Deck: d, Snap: snap, CJKFont: cjk, LatinFont: latin,
		Picture: func(hash string) (image.Image, error) { return gradient(hash), nil },
		T: func(k string) string {
			return map[string]string{"organisation": "建设单位", "site": "应用地点", "scan_qr": "扫码查看项目", "rs_thanks": "谢谢", "rs_contact": "联系方式", "hall_name": "人工智能与数字经济试验区展厅"}[k]
		},
	}
}

// gradient stands in for a project picture: distinct per hash.
func gradient(hash string) image.Image {
	img := image.NewNRGBA(image.Rect(0, 0, 800, 450))
	h := hash[len(hash)-1]
	for y := 0; y < 450; y++ {
		for x := 0; x < 800; x++ {
			img.Set(x, y, color.NRGBA{R: uint8(x / 4), G: uint8(y/2) ^ h*20, B: 0x90, A: 0xff})
		}
	}
	return img
}

// render turns a PDF into PNG pages with poppler's pdftoppm, as a
// standard viewer would draw them.
func render(t *testing.T, pdf []byte, dir string) []string {
	t.Helper()
	if _, err := exec.LookPath("pdftoppm"); err != nil {
		if os.Getenv("SHOWHALL_REQUIRE_PDFTOPPM") != "" {
			t.Fatal("pdftoppm is missing: apt-get install poppler-utils")
		}
		t.Skip("pdftoppm is missing: apt-get install poppler-utils")
	}
	path := filepath.Join(dir, "handout.pdf")
	if err := os.WriteFile(path, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftoppm", "-r", "60", "-png", path, filepath.Join(dir, "page")).CombinedOutput()
	if err != nil || len(out) > 0 {
		// pdftoppm prints syntax errors yet exits 0: both fail the test.
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	pages, _ := filepath.Glob(filepath.Join(dir, "page-*.png"))
	sort.Strings(pages)
	return pages
}

// inked is the share of a page's pixels that are not near white.
func inked(t *testing.T, path string) float64 {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, _, err := image.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	n := 0
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if r < 0xe000 || g < 0xe000 || bl < 0xe000 {
				n++
			}
		}
	}
	return float64(n) / float64(b.Dx()*b.Dy())
}

func TestHandoutPagesRender(t *testing.T) {
	in := testDeck(t, 7)
	for _, c := range []struct {
		name   string
		layout Layout
		pages  int
	}{
		{"per-slide", PerSlide, 9}, // title, 7 projects, closing
		{"compact", Compact, 2},    // 4 rows fit on the first page, 5 on the others
	} {
		t.Run(c.name, func(t *testing.T) {
			var buf bytes.Buffer
			if err := Write(&buf, in, c.layout); err != nil {
				t.Fatal(err)
			}
			dir := t.TempDir()
			if keep := os.Getenv("SHOWHALL_KEEP_HANDOUT"); keep != "" {
				dir = filepath.Join(keep, c.name)
				os.RemoveAll(dir)
				os.MkdirAll(dir, 0o755)
			}
			pages := render(t, buf.Bytes(), dir)
			if len(pages) != c.pages {
				t.Fatalf("%d pages, want %d", len(pages), c.pages)
			}
			for _, p := range pages {
				// Text alone inks a few per cent of a page; a picture or
				// the title band much more. A blank page inks nothing.
				if ink := inked(t, p); ink < 0.02 {
					t.Errorf("%s is nearly blank (%.1f%% inked)", filepath.Base(p), ink*100)
				}
			}
			t.Logf("%s: %d pages, %d KB", c.name, len(pages), buf.Len()/1024)
		})
	}
}

func TestHandoutWithoutPicturesOrMissingProjects(t *testing.T) {
	in := testDeck(t, 2)
	in.Picture = nil
	in.Deck.AddProjects("not-in-this-catalogue")
	var buf bytes.Buffer
	if err := Write(&buf, in, PerSlide); err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		t.Fatal("not a PDF")
	}
}

func TestHandoutNeedsAFont(t *testing.T) {
	in := testDeck(t, 1)
	in.CJKFont = filepath.Join(t.TempDir(), "none.ttf")
	if err := Write(&bytes.Buffer{}, in, PerSlide); err == nil {
		t.Fatal("a missing font was not reported")
	}
}
