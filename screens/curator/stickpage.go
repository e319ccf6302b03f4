package curator

import (
	"fmt"
	"path/filepath"
	"slices"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/store/hall"
)

// StickPage lists the catalogue bundles on the USB sticks plugged in,
// with what each would change, applies one with a progress bar (an older
// one after a sentence of confirmation and a second press), and exports
// the catalogue or one season to the stick the curator picks.
type StickPage struct {
	c      *Console
	root   fyne.CanvasObject
	top    *fyne.Container // the buttons, the progress bar and the note
	list   *fyne.Container
	scroll *container.Scroll
	Bar    *widget.ProgressBar
	Note   *widget.Label
	Export *widget.Button
	// Stick picks the stick to export to when several are plugged in;
	// Season picks the whole catalogue or one season to export.
	Stick    *widget.Select
	Season   *widget.Select
	seasons  []string         // the rotation ids behind Season's options; "" the whole catalogue
	Apply    []*widget.Button // one per bundle listed, for the tests
	folders  []string
	busy     bool
	confirm  string // the older bundle a first press asked about
	bundles  []hall.StickBundle
	onLoaded func() // for the tests: called once a listing is shown
}

func newStickPage(c *Console) *StickPage {
	p := &StickPage{c: c, list: container.NewVBox(), Bar: widget.NewProgressBar(), Note: widget.NewLabel("")}
	p.Note.Wrapping = fyne.TextWrapWord
	p.Bar.Hide()
	p.Export = c.button("Export catalogue to the stick", theme.DocumentSaveIcon(), p.export)
	p.Export.Disable()
	p.Stick = widget.NewSelect(nil, func(string) { c.b.Touch() })
	p.Stick.PlaceHolder = c.t("Pick a stick")
	p.Season = widget.NewSelect(nil, func(string) { c.b.Touch() })
	p.Season.PlaceHolder = c.t("The whole catalogue")
	bar := container.NewHBox(c.button("Refresh", theme.ViewRefreshIcon(), p.Load), p.Season, p.Stick, p.Export)
	p.top = container.NewVBox(bar, p.Bar, p.Note)
	p.scroll = container.NewVScroll(p.list)
	p.root = container.NewBorder(p.top, nil, nil, nil, p.scroll)
	return p
}

// Load looks at the sticks off the UI goroutine.
func (p *StickPage) Load() {
	go func() {
		bundles, folders := p.c.b.Sticks()
		fyne.Do(func() { p.Show(bundles, folders) })
	}()
}

// Show lists the bundles found.
func (p *StickPage) Show(bundles []hall.StickBundle, folders []string) {
	p.bundles, p.folders, p.confirm = bundles, folders, ""
	p.list.Objects = nil
	p.Apply = nil
	if len(folders) == 0 && len(bundles) == 0 {
		p.list.Add(widget.NewLabel(p.c.t("No USB stick found.")))
	} else if len(bundles) == 0 {
		p.list.Add(widget.NewLabel(p.c.t("No bundle on a USB stick.")))
	}
	for _, b := range bundles {
		l := widget.NewLabel(p.describe(b))
		l.Wrapping = fyne.TextWrapWord
		apply := p.c.button("Apply", theme.DownloadIcon(), func() { p.apply(b) })
		if b.Standing == hall.StandingRefused || b.Standing == hall.StandingInUse || p.busy {
			apply.Disable()
		}
		p.Apply = append(p.Apply, apply)
		p.list.Add(container.NewBorder(nil, nil, nil, apply, l))
		p.list.Add(widget.NewSeparator())
	}
	p.showChoices(folders)
	if len(folders) > 0 && !p.busy {
		p.Export.Enable()
	} else {
		p.Export.Disable()
	}
	p.list.Refresh()
	if p.onLoaded != nil {
		p.onLoaded()
	}
}

// describe is a bundle in one paragraph: what, by whom, and what it
// would change.
func (p *StickPage) describe(b hall.StickBundle) string {
	s := filepath.Base(b.Path) + " (" + b.Path + ")\n"
	if b.Standing == hall.StandingRefused {
		return s + p.c.t("refused: ") + p.c.passed(b.Reason)
	}
	s += fmt.Sprintf(p.c.t("catalogue %s, signed %s by key %s: %s\n"), b.Version, b.Signed.In(p.c.b.Zone()).Format("2006-01-02 15:04"), b.Signer, p.standing(b.Standing))
	if b.Standing == hall.StandingInUse {
		return s + p.c.t("it is the catalogue in use")
	}
	return s + fmt.Sprintf(p.c.t("projects %d added, %d removed, %d changed; %d seasons added, removed or changed; %d media files to copy (%.1f MB)"),
		b.Added, b.Removed, b.Changed, b.Seasons, b.MediaFiles, float64(b.MediaBytes)/1e6)
}

// standing says in the console's language how a bundle stands.
func (p *StickPage) standing(s string) string {
	switch s {
	case hall.StandingNewer:
		return p.c.t("newer")
	case hall.StandingInUse:
		return p.c.t("in use")
	case hall.StandingOlder:
		return p.c.t("older")
	case hall.StandingRefused:
		return p.c.t("refused")
	}
	return s
}

// apply applies a bundle; an older one only at a second press, after a
// sentence saying what going back means.
func (p *StickPage) apply(b hall.StickBundle) {
	if p.busy {
		return
	}
	older := b.Standing == hall.StandingOlder
	if older && p.confirm != b.Path {
		p.confirm = b.Path
		p.Note.SetText(fmt.Sprintf(p.c.t("%s is older than the catalogue in use: the hall will go back to catalogue %s, signed %s; press Apply again to go back."),
			filepath.Base(b.Path), b.Version, b.Signed.In(p.c.b.Zone()).Format("2006-01-02 15:04")))
		return
	}
	p.confirm = ""
	p.setBusy(true)
	p.Note.SetText(p.c.t("Loading…"))
	go func() {
		err := p.c.b.ApplyStick(b.Path, older, func(f float64) { fyne.Do(func() { p.Bar.SetValue(f) }) })
		fyne.Do(func() {
			p.setBusy(false)
			if err != nil {
				p.Note.SetText(p.c.passed(err.Error()))
			} else {
				p.Note.SetText(fmt.Sprintf(p.c.t("Catalogue %s is now in use."), b.Version))
			}
			p.Load()
		})
	}()
}

func (p *StickPage) setBusy(on bool) {
	p.busy = on
	if on {
		p.Bar.SetValue(0)
		p.Bar.Show()
		p.Export.Disable()
		for _, a := range p.Apply {
			a.Disable()
		}
	} else {
		p.Bar.Hide()
	}
	p.root.Refresh() // lays the bar in or out, and the list below it
}

// showChoices offers the sticks to export to (a choice only when there
// are several; the one picked stays picked) and the seasons.
func (p *StickPage) showChoices(folders []string) {
	picked := p.Stick.Selected
	p.Stick.Options = folders
	switch {
	case len(folders) == 1:
		p.Stick.SetSelected(folders[0])
	case !slices.Contains(folders, picked):
		p.Stick.ClearSelected()
	}
	if len(folders) > 1 {
		p.Stick.Show()
	} else {
		p.Stick.Hide()
	}
	whole := p.c.t("The whole catalogue")
	options, ids := []string{whole}, []string{""}
	for _, r := range p.c.b.Snapshot().Rotations() {
		options = append(options, fmt.Sprintf(p.c.t("Season: %s"), r.Name.In(p.c.lang)))
		ids = append(ids, r.ID)
	}
	was := p.Season.Selected
	p.Season.Options, p.seasons = options, ids
	if !slices.Contains(options, was) {
		p.Season.SetSelected(whole)
	}
	p.Season.Refresh()
}

// export writes the catalogue, or the season picked, to the stick picked.
func (p *StickPage) export() {
	if p.busy || len(p.folders) == 0 {
		return
	}
	folder := p.Stick.Selected
	if folder == "" {
		p.Note.SetText(p.c.t("Several USB sticks are plugged in: pick the one to export to."))
		return
	}
	rotation := ""
	if i := p.Season.SelectedIndex(); i > 0 && i < len(p.seasons) {
		rotation = p.seasons[i]
	}
	p.setBusy(true)
	p.Note.SetText(p.c.t("Loading…"))
	go func() {
		path, err := p.c.b.ExportToStick(folder, rotation)
		fyne.Do(func() {
			p.setBusy(false)
			if err != nil {
				p.Note.SetText(p.c.passed(err.Error()))
			} else {
				p.Note.SetText(p.c.t("Exported to ") + path)
			}
			p.Load()
		})
	}()
}
