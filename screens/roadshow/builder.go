package roadshow

import (
	"fmt"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/deck"
)

// Library is what the builder asks of the app: keeping decks, and the
// files a presenter carries. The screens never open the database.
type Library interface {
	Decks() ([]deck.Deck, error)
	New() deck.Deck
	Save(d deck.Deck) (deck.Deck, error)
	Duplicate(id string) (deck.Deck, error)
	Delete(id string) error
	Export(id, path string) error
	Import(path string) (deck.Deck, error)
	// Handout writes the PDF in the background and calls done on the
	// Fyne goroutine.
	Handout(d deck.Deck, path string, compact bool, done func(error))
	Present(d deck.Deck, rehearse bool)
}

// Builder is the deck builder: the presenter's decks on the left, the
// deck being edited in the middle, the catalogue to pick from on the
// right.
type Builder struct {
	lib  Library
	snap *catalog.Snapshot
	lang catalog.Lang
	win  fyne.Window

	deck     deck.Deck
	selected int // slide whose notes are edited; -1 for none
	decks    []deck.Deck
	results  []int
	loading  bool // filling the form from a deck: not an edit

	deckList, slideList, resultList *widget.List
	fields                          map[string]*widget.Entry
	langSel, themeSel, rotSel       *widget.Select
	notes, search                   *widget.Entry
	status                          *widget.Label
	theme                           string
	root                            fyne.CanvasObject
}

// NewBuilder lays the builder out and opens the most recent deck (or a
// new one).
func NewBuilder(lib Library, snap *catalog.Snapshot, lang catalog.Lang, win fyne.Window) *Builder {
	b := &Builder{lib: lib, snap: snap, lang: lang, win: win, selected: -1, fields: map[string]*widget.Entry{}}
	b.status = widget.NewLabel("")
	b.root = container.NewBorder(b.toolbar(), b.status, b.deckPane(), b.cataloguePane(), b.editPane())
	b.reloadDecks()
	if len(b.decks) > 0 {
		b.open(b.decks[0])
	} else {
		b.open(lib.New())
	}
	b.filter()
	return b
}

func (b *Builder) t(key string) string { return screens.T(b.lang, key) }

// Object is the builder's whole screen.
func (b *Builder) Object() fyne.CanvasObject { return b.root }

// Deck is the deck being edited.
func (b *Builder) Deck() deck.Deck { return b.deck.Clone() }

func (b *Builder) say(s string) { b.status.SetText(s) }

func (b *Builder) fail(err error) {
	b.say(err.Error())
	if b.win != nil {
		dialog.ShowError(err, b.win)
	}
}

func (b *Builder) toolbar() fyne.CanvasObject {
	pdf := func(compact bool) func() {
		return func() {
			b.saveFile(sanitize(b.deck.Title)+".pdf", func(path string) {
				b.say(b.t("rs_pdf_writing"))
				b.lib.Handout(b.deck.Clone(), path, compact, func(err error) {
					if err != nil {
						b.fail(err)
						return
					}
					b.say(b.t("rs_pdf_done") + " " + path)
				})
			})
		}
	}
	return container.NewHBox(
		widget.NewButtonWithIcon(b.t("rs_save"), theme.DocumentSaveIcon(), func() { b.Save() }),
		widget.NewButtonWithIcon(b.t("rs_export"), theme.UploadIcon(), b.export),
		widget.NewButtonWithIcon(b.t("rs_pdf_slides"), theme.DocumentPrintIcon(), pdf(false)),
		widget.NewButtonWithIcon(b.t("rs_pdf_compact"), theme.DocumentPrintIcon(), pdf(true)),
		widget.NewButtonWithIcon(b.t("rs_rehearse"), theme.ComputerIcon(), func() { b.present(true) }),
		widget.NewButtonWithIcon(b.t("rs_present"), theme.MediaPlayIcon(), func() { b.present(false) }),
	)
}

// present saves first, so the talk shown is the talk kept.
func (b *Builder) present(rehearse bool) {
	if b.Save() {
		b.lib.Present(b.deck.Clone(), rehearse)
	}
}

// Save stores the deck; it reports whether that worked.
func (b *Builder) Save() bool {
	saved, err := b.lib.Save(b.deck)
	if err != nil {
		b.fail(err)
		return false
	}
	b.deck = saved
	b.reloadDecks()
	b.say(b.t("rs_saved"))
	return true
}

func (b *Builder) deckPane() fyne.CanvasObject {
	b.deckList = widget.NewList(
		func() int { return len(b.decks) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(clipRunes(b.decks[i].Title, 24))
		})
	b.deckList.OnSelected = func(i widget.ListItemID) {
		if i < len(b.decks) && b.decks[i].ID != b.deck.ID {
			b.open(b.decks[i])
		}
	}
	buttons := container.NewGridWithColumns(2,
		widget.NewButtonWithIcon(b.t("rs_new"), theme.ContentAddIcon(), func() { b.open(b.lib.New()) }),
		widget.NewButtonWithIcon(b.t("rs_duplicate"), theme.ContentCopyIcon(), b.duplicate),
		widget.NewButtonWithIcon(b.t("rs_delete"), theme.DeleteIcon(), b.delete),
		widget.NewButtonWithIcon(b.t("rs_import"), theme.DownloadIcon(), b.importDeck),
	)
	return box(container.NewBorder(widget.NewLabelWithStyle(b.t("rs_decks"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), buttons, nil, nil, b.deckList), 300, 0)
}

func (b *Builder) reloadDecks() {
	ds, err := b.lib.Decks()
	if err != nil {
		b.fail(err)
	}
	b.decks = ds
	if b.deckList != nil {
		b.deckList.Refresh()
	}
}

// open shows a deck in the form.
func (b *Builder) open(d deck.Deck) {
	b.deck = d.Clone()
	b.loading = true
	for k, e := range b.fields {
		e.SetText(b.fieldValue(k))
	}
	b.langSel.SetSelected(b.deck.Lang.NativeName())
	b.loading = false
	b.selectSlide(-1)
	b.slideList.Refresh()
}

// The deck's fields as the form edits them, by name.
var fieldNames = []string{"title", "event", "date", "venue", "minutes", "contact_name", "contact_org", "contact_phone", "contact_email", "contact_url"}

func (b *Builder) fieldPtr(k string) *string {
	d := &b.deck
	switch k {
	case "title":
		return &d.Title
	case "event":
		return &d.Event
	case "date":
		return &d.Date
	case "venue":
		return &d.Venue
	case "contact_name":
		return &d.Contact.Name
	case "contact_org":
		return &d.Contact.Organisation
	case "contact_phone":
		return &d.Contact.Phone
	case "contact_email":
		return &d.Contact.Email
	case "contact_url":
		return &d.Contact.URL
	}
	return nil
}

func (b *Builder) fieldValue(k string) string {
	if k == "minutes" {
		return strconv.Itoa(b.deck.Minutes)
	}
	return *b.fieldPtr(k)
}

// SetField changes one field of the deck as if typed.
func (b *Builder) SetField(k, v string) { b.fields[k].SetText(v) }

func (b *Builder) editPane() fyne.CanvasObject {
	// Two columns (the talk, the contact) keep the slide list tall.
	form, contact := widget.NewForm(), widget.NewForm()
	for _, k := range fieldNames {
		k := k
		e := widget.NewEntry()
		e.OnChanged = func(s string) {
			if b.loading {
				return
			}
			if k == "minutes" {
				n, err := strconv.Atoi(strings.TrimSpace(s))
				if err != nil {
					return
				}
				b.deck.Minutes = n
				return
			}
			*b.fieldPtr(k) = s
			if k == "title" {
				b.slideList.RefreshItem(0)
			}
		}
		b.fields[k] = e
		if strings.HasPrefix(k, "contact_") {
			contact.Append(b.t("rs_field_"+k), e)
		} else {
			form.Append(b.t("rs_field_"+k), e)
		}
	}
	var names []string
	for _, l := range catalog.Langs {
		names = append(names, l.NativeName())
	}
	b.langSel = widget.NewSelect(names, func(s string) {
		for _, l := range catalog.Langs {
			if l.NativeName() == s && !b.loading {
				b.deck.Lang = l
				b.slideList.Refresh()
			}
		}
	})
	form.Append(b.t("rs_field_lang"), b.langSel)

	b.slideList = widget.NewList(
		func() int { return len(b.deck.Slides) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			o.(*widget.Label).SetText(b.slideLine(i))
		})
	b.slideList.OnSelected = func(i widget.ListItemID) { b.selectSlide(i) }
	b.notes = widget.NewMultiLineEntry()
	b.notes.Wrapping = fyne.TextWrapWord
	b.notes.SetPlaceHolder(b.t("rs_notes"))
	b.notes.OnChanged = func(s string) {
		if !b.loading && b.selected >= 0 && b.selected < len(b.deck.Slides) {
			b.deck.Slides[b.selected].Notes = s
		}
	}
	moves := container.NewHBox(
		widget.NewButtonWithIcon(b.t("rs_up"), theme.MoveUpIcon(), func() { b.Move(-1) }),
		widget.NewButtonWithIcon(b.t("rs_down"), theme.MoveDownIcon(), func() { b.Move(1) }),
		widget.NewButtonWithIcon(b.t("rs_remove"), theme.ContentRemoveIcon(), b.Remove),
		widget.NewButton(b.t("rs_add_title"), func() { b.addSlide(deck.KindTitle) }),
		widget.NewButton(b.t("rs_add_closing"), func() { b.addSlide(deck.KindClosing) }),
	)
	slides := container.NewBorder(widget.NewLabelWithStyle(b.t("rs_slides"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), moves, nil, nil, b.slideList)
	split := container.NewVSplit(slides, b.notes)
	split.SetOffset(0.7) // the slide list matters more than one slide's notes
	return container.NewBorder(container.NewGridWithColumns(2, form, contact), nil, nil, nil, split)
}

func (b *Builder) slideLine(i int) string {
	c := &Content{Deck: b.deck, Snap: b.snap}
	s := fmt.Sprintf("%d. %s", i+1, clipRunes(SlideTitle(c, i), 40))
	if i < len(b.deck.Slides) && b.deck.Slides[i].Notes != "" {
		s += "  ✎"
	}
	return s
}

// SelectSlide picks the slide whose notes are edited and which Move and
// Remove act on.
func (b *Builder) selectSlide(i int) {
	b.selected = i
	b.loading = true
	if i >= 0 && i < len(b.deck.Slides) {
		b.notes.SetText(b.deck.Slides[i].Notes)
		b.notes.Enable()
	} else {
		b.notes.SetText("")
		b.notes.Disable()
	}
	b.loading = false
}

// SelectSlide selects slide i as a tap on the list does.
func (b *Builder) SelectSlide(i int) { b.slideList.Select(i) }

// Move moves the selected slide up (-1) or down (1).
func (b *Builder) Move(delta int) {
	if b.deck.Move(b.selected, delta) {
		b.slideList.Select(b.selected + delta)
		b.slideList.Refresh()
	}
}

// Remove deletes the selected slide.
func (b *Builder) Remove() {
	if b.selected < 0 {
		return
	}
	b.deck.Remove(b.selected)
	b.slideList.UnselectAll()
	b.selectSlide(-1)
	b.slideList.Refresh()
}

func (b *Builder) addSlide(k deck.Kind) {
	at := len(b.deck.Slides)
	if k == deck.KindTitle {
		at = 0
	}
	b.deck.Slides = append(b.deck.Slides[:at], append([]deck.Slide{{Kind: k}}, b.deck.Slides[at:]...)...)
	b.slideList.Refresh()
}

// AddProjects adds project slides before the closing slide.
func (b *Builder) AddProjects(ids ...string) {
	b.deck.AddProjects(ids...)
	b.slideList.Refresh()
}

func (b *Builder) cataloguePane() fyne.CanvasObject {
	l := b.lang
	b.search = widget.NewEntry()
	b.search.SetPlaceHolder(b.t("rs_search"))
	b.search.OnChanged = func(string) { b.filter() }
	themes := []string{b.t("rs_all_themes")}
	ids := []string{""}
	for _, id := range b.snap.Values(catalog.FacetTheme) {
		tm, _ := b.snap.Term(catalog.FacetTheme, id)
		themes, ids = append(themes, tm.Name.In(l)), append(ids, id)
	}
	b.themeSel = widget.NewSelect(themes, func(s string) {
		for i, n := range themes {
			if n == s {
				b.theme = ids[i]
			}
		}
		b.filter()
	})
	var rots []string
	for _, r := range b.snap.Rotations() {
		rots = append(rots, r.Name.In(l))
	}
	b.rotSel = widget.NewSelect(rots, nil)
	b.rotSel.PlaceHolder = b.t("rs_rotation")
	addRot := widget.NewButtonWithIcon(b.t("rs_add_rotation"), theme.ContentAddIcon(), func() {
		for _, r := range b.snap.Rotations() {
			if r.Name.In(l) == b.rotSel.Selected {
				b.AddRotation(r.ID)
			}
		}
	})
	b.resultList = widget.NewList(
		func() int { return len(b.results) },
		func() fyne.CanvasObject { return widget.NewLabel("") },
		func(i widget.ListItemID, o fyne.CanvasObject) {
			p := b.snap.At(b.results[i])
			o.(*widget.Label).SetText(clipRunes(p.Title.In(l), 18) + " · " + clipRunes(p.Organisation.In(l), 12))
		})
	b.resultList.OnSelected = func(i widget.ListItemID) {
		b.AddProjects(b.snap.At(b.results[i]).ID)
		b.resultList.UnselectAll()
	}
	top := container.NewVBox(widget.NewLabelWithStyle(b.t("rs_catalogue"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		b.search, b.themeSel, container.NewBorder(nil, nil, nil, addRot, b.rotSel))
	return box(container.NewBorder(top, nil, nil, nil, b.resultList), 460, 0)
}

// AddRotation adds a rotation's showcased projects, in its order.
func (b *Builder) AddRotation(id string) {
	for _, r := range b.snap.Rotations() {
		if r.ID == id {
			var ids []string
			for _, s := range r.Showcase {
				ids = append(ids, s.Project)
			}
			b.AddProjects(ids...)
		}
	}
}

// Search narrows the catalogue list, as typing in the search box does.
func (b *Builder) Search(s string) { b.search.SetText(s) }

// Results are the catalogue projects the filters show.
func (b *Builder) Results() []string {
	var out []string
	for _, i := range b.results {
		out = append(out, b.snap.At(i).ID)
	}
	return out
}

// PickResult adds the i-th project the catalogue list shows, as a tap does.
func (b *Builder) PickResult(i int) { b.resultList.Select(i) }

// filter applies the search text and the theme to the catalogue list.
func (b *Builder) filter() {
	f := catalog.Filter{}
	if b.theme != "" {
		f = f.With(catalog.FacetTheme, b.theme, true)
	}
	q := strings.ToLower(strings.TrimSpace(b.search.Text))
	b.results = b.results[:0]
	for _, i := range b.snap.Filter(f) {
		p := b.snap.At(i)
		if q == "" || matches(p, q) {
			b.results = append(b.results, i)
		}
	}
	b.resultList.Refresh()
}

// matches looks for q in a project's title and organisation in every
// language, so a presenter can type either Chinese or English.
func matches(p *catalog.Project, q string) bool {
	for _, t := range []catalog.Text{p.Title, p.Organisation} {
		for _, s := range []string{t.Hans, t.Hant, t.En} {
			if strings.Contains(strings.ToLower(s), q) {
				return true
			}
		}
	}
	return strings.Contains(p.ID, q)
}

func (b *Builder) duplicate() {
	if !b.Save() {
		return
	}
	d, err := b.lib.Duplicate(b.deck.ID)
	if err != nil {
		b.fail(err)
		return
	}
	b.reloadDecks()
	b.open(d)
}

func (b *Builder) delete() {
	if b.deck.ID == "" {
		b.open(b.lib.New())
		return
	}
	id := b.deck.ID
	dialog.ShowConfirm(b.t("rs_delete"), b.t("rs_delete_confirm")+" "+b.deck.Title, func(ok bool) {
		if !ok {
			return
		}
		if err := b.lib.Delete(id); err != nil {
			b.fail(err)
			return
		}
		b.reloadDecks()
		b.open(b.lib.New())
	}, b.win)
}

func (b *Builder) export() {
	if !b.Save() {
		return
	}
	b.saveFile(sanitize(b.deck.Title)+".deck.json", func(path string) {
		if err := b.lib.Export(b.deck.ID, path); err != nil {
			b.fail(err)
			return
		}
		b.say(b.t("rs_exported") + " " + path)
	})
}

func (b *Builder) importDeck() {
	dialog.ShowFileOpen(func(r fyne.URIReadCloser, err error) {
		if err != nil || r == nil {
			return
		}
		path := r.URI().Path()
		r.Close()
		d, err := b.lib.Import(path)
		if err != nil {
			b.fail(err)
			return
		}
		b.reloadDecks()
		b.open(d)
		if missing := d.Missing(func(id string) bool { _, ok := b.snap.Project(id); return ok }); len(missing) > 0 {
			b.fail(fmt.Errorf("%s %s", b.t("rs_imported_missing"), strings.Join(missing, ", ")))
		}
	}, b.win)
}

// saveFile asks where to write a file and hands over its path.
func (b *Builder) saveFile(name string, f func(path string)) {
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil || w == nil {
			return
		}
		path := w.URI().Path()
		w.Close()
		f(path)
	}, b.win)
	d.SetFileName(name)
	d.Show()
}

// sanitize makes a title usable as a file name.
func sanitize(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`/\:*?"<>|`, r) || r < ' ' {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	if s == "" {
		return "deck"
	}
	return s
}
