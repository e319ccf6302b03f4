package screens

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/assets"
	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/search"
)

// demoUI is the visitor's UI over the real demo catalogue and its index.
func demoUI(t *testing.T) (*UI, *recordingNav) {
	t.Helper()
	a := uitest.NewApp(t)
	a.Settings().SetTheme(HallTheme{})
	PressDelay = 0
	doc, err := assets.DemoDocument()
	if err != nil {
		t.Fatal(err)
	}
	snap := catalog.NewSnapshot(doc)
	sh, _ := time.LoadLocation(catalog.HallZone)
	rot, _ := snap.Current(time.Date(2026, 11, 23, 10, 0, 0, 0, sh))
	nav := &recordingNav{}
	return &UI{Snap: snap, Lang: catalog.Hans, Pics: NewPictures(nil), Nav: nav, Rotation: rot, Search: search.Build(snap)}, nav
}

func typeKeys(t *testing.T, b *Browse, keys string) {
	t.Helper()
	for _, r := range keys {
		k := b.Keyboard().Key(string(r))
		if k == nil {
			t.Fatalf("no key %q", r)
		}
		test.Tap(k)
	}
}

func TestTypingPinyinOnTheKeyboardFindsProjects(t *testing.T) {
	ui, nav := demoUI(t)
	var logged []string
	ui.OnSearch = func(q string, n int) { logged = append(logged, q) }
	b := NewBrowse(ui, nil, nil)
	w := test.NewTempWindow(t, b.Object())
	w.Resize(fyne.NewSize(1920, 1080))
	b.ShowKeyboard()
	if !b.KeyboardShown() {
		t.Fatal("the keyboard did not come up")
	}
	typeKeys(t, b, "zhyl")
	if b.Query() != "zhyl" || len(b.Results()) == 0 {
		t.Fatalf("after typing zhyl: query %q, %d results", b.Query(), len(b.Results()))
	}
	first := ui.Snap.At(b.Results()[0])
	if !first.HasTheme("smart-healthcare") && !strings.Contains(first.Title.Hans, "医疗") {
		t.Fatalf("zhyl first finds %s %q", first.ID, first.Title.Hans)
	}
	// Every result shown is one the index found, and the count says so.
	hits, total := ui.Search.Find("zhyl", catalog.Hans, nil, 0)
	if total != len(b.Results()) || hits[0].Index != b.Results()[0] {
		t.Fatalf("the grid shows %d results, the index finds %d", len(b.Results()), total)
	}
	if !strings.Contains(b.count.Text, itoa(total)) {
		t.Fatalf("count reads %q for %d results", b.count.Text, total)
	}
	// The matched part of the first tile lights up.
	var lit bool
	for _, tl := range tiles(w.Content()) {
		if tl.ID() != first.ID {
			continue
		}
		for _, seg := range append(tl.title.Segments, tl.org.Segments...) {
			if ts, ok := seg.(*widget.TextSegment); ok && ts.Style.ColorName == theme.ColorNamePrimary {
				lit = true
			}
		}
	}
	if !lit {
		t.Fatal("nothing is highlighted on the first result")
	}
	// Backspace widens the search again; Done logs it once.
	test.Tap(b.Keyboard().Key("backspace"))
	if b.Query() != "zhy" {
		t.Fatalf("after backspace the query is %q", b.Query())
	}
	test.Tap(findButton(t, w.Content(), "完成"))
	if b.KeyboardShown() || len(logged) != 1 || logged[0] != "zhy" {
		t.Fatalf("after Done: keyboard %v, searches logged %v", b.KeyboardShown(), logged)
	}
	_ = nav
}

func TestSearchCombinesWithFilters(t *testing.T) {
	ui, _ := demoUI(t)
	f := catalog.Filter{catalog.FacetYear: {"2025"}}
	b := NewBrowse(ui, f, nil)
	test.NewTempWindow(t, b.Object()).Resize(fyne.NewSize(1920, 1080))
	b.ShowKeyboard()
	typeKeys(t, b, "zh")
	if len(b.Results()) == 0 {
		t.Fatal("no result for zh in 2025")
	}
	for _, i := range b.Results() {
		if ui.Snap.At(i).Year != 2025 {
			t.Fatalf("%s from %d shown under the 2025 chip", ui.Snap.At(i).ID, ui.Snap.At(i).Year)
		}
	}
}

func TestNothingFoundSuggestsThemes(t *testing.T) {
	ui, _ := demoUI(t)
	b := NewBrowse(ui, nil, nil)
	w := test.NewTempWindow(t, b.Object())
	w.Resize(fyne.NewSize(1920, 1080))
	b.ShowKeyboard()
	typeKeys(t, b, "qqqqxx")
	if len(b.Results()) != 0 {
		t.Fatalf("qqqqxx found %d projects", len(b.Results()))
	}
	test.Tap(findButton(t, b.suggest, "智慧医疗"))
	if b.Query() != "" || !b.Filter().Has(catalog.FacetTheme, "smart-healthcare") || len(b.Results()) == 0 {
		t.Fatalf("the suggestion left query %q, filter %v, %d results", b.Query(), b.Filter(), len(b.Results()))
	}
}
