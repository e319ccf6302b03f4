package roadshow

import (
	"fmt"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"showhall/store/catalog"
	"showhall/store/deck"
)

// memLibrary keeps decks in memory, as the app keeps them in bbolt.
type memLibrary struct {
	decks     map[string]deck.Deck
	n         int
	presented []bool
}

func (m *memLibrary) Decks() ([]deck.Deck, error) {
	var out []deck.Deck
	for _, d := range m.decks {
		out = append(out, d)
	}
	return out, nil
}
func (m *memLibrary) New() deck.Deck { return deck.New("新的路演", catalog.Hans, t0) }
func (m *memLibrary) Save(d deck.Deck) (deck.Deck, error) {
	if err := d.Validate(); err != nil {
		return d, err
	}
	if d.ID == "" {
		m.n++
		d.ID = fmt.Sprintf("d%d", m.n)
	}
	m.decks[d.ID] = d.Clone()
	return d, nil
}
func (m *memLibrary) Duplicate(id string) (deck.Deck, error) {
	d := m.decks[id].Clone()
	d.ID = ""
	return m.Save(d)
}
func (m *memLibrary) Delete(id string) error                       { delete(m.decks, id); return nil }
func (m *memLibrary) Export(id, path string) error                 { return nil }
func (m *memLibrary) Import(path string) (deck.Deck, error)        { return deck.Deck{}, nil }
func (m *memLibrary) Handout(deck.Deck, string, bool, func(error)) {}
func (m *memLibrary) Present(d deck.Deck, rehearse bool)           { m.presented = append(m.presented, rehearse) }

func TestBuilderMakesADeck(t *testing.T) {
	c := testContent(t)
	lib := &memLibrary{decks: map[string]deck.Deck{}}
	w := test.NewTempWindow(t, nil)
	b := NewBuilder(lib, c.Snap, catalog.Hans, w)
	w.SetContent(b.Object())
	w.Resize(fyne.NewSize(1600, 1000))

	b.SetField("title", "三月路演")
	b.SetField("minutes", "15")
	b.Search("no. 1")
	if len(b.Results()) == 0 || len(b.Results()) == c.Snap.Len() {
		t.Fatalf("search gave %d of %d projects", len(b.Results()), c.Snap.Len())
	}
	first := b.Results()[0]
	b.PickResult(0)
	b.Search("")
	b.PickResult(1)
	b.PickResult(1) // twice: a project is shown once
	d := b.Deck()
	if got := d.Projects(); len(got) != 2 || got[0] != first {
		t.Fatalf("projects %v", got)
	}
	if d.Slides[0].Kind != deck.KindTitle || d.Slides[3].Kind != deck.KindClosing {
		t.Fatalf("slides %+v", d.Slides)
	}

	// Reorder: the second project moves above the first; notes follow it.
	b.SelectSlide(2)
	b.notes.SetText("讲合作方式")
	b.Move(-1)
	d = b.Deck()
	if d.Slides[1].Project == first || d.Slides[1].Notes != "讲合作方式" {
		t.Fatalf("after moving up: %+v", d.Slides)
	}

	b.AddRotation(c.Snap.Rotations()[0].ID)
	d = b.Deck()
	if n := len(d.Projects()); n <= 2 {
		t.Fatalf("a rotation added nothing: %d projects", n)
	}
	if !b.Save() {
		t.Fatal("save failed")
	}
	saved := lib.decks[b.Deck().ID]
	if saved.Title != "三月路演" || saved.Minutes != 15 || saved.Slides[1].Notes != "讲合作方式" {
		t.Fatalf("saved %+v", saved)
	}
	b.present(true)
	if len(lib.presented) != 1 || !lib.presented[0] {
		t.Fatal("rehearse did not reach the app")
	}
	// An invalid deck is not saved and says why.
	b.SetField("date", "next tuesday")
	if b.Save() || b.status.Text == "" {
		t.Fatal("an invalid date was saved")
	}
}

func TestBuilderMarkup(t *testing.T) {
	c := testContent(t)
	lib := &memLibrary{decks: map[string]deck.Deck{}}
	lib.Save(c.Deck)
	w := test.NewTempWindow(t, nil)
	b := NewBuilder(lib, c.Snap, catalog.Hans, w)
	w.SetContent(b.Object())
	w.Resize(fyne.NewSize(1600, 1000))
	b.SelectSlide(1)
	test.AssertRendersToMarkup(t, "builder.xml", w.Canvas())
}
