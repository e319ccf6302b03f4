package curator

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/store/catalog"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/stats"
)

// StatsPage shows the visitor figures of a chosen period.
type StatsPage struct {
	c       *Console
	root    fyne.CanvasObject
	Period  *widget.Select
	body    *fyne.Container
	message *widget.Label
	Report  *stats.Report // the last one shown
}

var periodNames = []string{"This rotation", "Previous rotation", "Last 7 days", "Last 30 days"}

func newStatsPage(c *Console) *StatsPage {
	s := &StatsPage{c: c, body: container.NewVBox(), message: widget.NewLabel("")}
	var names []string
	for _, n := range periodNames {
		names = append(names, c.t(n))
	}
	s.Period = widget.NewSelect(names, func(string) { c.b.Touch(); s.Load() })
	s.Period.SetSelectedIndex(0)
	tools := container.NewHBox(s.Period,
		c.button("Export events CSV", theme.DownloadIcon(), func() { s.export("events") }),
		c.button("Export summary CSV", theme.DownloadIcon(), func() { s.export("summary") }),
		s.message)
	s.root = container.NewBorder(tools, nil, nil, nil, container.NewVScroll(s.body))
	return s
}

// periods returns the chosen period and, for comparison, the one before
// it (the previous rotation for a rotation).
func (s *StatsPage) periods() (cur, prev stats.Period) {
	b := s.c.b
	now := b.Now()
	day := func(t time.Time) time.Time {
		t = t.In(b.Zone())
		return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, b.Zone())
	}
	rots := b.Snapshot().Rotations()
	shown, _ := b.Snapshot().Current(now)
	idx := -1
	for i := range rots {
		if shown != nil && rots[i].ID == shown.ID {
			idx = i
		}
	}
	rotPeriod := func(i int) stats.Period {
		if i < 0 || i >= len(rots) {
			return stats.Period{}
		}
		p := stats.Period{From: rots[i].Start, To: rots[i].End}
		if p.To.After(now) {
			p.To = day(now).AddDate(0, 0, 1) // up to the end of today
		}
		return p
	}
	switch s.Period.SelectedIndex() {
	case 1:
		return rotPeriod(idx - 1), rotPeriod(idx - 2)
	case 2:
		end := day(now).AddDate(0, 0, 1)
		return stats.Period{From: end.AddDate(0, 0, -7), To: end}, stats.Period{From: end.AddDate(0, 0, -14), To: end.AddDate(0, 0, -7)}
	case 3:
		end := day(now).AddDate(0, 0, 1)
		return stats.Period{From: end.AddDate(0, 0, -30), To: end}, stats.Period{From: end.AddDate(0, 0, -60), To: end.AddDate(0, 0, -30)}
	}
	return rotPeriod(idx), rotPeriod(idx - 1)
}

// Load reads the events off the UI goroutine and shows the figures.
func (s *StatsPage) Load() {
	cur, prev := s.periods()
	s.message.SetText(s.c.t("Loading…"))
	zone, snap, lang := s.c.b.Zone(), s.c.b.Snapshot(), s.c.lang
	go func() {
		from := cur.From
		if !prev.From.IsZero() && prev.From.Before(from) {
			from = prev.From
		}
		evs, err := s.c.b.Events(stats.Period{From: from, To: cur.To})
		a := stats.Summarise(evs, cur, zone)
		var b *stats.Report
		if !prev.From.IsZero() {
			r := stats.Summarise(evs, prev, zone)
			b = &r
		}
		fyne.Do(func() {
			if err != nil {
				s.message.SetText(s.c.msg(err))
				return
			}
			s.message.SetText("")
			s.Show(a, b, snap, lang)
		})
	}()
}

// Show draws a report, and its comparison with the previous one.
func (s *StatsPage) Show(r stats.Report, prev *stats.Report, snap *catalog.Snapshot, l catalog.Lang) {
	s.Report = &r
	title := func(id string) string {
		if p, ok := snap.Project(id); ok {
			return p.Title.In(l)
		}
		return id
	}
	head := func(t string) fyne.CanvasObject {
		return widget.NewLabelWithStyle(t, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	}
	var bars []Bar
	for _, x := range r.Exhibits {
		if len(bars) == 15 {
			break
		}
		bars = append(bars, Bar{Label: title(x.Key), Value: float64(x.Opens), Note: strconv.FormatInt(x.Opens, 10)})
	}
	var daily []float64
	for _, d := range r.Daily {
		daily = append(daily, float64(d.Opens))
	}
	first, last := "", ""
	if n := len(r.Daily); n > 0 {
		first, last = r.Daily[0].Date.Format("2006-01-02"), r.Daily[n-1].Date.Format("2006-01-02")
	}
	objs := []fyne.CanvasObject{
		widget.NewLabel(fmt.Sprintf(s.c.t("%s – %s · %d %s · %.1f/day · %d searches · %d idle resets"),
			first, last, r.Opens, s.c.t("opens"), r.OpensPerDay(), r.Searches, r.IdleResets)),
		head(s.c.t("Opens per exhibit")), NewBarChart(bars),
		head(s.c.t("Daily opens")), NewLineChart(daily, first, last),
		head(s.c.t("Themes")),
	}
	grid := container.NewGridWithColumns(4, widget.NewLabel(""), widget.NewLabel(s.c.t("opens")),
		widget.NewLabel(s.c.t("median dwell")), widget.NewLabel(s.c.t("video completion")))
	for _, x := range r.Themes {
		name := x.Key
		if t, ok := snap.Term(catalog.FacetTheme, x.Key); ok {
			name = t.Name.In(l)
		}
		grid.Add(widget.NewLabel(name))
		grid.Add(widget.NewLabel(strconv.FormatInt(x.Opens, 10)))
		grid.Add(widget.NewLabel(x.MedianDwell.Round(time.Second).String()))
		grid.Add(widget.NewLabel(fmt.Sprintf("%.0f%%", 100*x.Completion())))
	}
	objs = append(objs, grid)
	if prev != nil {
		objs = append(objs, head(s.c.t("Compared with the previous rotation")),
			widget.NewLabel(fmt.Sprintf(s.c.t("%.1f → %.1f %s/day"), prev.OpensPerDay(), r.OpensPerDay(), s.c.t("opens"))))
		cmp := container.NewGridWithColumns(3)
		for i, p := range stats.Compare(*prev, r) {
			if i == 10 {
				break
			}
			cmp.Add(widget.NewLabel(title(p.Key)))
			cmp.Add(widget.NewLabel(fmt.Sprintf("%d → %d", p.A.Opens, p.B.Opens)))
			cmp.Add(widget.NewLabel(fmt.Sprintf("%s → %s", p.A.MedianDwell.Round(time.Second), p.B.MedianDwell.Round(time.Second))))
		}
		objs = append(objs, cmp)
	}
	s.body.Objects = objs
	s.body.Refresh()
}

func (s *StatsPage) export(kind string) {
	cur, _ := s.periods()
	go func() {
		path, err := s.c.b.ExportCSV(kind, cur)
		fyne.Do(func() {
			if err != nil {
				s.message.SetText(s.c.msg(err))
				return
			}
			s.message.SetText(path)
		})
	}()
}

// HealthPage shows what a technician asks first.
type HealthPage struct {
	c    *Console
	root fyne.CanvasObject
	form *widget.Form
	// Going back to an older catalogue a feed offered: a first press says
	// what will happen, a second one does it.
	GoBack     *widget.Button
	backNote   *widget.Label
	older      *hall.OlderOffer
	confirming bool
}

func newHealthPage(c *Console) *HealthPage {
	h := &HealthPage{c: c, form: widget.NewForm(), backNote: widget.NewLabel("")}
	h.backNote.Wrapping = fyne.TextWrapWord
	h.GoBack = c.button("Go back to this catalogue", theme.HistoryIcon(), h.goBack)
	h.GoBack.Hide()
	h.root = container.NewBorder(container.NewHBox(c.button("Refresh", theme.ViewRefreshIcon(), h.Load)), nil, nil, nil,
		container.NewVScroll(container.NewVBox(h.form, h.GoBack, h.backNote)))
	return h
}

// goBack asks for confirmation with one plain sentence, then switches.
func (h *HealthPage) goBack() {
	o := h.older
	if o == nil {
		return
	}
	if !h.confirming {
		h.confirming = true
		h.backNote.SetText(fmt.Sprintf(h.c.t("The hall will go back to catalogue %s, signed %s, in place of the newer one it shows; press again to go back."),
			o.Version, o.Signed.In(h.c.b.Zone()).Format("2006-01-02 15:04")))
		return
	}
	h.confirming = false
	h.backNote.SetText(h.c.t("Loading…"))
	go func() {
		err := h.c.b.GoBack(o.URL)
		fyne.Do(func() {
			if err != nil {
				h.backNote.SetText(h.c.msg(err))
				return
			}
			h.backNote.SetText(fmt.Sprintf(h.c.t("The hall went back to catalogue %s."), o.Version))
			h.Load()
		})
	}()
}

// Load gathers the figures off the UI goroutine.
func (h *HealthPage) Load() {
	go func() {
		hs := h.c.b.Health()
		fyne.Do(func() { h.Show(hs) })
	}()
}

// Show lays the figures out.
func (h *HealthPage) Show(hs hall.Health) {
	t := h.c.t
	when := func(x time.Time) string {
		if x.IsZero() {
			return t("never")
		}
		return x.In(h.c.b.Zone()).Format("2006-01-02 15:04 MST")
	}
	sync := t("never")
	if s := hs.Sync; s != nil {
		sync = when(s.LastSuccess)
		if s.LastError != "" {
			sync += fmt.Sprintf(t("; last error %s: %s"), when(s.LastErrorAt), h.c.passed(s.LastError))
		}
	}
	stickText := hs.LastStick
	if stickText == "" {
		stickText = t("never")
	}
	disk := "?"
	if hs.DiskFree > 0 {
		disk = fmt.Sprintf("%.1f GB (%s)", float64(hs.DiskFree)/1e9, hs.DataDir)
	}
	media := t("none")
	if n := len(hs.MediaMissing); n > 0 {
		media = fmt.Sprintf("%d: %s", n, strings.Join(hs.MediaMissing[:min(n, 5)], "; "))
	}
	refused := t("none")
	if n := len(hs.MediaRefused); n > 0 {
		refused = fmt.Sprintf("%d: %s", n, h.c.passedAll(hs.MediaRefused[:min(n, 5)], "; "))
	}
	validity := t("not from a signed feed")
	switch {
	case hs.Stale:
		validity = fmt.Sprintf(t("STALE: expired %s and no feed has vouched for it since (last verified %s); visitors still see it"), when(hs.ValidUntil), when(hs.Verified))
	case !hs.ValidUntil.IsZero():
		validity = fmt.Sprintf(t("%s (last verified %s)"), when(hs.ValidUntil), when(hs.Verified))
	case !hs.Verified.IsZero():
		validity = fmt.Sprintf(t("no expiry: an old-format feed (last verified %s)"), when(hs.Verified))
	}
	items := [][2]string{
		{t("App version"), hs.AppVersion},
		{t("Catalogue"), fmt.Sprintf(t("%s · %d projects · from %s · since %s"), hs.CatalogueVersion, hs.Projects, h.c.passed(hs.CatalogueSource), when(hs.Committed))},
		{t("Catalogue valid until"), validity},
		{t("Last sync"), sync},
		{t("Last USB stick"), stickText},
		{t("Disk free"), disk},
		{t("Media problems"), media},
		{t("Media refused"), refused},
		{t("Events waiting for upload"), waitingText(hs.OutboxWaiting)},
	}
	if d := hs.Display; d != nil {
		items = append(items, [2]string{t("Display"), displayText(t, d, h.c.b.Zone())})
	}
	if hs.Video != "" {
		items = append(items, [2]string{t("Video playback"), hs.Video})
	}
	if m := hs.Memory; m != nil {
		text := fmt.Sprintf(t("%d MiB"), m.Resident>>20)
		if !m.GivenBackAt.IsZero() {
			text += fmt.Sprintf(t("; after the last visitors (%s) it went from %d to %d MiB"), when(m.GivenBackAt), m.Before>>20, m.After>>20)
		}
		items = append(items, [2]string{t("Memory"), text})
	}
	h.older, h.confirming = nil, false
	h.GoBack.Hide()
	if hs.Sync != nil && hs.Sync.Older != nil {
		h.older = hs.Sync.Older
		items = append(items, [2]string{t("Older catalogue offered"), fmt.Sprintf(t("%s, signed %s, at %s: refused, the hall does not go back by itself"),
			h.older.Version, when(h.older.Signed), h.older.URL)})
		h.GoBack.Show()
	}
	h.form.Items = nil
	for _, it := range items {
		l := widget.NewLabel(it[1])
		l.Wrapping = fyne.TextWrapWord
		h.form.Append(it[0], l)
	}
	h.form.Refresh()
}

// displayText says whether the hall screen is on and why.
func displayText(t func(string) string, d *hall.Display, zone *time.Location) string {
	at := func(x time.Time) string { return x.In(zone).Format("2006-01-02 15:04") }
	st := d.State
	switch st.Reason {
	case hours.AlwaysOn:
		return t("On: the screens do not follow opening hours.")
	case hours.Open:
		return fmt.Sprintf(t("On: the hall is open until %s."), at(st.Next))
	case hours.Warming:
		return fmt.Sprintf(t("On: the hall opens at %s, the attract loop is starting."), at(st.Opens))
	case hours.Woken:
		return fmt.Sprintf(t("On for staff: the hall is closed and someone touched the screen; it sleeps again at %s."), at(st.Next))
	}
	how := t("the screen is dark")
	switch {
	case strings.HasPrefix(d.Dark, "display switched off"):
		how = t("the display is switched off (DPMS)")
	case d.Dark != "":
		how = t("a black screen covers it") + " (" + d.Dark + ")"
	}
	if st.Next.IsZero() {
		return fmt.Sprintf(t("Off: the hall is closed, no opening within the next year; %s."), how)
	}
	return fmt.Sprintf(t("Off: the hall is closed until %s; %s."), at(st.Opens), how)
}

// waitingText is the outbox count, or "?" when it could not be read.
func waitingText(n int) string {
	if n < 0 {
		return "?"
	}
	return strconv.Itoa(n)
}

// SettingsPage changes the hall's settings and the PIN.
type SettingsPage struct {
	c                        *Console
	root                     fyne.CanvasObject
	Idle, Portal, Sync, Keys *widget.Entry
	Retention                *widget.Entry
	Lang                     *widget.Select
	Volume                   *widget.Slider
	PortalLocal              *widget.Check  // the portal is on the hall's network: plain HTTP allowed
	TextSize                 *widget.Select // a new visitor's text size
	Contrast                 *widget.Check  // a new visitor's look
	Reach                    *widget.Entry  // a seated visitor's reach in pixels
	OldPIN, NewPIN, NewPIN2  *widget.Entry
	message                  *widget.Label
	ScreenName               *ScreenNameForm // nil where there is no screen to rename
	// confirmedKeys are the new keys a curator was shown and saved again.
	confirmedKeys string
}

func newSettingsPage(c *Console) *SettingsPage {
	p := &SettingsPage{c: c, message: widget.NewLabel("")}
	p.message.Wrapping = fyne.TextWrapWord
	p.Idle, p.Portal, p.Sync = c.entry("90"), c.entry("https://scenes.example.gov.cn/api/hall-stats"), c.entry("30")
	p.Retention = c.entry("400")
	p.Keys = widget.NewMultiLineEntry()
	p.Keys.SetPlaceHolder("ed25519-public …")
	p.Keys.SetMinRowsVisible(3)
	var langs []string
	for _, l := range catalog.Langs {
		langs = append(langs, l.NativeName())
	}
	p.Lang = widget.NewSelect(langs, nil)
	p.Volume = widget.NewSlider(0, 100)
	p.PortalLocal = widget.NewCheck(c.t("Portal on the hall's own network (plain HTTP)"), nil)
	p.TextSize = widget.NewSelect(textSizes, nil)
	p.Contrast = widget.NewCheck(c.t("High contrast"), nil)
	p.Reach = c.entry("1200")
	pin := func() *widget.Entry {
		e := widget.NewPasswordEntry()
		e.OnChanged = func(string) { c.b.Touch() }
		return e
	}
	p.OldPIN, p.NewPIN, p.NewPIN2 = pin(), pin(), pin()
	form := widget.NewForm(
		widget.NewFormItem(c.t("Idle timeout (s)"), p.Idle),
		widget.NewFormItem(c.t("Default language"), p.Lang),
		widget.NewFormItem(c.t("Volume"), p.Volume),
		widget.NewFormItem(c.t("Text size"), p.TextSize),
		widget.NewFormItem(c.t("Look"), p.Contrast),
		widget.NewFormItem(c.t("Reach height (px)"), p.Reach),
		widget.NewFormItem(c.t("Portal URL"), p.Portal),
		widget.NewFormItem("", p.PortalLocal),
		widget.NewFormItem(c.t("Sync every (min)"), p.Sync),
		widget.NewFormItem(c.t("Keep visitor events (days)"), p.Retention),
		widget.NewFormItem(c.t("Trusted feed keys"), p.Keys),
	)
	pinForm := widget.NewForm(
		widget.NewFormItem(c.t("Current PIN"), p.OldPIN),
		widget.NewFormItem(c.t("New PIN"), p.NewPIN),
		widget.NewFormItem(c.t("New PIN again"), p.NewPIN2),
	)
	box := container.NewVBox(form, c.button("Save", theme.DocumentSaveIcon(), func() { p.Save() }),
		widget.NewSeparator(), pinForm, c.button("Change PIN", theme.AccountIcon(), func() { p.ChangePIN() }), p.message)
	// This screen's name first: the one setting that is the screen's own.
	if p.ScreenName = newScreenNameForm(c); p.ScreenName != nil {
		box.Objects = append([]fyne.CanvasObject{p.ScreenName.root}, box.Objects...)
	}
	p.root = container.NewVScroll(box)
	p.Reset()
	return p
}

// Reset shows the stored settings.
func (p *SettingsPage) Reset() {
	s, keys := p.c.b.Settings()
	p.Idle.SetText(strconv.Itoa(s.IdleSeconds))
	p.Portal.SetText(s.PortalURL)
	p.PortalLocal.SetChecked(s.PortalLocal)
	p.Sync.SetText(strconv.Itoa(s.SyncMinutes))
	p.Retention.SetText(strconv.Itoa(s.RetentionDays))
	p.Keys.SetText(strings.Join(keys, "\n"))
	if l, ok := catalog.ParseLang(s.Lang); ok {
		p.Lang.SetSelected(l.NativeName())
	}
	p.Volume.SetValue(float64(s.Volume))
	if s.TextStep >= 0 && s.TextStep < len(textSizes) {
		p.TextSize.SetSelected(textSizes[s.TextStep])
	}
	p.Contrast.SetChecked(s.Look == hall.LookHighContrast)
	p.Reach.SetText(strconv.Itoa(s.ReachPx))
}

// textSizes name the text size steps, as the visitors' switch does.
var textSizes = []string{"100%", "125%", "150%"}

// Save stores the settings if they are all valid.
func (p *SettingsPage) Save() error {
	s := hall.HallSettings{PortalURL: strings.TrimSpace(p.Portal.Text), PortalLocal: p.PortalLocal.Checked, Volume: int(p.Volume.Value)}
	s.IdleSeconds, _ = strconv.Atoi(strings.TrimSpace(p.Idle.Text))
	s.SyncMinutes, _ = strconv.Atoi(strings.TrimSpace(p.Sync.Text))
	s.RetentionDays, _ = strconv.Atoi(strings.TrimSpace(p.Retention.Text))
	s.TextStep = max(0, slices.Index(textSizes, p.TextSize.Selected))
	s.Look = hall.LookStandard
	if p.Contrast.Checked {
		s.Look = hall.LookHighContrast
	}
	s.ReachPx = -1 // not a number: Validate says so
	if n, err := strconv.Atoi(strings.TrimSpace(p.Reach.Text)); err == nil {
		s.ReachPx = n
	}
	for _, l := range catalog.Langs {
		if l.NativeName() == p.Lang.Selected {
			s.Lang = string(l)
		}
	}
	keys, bad := hall.ParseKeys(p.Keys.Text)
	err := s.Validate()
	if len(bad) > 0 {
		err = fmt.Errorf(p.c.t("%v; not a public key: %q"), p.c.msg(err), bad[0])
	}
	if err == nil && len(bad) == 0 {
		// A new key is never trusted silently: its fingerprint is shown,
		// to compare with the publisher's, and Save pressed again.
		var fresh []string
		if fresh, err = p.c.b.NewKeys(keys); err == nil && len(fresh) > 0 && p.confirmedKeys != strings.Join(fresh, ",") {
			p.confirmedKeys = strings.Join(fresh, ",")
			p.message.SetText(fmt.Sprintf(p.c.t("About to trust a new feed key, fingerprint %s: compare it with the publisher's, then press Save again to trust it."), strings.Join(fresh, ", ")))
			return errNotConfirmed
		}
	}
	if err == nil {
		err = p.c.b.SaveSettings(s, keys)
		p.confirmedKeys = ""
	}
	if err != nil {
		p.message.SetText(p.c.msg(err))
		return err
	}
	p.message.SetText(p.c.t("Saved."))
	return nil
}

// errNotConfirmed says Save waits for a second press.
var errNotConfirmed = errors.New("waiting for the curator to confirm the new keys")

// ChangePIN changes the PIN, given the current one.
func (p *SettingsPage) ChangePIN() error {
	defer func() { p.OldPIN.SetText(""); p.NewPIN.SetText(""); p.NewPIN2.SetText("") }()
	if p.NewPIN.Text != p.NewPIN2.Text {
		p.message.SetText(p.c.t("The two PINs differ."))
		return fmt.Errorf("the two PINs differ")
	}
	if err := p.c.b.ChangePIN(p.OldPIN.Text, p.NewPIN.Text); err != nil {
		p.message.SetText(p.c.msg(err))
		return err
	}
	p.message.SetText(p.c.t("Saved."))
	return nil
}

// OpenPreview opens a window with the hall's home as it will look at t,
// from the catalogue as it stands, without changing what the hall shows.
// Visitors' navigation works inside it, so a curator can open exhibits.
func OpenPreview(b Backend, t time.Time, l catalog.Lang) fyne.Window {
	w := fyne.CurrentApp().NewWindow("Preview " + t.In(b.Zone()).Format("2006-01-02"))
	nav := &previewNav{win: w}
	rot, _ := b.Snapshot().Current(t)
	nav.ui = &screens.UI{Snap: b.Snapshot(), Lang: l, Pics: b.Pictures(), Nav: nav, Rotation: rot}
	nav.Home()
	w.Resize(fyne.NewSize(1600, 900))
	w.Show()
	return w
}

type previewNav struct {
	win fyne.Window
	ui  *screens.UI
}

func (n *previewNav) Home()                  { n.win.SetContent(screens.NewHome(n.ui)) }
func (n *previewNav) Back()                  { n.Home() }
func (n *previewNav) SetLang(l catalog.Lang) { n.ui.Lang = l; n.Home() }
func (n *previewNav) Browse(f catalog.Filter) {
	n.win.SetContent(screens.NewBrowse(n.ui, f, nil).Object())
}
func (n *previewNav) Open(id string) {
	if p, ok := n.ui.Snap.Project(id); ok {
		n.win.SetContent(screens.NewDetail(n.ui, p).Object())
	}
}
