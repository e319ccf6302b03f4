package screens

import (
	"fmt"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/catalog"
)

// hallSizes are the screens the hall has: landscape 1080p, a portrait
// totem, and a small laptop-sized kiosk.
var hallSizes = []fyne.Size{{Width: 1920, Height: 1080}, {Width: 1080, Height: 1920}, {Width: 1366, Height: 768}}

// viewings are both looks at the hall's text size, and both at the
// largest one.
var viewings = []Viewing{
	{Step: 0, Look: LookStandard}, {Step: 0, Look: LookHighContrast},
	{Step: len(TextSteps) - 1, Look: LookStandard}, {Step: len(TextSteps) - 1, Look: LookHighContrast},
}

// visitorScreens builds every screen a visitor walks through.
func visitorScreens(ui *UI) map[string]func() fyne.CanvasObject {
	return map[string]func() fyne.CanvasObject{
		"home":   func() fyne.CanvasObject { return NewHome(ui) },
		"browse": func() fyne.CanvasObject { return NewBrowse(ui, nil, nil).Object() },
		"browse with a theme": func() fyne.CanvasObject {
			return NewBrowse(ui, catalog.Filter{catalog.FacetTheme: {"embodied-ai"}}, nil).Object()
		},
		"search keyboard": func() fyne.CanvasObject {
			b := NewBrowse(ui, nil, nil)
			b.ShowKeyboard()
			return b.Object()
		},
		"detail": func() fyne.CanvasObject { return NewDetail(ui, longestTitle(ui.Snap, ui.Lang)).Object() },
		// The attract screen names the season and, on its slideshow, the
		// exhibit with the longest title in either of its languages.
		"attract": func() fyne.CanvasObject {
			a := NewAttract(ui, nil)
			for i, p := range a.items {
				if len(p.Title.In(catalog.Hans)+p.Title.In(catalog.En)) > len(a.items[a.index].Title.In(catalog.Hans)+a.items[a.index].Title.In(catalog.En)) {
					a.index = i
				}
			}
			return a
		},
	}
}

// longestTitle is the project whose title is longest in l.
func longestTitle(s *catalog.Snapshot, l catalog.Lang) *catalog.Project {
	best := s.At(0)
	for i := range s.Len() {
		if p := s.At(i); len([]rune(p.Title.In(l))) > len([]rune(best.Title.In(l))) {
			best = p
		}
	}
	return best
}

// TestNoTextIsCutOrOverlapsOnAnyScreen walks every visitor screen at the
// hall's three screen sizes, in both looks, at the hall's and the largest
// text size, and in all three languages, and fails on any text that is
// cut or overlaps another.
func TestNoTextIsCutOrOverlapsOnAnyScreen(t *testing.T) {
	ui, _ := demoUI(t) // the hall's real names, the long theme names among them
	ui.Reach = 1200
	a := fyne.CurrentApp()
	for _, v := range viewings {
		a.Settings().SetTheme(v.Theme())
		ui.Viewing = v
		for _, l := range catalog.Langs {
			ui.Lang = l
			for name, build := range visitorScreens(ui) {
				for _, size := range hallSizes {
					w := test.NewWindow(build())
					w.SetPadded(false)
					w.Resize(size)
					for _, p := range textProblems(w.Content(), size) {
						t.Errorf("%s, %s, %.0fx%.0f, text %.0f%%, look %d: %s", name, l, size.Width, size.Height, v.Theme().Scale()*100, v.Look, p)
					}
					w.Close()
				}
			}
		}
	}
}

// viewerNav is a Nav that offers the text size and look switches.
type viewerNav struct {
	recordingNav
	views []Viewing
}

func (n *viewerNav) SetViewing(v Viewing) { n.views = append(n.views, v) }
func (n *viewerNav) Search()              {}

// The top bar's switches step the text size up to 150% and round, and
// turn the high-contrast look on and off; every control is a touch target.
func TestTopBarSwitchesTextSizeAndLook(t *testing.T) {
	ui, _ := demoUI(t)
	nav := &viewerNav{}
	ui.Nav = nav
	ui.Viewing = Viewing{Step: len(TextSteps) - 1}
	w := test.NewTempWindow(t, NewHome(ui))
	w.Resize(fyne.NewSize(1920, 1080))
	test.Tap(findButton(t, w.Content(), T(ui.Lang, "text_size")+" 150%"))
	test.Tap(findButton(t, w.Content(), T(ui.Lang, "high_contrast")))
	want := []Viewing{{Step: 0}, {Step: len(TextSteps) - 1, Look: LookHighContrast}}
	if len(nav.views) != 2 || nav.views[0] != want[0] || nav.views[1] != want[1] {
		t.Fatalf("the switches asked for %+v, want %+v", nav.views, want)
	}
	walk(w.Content(), func(o fyne.CanvasObject) {
		if b, ok := o.(*widget.Button); ok && b.Visible() && (b.Size().Height < TouchTarget || b.Size().Width < TouchTarget) {
			t.Errorf("button %q is %v, under the %v px a finger needs", b.Text, b.Size(), TouchTarget)
		}
	})
}

// On a screen taller than a seated visitor reaches, every control of the
// bar (home, back, language, search, text size, look) sits within reach
// at the bottom; on a 1080p landscape screen the bar stays on top.
func TestControlsComeWithinReachOnTallScreens(t *testing.T) {
	ui, _ := demoUI(t)
	ui.Nav = &viewerNav{}
	ui.Reach = 1200
	for _, c := range []struct {
		size   fyne.Size
		bottom bool
	}{{fyne.NewSize(1080, 1920), true}, {fyne.NewSize(1920, 1080), false}, {fyne.NewSize(1366, 768), false}} {
		for name, build := range map[string]func() fyne.CanvasObject{
			"home":   func() fyne.CanvasObject { return NewHome(ui) },
			"browse": func() fyne.CanvasObject { return NewBrowse(ui, nil, nil).Object() },
			"detail": func() fyne.CanvasObject { return NewDetail(ui, ui.Snap.At(0)).Object() },
		} {
			searchable := name != "detail"
			w := test.NewWindow(build())
			w.SetPadded(false)
			w.Resize(c.size)
			n, seenSearch := 0, false
			walk(w.Content(), func(o fyne.CanvasObject) {
				b, ok := o.(*widget.Button)
				if !ok || !b.Visible() || b.Text == "" {
					return
				}
				bar := false
				for _, key := range []string{"home", "back", "search", "text_size", "high_contrast"} {
					bar = bar || strings.HasPrefix(b.Text, T(ui.Lang, key))
				}
				for _, l := range catalog.Langs {
					bar = bar || b.Text == l.NativeName()
				}
				if !bar {
					return
				}
				n++
				seenSearch = seenSearch || strings.HasPrefix(b.Text, T(ui.Lang, "search"))
				top := fyne.CurrentApp().Driver().AbsolutePositionForObject(b).Y
				if c.bottom && top < c.size.Height-ui.Reach {
					t.Errorf("%s at %v: %q is at y=%v, above a seated visitor's reach (the lowest %v px)", name, c.size, b.Text, top, ui.Reach)
				}
				if !c.bottom && top > 200 {
					t.Errorf("%s at %v: %q is at y=%v, not in the top bar", name, c.size, b.Text, top)
				}
			})
			if n < 5 {
				t.Errorf("%s at %v: only %d bar controls found", name, c.size, n)
			}
			if searchable && !seenSearch {
				t.Errorf("%s at %v: no search in the bar", name, c.size)
			}
			w.Close()
		}
	}
}

// The home screen's grids line up with the bar: the featured row, the
// tile rows and the theme entries start at the same left edge and end at
// the same right edge, at every hall size.
func TestHomeGridsAlignAtBothEdges(t *testing.T) {
	ui, _ := demoUI(t)
	for _, size := range hallSizes {
		w := test.NewWindow(NewHome(ui))
		w.SetPadded(false)
		w.Resize(size)
		edges := map[string][2]float32{}
		note := func(kind string, o fyne.CanvasObject) {
			x := fyne.CurrentApp().Driver().AbsolutePositionForObject(o).X
			e, ok := edges[kind]
			if !ok {
				e = [2]float32{x, x + o.Size().Width}
			}
			edges[kind] = [2]float32{min(e[0], x), max(e[1], x+o.Size().Width)}
		}
		walk(w.Content(), func(o fyne.CanvasObject) {
			switch o := o.(type) {
			case *Tile:
				note("tiles", o)
			case *Pressable:
				if _, tile := o.content.(*fyne.Container); tile && o.Size().Width >= FeatureWidth {
					note("featured", o)
				}
			case *widget.Button:
				if strings.Contains(o.Text, " · ") {
					note("themes", o)
				}
			}
		})
		if len(edges) != 3 {
			t.Fatalf("at %v found only %v", size, edges)
		}
		for kind, e := range edges {
			if d := e[0] - edges["tiles"][0]; d < -1 || d > 1 {
				t.Errorf("at %v the %s start at x=%v, the tiles at %v", size, kind, e[0], edges["tiles"][0])
			}
			if d := e[1] - edges["tiles"][1]; d < -1 || d > 1 {
				t.Errorf("at %v the %s end at x=%v, the tiles at %v", size, kind, e[1], edges["tiles"][1])
			}
		}
		if right := size.Width - edges["tiles"][1]; right > 3*theme.Padding() {
			t.Errorf("at %v the grids leave %v px empty at the right", size, right)
		}
		w.Close()
	}
}

// TestHomeMarkupAtHallSizes keeps the home screen's layout at the hall's
// three screen sizes, in both looks, and at the largest text size.
func TestHomeMarkupAtHallSizes(t *testing.T) {
	ui, _ := newTestUI(t, 14)
	ui.Nav = &viewerNav{}
	ui.Reach = 1200
	for _, v := range []Viewing{{}, {Look: LookHighContrast}, {Step: len(TextSteps) - 1, Look: LookHighContrast}} {
		fyne.CurrentApp().Settings().SetTheme(v.Theme())
		ui.Viewing = v
		for _, size := range hallSizes {
			w := test.NewWindow(NewHome(ui))
			w.SetPadded(false)
			w.Resize(size)
			look := "standard"
			if v.Look == LookHighContrast {
				look = "contrast"
			}
			name := fmt.Sprintf("home_%.0fx%.0f_%s_%.0f.xml", size.Width, size.Height, look, v.Theme().Scale()*100)
			test.AssertRendersToMarkup(t, name, w.Canvas())
			w.Close()
		}
	}
}
