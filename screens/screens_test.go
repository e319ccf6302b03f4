package screens

import (
	"image"
	"image/color"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
)

// recordingNav remembers where the screens asked to go.
type recordingNav struct {
	opened  []string
	browsed []catalog.Filter
	homes   int
	backs   int
	langs   []catalog.Lang
}

func (n *recordingNav) Home()                   { n.homes++ }
func (n *recordingNav) Browse(f catalog.Filter) { n.browsed = append(n.browsed, f) }
func (n *recordingNav) Open(id string)          { n.opened = append(n.opened, id) }
func (n *recordingNav) Back()                   { n.backs++ }
func (n *recordingNav) SetLang(l catalog.Lang)  { n.langs = append(n.langs, l) }

func newTestUI(t *testing.T, projects int) (*UI, *recordingNav) {
	t.Helper()
	a := uitest.NewApp(t)
	a.Settings().SetTheme(HallTheme{})
	PressDelay = 0
	snap := catalog.NewSnapshot(catalogtest.Generate(projects, 11))
	nav := &recordingNav{}
	sh, _ := time.LoadLocation(catalog.HallZone)
	rot, err := snap.Current(time.Date(2026, 11, 23, 10, 0, 0, 0, sh))
	if err != nil {
		t.Fatal(err)
	}
	return &UI{Snap: snap, Lang: catalog.Hans, Pics: NewPictures(nil), Nav: nav, Rotation: rot}, nav
}

// walk visits every object laid out below o.
func walk(o fyne.CanvasObject, f func(fyne.CanvasObject)) {
	for _, c := range test.LaidOutObjects(o) {
		f(c)
	}
}

func findButton(t *testing.T, o fyne.CanvasObject, prefix string) *widget.Button {
	t.Helper()
	var found *widget.Button
	walk(o, func(c fyne.CanvasObject) {
		if b, ok := c.(*widget.Button); ok && found == nil && strings.HasPrefix(b.Text, prefix) {
			found = b
		}
	})
	if found == nil {
		t.Fatalf("no button starting %q", prefix)
	}
	return found
}

func tiles(o fyne.CanvasObject) []*Tile {
	var out []*Tile
	walk(o, func(c fyne.CanvasObject) {
		if tl, ok := c.(*Tile); ok && tl.ID() != "" {
			out = append(out, tl)
		}
	})
	return out
}

func TestHomeShowsTheSeasonAndOpensAnExhibit(t *testing.T) {
	ui, nav := newTestUI(t, 120)
	w := test.NewTempWindow(t, NewHome(ui))
	w.Resize(fyne.NewSize(1920, 1080))

	shown := tiles(w.Content())
	if len(shown) != len(ui.Rotation.Showcase)-3 {
		t.Fatalf("%d tiles for %d non-featured exhibits", len(shown), len(ui.Rotation.Showcase)-3)
	}
	test.Tap(shown[0].press)
	if len(nav.opened) != 1 || nav.opened[0] != shown[0].ID() {
		t.Fatalf("tapping %s opened %v", shown[0].ID(), nav.opened)
	}
	test.Tap(findButton(t, w.Content(), "智慧医疗"))
	if len(nav.browsed) != 1 || !nav.browsed[0].Has(catalog.FacetTheme, "smart-healthcare") {
		t.Fatalf("the theme entry browsed %v", nav.browsed)
	}
	test.Tap(findButton(t, w.Content(), "English"))
	if len(nav.langs) != 1 || nav.langs[0] != catalog.En {
		t.Fatalf("language switch asked for %v", nav.langs)
	}
}

func TestBrowseChipsNarrowTheGrid(t *testing.T) {
	ui, _ := newTestUI(t, 400)
	b := NewBrowse(ui, nil, nil)
	w := test.NewTempWindow(t, b.Object())
	w.Resize(fyne.NewSize(1920, 1080))
	if len(b.Results()) != 400 {
		t.Fatalf("%d results unfiltered", len(b.Results()))
	}
	test.Tap(findButton(t, w.Content(), "智慧轨交"))
	want := ui.Snap.Filter(catalog.Filter{catalog.FacetTheme: {"smart-rail"}})
	if len(b.Results()) != len(want) {
		t.Fatalf("after the smart-rail chip: %d results, want %d", len(b.Results()), len(want))
	}
	test.Tap(findButton(t, w.Content(), "2025"))
	want = ui.Snap.Filter(catalog.Filter{catalog.FacetTheme: {"smart-rail"}, catalog.FacetYear: {"2025"}})
	if len(b.Results()) != len(want) || len(want) == 0 {
		t.Fatalf("after adding 2025: %d results, want %d", len(b.Results()), len(want))
	}
	for _, tl := range tiles(w.Content()) {
		p, _ := ui.Snap.Project(tl.ID())
		if !p.HasTheme("smart-rail") || p.Year != 2025 {
			t.Fatalf("tile %s (%v, %d) does not match the chips", p.ID, p.Themes, p.Year)
		}
	}
	test.Tap(findButton(t, w.Content(), "清除筛选"))
	if len(b.Results()) != 400 || !b.Filter().Empty() {
		t.Fatalf("clear left %d results and %v", len(b.Results()), b.Filter())
	}
}

func TestDraggingAFingerScrollsTheGrid(t *testing.T) {
	ui, _ := newTestUI(t, 400)
	b := NewBrowse(ui, nil, nil)
	w := test.NewTempWindow(t, b.Object())
	w.Resize(fyne.NewSize(1920, 1080))
	var grid *widget.GridWrap
	walk(w.Content(), func(c fyne.CanvasObject) {
		if g, ok := c.(*widget.GridWrap); ok {
			grid = g
		}
	})
	start := fyne.NewPos(1200, 600)
	test.Drag(w.Canvas(), start, 0, -500) // the finger moves up: content follows it
	if off := grid.GetScrollOffset(); off < 400 || off > 600 {
		t.Fatalf("a 500-point drag scrolled to %v", off)
	}
	test.Drag(w.Canvas(), start, 0, 5000)
	if off := grid.GetScrollOffset(); off != 0 {
		t.Fatalf("dragging far down stopped at %v, want the top", off)
	}
}

func TestDetailGallerySwipesAndWraps(t *testing.T) {
	ui, _ := newTestUI(t, 50)
	p := *ui.Snap.At(0)
	p.Gallery = []string{"a", "b", "c"}
	p.Cover = "cover"
	d := NewDetail(ui, &p)
	w := test.NewTempWindow(t, d.Object())
	w.Resize(fyne.NewSize(1920, 1080))
	g := d.Gallery()
	g.Next()
	g.Next()
	g.Next()
	if g.Index() != 3 {
		t.Fatalf("after three nexts at %d", g.Index())
	}
	g.Next()
	if g.Index() != 0 {
		t.Fatalf("the gallery did not wrap: %d", g.Index())
	}
	test.Drag(w.Canvas(), fyne.NewPos(400, 400), -200, 0) // swipe left
	if g.Index() != 1 {
		t.Fatalf("a swipe left shows picture %d, want 1", g.Index())
	}
	test.Drag(w.Canvas(), fyne.NewPos(400, 400), 200, 0)
	if g.Index() != 0 {
		t.Fatalf("a swipe right shows picture %d, want 0", g.Index())
	}
}

func TestIdleOverlaySpeaksTheVisitorsLanguage(t *testing.T) {
	uitest.NewApp(t)
	touched := false
	o := NewIdleOverlay(func() { touched = true })
	o.ShowSeconds(catalog.Hant, 7)
	if !strings.Contains(o.line.Text, "7 秒後") {
		t.Fatalf("countdown reads %q", o.line.Text)
	}
	test.Tap(o)
	if !touched {
		t.Fatal("a touch did not dismiss the countdown")
	}
}

func TestTranslationsCoverEveryKey(t *testing.T) {
	tablesOnce.Do(loadTables)
	for key := range tables[catalog.En] {
		for _, l := range catalog.Langs {
			if _, ok := tables[l][key]; !ok {
				t.Errorf("%s has no %q", l, key)
			}
		}
	}
	if got := T(catalog.En, "n_projects", map[string]any{"Count": 12}); got != "12 projects" {
		t.Fatalf("template gave %q", got)
	}
}

func TestTopBarMarkup(t *testing.T) {
	uitest.NewApp(t).Settings().SetTheme(HallTheme{})
	bar := TopBar{Lang: catalog.Hant, Title: "本期展品", OnHome: func() {}, OnBack: func() {}, OnLang: func(catalog.Lang) {}}.Build()
	w := test.NewTempWindow(t, bar)
	w.Resize(fyne.NewSize(1280, 96))
	test.AssertRendersToMarkup(t, "topbar.xml", w.Canvas())
}

func TestPictureCacheKeepsToItsBudget(t *testing.T) {
	c := newImageCache(3 * 100 * 100 * 4)
	for i := 0; i < 50; i++ {
		c.put(imageKey{hash: itoa(i)}, image.NewNRGBA(image.Rect(0, 0, 100, 100)))
		if c.used > c.budget {
			t.Fatalf("after %d pictures %d bytes are kept, over the budget of %d", i+1, c.used, c.budget)
		}
	}
	if _, ok := c.get(imageKey{hash: "49"}); !ok {
		t.Fatal("the newest picture was dropped")
	}
	if _, ok := c.get(imageKey{hash: "0"}); ok {
		t.Fatal("the oldest picture was kept")
	}
}

// TestAttractCoversAVideoLoopUntilItsFirstFrame: a promo loop with no
// frame yet lies under the first exhibit's picture, so the screen shows
// a picture rather than black; Uncover takes the picture away, and a loop
// that already has a frame is never covered.
func TestAttractCoversAVideoLoopUntilItsFirstFrame(t *testing.T) {
	ui, _ := newTestUI(t, 60)
	loop := canvas.NewRectangle(color.Black) // stands in for the video surface
	a := NewAttractWith(ui, loop, true, nil)
	w := test.NewTempWindow(t, a)
	w.Resize(fyne.NewSize(1920, 1080))
	r := test.WidgetRenderer(a).(*attractRenderer)
	// covering walks the objects on screen, back to front (test's
	// LaidOutObjects would make a new renderer, with a picture of its own).
	covering := func() bool {
		var order []fyne.CanvasObject
		var walk func(o fyne.CanvasObject)
		walk = func(o fyne.CanvasObject) {
			order = append(order, o)
			if c, ok := o.(*fyne.Container); ok {
				for _, child := range c.Objects {
					walk(child)
				}
			}
		}
		for _, o := range r.Objects() {
			walk(o)
		}
		above := false
		for _, o := range order {
			if o == fyne.CanvasObject(loop) {
				above = true
			} else if o == fyne.CanvasObject(r.pic) && above && r.pic.Visible() {
				return true
			}
		}
		return false
	}
	if !covering() {
		t.Fatal("the loop without a frame is not covered by a picture")
	}
	if want := (imageKey{a.items[0].Cover, SizeTile}); r.pic.key != want {
		t.Fatalf("the cover shows %v, want the first exhibit's cover as a tile %v", r.pic.key, want)
	}
	a.Uncover()
	if covering() || a.Covered() {
		t.Fatal("the picture stays over the loop after Uncover")
	}

	b := NewAttractWith(ui, canvas.NewRectangle(color.Black), false, nil)
	test.NewTempWindow(t, b)
	if b.Covered() {
		t.Fatal("a loop with a frame to show is covered")
	}
}

// TestAttractSlideshowMovesOn: the slideshow goes to the next exhibit by
// itself and the invitation goes round the hall's languages, each change
// made by the renderer to the objects it owns.
func TestAttractSlideshowMovesOn(t *testing.T) {
	ui, _ := newTestUI(t, 60)
	app := fyne.CurrentApp().(*uitest.App)
	interval := SlideInterval
	SlideInterval = 90 * time.Millisecond
	t.Cleanup(func() { SlideInterval = interval })
	a := NewAttract(ui, nil)
	w := test.NewTempWindow(t, a)
	w.Resize(fyne.NewSize(1920, 1080))
	r := test.WidgetRenderer(a).(*attractRenderer)
	title := func(p *catalog.Project) string { return p.Title.In(catalog.Hans) + "  ·  " + p.Title.In(catalog.En) }
	if len(a.items) < 2 || r.words.caption.text != title(a.items[0]) || r.words.org.text != a.items[0].Organisation.In(catalog.Hans) ||
		r.words.invite.Text != T(catalog.Hans, "touch_to_start") {
		t.Fatalf("the attract screen opens on %q %q %q, want the first exhibit and the invitation in Simplified Chinese",
			r.words.caption.text, r.words.org.text, r.words.invite.Text)
	}
	a.Start()
	t.Cleanup(a.Stop)
	app.Eventually(t, "the invitation in Traditional Chinese", func() bool { return r.words.invite.Text == T(catalog.Hant, "touch_to_start") })
	app.Eventually(t, "the second exhibit", func() bool { return r.words.caption.text == title(a.items[1]) })
	app.Eventually(t, "the invitation in English", func() bool { return r.words.invite.Text == T(catalog.En, "touch_to_start") })
}
