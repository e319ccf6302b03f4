package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"

	"showhall/app/curator"
	"showhall/screens"
	curscreens "showhall/screens/curator"
	"showhall/store/catalog"
	"showhall/store/feed"
	"showhall/store/outbox"
	"showhall/store/stats"
)

func init() {
	registerVerb(verb{name: "curate", usage: "",
		summary: "Open the curator's console in a window (PIN protected): plan rotations, see visitor statistics, change settings.",
		run:     runCurate})
}

func runCurate(env *Env, args []string) int {
	fs := flag.NewFlagSet("curate", flag.ContinueOnError)
	if err := parseVerbFlags(env, fs, "curate", args); err != nil {
		return usageExit(err)
	}
	log := newLogger(env)
	data, snap, err := openCatalogue(env.DataDir, log)
	if err != nil {
		fmt.Fprintf(env.Stderr, "showhall: %v\n", err)
		return ExitFailure
	}
	defer data.Close()
	a := newGUI()
	w := a.NewWindow("showhall – curator")
	b := newCuratorBackend(data, snap, log)
	b.leave = w.Close
	b.pics = screens.NewPictures(storePictures{data.Media})
	w.SetContent(b.pinPad(w, func() { w.SetContent(curscreens.NewConsole(b, w, b.lang()).Object()) }, nil))
	w.Resize(fyne.NewSize(1600, 1000))
	w.ShowAndRun()
	return ExitOK
}

// curatorBackend is the console's way to the data folder: it implements
// screens/curator.Backend for the laptop's window and for the kiosk.
type curatorBackend struct {
	data  *Data
	snap  atomic.Pointer[catalog.Snapshot]
	log   *slog.Logger
	now   func() time.Time
	zone  *time.Location
	pics  *screens.Pictures
	guard *curator.Guard

	k     *kiosk // nil on a laptop
	leave func()
}

func newCuratorBackend(data *Data, snap *catalog.Snapshot, log *slog.Logger) *curatorBackend {
	b := &curatorBackend{data: data, log: log, now: time.Now}
	b.snap.Store(snap)
	b.zone = hallZone()
	b.guard = &curator.Guard{Settings: data.DB, Now: func() time.Time { return b.now() }, Log: log}
	return b
}

// hallZone is Asia/Shanghai, or UTC+8 if the machine has no zone data.
func hallZone() *time.Location {
	if z, err := time.LoadLocation(catalog.HallZone); err == nil {
		return z
	}
	return time.FixedZone("CST", 8*3600)
}

// pinPad builds the PIN pad: a first PIN is chosen on first use; after
// that the PIN opens the console (onOK), with the lockout of curator.Guard.
func (b *curatorBackend) pinPad(w fyne.Window, onOK, onCancel func()) fyne.CanvasObject {
	has, err := b.guard.HasPIN()
	if err != nil {
		b.log.Error("reading the curator PIN", "error", err)
	}
	submit := func(pin string) error {
		if !has {
			if err := b.guard.SetPIN("", pin); err != nil {
				return err
			}
		} else if err := b.guard.Check(pin); err != nil {
			return err
		}
		onOK()
		return nil
	}
	return curscreens.NewPINPad(b.lang(), !has, submit, onCancel, b.Touch).Object()
}

func (b *curatorBackend) lang() catalog.Lang {
	s, _ := curator.LoadSettings(b.data.DB)
	if l, ok := catalog.ParseLang(s.Lang); ok {
		return l
	}
	return catalog.Hans
}

func (b *curatorBackend) Snapshot() *catalog.Snapshot { return b.snap.Load() }
func (b *curatorBackend) Now() time.Time              { return b.now() }
func (b *curatorBackend) Zone() *time.Location        { return b.zone }
func (b *curatorBackend) Pictures() *screens.Pictures { return b.pics }

func (b *curatorBackend) hasMedia(h string) bool {
	m, ok := b.Snapshot().Media(h)
	return ok && b.data.Media.Has(h, m.Size)
}

func (b *curatorBackend) Check(rots []catalog.Rotation) []curator.Finding {
	return curator.Check(curator.Plan{Rotations: rots, Snap: b.Snapshot(), HasMedia: b.hasMedia, Now: b.now(), Zone: b.zone})
}

// reload takes the catalogue back from the store after a change and
// hands it to the kiosk, which shows it at the next return home.
func (b *curatorBackend) reload() error {
	snap, err := b.data.DB.Snapshot()
	if err != nil {
		return err
	}
	b.snap.Store(snap)
	if b.k != nil {
		b.k.SetSnapshot(snap)
	}
	return nil
}

func (b *curatorBackend) SaveRotation(r catalog.Rotation) error {
	if err := b.data.DB.PutRotation(r); err != nil {
		return err
	}
	b.log.Info("rotation saved by a curator", "rotation", r.ID, "start", r.Start, "end", r.End, "exhibits", len(r.Showcase))
	return b.reload()
}

func (b *curatorBackend) DeleteRotation(id string) error {
	if err := b.data.DB.DeleteRotation(id); err != nil {
		return err
	}
	b.log.Info("rotation deleted by a curator", "rotation", id)
	return b.reload()
}

// exportPath is a new file in the data folder's exports/.
func (b *curatorBackend) exportPath(name string) (string, error) {
	dir := filepath.Join(b.data.Dir, "exports")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	return filepath.Join(dir, fmt.Sprintf("%s-%s", b.now().In(b.zone).Format("20060102-150405"), name)), nil
}

// Export writes the whole catalogue, rotations included, as a signed
// bundle (the same feed format a kiosk syncs and imports) for carrying to
// the screens. It is signed with this machine's curator key, made on first
// use under the data folder; its public half is written beside the
// bundle, for the kiosks to trust (`showhall import --trust`).
func (b *curatorBackend) Export() (string, error) {
	keyPath := filepath.Join(b.data.Dir, "keys", "curator")
	priv, err := feed.ReadPrivateKey(keyPath)
	if errors.Is(err, fs.ErrNotExist) {
		if err = os.MkdirAll(filepath.Dir(keyPath), 0o700); err == nil {
			if _, err = feed.WriteKeyPair(keyPath); err == nil {
				b.log.Info("made this machine's curator signing key", "path", keyPath)
				priv, err = feed.ReadPrivateKey(keyPath)
			}
		}
	}
	if err != nil {
		return "", fmt.Errorf("the curator signing key: %w", err)
	}
	doc, err := b.data.DB.Document()
	if err != nil {
		return "", err
	}
	path, err := b.exportPath("catalogue-" + doc.Version + ".zip")
	if err != nil {
		return "", err
	}
	where := func(m catalog.Media) (string, error) { return b.data.Media.Path(m.Hash), nil }
	if err := feed.WriteBundle(path, doc, where, feed.WriteOptions{Key: priv, Generator: "showhall " + Version + " curator"}); err != nil {
		return "", err
	}
	pub, err := os.ReadFile(keyPath + ".pub")
	if err == nil {
		err = os.WriteFile(strings.TrimSuffix(path, ".zip")+".pub", pub, 0o644)
	}
	return path, err
}

func (b *curatorBackend) Events(p stats.Period) ([]stats.Event, error) { return b.data.DB.Events(p) }

func (b *curatorBackend) ExportCSV(kind string, p stats.Period) (string, error) {
	evs, err := b.data.DB.Events(p)
	if err != nil {
		return "", err
	}
	path, err := b.exportPath("statistics-" + kind + ".csv")
	if err != nil {
		return "", err
	}
	f, err := os.Create(path)
	if err != nil {
		return "", err
	}
	if kind == "events" {
		err = stats.WriteEventsCSV(f, evs)
	} else {
		err = stats.WriteReportCSV(f, stats.Summarise(evs, p, b.zone))
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return path, err
}

func (b *curatorBackend) Health() curator.Health {
	h := curator.Health{AppVersion: Version, DataDir: b.data.Dir, DiskFree: diskFree(b.data.Dir)}
	if info, err := b.data.DB.Info(); err == nil {
		h.CatalogueVersion, h.CatalogueSource, h.Committed, h.Projects = info.Version, info.Source, info.Committed, info.Projects
	}
	var st curator.SyncState
	if found, _ := b.data.DB.GetSetting(curator.SettingSyncState, &st); found {
		h.Sync = &st
	}
	h.OutboxWaiting, _ = b.data.DB.OutboxLen()
	snap := b.Snapshot()
	for i := 0; i < snap.Len(); i++ {
		p := snap.At(i)
		for _, m := range append(append([]string{p.Cover}, p.Gallery...), p.Videos...) {
			if m != "" && !b.hasMedia(m) {
				h.MediaMissing = append(h.MediaMissing, fmt.Sprintf("%s: %.12s…", p.ID, m))
			}
		}
	}
	return h
}

func (b *curatorBackend) Settings() (curator.HallSettings, []string) {
	s, err := curator.LoadSettings(b.data.DB)
	if err != nil {
		b.log.Warn("reading settings", "error", err)
	}
	var keys []string
	b.data.DB.GetSetting(curator.SettingTrustedKeys, &keys)
	return s, keys
}

func (b *curatorBackend) SaveSettings(s curator.HallSettings, keys []string) error {
	if err := curator.SaveSettings(b.data.DB, s); err != nil {
		return err
	}
	if err := b.data.DB.PutSetting(curator.SettingTrustedKeys, keys); err != nil {
		return err
	}
	b.log.Info("settings saved by a curator", "idle_seconds", s.IdleSeconds, "lang", s.Lang, "portal", s.PortalURL, "trusted_keys", len(keys))
	if b.k != nil {
		b.k.applySettings(s)
	}
	return nil
}

func (b *curatorBackend) ChangePIN(old, pin string) error { return b.guard.SetPIN(old, pin) }

func (b *curatorBackend) Touch() {
	if b.k != nil {
		b.k.idle.Touch(b.k.now())
	}
}

func (b *curatorBackend) Leave() {
	if b.leave != nil {
		b.leave()
	}
}

func (b *curatorBackend) Kiosk() bool { return b.k != nil }

// Restart quits with the exit code that asks the service (systemd's
// Restart=on-failure) to start the kiosk again.
func (b *curatorBackend) Restart() {
	b.log.Warn("kiosk restart asked for from the curator's console")
	if b.k != nil {
		b.k.exitCode = ExitFailure
		b.k.app.Quit()
	}
}

func (b *curatorBackend) Quit() {
	b.log.Warn("kiosk closed from the curator's console")
	if b.k != nil {
		b.k.app.Quit()
	}
}

// visits is what the kiosk keeps to record visitors' events and to
// open the console: one field of the kiosk, so that app/kiosk.go only
// calls into this file.
type visits struct {
	rec      func(stats.Event) // nil records nothing (tests that do not ask)
	project  *catalog.Project  // the exhibit being looked at, for its dwell time
	since    time.Time
	depth    int // the navigation depth it was opened at
	curating bool
	backend  *curatorBackend
}

// record stamps an event with the season and language and hands it on.
func (k *kiosk) record(kind stats.Kind, p *catalog.Project, value int64) {
	if k.visits.rec == nil {
		return
	}
	e := stats.New(kind, k.now())
	e.Lang, e.Value = string(k.ui.Lang), value
	if k.ui.Rotation != nil {
		e.Rotation = k.ui.Rotation.ID
	}
	if p != nil {
		e.Project = p.ID
		if len(p.Themes) > 0 {
			e.Theme = p.Themes[0]
		}
	}
	k.visits.rec(e)
}

// noteOpened records an exhibit's page opening and starts its dwell.
func (k *kiosk) noteOpened(p *catalog.Project) {
	k.record(stats.ExhibitOpened, p, 0)
	k.visits.project, k.visits.since, k.visits.depth = p, k.now(), len(k.stack)
}

// noteLeft is called whenever the page changes: if the visitor left the
// exhibit's page (back, home, another page on top, the attract screen)
// its dwell is recorded. A language switch keeps the page, and its
// dwell. Time after the last touch does not count, so an idle reset does
// not add the whole timeout.
func (k *kiosk) noteLeft() {
	v := &k.visits
	if v.project == nil || (len(k.stack) == v.depth && !k.onAttr && !v.curating) {
		return
	}
	end := k.now()
	if last := k.idle.last; last.After(v.since) && last.Before(end) && (k.onAttr || v.curating) {
		end = last
	}
	dwell := end.Sub(v.since)
	if dwell < 0 {
		dwell = 0 // the clock went back
	}
	k.record(stats.ExhibitDwell, v.project, dwell.Milliseconds())
	v.project = nil
}

// startStatistics records the kiosk's events in the store, from a
// goroutine of its own (never a database write on the UI goroutine),
// and uploads them to the portal set in the settings.
func (k *kiosk) startStatistics(ctx context.Context, data *Data) {
	ch := make(chan stats.Event, 1024)
	k.visits.rec = func(e stats.Event) {
		select {
		case ch <- e:
		default:
			k.log.Warn("statistics recorder is behind; an event was dropped", "kind", e.Kind)
		}
	}
	go func() {
		for {
			var batch []stats.Event
			select {
			case <-ctx.Done():
				return
			case e := <-ch:
				batch = append(batch, e)
			}
			for len(ch) > 0 && len(batch) < 256 {
				batch = append(batch, <-ch)
			}
			if err := data.DB.RecordEvents(batch...); err != nil {
				k.log.Error("recording visitor statistics", "error", err, "events", len(batch))
			}
		}
	}()
	c := &outbox.Client{Store: data.DB, Kiosk: hostname(), Log: k.log}
	interval := func() time.Duration {
		s, _ := curator.LoadSettings(data.DB)
		return time.Duration(s.SyncMinutes) * time.Minute
	}
	go c.Run(ctx, interval(), func() string {
		s, _ := curator.LoadSettings(data.DB)
		return s.PortalURL
	})
}

func hostname() string {
	h, _ := os.Hostname()
	return h
}

// enableCurator lets staff reach the console on this kiosk.
func (k *kiosk) enableCurator(data *Data) {
	b := newCuratorBackend(data, k.snap.Load(), k.log)
	b.k = k
	b.now = func() time.Time { return k.now() }
	b.pics = k.pics
	b.leave = k.showAttract
	k.visits.backend = b
	// Saved settings were applied by runKiosk already, where the command
	// line can override them; here they would undo --idle and --lang.
}

// applySettings takes saved settings into use at once: the idle timeout
// now, the default language from the next visitor.
func (k *kiosk) applySettings(s curator.HallSettings) {
	if s.IdleSeconds >= 30 {
		k.idle.Timeout = s.Idle()
	}
	if l, ok := catalog.ParseLang(s.Lang); ok {
		k.defaultLang = l
	}
	k.applyViewingSettings(s)
}

// cornerTap is a short tap on the hidden corner: it does what the
// top-left of the screen does for visitors (Home, or "touch to start",
// or keeping the page when the countdown shows).
func (k *kiosk) cornerTap() {
	switch {
	case k.visits.curating:
	case k.countdownShown():
		k.idle.Touch(k.now())
		k.showCountdown(false)
	default:
		k.Home()
	}
}

// openCurator shows the PIN pad over the kiosk (after the corner hold).
// The console stays under the kiosk's idle timer: a curator who walks
// away leaves a kiosk that returns to visitors by itself.
func (k *kiosk) openCurator() {
	b := k.visits.backend
	if b == nil || k.visits.curating {
		return
	}
	k.log.Info("curator PIN pad opened from the hidden corner")
	if k.attract != nil {
		k.attract.Stop()
	}
	k.stopVideo()
	k.onAttr = false
	k.visits.curating = true
	k.noteLeft()
	k.stack = nil
	k.idle.Touch(k.now())
	k.setBody(b.pinPad(k.win, func() {
		k.setBody(curscreens.NewConsole(b, k.win, b.lang()).Object())
	}, k.showAttract))
}

// cornerArea is the invisible 80x80 area in the top-left corner that
// opens the PIN pad when held for 5 s.
func (k *kiosk) cornerArea() fyne.CanvasObject {
	c := curscreens.NewCornerHold(k.openCurator, k.cornerTap)
	c.Resize(fyne.NewSize(80, 80))
	return c
}
