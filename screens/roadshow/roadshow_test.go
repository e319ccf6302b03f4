package roadshow

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"

	"showhall/screens"
	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/deck"
)

var t0 = time.Date(2026, 3, 18, 14, 0, 0, 0, time.UTC)

// testContent is a talk of 10 slides: title, 8 projects, closing.
func testContent(t *testing.T) *Content {
	return testContentWith(t, nil)
}

// testContentWith is testContent on a catalogue that edit may change
// first; it gets the catalogue and the ids of the deck's projects.
func testContentWith(t *testing.T, edit func(doc *catalog.Document, deckProjects []string)) *Content {
	t.Helper()
	a := uitest.NewApp(t)
	a.Settings().SetTheme(screens.HallTheme{})
	doc := catalogtest.Generate(30, 5)
	snap := catalog.NewSnapshot(doc)
	if edit != nil {
		var ids []string
		for i := 0; i < 8; i++ {
			ids = append(ids, snap.At(i).ID)
		}
		edit(&doc, ids)
		snap = catalog.NewSnapshot(doc)
	}
	d := deck.New("人工智能应用场景路演", catalog.Hans, t0)
	d.Event, d.Date, d.Venue, d.Minutes = "琶洲三月路演", "2026-03-18", "琶洲会展中心 B 厅", 20
	d.Contact = deck.Contact{Name: "陈小姐", Email: "roadshow@example.cn", URL: "https://scenes.example.gov.cn/roadshow"}
	for i := 0; i < 8; i++ {
		d.AddProjects(snap.At(i).ID)
	}
	d.Slides[1].Notes = "先讲落地效果。"
	return &Content{Deck: d, Snap: snap, Pics: screens.NewPictures(nil)}
}

func key(c fyne.Canvas, names ...fyne.KeyName) {
	for _, n := range names {
		c.OnTypedKey()(&fyne.KeyEvent{Name: n})
	}
}

func TestPresenterKeys(t *testing.T) {
	c := testContent(t)
	clock := t0
	p := NewPresenter(c, func() time.Time { return clock })
	left := 0
	p.OnLeave = func() { left++ }
	w := test.NewTempWindow(t, p.Rehearsal())
	w.Resize(fyne.NewSize(1920, 1080))
	p.Attach(w.Canvas())
	cv := w.Canvas()

	pos := func(want int) {
		t.Helper()
		if got := p.Show().Pos() + 1; got != want {
			t.Fatalf("on slide %d, want %d", got, want)
		}
	}
	key(cv, fyne.KeyRight, fyne.KeyPageDown, fyne.KeySpace, fyne.KeyDown)
	pos(5)
	key(cv, fyne.KeyLeft, fyne.KeyPageUp, fyne.KeyUp)
	pos(2)
	key(cv, fyne.KeyEnd)
	pos(10)
	key(cv, fyne.KeyHome)
	pos(1)

	// A number then Enter jumps; the console shows the number as typed.
	key(cv, fyne.Key1, fyne.Key0)
	if p.typed.Text == "" {
		t.Fatal("the typed number is not shown")
	}
	key(cv, fyne.KeyReturn)
	pos(10)
	key(cv, fyne.Key3, fyne.KeyEnter)
	pos(3)

	// B blacks the projector; the next press brings the same slide back.
	key(cv, fyne.KeyB)
	if r, ok := p.AudienceShows().(*canvas.Rectangle); !ok || r != p.black {
		t.Fatal("B did not black the audience view")
	}
	key(cv, fyne.KeyRight)
	pos(3)
	if p.AudienceShows() == p.black {
		t.Fatal("the screen stayed black")
	}
	key(cv, fyne.KeyPeriod)
	if p.AudienceShows() != p.black {
		t.Fatal("'.' (what many clickers send) did not black the screen")
	}
	key(cv, fyne.KeyB)

	// The clock started with the first key and counts against the plan.
	clock = t0.Add(3*time.Minute + 4*time.Second)
	p.Tick()
	if p.clock.Text != "03:04 / 20:00" {
		t.Fatalf("clock shows %q", p.clock.Text)
	}

	key(cv, fyne.Key7, fyne.KeyEscape)
	if left != 0 {
		t.Fatal("Esc with a number typed should drop the number, not leave")
	}
	key(cv, fyne.KeyEscape)
	if left != 1 {
		t.Fatal("Esc did not leave")
	}
}

func TestRehearsalMarkup(t *testing.T) {
	c := testContent(t)
	p := NewPresenter(c, func() time.Time { return t0 })
	w := test.NewTempWindow(t, p.Rehearsal())
	w.Resize(fyne.NewSize(1920, 1080))
	p.Attach(w.Canvas())
	key(w.Canvas(), fyne.KeyRight)
	test.AssertRendersToMarkup(t, "rehearsal_project.xml", w.Canvas())
}

func TestConsoleAndAudienceMarkup(t *testing.T) {
	c := testContent(t)
	p := NewPresenter(c, func() time.Time { return t0 })
	console := test.NewTempWindow(t, p.Console())
	console.Resize(fyne.NewSize(1920, 1080))
	audience := test.NewTempWindow(t, p.Audience())
	audience.SetPadded(false) // as the app's: the slide fills the projector
	audience.Resize(fyne.NewSize(1920, 1080))
	test.AssertRendersToMarkup(t, "console_title.xml", console.Canvas())
	test.AssertRendersToMarkup(t, "audience_title.xml", audience.Canvas())
	p.TypedKey(&fyne.KeyEvent{Name: fyne.KeyEnd})
	test.AssertRendersToMarkup(t, "audience_closing.xml", audience.Canvas())
}
