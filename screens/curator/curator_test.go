package curator

import (
	"crypto/ed25519"
	"fmt"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"showhall/screens"
	"showhall/screens/uitest"
	"showhall/store/catalog"
	"showhall/store/catalog/catalogtest"
	"showhall/store/feed"
	"showhall/store/hall"
	"showhall/store/hours"
	"showhall/store/notice"
	"showhall/store/plan"
	"showhall/store/stats"
)

// fake is the app behind the console: a catalogue in memory that saves
// rotations by rebuilding its snapshot, as the store would.
type fake struct {
	doc      catalog.Document
	snap     *catalog.Snapshot
	now      time.Time
	saved    []catalog.Rotation
	settings hall.HallSettings
	keys     []string
	pin      string
	left     bool
	events   []stats.Event
	wentBack atomic.Value // string: the URL GoBack was called with, from the console's goroutine
	hours    *hours.Hours // nil: none saved
	health   hall.Health
	board    notice.Board
	key      ed25519.PrivateKey
	// The USB stick page: what the sticks offer, and what was asked of
	// them (from the console's goroutines).
	bundles  []hall.StickBundle
	folders  []string
	applied  atomic.Value // string: "path older=bool"
	exported atomic.Value // string: the folder
	// What was sent to the hall's other screens, and their answers.
	sentMu     sync.Mutex
	sent       []string
	deliveries []Delivery
}

var sh, _ = time.LoadLocation(catalog.HallZone)

func newFake() *fake {
	f := &fake{doc: catalogtest.Generate(60, 7), now: time.Date(2026, 10, 15, 10, 0, 0, 0, sh),
		settings: hall.DefaultSettings(), pin: "135790"}
	_, f.key, _ = ed25519.GenerateKey(nil)
	f.rebuild()
	return f
}

func (f *fake) rebuild() {
	doc := f.doc
	doc.Projects = append([]catalog.Project(nil), f.doc.Projects...)
	doc.Rotations = append([]catalog.Rotation(nil), f.doc.Rotations...)
	f.snap = catalog.NewSnapshot(doc)
}

func (f *fake) Snapshot() *catalog.Snapshot { return f.snap }
func (f *fake) Now() time.Time              { return f.now }
func (f *fake) Zone() *time.Location        { return sh }
func (f *fake) Pictures() *screens.Pictures { return screens.NewPictures(nil) }
func (f *fake) Export() (string, error)     { return "/tmp/exported", nil }
func (f *fake) Health() hall.Health         { h := f.health; h.AppVersion = "test"; return h }
func (f *fake) Touch()                      {}
func (f *fake) Leave()                      { f.left = true }
func (f *fake) Kiosk() bool                 { return true }
func (f *fake) Restart()                    {}
func (f *fake) Quit()                       {}
func (f *fake) QuitWarning() string {
	return "This PC is a dedicated kiosk: closing restarts the kiosk, as there is no desktop to return to."
}
func (f *fake) Check(r []catalog.Rotation) []plan.Finding {
	return plan.Check(plan.Plan{Rotations: r, Snap: f.snap, Now: f.now, Zone: sh})
}
func (f *fake) SaveRotation(r catalog.Rotation) error {
	doc := f.doc
	doc.Rotations = plan.WithRotation(doc.Rotations, r)
	if err := doc.Validate(); err != nil {
		return err
	}
	f.doc.Rotations = doc.Rotations
	f.saved = append(f.saved, r)
	f.rebuild()
	return nil
}
func (f *fake) DeleteRotation(id string) error { return nil }
func (f *fake) Events(p stats.Period) ([]stats.Event, error) {
	return f.events, nil
}
func (f *fake) ExportCSV(string, stats.Period) (string, error) { return "/tmp/x.csv", nil }
func (f *fake) Settings() (hall.HallSettings, []string)        { return f.settings, f.keys }
func (f *fake) SaveSettings(s hall.HallSettings, k []string) error {
	f.settings, f.keys = s, k
	return nil
}
func (f *fake) NewKeys(lines []string) ([]string, error) {
	var ids []string
	for _, l := range lines {
		if !slices.Contains(f.keys, l) {
			ids = append(ids, "fp"+l[len(l)-4:])
		}
	}
	return ids, nil
}
func (f *fake) Hours() (hours.Hours, bool) {
	if f.hours == nil {
		return hours.Default(), false
	}
	return *f.hours, true
}
func (f *fake) SaveHours(h hours.Hours) error {
	if err := h.Validate(); err != nil {
		return err
	}
	f.hours = &h
	return nil
}
func (f *fake) Notices() []notice.Notice {
	return f.board.Notices([]feed.PublicKey{feed.PublicKey(f.key.Public().(ed25519.PublicKey))})
}
func (f *fake) PublishNotice(n notice.Notice) (string, error) {
	n.Signed = f.now
	file, err := notice.Sign(f.key, n)
	if err != nil {
		return "", err
	}
	_, err = f.board.Accept(file, []feed.PublicKey{feed.PublicKey(f.key.Public().(ed25519.PublicKey))}, f.now)
	return "/tmp/" + n.ID + ".notice", err
}
func (f *fake) SendToHall(what Sent, id string) []Delivery {
	f.sentMu.Lock()
	defer f.sentMu.Unlock()
	f.sent = append(f.sent, fmt.Sprint(what, id))
	return f.deliveries
}
func (f *fake) GoBack(url string) error { f.wentBack.Store(url); return nil }
func (f *fake) went() string            { s, _ := f.wentBack.Load().(string); return s }
func (f *fake) Sticks() ([]hall.StickBundle, []string) {
	return f.bundles, f.folders
}
func (f *fake) ApplyStick(path string, older bool, progress func(float64)) error {
	progress(0.5)
	progress(1)
	f.applied.Store(fmt.Sprintf("%s older=%v", path, older))
	return nil
}
func (f *fake) ExportToStick(folder, rotation string) (string, error) {
	f.exported.Store(folder + " " + rotation)
	return folder + "/showhall/catalogue.zip", nil
}
func (f *fake) ChangePIN(old, pin string) error {
	if old != f.pin {
		return hall.ErrWrongPIN{Left: 4}
	}
	f.pin = pin
	return nil
}

func newTestConsole(t *testing.T) (*Console, *fake, fyne.Window) {
	t.Helper()
	a := uitest.NewApp(t)
	a.Settings().SetTheme(screens.HallTheme{})
	screens.PressDelay = 0
	f := newFake()
	w := test.NewTempWindow(t, nil)
	c := NewConsole(f, w, catalog.En)
	w.SetContent(c.Object())
	w.Resize(fyne.NewSize(1600, 1000))
	return c, f, w
}

// findButton finds a button by its text anywhere under o.
func findButton(t *testing.T, o fyne.CanvasObject, text string) *widget.Button {
	t.Helper()
	found := findButtonWith(t, o, func(b *widget.Button) bool { return b.Text == text })
	if found == nil {
		t.Fatalf("no button %q", text)
	}
	return found
}

// findButtonWith finds the first button under o that match says is it.
func findButtonWith(t *testing.T, o fyne.CanvasObject, match func(*widget.Button) bool) *widget.Button {
	t.Helper()
	var found *widget.Button
	var walk func(o fyne.CanvasObject)
	walk = func(o fyne.CanvasObject) {
		if found != nil {
			return
		}
		switch x := o.(type) {
		case *widget.Button:
			if match(x) {
				found = x
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walk(c)
			}
		case fyne.Widget:
			r := test.TempWidgetRenderer(t, x)
			for _, c := range r.Objects() {
				walk(c)
			}
		}
	}
	walk(o)
	return found
}

func TestPlanARotationEndToEnd(t *testing.T) {
	c, f, _ := newTestConsole(t)
	p := c.Planner
	ed := p.Editor
	if ed.ID.Text != "r2026-3" || ed.ID.Disabled() {
		// The current rotation is loaded, its id fixed.
		if !ed.ID.Disabled() {
			t.Fatalf("the editor opened on %q, editable", ed.ID.Text)
		}
	}

	// A new rotation starts the day after the last one ends.
	test.Tap(findButton(t, p.root, "New rotation"))
	if ed.First.Text != "2027-01-01" || ed.Last.Text != "2027-04-30" || ed.ID.Text != "r2027-01-01" {
		t.Fatalf("new rotation: %s %s to %s", ed.ID.Text, ed.First.Text, ed.Last.Text)
	}
	ed.ID.SetText("r2027-1")
	test.Type(ed.NameHans, "2027年春季展")
	test.Type(ed.NameHant, "2027年春季展")
	test.Type(ed.NameEn, "Spring 2027")

	// Saving it empty is refused.
	if err := ed.Save(); err == nil || len(f.saved) != 0 {
		t.Fatal("an empty rotation was saved")
	}
	if got := strings.Join(ed.Findings(), "\n"); !strings.Contains(got, "showcases no project") {
		t.Fatalf("findings for an empty rotation:\n%s", got)
	}

	// Pick projects: filter by theme, search, add three.
	ed.Theme.SetSelected("Smart healthcare")
	for _, pr := range ed.Results() {
		if !pr.HasTheme("smart-healthcare") {
			t.Fatalf("%s is not smart healthcare", pr.ID)
		}
	}
	picked := []string{ed.Results()[0].ID, ed.Results()[1].ID}
	ed.Theme.SetSelectedIndex(0)
	test.Type(ed.Search, "no. 5")
	if len(ed.Results()) == 0 {
		t.Fatal("search for no. 5 found nothing")
	}
	picked = append(picked, ed.Results()[0].ID)
	for _, id := range picked {
		ed.Add(id)
	}
	for _, pr := range ed.Results() {
		if pr.ID == picked[2] {
			t.Fatal("a showcased project is still offered")
		}
	}
	// Order: move the third up to first, feature it, drop the second.
	ed.Move(2, -1)
	ed.Move(1, -1)
	ed.SetFeatured(0, true)
	ed.Remove(2)

	if err := ed.Save(); err != nil {
		t.Fatalf("save: %v\n%s", err, strings.Join(ed.Findings(), "\n"))
	}
	if len(f.saved) != 1 {
		t.Fatalf("%d rotations saved", len(f.saved))
	}
	r := f.saved[0]
	want := []catalog.Showcase{{Project: picked[2], Featured: true}, {Project: picked[0]}}
	if r.ID != "r2027-1" || r.Name.En != "Spring 2027" || len(r.Showcase) != 2 || r.Showcase[0] != want[0] || r.Showcase[1] != want[1] {
		t.Fatalf("saved %+v", r)
	}
	if !r.Start.Equal(time.Date(2027, 1, 1, 0, 0, 0, 0, sh)) || !r.End.Equal(time.Date(2027, 5, 1, 0, 0, 0, 0, sh)) {
		t.Fatalf("saved dates %v to %v", r.Start, r.End)
	}
	got := strings.Join(ed.Findings(), "\n")
	if !strings.Contains(got, "Saved.") || !strings.Contains(got, `nothing is planned after "Spring 2027"`) {
		t.Fatalf("findings after saving:\n%s", got)
	}
	// It is on the timeline as upcoming, and the editor now edits it.
	if len(p.timeline.Objects) != 4 || !ed.ID.Disabled() {
		t.Fatalf("timeline of %d after saving", len(p.timeline.Objects))
	}
	test.AssertObjectRendersToMarkup(t, "timeline.xml", p.timeline)

	// An overlapping plan is refused, saying with what.
	test.Tap(findButton(t, p.root, "New rotation"))
	ed.ID.SetText("overlap")
	ed.First.SetText("2027-04-01")
	ed.Last.SetText("2027-06-30")
	ed.Add(picked[0])
	if err := ed.Save(); err == nil {
		t.Fatal("an overlapping rotation was saved")
	}
	if got := strings.Join(ed.Findings(), "\n"); !strings.Contains(got, `overlaps "Spring 2027" (r2027-1) from 2027-04-01 to 2027-04-30`) {
		t.Fatalf("overlap findings:\n%s", got)
	}
	test.AssertObjectRendersToMarkup(t, "findings.xml", ed.findings)
}

func TestPINPadSetsThenChecks(t *testing.T) {
	uitest.NewApp(t)
	var set string
	pad := NewPINPad(catalog.En, true, func(pin string) error { set = pin; return nil }, nil, nil)
	for _, d := range "135790" {
		pad.Type(string(d))
	}
	pad.Enter()
	for _, d := range "135799" {
		pad.Type(string(d))
	}
	pad.Enter()
	if set != "" || pad.Message() != "The two PINs differ." {
		t.Fatalf("differing PINs: set %q, message %q", set, pad.Message())
	}
	for i := 0; i < 2; i++ {
		for _, d := range "135790" {
			pad.Type(string(d))
		}
		pad.Enter()
	}
	if set != "135790" {
		t.Fatalf("set %q", set)
	}
	tries := 0
	check := NewPINPad(catalog.En, false, func(pin string) error { tries++; return hall.ErrWrongPIN{Left: 4} }, nil, nil)
	check.Type("1")
	check.Enter()
	if tries != 1 || !strings.Contains(check.Message(), "4 tries left") {
		t.Fatalf("wrong PIN message %q", check.Message())
	}
	test.AssertObjectRendersToMarkup(t, "pinpad.xml", check.Object())
	// A dot for each digit typed, never the digit.
	typing := NewPINPad(catalog.En, false, func(string) error { return nil }, nil, nil)
	for _, d := range "135" {
		typing.Type(string(d))
	}
	test.AssertObjectRendersToMarkup(t, "pinpad-typing.xml", typing.Object())
}

func TestStatisticsPageDrawsCharts(t *testing.T) {
	c, f, _ := newTestConsole(t)
	day := time.Date(2026, 10, 1, 11, 0, 0, 0, sh)
	for d := 0; d < 14; d++ {
		for i := 0; i <= d%5; i++ {
			e := stats.New(stats.ExhibitOpened, day.AddDate(0, 0, d))
			e.Project, e.Theme = f.snap.At(i).ID, f.snap.At(i).Themes[0]
			f.events = append(f.events, e)
		}
	}
	rep := stats.Summarise(f.events, stats.Period{From: day.AddDate(0, 0, -1), To: day.AddDate(0, 0, 14)}, sh)
	c.Stats.Show(rep, nil, f.snap, catalog.En)
	test.AssertObjectRendersToMarkup(t, "stats.xml", c.Stats.body)
}

func TestSettingsValidateBeforeSaving(t *testing.T) {
	c, f, _ := newTestConsole(t)
	s := c.prefs
	s.Idle.SetText("10")
	if err := s.Save(); err == nil || f.settings.IdleSeconds != 90 {
		t.Fatal("an idle timeout of 10 s was saved")
	}
	s.Idle.SetText("120")
	s.Portal.SetText("https://portal.example/stats")
	s.Keys.SetText("ed25519-public AAAA\n")
	// A new key is named with its fingerprint first, and trusted only at
	// the second press.
	if err := s.Save(); err == nil || len(f.keys) != 0 || !strings.Contains(s.message.Text, "fingerprint fpAAAA") {
		t.Fatalf("first save of a new key: %v, keys %v, message %q", err, f.keys, s.message.Text)
	}
	if err := s.Save(); err != nil || f.settings.IdleSeconds != 120 || f.settings.PortalURL != "https://portal.example/stats" || len(f.keys) != 1 {
		t.Fatalf("save: %v, %+v %v", err, f.settings, f.keys)
	}
	s.OldPIN.SetText("135790")
	s.NewPIN.SetText("246802")
	s.NewPIN2.SetText("246802")
	if err := s.ChangePIN(); err != nil || f.pin != "246802" {
		t.Fatalf("change PIN: %v", err)
	}
}

// The health page flags a stale catalogue, and going back to an older
// catalogue a feed offered takes a sentence of confirmation and a second
// press.
func TestHealthFlagsStaleAndGoesBackOnConfirmation(t *testing.T) {
	c, f, _ := newTestConsole(t)
	h := c.health
	signed := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	h.Show(hall.Health{AppVersion: "test", CatalogueVersion: "v2", Stale: true,
		ValidUntil: signed.AddDate(1, 0, 0), Verified: signed,
		Sync: &hall.SyncState{Older: &hall.OlderOffer{URL: "http://portal/manifest.json", Version: "v1", Signed: signed}}})
	var texts []string
	for _, it := range h.form.Items {
		texts = append(texts, it.Widget.(*widget.Label).Text)
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "STALE: expired 2027-03-01") || !strings.Contains(all, "v1, signed 2026-03-01") {
		t.Fatalf("health page says:\n%s", all)
	}
	if h.GoBack.Hidden {
		t.Fatal("no way to go back to the older catalogue")
	}
	test.Tap(h.GoBack)
	if f.went() != "" || !strings.Contains(h.backNote.Text, "will go back to catalogue v1") {
		t.Fatalf("first press: went back to %q, note %q", f.went(), h.backNote.Text)
	}
	test.Tap(h.GoBack)
	// The page then says so and reads the health again (the fake's has no
	// stale catalogue): wait for both, so that nothing of this test is
	// still at work when the next one starts.
	a := fyne.CurrentApp().(*uitest.App)
	stale := func() bool {
		for _, it := range h.form.Items {
			if strings.Contains(it.Widget.(*widget.Label).Text, "STALE") {
				return true
			}
		}
		return false
	}
	if !a.WaitUntil(5*time.Second, func() bool { return strings.Contains(h.backNote.Text, "went back") && !stale() }) {
		t.Fatalf("after the second press: note %q, went back to %q", h.backNote.Text, f.went())
	}
	if f.went() != "http://portal/manifest.json" {
		t.Fatalf("second press went back to %q", f.went())
	}
	h.Show(hall.Health{AppVersion: "test"})
	if !h.GoBack.Hidden {
		t.Fatal("going back offered with no older catalogue")
	}
}

func TestCloseKioskSaysWhatItLeaves(t *testing.T) {
	c, _, _ := newTestConsole(t)
	test.Tap(findButton(t, c.root, "Close kiosk"))
	if !strings.Contains(c.asked, "Close kiosk?") || !strings.Contains(c.asked, "no desktop to return to") {
		t.Fatalf("the confirmation asks %q", c.asked)
	}
}

// The health page lists the media refused when the catalogue came in,
// with why, so the curator learns what visitors will not see.
func TestHealthListsRefusedMedia(t *testing.T) {
	c, _, _ := newTestConsole(t)
	h := c.health
	h.Show(hall.Health{AppVersion: "test", MediaRefused: []string{
		"p-003: video/mp4 1a2b3c4d5e6f…: not a video the hall can play: the file is cut short"}})
	var texts []string
	for _, it := range h.form.Items {
		texts = append(texts, it.Text+" "+it.Widget.(*widget.Label).Text)
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "Media refused 1: p-003: video/mp4 1a2b3c4d5e6f…: not a video the hall can play: the file is cut short") {
		t.Fatalf("health page says:\n%s", all)
	}
}

// The health page shows the kiosk's memory when the kiosk gives it, and
// has no such line otherwise (a laptop's console).
func TestHealthShowsTheKiosksMemory(t *testing.T) {
	c, _, _ := newTestConsole(t)
	h := c.health
	lines := func() string {
		var texts []string
		for _, it := range h.form.Items {
			texts = append(texts, it.Text+" "+it.Widget.(*widget.Label).Text)
		}
		return strings.Join(texts, "\n")
	}
	h.Show(hall.Health{AppVersion: "test"})
	if all := lines(); strings.Contains(all, "Memory") {
		t.Fatalf("a memory line without a kiosk:\n%s", all)
	}
	h.Show(hall.Health{AppVersion: "test", Memory: &hall.Memory{Resident: 310 << 20}})
	if all := lines(); !strings.Contains(all, "Memory 310 MiB\n") && !strings.HasSuffix(all, "Memory 310 MiB") {
		t.Fatalf("before any visitor, the health page says:\n%s", all)
	}
	at := time.Date(2026, 12, 3, 10, 48, 0, 0, time.UTC)
	h.Show(hall.Health{AppVersion: "test", Memory: &hall.Memory{Resident: 310 << 20, GivenBackAt: at, Before: 505 << 20, After: 302 << 20}})
	want := "Memory 310 MiB; after the last visitors (" + at.In(c.b.Zone()).Format("2006-01-02 15:04 MST") + ") it went from 505 to 302 MiB"
	if all := lines(); !strings.Contains(all, want) {
		t.Fatalf("health page says:\n%s\nwant the line %q", all, want)
	}
}

// The health page says what the screen did with the last bundle found on
// a USB stick, and "never" before the first.
func TestHealthShowsTheLastStick(t *testing.T) {
	c, _, _ := newTestConsole(t)
	h := c.health
	row := func() string {
		for _, it := range h.form.Items {
			if it.Text == "Last USB stick" {
				return it.Widget.(*widget.Label).Text
			}
		}
		return "(no row)"
	}
	h.Show(hall.Health{AppVersion: "test"})
	if got := row(); got != "never" {
		t.Fatalf("before any stick: %q", got)
	}
	h.Show(hall.Health{AppVersion: "test", LastStick: "2026-12-02 16:00: spring.zip refused: the feed is not signed"})
	if got := row(); !strings.Contains(got, "spring.zip refused: the feed is not signed") {
		t.Fatalf("after a stick: %q", got)
	}
}
