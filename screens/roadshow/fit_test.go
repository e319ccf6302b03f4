package roadshow

import (
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
)

// Projectors found in meeting rooms and halls, and the scale a slide
// designed for 1920x1080 is drawn at on each.
var projectors = []struct {
	size  fyne.Size
	scale float32
}{
	{fyne.NewSize(1280, 800), 1280.0 / 1920},
	{fyne.NewSize(1024, 768), 1024.0 / 1920},
	{fyne.NewSize(1280, 720), 1280.0 / 1920},
	{fyne.NewSize(3840, 2160), 2},
	{fyne.NewSize(1920, 1080), 1},
}

// placed is an object drawn on a window, with its place on the window.
type placed struct {
	o   fyne.CanvasObject
	pos fyne.Position
}

// drawnIn lists the visible objects under o with their absolute places.
func drawnIn(o fyne.CanvasObject) []placed {
	var out []placed
	var walk func(o fyne.CanvasObject, at fyne.Position)
	walk = func(o fyne.CanvasObject, at fyne.Position) {
		if o == nil || !o.Visible() {
			return
		}
		pos := at.Add(o.Position())
		out = append(out, placed{o, pos})
		switch x := o.(type) {
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c, pos)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walk(c, pos)
			}
		}
	}
	walk(o, fyne.Position{})
	return out
}

// within reports whether an object at pos lies inside the rectangle
// (min, size), to half a pixel.
func within(pos fyne.Position, size fyne.Size, min fyne.Position, area fyne.Size) bool {
	const e = 0.5
	return pos.X >= min.X-e && pos.Y >= min.Y-e &&
		pos.X+size.Width <= min.X+area.Width+e && pos.Y+size.Height <= min.Y+area.Height+e
}

// checkFits checks a slide view laid out at (at, size): drawn at the
// scale that fits it, centred, every object inside it, every line of
// text whole (its full width given, within the slide's margins).
func checkFits(t *testing.T, v *slideView, at fyne.Position, size fyne.Size) {
	t.Helper()
	s := fitScale(size)
	if d := v.Scale() - s; d > 1e-4 || d < -1e-4 {
		t.Fatalf("slide drawn at scale %.4f in %v, want %.4f", v.Scale(), size, s)
	}
	slide := fyne.NewSize(1920*s, 1080*s)
	// What the slide needs at this scale fits in it: nothing is
	// squeezed over its neighbour.
	if min := v.drawn.MinSize(); min.Width > slide.Width+0.5 || min.Height > slide.Height+0.5 {
		t.Errorf("at scale %.4f the slide needs %v, more than its %v", s, min, slide)
	}
	origin := at.Add(fyne.NewPos((size.Width-slide.Width)/2, (size.Height-slide.Height)/2))
	pad := 48 * s
	inner := fyne.NewSize(slide.Width-2*pad, slide.Height-2*pad)
	innerAt := origin.Add(fyne.NewPos(pad, pad))
	texts := 0
	for _, p := range drawnIn(v) {
		if p.o == v {
			continue
		}
		p.pos = p.pos.Add(at).Subtract(v.Position()) // on the window
		if !within(p.pos, p.o.Size(), at, size) {
			t.Errorf("%T at %v size %v lies outside the view at %v size %v", p.o, p.pos, p.o.Size(), at, size)
		}
		if tx, ok := p.o.(*canvas.Text); ok {
			texts++
			if !within(p.pos, tx.MinSize(), innerAt, inner) {
				t.Errorf("text %q (%v at %v) runs into the margins of the slide at %v size %v", tx.Text, tx.MinSize(), p.pos, innerAt, inner)
			}
			if tx.Size().Width+0.5 < tx.MinSize().Width || tx.Size().Height+0.5 < tx.MinSize().Height {
				t.Errorf("text %q clipped: given %v, needs %v", tx.Text, tx.Size(), tx.MinSize())
			}
		}
	}
	if texts == 0 {
		t.Fatal("no text on the slide")
	}
}

// title is the slide's bold heading.
func title(t *testing.T, v *slideView) *canvas.Text {
	t.Helper()
	for _, p := range drawnIn(v) {
		if tx, ok := p.o.(*canvas.Text); ok && tx.TextStyle.Bold {
			return tx
		}
	}
	t.Fatal("no title on the slide")
	return nil
}

// capture keeps what the test driver draws, to look at.
func capture(t *testing.T, w fyne.Window, name string) {
	t.Helper()
	dir := os.Getenv("SHOWHALL_FIT_SHOTS")
	if dir == "" {
		return
	}
	f, err := os.Create(filepath.Join(dir, name+".png"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := png.Encode(f, w.Canvas().Capture()); err != nil {
		t.Fatal(err)
	}
}

func TestAudienceSlideFitsEveryProjector(t *testing.T) {
	for _, slide := range []int{0, 1, 9} { // title, a project, closing
		t.Run(fmt.Sprint("slide", slide+1), func(t *testing.T) {
			c := testContent(t)
			p := NewPresenter(c, func() time.Time { return t0 })
			w := test.NewTempWindow(t, p.Audience())
			w.SetPadded(false)
			w.Resize(fyne.NewSize(1920, 1080))
			for i := 0; i < slide; i++ {
				p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
			}
			heading := title(t, p.audienceSlide).Text
			for _, pr := range projectors {
				w.Resize(pr.size)
				if got := w.Canvas().Size(); got != pr.size {
					t.Fatalf("the audience window grew from %v to %v", pr.size, got)
				}
				v := p.audienceSlide
				if v.Size() != pr.size {
					t.Fatalf("the slide view is %v on a %v projector", v.Size(), pr.size)
				}
				if d := v.Scale() - pr.scale; d > 1e-4 || d < -1e-4 {
					t.Fatalf("on %v the slide is drawn at scale %.4f, want %.4f", pr.size, v.Scale(), pr.scale)
				}
				checkFits(t, v, fyne.Position{}, pr.size)
				if tt := title(t, v); tt.Text != heading {
					t.Fatalf("on %v the title reads %q, want %q", pr.size, tt.Text, heading)
				}
				capture(t, w, fmt.Sprintf("audience-%d-%dx%d", slide+1, int(pr.size.Width), int(pr.size.Height)))
			}
			// Back on a 1920x1080 projector: the design's own sizes.
			if v := p.audienceSlide; v.Scale() != 1 || v.drawn.Position() != (fyne.Position{}) || v.drawn.Size() != slideDesign {
				t.Fatalf("back at 1920x1080 the slide is drawn at scale %v, at %v size %v", v.Scale(), v.drawn.Position(), v.drawn.Size())
			}
			if size := title(t, p.audienceSlide).TextSize; size != 60 && size != 76 && size != 80 {
				t.Fatalf("back at 1920x1080 the title is %v points", size)
			}
		})
	}
}

// TestNextSlidesKeepTheProjectorsScale: a slide after a resize is drawn
// at the projector's scale from the start, and no slide makes the
// window grow.
func TestNextSlidesKeepTheProjectorsScale(t *testing.T) {
	c := testContent(t)
	p := NewPresenter(c, func() time.Time { return t0 })
	w := test.NewTempWindow(t, p.Audience())
	w.SetPadded(false)
	size := fyne.NewSize(1280, 800)
	w.Resize(size)
	var titleAt fyne.Position
	for i := 0; i < len(c.Deck.Slides); i++ {
		if i > 0 {
			p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		}
		if got := w.Canvas().Size(); got != size {
			t.Fatalf("slide %d: the window grew to %v", i+1, got)
		}
		if min := w.Content().MinSize(); min.Width > size.Width || min.Height > size.Height {
			t.Fatalf("slide %d asks for %v on a %v projector", i+1, min, size)
		}
		checkFits(t, p.audienceSlide, fyne.Position{}, size)
		switch i {
		case 0:
			titleAt = p.audienceSlide.drawn.Position()
		case 1:
			test.AssertRendersToMarkup(t, "audience_project_1280x800.xml", w.Canvas())
		}
	}
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyHome})
	if at := p.audienceSlide.drawn.Position(); at != titleAt {
		t.Fatalf("the title slide is drawn at %v after the talk, %v at its start", at, titleAt)
	}
}

func TestPreviewsFitTheirPanes(t *testing.T) {
	c := testContent(t)
	p := NewPresenter(c, func() time.Time { return t0 })
	w := test.NewTempWindow(t, p.Console())
	for _, size := range []fyne.Size{fyne.NewSize(1920, 1080), fyne.NewSize(1600, 900)} {
		w.Resize(size)
		p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyRight})
		for _, pane := range []*fyne.Container{p.cur, p.next} {
			v := pane.Objects[0].(*slideView)
			at := fyne.Position{}
			for _, pl := range drawnIn(w.Content()) {
				if pl.o == v {
					at = pl.pos
				}
			}
			checkFits(t, v, at, v.Size())
			if v.Size() != pane.Size() {
				t.Fatalf("the preview is %v in a pane of %v", v.Size(), pane.Size())
			}
		}
	}
}

// TestRehearsalFitsALaptop: talk and console in one window on a
// 1366x768 laptop; no slide makes the window grow, and every slide is
// drawn at the talk pane's scale.
func TestRehearsalFitsALaptop(t *testing.T) {
	c := testContent(t)
	p := NewPresenter(c, func() time.Time { return t0 })
	w := test.NewTempWindow(t, p.Rehearsal())
	w.SetPadded(false)
	p.Attach(w.Canvas())
	for _, size := range []fyne.Size{fyne.NewSize(1366, 768), fyne.NewSize(1600, 900)} {
		w.Resize(size)
		key(w.Canvas(), fyne.KeyHome)
		var scale float32
		for i := 0; i < len(c.Deck.Slides); i++ {
			if i > 0 {
				key(w.Canvas(), fyne.KeyRight)
			}
			if min := w.Content().MinSize(); min.Width >= 1366 || min.Height >= 768 {
				t.Fatalf("in a %v window slide %d asks for %v, more than a 1366x768 laptop has", size, i+1, min)
			}
			if got := w.Canvas().Size(); got != size {
				t.Fatalf("slide %d: the window grew from %v to %v", i+1, size, got)
			}
			v := p.audienceSlide
			if i == 0 {
				scale = v.Scale()
			} else if v.Scale() != scale {
				t.Fatalf("slide %d is drawn at scale %v, the first at %v", i+1, v.Scale(), scale)
			}
			var at fyne.Position
			for _, pl := range drawnIn(w.Content()) {
				if pl.o == v {
					at = pl.pos
				}
			}
			checkFits(t, v, at, v.Size())
			if i == 1 {
				capture(t, w, fmt.Sprintf("rehearsal-%dx%d", int(size.Width), int(size.Height)))
			}
		}
	}
}

// TestConsoleFitsALaptopAndGrowsWithIt: the console asks for no more
// than a 1366x768 laptop has, and the slide being shown takes the room a
// bigger screen gives it, keeping the projector's 16:9.
func TestConsoleFitsALaptopAndGrowsWithIt(t *testing.T) {
	c := testContent(t)
	p := NewPresenter(c, func() time.Time { return t0 })
	w := test.NewTempWindow(t, p.Console())
	w.SetPadded(false)
	for _, tc := range []struct {
		size    fyne.Size
		atLeast float32 // the current slide's width
	}{{fyne.NewSize(1366, 768), 700}, {fyne.NewSize(1920, 1200), 1300}} {
		w.Resize(tc.size)
		if min := w.Content().MinSize(); min.Width >= 1366 || min.Height >= 768 {
			t.Fatalf("the console asks for %v, more than a 1366x768 laptop has", min)
		}
		if got := w.Canvas().Size(); got != tc.size {
			t.Fatalf("the console grew from %v to %v", tc.size, got)
		}
		v := p.cur.Objects[0].(*slideView)
		got := v.Size()
		if got.Width < tc.atLeast || got.Width/got.Height < 1.77 || got.Width/got.Height > 1.78 {
			t.Fatalf("on a %v screen the slide being shown is %v; want at least %v wide, 16:9", tc.size, got, tc.atLeast)
		}
	}
}
