package curator

import (
	"fmt"
	"image/color"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/plan"
)

// Planner is the rotations tab: the timeline on the left, the editor of
// one rotation on the right.
type Planner struct {
	c        *Console
	root     fyne.CanvasObject
	timeline *fyne.Container
	Editor   *Editor
	preview  *widget.Entry
}

func newPlanner(c *Console) *Planner {
	p := &Planner{c: c}
	p.timeline = container.NewVBox()
	p.Editor = newEditor(c, p)
	p.preview = c.entry("2026-09-01")
	p.preview.SetText(c.b.Now().In(c.b.Zone()).Format("2006-01-02"))
	tools := container.NewVBox(
		c.button("New rotation", theme.ContentAddIcon(), p.New),
		container.NewBorder(nil, nil, widget.NewLabel(c.t("Preview on")), c.button("Preview", theme.VisibilityIcon(), p.Preview), c.dateField(p.preview)),
		c.button("Export catalogue", theme.DocumentSaveIcon(), p.Export),
	)
	left := container.NewBorder(tools, nil, nil, nil, container.NewVScroll(p.timeline))
	split := container.NewHSplit(left, p.Editor.root)
	split.Offset = 0.3
	p.root = split
	p.Reload()
	if r, err := c.b.Snapshot().Current(c.b.Now()); err == nil {
		p.Editor.Load(*r, false)
	} else {
		p.New()
	}
	return p
}

// Reload redraws the timeline from the backend's snapshot.
func (p *Planner) Reload() {
	snap, now, zone := p.c.b.Snapshot(), p.c.b.Now(), p.c.b.Zone()
	shown, _ := snap.Current(now)
	var cards []fyne.CanvasObject
	for _, r := range snap.Rotations() {
		r := r
		cards = append(cards, p.card(&r, plan.PhaseOf(&r, shown, now), zone))
	}
	p.timeline.Objects = cards
	p.timeline.Refresh()
}

var phaseColours = map[plan.Phase]color.Color{
	plan.Past:     screens.ColorMuted,
	plan.Current:  color.NRGBA{R: 0x3c, G: 0xc4, B: 0x6a, A: 0xff},
	plan.Upcoming: screens.ColorChipOn,
}

// card is one rotation on the timeline: its phase as a coloured strip
// and a word, its name, its dates in the hall's zone, what it shows.
func (p *Planner) card(r *catalog.Rotation, ph plan.Phase, zone interface{ String() string }) fyne.CanvasObject {
	strip := canvas.NewRectangle(phaseColours[ph])
	strip.SetMinSize(fyne.NewSize(8, 0))
	first, last := plan.Dates(r)
	featured := 0
	for _, s := range r.Showcase {
		if s.Featured {
			featured++
		}
	}
	name := canvas.NewText(r.Name.In(p.c.lang), screens.ColorText)
	name.TextStyle.Bold = true
	name.TextSize = 18
	phase := canvas.NewText(p.c.t(ph.String()), phaseColours[ph])
	phase.TextSize = 14
	info := widget.NewLabel(fmt.Sprintf("%s → %s (%s)\n%d %s · %d %s", first, last, r.TimeZone, len(r.Showcase), p.c.t("projects"), featured, p.c.t("featured")))
	body := container.NewBorder(nil, nil, strip, nil, container.NewVBox(container.NewHBox(name, layout.NewSpacer(), phase), info))
	bg := canvas.NewRectangle(screens.ColorPanel)
	bg.CornerRadius = 6
	if p.Editor.r.ID == r.ID && !p.Editor.isNew {
		bg.StrokeColor, bg.StrokeWidth = screens.ColorAccent, 2
	}
	id := r.ID
	return screens.NewPressable(container.NewStack(bg, container.NewPadded(body)), func() {
		p.c.b.Touch()
		for _, x := range p.c.b.Snapshot().Rotations() {
			if x.ID == id {
				p.Editor.Load(x, false)
			}
		}
		p.Reload()
	})
}

// New starts a rotation beginning the day after the last one ends.
func (p *Planner) New() {
	snap := p.c.b.Snapshot()
	r := catalog.Rotation{TimeZone: catalog.HallZone}
	start := p.c.b.Now()
	if rots := snap.Rotations(); len(rots) > 0 && rots[len(rots)-1].End.After(start) {
		start = rots[len(rots)-1].End
	}
	day := start.In(p.c.b.Zone())
	first := day.Format("2006-01-02")
	last := day.AddDate(0, 4, -1).Format("2006-01-02")
	plan.SetDates(&r, first, last)
	r.ID = "r" + first
	p.Editor.Load(r, true)
	p.Reload()
}

// Preview opens the hall as it will look on the chosen date.
func (p *Planner) Preview() {
	t, err := plan.DayStart(strings.TrimSpace(p.preview.Text), p.c.b.Zone())
	if err != nil {
		p.Editor.say(p.c.msg(err))
		return
	}
	OpenPreview(p.c.b, t.Add(12*3600e9), p.c.lang) // midday: clear of boundaries
}

// Export writes the catalogue with its rotations for the screens.
func (p *Planner) Export() {
	path, err := p.c.b.Export()
	if err != nil {
		p.Editor.say(p.c.msg(err))
		return
	}
	p.Editor.say(path)
}

// Editor edits one rotation; nothing is stored until Save.
type Editor struct {
	c     *Console
	p     *Planner
	r     catalog.Rotation // the working copy
	isNew bool
	root  fyne.CanvasObject

	ID, NameHans, NameHant, NameEn, First, Last *widget.Entry
	Search                                      *widget.Entry
	Theme                                       *widget.Select
	themeIDs                                    []string
	results                                     []*catalog.Project
	resultList                                  *widget.List
	showcase                                    *fyne.Container
	Attract                                     *widget.CheckGroup
	attractHash                                 map[string]string // label -> hash
	findings                                    *fyne.Container
	Delete                                      *widget.Button
}

func newEditor(c *Console, p *Planner) *Editor {
	e := &Editor{c: c, p: p}
	e.ID = c.entry("r2026-09")
	e.NameHans, e.NameHant, e.NameEn = c.entry("2026年秋季展"), c.entry("2026年秋季展"), c.entry("Autumn 2026")
	e.First, e.Last = c.entry("2026-09-01"), c.entry("2026-12-31")
	form := widget.NewForm(
		widget.NewFormItem(c.t("Id"), e.ID),
		widget.NewFormItem(c.t("Name (简体)"), e.NameHans),
		widget.NewFormItem(c.t("Name (繁體)"), e.NameHant),
		widget.NewFormItem(c.t("Name (English)"), e.NameEn),
		widget.NewFormItem(c.t("First day"), c.dateField(e.First)),
		widget.NewFormItem(c.t("Last day"), c.dateField(e.Last)),
	)

	// The catalogue, searchable and filtered by theme.
	e.Search = c.entry("Search projects")
	e.Search.OnChanged = func(string) { c.b.Touch(); e.filter() }
	e.themeIDs = []string{""}
	names := []string{c.t("All themes")}
	for _, t := range c.b.Snapshot().Vocabulary().Themes {
		e.themeIDs = append(e.themeIDs, t.ID)
		names = append(names, t.Name.In(c.lang))
	}
	e.Theme = widget.NewSelect(names, func(string) { c.b.Touch(); e.filter() })
	e.resultList = widget.NewList(func() int { return len(e.results) },
		func() fyne.CanvasObject {
			return container.NewBorder(nil, nil, nil, widget.NewButtonWithIcon(c.t("Add"), theme.ContentAddIcon(), nil), widget.NewLabel(""))
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			row := o.(*fyne.Container)
			pr := e.results[i]
			row.Objects[0].(*widget.Label).SetText(pr.Title.In(c.lang) + "  · " + pr.ID)
			row.Objects[1].(*widget.Button).OnTapped = func() { c.b.Touch(); e.Add(pr.ID) }
		})
	e.Theme.SetSelectedIndex(0)
	picker := container.NewBorder(container.NewBorder(nil, nil, nil, e.Theme, e.Search), nil, nil, nil, e.resultList)

	e.showcase = container.NewVBox()
	e.Attract = widget.NewCheckGroup(nil, func([]string) { c.b.Touch() })
	e.findings = container.NewVBox()
	e.Delete = c.button("Delete", theme.DeleteIcon(), func() { c.confirm("Delete", e.DeleteRotation) })
	buttons := container.NewHBox(c.button("Check", theme.ConfirmIcon(), func() { e.Check() }),
		c.button("Save", theme.DocumentSaveIcon(), func() { e.Save() }), layout.NewSpacer(), e.Delete)

	heading := func(s string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(c.t(s), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	chosen := container.NewVBox(heading("Showcased projects"), e.showcase, heading("Attract playlist"), e.Attract)
	columns := container.NewGridWithColumns(2,
		container.NewBorder(form, nil, nil, nil, picker),
		container.NewVScroll(chosen))
	e.root = container.NewBorder(nil, container.NewVBox(e.findings, buttons), nil, nil, columns)
	return e
}

// Load puts r in the editor.
func (e *Editor) Load(r catalog.Rotation, isNew bool) {
	r.Showcase = append([]catalog.Showcase(nil), r.Showcase...)
	e.r, e.isNew = r, isNew
	e.ID.SetText(r.ID)
	if isNew {
		e.ID.Enable()
		e.Delete.Disable()
	} else {
		e.ID.Disable() // the id is how screens and statistics know it
		e.Delete.Enable()
	}
	e.NameHans.SetText(r.Name.Hans)
	e.NameHant.SetText(r.Name.Hant)
	e.NameEn.SetText(r.Name.En)
	first, last := plan.Dates(&r)
	e.First.SetText(first)
	e.Last.SetText(last)
	e.loadAttract()
	e.findings.Objects = nil
	e.findings.Refresh()
	e.filter()
	e.drawShowcase()
}

// Rotation is the working copy as the form stands; err says what in the
// form is not understood.
func (e *Editor) Rotation() (catalog.Rotation, error) {
	r := e.r
	r.Showcase = append([]catalog.Showcase(nil), e.r.Showcase...)
	r.ID = strings.TrimSpace(e.ID.Text)
	r.Name = catalog.Text{Hans: strings.TrimSpace(e.NameHans.Text), Hant: strings.TrimSpace(e.NameHant.Text), En: strings.TrimSpace(e.NameEn.Text)}
	if r.TimeZone == "" {
		r.TimeZone = catalog.HallZone
	}
	if err := plan.SetDates(&r, strings.TrimSpace(e.First.Text), strings.TrimSpace(e.Last.Text)); err != nil {
		return r, err
	}
	r.Attract = nil
	for _, l := range e.Attract.Selected {
		r.Attract = append(r.Attract, e.attractHash[l])
	}
	return r, nil
}

// filter lists the catalogue's projects matching the search and theme,
// leaving out those already showcased.
func (e *Editor) filter() {
	snap := e.c.b.Snapshot()
	var f catalog.Filter
	if i := e.Theme.SelectedIndex(); i > 0 {
		f = catalog.Filter{catalog.FacetTheme: {e.themeIDs[i]}}
	}
	q := strings.ToLower(strings.TrimSpace(e.Search.Text))
	in := map[string]bool{}
	for _, s := range e.r.Showcase {
		in[s.Project] = true
	}
	e.results = e.results[:0]
	for _, i := range snap.Filter(f) {
		pr := snap.At(i)
		if in[pr.ID] {
			continue
		}
		if q != "" && !strings.Contains(strings.ToLower(pr.ID+" "+pr.Title.Hans+" "+pr.Title.Hant+" "+pr.Title.En+" "+pr.Organisation.In(e.c.lang)), q) {
			continue
		}
		e.results = append(e.results, pr)
		if len(e.results) == 300 {
			break // narrow the search to see more
		}
	}
	e.resultList.Refresh()
}

// Results are the projects the picker lists now.
func (e *Editor) Results() []*catalog.Project { return e.results }

// Add puts a project at the end of the showcase.
func (e *Editor) Add(id string) {
	for _, s := range e.r.Showcase {
		if s.Project == id {
			return
		}
	}
	e.r.Showcase = append(e.r.Showcase, catalog.Showcase{Project: id})
	e.drawShowcase()
	e.filter()
}

// Move moves the i-th exhibit by d places (-1 up, +1 down).
func (e *Editor) Move(i, d int) {
	j := i + d
	if i < 0 || j < 0 || i >= len(e.r.Showcase) || j >= len(e.r.Showcase) {
		return
	}
	e.r.Showcase[i], e.r.Showcase[j] = e.r.Showcase[j], e.r.Showcase[i]
	e.drawShowcase()
}

// Remove takes the i-th exhibit out.
func (e *Editor) Remove(i int) {
	e.r.Showcase = append(e.r.Showcase[:i], e.r.Showcase[i+1:]...)
	e.drawShowcase()
	e.filter()
}

// SetFeatured marks the i-th exhibit featured or not.
func (e *Editor) SetFeatured(i int, on bool) {
	e.r.Showcase[i].Featured = on
}

func (e *Editor) drawShowcase() {
	snap := e.c.b.Snapshot()
	var rows []fyne.CanvasObject
	for i, s := range e.r.Showcase {
		i := i
		title := s.Project
		if pr, ok := snap.Project(s.Project); ok {
			title = pr.Title.In(e.c.lang)
		}
		feat := widget.NewCheck(e.c.t("Featured"), func(on bool) { e.c.b.Touch(); e.SetFeatured(i, on) })
		feat.Checked = s.Featured
		up := widget.NewButtonWithIcon("", theme.MoveUpIcon(), func() { e.c.b.Touch(); e.Move(i, -1) })
		down := widget.NewButtonWithIcon("", theme.MoveDownIcon(), func() { e.c.b.Touch(); e.Move(i, +1) })
		rm := widget.NewButtonWithIcon("", theme.ContentRemoveIcon(), func() { e.c.b.Touch(); e.Remove(i) })
		if i == 0 {
			up.Disable()
		}
		if i == len(e.r.Showcase)-1 {
			down.Disable()
		}
		label := widget.NewLabel(fmt.Sprintf("%d. %s", i+1, title))
		label.Truncation = fyne.TextTruncateEllipsis
		rows = append(rows, container.NewBorder(nil, nil, nil, container.NewHBox(feat, up, down, rm), label))
	}
	e.showcase.Objects = rows
	e.showcase.Refresh()
}

// loadAttract offers every video of the catalogue's projects and of the
// rotation's current playlist, the chosen ones first in their order.
func (e *Editor) loadAttract() {
	snap := e.c.b.Snapshot()
	e.attractHash = map[string]string{}
	var opts, sel []string
	seen := map[string]bool{}
	add := func(h string, owner string) string {
		if seen[h] {
			for l, x := range e.attractHash {
				if x == h {
					return l
				}
			}
		}
		seen[h] = true
		label := owner
		if m, ok := snap.Media(h); ok && !m.Caption.IsZero() {
			label = m.Caption.In(e.c.lang)
		}
		label = fmt.Sprintf("%s (%.8s)", label, h)
		e.attractHash[label] = h
		opts = append(opts, label)
		return label
	}
	for _, h := range e.r.Attract {
		sel = append(sel, add(h, e.c.t("video")))
	}
	for i := 0; i < snap.Len() && len(opts) < 200; i++ {
		pr := snap.At(i)
		for _, h := range pr.Videos {
			add(h, pr.Title.In(e.c.lang))
		}
	}
	e.Attract.Options = opts
	e.Attract.Selected = sel
	e.Attract.Refresh()
}

// Check runs the planner's checks on the plan as it would be after a
// save, shows the findings, and returns them.
func (e *Editor) Check() []plan.Finding {
	r, err := e.Rotation()
	if err != nil {
		e.say(e.c.msg(err))
		return []plan.Finding{{Severity: plan.Error, Message: err.Error()}}
	}
	rots := e.c.b.Snapshot().Rotations()
	fs := e.c.b.Check(plan.WithRotation(rots, r))
	e.show(fs)
	return fs
}

func (e *Editor) show(fs []plan.Finding) {
	var rows []fyne.CanvasObject
	for _, f := range fs {
		icon, c := theme.WarningIcon(), color.Color(screens.ColorAccent)
		if f.Severity == plan.Error {
			icon, c = theme.ErrorIcon(), color.NRGBA{R: 0xff, G: 0x6b, B: 0x6b, A: 0xff}
		}
		t := canvas.NewText(trMsg(e.c.lang, f.Message), c)
		t.TextSize = 14
		rows = append(rows, container.NewHBox(widget.NewIcon(icon), t))
	}
	if len(fs) == 0 {
		rows = append(rows, widget.NewLabel(e.c.t("No problems found.")))
	}
	e.findings.Objects = rows
	e.findings.Refresh()
}

// say shows one message where the findings go.
func (e *Editor) say(s string) {
	e.findings.Objects = []fyne.CanvasObject{widget.NewLabel(s)}
	e.findings.Refresh()
}

// Findings are the lines the editor shows under the form.
func (e *Editor) Findings() []string {
	var out []string
	for _, o := range e.findings.Objects {
		switch o := o.(type) {
		case *widget.Label:
			out = append(out, o.Text)
		case *fyne.Container:
			out = append(out, o.Objects[1].(*canvas.Text).Text)
		}
	}
	return out
}

// Save checks and, when there is no error, stores the rotation; the
// warnings stay on screen.
func (e *Editor) Save() error {
	fs := e.Check()
	if plan.HasErrors(fs) {
		e.findings.Add(widget.NewLabel(e.c.t("Fix the errors before saving.")))
		return fmt.Errorf("the plan has errors")
	}
	r, _ := e.Rotation()
	if err := e.c.b.SaveRotation(r); err != nil {
		e.say(e.c.msg(err))
		return err
	}
	e.Load(r, false)
	e.show(fs)
	e.findings.Add(widget.NewLabel(e.c.t("Saved.")))
	e.p.Reload()
	return nil
}

// DeleteRotation removes the rotation being edited.
func (e *Editor) DeleteRotation() {
	if err := e.c.b.DeleteRotation(e.r.ID); err != nil {
		e.say(e.c.msg(err))
		return
	}
	e.p.New()
	e.p.Reload()
}
